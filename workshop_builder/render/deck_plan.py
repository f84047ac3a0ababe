"""The deck as typed slides (presentation.py), planned from the resolved model without python-pptx.

Like pandoc's PowerPoint writer: a pure step that speaks slides, testable and checkable
before anything is written. Each source slide's Markdown becomes typed text, tables and
pictures once (from_markdown.py), and the slide vocabulary (charts, diagrams, big numbers,
columns, quotations, picture and activity slides) into its shapes; the plan adds the title,
agenda and closing slides, chooses each slide's layout by name (falling back, when the
template lacks one, to the nearest it has: layouts.py), and gives content slides their footer
and number. Its last step (fit.py) measures each slide against the
template's boxes and splits slides whose points do not fit; that step reads the template's
layout metrics, and nothing else outside the model.
"""

from __future__ import annotations

import os
from dataclasses import replace

from ..model import Resolved
from .base import long_date, minutes_text
from .content_note import spoken_note
from .deck_phone_numbers import listed_texts, numbers_kept_together
from .fit import (
    AGENDA_COLUMNS,
    AGENDA_COMPACT_FACTOR,
    AGENDA_ROW_FACTOR,
    EMU_PER_PT,
    available_height,
    fit_deck,
    table_height,
    text_height,
)
from .from_markdown import (
    chart,
    columns,
    diagram,
    footnote_paragraphs,
    note_paragraphs,
    quotation,
    stat,
    text_points,
    visual,
    visual_groups,
)
from .layouts import REQUIRED, choose_layout
from .presentation import (
    Columns,
    Paragraph,
    Picture,
    Point,
    Run,
    Slide,
    Stat,
    Table,
    TextBox,
    is_visual,
    placements,
    plain,
    slots,
)

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
    slides.extend(_agenda(resolved, w.template))
    for rmod in resolved.modules:
        mid = rmod.module.id
        for s in rmod.slides:
            notes = note_paragraphs([el for b in s.notes for el in b.tree], mid, cite)
            notes += footnote_paragraphs([b.tree for b in s.body + s.notes], rmod.module.footnotes, mid, cite)
            if s.kind == "section":
                text, _ = _split(s.body)
                points = text_points(text, mid, cite)
                if not text:
                    points = (Point((plain(minutes_text(rmod.minutes)),)),)
                slides.append(Slide("Section Header", s.title, "section", _shapes(points, ()), notes,
                                    module_id=mid, source=s.loc))
            elif s.kind == "activity":
                slides.append(_activity(s, mid, cite, notes))
            else:
                layout, kind, shapes = _content(s, mid, cite)
                slides.append(Slide(layout, s.title, kind, shapes, notes, module_id=mid, source=s.loc))
    slides.append(_closing(resolved, slides))
    # python-pptx reads the template, as for the fitter
    from .template_info import template_info

    info = template_info(w.template)
    slides = [numbers_kept_together(_navigation(_roomy(_fallback(slide, info), info), resolved)) for slide in slides]
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


def _activity(s, mid: str, cite, notes) -> Slide:
    """An activity: the task on the "Activity" layout with its minutes in the badge (with a picture
    or table, the task beside it on "Two Content", the minutes as its first line)."""
    text, visuals = _split(s.body)
    points = text_points(text, mid, cite)
    shapes = tuple(visual(el, mid, cite) for el in visuals)
    title = s.title if s.title.lower().startswith("activity") else f"Activity: {s.title}"
    badge = minutes_text(s.minutes)
    if shapes:
        lead = Point((plain(f"Activity · {badge}"),))
        return Slide("Two Content", title, "activity", _shapes((lead,) + points, shapes), notes,
                     module_id=mid, source=s.loc)
    return Slide("Activity", title, "activity", (TextBox(points), TextBox((Point((plain(badge),)),))), notes,
                 module_id=mid, source=s.loc)


