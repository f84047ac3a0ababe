"""Issue 14: random values in every YAML field and random link, picture and fence forms in the
Markdown never give a traceback, and no output ever links outside http, https, mailto and tel.

Each example either builds (then every output is scanned: pptx and docx relationship parts,
HTML hrefs and srcs) or fails with one-line findings, exit 1 and nothing written. 1,000
examples per test by default (WORKSHOP_BUILDER_FUZZ_EXAMPLES to change); marked slow.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hardening_util import unsafe_links
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_builder.cli import main

pytestmark = pytest.mark.slow
BASIC = Path(__file__).parent / "projects" / "basic"
EXAMPLES = int(os.environ.get("WORKSHOP_BUILDER_FUZZ_EXAMPLES", "1000"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, print_blob=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FINDING = re.compile(r"^(?:\S.*?): [EWA]\d{3} ")
FORMATS = ["-f", "pptx", "-f", "facilitator", "-f", "participant", "-f", "facilitator-docx",
           "-f", "participant-docx", "-f", "slides-html"]

TARGETS = ["https://www.gov.uk/x", "http://a.example/b?c=d&e=f", "mailto:a@b.org", "tel:+441234567890",
           "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "java\tscript:x", "jav&#x61;script:x",
           "//host/share", "\\\\host\\share\\x.exe", "../../x.exe", "file:///etc/passwd", "file:x",
           "data:text/html,<b>x</b>", "vbscript:x", "images/map.png", "images/nowhere.png", "#top", "",
           "x.pdf", "/etc/passwd", "C:\\x.exe", "https://", "mailto:", "https:evil", "<https://a.b>",
           "https://a.b/(c)", "https://a.b/ 'title'", "ftp://a.b", "\\\\?\\C:\\x"]
TEXT = st.text(alphabet=st.sampled_from(list("ab [](){}<>!:@#*_`'\"\\/.-|&;\n ²\u201c\u00e9\x0b\x1b\x00")),
               max_size=40)


def _link(target: str, text: str, form: int, picture: bool) -> str:
    bang = "!" if picture else ""
    forms = [
        f"{bang}[{text}]({target})",
        f"{bang}[{text}](<{target}>)",
        f"{bang}[{text}]({target} 'a title')",
        f"{bang}[{text}][r]\n\n[r]: {target}\n",
        f"{bang}[{text}][]\n\n[{text}]: {target}\n",
        f"{bang}[{text} [inner] text]({target})",
        f"{bang}[{text}\nover two lines]({target})",
        f"<{target}>",
        f"{bang}[{text}]({target} \"t\")",
    ]
    return forms[form % len(forms)]


@st.composite
def markdown_piece(draw):
    kind = draw(st.integers(0, 6))
    if kind <= 2:
        return _link(draw(st.sampled_from(TARGETS)), draw(st.sampled_from(["guidance", "A map", "", "x y"])),
                     draw(st.integers(0, 20)), draw(st.booleans()))
    if kind == 3:
        fence = draw(st.sampled_from(["::: notes", "::: handout", "::: activity 5", "::: activity ²",
                                      "::: activity", "::: audience staff", "::: audience not members",
                                      "::: edition x", ":::", "::: nope", "```", "~~~python", "```bash"]))
        return f"{fence}\n{draw(TEXT)}\n"
    if kind == 4:
        return draw(st.sampled_from(["## Heading", "### Sub", "# Section", "- item", "1. one", "> quote",
                                     "| a | b |\n|---|---|\n| 1 | 2 |", "[@msa-2015]", "{{ contact.x }}"]))
    return draw(TEXT)


FIELD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**12), st.floats(allow_nan=True), TEXT,
    st.sampled_from(TARGETS), st.dates(min_value=dt.date(1, 1, 1)),
    st.lists(st.sampled_from(["a", "staff", 1, None]), max_size=3),
    st.dictionaries(st.sampled_from(["a", "name", "minutes"]), st.sampled_from([1, "x", None]), max_size=2),
)
WORKSHOP_FIELDS = [("title",), ("subtitle",), ("organisation",), ("language",), ("slug",), ("start",), ("date",),
                   ("template",), ("audiences",), ("audiences", "staff", "name"), ("audiences", "staff", "minutes"),
                   ("audiences", "staff", "description"), ("modules",), ("modules", 0), ("modules", 1, "break"),
                   ("support",), ("support", 0, "name"), ("support", 0, "phone"), ("support", 0, "url"),
                   ("support", 0, "email"), ("support", 0, "description"), ("edition",),
                   ("edition", "contacts", "x", "url"), ("edition", "contacts", "x", "email"),
                   ("edition", "contacts", "x", "phone"), ("edition", "contacts", "x", "checked"),
                   ("edition", "facts", "y", "url"), ("edition", "name")]
MODULE_FIELDS = [("title",), ("duration",), ("duration", "staff"), ("audiences",), ("outcomes",), ("outcomes", 0),
                 ("sources",), ("sources", "msa-2015", "url"), ("sources", "msa-2015", "year"),
                 ("sources", "msa-2015", "title"), ("review_by",), ("content_note",)]


def _set(data, path, value):
    """Set data[path] = value, making mappings on the way where they are missing."""
    for key in path[:-1]:
        if isinstance(data, list) and isinstance(key, int) and key < len(data):
            data = data[key]
        elif isinstance(data, dict):
            if not isinstance(data.get(key), (dict, list)):
                data[key] = {}
            data = data[key]
        else:
            return
    if isinstance(data, list) and isinstance(path[-1], int):
        if path[-1] < len(data):
            data[path[-1]] = value
    elif isinstance(data, dict):
        data[path[-1]] = value


def _project() -> Path:
    root = Path(tempfile.mkdtemp(prefix="fuzz-")) / "p"
    shutil.copytree(BASIC, root)
    return root


def _build_and_judge(root: Path) -> None:
    """Build; exit 0 with only safe links, or exit 1 with one-line findings and nothing written."""
    try:
        result = CliRunner().invoke(main, ["build", "-C", str(root), "-a", "staff", *FORMATS, "--no-thumbnails",
                                           "-j", "1"], catch_exceptions=False)
        out = result.output
        assert "Traceback" not in out, out
        if result.exit_code == 2:  # -a staff when the random YAML has no audience 'staff': a usage error
            assert "Error: unknown audience 'staff'" in out and not (root / "output").exists(), out
            return
        assert result.exit_code in (0, 1), out
        if result.exit_code == 1:
            assert not (root / "output").exists(), out
            lines = [line for line in out.splitlines() if line and not line.startswith("Building")]
            assert any(FINDING.match(line) for line in lines), out
            assert "nothing was written" in out or "error" in out, out
        else:
            assert unsafe_links(root / "output") == [], out
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


@SETTINGS
@given(fields=st.lists(st.tuples(st.sampled_from(WORKSHOP_FIELDS + [("module",) + f for f in MODULE_FIELDS]),
                                 FIELD_VALUES), min_size=1, max_size=3))
def test_random_yaml_fields(fields):
    root = _project()
    workshop = yaml.safe_load((root / "workshop.yaml").read_text(encoding="utf-8"))
    module_path = root / "modules" / "deep-dive.md"
    text = module_path.read_text(encoding="utf-8")
    front, body = text.split("---\n", 2)[1:]
    module = yaml.safe_load(front)
    for path, value in fields:
        if path[0] == "module":
            _set(module, path[1:], value)
        else:
            _set(workshop, path, value)
    (root / "workshop.yaml").write_text(yaml.safe_dump(workshop, allow_unicode=True), encoding="utf-8")
    module_path.write_text("---\n" + yaml.safe_dump(module, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    _build_and_judge(root)


@SETTINGS
@given(pieces=st.lists(markdown_piece(), min_size=1, max_size=6), where=st.integers(0, 2))
def test_random_markdown_forms(pieces, where):
    root = _project()
    path = root / "modules" / "intro.md"
    text = path.read_text(encoding="utf-8")
    insert = "\n\n".join(pieces)
    anchor = ["## A table and a picture", "::: handout", "## Members only slide"][where]
    path.write_text(text.replace(anchor, insert + "\n\n" + anchor, 1), encoding="utf-8")
    _build_and_judge(root)
