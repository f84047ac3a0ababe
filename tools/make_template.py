#!/usr/bin/env python3
"""Generate the default PowerPoint template: templates/deck.pptx.

The template starts from python-pptx's built-in default template
(``pptx.Presentation()``) and edits its XML so that it is:

* 16:9 widescreen (12192000 x 6858000 EMU), every placeholder re-laid out;
* the seven layouts pandoc's reference deck uses, in this order:
  "Title Slide", "Title and Content", "Section Header", "Two Content",
  "Comparison", "Content with Caption", "Blank"; then the layouts the richer
  slide kinds use, looked up by name: "Title Only" (charts and diagrams drawn
  as native shapes under a headline), "Picture with Caption", "Quotation",
  "Big Number" (one to three figures side by side) and "Activity" (its own
  pale-teal background and teal band, a minutes badge, task text at 28pt);
  every layout carries date, footer and slide-number placeholders;
* high contrast and sans-serif: Arial theme fonts (LibreOffice substitutes the
  metric-compatible Liberation Sans), a navy/teal palette where every text
  colour has at least 4.5:1 contrast against its background, and no text on
  the master or any layout below 18pt;
* free of autofit: body placeholders never shrink text (the builder deals with
  overflow itself).

The output is byte-for-byte deterministic: fixed core-property dates and fixed
timestamps on every zip member.

Usage:  python tools/make_template.py [OUTPUT]   (default: templates/deck.pptx)
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import SlideLayoutPart

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "templates" / "deck.pptx"

# --------------------------------------------------------------------------
# Design tokens
# --------------------------------------------------------------------------

THEME_NAME = "workshop-builder"
FONT = "Arial"  # LibreOffice renders this with Liberation Sans (same metrics)
LANG = "en-GB"

COLOURS = {  # theme colour scheme
    "dk1": "1A1A1A",  # near-black text        17.4:1 on white
    "lt1": "FFFFFF",  # background
    "dk2": "0B3C5D",  # deep navy              11.5:1 on white
    "lt2": "F2F5F7",  # pale grey-blue
    "accent1": "0B3C5D",  # navy
    "accent2": "00756A",  # dark teal           5.6:1 on white
    "accent3": "B3261E",  # dark red            6.5:1 on white
    "accent4": "5A3E85",  # purple              8.5:1 on white
    "accent5": "3D5A80",  # slate blue          7.1:1 on white
    "accent6": "6B4E16",  # bronze              7.7:1 on white
    "hlink": "0B57D0",  # link blue             6.4:1 on white
    "folHlink": "5A3E85",  # visited purple     8.5:1 on white
}

# Geometry (EMU). 914400 EMU = 1 inch; the slide is 13.333in x 7.5in.
SLIDE_W, SLIDE_H = 12192000, 6858000
IN = 914400


def emu(inches: float) -> int:
    return int(round(inches * IN))


MARGIN = emu(2 / 3)  # left/right margin: content area is exactly 12in wide
CONTENT_W = SLIDE_W - 2 * MARGIN
BAR_H = emu(0.1)  # teal accent bar across the top of light layouts
TITLE_Y, TITLE_H = emu(0.3), emu(1.15)  # title bottom at 1.45in; two lines of 36pt fit
BODY_Y = emu(1.65)
BODY_BOTTOM = emu(6.75)
BODY_H = BODY_BOTTOM - BODY_Y
FOOT_Y, FOOT_H = emu(6.85), emu(0.45)
GUTTER = emu(0.5)  # gap between columns

# Text sizes (hundredths of a point)
TITLE_SZ = 3600
TITLE_SLIDE_SZ = 4400
SECTION_SZ = 4000
BODY_SZ = [2400, 2200, 2000] + [1800] * 6  # levels 1..9
SUBTITLE_SZ = 2400
CAPTION_SZ = 2000
FOOTER_SZ = 1800
BULLETS = ["\u2022", "\u2013", "\u2022", "\u2013", "\u2022", "\u2013", "\u2022", "\u2013", "\u2022"]
BULLET_HANG = emu(0.3)  # hanging indent of every bullet level
LEVEL_STEP = emu(0.35)  # extra left margin for each deeper level

FIXED_DATE = dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)

LAYOUT_ORDER = [
    "Title Slide",
    "Title and Content",
    "Section Header",
    "Two Content",
    "Comparison",
    "Content with Caption",
    "Blank",
    "Title Only",
    "Picture with Caption",
    "Quotation",
    "Big Number",
    "Activity",
]
DARK_LAYOUTS = {"Title Slide", "Section Header"}

DECORATIVE_EXT = (
    '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative"'
    ' val="1"/></a:ext></a:extLst>'
)


# --------------------------------------------------------------------------
# Small XML builders
# --------------------------------------------------------------------------


def E(xml: str):
    """Parse an XML fragment that uses the a:/p:/r: prefixes."""
    return parse_xml(xml)


def fill(val: str) -> str:
    return f'<a:solidFill><a:schemeClr val="{val}"/></a:solidFill>'


MUTED_TX1 = (
    '<a:solidFill><a:schemeClr val="tx1"><a:lumMod val="75000"/>'
    '<a:lumOff val="25000"/></a:schemeClr></a:solidFill>'
)  # ~#535353, 7.5:1 on white


def def_rpr(sz: int, colour_xml: str, bold: bool = False, font: str = "mn", extra: str = "") -> str:
    b = ' b="1"' if bold else ""
    return (
        f'<a:defRPr sz="{sz}"{b} kern="1200"{extra}>{colour_xml}'
        f'<a:latin typeface="+{font}-lt"/><a:ea typeface="+{font}-ea"/>'
        f'<a:cs typeface="+{font}-cs"/></a:defRPr>'
    )


def body_level(lvl: int, colour: str = "tx1") -> str:
    """Master body style for level lvl (1-based): bullet, indent, size."""
    marl = BULLET_HANG + (lvl - 1) * LEVEL_STEP
    spc = 1000 if lvl == 1 else 600
    return (
        f'<a:lvl{lvl}pPr marL="{marl}" indent="{-BULLET_HANG}" algn="l" defTabSz="{IN}"'
        ' rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
        '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{spc}"/></a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft>'
        f'<a:buClr><a:schemeClr val="tx2"/></a:buClr><a:buSzPct val="100000"/>'
        f'<a:buFont typeface="{FONT}" panose="020B0604020202020204" pitchFamily="34" charset="0"/>'
        f'<a:buChar char="{BULLETS[lvl - 1]}"/>'
        f"{def_rpr(BODY_SZ[lvl - 1], fill(colour))}</a:lvl{lvl}pPr>"
    )


def plain_levels(sizes: list[int], colour_xml: str, bold_first: bool = False, algn: str = "l") -> str:
    """lstStyle levels with no bullets and no indent (subtitles, captions, headings)."""
    out = []
    for lvl in range(1, 10):
        sz = sizes[min(lvl, len(sizes)) - 1]
        bold = ' b="1"' if (bold_first and lvl == 1) else ""
        out.append(
            f'<a:lvl{lvl}pPr marL="0" indent="0" algn="{algn}"><a:buNone/>'
            f'<a:defRPr sz="{sz}"{bold}>{colour_xml}</a:defRPr></a:lvl{lvl}pPr>'
        )
    return "".join(out)


def ph_sp(
    shape_id: int,
    name: str,
    ph: str,
    xywh: tuple[int, int, int, int],
    *,
    anchor: str | None = None,
    lst: str = "",
    paras: str,
    geom: bool = False,
) -> str:
    """A placeholder <p:sp>. `ph` is the inner attribute string of <p:ph>."""
    x, y, w, h = xywh
    anchor_attr = f' anchor="{anchor}"' if anchor else ""
    prst = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>' if geom else ""
    body_attrs = (
        f'vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0"{anchor_attr}'
        if geom
        else anchor_attr.strip()
    )
    return (
        f"<p:sp {nsdecls('a', 'p', 'r')}><p:nvSpPr>"
        f'<p:cNvPr id="{shape_id}" name="{name}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>"
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>{prst}</p:spPr>'
        f"<p:txBody><a:bodyPr {body_attrs}><a:noAutofit/></a:bodyPr>"
        f"<a:lstStyle>{lst}</a:lstStyle>{paras}</p:txBody></p:sp>"
    )


def para(text: str, lvl: int | None = None) -> str:
    ppr = f'<a:pPr lvl="{lvl}"/>' if lvl is not None else ""
    return f'<a:p>{ppr}<a:r><a:rPr lang="{LANG}" dirty="0"/><a:t>{text}</a:t></a:r></a:p>'


TITLE_PROMPT = para("Click to edit title")
TEXT_PROMPT = para("Click to edit text")
LEVELS_PROMPT = "".join(
    para(t, i)
    for i, t in enumerate(["First level", "Second level", "Third level", "Fourth level", "Fifth level"])
)
DATE_PARA = (
    '<a:p><a:fld id="{5BCAD085-E8A6-8845-BD4E-CB4CCA059FC4}" type="datetimeFigureOut">'
    f'<a:rPr lang="{LANG}"/><a:t>01/01/2026</a:t></a:fld><a:endParaRPr lang="{LANG}"/></a:p>'
)
FOOTER_PARA = f'<a:p><a:endParaRPr lang="{LANG}"/></a:p>'
SLDNUM_PARA = (
    '<a:p><a:fld id="{C1FF6DA9-008F-8B48-92A6-B652298478BF}" type="slidenum">'
    f'<a:rPr lang="{LANG}"/><a:t>\u2039#\u203a</a:t></a:fld><a:endParaRPr lang="{LANG}"/></a:p>'
)

# footer row geometry: date left, footer centre, slide number right
DATE_XYWH = (MARGIN, FOOT_Y, emu(2.6), FOOT_H)
FTR_XYWH = (SLIDE_W // 2 - emu(3.2), FOOT_Y, emu(6.4), FOOT_H)
SLDNUM_XYWH = (SLIDE_W - MARGIN - emu(1.6), FOOT_Y, emu(1.6), FOOT_H)


def footer_sps(first_id: int, idxs: tuple[int, int, int], colour_xml: str | None, geom: bool) -> list[str]:
    """Date, footer and slide-number placeholders, all at 18pt."""
    d, f, n = idxs

    def lst(algn: str) -> str:
        c = colour_xml or ""
        return f'<a:lvl1pPr algn="{algn}"><a:defRPr sz="{FOOTER_SZ}">{c}</a:defRPr></a:lvl1pPr>'

    return [
        ph_sp(first_id, f"Date Placeholder {first_id - 1}", f'type="dt" sz="half" idx="{d}"',
              DATE_XYWH, anchor="ctr", lst=lst("l"), paras=DATE_PARA, geom=geom),
        ph_sp(first_id + 1, f"Footer Placeholder {first_id}", f'type="ftr" sz="quarter" idx="{f}"',
              FTR_XYWH, anchor="ctr", lst=lst("ctr"), paras=FOOTER_PARA, geom=geom),
        ph_sp(first_id + 2, f"Slide Number Placeholder {first_id + 1}",
              f'type="sldNum" sz="quarter" idx="{n}"',
              SLDNUM_XYWH, anchor="ctr", lst=lst("r"), paras=SLDNUM_PARA, geom=geom),
    ]


def rect_sp(shape_id: int, name: str, xywh: tuple[int, int, int, int], colour: str) -> str:
    """A decorative (non-placeholder) filled rectangle with no text."""
    x, y, w, h = xywh
    return (
        f"<p:sp {nsdecls('a', 'p', 'r')}><p:nvSpPr>"
        f'<p:cNvPr id="{shape_id}" name="{name}">{DECORATIVE_EXT}</p:cNvPr>'
        '<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill(colour)}<a:ln><a:noFill/></a:ln></p:spPr>'
        "</p:sp>"
    )


def replace_shapes(spTree, sps: list[str]) -> None:
    """Drop every shape in spTree (keeping its group properties) and add sps."""
    for child in list(spTree):
        if child.tag not in (qn("p:nvGrpSpPr"), qn("p:grpSpPr")):
            spTree.remove(child)
    for sp in sps:
        spTree.append(E(sp))


# --------------------------------------------------------------------------
# Theme
# --------------------------------------------------------------------------

FMT_SCHEME = f"""<a:fmtScheme {nsdecls('a')} name="{THEME_NAME}">
<a:fillStyleLst>
<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
<a:solidFill><a:schemeClr val="phClr"><a:tint val="25000"/></a:schemeClr></a:solidFill>
<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
</a:fillStyleLst>
<a:lnStyleLst>
<a:ln w="12700" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>
<a:ln w="19050" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>
<a:ln w="28575" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>
</a:lnStyleLst>
<a:effectStyleLst>
<a:effectStyle><a:effectLst/></a:effectStyle>
<a:effectStyle><a:effectLst/></a:effectStyle>
<a:effectStyle><a:effectLst/></a:effectStyle>
</a:effectStyleLst>
<a:bgFillStyleLst>
<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
<a:solidFill><a:schemeClr val="phClr"><a:tint val="95000"/></a:schemeClr></a:solidFill>
<a:solidFill><a:schemeClr val="phClr"><a:shade val="90000"/></a:schemeClr></a:solidFill>
</a:bgFillStyleLst>
</a:fmtScheme>""".replace("\n", "")


def edit_theme(theme_part) -> None:
    theme = etree.fromstring(theme_part.blob)
    theme.set("name", THEME_NAME)
    elements = theme.find(qn("a:themeElements"))

    clr = elements.find(qn("a:clrScheme"))
    clr.set("name", THEME_NAME)
    for child in list(clr):
        clr.remove(child)
    for slot, hexval in COLOURS.items():
        el = etree.SubElement(clr, qn(f"a:{slot}"))
        etree.SubElement(el, qn("a:srgbClr"), val=hexval)

    fonts = elements.find(qn("a:fontScheme"))
    fonts.set("name", THEME_NAME)
    for which in ("a:majorFont", "a:minorFont"):
        latin = fonts.find(qn(which)).find(qn("a:latin"))
        for k in list(latin.attrib):
            del latin.attrib[k]
        latin.set("typeface", FONT)
        latin.set("panose", "020B0604020202020204")

    old_fmt = elements.find(qn("a:fmtScheme"))
    elements.replace(old_fmt, E(FMT_SCHEME))

    theme_part.blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------
# Slide master
# --------------------------------------------------------------------------


def title_style() -> str:
    return (
        '<p:titleStyle><a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0"'
        ' hangingPunct="1"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
        '<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'{def_rpr(TITLE_SZ, fill("tx2"), bold=True, font="mj")}</a:lvl1pPr></p:titleStyle>'
    )


def body_style() -> str:
    return "<p:bodyStyle>" + "".join(body_level(i) for i in range(1, 10)) + "</p:bodyStyle>"


def other_levels(tag: str, attrs: str = "") -> str:
    """Default text (text boxes, tables): 18pt, theme body font."""
    levels = "".join(
        f'<a:lvl{i}pPr marL="{(i - 1) * 457200}" algn="l" defTabSz="914400" rtl="0" eaLnBrk="1"'
        f' latinLnBrk="0" hangingPunct="1">{def_rpr(1800, fill("tx1"))}</a:lvl{i}pPr>'
        for i in range(1, 10)
    )
    return f'<{tag}{attrs}><a:defPPr><a:defRPr lang="{LANG}"/></a:defPPr>{levels}</{tag}>'


def edit_master(master) -> None:
    sld_master = master._element
    cSld = sld_master.find(qn("p:cSld"))

    # explicit white background
    bg = cSld.find(qn("p:bg"))
    cSld.replace(bg, E(f'<p:bg {nsdecls("a", "p")}><p:bgPr>{fill("bg1")}<a:effectLst/></p:bgPr></p:bg>'))

    sps = [
        ph_sp(2, "Title Placeholder 1", 'type="title"', (MARGIN, TITLE_Y, CONTENT_W, TITLE_H),
              anchor="b", paras=TITLE_PROMPT, geom=True),
        ph_sp(3, "Text Placeholder 2", 'type="body" idx="1"', (MARGIN, BODY_Y, CONTENT_W, BODY_H),
              paras=LEVELS_PROMPT, geom=True),
    ] + footer_sps(4, (2, 3, 4), MUTED_TX1, geom=True)
    replace_shapes(cSld.find(qn("p:spTree")), sps)

    tx = sld_master.find(qn("p:txStyles"))
    new_tx = E(
        f"<p:txStyles {nsdecls('a', 'p')}>{title_style()}{body_style()}"
        f"{other_levels('p:otherStyle')}</p:txStyles>"
    )
    sld_master.replace(tx, new_tx)


# --------------------------------------------------------------------------
# Slide layouts
# --------------------------------------------------------------------------

WHITE = fill("lt1")  # absolute theme slot: not remapped by clrMapOvr


def light_title(shape_id: int, xywh=(MARGIN, TITLE_Y, CONTENT_W, TITLE_H), anchor="b") -> str:
    return ph_sp(shape_id, f"Title {shape_id - 1}", 'type="title"', xywh, anchor=anchor,
                 paras=TITLE_PROMPT)


def content(shape_id: int, idx: int, xywh, sz: str | None = None) -> str:
    sz_attr = f' sz="{sz}"' if sz else ""
    return ph_sp(shape_id, f"Content Placeholder {shape_id - 1}", f'{sz_attr.strip()} idx="{idx}"'.strip(),
                 xywh, paras=LEVELS_PROMPT)


def accent_bar(shape_id: int) -> str:
    return rect_sp(shape_id, "Accent Bar", (0, 0, SLIDE_W, BAR_H), "accent2")


def light_footers(first_id: int) -> list[str]:
    return footer_sps(first_id, (10, 11, 12), None, geom=False)


def layout_title_slide() -> list[str]:
    title_lst = (
        f'<a:lvl1pPr algn="l"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
        f'<a:defRPr sz="{TITLE_SLIDE_SZ}" b="1">{WHITE}</a:defRPr></a:lvl1pPr>'
    )
    band_h = emu(0.2)  # sits below the footer row (which ends at 7.3in)
    return [
        rect_sp(2, "Accent Band", (0, SLIDE_H - band_h, SLIDE_W, band_h), "accent2"),
        rect_sp(3, "Accent Rule", (MARGIN + emu(0.1), emu(4.0), emu(1.6), emu(0.08)), "lt1"),
        ph_sp(4, "Title 1", 'type="ctrTitle"', (MARGIN, emu(1.45), emu(11.0), emu(2.4)),
              anchor="b", lst=title_lst, paras=TITLE_PROMPT),
        ph_sp(5, "Subtitle 2", 'type="subTitle" idx="1"', (MARGIN, emu(4.25), emu(11.0), emu(1.9)),
              anchor="t", lst=plain_levels([SUBTITLE_SZ, 2200, 2000, 1800], WHITE),
              paras=para("Click to edit subtitle")),
    ] + footer_sps(6, (10, 11, 12), WHITE, geom=False)


def layout_section_header() -> list[str]:
    title_lst = (
        f'<a:lvl1pPr algn="l"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
        f'<a:defRPr sz="{SECTION_SZ}" b="1" cap="none">{WHITE}</a:defRPr></a:lvl1pPr>'
    )
    return [
        rect_sp(2, "Accent Band", (0, 0, emu(0.25), SLIDE_H), "accent2"),
        ph_sp(3, "Title 1", 'type="title"', (MARGIN, emu(1.6), emu(11.0), emu(2.3)),
              anchor="b", lst=title_lst, paras=TITLE_PROMPT),
        rect_sp(4, "Accent Rule", (MARGIN + emu(0.1), emu(4.05), emu(1.6), emu(0.08)), "lt1"),
        ph_sp(5, "Text Placeholder 2", 'type="body" idx="1"', (MARGIN, emu(4.3), emu(11.0), emu(1.9)),
              anchor="t", lst=plain_levels([SUBTITLE_SZ, 2200, 2000, 1800], WHITE), paras=TEXT_PROMPT),
    ] + footer_sps(6, (10, 11, 12), WHITE, geom=False)


def layout_title_and_content() -> list[str]:
    return [
        accent_bar(2),
        light_title(3),
        content(4, 1, (MARGIN, BODY_Y, CONTENT_W, BODY_H)),
    ] + light_footers(5)


COL_W = (CONTENT_W - GUTTER) // 2
RIGHT_X = SLIDE_W - MARGIN - COL_W


def layout_two_content() -> list[str]:
    return [
        accent_bar(2),
        light_title(3),
        content(4, 1, (MARGIN, BODY_Y, COL_W, BODY_H), sz="half"),
        content(5, 2, (RIGHT_X, BODY_Y, COL_W, BODY_H), sz="half"),
    ] + light_footers(6)


def layout_comparison() -> list[str]:
    head_h = emu(0.65)
    box_y = BODY_Y + head_h + emu(0.1)
    box_h = BODY_BOTTOM - box_y
    head_lst = plain_levels([2400, 2200, 2000, 1800], fill("tx2"), bold_first=True)

    def heading(shape_id: int, idx: int, x: int, sz: str) -> str:
        return ph_sp(shape_id, f"Text Placeholder {shape_id - 1}", f'type="body" sz="{sz}" idx="{idx}"',
                     (x, BODY_Y, COL_W, head_h), anchor="b", lst=head_lst, paras=TEXT_PROMPT)

    rule_h = emu(0.03)
    inset = emu(0.1)
    return [
        accent_bar(2),
        light_title(3),
        heading(4, 1, MARGIN, "half"),
        content(5, 2, (MARGIN, box_y, COL_W, box_h), sz="half"),
        heading(6, 3, RIGHT_X, "quarter"),
        content(7, 4, (RIGHT_X, box_y, COL_W, box_h), sz="quarter"),
        rect_sp(8, "Heading Rule 1", (MARGIN + inset, BODY_Y + head_h, COL_W - 2 * inset, rule_h), "accent2"),
        rect_sp(9, "Heading Rule 2", (RIGHT_X + inset, BODY_Y + head_h, COL_W - 2 * inset, rule_h), "accent2"),
    ] + light_footers(10)


def layout_content_with_caption() -> list[str]:
    left_w = emu(4.6)
    right_x = MARGIN + left_w + GUTTER
    top = emu(0.35)
    title_h = emu(2.25)  # room for four lines of 36pt in the narrow column
    cap_y = top + title_h + emu(0.2)
    caption_lst = plain_levels([CAPTION_SZ, 1800], fill("tx1"))
    return [
        accent_bar(2),
        light_title(3, (MARGIN, top, left_w, title_h)),
        content(4, 1, (right_x, top, SLIDE_W - MARGIN - right_x, BODY_BOTTOM - top)),
        ph_sp(5, "Text Placeholder 3", 'type="body" sz="half" idx="2"',
              (MARGIN, cap_y, left_w, BODY_BOTTOM - cap_y), lst=caption_lst, paras=TEXT_PROMPT),
    ] + light_footers(6)


def layout_blank() -> list[str]:
    return [accent_bar(2)] + light_footers(3)


def layout_title_only() -> list[str]:
    """A headline and free space: for native charts and diagrams the writer draws."""
    return [accent_bar(2), light_title(3)] + light_footers(4)


PIC_W = emu(8.0)  # a 3:2 photo fills it at 7.65in x 5.1in; the caption column takes the rest


def layout_picture_with_caption() -> list[str]:
    """Headline, a large picture placeholder on the left, the caption in a column beside it."""
    cap_x = MARGIN + PIC_W + GUTTER
    cap_w = SLIDE_W - MARGIN - cap_x
    caption_lst = plain_levels([CAPTION_SZ, 1800], MUTED_TX1)
    pic_lst = '<a:lvl1pPr marL="0" indent="0" algn="ctr"><a:buNone/><a:defRPr sz="1800"/></a:lvl1pPr>'
    return [
        accent_bar(2),
        light_title(3),
        ph_sp(4, "Picture Placeholder 3", 'type="pic" idx="1"', (MARGIN, BODY_Y, PIC_W, BODY_H),
              anchor="ctr", lst=pic_lst, paras=para("Click icon to add picture")),
        rect_sp(5, "Caption Rule", (cap_x + emu(0.1), BODY_Y, emu(1.2), emu(0.08)), "accent2"),
        ph_sp(6, "Text Placeholder 4", 'type="body" sz="half" idx="2"',
              (cap_x, BODY_Y + emu(0.2), cap_w, BODY_H - emu(0.2)), lst=caption_lst, paras=TEXT_PROMPT),
    ] + light_footers(7)


QUOTE_SZ = 3200
ATTRIBUTION_SZ = 2400
CITATION_SZ = 1800


def layout_quotation() -> list[str]:
    """A voice: the quotation in large type beside a teal rule, the attribution and citation under it."""
    rule_w = emu(0.12)
    text_x = MARGIN + emu(0.5)
    text_w = SLIDE_W - MARGIN - text_x
    quote_y, quote_h = BODY_Y + emu(0.1), emu(3.55)
    attr_y = quote_y + quote_h + emu(0.15)
    quote_lst = "".join(
        f'<a:lvl{lvl}pPr marL="0" indent="0" algn="l"><a:lnSpc><a:spcPct val="105000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{0 if lvl == 1 else 1200}"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="{QUOTE_SZ if lvl == 1 else 2800}">{fill("tx2")}</a:defRPr></a:lvl{lvl}pPr>'
        for lvl in range(1, 10))
    attr_lst = (
        f'<a:lvl1pPr marL="0" indent="0" algn="l"><a:buNone/>'
        f'<a:defRPr sz="{ATTRIBUTION_SZ}" b="1">{fill("accent2")}</a:defRPr></a:lvl1pPr>'
        + "".join(
            f'<a:lvl{lvl}pPr marL="0" indent="0" algn="l"><a:spcBef><a:spcPts val="400"/></a:spcBef><a:buNone/>'
            f'<a:defRPr sz="{CITATION_SZ}">{MUTED_TX1}</a:defRPr></a:lvl{lvl}pPr>'
            for lvl in range(2, 10)))
    return [
        accent_bar(2),
        light_title(3),
        rect_sp(4, "Quote Rule", (MARGIN + emu(0.1), quote_y, rule_w, quote_h), "accent2"),
        ph_sp(5, "Text Placeholder 4", 'type="body" idx="1"', (text_x, quote_y, text_w, quote_h),
              anchor="ctr", lst=quote_lst, paras=para("Click to add the quotation")),
        ph_sp(6, "Text Placeholder 5", 'type="body" sz="quarter" idx="2"',
              (text_x, attr_y, text_w, BODY_BOTTOM - attr_y), lst=attr_lst,
              paras=para("Attribution") + para("Source, year", 1)),
    ] + light_footers(7)


FIGURE_SZ = 6000
FIGURE_LABEL_SZ = 2400
STAT_COLUMNS = 3


def stat_card(shape_id: int, idx: int, xywh, lst: str) -> str:
    """One figure's placeholder, drawn as a pale card (it disappears with the placeholder when unused)."""
    x, y, w, h = xywh
    return (
        f"<p:sp {nsdecls('a', 'p', 'r')}><p:nvSpPr>"
        f'<p:cNvPr id="{shape_id}" name="Figure Placeholder {idx}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph type="body" sz="quarter" idx="{idx}"/></p:nvPr></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill("lt2")}<a:ln><a:noFill/></a:ln></p:spPr>'
        f'<p:txBody><a:bodyPr lIns="{emu(0.2)}" tIns="{emu(0.35)}" rIns="{emu(0.2)}" bIns="{emu(0.2)}" anchor="t">'
        f"<a:noAutofit/></a:bodyPr><a:lstStyle>{lst}</a:lstStyle>"
        f'{para("00,000", 0) + para("What the figure counts", 1) + para("Source, year", 2)}</p:txBody></p:sp>'
    )


