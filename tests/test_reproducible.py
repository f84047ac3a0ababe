"""Byte-identical outputs, incremental rebuilds and parallel builds."""

from __future__ import annotations

import os

from test_bad_input import edit


def _bytes(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_same_inputs_give_identical_bytes(basic, cli, tmp_path):
    assert cli("build", "-C", basic, "--out", tmp_path / "a", "--jobs", "1").exit_code == 0
    assert cli("build", "-C", basic, "--out", tmp_path / "b", "--jobs", "1").exit_code == 0
    a, b = _bytes(tmp_path / "a"), _bytes(tmp_path / "b")
    assert a.keys() == b.keys() and len(a) == 6
    assert a == b


def test_parallel_build_equals_serial_build(basic, cli, tmp_path):
    assert cli("build", "-C", basic, "--out", tmp_path / "serial", "--jobs", "1").exit_code == 0
    assert cli("build", "-C", basic, "--out", tmp_path / "parallel", "--jobs", "4").exit_code == 0
    assert _bytes(tmp_path / "serial") == _bytes(tmp_path / "parallel")


def test_source_date_epoch_sets_document_dates(basic, cli, tmp_path, monkeypatch):
    from pptx import Presentation

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    cli("build", "-C", basic, "--out", tmp_path / "o", "-f", "pptx", "-a", "staff")
    deck = tmp_path / "o/staff/test-workshop-staff.pptx"
    props = Presentation(str(deck)).core_properties
    assert props.created.isoformat().startswith("2026-01-01T00:00:00")
    import zipfile
    with zipfile.ZipFile(deck) as z:
        assert {info.date_time for info in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_no_op_rebuild_writes_nothing(basic, cli):
    assert cli("build", "-C", basic).exit_code == 0
    deck = basic / "output/staff/test-workshop-staff.pptx"
    mtime = deck.stat().st_mtime_ns
    result = cli("build", "-C", basic)
    assert result.exit_code == 0
    assert "Nothing to do: 6 outputs" in result.output
    assert deck.stat().st_mtime_ns == mtime


def test_edit_rewrites_only_changed_outputs(basic, cli):
    assert cli("build", "-C", basic).exit_code == 0
    members = basic / "output/members/test-workshop-members.pptx"
    staff = basic / "output/staff/test-workshop-staff.pptx"
    before = members.stat().st_mtime_ns, staff.read_bytes()
    edit(basic / "modules/deep-dive.md", "Second step", "Second step, changed")  # staff only
    result = cli("build", "-C", basic)
    assert result.exit_code == 0
    assert "3 written, 3 up to date" in result.output
    assert members.stat().st_mtime_ns == before[0]
    assert staff.read_bytes() != before[1]


def test_force_rebuilds_everything_and_a_changed_output_is_rebuilt(basic, cli):
    assert cli("build", "-C", basic).exit_code == 0
    deck = basic / "output/staff/test-workshop-staff.pptx"
    good = deck.read_bytes()
    deck.write_bytes(b"damaged")
    result = cli("build", "-C", basic)
    assert "1 written, 5 up to date" in result.output
    assert deck.read_bytes() == good
    result = cli("build", "-C", basic, "--force")
    assert "Built 6 outputs" in result.output and "Nothing to do" not in result.output


def test_options_are_part_of_the_inputs(basic, cli):
    assert cli("build", "-C", basic, "-f", "facilitator").exit_code == 0
    result = cli("build", "-C", basic, "-f", "facilitator", "--start", "14:00")
    assert "2 written" in result.output
    fac = basic / "output/staff/test-workshop-staff-facilitator.html"
    assert "14:00" in fac.read_text(encoding="utf-8")


def test_stale_temporary_files_are_removed(basic, cli):
    folder = basic / "output/staff"
    folder.mkdir(parents=True)
    stale = folder / ".test-workshop-staff.pptx.abc123.tmp"
    stale.write_bytes(b"partial")
    assert cli("build", "-C", basic, "--jobs", "1").exit_code == 0
    assert not stale.exists()
    assert not [p for p in (basic / "output").rglob("*.tmp")]
    assert os.path.getsize(folder / "test-workshop-staff.pptx") > 1000


def test_outputs_are_ordinary_readable_files(basic, cli):
    import stat

    assert cli("build", "-C", basic, "-a", "staff", "-f", "pptx").exit_code == 0
    mode = stat.S_IMODE((basic / "output/staff/test-workshop-staff.pptx").stat().st_mode)
    assert mode & 0o044 == 0o044  # readable by group and others, as with any new file under umask 022
