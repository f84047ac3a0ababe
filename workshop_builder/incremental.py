"""Incremental builds: a fingerprint of everything an output depends on, and a manifest.

An output whose fingerprint matches the manifest, and whose file is still the one we wrote,
is up to date and is neither rendered nor rewritten. The fingerprint is computed without
parsing anything, so a no-op rebuild only hashes files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Optional

from . import __version__

MANIFEST = ".workshop-builder.json"
INPUT_DIRS = ("modules", "templates", "editions")
TEMPLATE_LINE = re.compile(r"^template:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(?:#.*)?$", re.MULTILINE)


def _files_under(folder: Path):
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def project_fingerprint(root: Path, template: Optional[Path] = None, extra: str = "") -> str:
    """A digest of every file that can change an output, the builder's version and the date."""
    from .render.base import default_templates_dir

    root = Path(root).resolve()
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{dt.date.today()}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}\0{extra}".encode())
    files = []
    config = root / "workshop.yaml"
    if config.is_file():
        files.append(config)
        match = TEMPLATE_LINE.search(config.read_text(encoding="utf-8", errors="replace"))
        if match:
            files.append(root / match.group(1).strip())
    for name in INPUT_DIRS:
        files.extend(_files_under(root / name))
    files.extend(_files_under(default_templates_dir()))
    if template is not None:
        files.append(Path(template))
    for path in files:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


def output_key(fingerprint: str, audience_id: str, fmt: str, options_key: str) -> str:
    """The fingerprint of one output."""
    return hashlib.sha256(f"{fingerprint}\0{audience_id}\0{fmt}\0{options_key}".encode()).hexdigest()


def request_key(fingerprint: str, audiences, formats, options_key: str, out_dir: Path) -> str:
    """The fingerprint of one `build` invocation: its inputs and its options."""
    text = "\0".join([fingerprint, ",".join(sorted(audiences)), ",".join(sorted(formats)), options_key,
                      str(Path(out_dir).resolve())])
    return hashlib.sha256(text.encode()).hexdigest()


def file_digest(path: Path) -> Optional[str]:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class Manifest:
    """What was built into an output folder: per output file, its inputs' key and content hash."""

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / MANIFEST
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError
            self.outputs = dict(data.get("outputs", {}))
            self.requests = dict(data.get("requests", {}))
        except (OSError, ValueError, TypeError):
            self.outputs, self.requests = {}, {}

    def _name(self, path: Path) -> str:
        return Path(path).resolve().relative_to(self.path.parent.resolve()).as_posix()

    def up_to_date(self, path: Path, key: str) -> bool:
        """Whether the file at path was built from exactly these inputs and is unchanged since."""
        entry = self.outputs.get(self._name(path))
        return bool(entry) and entry.get("key") == key and file_digest(path) == entry.get("sha256")

    def record(self, path: Path, key: str, sha256: str) -> None:
        self.outputs[self._name(path)] = {"key": key, "sha256": sha256}

    def request_up_to_date(self, request: str) -> bool:
        """Whether an identical earlier build left every one of its outputs untouched."""
        entry = self.requests.get(request)
        if not entry:
            return False
        for name in entry.get("outputs", []):
            out = self.outputs.get(name)
            if not out or file_digest(self.path.parent / name) != out.get("sha256"):
                return False
        return True

    def record_request(self, request: str, specs, findings) -> None:
        """Remember a successful build: its outputs and the warnings it showed."""
        self.requests = {request: {
            "outputs": [self._name(spec.path) for spec in specs],
            "warnings": [d.format() for d in findings],
        }}

    def save(self) -> None:
        from .build import write_atomic

        data = {"builder": __version__, "outputs": dict(sorted(self.outputs.items())),
                "requests": self.requests}
        write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode())
