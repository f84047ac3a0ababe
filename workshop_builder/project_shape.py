"""Shapes of a project that load but cannot build what the author means: one line each.

- `audiences:` with no audiences (nothing would be built);
- module ids that are not plain ids (`./x` beside `x` would get round the listed-twice rule);
- module ids the handouts use for their own sections (`agenda`, `references`, `support`,
  `content-notes`, `ref-N`), or that would clash with another module's heading id (`x-title`).
"""

from __future__ import annotations

import re

from .codes.load import BAD_ID, MISSING_KEY
from .diagnostics import Location
from .source_files import ID_RE

RESERVED_IDS = ("agenda", "references", "support", "content-notes")
_REF_ID = re.compile(r"^ref-\d+$")


def check_audiences_present(value, report, loc: Location) -> None:
    """`audiences:` names at least one audience (the schema reports a missing key or a wrong type)."""
    if isinstance(value, dict) and not value:
        report.error(loc, MISSING_KEY, "audiences: names no audiences, so nothing would be built",
                     "add an audience, e.g. 'elected-members: {name: Elected members, minutes: 60}'")


def module_id_problem(ident: str, listed: set):
    """Why a running-order module id cannot be used, or None. listed: ids seen so far."""
    if not ID_RE.match(ident):
        return (BAD_ID, f"module id '{ident[:60]}' must be lower case letters, digits and hyphens "
                "(the name of a file in modules/ without .md)", "write e.g. '- what-is-county-lines'")
    if ident in RESERVED_IDS or _REF_ID.match(ident):
        return (BAD_ID, f"module id '{ident}' is used by the handouts for their own section",
                f"rename modules/{ident}.md, e.g. to {ident}-module.md")
    if ident.endswith("-title") and ident[:-6] in listed:
        return (BAD_ID, f"module id '{ident}' clashes with the heading of module '{ident[:-6]}' in the handouts",
                f"rename modules/{ident}.md")
    if ident + "-title" in listed:
        return (BAD_ID, f"module id '{ident}' has a heading that clashes with module '{ident}-title' in the "
                "handouts", f"rename modules/{ident}-title.md")
    return None
