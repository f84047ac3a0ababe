"""The HTML slides (slides-html) in Chromium: keys, clicks, overview, presenter view, print, axe.

The shipped workshop's slides are built for every audience; tests/clients/slides_check.js
drives one audience's page through playwright-core as a presenter would (and, given
--shots, saves screenshots), and tests/clients/axe_check.js checks every page and the
presenter view against WCAG 2.2 AA. Skipped without node, Chromium and the client packages
(`npm ci --prefix tests/clients`), as the other client tests are.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import CLIENTS, need, need_node_packages
from pptx import Presentation
from test_clients import AUDIENCES, REPO, TIMEOUT

from workshop_builder.cli import main

pytestmark = pytest.mark.clients
AUDIENCE = "elected-members"


def need_packages() -> None:
    need_node_packages("axe-core", "playwright-core")


@pytest.fixture(scope="module")
def slides_built(tmp_path_factory) -> Path:
    """Every audience of the default workshop as HTML slides and as a deck."""
    need_packages()
    out = tmp_path_factory.mktemp("slides") / "output"
    result = CliRunner().invoke(main, ["build", "-C", str(REPO), "-o", str(out), "-f", "slides-html", "-f", "pptx",
                                       "--no-thumbnails", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def driven(slides_built, tmp_path_factory) -> dict:
    """What slides_check.js saw on one audience's page, and the printed PDF."""
    page = next(slides_built.glob(f"{AUDIENCE}/*-slides.html"))
    work = tmp_path_factory.mktemp("driven")
    proc = subprocess.run(["node", str(CLIENTS / "slides_check.js"), "--chromium", shutil.which("chromium"),
                           "--pdf", str(work / "print.pdf"), str(page)],
                          capture_output=True, timeout=TIMEOUT, check=False, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    deck = page.with_name(page.name.replace("-slides.html", ".pptx"))
    seen["titles"] = [s.shapes.title.text_frame.text for s in Presentation(str(deck)).slides]
    seen["pdf"] = work / "print.pdf"
    return seen


def test_arrow_keys_walk_every_slide_with_the_decks_titles(driven):
    titles = driven["titles"]
    walk = driven["walk"]
    assert [w["heading"] for w in walk] == titles
    assert [w["hash"] for w in walk] == [f"#{n}" for n in range(1, len(titles) + 1)]
    assert all(w["shown"] == 1 for w in walk)


def test_keys_clicks_and_the_address_move_between_slides(driven):
    steps, last = driven["steps"], len(driven["titles"])
    expected = {"load": 1, "right": 2, "right2": 3, "left": 2, "pageDown": 3, "space": 4, "pageUp": 3,
                "end": last, "home": 1, "hash3": 3, "click": 4, "nextButton": 5}
    for step, n in expected.items():
        assert steps[step]["hash"] == f"#{n}", step
        assert steps[step]["visible"] == [f"Slide {n} of {last}"], step
        assert steps[step]["heading"] == driven["titles"][n - 1], step
    assert driven["requests"] == []  # nothing fetched from anywhere


def test_o_opens_the_overview_and_enter_jumps(driven):
    steps = driven["steps"]
    overview = steps["overview"]
    assert overview["overviewOpen"] and overview["thumbnails"] == len(driven["titles"])
    assert overview["focused"].startswith(driven["titles"][4])  # the current slide's thumbnail has focus
    jumped = steps["overviewEnter"]  # two to the right, then Enter
    assert not jumped["overviewOpen"] and jumped["hash"] == "#7" and jumped["heading"] == driven["titles"][6]


def test_presenter_view_shows_notes_next_slide_and_the_agenda_clock(driven, slides_built):
    steps, titles = driven["steps"], driven["titles"]
    page = next(slides_built.glob(f"{AUDIENCE}/*-slides.html"))
    data = json.loads(page.read_text(encoding="utf-8").split('id="deck-data">')[1].split("</script>")[0])
    presenter = steps["presenter"]
    assert presenter["visible"] and presenter["hash"] == "#7"
    assert presenter["current"] == titles[6] and presenter["next"] == titles[7]
    assert presenter["notes"].strip() and presenter["notes"].split()[:6] == data["slides"][6]["notes"][0].split()[:6]
    seventh = data["slides"][6]
    assert presenter["agenda"].startswith(f"Module {seventh['module']} of {data['modules']} · ")
    # the two windows move together, both ways
    assert steps["presenterFollows"]["hash"] == "#8" and steps["presenterFollows"]["current"] == titles[7]
    assert steps["audienceFollows"]["hash"] == "#9" and steps["audienceFollows"]["heading"] == titles[8]
    # a presenter view opened by itself (?presenter in another tab) follows through the BroadcastChannel
    assert steps["channelPresenter"]["hash"] == "#1" and steps["channelPresenter"]["current"] == titles[0]
    assert steps["channelAudience"]["hash"] == f"#{len(titles)}"
    # on slide 7 at the start and 20 minutes in: ahead, on time or behind by the difference
    start, later = steps["clockStart"], steps["clockLater"]
    assert start["elapsed"] == "0:00:00" and later["elapsed"] == "0:20:00"
    where = f"Module {seventh['module']} of {data['modules']} · "
    assert start["agenda"] == where + schedule(seventh, 0)
    assert later["agenda"] == where + schedule(seventh, 20)
    assert seventh["clock"] in later["planned"]


def schedule(slide: dict, elapsed: float) -> str:
    """What the presenter view says of a slide's planned slot after elapsed minutes."""
    def minutes(n: float) -> str:
        whole = int(n + 0.5)  # as the page rounds (half up)
        return "1 minute" if whole == 1 else f"{whole} minutes"

    if elapsed > slide["end"] + 0.5:
        return minutes(elapsed - slide["end"]) + " behind"
    if elapsed < slide["start"] - 0.5:
        return minutes(slide["start"] - elapsed) + " ahead"
    return "on time"


def test_prints_one_slide_a_page_at_the_decks_size(driven):
    need("pdfinfo", "pdftotext")
    info = subprocess.run(["pdfinfo", str(driven["pdf"])], capture_output=True, check=True, encoding="utf-8").stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert int(fields["Pages"]) == len(driven["titles"])
    assert fields["Page size"].split()[:3] == ["960", "x", "540"]  # 13.333 × 7.5 in, the deck's 16:9
    text = subprocess.run(["pdftotext", "-f", "5", "-l", "5", str(driven["pdf"]), "-"], capture_output=True,
                          check=True, encoding="utf-8").stdout
    assert " ".join(driven["titles"][4].split()) in " ".join(text.split())


def test_slides_overview_and_presenter_view_have_no_axe_violations(driven, slides_built):
    assert driven["axe"] == {"slides": [], "overview": [], "presenter": []}
    pages = sorted(slides_built.glob("*/*-slides.html"))
    assert len(pages) == len(AUDIENCES)
    urls = [str(p) for p in pages] + [p.as_uri() + "?presenter#5" for p in pages[:1]]
    proc = subprocess.run(["node", str(CLIENTS / "axe_check.js"), "--chromium", shutil.which("chromium")] + urls,
                          capture_output=True, timeout=TIMEOUT, check=False, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert sorted(results) == sorted(urls)
    violations = {page: found for page, found in results.items() if found}
    assert not violations, json.dumps(violations, indent=1)


def test_every_visual_slide_kind_has_no_axe_violations(tmp_path):
    """Each slide of tests/projects/visual (charts, diagrams, big numbers, columns, quotation, picture,
    activity) shown by itself, and the presenter view on a chart and on a diagram, pass axe."""
    need_packages()
    out = tmp_path / "output"
    result = CliRunner().invoke(main, ["build", "-C", str(REPO / "tests" / "projects" / "visual"), "-o", str(out),
                                       "-f", "slides-html", "-f", "pptx", "--no-thumbnails", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    page = next(out.glob("staff/*-slides.html"))
    count = len(Presentation(str(page.with_name(page.name.replace("-slides.html", ".pptx")))).slides)
    text = page.read_text(encoding="utf-8")
    assert text.count('role="img"') >= 6 and 'class="diagram-steps"' in text
    urls = [f"{page.as_uri()}#{n}" for n in range(1, count + 1)] + [f"{page.as_uri()}?presenter#{n}" for n in (4, 8)]
    proc = subprocess.run(["node", str(CLIENTS / "axe_check.js"), "--chromium", shutil.which("chromium")] + urls,
                          capture_output=True, timeout=TIMEOUT, check=False, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert sorted(results) == sorted(urls)
    violations = {url: found for url, found in results.items() if found}
    assert not violations, json.dumps(violations, indent=1)
