"""Pacing rules: the content fits its minutes in the room, not only on paper.

The estimate (pacing.py) is notes read aloud at 130 words a minute, activity minutes and 15
seconds a slide; the thresholds and their reasons are in each rule's docstring and in
docs/authoring.md ("Pacing").
"""

from __future__ import annotations

from ..codes.timing import DENSE_SLIDE, MODULE_OVERRUNS, PACE_SETTING, SLIDE_PACE
from ..diagnostics import Location
from ..pacing import (
    CHANGEOVER_MINUTES,
    MAX_SLIDE_POINTS,
    MAX_SLIDE_WORDS,
    estimate,
    min_minutes_per_slide,
    valid_threshold,
)
from ..yamlio import line_of
from .base import rule


def _estimates(ctx) -> dict:
    """Audience id -> Estimate, computed once per check run."""
    cached = getattr(ctx, "_pacing", None)
    if cached is None:
        cached = ctx._pacing = {aud: estimate(r) for aud, r in ctx.resolved.items()}
    return cached


def _yaml_loc(ctx, *path) -> Location:
    return Location("workshop.yaml", line_of(getattr(ctx.workshop, "yaml_lines", {}), *path))


@rule(MODULE_OVERRUNS)
def module_overruns(ctx, report):
    """A module whose estimate exceeds its declared minutes for an audience.

    The estimate is a floor (notes at 130 words a minute, activity minutes, 15 s a slide);
    questions and discussion come on top, so a module over it will overrun in the room. One
    finding per module, naming each audience it overruns for; not where the activities alone
    take longer than the module (E103 reports that).
    """
    over: dict = {}
    for aud, est in _estimates(ctx).items():
        for m in est.modules:
            if m.minutes > m.declared and m.activity_minutes <= m.declared:  # activities alone: E103
                over.setdefault(m.module_id, []).append((aud, m))
    for module_id, items in over.items():
        module = ctx.workshop.modules[module_id]
        line = module.key_lines.get(("duration",), module.loc.line)
        detail = "; ".join(
            f"{aud}: {m.minutes:.1f} of {m.declared} min (notes {m.notes_minutes:.1f} + activities "
            f"{m.activity_minutes} + {len(m.slides)} slides x {CHANGEOVER_MINUTES * 60:.0f} s)"
            for aud, m in items)
        report.warning(Location(module.rel, line), MODULE_OVERRUNS,
                       f"module '{module_id}' takes longer than its minutes: {detail}",
                       "cut notes (the facilitator handout keeps the depth), merge slides, or give it more minutes")


@rule(PACE_SETTING)
def pace_setting(ctx, report):
    """An audience's min_minutes_per_slide must be a positive number of minutes (e.g. 2 or 1.5)."""
    for aud in ctx.audiences:
        value = getattr(ctx.workshop.audiences[aud], "min_minutes_per_slide", None)
        if value is not None and not valid_threshold(value):
            report.error(_yaml_loc(ctx, "audiences", aud, "min_minutes_per_slide"), PACE_SETTING,
                         f"min_minutes_per_slide of '{aud}' must be a positive number of minutes, not {value!r}",
                         "write e.g. min_minutes_per_slide: 2")


@rule(SLIDE_PACE)
def too_many_slides(ctx, report):
    """An audience's sessions (breaks left out) divided by the slides of its deck is under the threshold.

    Awareness sessions run at about 2-3 minutes a slide including discussion (docs/authoring.md,
    "Pacing"); under 2 the trainer clicks through rather than talks with the room. The slides
    counted are those of the built deck (title, agenda, closing and split parts included): what
    the trainer has to get through. An audience can set its own threshold in workshop.yaml with
    `min_minutes_per_slide:` (e.g. 1.5 for a briefing that is mostly talk).
    """
    for aud, deck in ctx.decks.items():
        resolved = ctx.resolved[aud]
        minutes = sum(item.minutes for item in resolved.agenda if item.kind == "module")
        slides = len(deck)
        threshold = min_minutes_per_slide(resolved.audience)
        if slides and minutes / slides < threshold:
            most = max(int(minutes // threshold), 1)
            report.warning(_yaml_loc(ctx, "audiences", aud), SLIDE_PACE,
                           f"the deck for '{aud}' has {slides} slides for {minutes} minutes of sessions: "
                           f"{minutes / slides:.1f} minutes a slide, under {threshold:g}",
                           f"cut or merge to at most {most} slides, or set min_minutes_per_slide for this audience")


@rule(DENSE_SLIDE)
def dense_slide(ctx, report):
    """A slide whose body shows more than 40 words or more than 6 points (in any audience's view).

    Words are tokens with a letter (figures alone do not count; citations are not in the body);
    points are list items at any depth plus stand-alone paragraphs. Forty words is about ten
    seconds of silent reading and roughly the "six bullets of six words" rule of thumb; the
    assertion-evidence checklist asks for lists of two to four items, so six is already generous.
    Past either the room reads instead of listening (Mayer's redundancy principle): move the
    sentences to the notes and the facilitator handout.
    """
    worst: dict = {}
    for est in _estimates(ctx).values():
        for m in est.modules:
            for s in m.slides:
                key = (s.slide.loc, s.slide.title)
                words, points = worst.get(key, (0, 0))
                worst[key] = (max(words, s.screen_words), max(points, s.points))
    for (loc, title), (words, points) in worst.items():
        problems = []
        if words > MAX_SLIDE_WORDS:
            problems.append(f"{words} words (at most {MAX_SLIDE_WORDS})")
        if points > MAX_SLIDE_POINTS:
            problems.append(f"{points} points (at most {MAX_SLIDE_POINTS})")
        if problems:
            report.warning(loc, DENSE_SLIDE, f"slide '{title}' shows " + " and ".join(problems),
                           "keep the few words that anchor the point; move sentences to the notes or the handout")

