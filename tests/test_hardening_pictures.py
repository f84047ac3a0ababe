"""Issue 14: every picture is checked when loading; convertible ones build in every format, the rest
get one line with file:line."""

from __future__ import annotations

import base64
import io
import struct
import zlib

import pytest
from hardening_util import builds, edit, fails_with
from PIL import Image

INTRO = "modules/intro.md"
MAP = "![A map of the area with a marked circle](images/map.png)"


def _use(basic, name: str, data: bytes) -> None:
    (basic / "modules/images" / name).write_bytes(data)
    edit(basic / INTRO, MAP, f"![A map of the area with a marked circle](images/{name})")


def _image_bytes(fmt: str, mode: str = "RGB", size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, "red" if mode in ("RGB", "RGBA") else 80).save(buf, fmt)
    return buf.getvalue()


def _png_bomb(width: int, height: int) -> bytes:
    """A tiny PNG that claims width x height pixels (a decompression bomb)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (width + 1) * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


@pytest.mark.parametrize("name, data, message", [
    ("empty.png", b"", "modules/intro.md:50:1: E042 image 'images/empty.png' is an empty file"),
    ("text.png", b"hello, not a picture\n" * 10, "modules/intro.md:50:1: E042 image 'images/text.png' is not a picture"),
    ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
     "modules/intro.md:50:1: E042 image 'images/drawing.svg' is an SVG drawing"),
    ("svg.png", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
     "modules/intro.md:50:1: E042 image 'images/svg.png' is an SVG drawing"),
    ("bomb.png", _png_bomb(50_000, 50_000),
     "modules/intro.md:50:1: E043 image 'images/bomb.png' has more pixels than the limit of 40 megapixels"),
    ("big.png", _png_bomb(8000, 8000),
     "modules/intro.md:50:1: E043 image 'images/big.png' is 8000 x 8000 pixels; the limit is 40 megapixels"),
    ("cut.png", _image_bytes("PNG")[:60], "modules/intro.md:50:1: E042 image 'images/cut.png' is damaged or cut short"),
])
def test_unusable_pictures_refused(basic, cli, name, data, message):
    _use(basic, name, data)
    fails_with(cli, basic, message)


def test_huge_picture_file_refused(basic, cli):
    _use(basic, "huge.png", _image_bytes("PNG") + b"\0" * 20_000_001)
    fails_with(cli, basic, "modules/intro.md:50:1: E042 image 'images/huge.png' is 20.0 MB; the limit is 20 MB")


@pytest.mark.parametrize("name, fmt, mode", [
    ("cmyk.jpg", "JPEG", "CMYK"), ("picture.bmp", "BMP", "RGB"), ("picture.tiff", "TIFF", "RGB"),
    ("picture.webp", "WEBP", "RGB"), ("jpeg-named.png", "JPEG", "RGB"), ("grey.png", "PNG", "L"),
    ("alpha.webp", "WEBP", "RGBA"),
])
def test_convertible_pictures_build_everywhere(basic, cli, tmp_path, monkeypatch, name, fmt, mode):
    monkeypatch.setenv("WORKSHOP_BUILDER_CACHE", str(tmp_path / "cache"))
    _use(basic, name, _image_bytes(fmt, mode))
    out = builds(cli, basic)
    page = (out / "staff" / "test-workshop-staff-participant.html").read_text(encoding="utf-8")
    uri = page.split('<img src="', 1)[1].split('"', 1)[0]
    mime, data = uri[5:].split(";base64,")
    assert mime in ("image/png", "image/jpeg")
    with Image.open(io.BytesIO(base64.b64decode(data))) as shown:
        assert shown.format == mime.split("/")[1].upper() and shown.size == (40, 30)
        assert shown.mode in ("RGB", "RGBA", "L")
    from docx import Document
    from pptx import Presentation

    doc = Document(str(out / "staff" / "test-workshop-staff-participant.docx"))
    assert len(doc.inline_shapes) == 1
    deck = Presentation(str(out / "staff" / "test-workshop-staff.pptx"))
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].image.content_type in ("image/png", "image/jpeg")


def test_plain_png_used_as_it_is(basic, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_BUILDER_CACHE", str(tmp_path / "cache"))
    original = (basic / "modules/images/map.png").read_bytes()
    out = builds(cli, basic)
    page = (out / "staff" / "test-workshop-staff-participant.html").read_text(encoding="utf-8")
    assert base64.b64encode(original).decode() in page
    assert not (tmp_path / "cache" / "workshop-builder-pictures").exists()  # nothing converted


def test_cmyk_logo_converted(basic, cli, tmp_path, monkeypatch):
    from pptx import Presentation
    from test_editions import add_editions

    monkeypatch.setenv("WORKSHOP_BUILDER_CACHE", str(tmp_path / "cache"))
    add_editions(basic)
    (basic / "editions/logo.png").write_bytes(_image_bytes("JPEG", "CMYK"))
    result = cli("build", "-C", basic, "-a", "staff", "-e", "north", "-f", "pptx", "-f", "participant-docx",
                 "--no-thumbnails")
    assert result.exit_code == 0, result.output
    prs = Presentation(str(basic / "output/north/staff/test-workshop-north-staff.pptx"))
    pictures = [s for s in prs.slides[0].shapes if s.shape_type == 13]
    assert pictures[0].image.content_type == "image/png"


def test_logo_with_too_many_pixels_refused(basic, cli):
    from test_editions import add_editions

    add_editions(basic)
    (basic / "editions/logo.png").write_bytes(_png_bomb(8000, 8000))
    fails_with(cli, basic, "editions/north.yaml:2: E043 logo 'logo.png' is 8000 x 8000 pixels; the limit is 40 megapixels")
