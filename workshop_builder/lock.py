"""One build at a time per output folder: a lock file held while outputs are written.

The lock is a POSIX record lock (fcntl.lockf; on Windows msvcrt.locking on its first byte) on
`.workshop-builder.lock` in the output folder, taken without waiting: a second build into the
same folder stops with one line instead of deleting the first one's staged files. It belongs
to the building process alone (worker processes do not inherit it, so a stray worker never
holds it), and the system releases it when the build is killed. The file is removed when the
build ends (on Windows, unless another build has it open), and a lock on a file already removed
is taken again.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Optional

LOCK_FILE = ".workshop-builder.lock"
WINDOWS = os.name == "nt"  # msvcrt's lock, and an open file cannot be removed


class BusyError(Exception):
    """Another build holds the output folder's lock."""


class OutputLock:
    """The output folder's lock: hold() takes it (once), release() gives it up."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / LOCK_FILE
        self._fd: Optional[int] = None

    @property
    def held(self) -> bool:
        """Whether this build holds the lock now."""
        return self._fd is not None

    def hold(self) -> None:
        """Take the lock, creating the output folder; BusyError when another build has it."""
        if self._fd is not None:
            return
        attempts = 0
        while True:
            attempts += 1
            try:
                self.out_dir.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NOT_INHERITED, 0o644)
            except FileNotFoundError:
                if attempts < 5:  # a failed build removed the folder it had just made: make it again
                    continue
                raise
            except OSError as exc:  # name the folder, not our lock file
                raise OSError(exc.errno, exc.strerror, str(self.out_dir)) from None
            try:
                _lock(fd)
            except OSError as exc:
                os.close(fd)
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, errno.EDEADLK) or WINDOWS:
                    raise BusyError(f"another build is writing here ({self.out_dir}); wait for it to "
                                    "finish, or build into another --out") from None
                raise
            try:  # the holder before us may have removed the file as we opened it: lock the new one
                if os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                    break
            except FileNotFoundError:
                pass
            os.close(fd)
        self._fd = fd
        try:  # who holds it, for a person looking; not needed for the lock itself
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass

    def release(self) -> None:
        """Remove the lock file and give up the lock (nothing when it is not held)."""
        if self._fd is None:
            return
        if WINDOWS:  # Windows removes no file that is open: give it up first
            os.close(self._fd)
            self._fd = None
        try:
            os.unlink(self.path)  # on Windows fails, harmlessly, while another build has it open
        except OSError:
            pass
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


_NOT_INHERITED = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOINHERIT", 0)  # POSIX / Windows


def _lock(fd: int) -> None:
    """Lock an open file for this process without waiting; OSError when another process has it."""
    if WINDOWS:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
