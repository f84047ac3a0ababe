"""Markdown element trees to the typed presentation model: the deck's only tree walker.

The loader hands each slide's body and notes over as Python-Markdown element trees; this
module turns them, once, into the points, paragraphs, runs, tables and pictures of
presentation.py. The fitter measures and the writer writes what comes out of here, so the
two can no longer disagree about what a list or a paragraph becomes.

Slide text: a list item is a paragraph with the template's bullet (or an automatic number),
its sub-lists one level deeper, its further paragraphs unbulleted at its level; headings
are bold; code blocks are monospaced; tables and pictures are left to `visual`. Notes are
plain text: list items carry their bullet or number as text, and a table or a picture is
named in brackets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from ..visuals import number as chart_number
from ..visuals import stat_lines
from .code_colours import coloured
from .fit import TABLE_ROW_FACTOR
from .inline import inline_style, width_fraction
from .presentation import (
    Chart,
    Columns,
    Diagram,
    LineBreak,
    Paragraph,
    Picture,
    Point,
    Run,
    Series,
    Stat,
    Table,
    TextBox,
)

Cite = Callable[[str, list], str]  # (module id, source keys) -> the short citation, "" for none
LISTS = ("ul", "ol")
MAX_START = 32767  # OOXML's bound on a numbered list's startAt (ST_TextBulletStartAtNum)
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def text_points(elements: Iterable, module_id: str, cite: Cite) -> tuple:
    """The points of a slide's text: one per top-level list item, one per other block."""
    out = []
    for index, el in enumerate(elements):
        walk = _Walk(module_id, cite, notes=False)
        if el.tag in LISTS:
            start = _start(el)
            for n, li in enumerate(el.findall("li")):
                walk.paragraphs, walk.cited = [], set()
                walk.item(el, li, 0, start + n, start)
                out.append(Point(walk.frozen(), index, start + n))
        else:
            walk.element(el, 0)
            out.append(Point(walk.frozen()))
    return tuple(out)


def note_paragraphs(elements: Iterable, module_id: str, cite: Cite) -> tuple:
    """The paragraphs of a slide's notes, as plain text."""
    walk = _Walk(module_id, cite, notes=True)
    for el in elements:
        walk.element(el, 0)
    return walk.frozen()


def visual(el, module_id: str, cite: Cite):
    """The shape of a table or picture element."""
    if el.tag == "table":
        rows = tuple(tuple(cell_runs(cell, module_id, cite) for cell in tr) for tr in el.iter("tr"))
        return Table(rows, TABLE_ROW_FACTOR)
    return Picture(el.get("path") or "", el.get("alt", ""), width_fraction(el.get("width", "")))


def footnote_paragraphs(trees: Iterable, footnotes: dict, module_id: str, cite: Cite) -> tuple:
    """The notes' paragraphs for the footnotes referred to in trees: "¹ text", in number order."""
    wanted = sorted({int(ref.get("n")) for tree in trees for ref in tree.iter("fnref") if ref.get("n")})
    by_number = {f.number: f for f in footnotes.values()}
    out: list = []
    for number in wanted:
        note = by_number.get(number)
        if note is None:
            continue
        paragraphs = note_paragraphs(list(note.tree), module_id, cite)
        first = paragraphs[0] if paragraphs else Paragraph()
        out.append(replace(first, runs=(Run(str(number).translate(SUPERSCRIPT) + " "),) + first.runs))
        out.extend(paragraphs[1:])
    return tuple(out)


def cell_runs(el, module_id: str, cite: Cite) -> tuple:
    """The runs of an element's inline content (a table cell, a paragraph)."""
    runs: list = []
    _Walk(module_id, cite, notes=False).children(el, runs)
    return tuple(runs)


def _start(el) -> int:
    """The number an ordered list starts at (1 for a bullet list)."""
    start = el.get("start", "1")
    return min(max(int(start), 1), MAX_START) if el.tag == "ol" and start.isdigit() else 1


def _run(text: str, style: dict) -> Run:
    return Run(text, bool(style.get("bold")), bool(style.get("italic")), bool(style.get("mono")),
               style.get("href", ""))


class _Para:
    """A paragraph being built (a list item's later paragraphs may add to an earlier one)."""

    def __init__(self, level: int, bullet: str, start_at: int = 1, role: str = "body"):
        self.level, self.bullet, self.start_at, self.role = level, bullet, start_at, role
        self.runs: list = []

    def has_text(self) -> bool:
        """Whether the paragraph holds text other than spaces and a bullet."""
        return bool(self.runs) and bool("".join(r.text for r in self.runs if isinstance(r, Run)).strip(" •"))

    def frozen(self) -> Paragraph:
        return Paragraph(tuple(self.runs), self.level, self.bullet, self.start_at, self.role)


