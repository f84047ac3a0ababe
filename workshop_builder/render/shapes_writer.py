"""Native, editable PowerPoint charts and diagrams from the presentation model's Chart and Diagram.

The deck writer (pptx_writer.py) hands each one the box it may fill. A chart is python-pptx's
chart with its embedded workbook (the data stays editable in PowerPoint), in the theme's accent
colours, with data labels, value axes from zero and the source line under it; a diagram is
rounded rectangles joined by arrow connectors, in a named group, each step with its alt text,
in reading order. Both carry a description for screen readers (presentation.py writes it).
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree as lxml_etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from .diagram_layout import arrow_path, diagram_geometry, diagram_size
from .fit import EMU_PER_PT, LINE_FACTOR
from .presentation import Chart, Diagram

CHART_FONT_PT = 18
SOURCE_PT = 18
KINDS = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
         "line": XL_CHART_TYPE.LINE_MARKERS, "pie": XL_CHART_TYPE.PIE}


def number_format(chart: Chart) -> str:
    """The Excel number format of a chart's figures: thousands separated, decimals when any has them."""
    decimals = any(not float(v).is_integer() for s in chart.series for v in s.values)
    fmt = "#,##0.0" if decimals else "#,##0"
    return fmt + ('"%"' if chart.unit == "%" else "")


def _steady_workbook(blob: bytes, when) -> bytes:
    """The embedded workbook with the build's time in place of now (XlsxWriter stamps the clock into
    docProps/core.xml), its zip members dated alike: the same sources give the same deck."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp.encode(), data)
            member = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            dest.writestr(member, data)
    return out.getvalue()


def write_chart(slide, box, chart: Chart, language: str = "en-GB", when=None) -> None:
    """A native chart filling box (left, top, width, height), its source line under it; `when`
    (the build's time) dates its embedded workbook."""
    left, top, width, height = box
    source_h = Emu(int(SOURCE_PT * LINE_FACTOR * 2 * EMU_PER_PT)) if chart.citation else 0
    data = CategoryChartData(number_format=number_format(chart))
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(series.name, list(series.values))
    frame = slide.shapes.add_chart(KINDS[chart.kind], left, top, width, Emu(height - source_h), data)
    c_nv_pr = frame._element.nvGraphicFramePr.cNvPr
    c_nv_pr.set("name", f"Chart: {chart.title or chart.kind}"[:60])
    c_nv_pr.set("descr", chart.description)
    native = frame.chart
    if when is not None:
        workbook = native.part.chart_workbook
        workbook.update_from_xlsx_blob(_steady_workbook(workbook.xlsx_part.blob, when))
    native.font.size = Pt(CHART_FONT_PT)
    native.has_title = bool(chart.title)
    if chart.title:
        native.chart_title.text_frame.text = chart.title
        for run in native.chart_title.text_frame.paragraphs[0].runs:
            run.font.size, run.font.bold = Pt(CHART_FONT_PT + 2), True
    several = len(chart.series) > 1
    native.has_legend = several  # a pie's slices carry their category names: labels on the data, no legend
    if native.has_legend:
        native.legend.position = XL_LEGEND_POSITION.BOTTOM
        native.legend.include_in_layout = False
    plot = native.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = number_format(chart), False
    labels.font.size = Pt(CHART_FONT_PT)
    if chart.kind == "pie":
        labels.show_category_name = True
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        plot.vary_by_categories = True
    else:
        plot.vary_by_categories = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END if chart.kind != "line" else XL_LABEL_POSITION.ABOVE
        axis = native.value_axis
        axis.minimum_scale = 0  # bars from zero: the length of a bar is its figure
        axis.has_major_gridlines = False
        axis.tick_labels.font.size = Pt(CHART_FONT_PT)
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = number_format(chart), False
        axis.visible = False  # the data labels carry the figures
        native.category_axis.tick_labels.font.size = Pt(CHART_FONT_PT)
        if chart.kind in ("bar", "column"):
            plot.gap_width = 60
        if chart.kind == "bar":  # categories top to bottom in the table's order
            native.category_axis.reverse_order = True
    for n, series in enumerate(plot.series):
        if chart.kind == "line":
            series.format.line.width = Pt(3.5)
        if chart.kind != "pie":
            fill = series.format.fill if chart.kind != "line" else series.format.line.fill
            fill.solid()
            fill.fore_color.theme_color = (MSO_THEME_COLOR.ACCENT_1, MSO_THEME_COLOR.ACCENT_2,
                                           MSO_THEME_COLOR.ACCENT_3, MSO_THEME_COLOR.ACCENT_4)[n % 4]
    if chart.citation:
        _text_box(slide, (left, Emu(top + height - source_h), width, source_h), chart.citation, SOURCE_PT,
                  "Chart source", language)


def _text_box(slide, box, text: str, size_pt: int, name: str, language: str):
    left, top, width, height = box
    shape = slide.shapes.add_textbox(left, top, width, height)
    shape.name = name
    tf = shape.text_frame
    tf.word_wrap = True
    run = tf.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size_pt)
    run.font.color.theme_color = MSO_THEME_COLOR.TEXT_1
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", language)
    return shape


