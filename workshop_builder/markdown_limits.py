"""Bounds on Python-Markdown's inline scans, so every input costs time linear in its length.

Python-Markdown looks for the `]` that closes each `[` and the `)` that closes each `](`
by scanning to the end of the paragraph, once per bracket: 8 KB of `[` took seconds. Here
the scans look at most MAX_LINK_SPAN characters ahead, and the bracket that closes each `[`
(or `(`) comes from a table built once per window of text, so a run of unclosed brackets
costs one pass, not one pass per bracket. A link whose text or address is longer than
MAX_LINK_SPAN characters is read as plain text.
"""

from __future__ import annotations

import re
from typing import Optional

MAX_LINK_SPAN = 2000  # characters a link's text, or its address and title, may span
_FAST = 64  # short scans are done directly; longer ones use the table


class _Closers:
    """Where each opening bracket in a window of one string is closed (-1: not in the window)."""

    def __init__(self, opener: str, closer: str):
        self.opener, self.closer = opener, closer
        self.brackets = re.compile(re.escape(opener) + "|" + re.escape(closer))
        self.data: Optional[str] = None
        self.start, self.end = 0, 0
        self.close: dict = {}
        self.slack = 256  # built beyond the span; doubles while the same text needs more

    def find(self, data: str, index: int) -> int:
        """The position of the closer matching the opener at index - 1, or -1 within the span."""
        end = min(len(data), index + MAX_LINK_SPAN)
        if data is not self.data or index < self.start or end > self.end:
            self.slack = min(2 * self.slack, 1 << 20) if data is self.data else 256
            self._build(data, index, min(len(data), index + MAX_LINK_SPAN + self.slack))
        close = self.close.get(index - 1, -1) if index - 1 >= self.start else self._scan(data, index, end)
        return close if close < end else -1

    def _build(self, data: str, start: int, end: int) -> None:
        """One pass over data[start - 1:end] with a stack of open brackets."""
        start = max(start - 1, 0)
        opener, stack, close = self.opener, [], {}
        for m in self.brackets.finditer(data, start, end):  # only the brackets, found by the regex engine
            if m.group() == opener:
                stack.append(m.start())
            elif stack:
                close[stack.pop()] = m.start()
        self.data, self.start, self.end, self.close = data, start, end, close

    def _scan(self, data: str, index: int, end: int) -> int:
        depth = 1
        for pos in range(index, end):
            c = data[pos]
            if c == self.opener:
                depth += 1
            elif c == self.closer:
                depth -= 1
                if depth == 0:
                    return pos
        return -1


def _bounded(cls):
    """A subclass of a link processor whose bracket scans are bounded (see module docstring)."""

    class Bounded(cls):
        _brackets = None
        _parens = None

        def getText(self, data, index):  # noqa: N802 (Python-Markdown's API)
            """The link text up to the matching `]`, found in bounded time."""
            head = data[index:index + _FAST]
            if "]" in head:
                text, end, ok = super().getText(head, 0)
                if ok:
                    return text, index + end, True
            if self._brackets is None:
                self._brackets = _Closers("[", "]")
            close = self._brackets.find(data, index)
            if close < 0:
                return data[index:index + MAX_LINK_SPAN], min(len(data), index + MAX_LINK_SPAN), False
            return data[index:close], close + 1, True

        if hasattr(cls, "getLink"):
            def getLink(self, data, index):  # noqa: N802
                """The address and title after `](`, looking at most MAX_LINK_SPAN characters ahead."""
                window = data[index:index + MAX_LINK_SPAN]
                if ")" not in window:
                    return "", None, index, False
                if not ("'" in window or '"' in window or "<" in window) and len(window) > _FAST:
                    if self._parens is None:
                        self._parens = _Closers("(", ")")
                    if data[index:index + 1] == "(" and self._parens.find(data, index + 1) < 0:
                        return "", None, index, False
                href, title, end, ok = super().getLink(window, 0)
                return href, title, index + end, ok

        if hasattr(cls, "evalId"):
            def evalId(self, data, index, text):  # noqa: N802
                """The reference id of `[text][id]`, looking at most MAX_LINK_SPAN characters ahead."""
                ident, end, ok = super().evalId(data[index:index + MAX_LINK_SPAN], 0, text)
                return ident, index + end, ok

    Bounded.__name__ = "Bounded" + cls.__name__
    return Bounded


def bound_inline_scans(md) -> None:
    """Replace md's link, picture and reference processors with bounded versions of themselves."""
    shared = (_Closers("[", "]"), _Closers("(", ")"))
    for name in ("reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref"):
        if name not in md.inlinePatterns:
            continue
        old = md.inlinePatterns[name]
        priority = next(item.priority for item in md.inlinePatterns._priority if item.name == name)
        new = _bounded(type(old))(old.pattern, md)
        new._brackets, new._parens = shared  # one table per text for all the processors
        md.inlinePatterns.register(new, name, priority)


MAX_LINE_CHARS = 100_000  # a line (and so a word) longer than this cannot be measured for a slide


def check_line_lengths(lines: list, first_line: int, rel: str, report) -> bool:
    """One E006 for the first line over MAX_LINE_CHARS characters; True when there is none."""
    from .codes.load import FILE_TOO_LARGE
    from .diagnostics import Location

    for offset, line in enumerate(lines):
        if len(line) > MAX_LINE_CHARS:
            report.error(Location(rel, first_line + offset), FILE_TOO_LARGE, f"line is {len(line):,} characters long; "
                         f"the limit is {MAX_LINE_CHARS:,}", "break it into paragraphs of reasonable length")
            return False
    return True
