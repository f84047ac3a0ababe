"""The slide vocabulary in the handouts: charts, diagrams, big numbers, columns and quotations.

tests/projects/visual (one slide of every kind) is built in every handout format and reopened:
the HTML with html.parser, the Word handout with python-docx. The HTML must carry each chart
as an accessible SVG with its data table, each diagram as an SVG with its steps in order, the
big numbers, the columns side by side and the quotation with its attribution; the Word handout
the chart picture with its description as alt text and its table, the steps, the figures.
The clients-marked tests print the PDF handouts with Chromium and run axe-core on the HTML.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from conftest import run
from helpers import CLIENTS, need, need_node_packages

from workshop_builder.checks import check_project
from workshop_builder.checks.accessibility import _Page
from workshop_builder.loader import load_project
from workshop_builder.render.handout_model import (
    ChartBlock,
    DiagramBlock,
    StatsBlock,
    build_handout,
)
from workshop_builder.resolver import resolve

HERE = Path(__file__).parent
SAMPLE = HERE / "projects" / "visual"
HANDOUTS = ("facilitator", "participant", "facilitator-docx", "participant-docx")
KINDS = ("facilitator", "participant")
NRM = [["Year", "Referrals"], ["2021", "12,706"], ["2022", "16,921"], ["2023", "17,004"], ["2024", "19,125"]]
AGES = [["Year", "Children", "Adults"], ["2023", "7,432", "9,572"], ["2024", "8,710", "10,415"]]
PIE = [["First responder", "Share"], ["Home Office", "52%"], ["Police", "24%"], ["Local authorities", "18%"],
       ["Other", "6%"]]
STEPS = ["Targeting", "Gaining trust", "Gifts and debt", "Control"]
CYCLE = ["A debt is created", "Work to pay it off", "New debts are added"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The visual project in every handout format (HTML and Word, both kinds)."""
    dest = tmp_path_factory.mktemp("vh") / "visual"
    shutil.copytree(SAMPLE, dest, ignore=shutil.ignore_patterns("output"))
    args = ["build", "-C", dest]
    for fmt in HANDOUTS:
        args += ["-f", fmt]
    assert run(*args).exit_code == 0
    return dest / "output" / "staff"


def handout(built: Path, suffix: str) -> Path:
    [path] = list(built.glob(f"*{suffix}"))
    return path


