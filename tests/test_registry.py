"""The registry of codes: every code the package emits is declared once, documented, and listed.

Fast unit tests (no build): they read the package's source, the registry and docs/checks.md.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

import workshop_builder
from workshop_builder import checks, docs_gen
from workshop_builder.checks.language import ROWS, find_terms, split_words
from workshop_builder.codes import CODE_RE, ERROR, REGISTRY, WARNING, Code, all_codes, lookup
from workshop_builder.diagnostics import Diagnostic, Location, Report

PACKAGE = Path(workshop_builder.__file__).parent
DOCS = Path(__file__).resolve().parent.parent / "docs" / "checks.md"  # the repository's, not the installed copy's
SOURCES = sorted(p for p in PACKAGE.rglob("*.py"))
EMITTERS = {"error", "warning"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _emit_calls(tree):
    """(call, code argument) of every report.error/.warning(...) and Diagnostic(...) call."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        func = node.func
        if (isinstance(func, ast.Attribute) and func.attr in EMITTERS) or (
                isinstance(func, ast.Name) and func.id == "Diagnostic"):
            yield node, node.args[1]


def test_every_code_literal_in_the_package_is_declared():
    all_codes()
    found = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE_RE.match(node.value):
                found.setdefault(node.value, f"{path.name}:{node.lineno}")
    assert len(found) >= 60  # the declarations themselves are literals (the L codes are data)
    undeclared = {c: f for c, f in found.items() if c not in REGISTRY}
    assert not undeclared, f"codes used but not declared in workshop_builder/codes/: {undeclared}"


def test_no_finding_is_emitted_with_a_string_code():
    offenders = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call, arg in _emit_calls(tree):
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                offenders.append(f"{path.relative_to(PACKAGE)}:{call.lineno} {arg.value}")
    assert not offenders, "emit the declared Code object, not a string: " + ", ".join(offenders)


def test_each_emission_matches_its_code_severity():
    """report.error(…, X) only for codes declared as errors, report.warning(…, X) only for warnings."""
    wrong, seen = [], 0
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = importlib.import_module(_module_name(path))
        for call, arg in _emit_calls(tree):
            if not isinstance(arg, ast.Name) or not isinstance(call.func, ast.Attribute):
                continue
            code = getattr(module, arg.id, None)
            if not isinstance(code, Code):
                continue
            seen += 1
            if code.severity != (ERROR if call.func.attr == "error" else WARNING):
                wrong.append(f"{path.name}:{call.lineno} {call.func.attr}({code.code} is {code.severity})")
    assert seen > 60
    assert not wrong, wrong


def test_every_declaration_is_complete_and_unique():
    codes = all_codes()
    assert len({c.code for c in codes}) == len(codes) == len(REGISTRY)
    assert len({c.name for c in codes}) == len(codes), "rule names must be unique"
    for item in codes:
        assert CODE_RE.match(item.code), item.code
        assert item.severity in (ERROR, WARNING), item.code
        assert item.summary and item.why, item.code
        assert "**Bad" in item.example and "**Fix" in item.example, item.code
        assert item.code[0] != "W" or item.severity == WARNING, item.code
        assert item.code[0] != "E" or item.severity == ERROR, item.code


def test_load_errors_are_all_emitted_somewhere():
    """A declared load error that no code emits is dead documentation."""
    from workshop_builder.codes import load

    text = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES if p.parent.name != "codes")
    names = [n for n, v in vars(load).items() if isinstance(v, Code)]
    assert len(names) >= 36
    assert not [n for n in names if not re.search(rf"\b{n}\b", text)]


def test_every_check_code_has_exactly_one_rule_and_every_rule_a_declared_code():
    by_code = {}
    for item in checks.RULES:
        assert item.declared is REGISTRY[item.code]
        by_code.setdefault(item.code, []).append(item.func)
    for code in all_codes():
        expected = 0 if code.family.key == "load" else 1
        assert len(by_code.get(code.code, [])) == expected, code.code


def test_an_undeclared_code_cannot_be_emitted():
    with pytest.raises(KeyError, match="not declared"):
        Report().error(Location("x.md", 1), "E999", "no such code")
    assert Diagnostic(Location("x.md"), lookup("E005"), "m").code == "E005"
    assert Diagnostic(Location("x.md"), "E005", "m").code == "E005"


def test_list_rules_lists_every_code_load_errors_included(cli):
    out = cli("check", "--list-rules").output.splitlines()
    listed = [line.split()[0] for line in out]
    assert listed == [c.code for c in all_codes()]
    assert "E005  unknown-key              [error] " in out[listed.index("E005")]
    assert "E015  duplicate-key" in out[listed.index("E015")]


def test_docs_checks_md_is_generated_from_the_registry():
    committed = DOCS.read_text(encoding="utf-8")
    assert committed == docs_gen.generate(), "docs/checks.md is out of date: run python -m workshop_builder.docs_gen"
    for code in all_codes():
        assert f"\n### {code.code}\n" in committed


def test_docs_say_what_the_language_rules_read():
    text = DOCS.read_text(encoding="utf-8")
    assert "They do **not** read the front matter" not in text
    assert "`title:`, its `outcomes:` and its `content_note:`" in text


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_each_language_rule_flags_its_bad_example_and_not_its_good_one(row):
    code = REGISTRY[row.id]
    bad, good = code.example.split("`")[1], code.example.split("**Fix:** `")[1].split("`")[0]
    assert [h.code for h in find_terms([row], split_words(bad, 1), "x.md")] == [row.id]
    assert find_terms([r for r in ROWS if r.default], split_words(good, 1), "x.md") == []