def _content(s, mid: str, cite) -> tuple:
    """(layout, kind, shapes) of a content slide: the slide vocabulary's kinds, else text and visuals."""
    groups = visual_groups(s.body)
    vocab = [(v, blocks) for v, blocks in groups if v is not None]
    text, visuals = _split([b for v, blocks in groups if v is None for b in blocks])
    points = text_points(text, mid, cite)
    pictures = tuple(visual(el, mid, cite) for el in visuals)
    stats = tuple(stat(blocks, mid, cite) for v, blocks in vocab if v.name == "stat")
    cols = tuple(columns(v, blocks, mid, cite) for v, blocks in vocab if v.name == "columns")
    drawn = tuple(chart(v, blocks, mid, cite) if v.name == "chart" else diagram(v, blocks, s.title)
                  for v, blocks in vocab if v.name in ("chart", "process", "cycle"))
    if stats and not (text or pictures or cols or drawn):
        return "Big Number", "content", stats
    if len(cols) == 1 and not (text or pictures or stats or drawn):
        # "Comparison" draws a rule under each of its two headings: three headed columns go on
        # "Two Content", each heading the bold first line of its column
        compare = bool(cols[0].headings) and len(cols[0].columns) == 2
        return ("Comparison" if compare else "Two Content"), "content", cols
    if stats or cols:  # mixed with other content: the plain slide, the figures and columns as points
        points = tuple(p for shape in stats + cols for p in flat_points(shape)) + points
        text = text or [None]
    if drawn:
        if text:
            return "Two Content", "content", (TextBox(points),) + drawn + pictures
        return "Title Only", "content", drawn + pictures
    if not pictures:
        quote = quotation(text, mid, cite) if text and text[0] is not None else None
        if quote is not None:
            return "Quotation", "quotation", quote
    if len(pictures) == 1 and isinstance(pictures[0], Picture) and all(
            el is not None and el.tag == "p" for el in text) and len(text) <= 2:
        return "Picture with Caption", "picture", pictures + ((TextBox(points),) if text else ())
    layout = "Two Content" if pictures and text else "Title and Content"
    return layout, "content", _shapes(points, pictures, bool(text))


def flat_points(shape) -> tuple:
    """A big number or columns as plain points (for a slide or template without their layout)."""
    if isinstance(shape, Stat):
        runs: tuple = (Run(shape.figure, bold=True), Run(f" {shape.label}"))
        runs += (Run(f" ({shape.citation})"),) if shape.citation else ()
        return (Point((Paragraph(runs, 0, "bullet"),)),)
    if isinstance(shape, Columns):
        out: list = []
        for n, box in enumerate(shape.columns):
            if shape.headings:
                out.append(Point((Paragraph((Run(shape.headings[n]),), role="heading"),)))
            out.extend(box.points)
        return tuple(out)
    if isinstance(shape, TextBox):
        return shape.points
    return ()


def _fallback(slide: Slide, info) -> Slide:
    """The slide on the layout the template has: the asked one, else the nearest (W611 names it),
    its text merged into fewer boxes when the nearest one has fewer placeholders."""
    if info is None:
        return slide
    choice = choose_layout(info.layouts, slide.layout)
    if not choice.fell_back or choice.name is None:
        return slide
    name, shapes = choice.name, slide.shapes
    stats_elsewhere = any(isinstance(s, Stat) for s in shapes)  # a figure needs a figure placeholder
    if stats_elsewhere or _needs(slide, shapes) > len(info.layouts[name].bodies):
        if slide.kind == "activity" and len(shapes) == 2:
            shapes = _minutes_first(shapes)
        else:
            texts = tuple(p for shape in shapes if not is_visual(shape) for p in flat_points(shape))
            shapes = ((TextBox(texts),) if texts else ()) + tuple(s for s in shapes if is_visual(s))
        text_slots = sum(1 for s in shapes if not is_visual(s))
        if text_slots > len(info.layouts[name].bodies) and REQUIRED in info.layouts:
            name = REQUIRED  # text needs a placeholder (a visual left over goes beside it)
    return replace(slide, layout=name, asked=slide.layout, shapes=shapes)


def _needs(slide: Slide, shapes) -> int:
    """How many body placeholders the shapes take."""
    placed = placements(replace(slide, shapes=shapes))
    return placed[-1][0] + slots(placed[-1][1][0]) if placed else 0


def _minutes_first(shapes) -> tuple:
    """An activity's task and badge as one text box, the minutes its first line."""
    task, badge = shapes
    minutes = badge.paragraphs[0].text if isinstance(badge, TextBox) and badge.paragraphs else ""
    points = task.points if isinstance(task, TextBox) else ()
    return (TextBox((Point((plain(f"Activity · {minutes}"),)),) + points),)


def _roomy(slide: Slide, info) -> Slide:
    """An activity whose task does not fit the "Activity" layout at its large type goes on
    "Title and Content", the minutes its first line (split there only if it must)."""
    layout = info.layouts.get(slide.layout) if info is not None else None
    if slide.kind != "activity" or slide.layout != "Activity" or layout is None or not layout.bodies:
        return slide
    box = layout.bodies[0]
    task = slide.text
    if len(slide.shapes) != 2 or task is None or text_height(task.paragraphs, box) <= available_height(box):
        return slide
    if "Title and Content" not in info.layouts:
        return slide
    return replace(slide, layout="Title and Content", shapes=_minutes_first(slide.shapes))


NAVIGATED = ("agenda", "content", "activity", "quotation", "picture", "closing")  # footer and number