def write_diagram(slide, box, diagram: Diagram) -> None:
    """Steps as rounded rectangles joined by arrows, grouped and named, in reading order."""
    left, top, width, height = box
    geometry = diagram_geometry(diagram, width, height)
    size = diagram_size(diagram, geometry[0][2], geometry[0][3]) or 18
    group = slide.shapes.add_group_shape()
    what = "Cycle" if diagram.kind == "cycle" else "Process"
    group.name = f"{what} diagram: {diagram.name}"[:80] if diagram.name else f"{what} diagram"
    group._element.nvGrpSpPr.cNvPr.set("descr", diagram.description)
    # python-pptx fits the group's box round all its shapes after every shape it adds (O(n²)): fitted
    # once, after the last, it is the same box
    shapes = group.shapes
    shapes._recalculate_extents = lambda: None
    n = len(diagram.steps)
    placed = [(left + x, top + y, w, h) for x, y, w, h in geometry]
    for i, step in enumerate(diagram.steps):
        x, y, w, h = placed[i]
        shape = group.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(x), Emu(y), Emu(w), Emu(h))
        shape.name = f"Step {i + 1}"
        shape._element.nvSpPr.cNvPr.set("descr", f"Step {i + 1} of {n}: {step}")
        shape.fill.solid()
        shape.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
        shape.line.fill.background()
        shape.shadow.inherit = False
        tf = shape.text_frame
        tf.word_wrap = True
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE
        para = tf.paragraphs[0]
        para.alignment = PP_ALIGN.CENTER
        run = para.add_run()
        run.text = step
        run.font.size, run.font.bold = Pt(size), True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        if i + 1 < n or diagram.kind == "cycle":
            _arrow(group, diagram, placed[i], placed[(i + 1) % n], i + 1, (i + 1) % n + 1)
    del shapes._recalculate_extents
    shapes._recalculate_extents()


def _arrow(group, diagram: Diagram, a, b, start: int, end: int) -> None:
    """An arrow from step a to step b: a straight connector between neighbours, a bent line from one
    row to the next (decorative either way: the steps' alt text says the order)."""
    points = [(int(x), int(y)) for x, y in arrow_path(diagram, a, b, pad=60000)]
    if len(points) == 2:
        (x1, y1), (x2, y2) = points
        line = group.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(x1), Emu(y1), Emu(x2), Emu(y2))
        c_nv_pr = line._element.nvCxnSpPr.cNvPr
        ln = line.line._get_or_add_ln()
    else:
        builder = group.shapes.build_freeform(points[0][0], points[0][1], scale=1.0)
        builder.add_line_segments(points[1:], close=False)
        line = builder.convert_to_shape()
        line.fill.background()
        c_nv_pr = line._element.nvSpPr.cNvPr
        ln = line.line._get_or_add_ln()
    line.name = f"Arrow from step {start} to step {end}"
    line.line.width = Pt(3)
    line.line.fill.solid()
    line.line.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_2
    lxml_etree.SubElement(ln, qn("a:tailEnd"), type="triangle", w="med", len="med")
    c_nv_pr.set("descr", "")
    ext_lst = lxml_etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = lxml_etree.SubElement(ext_lst, qn("a:ext"), uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    lxml_etree.SubElement(ext, "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative", val="1")