class _Walk:
    """One walk over block elements, collecting paragraphs."""

    def __init__(self, module_id: str, cite: Cite, notes: bool):
        self.module_id, self.cite, self.notes = module_id, cite, notes
        self.paragraphs: list = []
        self.cited: set = set()  # a slide point's keys cited so far (a point cites each source once)

    def frozen(self) -> tuple:
        return tuple(p.frozen() for p in self.paragraphs)

    def para(self, level: int, bullet: str, start_at: int = 1) -> _Para:
        p = _Para(level, "none" if self.notes else bullet, 1 if self.notes else start_at)
        self.paragraphs.append(p)
        return p

    # ---- blocks ----
    def element(self, el, level: int) -> None:
        tag = el.tag
        if tag in LISTS:
            start = _start(el)
            for n, li in enumerate(el.findall("li"), start):
                self.item(el, li, level, n, start)
            return
        if tag in ("table", "img"):
            if self.notes:
                self.para(level, "none").runs.append(
                    Run("[table]" if tag == "table" else f"[picture: {el.get('alt', '')}]"))
            return
        if tag == "blockquote":  # a quotation: its paragraphs in italics
            first = len(self.paragraphs)
            for child in el:
                self.element(child, level)
            for p in self.paragraphs[first:]:
                p.runs = [replace(r, italic=True) if isinstance(r, Run) else r for r in p.runs]
            return
        p = self.para(level, "none")
        if tag == "pre":
            p.role = "code"
            p.runs.extend(code_runs(el))
            return
        self.children(el, p.runs)
        if tag.startswith("h") and tag[1:].isdigit():
            p.role = "heading"

    def item(self, lst, li, level: int, number: int, start: int) -> None:
        """One list item: its paragraph, then its further paragraphs and sub-lists."""
        numbered = lst.tag == "ol"
        p = self.para(level, "number" if numbered else "bullet", start)
        if self.notes:
            p.runs.append(Run("  " * level + (f"{number}. " if numbered else "• ")))
        if li.text and li.text.strip():  # a loose item's "\n" is not content
            p.runs.append(Run(li.text))
        for child in li:
            if child.tag in LISTS or child.tag in ("p", "pre", "blockquote", "table"):
                break
            self.inline(child, {}, p.runs)
            if child.tail:
                p.runs.append(Run(child.tail))
        for child in li:
            if child.tag == "p":
                if p.has_text():
                    p = self.para(level, "none")
                self.children(child, p.runs)
            elif child.tag in LISTS or child.tag in ("pre", "blockquote", "table"):
                self.element(child, level + 1)

    # ---- inline ----
    def children(self, el, runs: list) -> None:
        """An element's text, inline children and their tails, unstyled at the top."""
        if el.text:
            runs.append(Run(el.text))
        for child in el:
            self.inline(child, {}, runs)
            if child.tail:
                runs.append(Run(child.tail))

    def inline(self, el, style: dict, runs: list) -> None:
        tag, style = el.tag, inline_style(el, style)
        if tag == "br":
            runs.append(LineBreak())
            return
        if tag == "cite":
            keys = el.get("keys", "").split()
            if not self.notes:  # on a slide a point is one claim: a source it already cites is not repeated
                keys, self.cited = [k for k in keys if k not in self.cited], self.cited | set(keys)
            short = self.cite(self.module_id, keys)
            if short:
                runs.append(Run(f"({short})"))
            elif runs and isinstance(runs[-1], Run):  # no citation left: nor the space before it
                runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
            return
        if tag == "img":
            runs.append(_run(el.get("alt", ""), style))
            return
        if tag == "fnref":
            runs.append(Run(el.get("n", "?").translate(SUPERSCRIPT)))
            return
        if el.text:
            runs.append(_run(el.text, style))
        for child in el:
            self.inline(child, style, runs)
            if child.tail:
                runs.append(_run(child.tail, style))



def code_runs(pre) -> list:
    """A code block's runs: monospaced, syntax-coloured, a line break between lines."""
    text = "".join(pre.itertext()).rstrip("\n")
    runs: list = []
    for piece, colour in coloured(text, pre.get("lang", "")):
        for n, line in enumerate(piece.split("\n")):
            if n:
                runs.append(LineBreak())
            if line:
                runs.append(Run(line, code=True, colour=colour))
    return runs


# ---- the slide vocabulary (`::: chart`, `::: stat`, `:::: columns`…) ----

DASHES = ("\u2014", "\u2013", "--")  # an attribution line starts with one of these


def visual_groups(blocks) -> list:
    """Blocks in order, grouped: (the outermost vocabulary block, its blocks), or (None, [block])
    for a block outside any. The handout renderers group a slide's blocks with this too."""
    out: list = []
    for block in blocks:
        root = block.visual.root if block.visual is not None else None
        if root is not None and out and out[-1][0] is root:
            out[-1][1].append(block)
        else:
            out.append((root, [block]))
    return out


