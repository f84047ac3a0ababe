"""The deck as a PDF for circulation: the very .pptx the build renders, converted by LibreOffice.

One page a slide, tagged (headings, reading order, the pictures' alt text), links clickable,
the document's dates set to the build time. Every deck of a build goes through one warm
LibreOffice (office.py).
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved
from .base import Renderer, RenderError, RenderOptions, build_time
from .deck_conversion import EXPORT
from .programs import find_program, not_found

DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:\d{14}[^)]{0,8}\)")
FILE_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")
LANG = re.compile(rb"/Lang\s*\(([A-Za-z]{2,3}-[A-Za-z]{2})\)")  # LibreOffice's own default, e.g. en-US
CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]{32})")


class DeckPdf(Renderer):
    name = "deck-pdf"
    suffix = ".pdf"
    description = "the deck as a tagged PDF, one page a slide (needs LibreOffice)"
    default = False  # needs LibreOffice: built when asked for with --format
    export = EXPORT  # the slide pictures' conversion too

    def render(self, resolved: Resolved, options: RenderOptions) -> bytes:
        from .deck_conversion import deck_pdf
        from .office import MIN_JSON_OPTIONS, convert, pdf_target, version
        from .rendered_deck import deck_bytes

        purpose = f"--format {self.name}"
        if find_program("soffice") is None:
            raise RenderError(f"{purpose} converts the deck with LibreOffice: {not_found('soffice')}")
        found = version(purpose)
        if found and found < MIN_JSON_OPTIONS:
            raise RenderError(f"{purpose} needs LibreOffice {'.'.join(map(str, MIN_JSON_OPTIONS))} or later "
                              f"(found {'.'.join(map(str, found))})")
        if self.export == DeckPdf.export:  # the slide pictures' conversion too, perhaps already made
            pdf = deck_pdf(deck_bytes(resolved), ".pptx", purpose)
        else:  # notes pages: a conversion of its own
            target = pdf_target("impress_pdf_Export", **self.export)
            pdf = convert({"deck.pptx": deck_bytes(resolved)}, target, purpose)["deck"]
        return stable_pdf(pdf, build_time(resolved).strftime("%Y%m%d%H%M%S").encode("ascii"),
                          resolved.workshop.language)


def stable_pdf(pdf: bytes, stamp: bytes, language: str = "") -> bytes:
    """LibreOffice's PDF with the build time for its dates, the workshop's language (where it has the
    same length as LibreOffice's default) and a file id made from its content.

    Every replacement keeps its length, so byte offsets (the cross-reference table) hold.
    """
    def date(match):
        old = match.group(0)
        new = b"/" + match.group(1) + b"(D:" + stamp + b"Z)"
        return new.ljust(len(old), b" ") if len(new) <= len(old) else old

    def lang(match):
        new = language.encode("ascii", "replace")
        return match.group(0).replace(match.group(1), new) if len(new) == len(match.group(1)) else match.group(0)

    pdf = DATE.sub(date, pdf)
    if language:
        pdf = LANG.sub(lang, pdf)
    spans = [m.span(g) for pattern in (FILE_ID, CHECKSUM) for m in pattern.finditer(pdf)
             for g in range(1, pattern.groups + 1)]  # the ids and checksum, which vary run to run
    out = bytearray(pdf)
    for start, end in spans:
        out[start:end] = b"0" * (end - start)
    digest = hashlib.sha256(bytes(out)).hexdigest()[:32].upper().encode("ascii")
    for start, end in spans:
        out[start:end] = digest
    return bytes(out)
