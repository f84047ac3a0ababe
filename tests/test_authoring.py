"""Authoring helpers: `new module` and `watch`."""

from __future__ import annotations

import subprocess
import sys
import time

from test_bad_input import edit


def test_new_module_writes_a_template_that_passes_checks(basic, cli):
    result = cli("new", "module", "extra-topic", "-C", basic)
    assert result.exit_code == 0, result.output
    text = (basic / "modules/extra-topic.md").read_text(encoding="utf-8")
    for key in ("title:", "duration:", "audiences:", "outcomes:", "sources:", "review_by:", "content_note:"):
        assert key in text
    for block in ("::: notes", "::: handout", "::: audience members", "::: activity 5"):
        assert block in text
    edit(basic / "workshop.yaml", "  - intro\n", "  - intro\n  - extra-topic\n")
    edit(basic / "workshop.yaml", "minutes: 60", "minutes: 50")
    edit(basic / "workshop.yaml", "minutes: 90", "minutes: 100")
    result = cli("check", "-C", basic, "--strict")
    assert result.exit_code == 0, result.output


def test_new_module_refuses_to_overwrite_and_bad_ids(basic, cli):
    assert cli("new", "module", "intro", "-C", basic).exit_code == 2
    assert cli("new", "module", "Bad Id", "-C", basic).exit_code == 2


def test_watch_rebuilds_when_a_module_changes(basic):
    proc = subprocess.Popen([sys.executable, "-m", "workshop_builder", "watch", "-C", str(basic), "-a", "staff",
                             "-f", "participant"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8")
    out = basic / "output/staff/test-workshop-staff-participant.html"
    try:
        deadline = time.monotonic() + 60
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert out.exists(), "first build did not happen"
        time.sleep(0.5)
        edit(basic / "modules/deep-dive.md", "Second step", "Second step WATCHED-CHANGE")
        deadline = time.monotonic() + 60
        while "WATCHED-CHANGE" not in out.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "WATCHED-CHANGE" in out.read_text(encoding="utf-8")
        edit(basic / "modules/deep-dive.md", "[@msa-2015]", "[@nope]")  # a mistake: reported, watch goes on
        time.sleep(3)
        assert proc.poll() is None
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert "citation of unknown source 'nope'" in output
    assert "Traceback" not in output
