"""What a deck template promises: each layout's boxes, text styles and colours.

Every layout is read by name (the default template's are listed in render/layouts.py, with the
fallback used when a user's template lacks one); each box says its placeholder type ("pic" for a
picture placeholder) and its own fill (the Big Number cards, the Activity badge), and each layout
which of the date, footer and slide-number placeholders it has, for the writer to fill.

Read once per template file with python-pptx (cached on the file's path, size and time), so
the deck plan can measure text against the real placeholders and the checks can test text
sizes and contrast without writing a deck. Styles follow PowerPoint's inheritance: the
layout's placeholder, then the master's placeholder of that type, then the master's
title, body or other text style; colours go through the layout's colour map to the theme.
"""

from __future__ import annotations

import colorsys
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

EMU_PER_PT = 12700
DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # left, top, right, bottom: 0.1 in, 0.05 in
LEVELS = 9
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
NOT_BODY = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
FOOTER_TYPES = {PP_PLACEHOLDER.DATE: "dt", PP_PLACEHOLDER.FOOTER: "ftr", PP_PLACEHOLDER.SLIDE_NUMBER: "sldNum"}
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)
MASTER_TYPE = {PP_PLACEHOLDER.CENTER_TITLE: PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.VERTICAL_TITLE: PP_PLACEHOLDER.TITLE}
# The colour map's defaults (a master without p:clrMap): what bg1, tx1… stand for.
DEFAULT_CLR_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


@dataclass(frozen=True)
class Level:
    """The text style of one outline level of a placeholder."""

    size_pt: float
    bold: bool
    margin_left: int  # EMU, where wrapped lines start (marL)
    space_before_pt: float
    line_spacing: float  # a multiple of single spacing (lnSpc spcPct), 1.0 when unset
    line_points: Optional[float]  # exact line pitch (lnSpc spcPts), or None
    colour: Optional[str]  # "RRGGBB", None when unknown
    typeface: str
    align: str = "l"  # the paragraph's alignment (algn): "l", "ctr", "r", "just"


@dataclass(frozen=True)
class Box:
    """A placeholder: where it sits, its insets and its text style per level."""

    idx: int
    kind: str  # "title" | "body"
    left: int
    top: int
    width: int
    height: int
    insets: tuple  # left, top, right, bottom (EMU)
    levels: tuple  # Level × 9
    anchor: str = "t"  # vertical anchor: "t", "ctr" or "b"
    type: str = "body"  # the placeholder's type: "title", "ctrTitle", "body", "obj" (content), "pic", …
    fill: Optional[str] = None  # "RRGGBB" of the placeholder's own solid fill, None when it has none
    outline: Optional[tuple] = None  # ("RRGGBB", width in EMU) of the placeholder's own line, None when none
    corner: float = 0.0  # a rounded rectangle's corner radius as a share of its shorter side (0: square)

    def level(self, n: int) -> Level:
        """The style of outline level n (0-based), clamped to the nine levels."""
        return self.levels[max(0, min(n, LEVELS - 1))]

    @property
    def inner_width(self) -> int:
        return self.width - self.insets[0] - self.insets[2]

    @property
    def inner_height(self) -> int:
        return self.height - self.insets[1] - self.insets[3]


@dataclass(frozen=True)
class Layout:
    name: str
    title: Optional[Box]
    bodies: tuple  # Box, by placeholder idx: the boxes the writer fills in order
    background: Optional[str]  # "RRGGBB" of a solid background, None when not solid
    hyperlink: Optional[str]  # "RRGGBB" of link text
    footers: tuple = ()  # which of "dt", "ftr", "sldNum" the layout has placeholders for
    navigation: tuple = ()  # Box × the footer row's placeholders, each its type "dt", "ftr" or "sldNum"

    def box(self, idx: int) -> Optional[Box]:
        """The body box with placeholder index idx, or None."""
        return next((b for b in self.bodies if b.idx == idx), None)


@dataclass(frozen=True)
class TemplateInfo:
    path: Path
    slide_width: int
    slide_height: int
    layouts: dict  # name -> Layout
    notes: Optional[Box] = None  # the notes master's body placeholder (the notes page's text)


