"""Hostile and broken input: no live markup, no escape from the project, no hang, no traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest
from helpers import html
from test_bad_input import edit, fails_with

MODULE_HEAD = """---
title: Hostile
duration: 10
sources: {}
review_by: 2027-09-30
---

# Hostile

"""


def add_module(root, name, body, head=MODULE_HEAD):
    (root / "modules" / f"{name}.md").write_text(head + body, encoding="utf-8")
    edit(root / "workshop.yaml", "  - intro\n", f"  - intro\n  - id: {name}\n    audiences: [staff]\n")


def test_raw_html_never_reaches_a_handout_as_markup(basic, cli):
    body = ("## Raw HTML\n\n- <script>alert('x')</script> point\n- <img src=x onerror=alert(1)>\n"
            "- <iframe src='https://example.org'></iframe>\n\n<div onclick=\"evil()\">block</div>\n\n"
            "::: notes\n<script>document.cookie</script> notes\n:::\n")
    add_module(basic, "hostile", body)
    edit(basic / "workshop.yaml", "minutes: 90", "minutes: 100")
    result = cli("build", "-C", basic, "-a", "staff")
    assert result.exit_code == 0, result.output
    for kind in ("facilitator", "participant"):
        parsed = html(basic / f"output/staff/test-workshop-staff-{kind}.html")
        assert "script" not in parsed.tags and "iframe" not in parsed.tags
        assert not [a for t, a in parsed.attrs if any(k.startswith("on") for k in a)]
        assert not [a for t, a in parsed.attrs if t == "img" and a.get("src") == "x"]
        text = " ".join(parsed.parts)
        assert "<img src=x onerror=alert(1)>" in text  # shown as text, harmless


def test_symlinked_module_outside_project_is_refused(basic, cli, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(MODULE_HEAD + "## Slide\n\n- x\n", encoding="utf-8")
    os.symlink(outside, basic / "modules/linked.md")
    edit(basic / "workshop.yaml", "  - intro\n", "  - intro\n  - linked\n")
    fails_with(cli, basic, "E032 module 'linked' is a link to a file outside the project")


def test_template_outside_project_is_refused(basic, cli):
    edit(basic / "workshop.yaml", "start:", "template: ../../deck.pptx\nstart:")
    fails_with(cli, basic, "E032 template '../../deck.pptx' is outside the project")


def test_huge_module_is_refused_quickly(basic, cli):
    big = MODULE_HEAD + ("## Slide\n\n" + "- " + "word " * 2000 + "\n") * 1100  # ~11 MB
    (basic / "modules/intro.md").write_text(big, encoding="utf-8")
    started = time.monotonic()
    fails_with(cli, basic, "modules/intro.md: E006 file is 11.0 MB; the limit is 2.0 MB")
    assert time.monotonic() - started < 10


def test_ten_thousand_slides_end_in_a_clear_error(basic, cli):
    add_module(basic, "many", "".join(f"## Slide {i}\n\n- point\n\n" for i in range(10_000)))
    started = time.monotonic()
    out = fails_with(cli, basic, "E027 module has more than 1000 slides")
    assert "modules/many.md:4006:1" in out
    assert time.monotonic() - started < 60


def test_deeply_nested_list_is_an_error_not_a_crash(basic, cli):
    nested = "".join("  " * i + "- level\n" for i in range(200))
    add_module(basic, "nested", "## Deep\n\n" + nested)
    fails_with(cli, basic, "E028 lists or quotes are nested more than 12 levels deep")


def test_deeply_nested_quote_is_an_error_not_a_crash(basic, cli):
    add_module(basic, "quotes", "## Deep\n\n" + ">" * 400 + " text\n")
    fails_with(cli, basic, "modules/quotes.md:")


def test_yaml_billion_laughs_is_refused(basic, cli):
    laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    (basic / "workshop.yaml").write_text(laughs, encoding="utf-8")
    started = time.monotonic()
    fails_with(cli, basic, "workshop.yaml:2:8: E002 invalid YAML: YAML aliases (*name) are not allowed")
    assert time.monotonic() - started < 10


def test_deeply_nested_yaml_is_an_error(basic, cli):
    text = (basic / "modules/deep-dive.md").read_text(encoding="utf-8")
    (basic / "modules/deep-dive.md").write_text(
        text.replace("review_by:", "outcomes2: " + "[" * 5000 + "]" * 5000 + "\nreview_by:", 1), encoding="utf-8")
    fails_with(cli, basic, "modules/deep-dive.md:")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_build_leaves_earlier_outputs_intact(basic, cli):
    assert cli("build", "-C", basic, "--jobs", "1").exit_code == 0
    before = {p: p.read_bytes() for p in (basic / "output").rglob("*") if p.is_file()}
    edit(basic / "modules/intro.md", "Shared point", "Shared point, changed")
    for delay in (0.3, 0.6, 0.9, 1.2):
        proc = subprocess.Popen([sys.executable, "-m", "workshop_builder", "build", "-C", str(basic),
                                 "--force", "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        for path, old in before.items():
            data = path.read_bytes()
            if path.suffix == ".pptx" and data != old:
                with zipfile.ZipFile(path) as z:
                    assert z.testzip() is None
            elif path.suffix == ".html" and data != old:
                assert data.rstrip().endswith(b"</html>")
    assert cli("build", "-C", basic).exit_code == 0
    assert not [p for p in (basic / "output").rglob("*.tmp")]
