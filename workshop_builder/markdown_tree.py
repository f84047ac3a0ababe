"""Markdown fragments to element trees, with Python-Markdown, once per fragment.

Raw HTML is not interpreted (it stays literal text, which renderers escape), and citations
`[@key]` / `[@a; @b]` become `<cite keys="a b">` elements that renderers format (each key
once; citations with only spaces between them are one element).

What the tree promises every walker (so no renderer re-reads Markdown):

- a soft line break of the source is a space; a hard break (two trailing spaces, or a
  backslash at the end of a line) is a `<br>`;
- fenced code (``` or ~~~, three or more, indented or not, any info string) is
  `<pre lang="python"><code>text</code></pre>`: the info string's language only, as an
  attribute (`lang` "" when none); `unclosed="1"` when the fence never closes;
- HTML entities (`&amp;`, `&mdash;`, `&#169;`) are characters; `<kbd>Ctrl</kbd>` is
  `<code kbd="1">`; any other raw HTML stays text;
- a footnote reference `[^id]` is `<fnref id="id">` (the module numbers them);
- a picture's pandoc-style attributes (`![alt](x.png){width=50%}` or `{alt="…" width=50%}`)
  are read into `width` (and `alt`); attributes it does not know go into `unknown-attrs`;
- an ordered list's `start` is its first number as written (checks bound it).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Optional

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor

from .citations import merge_adjacent
from .markdown_limits import bound_inline_scans

if TYPE_CHECKING:
    from .parse_cache import ParsedTrees

FENCE_OPEN = re.compile(r"^( *)(`{3,}|~{3,})(.*)$")
FOOTNOTE_REF_RE = r"\[\^([^\[\]\s]+)\]"  # the id stops at the next [ : linear on a run of [^
KBD_RE = r"<kbd>([^<>\n]+?)</kbd>"
HARD_BREAK_RE = r"\\\n"
PLACEHOLDER_RE = re.compile("\x02wzxhzdk:(\\d+)\x03")
SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")
FENCE_TOKEN = "WBFENCEDCODE{}WBFENCEDCODE"
FENCE_TOKEN_RE = re.compile(r"WBFENCEDCODE(\d+)WBFENCEDCODE")
PICTURE_ATTRS = re.compile(r"^\{([^{}\n]*)\}")
ATTR_ITEM = re.compile(r"""([\w-]+)=(?:"([^"]*)"|'([^']*)'|([^\s"']+))|([.#][\w-]+)""")
CITATION_RE = r"\[(@[\w.:-]+(?:\s*;\s*@[\w.:-]+)*)\]"
CITATION_KEYS_RE = re.compile(r"@([\w.:-]+)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # an entity (&#27;) may spell one: dropped
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


class Fence:
    """An open code fence: its indent, character, length and language."""

    def __init__(self, indent: int, char: str, length: int, lang: str):
        self.indent, self.char, self.length, self.lang = indent, char, length, lang

    def closes(self, line: str) -> bool:
        """Whether a line closes this fence (the same character, at least as many, nothing after)."""
        stripped = line.strip()
        return len(stripped) >= self.length and set(stripped) == {self.char}


def fence_opening(line: str):
    """The Fence a line opens (``` or ~~~, three or more, any indent and info string), else None."""
    m = FENCE_OPEN.match(line.expandtabs(4))
    if not m:
        return None
    indent, fence, info = len(m.group(1)), m.group(2), m.group(3).strip()
    if fence[0] == "`" and "`" in info:  # ```inline code``` on one line is not a fence
        return None
    return Fence(indent, fence[0], len(fence), info_language(info))


def info_language(info: str) -> str:
    """The language of a fence's info string: `python`, `{.python .numberLines}`, `language-r` -> the name."""
    words = info.strip("{} ").replace(",", " ").split()
    word = words[0] if words else ""
    word = word.lstrip(".")
    word = word.removeprefix("language-")
    return word if word and "=" not in word else ""


class FenceTracker:
    """Tells, line by line, which lines belong to fenced code (the one place fences are recognised,
    block-quoted fences included)."""

    def __init__(self):
        self.open = None  # the open Fence, or None
        self.prefix = ""  # the open fence's quote marks ("> "), "" outside a quote

    def step(self, line: str) -> bool:
        """Feed one line; True when it is a fence line or inside fenced code."""
        if self.open is not None:
            inner = _inside_quote(line, self.prefix)
            if inner is not None:
                if self.open.closes(inner):
                    self.open = None
                return True
            self.open = None  # the quote ended, and its fence with it
        m = QUOTE_PREFIX.match(line)
        self.prefix = m.group(0) if m else ""
        self.open = fence_opening(line[len(self.prefix):])
        return self.open is not None


def code_lines(text: str) -> set:
    """The 0-based line offsets of a fragment that are fenced code (fence lines included)."""
    tracker = FenceTracker()
    return {n for n, line in enumerate(text.split("\n")) if tracker.step(line)}


QUOTE_PREFIX = re.compile(r"^(?: {0,3}> ?)+")


class _FencePreprocessor(Preprocessor):
    """Fenced code out of the way of every other rule: each fence becomes one placeholder line,
    the code is kept aside and put back as a <pre> after parsing. A fence inside a block quote
    (`> ```…`) is read the same way, its lines without their `>` marks."""

    def run(self, lines):
        out: list = []
        stash = self.md.workshop_fences
        fence, body, prefix = None, [], ""
        for line in lines:
            if fence is not None:
                inner = _inside_quote(line, prefix)
                if inner is None and prefix.strip():  # the quote ended: so did its fence
                    self._emit(out, fence, body, stash, False, prefix)
                    fence = None
                elif fence.closes(inner):
                    self._emit(out, fence, body, stash, True, prefix)
                    fence = None
                    continue
                else:
                    body.append(_dedent(inner.expandtabs(4), fence.indent))
                    continue
            m = QUOTE_PREFIX.match(line)
            prefix = m.group(0) if m else ""
            fence = fence_opening(line[len(prefix):])
            if fence is None:
                out.append(line)
            else:
                body = []
        if fence is not None:
            self._emit(out, fence, body, stash, False, prefix)
        return out

    @staticmethod
    def _emit(out: list, fence: Fence, body: list, stash: list, closed: bool, prefix: str = "") -> None:
        """One placeholder paragraph for a fence, at the fence's indent (inside its quote)."""
        while body and not body[-1].strip():
            body.pop()
        stash.append((fence.lang, "\n".join(body), closed))
        pad = prefix + " " * fence.indent
        blank = prefix.rstrip()
        if out and out[-1].strip() and out[-1].strip() != blank.strip():
            out.append(blank)
        out.extend([pad + FENCE_TOKEN.format(len(stash) - 1), blank])


def _inside_quote(line: str, prefix: str):
    """A line without its quote marks (prefix), "" for a bare `>` line, None when it leaves the quote."""
    if line.startswith(prefix):
        return line[len(prefix):]
    if prefix.strip() and line.rstrip() == prefix.rstrip():
        return ""
    return None


def _dedent(line: str, indent: int) -> str:
    """A code line without (at most) the fence's own indent."""
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, indent):]