def layout_big_number() -> list[str]:
    """Up to three figures side by side on pale cards: the figure, its label, the citation, centred.

    With fewer figures the writer removes the unused placeholders and may spread the rest over
    the row (render/layouts.py: stat_columns)."""
    col_w = (CONTENT_W - (STAT_COLUMNS - 1) * GUTTER) // STAT_COLUMNS
    top = BODY_Y + emu(0.15)
    height = emu(3.9)  # the figure, a three-line label and a two-line citation
    levels = [(FIGURE_SZ, True, fill("tx2"), 0), (FIGURE_LABEL_SZ, False, fill("tx1"), 800)]
    levels += [(CITATION_SZ, False, MUTED_TX1, 1000)] * 7
    lst = "".join(
        f'<a:lvl{n}pPr marL="0" indent="0" algn="ctr"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{before}"/></a:spcBef><a:buNone/>'
        f'<a:defRPr sz="{sz}"{" b=" + chr(34) + "1" + chr(34) if bold else ""}>{colour}</a:defRPr></a:lvl{n}pPr>'
        for n, (sz, bold, colour, before) in enumerate(levels, start=1))
    sps = [accent_bar(2), light_title(3)]
    for i in range(STAT_COLUMNS):
        x = MARGIN + i * (col_w + GUTTER)
        sps.append(stat_card(4 + i, i + 1, (x, top, col_w, height), lst))
    return sps + light_footers(4 + STAT_COLUMNS)


