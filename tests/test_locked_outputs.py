"""An output another program holds open (a deck open in PowerPoint on Windows) is not replaced:
one line names it and says what to do, every other output is written, nothing is half-written.

Windows refuses to replace an open file with a PermissionError from os.replace; here that is
simulated for one path, since Linux lets a file be replaced while it is open.
"""

from __future__ import annotations

import os
from pathlib import Path

from test_bad_input import edit

DECK = Path("output/staff/test-workshop-staff.pptx")


def _outputs(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def _lock(monkeypatch, locked: Path) -> None:
    """os.replace onto `locked` fails as Windows fails it while PowerPoint has the file open."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst) == locked:
            raise PermissionError(13, "The process cannot access the file because it is being used "
                                      "by another process", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def test_a_deck_open_in_powerpoint_is_one_line_and_everything_else_is_written(basic, cli, monkeypatch, tmp_path):
    assert cli("build", "-C", basic, "--jobs", "1").exit_code == 0
    deck = basic / DECK
    before = deck.read_bytes()
    edit(basic / "modules/intro.md", "First point with", "First changed point with")  # every output changes
    assert cli("build", "-C", basic, "-o", tmp_path / "expected", "--jobs", "1").exit_code == 0
    expected = _outputs(tmp_path / "expected")

    _lock(monkeypatch, deck)
    result = cli("build", "-C", basic, "--jobs", "1")
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {deck} is open in another program and was not replaced; close it in PowerPoint "
                      "(or the program that has it open) and build again (every other output was written)"]
    assert "Traceback" not in result.output and "5 written" in result.output
    assert deck.read_bytes() == before  # the old deck, whole
    written = _outputs(basic / "output")
    assert written == {**expected, DECK.relative_to("output").as_posix(): before}
    assert not [p for p in (basic / "output").rglob("*") if p.name.endswith(".tmp")]

    monkeypatch.undo()  # closed in PowerPoint: the next build replaces it and nothing else
    again = cli("build", "-C", basic, "--jobs", "1")
    assert again.exit_code == 0, again.output
    assert "1 written, 5 up to date" in again.output
    assert _outputs(basic / "output") == expected


def test_a_handout_open_elsewhere_names_the_program_generally(basic, cli, monkeypatch):
    page = basic / "output/members/test-workshop-members-participant.html"
    _lock(monkeypatch, page)
    result = cli("build", "-C", basic, "--jobs", "1")
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert line.startswith(f"error: {page} is open in another program")
    assert "close it in the program that has it open and build again" in line
    assert not page.exists()  # a first build: nothing at that path, and no staged file either
    assert len(_outputs(basic / "output")) == 5
    assert not [p for p in (basic / "output").rglob("*") if p.name.endswith(".tmp")]