def _file_key(path) -> Optional[tuple]:
    """(resolved path, size, modification time): what the cached readers are keyed on, or None."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


@functools.lru_cache(maxsize=2)
def _opened(path: str, size: int, mtime: int):
    """The template opened once with python-pptx (read only, shared by both readers), or None."""
    try:
        return Presentation(path)
    except Exception:  # not a deck at all: rendering reports it
        return None


def template_info(path) -> Optional[TemplateInfo]:
    """The template's layouts and styles, or None when the file cannot be read as a deck."""
    key = _file_key(path)
    return _read_kept(*key) if key else None


KEPT_FOLDER = "workshop-builder-template-info"


@functools.lru_cache(maxsize=8)
def _read_kept(path: str, size: int, mtime: int) -> Optional[TemplateInfo]:
    """_read's result through a JSON copy kept by the template's bytes and the builder's code, so
    a command whose template is unchanged neither opens it with python-pptx nor reads its layouts."""
    import hashlib
    import json

    from ..kept_files import private_folder, write_json
    from ..package_files import code_digest

    folder = private_folder(KEPT_FOLDER)
    try:
        digest = hashlib.sha256(Path(path).read_bytes() + code_digest().encode()).hexdigest()
    except OSError:
        folder = None
    kept = folder / f"{digest}.json" if folder is not None else None
    if kept is not None:
        try:
            return _info_from_json(json.loads(kept.read_text(encoding="utf-8")), Path(path))
        except (OSError, ValueError, TypeError, KeyError, UnicodeDecodeError):
            pass  # not kept yet, or damaged: read the template
    info = _read(path, size, mtime)
    if info is not None and kept is not None:
        write_json(kept, _info_to_json(info))
    return info


def _info_to_json(info: TemplateInfo) -> dict:
    """A TemplateInfo as JSON-able data (its path left out: the caller knows it)."""
    from dataclasses import asdict

    return {"slide_width": info.slide_width, "slide_height": info.slide_height,
            "layouts": [asdict(layout) for layout in info.layouts.values()],
            "notes": asdict(info.notes) if info.notes is not None else None}


def _box_from_json(data: Optional[dict]) -> Optional[Box]:
    if data is None:
        return None
    fields = dict(data)
    fields["insets"] = tuple(fields["insets"])
    fields["levels"] = tuple(Level(**level) for level in fields["levels"])
    fields["outline"] = tuple(fields["outline"]) if fields["outline"] is not None else None
    return Box(**fields)


def _info_from_json(data: dict, path: Path) -> TemplateInfo:
    """The TemplateInfo _info_to_json wrote."""
    layouts = {}
    for item in data["layouts"]:
        layouts[item["name"]] = Layout(
            item["name"], _box_from_json(item["title"]), tuple(_box_from_json(b) for b in item["bodies"]),
            item["background"], item["hyperlink"], tuple(item["footers"]),
            tuple(_box_from_json(b) for b in item["navigation"]))
    return TemplateInfo(path, int(data["slide_width"]), int(data["slide_height"]), layouts,
                        _box_from_json(data["notes"]))


@functools.lru_cache(maxsize=8)
def _read(path: str, size: int, mtime: int) -> Optional[TemplateInfo]:
    prs = _opened(path, size, mtime)
    if prs is None:
        return None
    master = prs.slide_master
    theme = _Theme(master)
    layouts = {}
    for layout in prs.slide_layouts:
        layouts[layout.name] = _layout(layout, master, theme)
    # python-pptx types the slide size as optional (sldSz may be absent); every deck PowerPoint writes has it
    return TemplateInfo(Path(path), prs.slide_width, prs.slide_height,  # type: ignore[arg-type]
                        layouts, _notes_box(prs, theme))


def _notes_box(prs, theme: _Theme) -> Optional[Box]:
    """The notes page's text box: the notes master's body placeholder, styled by its notesStyle."""
    master = prs.notes_master
    clr_map = dict(DEFAULT_CLR_MAP)
    for ph in master.placeholders:
        if ph.placeholder_format.type != PP_PLACEHOLDER.BODY:
            continue
        insets = []
        for attr, default in zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS):
            value = _first([_x(ph._element, f"p:txBody/a:bodyPr/@{attr}")])
            insets.append(int(value) if value is not None else default)
        levels = []
        for n in range(1, LEVELS + 1):
            chain = [_x(ph._element, f"p:txBody/a:lstStyle/a:lvl{n}pPr"),
                     _x(master._element, f"p:notesStyle/a:lvl{n}pPr")]
            levels.append(_level([found[0] for found in chain if found], theme, clr_map))
        return Box(ph.placeholder_format.idx, "body", int(ph.left or 0), int(ph.top or 0), int(ph.width or 0),
                   int(ph.height or 0), tuple(insets), tuple(levels))
    return None


