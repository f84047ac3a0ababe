"""Charts and diagrams as accessible SVG (HTML handouts and HTML slides) and as PNG (Word handouts).

Pure functions of the presentation model's Chart and Diagram (presentation.py), so every
output draws the same thing the deck does: bars from zero with a data label on each, the
source line under the chart, steps joined by arrows. The SVG is role="img" with a <title> and
a <desc> (the chart's description, every figure in words); a diagram's steps follow it as an
ordered list for screen readers. The handouts print the chart's data table beneath it
(`chart_table_rows`).
"""

from __future__ import annotations

import html
import io
import math
import re
from html import escape

from .diagram_layout import arrow_path, diagram_geometry
from .presentation import Chart, Diagram

PALETTE = ("#0B3C5D", "#00756A", "#B3261E", "#5A3E85")  # the default template's accents 1-4
TEXT = "#1A1A1A"
MUTED = "#535353"
FONT = "Arial, 'Liberation Sans', sans-serif"
WIDTH, HEIGHT = 720, 400


def _x(text) -> str:
    return escape(str(text), quote=True)


def chart_table_rows(chart: Chart) -> list:
    """The chart's data as table rows of strings, the header first: what handouts print beneath it."""
    rows = [[chart.category_name or "Category"] + [s.name for s in chart.series]]
    for i, category in enumerate(chart.categories):
        rows.append([category] + [chart.figure(s.values[i]) for s in chart.series])
    return rows