class _Tree(HTMLParser):
    """A handout as a tree of (tag, attrs, children, text) nodes, enough to find elements in it."""

    VOID = frozenset({"img", "br", "hr", "meta", "link", "rect", "line", "circle", "path", "polyline"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = {"tag": "", "attrs": {}, "children": [], "text": []}
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = {"tag": tag, "attrs": dict(attrs), "children": [], "text": []}
        self.stack[-1]["children"].append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1]["children"].append({"tag": tag, "attrs": dict(attrs), "children": [], "text": []})

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        for node in self.stack:
            node["text"].append(data)


def tree(path: Path) -> dict:
    parser = _Tree()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.root


def find(node: dict, tag: str, cls: str = "") -> list:
    """Every descendant element with that tag (and class word), in document order."""
    out = []
    for child in node["children"]:
        if child["tag"] == tag and (not cls or cls in child["attrs"].get("class", "").split()):
            out.append(child)
        out.extend(find(child, tag, cls))
    return out


def text(node: dict) -> str:
    return " ".join("".join(node["text"]).split())


def slide(page: dict, title: str) -> dict:
    """The <section class="slide"> whose heading is title."""
    for section in find(page, "section", "slide"):
        if any(text(h) == title for h in find(section, "h3")):
            return section
    raise AssertionError(f"no slide {title!r}")


def rows(table: dict) -> list:
    return [[text(cell) for cell in tr["children"] if cell["tag"] in ("th", "td")] for tr in find(table, "tr")]


# ---- the model: the deck's own shapes ----

def test_the_handout_model_holds_the_decks_charts_diagrams_and_big_numbers():
    from workshop_builder.render.deck_plan import plan_deck
    from workshop_builder.render.presentation import Chart, Diagram, Stat

    resolved = resolve(load_project(SAMPLE), "staff")
    deck = [shape for s in plan_deck(resolved) for shape in s.shapes]
    for facilitator in (True, False):
        blocks = [b for m in build_handout(resolved, facilitator).modules for s in m.slides
                  for f in s.body for b in f.blocks]
        charts = [b.chart for b in blocks if isinstance(b, ChartBlock)]
        assert charts == [s for s in deck if isinstance(s, Chart)] and len(charts) == 4
        assert [b.diagram for b in blocks if isinstance(b, DiagramBlock)] == [s for s in deck if isinstance(s, Diagram)]
        stats = [b for b in blocks if isinstance(b, StatsBlock)]
        assert [len(b.items) for b in stats] == [2, 1]  # two stats on one slide share one row
        assert [i.stat for b in stats for i in b.items] == [s for s in deck if isinstance(s, Stat)]
        assert [i.numbers for b in stats for i in b.items] == [(2,), (1,), (1,)]


# ---- HTML ----

@pytest.mark.parametrize("kind", KINDS)
def test_html_chart_is_an_accessible_svg_with_its_data_table(built, kind):
    page = tree(handout(built, f"-{kind}.html"))
    section = slide(page, "Referrals to the NRM rose every year")
    [figure] = find(section, "figure", "chart")
    [svg] = find(figure, "svg")
    assert svg["attrs"]["role"] == "img"
    [title] = find(svg, "title")
    assert text(title) == "NRM referrals, UK"
    [desc] = find(svg, "desc")
    assert "12,706" in text(desc) and "19,125" in text(desc)
    assert svg["attrs"]["aria-labelledby"] == f'{title["attrs"]["id"]} {desc["attrs"]["id"]}'
    [source] = find(figure, "figcaption")
    assert text(source).startswith("Source: Example data, 2025")
    assert [a["attrs"]["href"] for a in find(source, "a")] == ["#ref-1"]
    [table] = find(section, "table", "chart-data")
    assert rows(table) == NRM
    [caption] = find(table, "caption")
    assert "NRM referrals, UK" in text(caption) and "referrals" in text(caption)
    assert [th["attrs"].get("scope") for th in find(table, "th")] == ["col", "col"] + ["row"] * 4
    bar, pie = (find(slide(page, t), "table", "chart-data")[0] for t in
                ("Children and adults referred", "Most referrals came from public bodies"))
    assert rows(bar) == AGES and rows(pie) == PIE


@pytest.mark.parametrize("kind", KINDS)
def test_html_diagrams_are_svgs_with_their_steps_in_order(built, kind):
    page = tree(handout(built, f"-{kind}.html"))
    for title, steps, what in (("How exploitation takes hold", STEPS, "process"),
                               ("The cycle of debt bondage", CYCLE, "cycle")):
        [figure] = find(slide(page, title), "figure", f"diagram-{what}")
        [svg] = find(figure, "svg")
        assert svg["attrs"]["role"] == "img" and text(find(svg, "title")[0]) == title
        [steps_list] = find(figure, "ol", "diagram-steps")
        assert [text(li) for li in find(steps_list, "li")] == steps
        assert steps[0] in text(find(svg, "desc")[0])
    ids = [n["attrs"]["id"] for n in find_all(page) if "id" in n["attrs"]]
    assert len(ids) == len(set(ids))  # every chart's and diagram's ids are unique on the page


def find_all(node: dict) -> list:
    out = []
    for child in node["children"]:
        out.append(child)
        out.extend(find_all(child))
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_html_big_numbers_columns_and_quotation(built, kind):
    page = tree(handout(built, f"-{kind}.html"))
    [row] = find(slide(page, "How many children are at risk"), "div", "stats")
    stats = find(row, "div", "stat")
    assert [text(find(s, "p", "stat-figure")[0]) for s in stats] == ["15,500", "1 in 4"]
    assert text(find(stats[0], "p", "stat-label")[0]) == "children estimated to be at risk of criminal exploitation"
    assert text(find(stats[0], "p", "stat-source")[0]).startswith("The Children's Society, 2019")
    assert [a["attrs"]["href"] for a in find(stats[0], "a")] == ["#ref-2"]
    assert text(find(slide(page, "One big number"), "p", "stat-figure")[0]) == "19,125"

    [two] = find(slide(page, "Sexual and criminal exploitation"), "div", "columns-2")
    columns = find(two, "div", "column")
    assert [text(find(c, "h4")[0]) for c in columns] == ["Sexual exploitation", "Criminal exploitation"]
    assert [text(li) for li in find(columns[1], "li")] == ["Made to commit crime", "Drugs, theft, violence"]
    [three] = find(slide(page, "Three things to remember"), "div", "columns-3")
    assert [text(c) for c in find(three, "div", "column")] == ["Notice", "Ask", "Record and refer"]

    [quote] = find(slide(page, "In their own words"), "figure", "quotation")
    assert text(find(quote, "blockquote")[0]) == "They made me feel like family, then they said I owed them."
    [who] = find(quote, "figcaption")
    assert text(who).startswith("\u2014 A young person, quoted in a serious case review")
    assert [a["attrs"]["href"] for a in find(who, "a")] == ["#ref-2"]


def test_handouts_with_charts_and_diagrams_pass_the_accessibility_checks(built):
    _, findings = check_project(built.parent.parent)
    assert [f"{d.code} {d.message}" for d in findings if d.code.startswith("A5")] == []


def test_a_charts_svg_title_is_not_the_pages_title():
    page = _Page()
    page.feed('<html lang="en"><head></head><body><svg role="img"><title>A chart</title></svg></body></html>')
    assert page.title == "" and page.lang == "en"


# ---- Word ----

def _body_paragraphs(document) -> list:
    """(style name, text) of every paragraph in reading order, table cells included."""
    out = []
    for el in document.element.body.iter(W + "p"):
        para = docx.text.paragraph.Paragraph(el, document)
        out.append((para.style.name if para.style is not None else "", para.text))
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_word_handout_has_the_chart_pictures_with_alt_text_and_their_tables(built, kind):
    document = docx.Document(str(handout(built, f"-{kind}.docx")))
    pictures = [s for s in document.inline_shapes]
    descriptions = [s._inline.docPr.get("descr") for s in pictures]
    charts = [d for d in descriptions if "chart" in d.lower()]
    assert len(charts) == 4
    assert charts[0].startswith("Column chart: NRM referrals, UK") and "2021 12,706" in charts[0]
    assert "Children: 2023 7,432" in charts[1] and "Home Office 52%" in charts[3]
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in document.tables]
    assert NRM in tables and AGES in tables and PIE in tables
    nrm = document.tables[tables.index(NRM)]
    assert nrm.rows[0]._tr.trPr.find(W + "tblHeader") is not None  # the header row repeats
    paragraphs = _body_paragraphs(document)
    assert ("Caption", "The figures in the chart: NRM referrals, UK (referrals)") in paragraphs
    assert any(style == "Source" and t.startswith("Source: Example data, 2025") for style, t in paragraphs)


