"""Accessibility rules: what a screen-reader user, a low-vision reader or the back row needs.

They look at what is built: the deck plan (after fitting), the template's styles, and a
deck and handouts rendered in memory. Each finding is reported where the fix is: the
module line for content, the template (or workshop.yaml, for the default template) for
the look, workshop.yaml for the workshop's own title, language and contacts.
"""

from __future__ import annotations

import io
import re
import weakref
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from ..codes.accessibility import (
    CONTRAST,
    DUPLICATE_TITLE,
    HEADING_LEVELS,
    LANGUAGE_AND_TITLE,
    LINK_TEXT,
    PICTURE_ALT_TEXT,
    READING_ORDER,
    SLIDE_TITLE,
    SMALL_TEXT,
    TABLE_HEADER,
)
from ..codes.fitting import SLIDE_OVERFLOW, SLIDE_SPLIT
from ..diagnostics import ContentError, Location
from ..inputs import OutputInputs
from ..link_checks import source_position
from ..markdown_tree import code_lines
from ..yamlio import line_of
from .base import rule

SMALLEST_PT = 18
MIN_CONTRAST = 4.5
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".tif", ".tiff")
GENERIC_ALT = {"image", "picture", "photo", "photograph", "graphic", "img", "figure", "diagram", "chart",
               "screenshot", "icon", "logo", "alt", "alt text"}
VAGUE_LINK_TEXT = {"click here", "here", "link", "this link", "click", "this", "read more", "more",
                   "click this link", "go here", "this page", "website", "url"}
IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
HEADING_RE = re.compile(r"^(#{1,6})\s")
CODE_SPAN = re.compile(r"`+[^`]*`+")
URL_LIKE = re.compile(r"^(?:https?://|www\.|mailto:|tel:)\S+$|^[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.IGNORECASE)


# ---- where things are ----

def _yaml_loc(ctx, *path) -> Location:
    return Location("workshop.yaml", line_of(getattr(ctx.workshop, "yaml_lines", {}) or {}, *path))


def _template_loc(ctx) -> Location:
    """The deck template, as the author names it; the default template is fixed in workshop.yaml."""
    path = Path(ctx.workshop.template)
    try:
        return Location(path.resolve().relative_to(Path(ctx.workshop.root).resolve()).as_posix())
    except ValueError:
        return _yaml_loc(ctx, "template")


def _template_name(ctx) -> str:
    loc = _template_loc(ctx)
    return "the default template" if loc.path == "workshop.yaml" else f"template {loc.path}"


def _slide_loc(ctx, planned) -> Location:
    """The source of a planned slide: its heading, or the workshop.yaml key it is made from."""
    if planned.split_from is not None:
        return planned.split_from
    if planned.source is not None:
        return planned.source
    key = {"title": "title", "agenda": "modules", "closing": "support"}.get(planned.kind, "title")
    return _yaml_loc(ctx, key)


def _module_blocks(module):
    """Every block of a module: the introduction's, then each slide's."""
    yield from module.intro
    for slide in module.slides:
        yield from slide.blocks


def _source_lines(block):
    """(file line, text) of a block's lines outside fenced code, inline code blanked."""
    fenced = code_lines(block.text)  # as the parser reads fences: ``` or ~~~, any length and indent
    for offset, line in enumerate(block.text.split("\n")):
        if offset not in fenced:
            yield block.loc.line + offset, CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def _audiences(names) -> str:
    names = sorted(set(names))
    return ", ".join(names)


# ---- outputs rendered in memory, once per check run ----

_BUILT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _Built:
    """Decks and handouts rendered in memory for the checks that need the real files."""

    def __init__(self):
        self.decks: dict = {}  # audience id -> _SampleDeck: what a sample of its slides, written, shows
        self.plans: dict = {}  # audience id -> the planned slides of that sample
        self.handouts: dict = {}  # (audience id, format) -> (html text, {project template name: text})
        self.failed: list = []  # Diagnostics from a render that could not run


def _built(ctx) -> _Built:
    if ctx in _BUILT:
        return _BUILT[ctx]
    from ..render.base import RenderOptions

    built = _BUILT[ctx] = _Built()
    options = RenderOptions()
    inputs = OutputInputs(ctx.workshop) if ctx.cache is not None else None
    for aud in _covering_audiences(ctx):
        sample = _sample(ctx.decks[aud])

        def read(aud=aud, sample=sample):
            from pptx import Presentation  # only when the sample is not in the check cache

            from ..render.pptx_writer import write_slides

            data = write_slides(ctx.resolved[aud], sample)  # one slide per layout: what A507/A508 need
            return [_SampleDeck.read(Presentation(io.BytesIO(data)))]

        try:
            if inputs is None:
                built.decks[aud] = read()[0]
            else:  # kept in the check cache by the audience's inputs (the template among them)
                key = ctx.cache.key("sample-deck", aud, ctx.workshop.date, inputs.digest(aud, None))
                built.decks[aud] = ctx.cache.get_or_run(key, read, dump=_SampleDeck.dump, load=_SampleDeck.load)[0]
        except ContentError as exc:
            built.failed.extend(exc.diagnostics)
            break
        built.plans[aud] = sample
    if not ctx.scope.handouts():  # a deck-only build renders no handout (nor imports Jinja2)
        return built
    import jinja2

    from ..render.handout import FacilitatorHandout, ParticipantHandout

    for aud, resolved in ctx.resolved.items():
        for renderer in (FacilitatorHandout(), ParticipantHandout()):
            if renderer.name not in ctx.scope.handouts():
                continue
            try:
                page = _handout_page(ctx, inputs, aud, resolved, renderer, options)
            except ContentError as exc:
                built.failed.extend(exc.diagnostics)
                continue
            except jinja2.TemplateError:  # a broken project template: the build reports it
                continue
            built.handouts[(aud, renderer.name)] = (page, _handout_template(ctx, renderer.template))
    return built


def _handout_page(ctx, inputs, aud, resolved, renderer, options) -> _Page:
    """What the checks read from one rendered handout; kept in the check cache by its inputs."""

    def read():
        page = _Page()
        page.feed(renderer.render(resolved, options).decode("utf-8"))
        return [page]

    if inputs is None:
        return read()[0]
    key = ctx.cache.key("handout-page", renderer.name, aud, ctx.workshop.date, inputs.digest(aud, None))
    return ctx.cache.get_or_run(key, read, dump=_Page.dump, load=_Page.load)[0]


class _SampleDeck:
    """What A507 and A508 read from a written sample deck: each slide's first shape, the properties."""

    def __init__(self, slides: list, language: str, title: str):
        self.slides = slides  # per slide: [whether the title comes first, the first shape's name]
        self.language, self.title = language, title

    @classmethod
    def read(cls, prs) -> _SampleDeck:
        """The summary of a python-pptx Presentation."""
        slides = []
        for slide in prs.slides:
            title = slide.shapes.title
            shapes = list(slide.shapes)
            first = title is not None and bool(shapes) and shapes[0].shape_id == title.shape_id
            slides.append([first, shapes[0].name if shapes else "nothing"])
        props = prs.core_properties
        return cls(slides, props.language or "", props.title or "")

    def dump(self) -> list:
        """JSON-able data (for the check cache)."""
        return [self.slides, self.language, self.title]

    @classmethod
    def load(cls, data: list) -> _SampleDeck:
        """A summary from dump()'s data."""
        return cls([[bool(f), str(n)] for f, n in data[0]], str(data[1]), str(data[2]))


def _sample(deck: list) -> list:
    """One planned slide per layout, preferring one whose text fills a placeholder (as most do)."""
    chosen: dict = {}
    for plan in deck:
        if plan.layout not in chosen or (plan.text and not chosen[plan.layout].text):
            chosen[plan.layout] = plan
    return list(chosen.values())


def _covering_audiences(ctx) -> list:
    """Few audiences whose decks between them use every layout any deck uses (decks are slow)."""
    wanted = {aud: {s.layout for s in deck} for aud, deck in ctx.decks.items()}
    missing = set().union(*wanted.values()) if wanted else set()
    chosen = []
    while missing:
        aud = max(wanted, key=lambda a: (len(wanted[a] & missing), -len(ctx.decks[a])))
        chosen.append(aud)
        missing -= wanted[aud]
    return chosen


HANDOUT_BASE = "handout-base.html.j2"


def _handout_template(ctx, name: str) -> dict:
    """The project's own handout template files (the page's and the base it extends), by name."""
    out = {}
    for each in (name, HANDOUT_BASE):
        own = Path(ctx.workshop.root) / "templates" / each
        if own.is_file():
            out[each] = own.read_text(encoding="utf-8", errors="replace")
    return out


def _template_with(ctx, own: dict, marker: str, fallback) -> Location:
    """The project's handout template that writes marker (e.g. '<html'), else the fallback key."""
    for name, text in own.items():
        if marker in text:
            return Location(f"templates/{name}", text[:text.find(marker)].count("\n") + 1)
    if own:
        return Location(f"templates/{next(iter(own))}")
    return _yaml_loc(ctx, fallback)


# ---- A501, A502: titles ----

@rule(SLIDE_TITLE)
def slide_title(ctx, report):
    for deck in ctx.decks.values():
        for planned in deck:
            if not planned.title.strip():
                report.error(_slide_loc(ctx, planned), SLIDE_TITLE, "slide has no title",
                             "give every slide a title: screen-reader users find slides by it")


@rule(DUPLICATE_TITLE)
def duplicate_title(ctx, report):
    found: dict = {}
    for aud, deck in ctx.decks.items():
        by_title: dict = {}
        for planned in deck:
            key = " ".join(planned.title.split()).casefold()
            if key:
                by_title.setdefault(key, []).append(planned)
        for same in by_title.values():
            locs = sorted({_slide_loc(ctx, p) for p in same})
            if len(same) < 2:
                continue
            for planned in same:
                loc = _slide_loc(ctx, planned)
                others = [str(o) for o in locs if o != loc] or [f"{len(same)} slides made from this one"]
                found.setdefault((loc, planned.title, tuple(others)), set()).add(aud)
    for (loc, title, others), auds in found.items():
        report.warning(loc, DUPLICATE_TITLE, f"slide title '{title}' is also used at {', '.join(others)} "
                       f"(in the deck for {_audiences(auds)})",
                       "give each slide its own title: people move between slides by their titles")


# ---- A503: alt text ----

def _bad_alt(alt: str, src: str) -> str:
    """Why an alt text is not a description, or ''."""
    text = alt.strip()
    name = Path(urlsplit(src).path).name
    low = text.casefold()
    if not text:
        return ""  # the loader refuses empty alt text (E034)
    if low.endswith(IMAGE_SUFFIXES):
        return "is a file name"
    if name and low in (name.casefold(), Path(name).stem.casefold(),
                        Path(name).stem.replace("-", " ").replace("_", " ").casefold()):
        return "is the picture's file name"
    if low.strip(" .") in GENERIC_ALT:
        return "says what it is, not what it shows"
    return ""


@rule(PICTURE_ALT_TEXT)
def picture_alt_text(ctx, report):
    for module in ctx.modules:
        for block in _module_blocks(module):
            if not list(block.tree.iter("img")):
                continue
            for n, line in _source_lines(block):
                for m in IMAGE_RE.finditer(line):
                    why = _bad_alt(m.group(1), m.group(2))
                    if why:
                        report.error(Location(module.rel, n, m.start() + 1), PICTURE_ALT_TEXT,
                                     f"alt text '{m.group(1).strip()}' {why}",
                                     "describe what the picture shows for someone who cannot see it: "
                                     "![Map of the county with the three towns marked](...)")


# ---- A504: table header ----

@rule(TABLE_HEADER)
def table_header(ctx, report):
    for module in ctx.modules:
        for block in _module_blocks(module):
            tables = list(block.tree.iter("table"))
            if not tables:
                continue
            lines = block.text.split("\n")
            header_lines = [block.loc.line + i - 1 for i, line in enumerate(lines)
                            if i and "-" in line and TABLE_RULE_RE.match(line)]
            for i, table in enumerate(tables):
                cells = [c for row in table.iter("thead") for c in row.iter("th")]
                if cells and any("".join(c.itertext()).strip() for c in cells):
                    continue
                line = header_lines[i] if i < len(header_lines) else block.loc.line
                report.error(Location(module.rel, line, 1), TABLE_HEADER, "table has no header row",
                             "name each column in the table's first row: screen readers read the "
                             "header with every cell")


# ---- A505, A506: the template's text sizes and colours ----

def _used(ctx) -> dict:
    """Layout name -> {"title": bool, "levels": set of body levels, "links": bool, "tables": bool}."""
    from ..render.presentation import Run, Table

    used: dict = {}
    for deck in ctx.decks.values():
        for planned in deck:
            u = used.setdefault(planned.layout, {"title": False, "levels": set(), "subtitle": False,
                                                 "links": False, "tables": False})
            text = planned.text.paragraphs if planned.text else ()
            u["title"] |= bool(planned.title)
            u["subtitle"] |= bool(planned.subtitle)
            u["levels"] |= {p.level for p in text}
            u["links"] |= any(isinstance(r, Run) and r.link for p in text for r in p.runs)
            u["tables"] |= any(isinstance(v, Table) for v in planned.visuals)
    return used


def _boxes(layout, use):
    """(what, box, levels) the writer puts text in, for one layout."""
    bodies = list(layout.bodies)
    if use["subtitle"] and bodies:
        yield "subtitle", bodies.pop(0), {0}
    if use["title"] and layout.title is not None:
        yield "title", layout.title, {0}
    if use["levels"] and bodies:
        yield "body", bodies[0], use["levels"]


@rule(SMALL_TEXT)
def small_text(ctx, report):
    from ..render.pptx_writer import TABLE_FONT_PT
    from ..render.template_info import template_info

    info = template_info(ctx.workshop.template)
    if info is None:
        return
    loc, name = _template_loc(ctx), _template_name(ctx)
    used = _used(ctx)
    for layout_name, use in sorted(used.items()):
        layout = info.layouts.get(layout_name)
        if layout is None:
            continue
        for what, box, levels in _boxes(layout, use):
            for level in sorted(levels):
                size = box.level(level).size_pt
                if size < SMALLEST_PT:
                    where = f"level {level + 1} text" if what == "body" else "text"
                    report.error(loc, SMALL_TEXT, f"{name} sets {where} in the {what} of layout "
                                 f"'{layout_name}' to {size:g} pt; slides need at least {SMALLEST_PT} pt",
                                 f"raise it to {SMALLEST_PT} pt or more in the slide master or layout")
    if any(u["tables"] for u in used.values()) and TABLE_FONT_PT < SMALLEST_PT:
        report.error(loc, SMALL_TEXT, f"tables are written at {TABLE_FONT_PT} pt; slides need at least "
                     f"{SMALLEST_PT} pt", "raise TABLE_FONT_PT in render/fit.py")


def relative_luminance(rgb: str) -> float:
    """WCAG 2 relative luminance of an "RRGGBB" colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(rgb[i:i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@rule(CONTRAST)
def contrast(ctx, report):
    from ..render.template_info import template_info

    info = template_info(ctx.workshop.template)
    if info is None:
        return
    loc, name = _template_loc(ctx), _template_name(ctx)
    for layout_name, use in sorted(_used(ctx).items()):
        layout = info.layouts.get(layout_name)
        if layout is None or layout.background is None:
            continue
        pairs = []
        for what, box, levels in _boxes(layout, use):
            pairs += [(what, box.level(level).colour) for level in sorted(levels)]
        if use["links"] and layout.hyperlink:
            pairs.append(("link", layout.hyperlink))
        seen = set()
        for what, colour in pairs:
            if not colour or (what, colour) in seen:
                continue
            seen.add((what, colour))
            ratio = contrast_ratio(colour, layout.background)
            if ratio < MIN_CONTRAST:
                report.error(loc, CONTRAST, f"{name}: {what} text #{colour} on the background #{layout.background} "
                             f"of layout '{layout_name}' has contrast {ratio:.1f}:1; it needs {MIN_CONTRAST}:1",
                             "darken the text or lighten the background in the theme colours")


# ---- A507, A508: the built deck ----

@rule(READING_ORDER)
def reading_order(ctx, report):
    built = _built(ctx)
    report.extend(built.failed)
    bad: dict = {}
    for aud, deck in built.decks.items():
        planned = built.plans[aud]
        if len(deck.slides) != len(planned):
            continue
        for (title_first, first), plan in zip(deck.slides, planned):
            if not title_first:
                bad.setdefault(plan.layout, (plan, first))
    for layout, (plan, first) in sorted(bad.items()):
        report.error(_template_loc(ctx), READING_ORDER,
                     f"slides with layout '{layout}' of {_template_name(ctx)} are read starting with '{first}', "
                     f"not their title (e.g. '{plan.title}' from {_slide_loc(ctx, plan)})",
                     f"give layout '{layout}' a title placeholder")


class _Page(HTMLParser):
    """What the checks need from a handout: its language, title and headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.title, self.headings = None, "", []  # headings: [level, text]
        self._in = None
        self._svg = 0  # inside an <svg> (a chart's <title> is not the page's)

    def dump(self) -> list:
        """The page as JSON-able data (for the check cache)."""
        return [self.lang, self.title, self.headings]

    @classmethod
    def load(cls, data: list) -> _Page:
        """A page from dump()'s data."""
        page = cls()
        page.lang, page.title, page.headings = data[0], str(data[1]), [[int(level), str(text)] for level, text in data[2]]
        return page

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self._svg += 1
        if tag == "html" and self.lang is None:
            self.lang = dict(attrs).get("lang") or ""
        elif self._svg:
            return
        elif tag == "title" or (len(tag) == 2 and tag[0] == "h" and tag[1] in "123456"):
            self._in = tag
            if tag != "title":
                self.headings.append([int(tag[1]), ""])

    def handle_endtag(self, tag):
        if tag == "svg" and self._svg:
            self._svg -= 1
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in:
            self.headings[-1][1] += data


@rule(LANGUAGE_AND_TITLE)
def language_and_title(ctx, report):
    built = _built(ctx)
    for deck in built.decks.values():
        if not deck.language.strip():
            report.error(_yaml_loc(ctx, "language"), LANGUAGE_AND_TITLE, "the deck does not declare its language",
                         "set language: (e.g. en-GB) in workshop.yaml")
        if not deck.title.strip():
            report.error(_yaml_loc(ctx, "title"), LANGUAGE_AND_TITLE, "the deck has no title in its properties",
                         "set title: in workshop.yaml")
    for (_aud, fmt), (page, own) in built.handouts.items():
        if not (page.lang or "").strip():
            report.error(_template_with(ctx, own, "<html", "language"), LANGUAGE_AND_TITLE,
                         f"the {fmt} handout does not declare its language (<html lang>)",
                         "write <html lang=\"{{ w.language }}\"> in the handout template"
                         if own else "set language: in workshop.yaml")
        if not page.title.strip():
            report.error(_template_with(ctx, own, "<title", "title"), LANGUAGE_AND_TITLE,
                         f"the {fmt} handout has no <title>",
                         "write <title>{{ w.title }}</title> in the handout template"
                         if own else "set title: in workshop.yaml")


# ---- A509: handout headings ----

def _heading_source(ctx, level: int, text: str):
    """The module line a rendered heading comes from (matched by its text), or None."""
    wanted = " ".join(text.split())
    for module in ctx.workshop.modules.values():
        for block in _module_blocks(module):
            same = [el for el in block.tree.iter() if el.tag.startswith("h") and el.tag[1:].isdigit()
                    and " ".join("".join(el.itertext()).split()) == wanted]
            if not same:
                continue
            for n, line in _source_lines(block):
                if HEADING_RE.match(line) and wanted in " ".join(line.split()):
                    return Location(module.rel, n, 1)
            return Location(module.rel, block.loc.line, 1)
    return None


@rule(HEADING_LEVELS)
def heading_levels(ctx, report):
    built = _built(ctx)
    found: dict = {}
    for (aud, fmt), (page, own) in built.handouts.items():
        previous = 0
        for level, text in page.headings:
            if previous and level > previous + 1:
                loc = _heading_source(ctx, level, text) or _template_with(ctx, own, f"<h{level}", "title")
                found.setdefault((loc, level, previous, " ".join(text.split())), set()).add(f"{fmt} {aud}")
            previous = level
    for (loc, level, previous, text), where in found.items():
        report.warning(loc, HEADING_LEVELS, f"heading '{text}' is level {level} in the handouts but follows a level "
                       f"{previous} heading ({_audiences(where)})",
                       f"use {'#' * max(1, previous)} (one level below the heading before it), or bold text")


# ---- A510: link text ----

def _vague_link(text: str, href: str) -> str:
    plain = re.sub(r"[*_`]", "", text).strip()
    low = plain.casefold().strip(" .:!?»>")
    if not plain:
        return "has no text"
    if low in VAGUE_LINK_TEXT:
        return "does not say where it goes"
    bare = href.split("://", 1)[-1].rstrip("/").casefold()
    if URL_LIKE.match(plain) or low.split("://", 1)[-1].rstrip("/") == bare:
        return "is a bare address"
    return ""


@rule(LINK_TEXT)
def link_text(ctx, report):
    for module in ctx.modules:
        for block in _module_blocks(module):
            cursor: dict = {}  # every link form, read from the parsed tree (linear time; issue 14)
            for el in block.tree.iter("a"):
                text, href = "".join(el.itertext()), el.get("href", "")
                why = _vague_link(text, href)
                if why:
                    line, col = source_position(block, href, cursor, module.link_definitions)
                    report.warning(Location(module.rel, line, col), LINK_TEXT, f"link text '{text}' {why}",
                                   "say where the link goes: [Working Together 2023](https://…)")


# ---- W601, W602: what the fitting step did ----

@rule(SLIDE_SPLIT)
def slide_split(ctx, report):
    found: dict = {}
    for aud, deck in ctx.decks.items():
        for planned in deck:
            if planned.parts > 1 and planned.part == 1:
                base = planned.title[: planned.title.rfind(" (1 of ")]
                found.setdefault((_slide_loc(ctx, planned), base, planned.parts), set()).add(aud)
    for (loc, title, parts), auds in found.items():
        report.warning(loc, SLIDE_SPLIT, f"slide '{title}' does not fit on one slide and is split into {parts} "
                       f"('{title} (1 of {parts})'…) for {_audiences(auds)}",
                       "shorten the points or move detail to the notes, or keep the split")


@rule(SLIDE_OVERFLOW)
def slide_overflow(ctx, report):
    found: dict = {}
    for aud, deck in ctx.decks.items():
        for planned in deck:
            if planned.overflow:
                found.setdefault((_slide_loc(ctx, planned), planned.title, planned.overflow), set()).add(aud)
    for (loc, title, overflow), auds in found.items():
        report.warning(loc, SLIDE_OVERFLOW, f"slide '{title}' runs off its box: {overflow} (for {_audiences(auds)})",
                       "shorten it, split the point in two, or move detail to the notes")
