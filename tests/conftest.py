"""Shared fixtures: small example projects copied into a temporary folder, and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from workshop_builder.cli import main

HERE = Path(__file__).parent
REPO = HERE.parent


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
