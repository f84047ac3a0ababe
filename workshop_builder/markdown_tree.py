"""Markdown fragments to element trees, with Python-Markdown, once per fragment.

Raw HTML is not interpreted (it stays literal text, which renderers escape), and citations
`[@key]` / `[@a; @b]` become `<cite keys="a b">` elements that renderers format.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
import html

from .markdown_limits import bound_inline_scans

CITATION_RE = r"\[(@[\w.:-]+(?:\s*;\s*@[\w.:-]+)*)\]"
CITATION_KEYS_RE = re.compile(r"@([\w.:-]+)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # an entity in code may spell one
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)  # author comments, e.g. <!-- language-ok: … -->


class _CitationProcessor(InlineProcessor):
    """`[@a; @b]` -> <cite keys="a b"/>."""

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's API)
        el = etree.Element("cite")
        el.set("keys", " ".join(CITATION_KEYS_RE.findall(m.group(1))))
        return el, m.start(0), m.end(0)


_LIST_ITEM = re.compile(r"^( *)([-*+]|\d+[.)])( +)")


class ListLevels:
    """Tracks how deeply list items nest, as pandoc reads them (any indent opens a level)."""

    def __init__(self):
        self.indents: list = []  # indents of the open list levels

    def step(self, line: str):
        """Feed one line; the 0-based level of a list-item line, else None."""
        m = _LIST_ITEM.match(line)
        if m:
            indent = len(m.group(1))
            while self.indents and indent < self.indents[-1]:
                self.indents.pop()
            if not self.indents or indent > self.indents[-1]:
                self.indents.append(indent)
            return len(self.indents) - 1
        if line.strip() and not line.startswith(" "):
            self.indents = []
        return None

    @property
    def depth(self) -> int:
        return len(self.indents)


class _ListIndentPreprocessor(Preprocessor):
    """Accept pandoc-style nested lists indented by two (or any number of) spaces.

    Python-Markdown needs four spaces per nesting level; authors write two, as pandoc,
    CommonMark and most editors allow. Marker lines and their continuation lines are
    re-indented to four spaces per level of the list they belong to.
    """

    def run(self, lines):
        out, levels = [], ListLevels()
        for line in lines:
            level = levels.step(line)
            if level is not None:
                out.append(" " * (4 * level) + line.lstrip(" "))
            elif levels.depth and line.strip() and line.startswith(" "):
                out.append(" " * (4 * levels.depth) + line.lstrip(" "))
            else:
                out.append(line)
        return out


class _WorkshopExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802
        md.preprocessors.register(_ListIndentPreprocessor(md), "list_indent", 25)
        md.inlinePatterns.register(_CitationProcessor(CITATION_RE, md), "citation", 175)
        # Raw HTML stays text: never interpreted, always escaped by the renderers.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("entity")


class MarkdownParser:
    """Parses fragments into element trees whose root is a <div>."""

    def __init__(self):
        self._md = markdown.Markdown(extensions=["tables", "sane_lists", _WorkshopExtension()])
        bound_inline_scans(self._md)

    def parse(self, text: str) -> etree.Element:
        """Parse one Markdown fragment; the result holds only plain, known elements."""
        md = self._md
        md.reset()
        lines = strip_comments(text).split("\n")
        for prep in md.preprocessors:
            lines = prep.run(lines)
        root = md.parser.parseDocument(lines).getroot()
        for proc in md.treeprocessors:
            new_root = proc.run(root)
            if new_root is not None:
                root = new_root
        _strip_strings(root)
        return root

    def inline_text(self, text: str) -> str:
        """Plain text of an inline fragment (a heading's Markdown without its markup)."""
        root = self.parse(text)
        return "".join(root.itertext()).strip()


def strip_comments(text: str) -> str:
    """text without its <!-- … --> comments, as COMMENT_RE.sub("", text) but in linear time."""
    out, pos = [], 0
    while True:
        start = text.find("<!--", pos)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            break
        out.append(text[pos:start])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _strip_strings(root: etree.Element) -> None:
    """Turn Python-Markdown's AtomicString into plain str, and code back into plain text."""
    for el in root.iter():
        if el.text is not None:
            el.text = _CONTROL.sub("", html.unescape(el.text)) if el.tag == "code" else str(el.text)
        if el.tail is not None:
            el.tail = str(el.tail)
        if el.tag == "a" and "\x02" in el.get("href", ""):  # an <a@b.c> autolink's encoded address
            el.set("href", html.unescape(el.get("href").replace("\x02amp\x03", "&")))
            el.text = _CONTROL.sub("", html.unescape((el.text or "").replace("\x02amp\x03", "&")))
