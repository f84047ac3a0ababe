"""What `pip install .` installs: every package of the source tree and its data files."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _options() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config


def test_every_package_of_the_source_tree_is_installed():
    listed = set(_options()["options"]["packages"].split())
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "workshop_builder").rglob("__init__.py")}
    assert found - listed == set(), "add these to [options] packages in setup.cfg"


def test_every_data_file_the_package_reads_is_installed():
    data = _options()["options.package_data"]
    assert "static/*" in data["workshop_builder.preview"]
    for pattern in ("*.pptx", "*.j2", "*.css", "*.js"):
        assert pattern in data["workshop_builder.templates"], pattern
    suffixes = {p.suffix for p in (ROOT / "templates").iterdir() if p.is_file() and p.name != "__init__.py"}
    assert suffixes <= {".pptx", ".j2", ".css", ".js"}, suffixes