def _navigation(slide: Slide, resolved: Resolved) -> Slide:
    """Content slides carry the footer (the workshop's title, or the council edition's name) and their number."""
    if slide.kind not in NAVIGATED:
        return slide
    edition = _edition_line(resolved)
    return replace(slide, footer=edition or resolved.workshop.title, numbered=True)


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
    text = (f"Welcome everyone. This session is for {resolved.audience.name.lower()} and runs for "
            f"{resolved.total_minutes} minutes.")
    note = spoken_note(resolved)
    return f"{text} {note}" if note else text


def _cells(values) -> tuple:
    """A table row of plain strings."""
    return tuple((Run(v),) if v else () for v in values)


def _agenda(resolved: Resolved, template) -> list:
    """The agenda as one table of times, sessions and minutes: on one slide when it fits the
    template's box (its rows closer together if need be; the type stays 18 pt), else over the
    fewest slides that hold it, split evenly (never one row alone)."""
    rows = [[f"{i.start_text}–{i.end_text}", i.title, str(i.minutes)] for i in resolved.agenda]
    pages, factor = _agenda_pages(rows, template)
    out = []
    for n, page in enumerate(pages, 1):
        title = "Agenda" if len(pages) == 1 else f"Agenda ({n} of {len(pages)})"
        note = (f"The session runs from {resolved.agenda[0].start_text} to {resolved.agenda[-1].end_text}."
                if resolved.agenda else "There is nothing on the agenda for this audience.")
        out.append(Slide("Title and Content", title, "agenda", (_agenda_table(page, factor),), (plain(note),)))
    return out


def _agenda_table(rows, factor: float = AGENDA_ROW_FACTOR) -> Table:
    return Table(tuple(_cells(row) for row in [["Time", "Session", "Minutes"]] + rows), factor,
                 AGENDA_COLUMNS, "Agenda table")


def _agenda_pages(rows: list, template) -> tuple:
    """(the agenda's rows over the fewest slides whose tables fit the box, as evenly as they go,
    the row height factor): one slide at the usual row height, else one with compact rows, else
    the fewest slides at the usual row height."""
    from .template_info import template_info

    info = template_info(template)
    layout = info.layouts.get("Title and Content") if info is not None else None
    if not rows:
        return [[]], AGENDA_ROW_FACTOR
    if layout is None or not layout.bodies:
        return _even(rows, -(-len(rows) // AGENDA_ROWS_PER_SLIDE)), AGENDA_ROW_FACTOR
    box = layout.bodies[0]
    room, width = box.height / EMU_PER_PT, box.width / EMU_PER_PT

    def fits(pages, factor) -> bool:
        return all(table_height(_agenda_table(page, factor), width) <= room for page in pages)

    if fits([rows], AGENDA_ROW_FACTOR):
        return [rows], AGENDA_ROW_FACTOR
    if fits([rows], AGENDA_COMPACT_FACTOR):
        return [rows], AGENDA_COMPACT_FACTOR
    count = next((n for n in range(2, len(rows) + 1) if fits(_even(rows, n), AGENDA_ROW_FACTOR)), len(rows))
    return _even(rows, count), AGENDA_ROW_FACTOR


def _even(rows: list, count: int) -> list:
    """rows in `count` consecutive pages whose lengths differ by one at most (the longer first)."""
    size, extra = divmod(len(rows), count)
    out, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        out.append(rows[start:end])
        start = end
    return out


def _closing(resolved: Resolved, before: list) -> Slide:
    """Who can help: each contact's name in bold with a phone number or web address; a contact
    the last module's slides already show with its number (a "Your local contacts" slide) is not
    repeated."""
    points: list = []
    for contact in _not_shown(resolved.contacts, before):
        tail = f": {contact.phone}" if contact.phone else (f": {contact.url}" if contact.url else "")
        runs = ((Run(contact.name, bold=True),) if contact.name else ()) + ((Run(tail),) if tail else ())
        points.append(Point((Paragraph(runs, 0, "bullet"),), 0, len(points) + 1))
    note = plain(
        "Close by pointing to support. Remind people that if they are worried about a child or an adult at "
        "risk they should follow their council's safeguarding procedure and contact the children's or "
        "adults' front door; in an emergency, call 999. Thank people, and stay for a few minutes in case "
        "anyone wants to talk privately.")
    return Slide("Title and Content", "Support and contacts", "closing", (TextBox(tuple(points)),), (note,))


def _not_shown(contacts, before: list) -> list:
    """The contacts that no slide of the last module already lists as a point of its own, written as
    `{{ contact.key }}` writes one ("Name, phone number")."""
    last = before[-1].module_id if before else ""
    listed = set().union(*(listed_texts(s) for s in before if last and s.module_id == last))
    return [c for c in contacts if not (c.phone and str(c) in listed)]
