"""The package's layers point one way, and `list` loads no renderer.

Every module's imports (module level and inside functions; `if TYPE_CHECKING:` blocks are
type hints, not imports) are read with ast. Each module belongs to one layer; a module may
import its own layer and the layers below it, never one above, and no chain of imports may
lead back to where it started.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "workshop_builder"
ROOT = "workshop_builder"

# Lowest first. A name covers the module and, for a package, everything under it.
LAYERS = [
    ("foundation", ["workshop_builder", "workshop_builder.diagnostics", "workshop_builder.data",
                    "workshop_builder.package_files", "workshop_builder.kept_files", "workshop_builder.parse_cache",
                    "workshop_builder.codes", "workshop_builder.links", "workshop_builder.phone_numbers"]),
    ("model", ["workshop_builder.model", "workshop_builder.yamlio", "workshop_builder.markdown_tree",
               "workshop_builder.source_files", "workshop_builder.schema", "workshop_builder.visuals",
               "workshop_builder.yaml_values", "workshop_builder.markdown_limits", "workshop_builder.pictures",
               "workshop_builder.citations"]),
    ("loader and resolver", ["workshop_builder.loader", "workshop_builder.module_parser",
                             "workshop_builder.edition_loader", "workshop_builder.resolver",
                             "workshop_builder.footnotes", "workshop_builder.pacing", "workshop_builder.link_checks",
                             "workshop_builder.template_guard", "workshop_builder.project_shape",
                             "workshop_builder.inputs"]),
    ("renderers", ["workshop_builder.render"]),
    # The accessibility checks measure the deck the renderers plan, so checks sit above them.
    ("checks", ["workshop_builder.checks"]),
    ("build", ["workshop_builder.writing", "workshop_builder.lock", "workshop_builder.incremental",
               "workshop_builder.build"]),
    ("commands", ["workshop_builder.authoring", "workshop_builder.cli", "workshop_builder.__main__",
                  "workshop_builder.docs_gen", "workshop_builder.preview", "workshop_builder.progress_bar"]),
]
ALLOWED_CYCLES: set = set()  # none: keep it so


def module_names() -> dict:
    """Module name -> its file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(name: str, path: Path, modules: dict) -> set:
    """The package's modules that a module imports (at run time)."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found = set()

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == ROOT:
                        found.add(_existing(alias.name, modules))
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[:len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.split(".")[0] != ROOT:
                    continue
                for alias in child.names:
                    sub = f"{target}.{alias.name}"
                    found.add(sub if sub in modules else _existing(target, modules))
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(name)
    return found


def _existing(name: str, modules: dict) -> str:
    while name not in modules and "." in name:
        name = name.rpartition(".")[0]
    return name


def layer_of(name: str) -> int:
    """The index of the layer a module belongs to (the longest matching name wins)."""
    best, index = "", None
    for i, (_, names) in enumerate(LAYERS):
        for prefix in names:
            covers = name == prefix or (prefix != ROOT and name.startswith(prefix + "."))
            if covers and len(prefix) >= len(best):
                best, index = prefix, i
    assert index is not None, f"{name} is in no layer: add it to LAYERS in {__file__}"
    return index


def graph() -> dict:
    modules = module_names()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def upward_imports(edges: dict) -> list:
    """Every import of a module from a higher layer, as text."""
    out = []
    for name, targets in sorted(edges.items()):
        for target in sorted(targets):
            if layer_of(target) > layer_of(name):
                out.append(f"{name} ({LAYERS[layer_of(name)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})")
    return out


def cycles_in(edges: dict) -> list:
    """Every (module, first step) from which a chain of imports leads back to the module."""
    out = []
    for start in sorted(edges):
        for first in sorted(edges[start]):
            seen, stack = set(), [first]
            while stack:
                node = stack.pop()
                if node == start:
                    if frozenset({start, first}) not in ALLOWED_CYCLES:
                        out.append(f"{start} -> {first} -> ... -> {start}")
                    break
                if node not in seen:
                    seen.add(node)
                    stack.extend(edges.get(node, ()))
    return out


def test_every_module_is_in_a_layer_and_none_imports_upward():
    assert upward_imports(graph()) == []


def test_no_import_cycles():
    assert cycles_in(graph()) == []


def test_renderers_never_read_sources_or_run_checks():
    for name, targets in graph().items():
        if name.startswith("workshop_builder.render"):
            bad = {t for t in targets if t.startswith(("workshop_builder.loader", "workshop_builder.checks",
                                                       "workshop_builder.build", "workshop_builder.cli"))}
            assert not bad, f"{name} imports {bad}"


def test_the_checker_finds_an_upward_import_and_a_cycle(tmp_path):
    """The checker itself, on a made-up module: imports inside functions count, type hints do not."""
    fake = tmp_path / "fake.py"
    fake.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..cli import main\n"
                    "def f():\n    from ..loader import load_project\n    from . import external\n",
                    encoding="utf-8")
    modules = module_names()
    found = imports_of("workshop_builder.render.fake", fake, modules)
    assert found == {"workshop_builder.loader", "workshop_builder.render.external"}
    assert upward_imports({"workshop_builder.loader": {"workshop_builder.render.base"}}) == [
        "workshop_builder.loader (loader and resolver) imports workshop_builder.render.base (renderers)"]
    assert cycles_in({"workshop_builder.build": {"workshop_builder.incremental"},
                      "workshop_builder.incremental": {"workshop_builder.build"}}) == [
        "workshop_builder.build -> workshop_builder.incremental -> ... -> workshop_builder.build",
        "workshop_builder.incremental -> workshop_builder.build -> ... -> workshop_builder.incremental"]


def test_list_imports_no_renderer_and_no_document_library():
    project = Path(__file__).parent / "projects" / "basic"
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "workshop_builder", "list", "-C", str(project)],
                          capture_output=True, cwd=PACKAGE.parent, timeout=120, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "workshop_builder.loader" in imported  # the measurement works
    renderers = sorted(m for m in imported if m.startswith("workshop_builder.render."))
    assert renderers == []
    libraries = sorted(m for m in imported if m.split(".")[0] in ("pptx", "docx", "jinja2", "markupsafe", "lxml"))
    assert libraries == []


def test_a_template_checked_once_is_not_opened_again_by_list(tmp_path):
    """The shipped workshop names its template: the first run checks it, later runs only hash it."""
    env = dict(os.environ, WORKSHOP_BUILDER_CACHE=str(tmp_path))
    command = [sys.executable, "-X", "importtime", "-m", "workshop_builder", "list", "-C", str(PACKAGE.parent)]
    first = subprocess.run(command, capture_output=True, cwd=PACKAGE.parent, timeout=120, env=env, encoding="utf-8")
    assert first.returncode == 0 and "pptx" in first.stderr  # the first run opened it to check it
    again = subprocess.run(command, capture_output=True, cwd=PACKAGE.parent, timeout=120, env=env, encoding="utf-8")
    imported = {line.rsplit("|", 1)[-1].strip() for line in again.stderr.splitlines() if "|" in line}
    assert again.returncode == 0 and "workshop_builder.loader" in imported
    assert sorted(m for m in imported if m.split(".")[0] in ("pptx", "lxml")) == []
