"""Shared fixtures: small example projects copied into a temporary folder, and a CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from workshop_builder.cli import main

HERE = Path(__file__).parent
REPO = HERE.parent

# Slide thumbnails run LibreOffice for every facilitator handout (seconds each), so builds in
# tests go without them unless a test asks with --thumbnails (test_thumbnails.py, test_clients.py).
os.environ.setdefault("WORKSHOP_BUILDER_THUMBNAILS", "0")
# Checks compare dates (review_by, a contact's checked:) with "today": pinned here, so no test
# changes its result as the real date moves on (issue 14). Tests that need another day set it.
os.environ["WORKSHOP_BUILDER_TODAY"] = "2026-11-27"


@pytest.fixture
def basic(tmp_path) -> Path:
    """A copy of tests/projects/basic, safe to edit."""
    dest = tmp_path / "basic"
    shutil.copytree(HERE / "projects" / "basic", dest)
    return dest


def run(*args, cwd=None):
    """Run the CLI in-process; returns click's Result."""
    runner = CliRunner()
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def cli():
    return run


# The inner loop is `pytest -m "not slow and not clients"` (well under 30 seconds): these files
# build whole workshops, many editions or many projects end to end, or run builds in subprocesses,
# so they are `slow`. The full suite (and CI) runs them all.
SLOW_FILES = {
    "test_reproducible.py", "test_build_environment.py", "test_content.py", "test_formats.py",
    "test_incremental.py", "test_hostile.py", "test_preview.py", "test_editions.py",
    "test_authoring.py", "test_watch.py", "test_properties.py", "test_fuzz_outputs.py",
    "test_slides_html.py", "test_print_layout.py",
}


def pytest_collection_modifyitems(config, items):
    """Mark every test in SLOW_FILES as slow."""
    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
