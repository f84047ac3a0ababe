"""Evidence rules: facts are reviewed on time and figures carry their sources."""

from __future__ import annotations

import re

from ..codes.evidence import REVIEW_MISSING, REVIEW_OVERDUE, SOURCE_YEAR_MISSING, UNCITED_STATISTIC
from ..diagnostics import Location
from ..markdown_tree import code_lines
from .base import rule

STATISTIC = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?\s?%|\d+(?:\.\d+)?\s?per\s?cent"
    r"|\d{1,3}(?:,\d{3})+|\d{3,}(?!\d)|(?:one|two|three|four|five|1|2|3) in (?:\d+|ten|five|four|three|"
    r"every \w+))",
    re.IGNORECASE,
)
PHONE = re.compile(r"(?<!\d)(?:0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}|116 ?000|999|101)(?!\d)")
NOT_STATISTIC = re.compile(
    r"^(?:1[89]\d\d|20\d\d)$"  # years
    r"|^0\d"  # phone numbers
)


@rule(REVIEW_OVERDUE)
def review_overdue(ctx, report):
    for module in ctx.modules:
        if module.review_by and module.review_by < ctx.today:
            report.warning(Location(module.rel, module.key_lines.get(("review_by",), 1)), REVIEW_OVERDUE,
                           f"review_by {module.review_by} has passed",
                           "check the facts against their sources, then set a new review_by date")


@rule(REVIEW_MISSING)
def review_missing(ctx, report):
    for module in ctx.modules:
        if module.review_by is None:
            report.warning(Location(module.rel, 1), REVIEW_MISSING, "module has no review_by date",
                           "add 'review_by: YYYY-MM-DD' (within 12 months) to the front matter")


@rule(SOURCE_YEAR_MISSING)
def source_year_missing(ctx, report):
    for module in ctx.modules:
        for key, source in module.sources.items():
            if not source.year:
                report.warning(source.loc, SOURCE_YEAR_MISSING, f"source '{key}' has no year", "add 'year: YYYY'")


CODE_SPAN = re.compile(r"(`+).+?\1")
QUOTE_MARKS = re.compile(r"^(?: {0,3}> ?)+")
TARGET = re.compile(r"\]\([^)]*\)(?:\{[^}]*\})?")  # a link's or picture's address and attributes


def statistics_in(text: str, code: frozenset = frozenset()):
    """(line offset, column, match) for numbers that look like statistics, outside code: fenced
    code lines, lines of the fragment's code blocks (`code`, their stripped lines) and `code spans`."""
    fenced = code_lines(text)
    for offset, line in enumerate(text.split("\n")):
        bare = QUOTE_MARKS.sub("", line).strip()
        if offset in fenced or (bare and bare in code):
            continue
        line = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        line = TARGET.sub(lambda m: " " * len(m.group(0)), line)
        line = PHONE.sub(lambda m: " " * len(m.group(0)), line)
        for m in STATISTIC.finditer(line):
            token = m.group(0).strip()
            bare = token.replace(",", "")
            if NOT_STATISTIC.match(bare):
                continue
            if re.search(r"\d", line[max(0, m.start() - 1):m.start()]):
                continue
            yield offset, m.start() + 1, token


@rule(UNCITED_STATISTIC)
def uncited_statistic(ctx, report):
    for module in ctx.modules:
        for slide in module.slides:
            blocks = [b for b in slide.blocks if b.kind in ("body", "notes")]
            if any(list(b.tree.iter("cite")) for b in blocks):
                continue
            for block in blocks:
                for offset, col, token in statistics_in(block.text, _code_lines(block.tree)):
                    report.warning(Location(module.rel, block.loc.line + offset, col), UNCITED_STATISTIC,
                                   f"'{token}' looks like a statistic but the slide cites no source",
                                   "add a citation such as [@source-key] on this slide")


def _code_lines(tree) -> frozenset:
    """The stripped lines of a tree's code blocks (indented code included)."""
    return frozenset(line.strip() for pre in tree.iter("pre") for line in "".join(pre.itertext()).split("\n")
                     if line.strip())