ACTIVITY_BG = "E6F2F0"  # pale teal: dark text 15:1, navy 10:1, teal badge text 4.9:1
TASK_SZ = [2800, 2400]  # readable from the back of a room; deeper levels stay at 24pt
BADGE_W, BADGE_H = emu(2.8), emu(0.85)


def badge_sp(shape_id: int, xywh) -> str:
    """The minutes badge: a placeholder drawn as a white rounded box with a teal border."""
    x, y, w, h = xywh
    lst = (f'<a:lvl1pPr marL="0" indent="0" algn="ctr"><a:buNone/>'
           f'<a:defRPr sz="2800" b="1">{fill("accent2")}</a:defRPr></a:lvl1pPr>')
    return (
        f"<p:sp {nsdecls('a', 'p', 'r')}><p:nvSpPr>"
        f'<p:cNvPr id="{shape_id}" name="Minutes Badge"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        '<p:nvPr><p:ph type="body" sz="quarter" idx="2"/></p:nvPr></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
        '<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val 30000"/></a:avLst></a:prstGeom>'
        f'{fill("lt1")}<a:ln w="38100">{fill("accent2")}</a:ln></p:spPr>'
        '<p:txBody><a:bodyPr lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="ctr"><a:noAutofit/>'
        f"</a:bodyPr><a:lstStyle>{lst}</a:lstStyle>{para('10 minutes')}</p:txBody></p:sp>"
    )


