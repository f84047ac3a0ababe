"""Issue 14: a template that is not a deck, is damaged or expands too far gets one clear line."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from hardening_util import builds, edit, fails_with

DECK = Path(__file__).resolve().parents[1] / "templates" / "deck.pptx"


def _with_part(dest: Path, name: str, size: int, replace: dict = None) -> None:
    """A copy of the default template with one extra part of size zero bytes (and parts replaced)."""
    replace = replace or {}
    with zipfile.ZipFile(DECK) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, replace.get(info.filename, src.read(info)))
        if size:
            with out.open(name, "w") as stream:
                chunk = b"\0" * 1_000_000
                for _ in range(size // 1_000_000):
                    stream.write(chunk)


def _use(basic, make) -> None:
    (basic / "templates").mkdir()
    make(basic / "templates" / "deck.pptx")
    edit(basic / "workshop.yaml", "start:", "template: templates/deck.pptx\nstart:")


def _docx(path: Path) -> None:
    from docx import Document

    Document().save(str(path))


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_text("just some text\n", encoding="utf-8"),
     "is not a PowerPoint deck (not a .pptx file, or cut short)"),
    (lambda p: p.write_bytes(DECK.read_bytes()[: len(DECK.read_bytes()) // 2]),
     "is not a PowerPoint deck (not a .pptx file, or cut short)"),
    (_docx, "is a Word document (it has no ppt/presentation.xml)"),
    (lambda p: _with_part(p, "", 0, {"ppt/presentation.xml": b"<p:presentation><unclosed>"}),
     "has broken XML in 'ppt/presentation.xml'"),
    (lambda p: _with_part(p, "ppt/media/zeros.bin", 3_000_000), "part 'ppt/media/zeros.bin' expands"),
])
def test_template_that_is_not_a_deck(basic, cli, make, message):
    _use(basic, make)
    fails_with(cli, basic, "workshop.yaml:4: E09")
    fails_with(cli, basic, f"template 'templates/deck.pptx' {message}")


def test_template_zip_bomb_refused(basic, cli, monkeypatch):
    import workshop_builder.template_guard as guard

    monkeypatch.setattr(guard, "MAX_RATIO", 10_000)  # so the total, not the ratio, is what is hit
    _use(basic, lambda p: _with_part(p, "ppt/media/zeros.bin", 201_000_000))
    fails_with(cli, basic, "workshop.yaml:4: E091 template 'templates/deck.pptx' expands to 201 MB; "
                           "the limit is 200 MB")


def test_project_default_template_checked(basic, cli):
    (basic / "templates").mkdir()
    (basic / "templates" / "deck.pptx").write_text("not a deck", encoding="utf-8")
    fails_with(cli, basic, "templates/deck.pptx: E090 template 'templates/deck.pptx' is not a PowerPoint deck")


def test_cli_template_checked(basic, cli, tmp_path):
    bad = tmp_path / "bad.pptx"
    bad.write_text("not a deck", encoding="utf-8")
    result = cli("build", "-C", basic, "--template", bad, "-f", "pptx")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"--template: E090 template '{bad}' is not a PowerPoint deck" in result.output


def test_copy_of_default_template_builds(basic, cli):
    _use(basic, lambda p: shutil.copy(DECK, p))
    builds(cli, basic)
