"""The deck as typed slides (presentation.py), planned from the resolved model without python-pptx.

Like pandoc's PowerPoint writer: a pure step that speaks slides, testable and checkable
before anything is written. Each source slide's Markdown becomes typed text, tables and
pictures once (from_markdown.py); the plan adds the title, agenda and closing slides and
chooses each slide's layout by name. Its last step (fit.py) measures each slide against the
template's boxes and splits slides whose points do not fit; that step reads the template's
layout metrics, and nothing else outside the model.
"""

from __future__ import annotations

import os

from ..model import Resolved
from .base import long_date, minutes_text
from .fit import AGENDA_COLUMNS, AGENDA_ROW_FACTOR, fit_deck
from .from_markdown import note_paragraphs, text_points, visual
from .presentation import Paragraph, Picture, Point, Run, Slide, Table, TextBox, plain

AGENDA_ROWS_PER_SLIDE = 8
VISUAL_TAGS = ("table", "img")


def _split(blocks) -> tuple:
    """Top-level elements of blocks, divided into text and visuals (tables, pictures)."""
    text, visuals = [], []
    for block in blocks:
        for el in block.tree:
            imgs = list(el.iter("img")) if el.tag == "p" else []
            if el.tag in VISUAL_TAGS:
                visuals.append(el)
            elif imgs and not "".join(el.itertext()).strip():
                visuals.extend(imgs)
            else:
                text.append(el)
    return text, visuals


def _shapes(points, visuals, has_text: bool = True) -> tuple:
    """A slide's shapes: its text box (when it has text) first, then its visuals."""
    return ((TextBox(tuple(points)),) if has_text else ()) + tuple(visuals)


def plan_deck(resolved: Resolved) -> list:
    """Every slide of one audience's deck, in order, each fitted to the template's boxes."""
    w, edition, cite = resolved.workshop, resolved.edition, resolved.cite_short
    slides = [Slide(
        "Title Slide", w.title, "title",
        subtitle=_subtitle(resolved),
        logo=Picture(str(edition.logo), f"{edition.name} logo") if edition and edition.logo else None,
        notes=(plain(_opening_note(resolved)),),
    )]
    slides.extend(_agenda(resolved))
    for rmod in resolved.modules:
        mid = rmod.module.id
        for s in rmod.slides:
            text, visuals = _split(s.body)
            points = text_points(text, mid, cite)
            shapes = tuple(visual(el, mid, cite) for el in visuals)
            notes = note_paragraphs([el for b in s.notes for el in b.tree], mid, cite)
            if s.kind == "section":
                if not text:
                    points = (Point((plain(minutes_text(rmod.minutes)),)),)
                slides.append(Slide("Section Header", s.title, "section", _shapes(points, ()), notes,
                                    module_id=mid, source=s.loc))
            elif s.kind == "activity":
                lead = Point((plain(f"Activity · {minutes_text(s.minutes)}"),))
                title = s.title if s.title.lower().startswith("activity") else f"Activity: {s.title}"
                slides.append(Slide("Two Content" if shapes else "Title and Content", title, "activity",
                                    _shapes((lead,) + points, shapes), notes, module_id=mid, source=s.loc))
            else:
                layout = "Two Content" if shapes and text else "Title and Content"
                slides.append(Slide(layout, s.title, "content", _shapes(points, shapes, bool(text)), notes,
                                    module_id=mid, source=s.loc))
    slides.append(_closing(resolved))
    return _fitted(slides, w.template)


_FITTED: dict = {}  # (slides, template and its state) -> fitted slides, for the last few decks
FITTED_KEPT = 8


def _fitted(slides: list, template) -> list:
    """fit_deck, remembered: the checks and the deck writer plan the same deck once a process."""
    try:
        stat = os.stat(template)
        key = (tuple(slides), str(template), stat.st_size, stat.st_mtime_ns)
        hash(key)
    except (OSError, TypeError):  # no template file (fit_deck reports it) or an unhashable shape
        return fit_deck(slides, template)
    if key not in _FITTED:
        if len(_FITTED) >= FITTED_KEPT:
            _FITTED.pop(next(iter(_FITTED)))
        _FITTED[key] = fit_deck(slides, template)
    return list(_FITTED[key])


def _subtitle(resolved: Resolved) -> tuple:
    """The title slide's lines: the subtitle, who and which edition it is for, organisation and date."""
    w, audience = resolved.workshop, resolved.audience
    who = " · ".join(x for x in (f"For {audience.name.lower()}" if audience.name else "", _edition_line(resolved))
                     if x)
    return tuple(line for line in (w.subtitle, who, f"{w.organisation} · {long_date(w.date)}") if line)


def _edition_line(resolved: Resolved) -> str:
    """The edition's name on the title slide (nothing for the national edition)."""
    edition = resolved.edition
    return edition.name if edition is not None and edition.id != "national" else ""


def _opening_note(resolved: Resolved) -> str:
    """What the facilitator says first: who the session is for, and the content note."""
    notes = [m.title for m in resolved.modules if m.module.content_note]
    text = (f"Welcome everyone. This session is for {resolved.audience.name.lower()} and runs for "
            f"{resolved.total_minutes} minutes.")
    if notes:
        text += (" Before you start, give the content note: some sessions discuss abuse and exploitation ("
                 + "; ".join(notes) + "). People may step out at any time; the support slide at the end "
                 "lists who can help.")
    return text


def _cells(values) -> tuple:
    """A table row of plain strings."""
    return tuple((Run(v),) if v else () for v in values)


def _agenda(resolved: Resolved) -> list:
    """The agenda as one table of times, sessions and minutes, over as many slides as it needs."""
    rows = [[f"{i.start_text}–{i.end_text}", i.title, str(i.minutes)] for i in resolved.agenda]
    pages = [rows[i:i + AGENDA_ROWS_PER_SLIDE] for i in range(0, len(rows), AGENDA_ROWS_PER_SLIDE)] or [[]]
    out = []
    for n, page in enumerate(pages, 1):
        title = "Agenda" if len(pages) == 1 else f"Agenda ({n} of {len(pages)})"
        note = (f"The session runs from {resolved.agenda[0].start_text} to {resolved.agenda[-1].end_text}."
                if resolved.agenda else "There is nothing on the agenda for this audience.")
        table = Table(tuple(_cells(row) for row in [["Time", "Session", "Minutes"]] + page), AGENDA_ROW_FACTOR,
                      AGENDA_COLUMNS, "Agenda table")
        out.append(Slide("Title and Content", title, "agenda", (table,), (plain(note),)))
    return out


def _closing(resolved: Resolved) -> Slide:
    """Who can help: each contact's name in bold with a phone number or web address."""
    points: list = []
    for contact in resolved.contacts:
        tail = f": {contact.phone}" if contact.phone else (f": {contact.url}" if contact.url else "")
        runs = ((Run(contact.name, bold=True),) if contact.name else ()) + ((Run(tail),) if tail else ())
        points.append(Point((Paragraph(runs, 0, "bullet"),), 0, len(points) + 1))
    note = plain(
        "Close by pointing to support. Remind people that if they are worried about a child or an adult at "
        "risk they should follow their council's safeguarding procedure and contact the children's or "
        "adults' front door; in an emergency, call 999. Thank people, and stay for a few minutes in case "
        "anyone wants to talk privately.")
    return Slide("Title and Content", "Support and contacts", "closing", (TextBox(tuple(points)),), (note,))
