"""The handouts as PDF: the HTML handouts printed by headless Chromium, the engine CI checks.

Chromium writes a tagged PDF with an outline, the document title (the HTML <title>) and
language (<html lang>). Each module starts a page; one that would leave a near-empty page
behind it runs on instead (run_on.py: a second print, and a third when that leaves another). Its creation and modification dates are set to the build time, so
identical inputs give identical bytes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved
from .base import Renderer, RenderError, RenderOptions, build_time
from .external import chromium_print_pdf
from .handout import FacilitatorHandout, ParticipantHandout, _Handout
from .programs import find_program, not_found
from .run_on import modules_to_run_on, run_on

RUN_ON_PRINTS = 2  # at most this many prints after the first
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]{0,8}\)")


class _PdfHandout(Renderer):
    html: _Handout  # the HTML handout renderer whose page is printed (set by each subclass)
    default = False  # needs Chromium: built when asked for with --format

    def render(self, resolved: Resolved, options: RenderOptions) -> bytes:
        if find_program("chromium") is None:
            raise RenderError(f"--format {self.name} prints the handout with Chromium: {not_found('chromium')}")
        page = self.html.render(resolved, options)
        pdf = chromium_print_pdf(page, f"--format {self.name}")
        running_on: list = []
        for _ in range(RUN_ON_PRINTS):  # printed again while a module leaves a near-empty page behind it
            more = [m for m in modules_to_run_on(run_on(page, running_on), pdf) if m not in running_on]
            if not more:
                break
            running_on += more
            pdf = chromium_print_pdf(run_on(page, running_on), f"--format {self.name}")
        return _fix_dates(pdf, build_time(resolved).strftime("%Y%m%d%H%M%S").encode("ascii"))

    @property
    def thumbnails(self) -> bool:
        return self.html.thumbnails


def _fix_dates(pdf: bytes, stamp: bytes) -> bytes:
    """Set the PDF's dates to the build time, keeping every byte offset (same length)."""
    def replace(match):
        old = match.group(0)
        new = b"/" + match.group(1) + b" (D:" + stamp + b"Z)"
        return new.ljust(len(old), b" ") if len(new) <= len(old) else old
    return PDF_DATE.sub(replace, pdf)


class FacilitatorPdf(_PdfHandout):
    name = "facilitator-pdf"
    suffix = "-facilitator.pdf"
    description = "facilitator handout as a tagged PDF (needs Chromium)"
    html = FacilitatorHandout()


class ParticipantPdf(_PdfHandout):
    name = "participant-pdf"
    suffix = "-participant.pdf"
    description = "participant handout as a tagged PDF (needs Chromium)"
    html = ParticipantHandout()