class _KbdProcessor(InlineProcessor):
    """`<kbd>Ctrl</kbd>` -> <code kbd="1">Ctrl</code> (keys are shown as code)."""

    def handleMatch(self, m, data):  # noqa: N802
        el = etree.Element("code")
        el.set("kbd", "1")
        el.text = m.group(1)
        return el, m.start(0), m.end(0)


class _HardBreakProcessor(InlineProcessor):
    """A backslash at the end of a line is a hard break, as in CommonMark and pandoc."""

    def handleMatch(self, m, data):  # noqa: N802
        return etree.Element("br"), m.start(0), m.end(0)


class _FootnoteRefProcessor(InlineProcessor):
    """`[^id]` -> <fnref id="id"/>; the module numbers references and keeps the definitions."""

    def handleMatch(self, m, data):  # noqa: N802
        el = etree.Element("fnref")
        el.set("id", m.group(1))
        return el, m.start(0), m.end(0)


class _WorkshopExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802
        md.workshop_fences = []
        md.preprocessors.register(_FencePreprocessor(md), "workshop_fences", 27)
        md.preprocessors.register(_ListIndentPreprocessor(md), "list_indent", 25)
        md.inlinePatterns.register(_CitationProcessor(CITATION_RE, md), "citation", 175)
        md.inlinePatterns.register(_FootnoteRefProcessor(FOOTNOTE_REF_RE, md), "footnote_ref", 176)
        md.inlinePatterns.register(_KbdProcessor(KBD_RE, md), "kbd", 185)
        md.inlinePatterns.register(_HardBreakProcessor(HARD_BREAK_RE, md), "backslash_break", 186)
        # Raw HTML stays text: never interpreted, always escaped by the renderers. Entities
        # (&amp; &mdash;) are kept by Python-Markdown aside and become characters in parse().
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class MarkdownParser:
    """Parses fragments into element trees whose root is a <div>."""

    def __init__(self, smart_quotes: bool = False):
        extensions = ["tables", "sane_lists", _WorkshopExtension()]
        if smart_quotes:
            extensions.append("smarty")
        self.smart_quotes = smart_quotes
        self.references: dict = {}  # the module's reference-link definitions: id -> (address, title)
        self.cache: Optional[ParsedTrees] = None  # trees parsed by earlier commands, by fragment
        self._extensions = extensions
        self._markdown = None  # made on the first fragment not in the cache

    @property
    def _md(self) -> markdown.Markdown:
        if self._markdown is None:
            self._markdown = markdown.Markdown(extensions=self._extensions)
            bound_inline_scans(self._markdown)
        return self._markdown

    def parse(self, text: str) -> etree.Element:
        """Parse one Markdown fragment; the result holds only plain, known elements."""
        if self.cache is None:
            return self._parse(text)
        key = self.cache.key(self.smart_quotes, self.references, text)
        tree = self.cache.get(key)
        if tree is None:
            tree = self._parse(text)
            self.cache.put(key, tree)
        return tree

    def _parse(self, text: str) -> etree.Element:
        md = self._md
        md.reset()
        md.references.update(self.references)
        md.workshop_fences = []
        lines = strip_comments(text).split("\n")
        for prep in md.preprocessors:
            lines = prep.run(lines)
        root = md.parser.parseDocument(lines).getroot()
        for proc in md.treeprocessors:
            new_root = proc.run(root)
            if new_root is not None:
                root = new_root
        _strip_strings(root)
        _characters(root, md.htmlStash.rawHtmlBlocks)
        _join_soft_breaks(root)
        _picture_attributes(root)
        merge_adjacent(root)
        _put_back_fences(root, md.workshop_fences)
        return root

    def inline_text(self, text: str) -> str:
        """Plain text of an inline fragment (a heading's Markdown without its markup)."""
        root = self.parse(text)
        return "".join(root.itertext()).strip()


