"""The handout model's blocks as safe HTML, for the handout templates.

Only known elements and attributes are written; all text is escaped, so raw HTML in a
module can never become live markup. Images are embedded as data URIs (one self-contained
file); citations become numbered links to the reference list. The layout (a newline after
each block, as Python-Markdown writes it) keeps the pages as they were.

The slide vocabulary: a chart is svg.py's accessible SVG (role="img", title, desc) with its
source line and its data table (caption, th scopes) beneath; a diagram is svg.py's SVG with
its steps as an ordered list (shown to screen readers only); big numbers, columns and
quotations are plain HTML that handout.css lays out (side by side on a wide page, stacked on
a narrow one).
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from markupsafe import Markup

from ..links import safe_href
from ..pictures import mime_type
from . import handout_wording as say
from .handout_model import (
    BulletList,
    ChartBlock,
    Citation,
    CodeBlock,
    ColumnsBlock,
    DiagramBlock,
    FootnoteRef,
    Fragment,
    Heading,
    LineBreak,
    ListItem,
    Paragraph,
    Picture,
    QuotationBlock,
    Quote,
    Rule,
    Run,
    Span,
    StatsBlock,
    Table,
    fragments,
)

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved

ALLOWED = {"p", "ul", "ol", "li", "strong", "em", "code", "pre", "a", "table", "thead", "tbody",
           "tr", "th", "td", "img", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "cite", "div"}
VOID = {"img", "br", "hr"}


NUM = ' class="num"'  # a figure column: right-aligned


class HtmlWriter:
    """Serialises the handout model's fragments; images are embedded once per handout."""

    def __init__(self, resolved: Optional[Resolved] = None, heading_offset: int = 1):
        self.resolved = resolved  # only for templates that still pass a module's raw Blocks
        self.heading_offset = heading_offset
        self._images: dict = {}

    def blocks(self, content, module_id: str = "") -> Markup:
        """HTML for a tuple of Fragments (or, from older project templates, a module's Blocks)."""
        content = list(content)
        if content and not isinstance(content[0], Fragment):
            if self.resolved is None:
                raise TypeError("HtmlWriter.blocks() of a module's Blocks needs the resolved workshop")
            content = list(fragments(self.resolved, content, module_id))
        return Markup("".join(self._fragment(f) for f in content))

    def _fragment(self, fragment: Fragment) -> str:
        """One fragment's blocks."""
        return self._flow(fragment.blocks)

    def _flow(self, blocks) -> str:
        """Blocks as Python-Markdown lays them out: a newline before the first and after each."""
        if not blocks:
            return ""
        return "\n" + "".join(self.block(b) + "\n" for b in blocks)

    def block(self, block) -> str:
        """One block."""
        if isinstance(block, Paragraph):
            if block.tag not in ALLOWED:  # an unknown element: its text only
                return "".join(escape(r.text, quote=False) for r in block.runs if isinstance(r, Run))
            return self._wrap(block.tag, self.runs(block.runs))
        if isinstance(block, Heading):
            return self._wrap(f"h{block.level}", self.runs(block.runs))
        if isinstance(block, BulletList):
            items = "".join(self._item(i) + "\n" for i in block.items)
            start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
            return self._wrap("ol" if block.ordered else "ul", "\n" + items if items else "", start)
        if isinstance(block, Table):
            return self._table(block)
        if isinstance(block, CodeBlock):
            return f'<pre class="code"><code>{self._code(block)}</code></pre>'
        if isinstance(block, Quote):
            return f"<blockquote>{self._flow(block.blocks)}</blockquote>"
        if isinstance(block, Rule):
            return "<hr>"
        if isinstance(block, ChartBlock):
            return self._chart(block)
        if isinstance(block, DiagramBlock):
            return self._diagram(block)
        if isinstance(block, StatsBlock):
            return self._stats(block)
        if isinstance(block, ColumnsBlock):
            columns = "".join(f'<div class="column{f" tone tone-{block.tone(n)}" if block.tone(n) else ""}">'
                              f'{self._flow(column)}</div>' for n, column in enumerate(block.columns))
            return f'<div class="columns columns-{len(block.columns)}">{columns}</div>'
        if isinstance(block, QuotationBlock):
            return (f'<figure class="quotation"><blockquote>{self._flow(block.blocks)}</blockquote>'
                    f'<figcaption>— {self.runs(block.attribution)}</figcaption></figure>')
        raise TypeError(f"not a handout block: {block!r}")

    # ---- the slide vocabulary ----
    def _chart(self, block: ChartBlock) -> str:
        """The chart as SVG, its source line (linked to the references) and its data table."""
        from dataclasses import replace

        from .svg import chart_svg, chart_table_rows

        chart = block.chart
        svg = chart_svg(replace(chart, citation=""), block.ident)  # the source line is HTML text under it
        source = (f'<figcaption class="source">{escape(chart.citation, quote=False)}'
                  f'{self._refs(block.numbers)}</figcaption>') if chart.citation else ""
        rows = chart_table_rows(chart)
        caption = say.CHART_TABLE_CAPTION.format(title=chart.title or say.CHART_UNTITLED)
        if chart.unit and chart.unit != "%":
            caption += say.CHART_TABLE_UNIT.format(unit=chart.unit)
        head = "".join(f'<th scope="col"{NUM if i else ""}>{escape(c, quote=False)}</th>' for i, c in enumerate(rows[0]))
        body = "".join("<tr>" + f'<th scope="row">{escape(row[0], quote=False)}</th>'
                       + "".join(f'<td class="num">{escape(v, quote=False)}</td>' for v in row[1:]) + "</tr>\n"
                       for row in rows[1:])
        table = (f'<table class="chart-data" id="{escape(block.ident)}-data"><caption>{escape(caption, quote=False)}'
                 f'</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>')
        return f'<figure class="chart chart-{chart.kind}">{svg}{source}</figure>\n{table}'

    @staticmethod
    def _diagram(block: DiagramBlock) -> str:
        """The diagram's SVG and steps, its drawing cropped to its shapes (a row of steps would
        otherwise sit in a band of empty page)."""
        from .diagram_layout import diagram_geometry
        from .svg import WIDTH, diagram_svg

        height = 300  # diagram_svg's drawing height
        out = diagram_svg(block.diagram, block.ident)
        boxes = diagram_geometry(block.diagram, WIDTH, height)
        top = max(0.0, min(y for _, y, _, _ in boxes) - 12)
        bottom = min(float(height), max(y + h for _, y, _, h in boxes) + 12)
        return out.replace(f'viewBox="0 0 {WIDTH} {height}"', f'viewBox="0 {top:.1f} {WIDTH} {bottom - top:.1f}"', 1)

    def _stats(self, block: StatsBlock) -> str:
        """Big numbers side by side: the figure, its label and its citation."""
        out = []
        for item in block.items:
            stat = item.stat
            source = ""
            if stat.citation or item.numbers:
                source = (f'<p class="stat-source">{escape(stat.citation, quote=False)}'
                          f'{self._refs(item.numbers)}</p>')
            out.append(f'<div class="stat"><p class="stat-figure">{escape(stat.figure, quote=False)}</p>'
                       f'<p class="stat-label">{escape(stat.label, quote=False)}</p>{source}</div>')
        return f'<div class="stats stats-{len(block.items)}">{"".join(out)}</div>'

    @staticmethod
    def _refs(numbers) -> str:
        """Reference numbers as the citation links text shows them (nothing for none)."""
        links = ", ".join(f'<a href="#ref-{n}">{n}</a>' for n in numbers)
        return f'\u00a0<sup class="cite">[{links}]</sup>' if links else ""  # kept with the words before it

    @staticmethod
    def _code(block: CodeBlock) -> str:
        """A code block's text, each coloured piece in a span (its language is never shown)."""
        out = []
        for run in block.runs:
            text = escape(run.text, quote=False)
            out.append(f'<span style="color:#{run.colour}">{text}</span>' if run.colour else text)
        return "".join(out)

    def footnotes(self, module) -> Markup:
        """A module's footnotes as a numbered list under their heading (nothing when it has none)."""
        if not getattr(module, "footnotes", ()):
            return Markup("")
        items = "".join(f'<li id="fn-{escape(n.module_id)}-{n.number}" value="{n.number}">{self._flow(n.blocks)}</li>\n'
                        for n in module.footnotes)
        return Markup(f'<div class="footnotes"><p class="label">{escape(module.footnotes_heading)}</p>'
                      f"<ol>\n{items}</ol></div>")

    def _item(self, item: ListItem) -> str:
        """A list item: its text, then paragraphs and nested lists each followed by a newline."""
        out = [self.runs(item.runs)]
        for child in item.children:
            out.append(self.runs(child.runs) if isinstance(child, Span) else self.block(child) + "\n")
        return f"<li>{''.join(out)}</li>"

    def _table(self, table: Table) -> str:
        """A table with its header and body sections, laid out as Python-Markdown writes it."""
        sections = []
        for head in (True, False):
            rows = [r for r in table.rows if r.head == head]
            cells = ("<tr>\n" + "".join(self._cell(c) + "\n" for c in r.cells) + "</tr>" for r in rows)
            inner = "".join(c + "\n" for c in cells)
            sections.append(f"<{'thead' if head else 'tbody'}>{chr(10) + inner if inner else ''}"
                            f"</{'thead' if head else 'tbody'}>\n")
        return "<table>\n" + "".join(sections) + "</table>"

    def _cell(self, cell) -> str:
        """A th (with scope) or td, with its alignment class."""
        tag = "th" if cell.header else "td"
        attrs = f' class="align-{cell.align}"' if cell.align else ""
        if cell.header:
            attrs += ' scope="col"'
        return f"<{tag}{attrs}>{self.runs(cell.runs)}</{tag}>"

    def _wrap(self, tag: str, inner: str, attrs: str = "") -> str:
        """An element around inner HTML; headings move down by heading_offset levels."""
        if tag[0] == "h" and tag[1:].isdigit():
            tag = f"h{min(6, int(tag[1:]) + self.heading_offset)}"
        return f"<{tag}{attrs}>{inner}</{tag}>"

    # ---- inline content ----
    def runs(self, runs) -> str:
        """Inline items, rebuilding the nesting of the elements (marks) around them."""
        out: list = []
        i = 0
        while i < len(runs):
            i = self._nest(runs, i, 0, out)
        return "".join(out)

    def _nest(self, runs, i: int, depth: int, out: list) -> int:
        """Write runs[i] and every following run inside the same mark at depth; the next index."""
        marks = runs[i].marks
        if len(marks) <= depth:
            out.append(self._leaf(runs[i]))
            return i + 1
        mark = marks[depth]
        if mark.tag not in ALLOWED:  # an unknown element: its text only
            j = i
            while j < len(runs) and len(runs[j].marks) > depth and runs[j].marks[depth] == mark:
                if isinstance(runs[j], Run):
                    out.append(escape(runs[j].text, quote=False))
                j += 1
            return j
        inner: list = []
        j = i
        while j < len(runs) and len(runs[j].marks) > depth and runs[j].marks[depth] == mark:
            j = self._nest(runs, j, depth + 1, inner)
        out.append(self._mark(mark, "".join(inner)))
        return j

    def _mark(self, mark, inner: str) -> str:
        """The element a mark stands for, around its inner HTML (a div adds nothing)."""
        tag = mark.tag
        if tag == "div":
            return inner
        attrs = ""
        href = safe_href(mark.href) if tag == "a" else None  # the last gate: only http, https, mailto, tel
        if href:
            attrs = f' href="{escape(href)}"'
        elif tag in ("th", "td"):
            attrs = f' class="align-{mark.align}"' if mark.align else ""
            if tag == "th":
                attrs += ' scope="col"'
        if tag in VOID:
            return f"<{tag}{attrs}>"
        return self._wrap(tag, inner, attrs)

    def _leaf(self, item) -> str:
        """One inline item that is not a mark: text, a line break, a citation or a picture."""
        if isinstance(item, Run):
            return escape(item.text, quote=False)
        if isinstance(item, LineBreak):
            return "<br>"
        if isinstance(item, Citation):
            links = ", ".join(f'<a href="#ref-{n}">{n}</a>' for n in item.numbers)
            return f'<sup class="cite">[{links}]</sup>' if links else ""
        if isinstance(item, Picture):
            return self.picture(item)
        if isinstance(item, FootnoteRef):
            return (f'<sup class="fn"><a href="#fn-{escape(item.module_id)}-{item.number}">{item.number}</a></sup>')
        raise TypeError(f"not inline handout content: {item!r}")

    # ---- images ----
    def image_uri(self, path) -> str:
        """A data URI for an image file (embedded once per handout)."""
        path = str(path)
        if path not in self._images:
            data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
            self._images[path] = f"data:{mime_type(path)};base64,{data}"
        return self._images[path]

    def picture(self, picture: Picture) -> str:
        """An embedded <img>, or the alt text when the file is missing."""
        alt = escape(picture.alt)
        if not picture.path:
            return f'<span class="missing-image">{alt}</span>'
        width = f' style="width:{round(picture.width * 100, 1):g}%"' if picture.width else ""
        return f'<img src="{self.image_uri(picture.path)}" alt="{alt}"{width}>'
