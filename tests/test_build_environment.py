"""A build where the environment gets in the way: another build, a full disk, a read-only or
impossible output folder, too few file descriptors, a killed worker, a link out of the output
folder. Each ends in one clear line, exit 1, nothing written and earlier outputs intact.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from test_bad_input import edit

from workshop_builder import build as build_module
from workshop_builder.lock import OutputLock


def snapshot(folder: Path) -> dict:
    """Every file under folder (hidden ones too) and its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built(basic, cli, *args) -> dict:
    """Build once (the earlier outputs), then change a module so the next build has work to do."""
    result = cli("build", "-C", basic, "--jobs", "1", *args)
    assert result.exit_code == 0, result.output
    before = snapshot(basic / "output")
    edit(basic / "modules/intro.md", "Shared point", "Shared point, changed")
    return before


def fails_once(result, expected: str) -> str:
    """Exit 1 with exactly one error line holding expected, and no traceback."""
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and expected in errors[0], result.output
    assert errors[0].endswith("nothing was written.")
    assert "Traceback" not in result.output
    return errors[0]


def test_a_second_build_into_the_same_folder_is_refused(basic, cli):
    before = built(basic, cli)
    holder = subprocess.Popen(  # another build, part-way through writing
        [sys.executable, "-c", "import sys, time; from workshop_builder.lock import OutputLock; "
         "OutputLock(sys.argv[1]).hold(); print('held', flush=True); time.sleep(60)", str(basic / "output")],
        stdout=subprocess.PIPE, cwd=Path(__file__).parent.parent, encoding="utf-8")
    try:
        assert holder.stdout.readline().strip() == "held"
        line = fails_once(cli("build", "-C", basic, "--jobs", "1"), "another build is writing here")
        assert str(basic / "output") in line
        fails_once(cli("build", "-C", basic, "--jobs", "2"), "another build is writing here")
    finally:
        holder.kill()
        holder.wait()
    assert snapshot(basic / "output") == {**before, ".workshop-builder.lock": f"{holder.pid}\n".encode()}
    result = cli("build", "-C", basic, "--jobs", "1")  # the lock is given back: builds again
    assert result.exit_code == 0 and "6 written" in result.output, result.output
    assert not (basic / "output" / ".workshop-builder.lock").exists()


def test_a_lock_taken_and_given_back_in_one_process(tmp_path):
    first, second = OutputLock(tmp_path / "out"), OutputLock(tmp_path / "out")
    first.hold()
    assert (tmp_path / "out" / ".workshop-builder.lock").read_text(encoding="utf-8") == f"{os.getpid()}\n"
    first.release()
    second.hold()
    second.release()
    assert list((tmp_path / "out").iterdir()) == []