def _characters(root: etree.Element, stash: list) -> None:
    """Entities Python-Markdown kept aside (`&amp;`, smart quotes) back as the characters they name."""
    def put_back(text):
        return PLACEHOLDER_RE.sub(lambda m: _CONTROL.sub("", html.unescape(str(stash[int(m.group(1))]))), text)

    for el in root.iter():
        if el.text and "\x02" in el.text:
            el.text = put_back(el.text)
        if el.tail and "\x02" in el.tail:
            el.tail = put_back(el.tail)
        for key, value in el.attrib.items():
            if "\x02" in value:
                el.set(key, put_back(value))


def _join_soft_breaks(root: etree.Element) -> None:
    """A soft line break is a space; the newline after a hard break goes. Whitespace-only text
    between blocks is left alone; nothing inside <pre> is touched."""
    inside_pre = {id(el) for pre in root.iter("pre") for el in pre.iter()}
    for el in root.iter():
        if id(el) in inside_pre and el.tag != "pre":
            continue
        if el.text and el.tag != "pre" and "\n" in el.text and el.text.strip():
            el.text = SOFT_BREAK.sub(" ", el.text)
        if el.tail and "\n" in el.tail and el.tail.strip():
            tail = el.tail.lstrip(" \t\n") if el.tag == "br" else el.tail
            el.tail = SOFT_BREAK.sub(" ", tail)
        elif el.tail and el.tag == "br" and not el.tail.strip():
            el.tail = ""