class _Theme:
    """The master's theme: colour scheme and major/minor fonts."""

    def __init__(self, master):
        self.colours, self.fonts = {}, {}
        try:
            root = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        except (KeyError, etree.XMLSyntaxError):
            return
        for el in _x(root, "a:themeElements/a:clrScheme/*"):
            name = etree.QName(el).localname
            value = _plain_colour(el)
            if value:
                self.colours[name] = value
        for kind, key in (("majorFont", "mj"), ("minorFont", "mn")):
            face = _x(root, f"a:themeElements/a:fontScheme/a:{kind}/a:latin/@typeface")
            if face:
                self.fonts[key] = face[0]


def _x(el, path: str) -> list:
    """lxml's xpath with the DrawingML and PresentationML prefixes (python-pptx's own xpath
    takes no namespace argument)."""
    return etree._Element.xpath(el, path, namespaces=NS)


def _plain_colour(el) -> Optional[str]:
    """The RGB of a theme colour definition (srgbClr or sysClr)."""
    for child in el:
        name = etree.QName(child).localname
        if name == "srgbClr":
            return child.get("val", "").upper()
        if name == "sysClr":
            return (child.get("lastClr") or "").upper() or None
    return None


def _layout(layout, master, theme: _Theme) -> Layout:
    clr_map = _colour_map(layout, master)
    title, bodies, footers, navigation = None, [], [], []
    for ph in layout.placeholders:
        fmt = ph.placeholder_format
        if fmt.type in NOT_BODY:
            footers.append(FOOTER_TYPES[fmt.type])
            navigation.append(_box(ph, "body", master, theme, clr_map))
            continue
        kind = "title" if fmt.type in TITLE_TYPES or fmt.idx == 0 else "body"
        box = _box(ph, kind, master, theme, clr_map)
        if kind == "title":
            title = box
        else:
            bodies.append(box)
    bodies.sort(key=lambda b: b.idx)
    background = _background(layout._element, clr_map, theme) or _background(master._element, clr_map, theme)
    return Layout(layout.name, title, tuple(bodies), background, _scheme("hlink", clr_map, theme),
                  tuple(sorted(footers)), tuple(sorted(navigation, key=lambda b: b.type)))


def _colour_map(layout, master) -> dict:
    """bg1/tx1/… to theme colour names, with the layout's override if it has one."""
    mapping = dict(DEFAULT_CLR_MAP)
    for el in _x(master._element, "p:clrMap"):
        mapping.update(el.attrib)
    for el in _x(layout._element, "p:clrMapOvr/a:overrideClrMapping"):
        mapping.update(el.attrib)
    return mapping


def _master_placeholder(master, ph):
    """The master placeholder a layout placeholder inherits from (by type, as PowerPoint does)."""
    wanted = MASTER_TYPE.get(ph.placeholder_format.type, ph.placeholder_format.type)
    if wanted not in (PP_PLACEHOLDER.TITLE,) + NOT_BODY:
        wanted = PP_PLACEHOLDER.BODY
    for candidate in master.placeholders:
        if candidate.placeholder_format.type == wanted:
            return candidate
    return None


