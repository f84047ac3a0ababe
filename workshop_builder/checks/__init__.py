"""`workshop-builder check`: rules over the loaded project and the planned outputs.

Each rule is a function registered with @rule(CODE) in one of the modules imported at the
bottom, where CODE is its entry in the registry of codes (workshop_builder/codes/), which holds
its name, severity, summary, reasoning and example. A new check is one declaration in codes/
and one new function (or one new file added to that import list).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Optional

from ..diagnostics import ContentError, Diagnostic, Report
from ..model import Workshop
from .base import EVERYTHING, RULES, CheckContext, Rule, Scope, rule, today_for_checks


def selected(code: str, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> bool:
    """Ruff-style selection: a code is kept when a --select prefix matches and no --ignore does."""
    select, ignore = [s.upper() for s in select], [s.upper() for s in ignore]
    if select and not any(code.startswith(s) for s in select):
        return False
    return not any(code.startswith(s) for s in ignore)


def run_checks(workshop: Workshop, today: Optional[dt.date] = None, select: Iterable[str] = (),
               scope: Scope = EVERYTHING, cache=None) -> list:
    """Every rule's findings for a loaded workshop (what scope renders of it), sorted by place.

    Rules that are not on by default (advisory ones) run only when select names their code.
    """
    ctx = CheckContext(workshop, today=today, scope=scope, cache=cache)
    report = Report()
    named = {s.upper() for s in select}
    for item in RULES:
        if item.default or item.code in named:
            item.func(ctx, report)
    return report.sorted()


def check_project(root, template=None, today: Optional[dt.date] = None, select: Iterable[str] = ()):
    """Load and check a project: (workshop or None, findings). Load errors are findings too."""
    from ..loader import load_project

    try:
        workshop, today = load_project(root, template), today or today_for_checks()
    except ContentError as exc:
        return None, exc.diagnostics
    return workshop, run_checks(workshop, today, select)


def filter_findings(findings: list, select=(), ignore=()) -> list:
    return [d for d in findings if selected(d.code, select, ignore)]


# The rule modules (explicit, in the order their findings are produced).
from . import (  # noqa: E402,F401
    accessibility,
    editions,
    evidence,
    language,
    markdown,
    pacing,
    structure,
    template_layouts,
    timing,
    visuals,
)

__all__ = ["Scope", "EVERYTHING", "RULES", "Rule", "CheckContext", "rule", "run_checks", "check_project",
           "filter_findings", "today_for_checks", "Diagnostic"]
