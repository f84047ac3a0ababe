"""The deck as typed data: slides of shapes, text boxes of paragraphs, paragraphs of runs.

Like pandoc's `Presentation`: nothing here knows Markdown, python-pptx or OOXML. The deck
plan (deck_plan.py, with from_markdown.py) produces it once; the fitter (fit.py) measures
it and splits slides that do not fit; the writer (pptx_writer.py) only translates it; the
checks read it. Every type is a frozen dataclass holding tuples, so a slide can be split
or renumbered with `dataclasses.replace` and compared in tests.

A new shape kind is one dataclass here, added to `Shape`, plus one branch in fit.py (how tall
it is) and one in pptx_writer.py (how it is written). Text boxes, big numbers (`Stat`) and
`Columns` fill placeholders' text frames (a `Columns` one a column, two on a comparison); the
other shapes (tables, pictures, `Chart`, `Diagram`) are *visuals*: consecutive visuals share
one placeholder's box, stacked top to bottom, or the room under the title when the layout has
no placeholder left (see `placements`). The handout and HTML-slide renderers draw `Chart` and
`Diagram` with svg.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:  # pragma: no cover
    from ..diagnostics import Location

BULLETS = ("bullet", "number", "none")  # the template's bullet, an automatic number, no bullet
ROLES = ("body", "heading", "code")  # a heading paragraph is bold throughout; code is shaded, monospaced


# ---- inline content ----

@dataclass(frozen=True)
class Run:
    """Text in one style. A "\\n" inside text is a soft line break of the source (kept as is)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False  # set in a monospaced typeface
    link: str = ""  # a hyperlink's address (only safe schemes reach the model)
    colour: str = ""  # a hex RGB colour (syntax colouring of code), "" for the text's own


@dataclass(frozen=True)
class LineBreak:
    """A line break inside a paragraph (Markdown's hard break)."""


Inline = Union[Run, LineBreak]  # noqa: UP007 (Python 3.9 evaluates this alias)


def plain_text(runs) -> str:
    """The text of runs, a line break as "\\n"."""
    return "".join(r.text if isinstance(r, Run) else "\n" for r in runs)


# ---- paragraphs ----

@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its runs, outline level (0-based), bullet and role."""

    runs: tuple[Inline, ...] = ()
    level: int = 0
    bullet: str = "none"  # one of BULLETS
    start_at: int = 1  # a numbered paragraph's list starts counting here
    role: str = "body"  # one of ROLES

    @property
    def text(self) -> str:
        return plain_text(self.runs)


def plain(text: str) -> Paragraph:
    """A paragraph of one unstyled run (no run when text is empty)."""
    return Paragraph((Run(text),) if text else ())


@dataclass(frozen=True)
class Point:
    """A top-level point of a text box: one list item with its sub-points, or one other block.

    The fitter splits slides between points. `list_id` tells which top-level list an item
    came from (None for other blocks) and `number` is the item's number in it, so a
    numbered list split across slides keeps counting.
    """

    paragraphs: tuple[Paragraph, ...]
    list_id: int | None = None
    number: int = 1


# ---- shapes ----

@dataclass(frozen=True)
class TextBox:
    """Text filling one of the layout's body placeholders, as points of paragraphs."""

    points: tuple[Point, ...]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for point in self.points for p in point.paragraphs)


Cell = tuple[Inline, ...]


@dataclass(frozen=True)
class Table:
    """A table: rows of cells (each a tuple of runs), the first row its header."""

    rows: tuple[tuple[Cell, ...], ...]
    row_factor: float  # a row is at least this × the table font size tall
    columns: tuple[float, ...] = ()  # relative column widths; () for python-pptx's equal columns
    name: str = ""  # the shape's name (what a screen reader's object list shows); "" for the default

    @property
    def text_rows(self) -> list:
        """The cells as plain text, row by row."""
        return [[plain_text(cell) for cell in row] for row in self.rows]


@dataclass(frozen=True)
class Picture:
    """A picture file with the author's alternative text (path "" when there is no file)."""

    path: str
    alt: str
    width: float = 0.0  # the author's width as a fraction of the box ({width=50%}); 0 to fit the box


