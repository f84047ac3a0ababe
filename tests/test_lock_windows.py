"""The output folder's lock on Windows (msvcrt.locking, no fcntl), on a faked Windows: a second
build is refused in one line, and the lock file is given up before it is removed (Windows
removes no open file).

msvcrt exists only on Windows, so a stand-in records which open file holds the lock, as
Windows does for a byte-range lock, and the lock module is told it runs on Windows. This checks the lock's own steps;
a real Windows machine is the only check of msvcrt itself.
"""

from __future__ import annotations

import errno
import os
import sys
import types

import pytest

from workshop_builder import lock as lock_module
from workshop_builder.lock import BusyError, OutputLock


@pytest.fixture
def windows(monkeypatch):
    """The lock takes the Windows way: no fcntl, msvcrt locks a file until it is closed, an open file stays."""
    holders: dict = {}  # file id -> the descriptor holding its lock
    opened: dict = {}  # descriptor -> file id, for every file open through os.open
    real_open, real_close = os.open, os.close

    def open_(path, flags, mode=0o777, **kwargs):
        fd = real_open(path, flags, mode, **kwargs)
        opened[fd] = os.fstat(fd).st_ino
        return fd

    def locking(fd, mode, nbytes):
        assert mode == fake.LK_NBLCK and nbytes == 1 and os.lseek(fd, 0, os.SEEK_CUR) == 0
        key = os.fstat(fd).st_ino
        if holders.get(key, fd) != fd:
            raise OSError(errno.EDEADLK, "Resource deadlock avoided")
        holders[key] = fd

    def close(fd):
        for key, holder in list(holders.items()):
            if holder == fd:
                del holders[key]
        opened.pop(fd, None)
        real_close(fd)

    def unlink(path, *args, **kwargs):
        if os.stat(path).st_ino in opened.values():
            raise PermissionError(13, "The process cannot access the file because it is being used", str(path))
        os.remove(path)

    fake = types.ModuleType("msvcrt")
    fake.LK_NBLCK = 2
    fake.locking = locking
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl fails, as on Windows
    monkeypatch.setattr(lock_module, "WINDOWS", True)
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "close", close)
    monkeypatch.setattr(os, "unlink", unlink)
    return holders


def test_a_second_build_is_refused_and_the_lock_is_given_back(windows, tmp_path):
    first, second = OutputLock(tmp_path / "out"), OutputLock(tmp_path / "out")
    first.hold()
    assert (tmp_path / "out" / ".workshop-builder.lock").read_bytes() == f"{os.getpid()}\n".encode()
    with pytest.raises(BusyError, match=r"^another build is writing here \(.*out\); wait for it to finish"):
        second.hold()
    assert not second.held
    first.release()  # closed first, then removed: nothing holds it
    assert windows == {} and list((tmp_path / "out").iterdir()) == []
    second.hold()
    second.release()
    assert list((tmp_path / "out").iterdir()) == []


def test_a_lock_file_another_build_has_open_stays(windows, tmp_path):
    first, second = OutputLock(tmp_path / "out"), OutputLock(tmp_path / "out")
    first.hold()
    other = os.open(first.path, os.O_RDWR)  # another build opened it and waits for the lock
    first.release()  # cannot remove a file that is open elsewhere: it stays, unlocked
    assert first.path.exists() and windows == {}
    second.hold()
    second.release()
    os.close(other)