def _cite_text(el, module_id: str, cite: Cite) -> str:
    """An element's text with each citation as its short form, without brackets."""
    parts = [el.text or ""] if el.tag != "cite" else []
    if el.tag == "cite":
        parts.append(cite(module_id, el.get("keys", "").split()))
    for child in el:
        parts.append(_cite_text(child, module_id, cite))
        parts.append(child.tail or "")
    return "".join(parts)


def _cites(elements, module_id: str, cite: Cite) -> str:
    """Every citation in elements as one short form, each source once."""
    return cite(module_id, [k for el in elements for c in el.iter("cite") for k in c.get("keys", "").split()])


def chart(visual, blocks, module_id: str, cite: Cite) -> Chart:
    """The chart of a `::: chart KIND` block: its table's figures, title, unit and source line."""
    elements = [el for b in blocks for el in b.tree]
    table = next(el for el in elements if el.tag == "table")
    rows = [[" ".join("".join(cell.itertext()).split()) for cell in tr] for tr in table.iter("tr")]
    header, body = rows[0], rows[1:]
    series = tuple(Series(name, tuple(chart_number(row[i].strip("*_ ")) or 0.0 for row in body))
                   for i, name in enumerate(header[1:], 1))
    lines = [" ".join(_cite_text(el, module_id, cite).split()) for el in elements if el.tag == "p"]
    source = " ".join(line for line in lines if line)
    if source and not source.lower().startswith("source"):
        source = f"Source: {source}"
    return Chart(visual.kind, tuple(row[0] for row in body), series, visual.attrs.get("title", ""),
                 visual.attrs.get("unit", ""), header[0], source)


def diagram(visual, blocks, name: str = "") -> Diagram:
    """The steps of a `::: process` or `::: cycle` block's list."""
    lst = next(el for b in blocks for el in b.tree if el.tag in LISTS)
    steps = tuple(" ".join("".join(_without_sublists(li)).split()) for li in lst.findall("li"))
    return Diagram(visual.name, steps, name)


def _without_sublists(li):
    """The text of a list item, its nested lists left out."""
    if li.text:
        yield li.text
    for child in li:
        if child.tag not in LISTS:
            yield from child.itertext() if child.tag != "cite" else ()
        if child.tail:
            yield child.tail


def stat(blocks, module_id: str, cite: Cite) -> Stat:
    """A `::: stat` block's figure (its first line), label (the rest) and citation."""
    lines = stat_lines(blocks)
    return Stat(lines[0] if lines else "", " ".join(lines[1:]),
                _cites([el for b in blocks for el in b.tree], module_id, cite))


def _column_visuals(visual, blocks) -> list:
    """A `:::: columns` block's `::: column` blocks (visuals.Visual) in order."""
    return list(dict.fromkeys(b.visual for b in blocks if b.visual is not None and b.visual is not visual))


def column_elements(visual, blocks) -> list:
    """A `:::: columns` block's columns in order, each as the list of its top-level elements
    (the handouts walk these with their own tree walk)."""
    return [[el for b in blocks if b.visual is part for el in b.tree] for part in _column_visuals(visual, blocks)]


def column_tones(visual, blocks) -> tuple:
    """A `:::: columns` block's tones, one a column ("" for none), in order; () when no column has one."""
    tones = tuple(part.tone for part in _column_visuals(visual, blocks))
    return tones if any(tones) else ()


def columns(visual, blocks, module_id: str, cite: Cite) -> Columns:
    """A `:::: columns` block's columns; with a heading each when every column starts with `###`."""
    contents = column_elements(visual, blocks)
    headed = bool(contents) and all(els and els[0].tag == "h3" for els in contents)
    headings = tuple(" ".join(_cite_text(els[0], module_id, cite).split()) for els in contents) if headed else ()
    boxes = tuple(TextBox(text_points(els[1:] if headed else els, module_id, cite)) for els in contents)
    return Columns(boxes, headings, column_tones(visual, blocks))


def quotation(elements, module_id: str, cite: Cite):
    """(quotation, attribution) text boxes when a slide's body is one block quote whose last
    paragraph starts with a dash (the attribution), else None."""
    if len(elements) != 1 or elements[0].tag != "blockquote":
        return None
    inner = list(elements[0])
    last = inner[-1] if inner else None
    if last is None or last.tag != "p" or len(inner) < 2:
        return None
    words = "".join(_texts_outside_cites(last)).strip()
    if not words.startswith(DASHES):
        return None
    who = " ".join(words.lstrip("".join(DASHES) + "-").split()).rstrip(",")
    source = _cites([last], module_id, cite)
    quote = TextBox(text_points(inner[:-1], module_id, cite))
    attribution = (Paragraph((Run(who),)),) + ((Paragraph((Run(source),), level=1),) if source else ())
    return quote, TextBox((Point(attribution),))


def _texts_outside_cites(el):
    if el.tag != "cite" and el.text:
        yield el.text
    for child in el:
        if child.tag != "cite":
            yield from _texts_outside_cites(child)
        if child.tail:
            yield child.tail
