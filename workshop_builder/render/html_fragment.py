"""Element trees to safe HTML for the handouts.

Only known elements and attributes are written; all text is escaped, so raw HTML in a
module can never become live markup. Images are embedded as data URIs (one self-contained
file); citations become numbered links to the reference list.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from markupsafe import Markup

from ..links import safe_href
from ..pictures import mime_type

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved

ALLOWED = {"p", "ul", "ol", "li", "strong", "em", "code", "pre", "a", "table", "thead", "tbody",
           "tr", "th", "td", "img", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "cite", "div"}
VOID = {"img", "br", "hr"}
MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
        ".webp": "image/webp", ".svg": "image/svg+xml"}


class HtmlWriter:
    """Serialises fragments of one resolved workshop."""

    def __init__(self, resolved: Resolved, heading_offset: int = 1):
        self.resolved = resolved
        self.heading_offset = heading_offset
        self._images: dict = {}

    def blocks(self, blocks, module_id: str) -> Markup:
        """HTML for a list of Blocks of one module."""
        return Markup("".join(self._children(b.tree, module_id) for b in blocks))

    def _children(self, el, module_id: str) -> str:
        out = [escape(el.text or "", quote=False)]
        for child in el:
            out.append(self._element(child, module_id))
            out.append(escape(child.tail or "", quote=False))
        return "".join(out)

    def _element(self, el, module_id: str) -> str:
        tag = el.tag
        if tag == "cite":
            numbers = self.resolved.cite_numbers(module_id, el.get("keys", "").split())
            links = ", ".join(f'<a href="#ref-{n}">{n}</a>' for n in numbers)
            return f'<sup class="cite">[{links}]</sup>' if links else ""
        if tag not in ALLOWED:
            return escape("".join(el.itertext()), quote=False)
        if tag == "div":
            return self._children(el, module_id)
        attrs = ""
        if tag[0] == "h" and tag[1:].isdigit():
            tag = f"h{min(6, int(tag[1:]) + self.heading_offset)}"
        elif tag == "a":
            href = el.get("href", "")
            if safe_href(href):
                attrs = f' href="{escape(safe_href(href))}"'
        elif tag == "img":
            return self._image(el)
        elif tag in ("th", "td"):
            style = el.get("style", "")
            align = style.replace("text-align:", "").strip().rstrip(";").strip()
            if align in ("left", "right", "center"):
                attrs = f' class="align-{align}"'
            if tag == "th":
                attrs += ' scope="col"'
        if tag in VOID:
            return f"<{tag}{attrs}>"
        return f"<{tag}{attrs}>{self._children(el, module_id)}</{tag}>"

    def image_uri(self, path) -> str:
        """A data URI for an image file (embedded once per handout)."""
        path = str(path)
        if path not in self._images:
            data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
            self._images[path] = f"data:{mime_type(path)};base64,{data}"
        return self._images[path]

    def _image(self, el) -> str:
        alt = escape(el.get("alt", ""))
        path = el.get("path")
        if not path:
            return f'<span class="missing-image">{alt}</span>'
        return f'<img src="{self.image_uri(path)}" alt="{alt}">'
