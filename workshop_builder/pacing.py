"""How long one audience's workshop takes in the room, estimated from its content.

Pure: reads a resolved workshop (resolver.py) and counts. The estimate of a slide is

    the words of its speaker notes read aloud at WORDS_PER_MINUTE
  + its activity minutes (activity slides)
  + CHANGEOVER_MINUTES (moving on and letting the room take in the slide)

and a module's estimate is the sum over its slides. It is a floor, not a forecast: questions
and discussion come on top, so a module whose floor already exceeds its declared minutes will
overrun (check W203). The same counting gives what is on screen per slide (words, points) for
the density rule (W205).

Why these numbers:
- 130 words a minute. Conversational English runs at about 150 words a minute, and recorded
  narration (audiobooks, broadcast) at 150-160; speakers presenting to a room are advised to
  slow to roughly 120-150 so that people can follow and take notes. A trainer reading prepared
  notes on a distressing subject pauses for it to land, so we take the slower middle of that
  range. Numbers and citations in the notes count as words: they are read out too.
- 15 seconds a slide. The click, the room looking up, and reading the headline and the few
  words on the slide: silent reading of non-fiction runs at about 240 words a minute, so the
  40 words W205 allows take about 10 seconds.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Optional

from .model import Resolved, ResolvedSlide

WORDS_PER_MINUTE = 130
CHANGEOVER_MINUTES = 0.25
MIN_MINUTES_PER_SLIDE = 2.0  # default per audience; workshop.yaml: audiences: <id>: min_minutes_per_slide
MAX_SLIDE_WORDS = 40
MAX_SLIDE_POINTS = 6


@dataclass(frozen=True)
class SlideEstimate:
    """One slide's share of the time and what it shows on screen."""

    slide: ResolvedSlide
    note_words: int
    activity_minutes: int
    screen_words: int
    points: int

    @property
    def minutes(self) -> float:
        """Notes read aloud, the activity, and the changeover."""
        return self.note_words / WORDS_PER_MINUTE + self.activity_minutes + CHANGEOVER_MINUTES


@dataclass(frozen=True)
class ModuleEstimate:
    """A module's declared minutes beside the estimate, for one audience."""

    module_id: str
    title: str
    declared: int
    slides: tuple  # SlideEstimate

    @property
    def notes_minutes(self) -> float:
        return sum(s.note_words for s in self.slides) / WORDS_PER_MINUTE

    @property
    def activity_minutes(self) -> int:
        return sum(s.activity_minutes for s in self.slides)

    @property
    def changeover_minutes(self) -> float:
        return len(self.slides) * CHANGEOVER_MINUTES

    @property
    def minutes(self) -> float:
        """The estimate: notes read aloud, activities and changeovers."""
        return self.notes_minutes + self.activity_minutes + self.changeover_minutes


@dataclass(frozen=True)
class Estimate:
    """One audience's workshop: the modules' estimates and the breaks."""

    audience_id: str
    slot: int
    modules: tuple  # ModuleEstimate
    break_minutes: int = 0
    deck_slides: Optional[int] = None  # slides in the built deck, when the caller planned it

    @property
    def declared(self) -> int:
        return sum(m.declared for m in self.modules) + self.break_minutes

    @property
    def minutes(self) -> float:
        return sum(m.minutes for m in self.modules) + self.break_minutes

    @property
    def teaching_minutes(self) -> int:
        """The declared minutes of the modules, breaks left out: the time the slides have."""
        return sum(m.declared for m in self.modules)


def words(text: str) -> int:
    """Words in text: whitespace-separated tokens holding a letter (figures alone are not words)."""
    return sum(1 for token in text.split() if any(ch.isalpha() for ch in token))


def spoken_words(text: str) -> int:
    """Tokens read aloud: every whitespace-separated token, figures included."""
    return len(text.split())


def _text(tree: etree.Element) -> str:
    return " ".join(tree.itertext())


def points(tree: etree.Element) -> int:
    """Points on screen: list items at any depth, plus paragraphs that stand on their own."""
    count = sum(1 for _ in tree.iter("li"))
    for el in tree:
        if el.tag == "p" and words(_text(el)):
            count += 1
    return count


DRAWN = ("process", "cycle", "chart")  # slide-vocabulary blocks drawn as one picture of their content


def _drawn(block) -> bool:
    """Whether a block is drawn as a diagram or chart: its steps and source line are not points to read
    (a process may have up to 7 steps; the density rule counts what is read as text)."""
    visual = getattr(block, "visual", None)
    return visual is not None and visual.root.name in DRAWN


def estimate_slide(slide: ResolvedSlide) -> SlideEstimate:
    """A slide's notes, activity minutes and on-screen words and points."""
    note_words = sum(spoken_words(_text(b.tree)) for b in slide.notes)
    screen = sum(words(_text(b.tree)) for b in slide.body)
    n_points = sum(points(b.tree) for b in slide.body if not _drawn(b))
    minutes = (slide.minutes or 0) if slide.kind == "activity" else 0
    return SlideEstimate(slide, note_words, minutes, screen, n_points)


def estimate(resolved: Resolved, deck_slides: Optional[int] = None) -> Estimate:
    """The estimate of each module of one audience's workshop, and of the whole."""
    modules = tuple(
        ModuleEstimate(m.module.id, m.title, m.minutes, tuple(estimate_slide(s) for s in m.slides))
        for m in resolved.modules)
    breaks = sum(item.minutes for item in resolved.agenda if item.kind == "break")
    return Estimate(resolved.audience.id, resolved.audience.minutes, modules, breaks, deck_slides)


def min_minutes_per_slide(audience) -> float:
    """The audience's threshold for W204 (workshop.yaml min_minutes_per_slide, else 2)."""
    value = getattr(audience, "min_minutes_per_slide", None)
    return float(value) if value is not None and valid_threshold(value) else MIN_MINUTES_PER_SLIDE


def valid_threshold(value) -> bool:
    """Whether a min_minutes_per_slide value is a positive number."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def _m(value: float) -> str:
    return f"{value:.1f}"


def plan_lines(est: Estimate, audience=None) -> list:
    """The pacing table `plan` prints: per module and in total, declared minutes beside the estimate."""
    out = [f"Pacing: notes read aloud at {WORDS_PER_MINUTE} words a minute + activity minutes"
           f" + {round(CHANGEOVER_MINUTES * 60)} s a slide (a floor: discussion comes on top)",
           f"  {'module':<34} {'slides':>6} {'declared':>8} {'estimate':>8}  notes + activities + changeover"]
    for m in est.modules:
        over = m.minutes - m.declared
        flag = f"  OVER by {_m(over)}" if over > 0 else ""
        out.append(f"  {m.module_id[:34]:<34} {len(m.slides):>6} {m.declared:>8} {_m(m.minutes):>8}"
                   f"  {_m(m.notes_minutes)} + {m.activity_minutes} + {_m(m.changeover_minutes)}{flag}")
    slides = sum(len(m.slides) for m in est.modules)
    breaks = f" (with {est.break_minutes} min of breaks)" if est.break_minutes else ""
    out.append(f"  {('Total' + breaks)[:34]:<34} {slides:>6} {est.declared:>8} {_m(est.minutes):>8}")
    if est.deck_slides:
        per = est.teaching_minutes / est.deck_slides
        aim = min_minutes_per_slide(audience) if audience is not None else MIN_MINUTES_PER_SLIDE
        out.append(f"  {est.deck_slides} slides in the deck over {est.teaching_minutes} minutes of sessions: "
                   f"{per:.1f} minutes a slide (aim for at least {aim:g})")
    return out
