"""The files each output reads, and their digest: what makes one output out of date.

An output reads workshop.yaml, the deck and handout templates, its edition's file, the
modules its audience sees and the files those point at (pictures, an edition's logo).
The build keys each output on this digest (so an edit re-renders only the outputs that use
the edited file) and the checks key their per-audience results on it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from pathlib import Path
from typing import Optional

from . import __version__
from .package_files import code_digest, default_templates_dir

# Relative paths a source may point at: Markdown link and picture targets, reference
# definitions, HTML src attributes and YAML `logo:` values. Over-matching only hashes more.
REFERENCE_RES = (
    re.compile(r"\]\(\s*<?([^)\s>]+)"),
    re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)", re.MULTILINE),
    re.compile(r"\bsrc\s*=\s*[\"']([^\"']+)[\"']"),
    re.compile(r"^\s*logo:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(?:#.*)?$", re.MULTILINE),
)
TEXT_SUFFIXES = (".md", ".markdown", ".yaml", ".yml")


def files_under(folder: Path):
    """The files under a folder, sorted, leaving out hidden ones and caches."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def referenced_files(root: Path, sources: list) -> list:
    """Files inside the project that the text sources point at by relative path, sorted."""
    found = set()
    for source in sources:
        if source.suffix not in TEXT_SUFFIXES:
            continue
        try:
            text = source.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for pattern in REFERENCE_RES:
            for match in pattern.finditer(text):
                target = match.group(1).strip().split("#", 1)[0].split("?", 1)[0]
                if not target or ":" in target or target.startswith("/"):
                    continue  # a URL, a mailto:, an absolute path: not a project file
                path = (source.parent / target).resolve()
                try:
                    path.relative_to(root)
                except ValueError:
                    continue
                if path.is_file():
                    found.add(path)
    return sorted(found)


class OutputInputs:
    """The files each output reads, and their digest; each file is hashed once per build."""

    def __init__(self, workshop, template: Optional[Path] = None):
        self.workshop = workshop
        self.root = Path(workshop.root).resolve()
        self._digests: dict = {}
        self._references: dict = {}
        shared = [self.root / "workshop.yaml", Path(workshop.template)]
        shared += list(files_under(self.root / "templates")) + list(files_under(default_templates_dir()))
        if template is not None:
            shared.append(Path(template))
        self.shared = shared

    def files(self, audience_id: str, edition_id: Optional[str]) -> list:
        """The files one output reads: shared ones, its edition's, its audience's modules and what they point at."""
        from .resolver import module_applies  # imported on use: a no-op build only hashes files

        files = list(self.shared)
        edition = self.workshop.editions.get(edition_id) if edition_id else self.workshop.national
        if edition is not None and edition_id:
            files.append(self.root / edition.rel)
        modules = [self.workshop.modules[e.module_id] for e in self.workshop.entries
                   if e.module_id and module_applies(self.workshop, e, audience_id)]
        for module in modules:
            files.append(Path(module.path))
        sources = [f for f in files if f.suffix in TEXT_SUFFIXES]
        key = tuple(str(f) for f in sources)
        if key not in self._references:
            self._references[key] = referenced_files(self.root, sources)
        listed = set(files)
        files += [p for p in self._references[key] if p not in listed]
        return files

    def digest(self, audience_id: str, edition_id: Optional[str]) -> str:
        """A digest of the builder, the date and every file one output reads."""
        digest = hashlib.sha256()
        digest.update(f"{__version__}\0{code_digest()}\0{dt.date.today()}\0"
                      f"{os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
        for path in self.files(audience_id, edition_id):
            name = str(path)
            if name not in self._digests:
                try:
                    self._digests[name] = hashlib.sha256(path.read_bytes()).digest()
                except OSError:
                    self._digests[name] = b"missing"
            digest.update(name.encode() + b"\0" + self._digests[name])
        return digest.hexdigest()