def _figure(value: float) -> str:
    """A chart figure as people write it: 12,706; 12.5."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name (the table's column header) and one value per category."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    """A native chart from a `::: chart KIND` table: categories down, one series per further column."""

    kind: str  # "bar" (horizontal) | "column" | "line" | "pie"
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    title: str = ""
    unit: str = ""  # what the figures count ("referrals", "%")
    category_name: str = ""  # the first column's header ("Year")
    citation: str = ""  # the source line shown under the chart ("Source: Home Office, 2025")

    def figure(self, value: float) -> str:
        """A value as the data labels and the description write it (with a % unit attached)."""
        return _figure(value) + ("%" if self.unit == "%" else "")

    @property
    def description(self) -> str:
        """What the chart shows, in words, for screen readers (its alt text): kind, title, every figure."""
        what = {"bar": "Bar chart", "column": "Column chart", "line": "Line chart", "pie": "Pie chart"}[self.kind]
        head = f"{what}: {self.title}" if self.title else what
        if self.unit and self.unit != "%":
            head += f" ({self.unit})"
        parts = []
        for series in self.series:
            values = "; ".join(f"{c} {self.figure(v)}" for c, v in zip(self.categories, series.values))
            parts.append(f"{series.name}: {values}" if len(self.series) > 1 or not self.title else values)
        text = f"{head}. " + ". ".join(parts) + "."
        return text + (f" {self.citation}" if self.citation else "")


@dataclass(frozen=True)
class Diagram:
    """A `::: process` (steps joined by arrows) or `::: cycle` (the last step leads back to the first)."""

    kind: str  # "process" | "cycle"
    steps: tuple[str, ...]
    name: str = ""  # what the diagram is about (the slide's title): its group's name

    @property
    def description(self) -> str:
        """The steps in words, for screen readers."""
        what = "Cycle" if self.kind == "cycle" else "Process"
        text = f"{what} in {len(self.steps)} steps: " + "; then ".join(self.steps)
        return text + ("; then back to the first step." if self.kind == "cycle" else ".")


@dataclass(frozen=True)
class Stat:
    """A big number: the figure, a short label and the citation under it (fills one figure placeholder)."""

    figure: str
    label: str
    citation: str = ""

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The figure (level 0), the label (level 1) and the citation (level 2): the Big Number
        layout styles each level."""
        lines = ((self.figure, 0), (self.label, 1), (self.citation, 2))
        return tuple(Paragraph((Run(text),), level) for text, level in lines if text)


@dataclass(frozen=True)
class Columns:
    """Two or three columns side by side, each a text box; with a heading over each on a comparison."""

    columns: tuple[TextBox, ...]
    headings: tuple[str, ...] = ()  # one per column, or () when the columns have none


Shape = Union[TextBox, Table, Picture, Chart, Diagram, Stat, Columns]  # noqa: UP007 (Python 3.9 evaluates this alias)
FILLS_PLACEHOLDER = (TextBox, Stat, Columns)  # written into placeholders' text frames


def is_visual(shape) -> bool:
    """Whether a shape is drawn in a placeholder's box (True) or fills text frames (False)."""
    return not isinstance(shape, FILLS_PLACEHOLDER)


def slots(shape) -> int:
    """How many of the layout's body placeholders a shape (or a group of visuals) takes."""
    if isinstance(shape, Columns):
        return len(shape.columns) * (2 if shape.headings else 1)
    return 1


# ---- slides ----

@dataclass(frozen=True)
class Slide:
    """One slide: its layout (by name), title, shapes in reading order and speaker notes."""

    layout: str
    title: str
    kind: str  # "title" | "agenda" | "section" | "content" | "activity" | "closing"
    shapes: tuple[Shape, ...] = ()
    notes: tuple[Paragraph, ...] = ()  # plain paragraphs: a notes page has no bullets
    subtitle: tuple[str, ...] = ()  # plain lines in the first body placeholder (title slide)
    logo: Picture | None = None  # drawn in the top right corner (title slide of an edition)
    module_id: str = ""
    source: Location | None = None  # the source slide's heading (None for title, agenda, closing)
    split_from: Location | None = None  # the source slide, on every part of a slide split to fit
    part: int = 1  # this part's number, of `parts`
    parts: int = 1
    overflow: str = ""  # what still does not fit, in words; empty when everything fits
    asked: str = ""  # the layout the slide asked for when the template lacks it ("" when it has it)
    footer: str = ""  # the footer line (workshop title or edition); "" for none
    numbered: bool = False  # whether the slide shows its number (a slide-number field) in the corner

    @property
    def text(self) -> TextBox | None:
        """The slide's first text box (its points), or None."""
        return next((s for s in self.shapes if isinstance(s, TextBox)), None)

    @property
    def visuals(self) -> tuple[Shape, ...]:
        """The shapes drawn in a placeholder's box: tables, pictures…"""
        return tuple(s for s in self.shapes if is_visual(s))


def placements(slide: Slide) -> list:
    """(body placeholder index, shapes) in order: the subtitle takes the first body
    placeholder; each text box fills the next one; consecutive visuals share the next one."""
    slot = 1 if slide.subtitle else 0
    out: list = []
    for shape in slide.shapes:
        if is_visual(shape) and out and is_visual(out[-1][1][-1]):
            out[-1] = (out[-1][0], out[-1][1] + (shape,))
            continue
        out.append((slot, (shape,)))
        slot += slots(shape)
    return out
