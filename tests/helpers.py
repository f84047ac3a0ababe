"""Reopen built outputs for assertions."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from pptx import Presentation


def slides(path: Path):
    """(title, body paragraphs [(level, text)], notes text) for every slide of a deck; no-break spaces
    (in phone numbers) read as spaces."""
    prs = Presentation(str(path))
    out = []
    for slide in prs.slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        paras = []
        for shape in slide.shapes:
            if shape.has_text_frame and shape != slide.shapes.title and not _navigation(shape):
                paras += [(p.level, "".join(r.text for r in p.runs).replace("\u00a0", " "))
                          for p in shape.text_frame.paragraphs]
        notes = slide.notes_slide.notes_text_frame.text.replace("\u00a0", " ") if slide.has_notes_slide else ""
        out.append((title, paras, notes))
    return out


def _navigation(shape) -> bool:
    """Whether a shape is the slide's footer, date or slide number (not its body)."""
    return shape.is_placeholder and shape.placeholder_format.type in (13, 15, 16)  # SLIDE_NUMBER, FOOTER, DATE


def deck_text(path: Path) -> str:
    """All text on the slides themselves (not notes), no-break spaces (in phone numbers) read as spaces."""
    prs = Presentation(str(path))
    parts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(parts).replace("\u00a0", " ")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.tags, self.rows, self._row, self._cell = [], [], [], None, None
        self.attrs = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append((tag, dict(attrs)))
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        self.parts.append(data)
        if self._cell is not None:
            self._cell.append(data)


def html(path: Path) -> _Text:
    """A parsed handout: .parts (text), .tags, .attrs, .rows (table rows as cell texts)."""
    parser = _Text()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    return parser


def html_text(path: Path) -> str:
    return " ".join(html(path).parts)


CLIENTS = Path(__file__).resolve().parent / "clients"


def need(*programs: str) -> None:
    """Skip (or, in CI, fail) unless every program is installed."""
    import os
    import shutil

    import pytest

    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        reason = f"needs {', '.join(missing)} (CI installs them: see .ci/run)"
        if os.environ.get("WORKSHOP_BUILDER_REQUIRE_CLIENTS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def need_node_packages(*packages: str) -> None:
    """need("node", "chromium") and the npm packages tests/clients pins (`npm ci --prefix tests/clients`)."""
    import os

    import pytest

    need("node", "chromium")
    missing = [p for p in packages if not (CLIENTS / "node_modules" / p).is_dir()]
    if missing:
        reason = f"needs {' and '.join(missing)}: npm ci --prefix tests/clients"
        if os.environ.get("WORKSHOP_BUILDER_REQUIRE_CLIENTS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
