"""The deck as a plan of slides (layout name, title, content, notes), made without python-pptx.

Like pandoc's PowerPoint writer: a pure step that speaks slides, testable and checkable
before anything is written. Its last step (fit.py) measures each slide against the
template's boxes and splits slides whose points do not fit; that step reads the template's
layout metrics, and nothing else outside the model.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..diagnostics import Location
from ..model import Resolved
from .base import long_date, minutes_text
from .fit import fit_deck

AGENDA_ROWS_PER_SLIDE = 8
VISUAL_TAGS = ("table", "img")


@dataclass
class Content:
    """A top-level element of a slide with the module whose sources its citations name."""

    element: etree.Element
    module_id: str


@dataclass
class PlannedSlide:
    layout: str
    title: str
    kind: str
    text: list = field(default_factory=list)  # Content for the text placeholder
    visuals: list = field(default_factory=list)  # Content: tables and images
    notes: list = field(default_factory=list)  # Content for the notes page
    subtitle: list = field(default_factory=list)  # plain lines (title slide)
    table: Optional[list] = None  # plain rows, header first (agenda)
    module_id: str = ""
    source: Optional[Location] = None  # the ResolvedSlide's loc (None for title, agenda, closing)
    split_from: Optional[Location] = None  # the source slide, on every part of a slide split to fit
    part: int = 1  # this part's number, of `parts`
    parts: int = 1
    overflow: str = ""  # what still does not fit, in words; empty when everything fits
    logo: Optional[Path] = None  # a picture for the title slide (an edition's logo)
    logo_alt: str = ""


def _split(blocks, module_id: str):
    """Top-level elements of blocks, divided into text and visuals (tables, pictures)."""
    text, visuals = [], []
    for block in blocks:
        for el in block.tree:
            imgs = list(el.iter("img")) if el.tag == "p" else []
            if el.tag in VISUAL_TAGS:
                visuals.append(Content(el, module_id))
            elif imgs and not "".join(el.itertext()).strip():
                visuals.extend(Content(img, module_id) for img in imgs)
            else:
                text.append(Content(el, module_id))
    return text, visuals


def _paragraph(text: str) -> etree.Element:
    el = etree.Element("p")
    el.text = text
    return el


def plan_deck(resolved: Resolved) -> list:
    """Every slide of one audience's deck, in order, each fitted to the template's boxes."""
    w, audience = resolved.workshop, resolved.audience
    slides = [PlannedSlide(
        "Title Slide", w.title, "title",
        subtitle=[line for line in (w.subtitle,
                                    " · ".join(x for x in (f"For {audience.name.lower()}" if audience.name else "",
                                                           _edition_line(resolved)) if x),
                                    f"{w.organisation} · {long_date(w.date)}") if line],
        logo=resolved.edition.logo if resolved.edition else None,
        logo_alt=f"{resolved.edition.name} logo" if resolved.edition else "",
        notes=[Content(_paragraph(_opening_note(resolved)), "")],
    )]
    slides.extend(_agenda(resolved))
    for rmod in resolved.modules:
        mid = rmod.module.id
        for s in rmod.slides:
            text, visuals = _split(s.body, mid)
            notes = [Content(el, mid) for b in s.notes for el in b.tree]
            if s.kind == "section":
                slides.append(PlannedSlide("Section Header", s.title, "section", text=text or [
                    Content(_paragraph(minutes_text(rmod.minutes)), mid)], notes=notes, module_id=mid, source=s.loc))
            elif s.kind == "activity":
                lead = Content(_paragraph(f"Activity · {minutes_text(s.minutes)}"), mid)
                title = s.title if s.title.lower().startswith("activity") else f"Activity: {s.title}"
                slides.append(PlannedSlide("Two Content" if visuals else "Title and Content", title,
                                           "activity", [lead] + text, visuals, notes, module_id=mid, source=s.loc))
            else:
                layout = "Two Content" if visuals and text else "Title and Content"
                slides.append(PlannedSlide(layout, s.title, "content", text, visuals, notes, module_id=mid,
                                           source=s.loc))
    slides.append(_closing(resolved))
    return fit_deck(slides, w.template, resolved.cite_short)


def _edition_line(resolved: Resolved) -> str:
    """The edition's name on the title slide (nothing for the national edition)."""
    edition = resolved.edition
    return edition.name if edition is not None and edition.id != "national" else ""


def _opening_note(resolved: Resolved) -> str:
    notes = [m.title for m in resolved.modules if m.module.content_note]
    text = (f"Welcome everyone. This session is for {resolved.audience.name.lower()} and runs for "
            f"{resolved.total_minutes} minutes.")
    if notes:
        text += (" Before you start, give the content note: some sessions discuss abuse and exploitation ("
                 + "; ".join(notes) + "). People may step out at any time; the support slide at the end "
                 "lists who can help.")
    return text


def _agenda(resolved: Resolved) -> list:
    rows = [[f"{i.start_text}–{i.end_text}", i.title, str(i.minutes)] for i in resolved.agenda]
    pages = [rows[i:i + AGENDA_ROWS_PER_SLIDE] for i in range(0, len(rows), AGENDA_ROWS_PER_SLIDE)] or [[]]
    out = []
    for n, page in enumerate(pages, 1):
        title = "Agenda" if len(pages) == 1 else f"Agenda ({n} of {len(pages)})"
        note = (f"The session runs from {resolved.agenda[0].start_text} to {resolved.agenda[-1].end_text}."
                if resolved.agenda else "There is nothing on the agenda for this audience.")
        out.append(PlannedSlide("Title and Content", title, "agenda",
                                table=[["Time", "Session", "Minutes"]] + page,
                                notes=[Content(_paragraph(note), "")]))
    return out


def _closing(resolved: Resolved) -> PlannedSlide:
    items = etree.Element("ul")
    for contact in resolved.contacts:
        li = etree.SubElement(items, "li")
        strong = etree.SubElement(li, "strong")
        strong.text = contact.name
        strong.tail = f": {contact.phone}" if contact.phone else (f": {contact.url}" if contact.url else "")
    note = _paragraph(
        "Close by pointing to support. Remind people that if they are worried about a child or an adult at "
        "risk they should follow their council's safeguarding procedure and contact the children's or "
        "adults' front door; in an emergency, call 999. Thank people, and stay for a few minutes in case "
        "anyone wants to talk privately.")
    return PlannedSlide("Title and Content", "Support and contacts", "closing",
                        text=[Content(items, "")], notes=[Content(note, "")])
