"""`workshop-builder check`: rules over the loaded project and the planned outputs.

Each rule is a function registered with @rule(CODE) in one of the modules imported at the
bottom, where CODE is its entry in the registry of codes (workshop_builder/codes/), which holds
its name, severity, summary, reasoning and example. A new check is one declaration in codes/
and one new function (or one new file added to that import list).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable, Optional

from ..codes import Code
from ..diagnostics import ContentError, Diagnostic, Report
from ..loader import Loader
from ..model import Workshop
from ..resolver import resolve


@dataclass(frozen=True)
class Rule:
    """A check rule: its declared code and the function that looks for it."""

    declared: Code
    func: Callable

    @property
    def code(self) -> str:
        return self.declared.code

    @property
    def name(self) -> str:
        return self.declared.name

    @property
    def summary(self) -> str:
        return self.declared.summary

    @property
    def default(self) -> bool:
        """False: an advisory rule, run only when `check --select` names its code exactly."""
        return self.declared.default


RULES: list = []


def rule(declared: Code):
    """Register a check for a declared code: it takes a CheckContext and a Report and records findings."""

    def register(func):
        if any(item.declared is declared for item in RULES):
            raise ValueError(f"two check functions for {declared.code}")
        RULES.append(Rule(declared, func))
        return func

    return register


HANDOUT_KINDS = ("facilitator", "participant")  # a format named <kind> or <kind>-<x> is that handout


@dataclass(frozen=True)
class Scope:
    """What a build renders, so its checks look at that and nothing else (None: everything)."""

    audiences: Optional[tuple] = None
    formats: Optional[tuple] = None
    editions: Optional[tuple] = None  # council edition ids; the national edition is always checked

    def handouts(self) -> tuple:
        """The handout kinds (facilitator, participant) the scope renders."""
        if self.formats is None:
            return HANDOUT_KINDS
        return tuple(k for k in HANDOUT_KINDS if any(f.split("-")[0] == k for f in self.formats))

    def decks(self) -> bool:
        """Whether the scope renders a deck (any format that is not a handout)."""
        return self.formats is None or any(f.split("-")[0] not in HANDOUT_KINDS for f in self.formats)


EVERYTHING = Scope()


class CheckContext:
    """What rules look at: the workshop, each audience's resolved view and deck plan, in scope.

    `check` looks at everything; a build passes the Scope of what it renders, so rules see only
    those audiences (`resolved`, `decks`, `modules`), handouts and editions.
    """

    def __init__(self, workshop: Workshop, loader: Optional[Loader] = None, today: Optional[dt.date] = None,
                 scope: Scope = EVERYTHING, cache=None):
        self.workshop = workshop
        self.loader = loader
        self.today = today or dt.date.today()
        self.scope = scope
        self.cache = cache  # a CheckCache, or None: per-input results kept between builds

    @cached_property
    def audiences(self) -> list:
        """The audience ids in scope, in workshop order."""
        wanted = self.scope.audiences
        return [a for a in self.workshop.audiences if wanted is None or a in wanted]

    @cached_property
    def resolved(self) -> dict:
        return {aud: resolve(self.workshop, aud) for aud in self.audiences}

    @cached_property
    def decks(self) -> dict:
        """Each in-scope audience's deck plan (none when the scope renders no deck)."""
        from ..render.deck_plan import plan_deck

        if not self.scope.decks():
            return {}
        return {aud: plan_deck(r) for aud, r in self.resolved.items()}

    @cached_property
    def modules(self) -> list:
        """The modules in scope: every module for `check`, those the audiences use for a build."""
        if self.scope.audiences is None:
            return list(self.workshop.modules.values())
        used = {id(rm.module) for r in self.resolved.values() for rm in r.modules}
        return [m for m in self.workshop.modules.values() if id(m) in used]

    @cached_property
    def editions(self) -> list:
        """The council editions in scope."""
        wanted = self.scope.editions
        return [e for ident, e in self.workshop.editions.items() if wanted is None or ident in wanted]


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
        workshop = load_project(root, template)
    except ContentError as exc:
        return None, exc.diagnostics
    return workshop, run_checks(workshop, today, select)


def filter_findings(findings: list, select=(), ignore=()) -> list:
    return [d for d in findings if selected(d.code, select, ignore)]


# The rule modules (explicit, in the order their findings are produced).
from . import structure, timing, evidence, language, accessibility, editions  # noqa: E402,F401

__all__ = ["Scope", "EVERYTHING", "RULES", "rule", "run_checks", "check_project", "filter_findings", "Diagnostic"]
