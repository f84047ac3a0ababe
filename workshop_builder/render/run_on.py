"""PDF handouts: a module that would leave a near-empty page behind it runs on instead.

Each module (and the support contacts) starts a new page, so a module whose last line or two
spill over leaves a page holding just those lines. After the first print, the pages are read
(poppler's pdftotext, when installed): a section whose page before it is under a fifth full is
marked to run on from that page, and the handout is printed once more. Without pdftotext the
first print stands.
"""

from __future__ import annotations

import html as html_lib
import re
import subprocess

from .external import TIMEOUT
from .programs import find_program

NEAR_EMPTY = 0.2  # a page under this share of the body's height is near-empty
MARGIN_SHARE = 0.07  # lines in the top or bottom 7% of a page are the running head and the page number
RUN_ON_CLASS = "run-on"
# a section the print style starts on a new page: each module (by its id) and the support contacts
_SECTION = re.compile(r'<section class="(module" id="[^"]+|support)"[^>]*>\s*<h2[^>]*>(.*?)</h2>', re.DOTALL)
_PAGE = re.compile(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_LINE = re.compile(r'<line xMin="[\d.-]+" yMin="([\d.-]+)" xMax="[\d.-]+" yMax="([\d.-]+)">(.*?)</line>', re.DOTALL)
_WORD = re.compile(r"<word [^>]*>(.*?)</word>")


def modules_to_run_on(page: bytes, pdf: bytes) -> list:
    """The sections (of the HTML page) that start a page and whose page before them in the PDF is
    near-empty, each as run_on() takes it ('module" id="ID' or 'support'); [] when pdftotext is not
    installed or the page has no such sections."""
    titles = {_flat(re.sub(r"<[^>]+>", " ", title)): ident
              for ident, title in _SECTION.findall(page.decode("utf-8", "replace"))}
    pdftotext = find_program("pdftotext")
    if not titles or pdftotext is None:
        return []
    try:
        out = subprocess.run([pdftotext, "-bbox-layout", "-", "-"], input=pdf, capture_output=True,
                             timeout=TIMEOUT, check=True).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return []
    pages = [_body_lines(float(height), body) for height, body in _PAGE.findall(out)]
    filled = [lines for lines in pages if lines]
    if not filled:
        return []
    top = min(lines[0][0] for lines in filled)
    bottom = max(max(b for _, b, _ in lines) for lines in filled)
    found = []
    for before, after in zip(pages, pages[1:]):
        starts = [" ".join(text for _, _, text in after[:k]) for k in (1, 2, 3)]
        ident = next((titles[s] for s in starts if s in titles), None)
        if ident and before and (max(b for _, b, _ in before) - top) / (bottom - top) < NEAR_EMPTY:
            found.append(ident)
    return found


def run_on(page: bytes, sections: list) -> bytes:
    """The HTML page with those sections marked to run on (no page break before them)."""
    text = page.decode("utf-8")
    for section in sections:
        kind = section.split('"')[0]  # "module" or "support"; the rest is the module's id attribute
        text = text.replace(f'<section class="{section}"',
                            f'<section class="{kind} {RUN_ON_CLASS}{section[len(kind):]}"', 1)
    return text.encode("utf-8")


def _body_lines(height: float, body: str) -> list:
    """[(top, bottom, text)] of a page's lines outside its top and bottom margins, top to bottom."""
    edge = height * MARGIN_SHARE
    lines = []
    for top, bottom, words in _LINE.findall(body):
        text = _flat(" ".join(html_lib.unescape(w) for w in _WORD.findall(words)))
        if text and float(bottom) >= edge and float(top) <= height - edge:
            lines.append((float(top), float(bottom), text))
    return sorted(lines)


def _flat(text: str) -> str:
    return " ".join(html_lib.unescape(text).replace("\u00a0", " ").split())
