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


class CheckContext:
    """What rules look at: the workshop, each audience's resolved view and deck plan."""

    def __init__(self, workshop: Workshop, loader: Optional[Loader] = None, today: Optional[dt.date] = None):
        self.workshop = workshop
        self.loader = loader
        self.today = today or today_for_checks()  # WORKSHOP_BUILDER_TODAY pins it (tests)

    @cached_property
    def resolved(self) -> dict:
        return {aud: resolve(self.workshop, aud) for aud in self.workshop.audiences}

    @cached_property
    def decks(self) -> dict:
        from ..render.deck_plan import plan_deck

        return {aud: plan_deck(r) for aud, r in self.resolved.items()}
