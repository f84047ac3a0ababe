"""Parsed Markdown kept between commands: a fragment whose text has not changed is not parsed again.

Python-Markdown was most of loading a project (about 0.3 ms a fragment, 400 fragments in the
shipped workshop). A ParsedTrees maps a digest of one fragment's text, the parser's options
(smart quotes) and the module's reference-link definitions to the element tree it parsed to,
kept as JSON (never pickle: the cache folder may be the shared temp folder) in
`<cache_root>/workshop-builder-parsed/`, one file a project, only in a folder the user owns.
The file is tied to the builder's code digest, so a changed parser starts afresh; a damaged
or missing file only means the fragments are parsed again. Each hit builds a fresh tree, so
callers may change what they get.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Optional

from .kept_files import private_folder, read_entries, write_entries

FOLDER = "workshop-builder-parsed"


def _to_json(el: etree.Element) -> list:
    return [el.tag, dict(el.attrib), el.text, el.tail, [_to_json(child) for child in el]]


def _from_json(data: list, parent: Optional[etree.Element] = None) -> etree.Element:
    tag, attrib, text, tail, children = data
    el = etree.Element(tag, attrib) if parent is None else etree.SubElement(parent, tag, attrib)
    el.text, el.tail = text, tail
    for child in children:
        _from_json(child, el)
    return el


class ParsedTrees:
    """Element trees by fragment key, read from and saved to one project's cache file."""

    def __init__(self, root: Path):
        digest = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:32]
        folder = private_folder(FOLDER)
        self.path = folder / f"{digest}.json" if folder is not None else None
        self.entries: dict = {}
        self.used: set = set()
        self.changed = False
        if self.path is not None:
            self.entries = read_entries(self.path)

    @staticmethod
    def key(smart_quotes: bool, references: dict, text: str) -> str:
        """The key of one fragment: its text and everything else its tree depends on."""
        refs = json.dumps(sorted(references.items()), ensure_ascii=False)
        return hashlib.sha256(f"{int(smart_quotes)}\0{refs}\0{text}".encode()).hexdigest()

    def get(self, key: str) -> Optional[etree.Element]:
        """A fresh copy of the tree stored under key, or None."""
        stored = self.entries.get(key)
        if stored is None:
            return None
        try:
            tree = _from_json(stored)
        except (TypeError, ValueError):
            return None  # a damaged entry: parse again
        self.used.add(key)
        return tree

    def put(self, key: str, tree: etree.Element) -> None:
        """Remember the tree parsed for key (before anyone changes it)."""
        self.entries[key] = _to_json(tree)
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Write the entries this run used (a project's current fragments); errors only lose the cache."""
        if self.path is None or not (self.changed or len(self.used) < len(self.entries)):
            return
        if not write_entries(self.path, {k: self.entries[k] for k in self.used},
                             ensure_ascii=False, separators=(",", ":")):
            return
        try:
            _prune(self.path.parent)
        except OSError:
            return
        self.changed = False


KEEP = 256  # projects' files kept (the newest); test suites make a project a test


def _prune(folder: Path) -> None:
    """Remove the oldest files beyond KEEP."""
    files = list(folder.glob("*.json"))
    if len(files) <= KEEP:
        return
    files.sort(key=lambda p: p.stat().st_mtime)
    for old in files[:len(files) - KEEP]:
        old.unlink()
