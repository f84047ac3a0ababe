"""`workshop-builder check`: rules over the loaded project and the planned outputs.

Each rule is a function registered with @rule in one of the modules imported at the bottom;
a new check is one new function (or one new file added to that import list).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable, Optional

from .. import clock
from ..diagnostics import ContentError, Diagnostic, Report
from ..loader import Loader
from ..model import Workshop
from ..resolver import resolve


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    func: Callable
    default: bool = True  # False: runs only when `check --select` names its code exactly


RULES: list = []


def rule(code: str, name: str, summary: str, default: bool = True):
    """Register a check: it takes a CheckContext and a Report and records findings."""

    def register(func):
        RULES.append(Rule(code, name, summary, func, default))
        return func

    return register


class CheckContext:
    """What rules look at: the workshop, each audience's resolved view and deck plan."""

    def __init__(self, workshop: Workshop, loader: Optional[Loader] = None, today: Optional[dt.date] = None):
        self.workshop = workshop
        self.loader = loader
        self.today = today or clock.today()  # WORKSHOP_BUILDER_TODAY pins it (tests)

    @cached_property
    def resolved(self) -> dict:
        return {aud: resolve(self.workshop, aud) for aud in self.workshop.audiences}

    @cached_property
    def decks(self) -> dict:
        from ..render.deck_plan import plan_deck

        return {aud: plan_deck(r) for aud, r in self.resolved.items()}


def selected(code: str, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> bool:
    """Ruff-style selection: a code is kept when a --select prefix matches and no --ignore does."""
    select, ignore = [s.upper() for s in select], [s.upper() for s in ignore]
    if select and not any(code.startswith(s) for s in select):
        return False
    return not any(code.startswith(s) for s in ignore)


def run_checks(workshop: Workshop, today: Optional[dt.date] = None, select: Iterable[str] = ()) -> list:
    """Every rule's findings for a loaded workshop, sorted by place.

    Rules that are not on by default (advisory ones) run only when select names their code.
    """
    ctx = CheckContext(workshop, today=today)
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
        workshop, today = load_project(root, template), today or clock.today()
    except ContentError as exc:
        return None, exc.diagnostics
    return workshop, run_checks(workshop, today, select)


def filter_findings(findings: list, select=(), ignore=()) -> list:
    return [d for d in findings if selected(d.code, select, ignore)]


# The rule modules (explicit, in the order their findings are produced).
from . import structure, timing, evidence, language, accessibility, editions  # noqa: E402,F401

__all__ = ["RULES", "rule", "run_checks", "check_project", "filter_findings", "Diagnostic"]