def test_two_real_builds_at_once_never_crash_and_leave_whole_outputs(basic, cli, tmp_path):
    assert cli("build", "-C", basic, "-o", tmp_path / "serial", "--jobs", "1").exit_code == 0
    expected = {k: v for k, v in snapshot(tmp_path / "serial").items() if not k.startswith(".")}
    procs = [subprocess.Popen([sys.executable, "-m", "workshop_builder", "build", "-C", str(basic), "--force",
                               "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              cwd=Path(__file__).parent.parent, encoding="utf-8") for _ in range(3)]
    outputs = [(p.wait(timeout=120), p.stdout.read()) for p in procs]
    for code, text in outputs:
        assert "Traceback" not in text, text
        assert code == 0 or (code == 1 and "another build is writing here" in text), text
    assert any(code == 0 for code, _ in outputs)
    final = {k: v for k, v in snapshot(basic / "output").items() if not k.startswith(".")}
    assert final == expected
    assert not list((basic / "output").rglob("*.tmp"))


def test_disk_full_while_staging(basic, cli, monkeypatch):
    before = built(basic, cli)
    real_fdopen, calls = os.fdopen, []

    class Full:
        def __init__(self, fd):
            self.handle = real_fdopen(fd, "wb")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    def fdopen(fd, mode="r", *args, **kwargs):
        calls.append(mode)
        return Full(fd) if len(calls) == 2 else real_fdopen(fd, mode, *args, **kwargs)  # the second output

    with monkeypatch.context() as patch:
        patch.setattr(os, "fdopen", fdopen)
        result = cli("build", "-C", basic, "--jobs", "1")
    fails_once(result, "the disk is full; free some space and build again")
    assert len(calls) == 2
    assert snapshot(basic / "output") == before  # the first staged output was removed too


def test_read_only_output_folder(basic, cli, monkeypatch):
    before = built(basic, cli)
    out = str(basic / "output")
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if str(path).startswith(out) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "open", read_only)
        result = cli("build", "-C", basic, "--jobs", "1")
    line = fails_once(result, "the folder is read-only; choose another --out or make it writable")
    assert f"cannot write {out}:" in line
    assert snapshot(basic / "output") == before


def test_a_new_output_folder_that_cannot_be_made(basic, cli, monkeypatch):
    real_mkdir = Path.mkdir

    def denied(self, *args, **kwargs):
        if self.name == "fresh":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", denied)
    fails_once(cli("build", "-C", basic, "-o", basic / "fresh", "--jobs", "1"), "permission denied")
    assert not (basic / "fresh").exists()


def test_out_under_a_regular_file(basic, cli):
    (basic / "notes.txt").write_text("not a folder", encoding="utf-8")
    line = fails_once(cli("build", "-C", basic, "-o", basic / "notes.txt" / "out"), "is a file, not a folder")
    assert f"{basic / 'notes.txt'} is a file" in line
    assert (basic / "notes.txt").read_text(encoding="utf-8") == "not a folder"


def _die(spec, options):
    """A worker killed part-way (as by the kernel's out-of-memory killer)."""
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.skipif(build_module.start_method() != "fork", reason="the workers must be forked to inherit the patch")
def test_a_killed_worker(basic, cli, monkeypatch):
    before = built(basic, cli)
    monkeypatch.setattr(build_module, "_render_in_worker", _die)
    fails_once(cli("build", "-C", basic, "--jobs", "2"), "a worker process stopped before it finished")
    assert snapshot(basic / "output") == before
    assert not list((basic / "output").rglob("*.tmp"))


def test_too_few_file_descriptors(basic, cli):
    before = built(basic, cli)
    script = ("import resource, sys; resource.setrlimit(resource.RLIMIT_NOFILE, (int(sys.argv[1]), int(sys.argv[1])));"
              "from workshop_builder.cli import main; sys.argv[0] = 'workshop-builder'; "
              "main(sys.argv[2:])")
    seen = set()
    for limit in (12, 16, 20, 24, 32):
        proc = subprocess.run([sys.executable, "-c", script, str(limit), "build", "-C", str(basic), "--jobs", "2"],
                              capture_output=True, cwd=Path(__file__).parent.parent, timeout=120, encoding="utf-8")
        text = proc.stdout + proc.stderr
        assert "Traceback" not in text, (limit, text)
        if proc.returncode == 0:
            break
        assert proc.returncode == 1, (limit, text)
        lines = [line for line in text.splitlines() if "rror" in line]
        assert lines and ("too many open files" in text.lower()), (limit, text)
        seen.add(limit)
        assert snapshot(basic / "output") == before
    assert seen, "no limit was low enough to fail"


def test_a_linked_audience_folder_cannot_take_a_deck_outside_the_output(basic, cli, tmp_path):
    built(basic, cli)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    staff = basic / "output" / "staff"
    for path in staff.iterdir():
        path.unlink()
    staff.rmdir()
    staff.symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(basic / "output")
    line = fails_once(cli("build", "-C", basic, "--jobs", "1", "--force"), "leads outside the output folder")
    assert str(staff) in line
    assert list(elsewhere.iterdir()) == []
    assert snapshot(basic / "output") == before
