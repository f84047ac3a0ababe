"""Property-based tests: any module either builds or gets `file:line: message`, exit 1, no traceback."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_builder.cli import main

HERE = Path(__file__).parent
LINE = re.compile(r"^(modules/fuzz\.md|workshop\.yaml)(:\d+(:\d+)?)?: [A-Z]\d{2,3} ")

pieces = st.sampled_from([
    "# Section", "## Slide", "##", "### Sub", "- point", "  - nested", "1. one", "::: notes", "::: handout",
    "::: activity 5", "::: activity x", "::: audience staff", "::: audience not members", "::: audience nobody",
    "::: bogus", ":::", "::::", "[@nope]", "![alt](missing.png)", "[link](javascript:alert(1))",
    "| a | b |", "|---|---|", "| 1 | 2 |", "<script>x</script>", "```", "> quote", "**bold** *it*", "",
    "text with 75% and 1,234 people", "<!-- language-ok: example -->",
])
front_values = st.one_of(st.integers(-5, 500), st.text(string.printable, max_size=12), st.none(),
                         st.lists(st.text(string.ascii_lowercase, max_size=8), max_size=3),
                         st.dictionaries(st.sampled_from(["default", "staff", "members", "x"]),
                                         st.integers(-1, 90), max_size=3))
front = st.dictionaries(st.sampled_from(["title", "duration", "audiences", "outcomes", "sources", "review_by",
                                         "content_note", "titel"]), front_values, max_size=7)


def _yaml_value(value):
    import json
    return json.dumps(value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=front, body=st.lists(st.one_of(pieces, st.text(max_size=30)), max_size=25),
       raw_front=st.booleans())
def test_random_modules_build_or_fail_cleanly(tmp_path_factory, front, body, raw_front):
    root = tmp_path_factory.mktemp("fuzz") / "p"
    shutil.copytree(HERE / "projects" / "basic", root)
    text = (root / "workshop.yaml").read_text(encoding="utf-8")
    (root / "workshop.yaml").write_text(text.replace("  - intro\n", "  - intro\n  - fuzz\n"), encoding="utf-8")
    head = "\n".join(f"{k}: {_yaml_value(v)}" for k, v in front.items())
    if raw_front:
        head = head.replace('"', "")
    (root / "modules" / "fuzz.md").write_text(f"---\n{head}\n---\n" + "\n".join(body) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-C", str(root), "--jobs", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert (root / "output" / "staff").is_dir()
    else:
        assert result.exit_code == 1, result.output
        problems = [line for line in result.output.splitlines()
                    if line and not line.startswith(("Building", " ")) and "nothing was written" not in line]
        assert problems and all(LINE.match(line) for line in problems), result.output
        assert not (root / "output").exists()
