"""Timing rules: every audience's agenda fits its slot, without leaving much of it unused."""

from __future__ import annotations

from ..diagnostics import Location
from ..yamlio import line_of
from . import rule

UNUSED_SHARE = 0.20


def _audience_loc(ctx, aud):
    lines = getattr(ctx.workshop, "yaml_lines", {})
    return Location("workshop.yaml", line_of(lines, "audiences", aud))


@rule("E201", "over-slot", "an audience's agenda is longer than its slot")
def over_slot(ctx, report):
    for aud, resolved in ctx.resolved.items():
        slot, total = resolved.audience.minutes, resolved.total_minutes
        if total > slot:
            biggest = sorted(resolved.modules, key=lambda m: -m.minutes)[:3]
            report.error(_audience_loc(ctx, aud), "E201",
                         f"the agenda for '{aud}' takes {total} minutes; its slot is {slot}",
                         f"cut {total - slot} minutes (longest: "
                         + ", ".join(f"{m.module.id} {m.minutes}" for m in biggest) + ")")


@rule("W202", "slot-unused", "an audience's agenda leaves more than 20% of its slot unused")
def slot_unused(ctx, report):
    for aud, resolved in ctx.resolved.items():
        slot, total = resolved.audience.minutes, resolved.total_minutes
        if slot and total <= slot and (slot - total) > UNUSED_SHARE * slot:
            report.warning(_audience_loc(ctx, aud), "W202",
                           f"the agenda for '{aud}' uses {total} of {slot} minutes",
                           "add modules or time for this audience, or shorten its slot")
