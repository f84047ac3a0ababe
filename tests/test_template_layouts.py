"""The default template: every layout by name with its placeholders, legible and reproducible;
and a user's template lacking optional layouts falls back to the nearest one with W611."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from pptx import Presentation

from workshop_builder.checks import check_project
from workshop_builder.checks.accessibility import contrast_ratio
from workshop_builder.render.layouts import FALLBACKS, LAYOUTS, REQUIRED, ROLES, choose_layout, stat_columns
from workshop_builder.render.template_info import template_info

REPO = Path(__file__).resolve().parent.parent
DECK = REPO / "templates" / "deck.pptx"
TODAY = dt.date(2026, 11, 27)

# layout -> (title placeholder type or None, {idx: placeholder type of each body box})
EXPECTED = {
    "Title Slide": ("ctrTitle", {1: "subTitle"}),
    "Title and Content": ("title", {1: "obj"}),
    "Section Header": ("title", {1: "body"}),
    "Two Content": ("title", {1: "obj", 2: "obj"}),
    "Comparison": ("title", {1: "body", 2: "obj", 3: "body", 4: "obj"}),
    "Content with Caption": ("title", {1: "obj", 2: "body"}),
    "Blank": (None, {}),
    "Title Only": ("title", {}),
    "Picture with Caption": ("title", {1: "pic", 2: "body"}),
    "Quotation": ("title", {1: "body", 2: "body"}),
    "Big Number": ("title", {1: "body", 2: "body", 3: "body"}),
    "Activity": ("title", {1: "obj", 2: "body"}),
}


def make_template():
    spec = importlib.util.spec_from_file_location("make_template", REPO / "tools" / "make_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def info():
    return template_info(DECK)


def test_every_layout_by_name_with_its_placeholders(info):
    assert list(info.layouts) == list(LAYOUTS) == list(EXPECTED)
    for name, (title, bodies) in EXPECTED.items():
        layout = info.layouts[name]
        assert (layout.title.type if layout.title else None) == title, name
        assert {b.idx: b.type for b in layout.bodies} == bodies, name
        assert set(bodies) == set(ROLES[name]), name
        # slide number and footer (and date) placeholders for the writer to fill
        assert layout.footers == ("dt", "ftr", "sldNum"), name


def test_new_layouts_keep_text_large_sans_serif_and_high_contrast(info):
    for name, layout in info.layouts.items():
        boxes = ([layout.title] if layout.title else []) + [b for b in layout.bodies if b.type != "pic"]
        for box in boxes:
            for n in range(3):
                level = box.level(n)
                assert level.size_pt >= 18, (name, box.idx, n)
                assert level.typeface == "Arial", (name, box.idx)
                ground = box.fill or layout.background
                assert contrast_ratio(level.colour, ground) >= 4.5, (name, box.idx, n, level.colour, ground)
    assert info.layouts["Activity"].box(1).level(0).size_pt >= 24  # the task, from the back of the room
    assert info.layouts["Activity"].box(1).level(1).size_pt >= 24
    assert info.layouts["Activity"].background != info.layouts["Title and Content"].background
    assert info.layouts["Big Number"].box(1).level(0).size_pt >= 54  # the figure
    assert info.layouts["Quotation"].box(1).level(0).size_pt >= 28  # the quotation
    for name in ("Title and Content", "Two Content", "Comparison"):
        assert all(b.level(0).size_pt == 24 for b in info.layouts[name].bodies), name


def test_columns_side_by_side_without_overlap(info):
    for name in ("Two Content", "Big Number"):
        bodies = sorted(info.layouts[name].bodies, key=lambda b: b.left)
        assert all(a.left + a.width < b.left for a, b in zip(bodies, bodies[1:])), name
        assert len({b.top for b in bodies}) == 1 and len({b.width for b in bodies}) == 1, name


def test_regenerating_the_template_gives_identical_bytes(tmp_path):
    tool = make_template()
    first, second = tool.build(), tool.build()
    assert first == second
    assert first == DECK.read_bytes(), "templates/deck.pptx is stale: run python tools/make_template.py"


def test_fallbacks_end_at_the_required_layout_and_name_only_known_layouts():
    for name, chain in FALLBACKS.items():
        assert chain[-1] == REQUIRED and name not in chain and set(chain) <= set(LAYOUTS), name
    assert set(FALLBACKS) == set(LAYOUTS) - {REQUIRED}


def reduced_template(path: Path, drop) -> Path:
    """The default template without the layouts named in drop."""
    prs = Presentation(str(DECK))
    for layout in [lay for lay in prs.slide_layouts if lay.name in drop]:
        prs.slide_layouts.remove(layout)
    prs.save(str(path))
    return path


def test_a_missing_layout_falls_back_to_the_nearest_with_a_warning_naming_it(tmp_path):
    path = reduced_template(tmp_path / "brand.pptx", {"Quotation", "Big Number", "Activity", "Two Content"})
    names = template_info(path).layouts
    assert choose_layout(names, "Comparison").name == "Comparison"
    assert choose_layout(names, "Comparison").warning is None
    cases = {"Quotation": "Content with Caption", "Big Number": "Title Only", "Activity": REQUIRED,
             "Two Content": "Comparison"}
    for wanted, used in cases.items():
        choice = choose_layout(names, wanted, template_name="template brand.pptx")
        assert choice.name == used and choice.fell_back
        assert choice.warning.code == "W611" and choice.warning.severity == "warning"
        assert f"has no slide layout named '{wanted}'; its slides use '{used}' instead" in choice.warning.message


def test_only_title_and_content_is_required(tmp_path):
    bare = reduced_template(tmp_path / "bare.pptx", set(LAYOUTS) - {REQUIRED})
    names = template_info(bare).layouts
    assert list(names) == [REQUIRED]
    assert all(choose_layout(names, wanted).name == REQUIRED for wanted in LAYOUTS)
    assert choose_layout([], REQUIRED).name is None


def test_w611_check_names_the_missing_layout_the_deck_uses(tmp_path, basic):
    reduced_template(basic / "brand.pptx", {"Section Header", "Quotation"})  # the deck uses the first only
    text = (basic / "workshop.yaml").read_text(encoding="utf-8")
    (basic / "workshop.yaml").write_text(text.replace("organisation:", "template: brand.pptx\norganisation:"),
                                         encoding="utf-8")
    workshop, findings = check_project(basic, today=TODAY)
    [hit] = [d for d in findings if d.code == "W611"]
    assert str(hit.loc) == "brand.pptx"
    assert "template brand.pptx has no slide layout named 'Section Header'; its slides use 'Title Slide'" in hit.message


def test_w611_silent_with_the_default_template(basic):
    workshop, findings = check_project(basic, today=TODAY)
    assert [d for d in findings if d.code == "W611"] == []


def test_stat_columns_centre_one_or_two_figures():
    lefts, width = [100, 500, 900], 300  # gap 100, row 100..1200
    assert stat_columns(lefts, width, 3) == lefts
    assert stat_columns(lefts, width, 1) == [500]
    assert stat_columns(lefts, width, 2) == [300, 700]
    assert stat_columns(lefts, width, 0) == []