@pytest.mark.parametrize("kind", KINDS)
def test_word_handout_has_the_steps_big_numbers_columns_and_quotation(built, kind):
    document = docx.Document(str(handout(built, f"-{kind}.docx")))
    paragraphs = _body_paragraphs(document)
    diagrams = [s._inline.docPr.get("descr") for s in document.inline_shapes
                if s._inline.docPr.get("name", "").startswith("Diagram")]
    assert diagrams == ["Process in 4 steps: " + "; then ".join(STEPS) + ".",
                        "Cycle in 3 steps: " + "; then ".join(CYCLE) + "; then back to the first step."]
    numbered = [t for style, t in paragraphs if style == "List Number"]
    assert numbered[:7] == STEPS + CYCLE
    assert ("Normal", f"Then back to step 1: {CYCLE[0]}") in paragraphs
    assert [t for style, t in paragraphs if style == "Big Number"] == ["15,500", "1 in 4", "19,125"]
    assert ("Big Number Label", "referrals concern county lines") in paragraphs
    assert [t for style, t in paragraphs if style == "Handout Label" and "exploitation" in t] == [
        "Sexual exploitation", "Criminal exploitation"]
    texts = [t for _, t in paragraphs]
    assert texts.index("Sexual exploitation") < texts.index("Made to commit crime") < texts.index("Notice")
    layout = [t for t in document.tables if len(t.rows) == 1 and len(t.columns) == 3]
    assert [c.text.strip() for c in layout[0].rows[0].cells] == ["Notice", "Ask", "Record and refer"]
    assert layout[0]._tbl.tblPr.find(W + "tblBorders") is not None  # no borders: a layout, not data
    assert ("Quote", "They made me feel like family, then they said I owed them.") in paragraphs
    [who] = [t for style, t in paragraphs if style == "Quote Attribution"]
    assert who.startswith("\u2014 A young person, quoted in a serious case review") and who.endswith("[2]")


