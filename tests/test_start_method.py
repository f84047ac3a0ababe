"""Parallel builds whose workers are spawned (Windows' only way, and macOS') give the bytes
forked workers give; WORKSHOP_BUILDER_START_METHOD chooses the way (CI runs the suite with spawn)."""

from __future__ import annotations

import multiprocessing
import sys

import pytest

from workshop_builder.build import START_METHOD, start_method

pytestmark = pytest.mark.slow  # starts fresh Python processes that import the renderers

FORMATS = ("pptx", "facilitator", "participant", "facilitator-docx", "participant-docx", "slides-html")


def _bytes(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def _build(cli, project, out):
    args = ["build", "-C", project, "-o", out, "--jobs", "2", "--date", "2027-03-04"]
    for fmt in FORMATS:
        args += ["-f", fmt]
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return _bytes(out)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork to compare with")
def test_spawned_workers_write_the_bytes_forked_workers_write(basic, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z in every document
    monkeypatch.setenv(START_METHOD, "fork")
    forked = _build(cli, basic, tmp_path / "fork")
    monkeypatch.setenv(START_METHOD, "spawn")
    spawned = _build(cli, basic, tmp_path / "spawn")
    assert len(forked) == 2 * len(FORMATS)  # two audiences
    assert spawned.keys() == forked.keys()
    assert [name for name in forked if spawned[name] != forked[name]] == []


def test_the_start_method_is_fork_where_it_exists_and_is_safe_unless_chosen(monkeypatch):
    monkeypatch.delenv(START_METHOD, raising=False)
    methods = multiprocessing.get_all_start_methods()
    assert start_method() == ("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["fork", "spawn", "forkserver"])
    monkeypatch.setattr(sys, "platform", "linux")
    assert start_method() == "fork"
    monkeypatch.setattr(sys, "platform", "darwin")  # has fork, but its system libraries are not fork-safe
    assert start_method() == "spawn"
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # Windows
    monkeypatch.setattr(sys, "platform", "win32")
    assert start_method() == "spawn"
    monkeypatch.setenv(START_METHOD, "spawn")
    assert start_method() == "spawn"


def test_an_unknown_start_method_is_one_line(basic, cli, monkeypatch):
    monkeypatch.setenv(START_METHOD, "thread")
    result = cli("build", "-C", basic, "--jobs", "2")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith(f"error: {START_METHOD} is 'thread', which this system "
                                                     "cannot start workers with; set it to ")
    assert "Traceback" not in result.output
    assert not list(basic.rglob("*.pptx"))
