"""The date checks compare against: today, unless WORKSHOP_BUILDER_TODAY names another day.

Checks such as "review_by has passed" and "contact checked more than a year ago" depend on the
date; tests (and anyone reproducing an old report) pin it with WORKSHOP_BUILDER_TODAY=YYYY-MM-DD
or by passing `today=` to the check functions.
"""

from __future__ import annotations

import datetime as dt
import os

from .diagnostics import ContentError, Diagnostic, Location

TODAY_VARIABLE = "WORKSHOP_BUILDER_TODAY"


def today() -> dt.date:
    """WORKSHOP_BUILDER_TODAY when set, else the real date; ContentError for an unreadable value."""
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ContentError([Diagnostic(Location(TODAY_VARIABLE), "E083", f"{TODAY_VARIABLE}='{value[:30]}' is not "
                                       "a date", "write it as YYYY-MM-DD, e.g. 2026-11-27, or unset it")]) from None
