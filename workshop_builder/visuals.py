"""The slide vocabulary's blocks: their names, what each may hold, and the codes for their mistakes.

`:::: columns` / `::: column`, `::: stat`, `::: chart KIND`, `::: process` and `::: cycle` are
read by the module parser (module_parser.py) like the other `:::` blocks; this module is what it
asks: which names exist, what a chart's attributes are, how a figure in a chart table reads as
a number, what tone a column takes, and what each block must hold (the rules are checked when the
block closes, with the line of the mistake). Pure: no Markdown parser, no python-pptx. The codes of the vocabulary's
mistakes are declared in codes/visuals.py.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from .codes.load import CHART_TABLE, DIAGRAM_STEPS, SLIDE_VISUALS
from .diagnostics import Location, did_you_mean

NAMES = ("columns", "column", "stat", "chart", "process", "cycle")
TOP_LEVEL = ("columns", "stat", "chart", "process", "cycle")  # directly in a slide
CHART_KINDS = ("bar", "column", "line", "pie")
CHART_ATTRIBUTES = ("title", "unit")
MIN_STEPS, MAX_STEPS = 2, 7
MIN_COLUMNS, MAX_COLUMNS = 2, 3
MAX_STATS = 3
TONES = ("avoid", "prefer")  # a column's tone: what not to say or do, and what to say or do instead
TONE_ACCENTS = {"avoid": "accent3", "prefer": "accent2"}  # the template's theme colour for each tone
TONE_RGB = {"avoid": "B3261E", "prefer": "00756A"}  # those colours in the default template (both >= 4.5:1 on white)


@dataclass(eq=False)
class Visual:
    """One vocabulary block that Markdown blocks sit in (compared by identity: one block, one object)."""

    name: str  # one of NAMES
    loc: Location
    kind: str = ""  # a chart's kind: bar | column | line | pie
    attrs: dict = field(default_factory=dict)  # a chart's title= and unit=
    parent: Visual | None = None  # the enclosing block (a column's columns)
    tone: str = ""  # a column's tone (one of TONES), "" for none

    @property
    def root(self) -> Visual:
        """The outermost vocabulary block this one sits in (itself when it is outermost)."""
        node = self
        while node.parent is not None:
            node = node.parent
        return node


def parse_spec(spec: str) -> tuple | None:
    """A block line's words after the name, quotes honoured: (positional words, key=value pairs),
    or None when the quotes do not close."""
    try:
        words = shlex.split(spec)
    except ValueError:
        return None
    args, attrs = [], {}
    for word in words:
        key, eq, value = word.partition("=")
        if eq and key:
            attrs[key] = value
        else:
            args.append(word)
    return args, attrs


def column_tone(args: list, attrs: dict) -> tuple:
    """A column's tone from its words (`tone=avoid`, or pandoc's class form `{.column .avoid}`):
    (tone or "", None), or (tone or "", (message, fix)) for the first word that is not a tone."""
    fix = "write '::: column tone=avoid' or '::: column tone=prefer' (or '::: {.column .avoid}')"
    unknown = [k for k in attrs if k != "tone"] + [a for a in args if not a.startswith(".")]
    if unknown:
        return "", (f"'::: column' takes only a tone; '{unknown[0]}' is not one", fix)
    named = ([attrs["tone"]] if "tone" in attrs else []) + [a[1:] for a in args]
    for tone in named:
        if tone not in TONES:
            hint = did_you_mean(tone, TONES)
            return "", (f"column tone '{tone}' is not one of {', '.join(TONES)}", hint or fix)
    if len(set(named)) > 1:
        return "", (f"a column takes one tone; this one has {' and '.join(dict.fromkeys(named))}", fix)
    return (named[0] if named else ""), None


_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_AFFIXES = re.compile(r"^([£$€]?)(.*?)(%?)$")


def number(text: str) -> float | None:
    """A chart table's figure as a number: "10,613", "12.5", "£3", "45%" read; anything else None."""
    text = text.strip().replace("\u2212", "-")
    match = _AFFIXES.match(text)
    core = match.group(2).strip() if match else text
    if not _NUMBER.match(core):
        return None
    return float(core.replace(",", ""))


_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def table_rows(text: str) -> list:
    """The rows of the first pipe table in Markdown text: (0-based line offset, cells), the header
    first, the separator line left out. Cells are split at unescaped pipes, outer pipes dropped."""
    rows: list = []
    for offset, line in enumerate(text.split("\n")):
        if "|" not in line:
            if rows:
                break
            continue
        if _SEPARATOR.match(line):
            continue
        cells = re.split(r"(?<!\\)\|", line.strip())
        if cells and cells[0].strip() == "":
            cells = cells[1:]
        if cells and cells[-1].strip() == "":
            cells = cells[:-1]
        rows.append((offset, [c.strip() for c in cells]))
    return rows


# ---- what each block must hold (checked when it closes) ----

