"""What makes an output out of date: every file it is built from, the builder's own code, and
whether it was built complete. A damaged record of earlier builds never stops a build.
"""

from __future__ import annotations

import json
import shutil

from PIL import Image
from test_bad_input import edit

from workshop_builder import incremental, package_files
from workshop_builder.render import thumbnails
from workshop_builder.render.base import RenderError


def test_a_picture_in_a_folder_beside_modules_is_part_of_the_inputs(basic, cli):
    shutil.move(basic / "modules" / "images", basic / "images")
    edit(basic / "modules/intro.md", "](images/map.png)", "](../images/map.png)")
    result = cli("build", "-C", basic, "-a", "staff", "-f", "pptx")
    assert result.exit_code == 0, result.output
    deck = basic / "output/staff/test-workshop-staff.pptx"
    before = deck.read_bytes()
    with Image.open(basic / "images/map.png") as image:
        image.convert("RGB").transpose(Image.FLIP_LEFT_RIGHT).save(basic / "images/map.png")
    result = cli("build", "-C", basic, "-a", "staff", "-f", "pptx")
    assert result.exit_code == 0, result.output
    assert "Nothing to do" not in result.output and "1 written" in result.output
    assert deck.read_bytes() != before


def test_the_builders_own_code_is_part_of_the_inputs(basic, cli, monkeypatch):
    assert cli("build", "-C", basic).exit_code == 0
    assert "Nothing to do" in cli("build", "-C", basic).output
    monkeypatch.setattr(incremental, "code_digest", lambda: "a changed builder")
    result = cli("build", "-C", basic)
    assert result.exit_code == 0
    assert "Nothing to do" not in result.output and "Built 6 outputs" in result.output


def test_the_code_digest_covers_every_source_file(tmp_path):
    copy = tmp_path / "workshop_builder"
    shutil.copytree(package_files.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    first = package_files.code_digest(copy)
    package_files._CODE_DIGEST.clear()
    (copy / "render" / "pptx_writer.py").write_text("# changed\n", encoding="utf-8")
    assert package_files.code_digest(copy) != first
    package_files._CODE_DIGEST.clear()


def test_a_failed_slide_picture_run_is_reported_and_built_again_next_time(basic, cli, monkeypatch):
    def broken(deck):
        raise RenderError("slide thumbnails: soffice did not finish within 180 seconds")

    monkeypatch.setattr(thumbnails, "missing_program", lambda: "")
    monkeypatch.setattr(thumbnails, "_pictures", broken)
    for _ in range(2):  # the second build renders it again: it was not recorded as up to date
        result = cli("build", "-C", basic, "-a", "staff", "-f", "facilitator", "--thumbnails", "--jobs", "1")
        assert result.exit_code == 0, result.output
        assert ("note: staff facilitator handout built without slide pictures: slide thumbnails: soffice did not "
                "finish within 180 seconds") in result.output
        assert "Nothing to do" not in result.output
    manifest = json.loads((basic / "output/.workshop-builder.json").read_text(encoding="utf-8"))
    assert "staff/test-workshop-staff-facilitator.html" not in manifest["outputs"]


def test_damaged_manifest_entries_only_make_outputs_stale(basic, cli):
    assert cli("build", "-C", basic).exit_code == 0
    path = basic / "output/.workshop-builder.json"
    good = json.loads(path.read_text(encoding="utf-8"))
    names = sorted(good["outputs"])
    damaged = {"outputs": {names[0]: "garbage", names[1]: {"key": 5}, names[2]: None, names[3]: [],
                           names[4]: good["outputs"][names[4]]},
               "requests": {next(iter(good["requests"])): {"outputs": 7}, "x": "y"}}
    for data in (damaged, {"outputs": [], "requests": []}, [1, 2], "text"):
        path.write_text(json.dumps(data), encoding="utf-8")
        result = cli("build", "-C", basic)
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output and "Built 6 outputs" in result.output, result.output
    path.write_bytes(b"\xff\xfe not json")
    assert cli("build", "-C", basic).exit_code == 0
    assert "Nothing to do" in cli("build", "-C", basic).output