def chart_svg(chart: Chart, ident: str = "chart", height: int = HEIGHT) -> str:
    """An accessible SVG drawing of a chart: role="img", <title>, <desc>, bars from zero, data labels
    (`height`: the drawing's height for its width of 720, to fill a box of another shape)."""
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    top = 40 if chart.title else 12
    bottom = height - (64 if chart.citation else 36) - (24 if len(chart.series) > 1 else 0)
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
              f'width="100%" aria-labelledby="{title_id} {desc_id}" font-family="{FONT}">'),
             f'<title id="{title_id}">{_x(chart.title or "Chart")}</title>',
             f'<desc id="{desc_id}">{_x(chart.description)}</desc>']
    if chart.title:
        parts.append(f'<text x="{WIDTH / 2}" y="26" text-anchor="middle" font-size="20" font-weight="bold" '
                     f'fill="{TEXT}">{_x(chart.title)}</text>')
    if chart.kind == "pie":
        parts += _pie(chart, top, bottom)
    elif chart.kind == "bar":
        parts += _horizontal(chart, top, bottom)
    else:
        parts += _vertical(chart, top, bottom)
    if len(chart.series) > 1:
        x = 20
        for n, series in enumerate(chart.series):
            parts.append(f'<rect x="{x}" y="{bottom + 26}" width="14" height="14" fill="{PALETTE[n % 4]}"/>')
            parts.append(f'<text x="{x + 20}" y="{bottom + 38}" font-size="16" fill="{TEXT}">{_x(series.name)}</text>')
            x += 40 + 9 * len(series.name)
    if chart.citation:
        parts.append(f'<text x="20" y="{height - 14}" font-size="16" fill="{MUTED}">{_x(chart.citation)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _top_value(chart: Chart) -> float:
    return max([v for s in chart.series for v in s.values] + [0.0]) or 1.0


def _vertical(chart: Chart, top: float, bottom: float) -> list:
    """Columns (or a line) rising from a zero baseline, each labelled with its figure."""
    out = []
    left, right = 20, WIDTH - 20
    height = bottom - top - 24
    peak = _top_value(chart)
    n_cat, n_ser = len(chart.categories), len(chart.series)
    slot = (right - left) / max(n_cat, 1)
    base = bottom - 24
    out.append(f'<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" stroke="{MUTED}" stroke-width="1"/>')
    for i, category in enumerate(chart.categories):
        cx = left + slot * (i + 0.5)
        out.append(f'<text x="{cx:.1f}" y="{bottom - 4}" text-anchor="middle" font-size="16" fill="{TEXT}">'
                   f'{_x(category)}</text>')
    for n, series in enumerate(chart.series):
        colour = PALETTE[n % 4]
        points = []
        for i, value in enumerate(series.values):
            h = max(value, 0) / peak * (height - 24)
            if chart.kind == "line":
                cx, cy = left + slot * (i + 0.5), base - h
                points.append(f"{cx:.1f},{cy:.1f}")
                out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{colour}"/>')
                out.append(f'<text x="{cx:.1f}" y="{cy - 10:.1f}" text-anchor="middle" font-size="15" '
                           f'fill="{TEXT}">{_x(chart.figure(value))}</text>')
                continue
            bar_w = slot * 0.7 / n_ser
            x = left + slot * i + slot * 0.15 + n * bar_w
            out.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}"/>')
            out.append(f'<text x="{x + bar_w / 2:.1f}" y="{base - h - 6:.1f}" text-anchor="middle" font-size="15" '
                       f'fill="{TEXT}">{_x(chart.figure(value))}</text>')
        if points:
            out.insert(1, f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="3"/>')
    return out


def _horizontal(chart: Chart, top: float, bottom: float) -> list:
    """Bars growing right from a zero line, categories down the left, each labelled with its figure."""
    out = []
    label_w = 20 + 9 * max((len(c) for c in chart.categories), default=4)
    left, right = label_w + 10, WIDTH - 90
    peak = _top_value(chart)
    n_cat, n_ser = len(chart.categories), len(chart.series)
    slot = (bottom - top) / max(n_cat, 1)
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="{MUTED}" stroke-width="1"/>')
    for i, category in enumerate(chart.categories):
        out.append(f'<text x="{left - 8}" y="{top + slot * (i + 0.5) + 5:.1f}" text-anchor="end" font-size="16" '
                   f'fill="{TEXT}">{_x(category)}</text>')
        for n, series in enumerate(chart.series):
            bar_h = slot * 0.7 / n_ser
            y = top + slot * i + slot * 0.15 + n * bar_h
            w = max(series.values[i], 0) / peak * (right - left)
            out.append(f'<rect x="{left}" y="{y:.1f}" width="{w:.1f}" height="{bar_h:.1f}" fill="{PALETTE[n % 4]}"/>')
            out.append(f'<text x="{left + w + 6:.1f}" y="{y + bar_h / 2 + 5:.1f}" font-size="15" fill="{TEXT}">'
                       f'{_x(chart.figure(series.values[i]))}</text>')
    return out


def _pie(chart: Chart, top: float, bottom: float) -> list:
    """One series as slices clockwise from the top, each labelled with its category and figure."""
    out = []
    values = [max(v, 0) for v in chart.series[0].values]
    total = sum(values) or 1.0
    r = (bottom - top) / 2 - 30
    cx, cy = WIDTH / 2, (top + bottom) / 2
    angle = -math.pi / 2
    for i, value in enumerate(values):
        sweep = 2 * math.pi * value / total
        x1, y1 = cx + r * math.cos(angle), cy + r * math.sin(angle)
        x2, y2 = cx + r * math.cos(angle + sweep), cy + r * math.sin(angle + sweep)
        large = 1 if sweep > math.pi else 0
        out.append(f'<path d="M{cx:.1f},{cy:.1f} L{x1:.1f},{y1:.1f} A{r:.1f},{r:.1f} 0 {large} 1 {x2:.1f},{y2:.1f} Z" '
                   f'fill="{PALETTE[i % 4]}" stroke="#FFFFFF" stroke-width="2"/>')
        mid = angle + sweep / 2
        lx, ly = cx + (r + 16) * math.cos(mid), cy + (r + 16) * math.sin(mid)
        anchor = "start" if math.cos(mid) >= 0 else "end"
        out.append(f'<text x="{lx:.1f}" y="{ly + 5:.1f}" text-anchor="{anchor}" font-size="15" fill="{TEXT}">'
                   f'{_x(chart.categories[i])} {_x(chart.figure(chart.series[0].values[i]))}</text>')
        angle += sweep
    return out


def diagram_svg(diagram: Diagram, ident: str = "diagram", height: int = 300, size: int = 16) -> str:
    """A diagram as SVG (role="img", <title>, <desc>) followed by its steps as an ordered list
    (`height`: the drawing's height for its width of 720; `size`: the steps' type size)."""
    geometry = diagram_geometry(diagram, WIDTH, height)
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    what = "Cycle" if diagram.kind == "cycle" else "Process"
    parts = [f'<figure class="diagram diagram-{diagram.kind}">',
             (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
              f'aria-labelledby="{title_id} {desc_id}" font-family="{FONT}">'),
             f'<title id="{title_id}">{_x(diagram.name or what)}</title>',
             f'<desc id="{desc_id}">{_x(diagram.description)}</desc>',
             '<defs><marker id="' + ident + '-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
             'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 Z" fill="#00756A"/></marker></defs>']
    n = len(diagram.steps)
    for i, (x, y, w, h) in enumerate(geometry):
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="12" fill="{PALETTE[0]}"/>')
        parts.append(_wrapped(diagram.steps[i], x + w / 2, y + h / 2, w - 12, size))
        if i + 1 < n or diagram.kind == "cycle":
            a, b = geometry[i], geometry[(i + 1) % n]
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in arrow_path(diagram, a, b, pad=6))
            parts.append(f'<polyline points="{points}" fill="none" stroke="#00756A" '
                         f'stroke-width="3" marker-end="url(#{ident}-arrow)"/>')
    parts.append("</svg>")
    parts.append('<ol class="diagram-steps">' + "".join(f"<li>{_x(step)}</li>" for step in diagram.steps) + "</ol>")
    parts.append("</figure>")
    return "".join(parts)