def _box(ph, kind: str, master, theme: _Theme, clr_map: dict) -> Box:
    base = _master_placeholder(master, ph)
    elements = [ph._element] + ([base._element] if base is not None else [])
    style = "titleStyle" if kind == "title" else "bodyStyle"
    insets = []
    for attr, default in zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS):
        value = _first(_x(el, f"p:txBody/a:bodyPr/@{attr}") for el in elements)
        insets.append(int(value) if value is not None else default)
    anchor = _first(_x(el, "p:txBody/a:bodyPr/@anchor") for el in elements) or "t"
    levels = []
    for n in range(1, LEVELS + 1):
        chain = [_x(el, f"p:txBody/a:lstStyle/a:lvl{n}pPr") for el in elements]
        chain.append(_x(master._element, f"p:txStyles/p:{style}/a:lvl{n}pPr"))
        chain = [found[0] for found in chain if found]
        levels.append(_level(chain, theme, clr_map))
    left, top, width, height = (ph.left, ph.top, ph.width, ph.height)
    if base is not None:
        left, top = left if left is not None else base.left, top if top is not None else base.top
        width, height = width if width is not None else base.width, height if height is not None else base.height
    ph_type = ph._element.ph_type
    own_fill = _x(ph._element, "p:spPr/a:solidFill")
    line = _x(ph._element, "p:spPr/a:ln[a:solidFill]")
    line_colour = _fill_colour(_x(line[0], "a:solidFill")[0], clr_map, theme) if line else None
    rounded = _x(ph._element, "p:spPr/a:prstGeom[@prst='roundRect']")
    adjust = _x(rounded[0], "a:avLst/a:gd[@name='adj']/@fmla") if rounded else []
    corner = (int(adjust[0].split()[-1]) if adjust else 16667) / 100000 if rounded else 0.0
    return Box(ph.placeholder_format.idx, kind, int(left or 0), int(top or 0), int(width or 0), int(height or 0),
               tuple(insets), tuple(levels), str(anchor),
               type=ph._element.ph.get("type", "obj") if ph_type is not None else "obj",
               fill=_fill_colour(own_fill[0], clr_map, theme) if own_fill else None,
               outline=(line_colour, int(line[0].get("w", "12700"))) if line_colour else None,
               corner=corner)


def _first(results):
    """The first non-empty xpath result of a chain."""
    for found in results:
        if found:
            return found[0]
    return None


def _level(chain: list, theme: _Theme, clr_map: dict) -> Level:
    def get(path):
        return _first(p.xpath(path, namespaces=NS) for p in chain)

    size = get("a:defRPr/@sz")
    bold = get("a:defRPr/@b")
    margin = get("@marL")
    before_pts = get("a:spcBef/a:spcPts/@val")
    before_pct = get("a:spcBef/a:spcPct/@val")
    line_pct = get("a:lnSpc/a:spcPct/@val")
    line_pts = get("a:lnSpc/a:spcPts/@val")
    fill = get("a:defRPr/a:solidFill")
    face = get("a:defRPr/a:latin/@typeface") or "+mn-lt"
    align = get("@algn") or "l"
    size_pt = int(size) / 100 if size else 18.0
    if face.startswith("+"):
        face = theme.fonts.get(face[1:3], "Arial")
    space_before = int(before_pts) / 100 if before_pts else (
        int(before_pct) / 100000 * size_pt * 1.2 if before_pct else 0.0)
    return Level(
        size_pt=size_pt, bold=bold in ("1", "true"), margin_left=int(margin) if margin else 0,
        space_before_pt=space_before, line_spacing=int(line_pct) / 100000 if line_pct else 1.0,
        line_points=int(line_pts) / 100 if line_pts else None,
        colour=_fill_colour(fill, clr_map, theme) if fill is not None else _scheme("tx1", clr_map, theme),
        typeface=face, align=str(align),
    )


def _background(element, clr_map: dict, theme: _Theme) -> Optional[str]:
    """A slide layout's or master's solid background colour."""
    fills = _x(element, "p:cSld/p:bg/p:bgPr/a:solidFill")
    if fills:
        return _fill_colour(fills[0], clr_map, theme)
    refs = _x(element, "p:cSld/p:bg/p:bgRef")
    if refs:
        return _colour_element(refs[0], clr_map, theme)
    return None


def _fill_colour(fill, clr_map: dict, theme: _Theme) -> Optional[str]:
    return _colour_element(fill, clr_map, theme)


def _colour_element(parent, clr_map: dict, theme: _Theme) -> Optional[str]:
    """The RGB of the colour child of parent (srgbClr, schemeClr, sysClr), with its modifiers."""
    for child in parent:
        name = etree.QName(child).localname
        if name == "srgbClr":
            rgb = child.get("val", "").upper()
        elif name == "schemeClr":
            rgb = _scheme(child.get("val", ""), clr_map, theme)
        elif name == "sysClr":
            rgb = (child.get("lastClr") or "").upper()
        elif name == "prstClr":
            rgb = {"black": "000000", "white": "FFFFFF"}.get(child.get("val", ""))
        else:
            continue
        return _modified(rgb, child) if rgb else None
    return None


