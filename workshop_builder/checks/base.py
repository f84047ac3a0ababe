"""The rule registry and what rules look at: `@rule(CODE)`, `RULES` and the `CheckContext`.

The bottom of the checks package: rule modules import it, and the package imports them.

Checks such as "review_by has passed" and "contact checked more than a year ago" compare with
the context's `today`: the `today=` given to the check functions, else WORKSHOP_BUILDER_TODAY
(YYYY-MM-DD; tests pin it, and anyone reproducing an old report can), else the real date.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Optional

from ..codes import Code
from ..codes.load import BAD_TODAY
from ..diagnostics import ContentError, Diagnostic, Location
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
TODAY_VARIABLE = "WORKSHOP_BUILDER_TODAY"


def today_for_checks() -> dt.date:
    """WORKSHOP_BUILDER_TODAY when set, else the real date; ContentError for an unreadable value."""
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ContentError([Diagnostic(Location(TODAY_VARIABLE), BAD_TODAY, f"{TODAY_VARIABLE}='{value[:30]}' is "
                                       "not a date", "write it as YYYY-MM-DD, e.g. 2026-11-27, or unset it")]) from None


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
        self.today = today or today_for_checks()  # WORKSHOP_BUILDER_TODAY pins it (tests)
        self.scope = scope
        self.cache = cache  # a CheckCache, or None: per-input results kept between builds

    @cached_property
    def audiences(self) -> list:
        """The audience ids in scope, in workshop order."""
        wanted = self.scope.audiences
        return [a for a in self.workshop.audiences if wanted is None or a in wanted]

    @cached_property
    def resolved(self) -> dict:
        """Each in-scope audience's resolved view."""
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
