"""Reading a printed handout (a PDF) page by page, as a trainer checks a print-out.

Each page's text lines with their positions come from poppler's `pdftotext -bbox-layout`; the
running header and the "Page X of Y" footer are told apart from the body by their text. The
findings name the page, so a failing test says where to look.
"""

from __future__ import annotations

import html as html_lib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from workshop_builder.phone_numbers import find_phone_numbers

TIMEOUT = 300
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
LINE = re.compile(r'<line xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</line>',
                  re.DOTALL)
WORD = re.compile(r"<word [^>]*>(.*?)</word>")
PAGE_OF = re.compile(r"Page (\d+) of (\d+)")
MIN_FILL = 1 / 3  # a page (other than the one before a module, or the last) is at least this full
MARGIN_SHARE = 0.07  # lines in the top or bottom 7% of a page are its running head and footer


@dataclass(frozen=True)
class Line:
    """One printed line: its top, bottom and left edge (points from the page's top) and its words."""

    top: float
    bottom: float
    left: float
    text: str


@dataclass(frozen=True)
class Page:
    """One printed page: its number, the body's lines top to bottom, and the margin lines."""

    number: int
    height: float
    body: tuple
    margin: tuple

    def margin_text(self) -> str:
        return " ".join(line.text for line in self.margin)


def flat(text: str) -> str:
    """Text with every run of whitespace (a no-break space too) as one space."""
    return " ".join(text.replace("\u00a0", " ").split())


def page_count(pdf: Path) -> int:
    """The number of pages pdfinfo reports."""
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, timeout=TIMEOUT, capture_output=True,
                         text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE).group(1))


def read_pages(pdf: Path) -> list:
    """Every page's lines, those in the top and bottom margins (running head, page number) set apart."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, timeout=TIMEOUT,
                         capture_output=True, text=True).stdout
    pages = []
    for number, (_, height, body) in enumerate(PAGE.findall(out), 1):
        lines = sorted((Line(float(y0), float(y1), float(x0),
                             flat(" ".join(html_lib.unescape(w) for w in WORD.findall(words))))
                        for x0, y0, _, y1, words in LINE.findall(body)), key=lambda ln: (ln.top, ln.left))
        edge = float(height) * MARGIN_SHARE
        margin = tuple(ln for ln in lines if ln.bottom < edge or ln.top > float(height) - edge)
        pages.append(Page(number, float(height), tuple(ln for ln in lines if ln not in margin and ln.text),
                          margin))
    return pages


def unnumbered_pages(pages: list, total: int) -> list:
    """Pages without "Page N of TOTAL" (their own N) in their margin."""
    return [p.number for p in pages if f"Page {p.number} of {total}" not in p.margin_text()]


def headless_pages(pages: list, running_head: str) -> list:
    """Pages whose margins do not read the running head, word for word (runs of spaces as one)."""
    head = " ".join(running_head.split())
    return [p.number for p in pages if head not in " ".join(p.margin_text().split())]


def pages_ending_in_a_heading(pages: list, headings: set) -> list:
    """(page, heading) for each page whose last body line (or last two or three) is a heading."""
    found = []
    for page in pages[:-1]:
        lines = _last_lines(page)
        for k in (1, 2, 3):
            tail = " ".join(ln.text for ln in lines[-k:])
            if len(lines) >= k and tail in headings:
                found.append((page.number, tail))
                break
    return found


def _last_lines(page: Page) -> list:
    """The body's lines, the lowest last (lines side by side: the lowest bottom last)."""
    return sorted(page.body, key=lambda ln: (ln.bottom, ln.left))


def sparse_pages(pages: list, starts: set, min_fill: float = MIN_FILL) -> list:
    """(page, fill) for each page under min_fill full, except the last and one before a page that starts
    with a text in `starts` (a module's title). Fill: from the body's top edge on any page to the page's
    last line, over the body's height on the fullest page."""
    bodies = [p for p in pages if p.body]
    top = min(p.body[0].top for p in bodies)
    bottom = max(max(ln.bottom for ln in p.body) for p in bodies)
    found = []
    for page, following in zip(pages, pages[1:]):
        if following.body and any(" ".join(ln.text for ln in following.body[:k]) in starts for k in (1, 2, 3)):
            continue
        fill = (max((ln.bottom for ln in page.body), default=top) - top) / (bottom - top)
        if fill < min_fill:
            found.append((page.number, round(fill, 2)))
    return found


def split_phone_numbers(pages: list, text: str) -> list:
    """Each phone number or short code of `text` that the printed body reads across a line break."""
    lines = [ln.text for page in pages for ln in page.body]
    joined = " ".join(lines)
    found = []
    for number in sorted(set(find_phone_numbers(text))):
        number = flat(number)
        whole = sum(_count(line, number) for line in lines)
        if _count(joined, number) > whole:
            found.append(number)
    return found


def _count(text: str, number: str) -> int:
    """How often a number stands in text as a number of its own (no digit either side)."""
    return len(re.findall(r"(?<![\d])" + re.escape(number) + r"(?![\d])", text))


def html_headings(page: str) -> set:
    """The text of every heading (h1-h4) and label paragraph of an HTML handout."""
    found = re.findall(r"<(h[1-4])\b[^>]*>(.*?)</\1>|<p class=\"label\">(.*?)</p>", page, re.DOTALL)
    return {flat(_strip_tags(a or b)) for _, a, b in found}


def html_page_starts(page: str) -> set:
    """The heading of every section the print style starts on a page of its own: each module, and the
    support contacts."""
    return {flat(_strip_tags(t)) for t in
            re.findall(r'<section class="(?:module|support)"[^>]*>\s*<h2[^>]*>(.*?)</h2>', page, re.DOTALL)}


def html_support_services(page: str) -> list:
    """The service named in each row of an HTML handout's support contacts table, in order."""
    section = page[page.index('<section class="support"'):]
    section = section[:section.index("</section>")]
    return [flat(_strip_tags(name)) for name in re.findall(r"<tr><td>(.*?)(?:<br>|</td>)", section, re.DOTALL)]


def html_text(page: str) -> str:
    """An HTML page's text (tags removed, entities read)."""
    return flat(_strip_tags(re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.DOTALL)))


def _strip_tags(fragment: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment))


def docx_headings(path: Path) -> set:
    """The text of every heading, title and label paragraph of a Word handout, and of every
    paragraph set wholly in bold (a lead-in such as "My local contacts")."""
    import docx

    found = set()
    for para in docx.Document(str(path)).paragraphs:
        text = flat(para.text)
        style = para.style.name if para.style is not None else ""
        runs = [r for r in para.runs if r.text.strip()]
        if text and (style.startswith(("Heading", "Title")) or style == "Handout Label"
                     or (runs and all(r.bold for r in runs))):
            found.add(text)
    return found


def docx_text(path: Path) -> str:
    """A Word document's body text, paragraph by paragraph (tables included)."""
    import docx

    doc = docx.Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return flat(" ".join([p.text for p in doc.paragraphs] + cells))
