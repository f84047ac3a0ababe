"""The HTML slides: one self-contained page per audience that presents the deck in a browser.

It draws the same typed slides the deck writer writes (deck_plan.plan_deck, after fitting),
each in the template's boxes and colours (html_slide.py), and adds what a browser can:
keyboard and click navigation with the slide number in the address (#5), an overview of
every slide, printing one slide a page, and a presenter view (a second window, or the page
opened with ?presenter) with the current and next slide, the notes, the time elapsed and a
clock against the agenda. Nothing is fetched: the style sheet and script are inlined and
pictures are data URIs, so the file works offline and from a USB stick.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..links import scrub_html
from .base import Renderer, RenderError, RenderOptions
from .handout import environment

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved


class SlidesHtml(Renderer):
    name = "slides-html"
    suffix = "-slides.html"
    description = "the deck as one HTML page: present from a browser, with a presenter view"
    default = False

    def render(self, resolved: Resolved, options: RenderOptions) -> bytes:
        from .deck_plan import plan_deck

        return slides_page(resolved, plan_deck(resolved)).encode("utf-8")


def slides_page(resolved: Resolved, slides: list) -> str:
    """The page for the given typed slides (a whole deck, as plan_deck makes it)."""
    from .html_fragment import HtmlWriter
    from .html_slide import Canvas, SlideDrawer, layout_class, layout_css, theme_css
    from .template_info import template_info, template_look

    w = resolved.workshop
    info = template_info(w.template)
    if info is None:
        raise RenderError(f"{w.template}: cannot read the deck template; use a .pptx saved by PowerPoint or Impress")
    look = template_look(w.template)
    drawer = SlideDrawer(info, look, HtmlWriter(resolved).image_uri)
    canvas = Canvas(info.slide_width, info.slide_height)
    used = sorted({drawer.layout_name(s) for s in slides})
    env = environment(resolved.workshop.root)  # the handouts' cached one: project templates first
    source = env.loader.get_source
    views = [SlideView(n, s, drawer, layout_class(drawer.layout_name(s))) for n, s in enumerate(slides, 1)]
    page = env.get_template("slides.html.j2").render(
        r=resolved, w=w, audience=resolved.audience, slides=views, total=len(views),
        edition=_edition_name(resolved),
        css=Markup(source(env, "slides.css")[0]),
        template_css=Markup(theme_css(look, canvas) + "\n" + layout_css(info, look, canvas, used)),
        js=Markup(source(env, "slides.js")[0]),
        data=Markup(script_json(presenter_data(resolved, slides))),
    )
    return scrub_html(page)  # the last gate: no link outside http, https, mailto, tel or #slide


class SlideView:
    """One slide as the page template needs it: its number, title, layout class and drawing."""

    def __init__(self, number: int, slide, drawer, layout: str):
        self.number, self.slide, self.layout = number, slide, layout
        self.title = slide.title
        self.kind = slide.kind
        self.body = drawer.draw(slide, number)


def _edition_name(resolved: Resolved) -> str:
    """The edition's name for the page's title (nothing for the national edition)."""
    edition = resolved.edition
    return edition.name if edition is not None and edition.id != "national" else ""


def script_json(data) -> str:
    """JSON safe inside a <script> element (no "</script>", no "<!--"), keys sorted: the same bytes each time."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# ---- the presenter's data: notes and the agenda's clock ----

def presenter_data(resolved: Resolved, slides: list) -> dict:
    """What the presenter view shows beside the slides: each slide's notes and planned time.

    Times are minutes from the start of the agenda. A module's slides share its minutes:
    an activity takes its own minutes, the module's other slides equal shares of the rest
    (the parts of a split slide share their slide's). Slides before the first module (title,
    agenda) are planned at 0, slides after the last (support) at the end.
    """
    agenda = resolved.agenda
    start = agenda[0].start if agenda else None
    total = resolved.total_minutes
    modules = list(resolved.modules)
    numbers = {m.module.id: i for i, m in enumerate(modules, 1)}
    planned = _planned_times(resolved, slides, start)
    seen_module = False
    out = []
    for n, slide in enumerate(slides, 1):
        mid = slide.module_id
        if mid:
            seen_module = True
        begin, end = planned.get(n, (total, total) if seen_module else (0, 0))
        rmod = modules[numbers[mid] - 1] if mid in numbers else None
        out.append({
            "n": n, "title": slide.title, "notes": [p.text for p in slide.notes if p.text.strip()],
            "start": round(begin, 2), "end": round(end, 2),
            "module": numbers.get(mid, 0), "moduleTitle": rmod.title if rmod else "",
            "clock": _clock(start, begin), "clockEnd": _clock(start, end),
            "moduleClock": f"{rmod.agenda.start_text}–{rmod.agenda.end_text}" if rmod else "",
        })
    return {
        "title": resolved.workshop.title, "audience": resolved.audience.name,
        "start": start.strftime("%H:%M") if start else "", "minutes": total, "modules": len(modules),
        "slides": out,
    }


def _clock(start, minutes: float) -> str:
    """The planned time of day minutes after the start ("10:35"), "" without an agenda."""
    import datetime as dt

    return (start + dt.timedelta(minutes=minutes)).strftime("%H:%M") if start is not None else ""


def _planned_times(resolved: Resolved, slides: list, start) -> dict:
    """Slide number -> (start, end) in minutes from the agenda's start, for every module's slide."""
    by_module: dict = {}
    for n, slide in enumerate(slides, 1):
        if slide.module_id:
            by_module.setdefault(slide.module_id, []).append((n, slide))
    activity = {s.loc: s.minutes or 0 for m in resolved.modules for s in m.slides if s.kind == "activity"}
    out = {}
    for rmod in resolved.modules:
        members = by_module.get(rmod.module.id, [])
        if not members or start is None:
            continue
        begin = (rmod.agenda.start - start).total_seconds() / 60
        fixed = {n: activity.get(s.split_from or s.source, 0) / s.parts for n, s in members
                 if s.kind == "activity"}
        others = [n for n, _ in members if n not in fixed]
        rest = max(0.0, rmod.minutes - sum(fixed.values()))
        share = rest / len(others) if others else 0.0
        planned = sum(fixed.values())  # activities longer than their module (or alone in it) fill it exactly
        scale = rmod.minutes / planned if planned and (planned > rmod.minutes or not others) else 1.0
        at = begin
        for n, _ in members:
            length = fixed[n] * scale if n in fixed else share
            out[n] = (at, at + length)
            at += length
    return out