def test_word_handout_without_the_vocabulary_keeps_its_styles(tmp_path):
    """A handout with no chart, diagram or big number gets none of their styles."""
    dest = tmp_path / "basic"
    shutil.copytree(HERE / "projects" / "basic", dest)
    assert run("build", "-C", dest, "-f", "participant-docx").exit_code == 0
    paths = list((dest / "output").rglob("*.docx"))
    assert paths
    for path in paths:
        names = {s.name for s in docx.Document(str(path)).styles}
        assert not names & {"Big Number", "Big Number Label", "Source", "Quote Attribution"}


# ---- in the real programs ----

@pytest.mark.clients
def test_pdf_handouts_print_the_charts_diagrams_and_big_numbers(tmp_path):
    need("chromium", "pdftotext")
    dest = tmp_path / "visual"
    shutil.copytree(SAMPLE, dest, ignore=shutil.ignore_patterns("output"))
    assert run("build", "-C", dest, "-f", "facilitator-pdf", "-f", "participant-pdf").exit_code == 0
    for kind in KINDS:
        [pdf] = list((dest / "output").rglob(f"*-{kind}.pdf"))
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                             timeout=300, encoding="utf-8").stdout
        flat = " ".join(out.split())
        for words in ("NRM referrals, UK", "19,125", "10,415", "Home Office 52%", "Gifts and debt",
                      "Work to pay it off", "15,500", "1 in 4", "Record and refer",
                      "A young person, quoted in a serious case review"):
            assert words in flat, (kind, words)
        table = re.search(r"The figures in the chart: NRM referrals, UK \(referrals\) Year Referrals (.*?) Source|"
                          r"The figures in the chart: NRM referrals, UK \(referrals\) Year Referrals ((?:\S+ ){8})",
                          flat)
        assert table is not None and "2021 12,706 2022 16,921" in (table.group(1) or table.group(2))


@pytest.mark.clients
def test_html_handouts_with_charts_and_diagrams_have_no_axe_violations(built):
    need_node_packages("axe-core", "playwright-core")
    pages = [handout(built, f"-{kind}.html") for kind in KINDS]
    proc = subprocess.run(["node", str(CLIENTS / "axe_check.js"), "--chromium", shutil.which("chromium")]
                          + [str(p) for p in pages], capture_output=True, timeout=300, check=False, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert sorted(results) == sorted(str(p) for p in pages)
    violations = {Path(page).name: found for page, found in results.items() if found}
    assert not violations, json.dumps(violations, indent=1)
