"""Helpers for the hardening tests: edit a copy of the basic project, build it, scan outputs for links."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
FORMATS = ("-f", "pptx", "-f", "facilitator", "-f", "participant", "-f", "facilitator-docx",
           "-f", "participant-docx", "-f", "slides-html")


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first old with new in a text file (old must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


def fails_with(cli, root: Path, expected: str, command: str = "build") -> str:
    """The build (or check) exits 1 with expected in its output, no traceback and nothing written."""
    args = [command, "-C", root] + (list(FORMATS) if command == "build" else [])
    result = cli(*args)
    assert result.exit_code == 1, result.output
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    if command == "build":
        assert "nothing was written" in result.output
        assert not (root / "output").exists()
    return result.output


def builds(cli, root: Path) -> Path:
    """Build every non-PDF format; the output folder."""
    result = cli("build", "-C", root, *FORMATS, "--no-thumbnails")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return root / "output"


_HREF = re.compile(r"""\s(?:href|src)=["']([^"']*)["']""")
_TARGET = re.compile(r"""Target="([^"]*)"[^>]*TargetMode="External"|TargetMode="External"[^>]*Target="([^"]*)\"""")


def output_links(folder: Path) -> list:
    """Every link address in every output under folder: HTML href/src, pptx/docx external targets."""
    import html

    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".html":
            found += [(path.name, html.unescape(v)) for v in _HREF.findall(path.read_text(encoding="utf-8"))]
        elif path.suffix in (".pptx", ".docx"):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(".rels"):
                        text = archive.read(name).decode("utf-8")
                        for a, b in _TARGET.findall(text):
                            found.append((f"{path.name}:{name}", html.unescape(a or b)))
        elif path.suffix == ".pdf":
            found += [(path.name, uri) for uri in pdf_uris(path)]
    return found


def pdf_uris(path: Path) -> list:
    """/URI targets of a PDF's link annotations (uncompressed objects only; Chromium writes them so)."""
    data = path.read_bytes()
    return [m.decode("latin-1") for m in re.findall(rb"/URI\s*\(([^)]*)\)", data)]


def unsafe_links(folder: Path) -> list:
    """Links in outputs that are not http, https, mailto, tel, an in-page #anchor or an embedded picture."""
    bad = []
    for where, url in output_links(folder):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if url.startswith("#") or url.startswith(("data:image/png;", "data:image/jpeg;", "data:image/gif;")):
            continue
        if scheme in SAFE_SCHEMES and "\\" not in url and not re.search(r"[\x00-\x1f]", url):
            continue
        bad.append((where, url))
    return bad
