"""Scalar values in YAML files that PyYAML would crash on or that no output can hold.

Checked on the composed node tree, before any value is built, so each finding has its line:
impossible dates and times (2026-02-30, 2027-02-29, hour 25, year 0000), dates after 2107
(the last year a zip file's timestamps can hold), numbers and booleans PyYAML cannot read
under an explicit tag, and control characters (NUL, ESC, vertical tab…), written raw or as
YAML escapes such as "\\0" and "\\e", in any key or value.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from .codes.load import BAD_SOURCE_DATE_EPOCH, CONTROL_CHARACTER, IMPOSSIBLE_VALUE
from .diagnostics import Location

LAST_YEAR = 2107  # zip (.pptx, .docx) timestamps end in 2107
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
TIMESTAMP = "tag:yaml.org,2002:timestamp"
CHECKED_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", TIMESTAMP)


def control_character(text: str):
    """The first control character in text, as (index, 'U+001B'), or None."""
    m = CONTROL.search(text)
    return (m.start(), f"U+{ord(m.group()):04X}") if m else None


def scan_values(loader, node, rel: str, offset: int, report) -> bool:
    """Record one error for each unusable scalar under node; True when there are none."""
    ok, stack, count = True, [node], 0
    while stack and count < 200_000:
        node = stack.pop()
        count += 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((value, key))
            continue
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
            continue
        if not isinstance(node, yaml.ScalarNode):
            continue
        loc = Location(rel, node.start_mark.line + 1 + offset, node.start_mark.column + 1)
        found = control_character(node.value)
        if found:
            report.error(loc, CONTROL_CHARACTER, f"control character {found[1]} in '{_shown(node.value)}'",
                         "remove it: only printable text, tabs and line breaks are allowed")
            ok = False
            continue
        if node.tag in CHECKED_TAGS:
            ok = _check_typed(loader, node, loc, report) and ok
    return ok


def _shown(text: str) -> str:
    return CONTROL.sub("?", text)[:40]


def _check_typed(loader, node, loc, report) -> bool:
    """A date, time, number or boolean PyYAML can build, and a date a zip file can hold."""
    try:
        value = loader.yaml_constructors[node.tag](loader, node)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, yaml.YAMLError):
        if node.tag == TIMESTAMP:
            report.error(loc, IMPOSSIBLE_VALUE, f"'{_shown(node.value)}' is not a real date and time",
                         "check the day of the month, the month (1-12), the year (from 0001) and the hour (0-23)")
        else:
            kind = node.tag.rsplit(":", 1)[-1]
            report.error(loc, IMPOSSIBLE_VALUE, f"'{_shown(node.value)}' is not a valid {kind}", "write the value plainly")
        return False
    if isinstance(value, dt.date) and value.year > LAST_YEAR:
        report.error(loc, IMPOSSIBLE_VALUE, f"date '{node.value}' is after {LAST_YEAR}, the last year the outputs "
                     "can record", f"write a date before {LAST_YEAR + 1}")
        return False
    return True


def check_source_date_epoch(environ, report) -> None:
    """SOURCE_DATE_EPOCH, when set to a number, is a time the outputs can record (1980-2107)."""
    value = environ.get("SOURCE_DATE_EPOCH")
    if not value or not value.strip().isdigit():
        return
    seconds = int(value)
    try:
        when = dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        when = None
    if when is None or not 1980 <= when.year <= LAST_YEAR:
        report.error(Location("SOURCE_DATE_EPOCH"), BAD_SOURCE_DATE_EPOCH, f"SOURCE_DATE_EPOCH={value[:30]} is "
                     f"{'beyond any date' if when is None else f'in {when.year}'}; the outputs can record only "
                     f"1980 to {LAST_YEAR}", "set SOURCE_DATE_EPOCH to seconds since 1970, e.g. 1764000000")