def _elements(blocks) -> list:
    """(block, top-level element) of the Markdown blocks inside a vocabulary block."""
    return [(b, el) for b in blocks for el in b.tree]


def _plain(el) -> str:
    return "".join(el.itertext()).strip()


def stat_lines(blocks) -> list:
    """A stat's lines of text (its figure first, then its label), citations left out."""
    lines: list = []
    for _, el in _elements(blocks):
        text = "".join(t for t in _texts_without_cites(el))
        lines.extend(line.strip() for line in text.split("\n") if line.strip())
    return lines


def _texts_without_cites(el):
    """The text of an element, skipping <cite> elements (but keeping their tails); a line break
    is a newline."""
    if el.tag == "br":
        yield "\n"
    if el.tag != "cite" and el.text:
        yield el.text
    for child in el:
        yield from _texts_without_cites(child)
        if child.tail:
            yield child.tail


def check_block(visual: Visual, blocks: list, children: list, rel: str, report, stats_before: int = 0) -> None:
    """Report what a closed vocabulary block lacks: one finding per mistake, with its line."""
    name, loc = visual.name, visual.loc
    if name == "columns":
        if not MIN_COLUMNS <= len(children) <= MAX_COLUMNS:
            report.error(loc, SLIDE_VISUALS, f"':::: columns' holds {len(children)} column(s); a slide takes 2 or 3",
                         "split the content over two or three '::: column' blocks, or over two slides")
    elif name == "stat":
        lines = stat_lines(blocks)
        if len(lines) < 2:
            report.error(loc, SLIDE_VISUALS, "a '::: stat' needs its figure on the first line and a short label under it",
                         "write e.g. '15,500' then 'children at risk of criminal exploitation' and the citation")
        if stats_before + 1 > MAX_STATS:
            report.error(loc, SLIDE_VISUALS, f"more than {MAX_STATS} '::: stat' blocks on one slide",
                         "keep three figures at most on a slide; move the others to another slide or the handout")
    elif name in ("process", "cycle"):
        _check_steps(name, loc, _elements(blocks), report)
    elif name == "chart":
        _check_chart(visual, _elements(blocks), rel, report)


def _check_steps(name: str, loc: Location, elements: list, report) -> None:
    lists = [el for _, el in elements if el.tag in ("ul", "ol")]
    others = [el for _, el in elements if el.tag not in ("ul", "ol")]
    steps = len(lists[0].findall("li")) if len(lists) == 1 else 0
    if len(lists) != 1 or others or not MIN_STEPS <= steps <= MAX_STEPS:
        found = f"{steps} steps" if len(lists) == 1 else f"{len(lists)} lists"
        report.error(loc, DIAGRAM_STEPS, f"a '::: {name}' block needs one list of {MIN_STEPS} to {MAX_STEPS} steps "
                     f"and nothing else; it holds {found}" + (" and other text" if others else ""),
                     "write one short list item a step; merge steps or split the diagram if there are more than 7")


def _check_chart(visual: Visual, elements: list, rel: str, report) -> None:
    loc = visual.loc
    tables = [(b, el) for b, el in elements if el.tag == "table"]
    others = [el for _, el in elements if el.tag not in ("table", "p")]
    if len(tables) != 1 or others:
        report.error(loc, CHART_TABLE, f"a chart needs exactly one Markdown table (found {len(tables)})"
                     + (" and nothing but a source line" if others else ""),
                     "write a table: categories in the first column, one column a series, then the source line")
        return
    block, _ = tables[0]
    rows = table_rows(block.text)
    if not rows:
        return
    header_offset, header = rows[0]

    def where(offset):
        return Location(rel, block.loc.line + offset, 1)

    if len(header) < 2 or len(rows) < 2:
        report.error(where(header_offset), CHART_TABLE, "a chart's table needs a category column, at least one "
                     "series column and at least one row of figures",
                     "write '| Year | Referrals |', the '|---|---|' line, then a row per category")
        return
    if visual.kind == "pie" and len(header) != 2:
        report.error(where(header_offset), CHART_TABLE, f"a pie chart shows one series; this table has {len(header) - 1}",
                     "keep one figure column, or use '::: chart bar' to compare series")
    for offset, cells in rows[1:]:
        if len(cells) != len(header):
            report.error(where(offset), CHART_TABLE, f"this row of the chart's table has {len(cells)} cells; "
                         f"its header has {len(header)}", "give every row a category and one figure per series")
            continue
        for column, cell in zip(header[1:], cells[1:]):
            value = number(cell.strip("*_ "))
            if value is None:
                report.error(where(offset), CHART_TABLE, f"'{cell}' in column '{column}' of the chart is not a number",
                             "write the figure alone (10613, 10,613, 12.5 or 45%); put notes in the source line")
            elif visual.kind == "pie" and value < 0:
                report.error(where(offset), CHART_TABLE, f"a pie chart cannot show the negative figure '{cell}'",
                             "use '::: chart bar' for figures below zero")