def _scheme(name: str, clr_map: dict, theme: _Theme) -> Optional[str]:
    return theme.colours.get(clr_map.get(name, name))


def _modified(rgb: str, el) -> str:
    """Apply lumMod/lumOff, tint and shade to an RGB colour."""
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    for mod in el:
        name, val = etree.QName(mod).localname, int(mod.get("val", "100000")) / 100000
        if name in ("lumMod", "lumOff"):
            h, light, s = colorsys.rgb_to_hls(r, g, b)
            light = light * val if name == "lumMod" else light + val
            r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, light)), s)
        elif name == "tint":
            r, g, b = (c + (1 - c) * (1 - val) for c in (r, g, b))
        elif name == "shade":
            r, g, b = (c * val for c in (r, g, b))
    return "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in (r, g, b))


# ---- what the slide master and layouts draw besides their placeholders (the HTML slides draw it too) ----

@dataclass(frozen=True)
class Decoration:
    """A rectangle with a solid fill that a layout (or its master) draws behind the placeholders."""

    left: int
    top: int
    width: int
    height: int
    colour: str  # "RRGGBB"


@dataclass(frozen=True)
class Bullet:
    """The master's bullet for one outline level of body text."""

    char: str  # "" when the level has no bullet
    colour: Optional[str]  # "RRGGBB", None for the text's own colour
    indent: int  # EMU, the first line's offset from the margin (negative: a hanging bullet)


@dataclass(frozen=True)
class Look:
    """What a template looks like beyond its boxes: theme colours and fonts, bullets, decorations."""

    colours: dict  # theme colour name ("dk1", "lt1", "accent1", "hlink"…) -> "RRGGBB"
    fonts: dict  # "mj" (headings) and "mn" (body) -> typeface
    bullets: tuple  # Bullet × 9, the master's body style
    decorations: dict  # layout name -> tuple of Decoration, the master's first


def template_look(path) -> Optional[Look]:
    """The template's theme, bullets and decorations, or None when the file cannot be read as a deck."""
    key = _file_key(path)
    return _read_look(*key) if key else None


@functools.lru_cache(maxsize=8)
def _read_look(path: str, size: int, mtime: int) -> Optional[Look]:
    prs = _opened(path, size, mtime)
    if prs is None:
        return None
    master = prs.slide_master
    theme = _Theme(master)
    master_map = _colour_map(master, master)
    bullets = []
    for n in range(1, LEVELS + 1):
        found = _x(master._element, f"p:txStyles/p:bodyStyle/a:lvl{n}pPr")
        level = found[0] if found else None
        char = _x(level, "a:buChar/@char") if level is not None else []
        colour = _x(level, "a:buClr") if level is not None else []
        indent = _x(level, "@indent") if level is not None else []
        bullets.append(Bullet(str(char[0]) if char else "", _colour_element(colour[0], master_map, theme)
                              if colour else None, int(indent[0]) if indent else 0))
    decorations = {}
    for layout in prs.slide_layouts:
        clr_map = _colour_map(layout, master)
        shapes = [] if layout._element.get("showMasterSp") == "0" else list(master.shapes)
        decorations[layout.name] = tuple(d for d in (_decoration(s, clr_map, theme) for s in shapes
                                                     + list(layout.shapes)) if d is not None)
    colours = {name: theme.colours[name] for name in sorted(theme.colours)}
    return Look(colours, dict(theme.fonts), tuple(bullets), decorations)


def _decoration(shape, clr_map: dict, theme: _Theme) -> Optional[Decoration]:
    """A solid rectangle that is not a placeholder, as a Decoration (None for anything else)."""
    if shape.is_placeholder or not _x(shape._element, "p:spPr/a:prstGeom[@prst='rect']"):
        return None
    fill = _x(shape._element, "p:spPr/a:solidFill")
    colour = _fill_colour(fill[0], clr_map, theme) if fill else None
    if colour is None or shape.width is None or shape.height is None:
        return None
    return Decoration(int(shape.left or 0), int(shape.top or 0), int(shape.width), int(shape.height), colour)