def _wrapped(text: str, cx: float, cy: float, width: float, size: int = 16) -> str:
    """Centred white text broken into lines that fit width (about 0.55 em a character)."""
    per_line = max(int(width / (size * 0.55)), 4)
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > per_line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    first = cy - (len(lines) - 1) * size * 0.6 + size * 0.35
    spans = "".join(f'<tspan x="{cx:.1f}" y="{first + i * size * 1.2:.1f}">{_x(t)}</tspan>'
                    for i, t in enumerate(lines))
    return f'<text text-anchor="middle" font-size="{size}" font-weight="bold" fill="#FFFFFF" aria-hidden="true">{spans}</text>'


def chart_png(chart: Chart, width: int = 1440, height: int = 800) -> bytes:
    """The chart drawn with Pillow as PNG bytes (for Word, which takes no SVG): the same bars, labels,
    title and source line as chart_svg, at twice its size."""
    from PIL import Image, ImageDraw, ImageFont

    from .measure import fonts_dir

    k = width / WIDTH
    image = Image.new("RGB", (width, int(HEIGHT * k)), "white")
    draw = ImageDraw.Draw(image)
    fonts = {}

    def font(size: float, bold: bool = False):
        key = (round(size * k), bold)
        if key not in fonts:
            name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
            fonts[key] = ImageFont.truetype(str(fonts_dir() / name), key[0])
        return fonts[key]

    svg = chart_svg(chart)
    for m in re.finditer(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="(#\w+)"', svg):
        x, y, w, h = (float(v) * k for v in m.groups()[:4])
        draw.rectangle((x, y, x + w, y + h), fill=m.group(5))
    if chart.kind == "pie":
        top = 40 if chart.title else 12
        bottom = HEIGHT - (64 if chart.citation else 36)
        r = (bottom - top) / 2 - 30
        cx, cy = WIDTH / 2, (top + bottom) / 2
        total = sum(max(v, 0) for v in chart.series[0].values) or 1.0
        start = -90.0
        for i, value in enumerate(chart.series[0].values):
            sweep = 360 * max(value, 0) / total
            draw.pieslice(((cx - r) * k, (cy - r) * k, (cx + r) * k, (cy + r) * k), start, start + sweep,
                          fill=PALETTE[i % 4], outline="white", width=int(2 * k))
            start += sweep
    for m in re.finditer(r'<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"', svg):
        draw.line(tuple(float(v) * k for v in m.groups()), fill=MUTED, width=max(int(k), 1))
    for m in re.finditer(r'<polyline points="([^"]+)" fill="none" stroke="(#\w+)"', svg):
        pts = [tuple(float(v) * k for v in p.split(",")) for p in m.group(1).split()]
        draw.line(pts, fill=m.group(2), width=int(3 * k))
    for m in re.finditer(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)" fill="(#\w+)"', svg):
        x, y, r = (float(v) * k for v in m.groups()[:3])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=m.group(4))
    for m in re.finditer(r'<text x="([\d.]+)" y="([\d.]+)"(?: text-anchor="(\w+)")? font-size="(\d+)"'
                         r'( font-weight="bold")? fill="(#\w+)">([^<]*)</text>', svg):
        x, y = float(m.group(1)) * k, float(m.group(2)) * k
        anchor = {"middle": "ms", "end": "rs"}.get(m.group(3) or "", "ls")
        draw.text((x, y), html.unescape(m.group(7)), fill=m.group(6), font=font(float(m.group(4)), bool(m.group(5))),
                  anchor=anchor)
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def diagram_png(diagram: Diagram, width: int = 1440) -> bytes:
    """The diagram drawn with Pillow as PNG bytes (for Word): diagram_svg's steps, arrows and
    text at twice its size, cropped to the shapes."""
    from PIL import Image, ImageDraw, ImageFont

    from .measure import fonts_dir

    k = width / WIDTH
    svg = diagram_svg(diagram)
    boxes = [tuple(float(v) for v in m.groups()) for m in
             re.finditer(r'<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)" rx', svg)]
    top = max(0.0, min(y for _, y, _, _ in boxes) - 12)
    bottom = min(300.0, max(y + h for _, y, _, h in boxes) + 12)
    image = Image.new("RGB", (width, int((bottom - top) * k)), "white")
    draw = ImageDraw.Draw(image)

    def at(x: float, y: float) -> tuple:
        return x * k, (y - top) * k

    for x, y, w, h in boxes:
        draw.rounded_rectangle((*at(x, y), *at(x + w, y + h)), radius=12 * k, fill=PALETTE[0])
    for m in re.finditer(r'<polyline points="([^"]+)"', svg):
        pts = [at(*(float(v) for v in p.split(","))) for p in m.group(1).split()]
        (x1, y1), (x2, y2) = pts[-2], pts[-1]
        angle, head = math.atan2(y2 - y1, x2 - x1), 9 * k
        tip = (x2, y2)
        back = (x2 - head * 1.6 * math.cos(angle), y2 - head * 1.6 * math.sin(angle))
        draw.line(pts[:-1] + [back], fill="#00756A", width=int(3 * k))
        draw.polygon([tip, (back[0] + head * math.sin(angle), back[1] - head * math.cos(angle)),
                      (back[0] - head * math.sin(angle), back[1] + head * math.cos(angle))], fill="#00756A")
    font = ImageFont.truetype(str(fonts_dir() / "LiberationSans-Bold.ttf"), round(16 * k))
    for m in re.finditer(r'<tspan x="([\d.-]+)" y="([\d.-]+)">([^<]*)</tspan>', svg):
        draw.text(at(float(m.group(1)), float(m.group(2))), html.unescape(m.group(3)), fill="white", font=font,
                  anchor="ms")
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True)
    return buf.getvalue()
