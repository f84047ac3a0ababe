"""Check results kept between builds, per input: an unchanged module is not checked again.

A CheckCache maps a key (a digest of one input's bytes, what it is checked as and the
builder's code) to the findings found in it last time. It is a hidden file in the output
folder, read once and written once after a successful build; a damaged or missing file
only means the checks run again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, Optional

from ..kept_files import read_entries, write_entries

CHECKS_FILE = ".workshop-builder-checks.json"
MAX_ENTRIES = 2000  # entries kept for inputs other builds (other audiences, old versions) checked


class CheckCache:
    """Findings by input key, loaded from and saved to <out>/.workshop-builder-checks.json."""

    def __init__(self, out_dir: Optional[Path] = None):
        self.path = Path(out_dir) / CHECKS_FILE if out_dir is not None else None
        self.entries: dict = {}
        self.used: set = set()
        self.changed = False
        if self.path is not None:
            self.entries = read_entries(self.path)

    @staticmethod
    def key(kind: str, *parts) -> str:
        """The key of one input checked as kind: a digest of its parts (bytes or text)."""
        digest = hashlib.sha256(kind.encode() + b"\0")
        for part in parts:
            digest.update(part if isinstance(part, bytes) else str(part).encode())
            digest.update(b"\0")
        return digest.hexdigest()

    def get_or_run(self, key: str, run: Callable, dump: Callable, load: Callable):
        """The findings stored under key (through load), else run() stored through dump."""
        self.used.add(key)
        stored = self.entries.get(key)
        if isinstance(stored, list):
            try:
                return [load(item) for item in stored]
            except (TypeError, ValueError, KeyError):
                pass  # a damaged entry: check again
        found = run()
        self.entries[key] = [dump(item) for item in found]
        self.changed = True
        return found

    def save(self) -> None:
        """Write the entries (this build's first, at most MAX_ENTRIES); errors only lose the cache."""
        if self.path is None or not self.changed:
            return
        kept = {k: self.entries[k] for k in self.used if k in self.entries}
        for key, value in self.entries.items():
            if len(kept) >= MAX_ENTRIES:
                break
            kept.setdefault(key, value)
        if not write_entries(self.path, kept):
            return  # only a cache: the next build checks again
        self.changed = False
