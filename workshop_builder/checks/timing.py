"""Timing rules: every audience's agenda fits its slot, without leaving much of it unused."""

from __future__ import annotations

from ..codes.timing import OVER_SLOT, SLOT_UNUSED
from ..diagnostics import Location
from ..yamlio import line_of
from .base import rule

UNUSED_SHARE = 0.20


def _audience_loc(ctx, aud):
    lines = getattr(ctx.workshop, "yaml_lines", {})
    return Location("workshop.yaml", line_of(lines, "audiences", aud))


@rule(OVER_SLOT)
def over_slot(ctx, report):
    for aud, resolved in ctx.resolved.items():
        slot, total = resolved.audience.minutes, resolved.total_minutes
        if total > slot:
            biggest = sorted(resolved.modules, key=lambda m: -m.minutes)[:3]
            report.error(_audience_loc(ctx, aud), OVER_SLOT,
                         f"the agenda for '{aud}' takes {total} minutes; its slot is {slot}",
                         f"cut {total - slot} minutes (longest: "
                         + ", ".join(f"{m.module.id} {m.minutes}" for m in biggest) + ")")


@rule(SLOT_UNUSED)
def slot_unused(ctx, report):
    for aud, resolved in ctx.resolved.items():
        slot, total = resolved.audience.minutes, resolved.total_minutes
        if slot and total <= slot and (slot - total) > UNUSED_SHARE * slot:
            report.warning(_audience_loc(ctx, aud), SLOT_UNUSED,
                           f"the agenda for '{aud}' uses {total} of {slot} minutes",
                           "add modules or time for this audience, or shorten its slot")