def _picture_attributes(root: etree.Element) -> None:
    """Pandoc-style attributes after a picture, `{width=50%}` or `{alt="…" width=50%}`, into the <img>."""
    for img in root.iter("img"):
        m = PICTURE_ATTRS.match(img.tail or "")
        if not m:
            continue
        unknown = []
        for item in ATTR_ITEM.finditer(m.group(1)):
            key, value = item.group(1), next((g for g in item.group(2, 3, 4) if g is not None), "")
            if item.group(5):
                continue  # a class or id: nothing to show
            if key in ("width", "alt"):
                img.set(key, value)
            else:
                unknown.append(key)
        rest = ATTR_ITEM.sub("", m.group(1)).strip()
        if rest:
            unknown.append(rest)
        if unknown:
            img.set("unknown-attrs", " ".join(unknown))
        img.tail = (img.tail or "")[m.end():]


def attribute_alt(after: str) -> str:
    """The alt text given in pandoc-style attributes at the start of after (`{alt="…"}`), else ""."""
    m = PICTURE_ATTRS.match(after)
    for item in ATTR_ITEM.finditer(m.group(1) if m else ""):
        if item.group(1) == "alt":
            return next((g for g in item.group(2, 3, 4) if g is not None), "")
    return ""


def _put_back_fences(root: etree.Element, fences: list) -> None:
    """Each fence's placeholder as <pre lang="…"><code>: a placeholder paragraph becomes the <pre>;
    a placeholder in other text (a tight list item's) is split off into a <pre> after that text."""
    if not fences:
        return
    parents = {child: parent for parent in root.iter() for child in parent}
    for el in list(root.iter()):
        if el.text and FENCE_TOKEN_RE.search(el.text):
            token = FENCE_TOKEN_RE.search(el.text)
            if el.tag == "p" and not len(el) and FENCE_TOKEN_RE.fullmatch(el.text.strip()):
                assert token is not None  # searched just above
                _as_pre(el, fences[int(token.group(1))])
            else:
                el.text, pre = _split_off(el.text, fences)
                el.insert(0, pre)
        if el.tail and FENCE_TOKEN_RE.search(el.tail) and el in parents:
            el.tail, pre = _split_off(el.tail, fences)
            parent = parents[el]
            parent.insert(list(parent).index(el) + 1, pre)


def _split_off(text: str, fences: list) -> tuple:
    """(the text before the first placeholder, a <pre> of its fence whose tail is the text after)."""
    before, number, after = FENCE_TOKEN_RE.split(text, maxsplit=1)
    pre = etree.Element("pre")
    _as_pre(pre, fences[int(number)])
    pre.tail = after.strip() or None
    return before.rstrip() or None, pre


def _as_pre(el: etree.Element, fence: tuple) -> None:
    """Turn an element into <pre lang=…><code>text</code></pre>."""
    lang, text, closed = fence
    el.tag, el.text = "pre", None
    el.attrib.clear()
    el.set("lang", lang)
    if not closed:
        el.set("unclosed", "1")
    for child in list(el):
        el.remove(child)
    code = etree.SubElement(el, "code")
    code.text = text + "\n" if text else ""


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
            el.text = _CONTROL.sub("", html.unescape(el.text)) if el.tag == "code" and not el.get("kbd") else str(el.text)
        if el.tail is not None:
            el.tail = str(el.tail)
        if el.tag == "a" and "\x02" in el.get("href", ""):  # an <a@b.c> autolink's encoded address
            el.set("href", html.unescape(el.get("href", "").replace("\x02amp\x03", "&")))
            el.text = _CONTROL.sub("", html.unescape((el.text or "").replace("\x02amp\x03", "&")))