def layout_activity() -> list[str]:
    """A task for the room: teal band, headline, minutes badge top right, task text at 28pt."""
    band_w = emu(0.35)
    badge_x = SLIDE_W - MARGIN - BADGE_W
    title_w = badge_x - emu(0.3) - MARGIN
    task_lst = "".join(f'<a:lvl{n}pPr><a:defRPr sz="{TASK_SZ[min(n, 2) - 1]}"/></a:lvl{n}pPr>'
                       for n in range(1, 10))
    return [
        rect_sp(2, "Activity Band", (0, 0, band_w, SLIDE_H), "accent2"),
        rect_sp(3, "Accent Bar", (0, 0, SLIDE_W, BAR_H), "accent2"),
        light_title(4, (MARGIN, TITLE_Y, title_w, TITLE_H)),
        badge_sp(5, (badge_x, TITLE_Y + (TITLE_H - BADGE_H) // 2 + emu(0.1), BADGE_W, BADGE_H)),
        ph_sp(6, "Content Placeholder 5", 'idx="1"', (MARGIN, BODY_Y, CONTENT_W, BODY_H),
              lst=task_lst, paras=LEVELS_PROMPT),
    ] + light_footers(7)


BUILDERS = {
    "Title Slide": layout_title_slide,
    "Title and Content": layout_title_and_content,
    "Section Header": layout_section_header,
    "Two Content": layout_two_content,
    "Comparison": layout_comparison,
    "Content with Caption": layout_content_with_caption,
    "Blank": layout_blank,
    "Title Only": layout_title_only,
    "Picture with Caption": layout_picture_with_caption,
    "Quotation": layout_quotation,
    "Big Number": layout_big_number,
    "Activity": layout_activity,
}
# Light layouts with a background of their own (the rest show the master's white).
LAYOUT_BACKGROUNDS = {"Quotation": fill("lt2"), "Activity": f'<a:solidFill><a:srgbClr val="{ACTIVITY_BG}"/></a:solidFill>'}

# On dark layouts, map text/background roles so anything the builder adds
# (text boxes, links) is light-on-navy rather than dark-on-navy.
DARK_CLRMAP = (
    f'<p:clrMapOvr {nsdecls("a", "p")}><a:overrideClrMapping bg1="dk2" tx1="lt1" bg2="dk1" tx2="lt2"'
    ' accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5"'
    ' accent6="accent6" hlink="lt1" folHlink="lt2"/></p:clrMapOvr>'
)


def edit_layout(layout) -> None:
    sld_layout = layout._element
    cSld = sld_layout.find(qn("p:cSld"))
    name = cSld.get("name")
    old_bg = cSld.find(qn("p:bg"))
    if old_bg is not None:
        cSld.remove(old_bg)
    if name in DARK_LAYOUTS:
        cSld.insert(0, E(f'<p:bg {nsdecls("a", "p")}><p:bgPr>{fill("dk2")}<a:effectLst/></p:bgPr></p:bg>'))
        sld_layout.replace(sld_layout.find(qn("p:clrMapOvr")), E(DARK_CLRMAP))
    elif name in LAYOUT_BACKGROUNDS:
        cSld.insert(0, E(f'<p:bg {nsdecls("a", "p")}><p:bgPr>{LAYOUT_BACKGROUNDS[name]}<a:effectLst/></p:bgPr></p:bg>'))
    replace_shapes(cSld.find(qn("p:spTree")), BUILDERS[name]())


def add_layout(prs, model, name: str):
    """A new slide layout part: a copy of model's XML under a new name, linked to the master."""
    master = prs.slide_master
    element = copy.deepcopy(model._element)
    element.find(qn("p:cSld")).set("name", name)
    part = SlideLayoutPart(PackURI(f"/ppt/slideLayouts/new-{len(master.slide_layouts) + 1}.xml"),
                           CT.PML_SLIDE_LAYOUT, model.part.package, element)
    part.relate_to(master.part, RT.SLIDE_MASTER)
    r_id = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    id_lst = master._element.find(qn("p:sldLayoutIdLst"))
    next_id = max(int(el.get("id")) for el in id_lst) + 1
    id_lst.append(E(f'<p:sldLayoutId {nsdecls("p", "r")} id="{next_id}" r:id="{r_id}"/>'))
    return part.slide_layout


def prune_and_order_layouts(prs) -> None:
    layouts = prs.slide_layouts
    for layout in [lay for lay in layouts if lay.name not in LAYOUT_ORDER]:
        layouts.remove(layout)  # drops sldLayoutId, master relationship and the part

    by_name = {lay.name: lay for lay in layouts}
    for n in LAYOUT_ORDER:  # layouts python-pptx's default lacks: a copy of "Blank", renamed
        if n not in by_name:
            by_name[n] = add_layout(prs, by_name["Blank"], n)

    # reorder p:sldLayoutIdLst to LAYOUT_ORDER
    master = prs.slide_master
    id_lst = master._element.find(qn("p:sldLayoutIdLst"))
    el_by_name = {
        master.part.related_part(el.get(qn("r:id"))).slide_layout.name: el for el in id_lst
    }
    for el in list(id_lst):
        id_lst.remove(el)
    for n in LAYOUT_ORDER:
        id_lst.append(el_by_name[n])

    # contiguous part names in presentation order
    for i, n in enumerate(LAYOUT_ORDER, start=1):
        by_name[n].part.partname = PackURI(f"/ppt/slideLayouts/slideLayout{i}.xml")


# --------------------------------------------------------------------------
# Package-level tidy-up
# --------------------------------------------------------------------------


def drop_unneeded_parts(prs) -> None:
    """Drop the 4:3 Office thumbnail and the Mac printer-settings blob."""
    package = prs.part.package
    for rel in list(package.iter_rels()):
        if rel.reltype == RT.THUMBNAIL and rel.rId in package._rels:
            package.drop_rel(rel.rId)
    for rId, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rId)


def edit_presentation(prs) -> None:
    pres = prs.part._element
    sldSz = pres.find(qn("p:sldSz"))
    sldSz.set("cx", str(SLIDE_W))
    sldSz.set("cy", str(SLIDE_H))
    if "type" in sldSz.attrib:  # "screen4x3" would be wrong; widescreen has no type
        del sldSz.attrib["type"]
    dts = pres.find(qn("p:defaultTextStyle"))
    pres.replace(dts, E(other_levels("p:defaultTextStyle", " " + nsdecls("a", "p"))))


def set_core_properties(prs) -> None:
    cp = prs.core_properties
    cp.title = "workshop-builder default template"
    cp.author = "workshop-builder"
    cp.last_modified_by = "workshop-builder"
    cp.subject = ""
    cp.keywords = ""
    cp.category = ""
    cp.comments = "Default 16:9 template generated by tools/make_template.py"
    cp.language = LANG
    cp.revision = 1
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE


APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<TotalTime>0</TotalTime><Words>0</Words><Application>Microsoft Office PowerPoint</Application>"
    "<PresentationFormat>Widescreen</PresentationFormat><Paragraphs>0</Paragraphs><Slides>0</Slides>"
    "<Notes>0</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>"
    '<HeadingPairs><vt:vector size="4" baseType="variant">'
    "<vt:variant><vt:lpstr>Fonts used</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>"
    "<vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>"
    "</vt:vector></HeadingPairs>"
    f'<TitlesOfParts><vt:vector size="2" baseType="lpstr"><vt:lpstr>{FONT}</vt:lpstr>'
    f"<vt:lpstr>{THEME_NAME}</vt:lpstr></vt:vector></TitlesOfParts>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
).encode()


def edit_app_properties(prs) -> None:
    package = prs.part.package
    for rel in package.iter_rels():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part.blob = APP_XML


def normalise_zip(data: bytes) -> bytes:
    """Rewrite the archive with fixed timestamps/attributes so output is reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        # [Content_Types].xml first (as Office writes it), the rest sorted
        names = sorted(names, key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, src.read(name), compresslevel=9)
    return out.getvalue()


# --------------------------------------------------------------------------


def build() -> bytes:
    prs = Presentation()  # python-pptx's built-in default (4:3 "Office Theme") template
    prs.slide_width = SLIDE_W
    prs.slide_height = SLIDE_H

    prune_and_order_layouts(prs)
    master = prs.slide_master
    edit_master(master)
    for layout in master.slide_layouts:
        edit_layout(layout)
    edit_theme(master.part.part_related_by(RT.THEME))
    edit_presentation(prs)
    drop_unneeded_parts(prs)
    set_core_properties(prs)
    edit_app_properties(prs)

    buf = io.BytesIO()
    prs.save(buf)
    return normalise_zip(buf.getvalue())


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
