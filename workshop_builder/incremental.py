"""Incremental builds: a fingerprint of everything an output depends on, and a manifest.

Two fingerprints. The project's (`project_fingerprint`) covers every source, every file they
point at (a picture in a folder beside modules/, an edition's logo), the templates and the
builder's own code; it is computed without parsing anything, so a no-op rebuild only hashes
files. When it has changed, each output's own inputs decide (inputs.py's `OutputInputs`): the files that
output reads (workshop.yaml, the deck and handout templates, its edition's file, the modules
its audience sees and the files those point at) and the builder's code. An output whose
inputs' key matches the manifest, and whose file is still the one we wrote, is up to date
and is neither rendered nor rewritten: an edit re-renders only the outputs that use the
edited file.
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
from .inputs import files_under as _files_under
from .inputs import referenced_files
from .package_files import code_digest, default_templates_dir
from .writing import write_atomic

MANIFEST = ".workshop-builder.json"
INPUT_DIRS = ("modules", "templates", "editions")
TEMPLATE_LINE = re.compile(r"^template:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(?:#.*)?$", re.MULTILINE)


def project_fingerprint(root: Path, template: Optional[Path] = None, extra: str = "") -> str:
    """A digest of every file that can change an output, the builder's code and the date."""
    root = Path(root).resolve()
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{code_digest()}\0{dt.date.today()}\0"
                  f"{os.environ.get('SOURCE_DATE_EPOCH', '')}\0{extra}".encode())
    files = []
    config = root / "workshop.yaml"
    if config.is_file():
        files.append(config)
        match = TEMPLATE_LINE.search(config.read_text(encoding="utf-8", errors="replace"))
        if match:
            files.append(root / match.group(1).strip())
    for name in INPUT_DIRS:
        files.extend(_files_under(root / name))
    listed = set(files)
    files.extend(p for p in referenced_files(root, files) if p not in listed)
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
    """The sha256 of a file's bytes, or None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _valid_output(entry) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("sha256"), str)


def _valid_request(entry) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("outputs"), list)
            and all(isinstance(n, str) for n in entry["outputs"])
            and isinstance(entry.get("warnings", []), list)
            and all(isinstance(w, str) for w in entry.get("warnings", [])))


class Manifest:
    """What was built into an output folder: per output file, its inputs' key and content hash.

    A damaged manifest, or a damaged entry in it, only makes the outputs concerned out of date.
    """

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / MANIFEST
        self.outputs: dict = {}
        self.requests: dict = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return
        if not isinstance(data, dict):
            return
        outputs, requests = data.get("outputs"), data.get("requests")
        if isinstance(outputs, dict):
            self.outputs = {k: v for k, v in outputs.items() if isinstance(k, str) and _valid_output(v)}
        if isinstance(requests, dict):
            self.requests = {k: v for k, v in requests.items() if isinstance(k, str) and _valid_request(v)}

    def _name(self, path: Path) -> str:
        try:
            return Path(path).resolve().relative_to(self.path.parent.resolve()).as_posix()
        except ValueError:  # outside the output folder: never up to date by name
            return Path(path).resolve().as_posix()

    def up_to_date(self, path: Path, key: str) -> bool:
        """Whether the file at path was built from exactly these inputs and is unchanged since."""
        entry = self.outputs.get(self._name(path))
        if not entry:
            return False
        return entry.get("key") == key and file_digest(path) == entry.get("sha256")

    def record(self, path: Path, key: str, sha256: str) -> None:
        """Remember that the file at path holds sha256 and was built from key."""
        self.outputs[self._name(path)] = {"key": key, "sha256": sha256}

    def forget(self, path: Path) -> None:
        """Treat the file at path as out of date next time (it was built incomplete)."""
        self.outputs.pop(self._name(path), None)

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

    def request_outputs(self, request: str) -> list:
        """The output names of a recorded request."""
        return list(self.requests.get(request, {}).get("outputs", []))

    def request_warnings(self, request: str) -> list:
        """The warning lines a recorded request showed."""
        return list(self.requests.get(request, {}).get("warnings", []))

    def record_request(self, request: str, specs, warnings) -> None:
        """Remember a successful build: its outputs and the warning lines it showed."""
        self.requests = {request: {
            "outputs": [self._name(spec.path) for spec in specs],
            "warnings": list(warnings),
        }}

    def save(self) -> None:
        """Write the manifest into the output folder, atomically."""
        data = {"builder": __version__, "outputs": dict(sorted(self.outputs.items())),
                "requests": self.requests}
        write_atomic(self.path, (json.dumps(data, indent=1) + "\n").encode())
