"""A module's Markdown body to slides, line by line, keeping every line number.

Structure (headings, `:::` blocks) is split here; Python-Markdown parses only the small
fragments between structure lines, once.
"""

from __future__ import annotations

import re
from typing import Optional

from . import visuals
from .codes.load import (
    ACTIVITY_MINUTES,
    BAD_NESTING,
    BLOCK_WITHOUT_IDS,
    CHART_KIND,
    DUPLICATE_FOOTNOTE,
    HEADING_IN_BLOCK,
    NESTED_TOO_DEEP,
    STRAY_CLOSE,
    TOO_MANY_SLIDES,
    UNCLOSED_BLOCK,
    UNKNOWN_BLOCK,
    UNREADABLE_NESTING,
    UNTITLED_SLIDE,
    VISUAL_BLOCK_PLACE,
)
from .diagnostics import Location, Report, did_you_mean
from .markdown_tree import FenceTracker, ListLevels, MarkdownParser, code_lines
from .model import ALWAYS, PLACEHOLDER, Block, Slide
from .visuals import Visual

BLOCK_NAMES = ("notes", "handout", "activity", "audience", "edition") + visuals.NAMES
FENCE_OPEN = re.compile(r"^(:{3,})\s*(\S.*?)\s*:*\s*$")
FENCE_CLOSE = re.compile(r"^:{3,}\s*$")
HEADING = re.compile(r"^(#{1,3})(?:\s+(.*?))?\s*#*\s*$")
LINK_DEF = re.compile(r"""^ {0,3}\[([^\]^@][^\]]*)\]:[ \t]*<?([^\s>]+)>?(?:[ \t]+(?:"([^"]*)"|'([^']*)'|\(([^)]*)\)))?[ \t]*$""")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$")
MAX_NESTING = 20
MAX_SLIDES = 1000
MAX_LIST_DEPTH = 12


MAX_TREE_DEPTH = 3 * MAX_LIST_DEPTH


def _depth(tree) -> int:
    """How deeply an element tree nests (without recursion)."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        el, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in el)
    return deepest


class _Frame:
    def __init__(self, name, loc, when, kind=None, slide=None, visual=None):
        self.name, self.loc, self.when, self.kind, self.slide = name, loc, when, kind, slide
        self.visual = visual  # a slide-vocabulary block (visuals.Visual), else None
        self.blocks: list = []  # the Markdown blocks read inside a vocabulary block
        self.children: list = []  # a columns block's columns


class BodyParser:
    """Splits one module body into an introduction and slides."""

    def __init__(self, rel: str, parser: MarkdownParser, report: Report):
        self.rel, self.md, self.report = rel, parser, report
        self.intro: list = []
        self.slides: list = []
        self.audience_refs: list = []  # (Location, audience id)
        self.edition_refs: list = []  # (Location, edition id)
        self._stack: list = []
        self._slide: Optional[Slide] = None
        self._buf: list = []
        self._buf_line = 0
        self._too_many = False
        self.footnotes: dict = {}  # footnote id -> (Location, element tree of its text)
        self.link_definitions: dict = {}  # a reference link's address -> Location of its definition

    # -- context of the current line --
    def _when(self):
        return self._stack[-1].when if self._stack else ALWAYS

    def _kind(self):
        for frame in reversed(self._stack):
            if frame.kind:
                return frame.kind
        return "body"

    def _visual(self):
        """The innermost open vocabulary block, or None."""
        for frame in reversed(self._stack):
            if frame.visual is not None:
                return frame
        return None

    def _target(self):
        for frame in reversed(self._stack):
            if frame.slide is not None:
                return frame.slide
        return self._slide

    def _flush(self) -> None:
        """Parse the buffered lines as one fragment and attach it where it belongs."""
        lines, start = self._buf, self._buf_line
        self._buf = []
        if not any(line.strip() for line in lines):
            return
        text = "\n".join(lines)
        if not self._shallow_enough(lines, start):
            return
        frame = self._visual()
        if frame is not None and frame.visual.name == "stat":  # a stat's lines are its figure and label
            parsed = "\n".join(line.rstrip() + "  " if line.strip() else line for line in lines)
        else:
            parsed = text
        try:
            tree = self.md.parse(parsed)
        except RecursionError:
            self.report.error(Location(self.rel, start, 1), UNREADABLE_NESTING, "this passage is nested too deeply to read",
                              "flatten the nested lists or quotes")
            return
        if _depth(tree) > MAX_TREE_DEPTH:
            self.report.error(Location(self.rel, start, 1), NESTED_TOO_DEEP, "lists or quotes are nested more than "
                              f"{MAX_LIST_DEPTH} levels deep", "flatten the nested lists or quotes")
            return
        visual = frame
        block = Block(self._kind(), tree, Location(self.rel, start, 1), self._when(), text,
                      placeholders=bool(PLACEHOLDER.search(text)), visual=visual.visual if visual else None)
        if visual is not None:
            if visual.name == "columns":
                self.report.error(block.loc, VISUAL_BLOCK_PLACE, "text directly inside ':::: columns' belongs to no column",
                                  "put it inside a '::: column' block")
            for frame in self._stack:
                if frame.visual is not None:
                    frame.blocks.append(block)
        target = self._target()
        (target.blocks if target is not None else self.intro).append(block)

    def _shallow_enough(self, lines: list, start: int) -> bool:
        """Lists nest at most MAX_LIST_DEPTH levels and quotes as deep; else report and skip."""
        levels, fenced = ListLevels(), code_lines("\n".join(lines))
        for offset, line in enumerate(lines):
            if offset in fenced:  # code: its `>` and `-` are text, not quotes and lists
                continue
            levels.step(line)
            quote_depth = len(line) - len(line.lstrip("> ")) if line.lstrip().startswith(">") else 0
            if levels.depth > MAX_LIST_DEPTH or line.count(">", 0, quote_depth) > MAX_LIST_DEPTH:
                self.report.error(Location(self.rel, start + offset, 1), NESTED_TOO_DEEP,
                                  f"lists or quotes are nested more than {MAX_LIST_DEPTH} levels deep",
                                  "flatten the list: a slide point needs two or three levels at most")
                return False
        return True

    def _link_definitions(self, lines: list, first_line: int) -> set:
        """Collect the module's reference-link definitions (`[id]: address "title"`), wherever they
        stand, so a reference in any passage resolves; the indices of their lines."""
        fences, taken = FenceTracker(), set()
        for i, line in enumerate(lines):
            if fences.step(line):
                continue
            m = LINK_DEF.match(line)
            if m:
                title = next((g for g in m.group(3, 4, 5) if g is not None), None)
                self.md.references.setdefault(" ".join(m.group(1).lower().split()), (m.group(2), title))
                self.link_definitions.setdefault(m.group(2), Location(self.rel, first_line + i, 1))
                taken.add(i)
        return taken

    def parse(self, lines: list, first_line: int) -> None:
        """Parse body lines; first_line is the file line number of lines[0]."""
        self.md.references = {}
        link_definitions = self._link_definitions(lines, first_line)
        fences = FenceTracker()
        footnote = None  # the footnote definition being read: (id, location, lines)
        for i, line in enumerate(lines):
            n = first_line + i
            in_code = fences.step(line)
            if footnote is not None:
                if line.startswith(("    ", "\t")) or (not line.strip() and i + 1 < len(lines)
                                                      and lines[i + 1].startswith(("    ", "\t"))):
                    footnote[2].append(line.strip())
                    self._keep_place()
                    continue
                self._footnote(*footnote)
                footnote = None
            if i in link_definitions:
                self._keep_place()
                continue
            if not in_code:
                m = FOOTNOTE_DEF.match(line)
                if m:
                    footnote = (m.group(1), Location(self.rel, n, 1), [m.group(2)])
                    self._keep_place()
                    continue
                if FENCE_CLOSE.match(line):
                    self._flush()
                    self._close(n)
                    continue
                m = FENCE_OPEN.match(line)
                if m:
                    self._flush()
                    self._open(m.group(2), Location(self.rel, n, len(m.group(1)) + 2))
                    continue
                m = HEADING.match(line)
                if m and self._heading(len(m.group(1)), (m.group(2) or "").strip(), n,
                                       m.start(2) + 1 if m.group(2) else len(line) + 1):
                    continue
            if not self._buf:
                self._buf_line = n
            self._buf.append(line)
        if footnote is not None:
            self._footnote(*footnote)
        self._flush()
        for frame in self._stack:
            self.report.error(frame.loc, UNCLOSED_BLOCK, f"'::: {frame.name}' block is never closed",
                              "add a line of ':::' where the block ends")

    def _keep_place(self) -> None:
        """A blank line in the buffer for a line taken out of it, so later lines keep their numbers."""
        if self._buf:
            self._buf.append("")

    def _footnote(self, ident: str, loc: Location, lines: list) -> None:
        """Keep a footnote definition `[^id]: text` (it may be anywhere in the module) for the module."""
        if ident in self.footnotes:
            self.report.error(loc, DUPLICATE_FOOTNOTE, f"footnote '[^{ident}]' is defined twice "
                              f"(first at line {self.footnotes[ident][0].line})", "give each footnote its own id")
            return
        text = "\n".join(lines).strip()
        self.footnotes[ident] = (loc, self.md.parse(text))

    def _heading(self, level: int, title: str, n: int, col: int = 1) -> bool:
        """Handle a heading line; False when it is ordinary content (a ### in a slide)."""
        loc = Location(self.rel, n, 1)
        inside = [f.name for f in self._stack if f.name not in ("audience", "edition")]
        if level == 3:
            act = self._target()
            if act is not None and act.kind == "activity" and act.title is None and not any(
                    line.strip() for line in self._buf) and inside[-1:] == ["activity"]:
                act.title = self.md.inline_text(title) or "Activity"
                act.title_loc = Location(self.rel, n, col)
                return True
            return False
        if inside:
            self.report.error(loc, HEADING_IN_BLOCK, f"a '{'#' * level}' heading cannot be inside a "
                              f"'::: {inside[-1]}' block", "close the block with ':::' before the heading")
            return True
        self._flush()
        if not title:
            self.report.error(loc, UNTITLED_SLIDE, "slide has no title", f"write the title after '{'#' * level} '")
        kind = "section" if level == 1 else "content"
        if len(self.slides) >= MAX_SLIDES:
            if not self._too_many:
                self._too_many = True
                self.report.error(loc, TOO_MANY_SLIDES, f"module has more than {MAX_SLIDES} slides",
                                  "split it into several modules")
            return True
        self._slide = Slide(kind, self.md.inline_text(title) if title else "", loc, self._when(),
                            title_loc=Location(self.rel, n, col))
        self.slides.append(self._slide)
        return True

    def _open(self, spec: str, loc: Location) -> None:
        """Open a `:::` block."""
        words = spec.strip("{}").split()
        name = words[0].lstrip(".") if words else ""
        args = words[1:]
        when, kind, slide = self._when(), None, None
        enclosing = [f.name for f in self._stack if f.name not in ("audience", "edition")]
        if len(self._stack) >= MAX_NESTING:
            self.report.error(loc, BAD_NESTING, f"blocks are nested more than {MAX_NESTING} deep",
                              "close some blocks first")
        elif name not in BLOCK_NAMES:
            hint = did_you_mean(name, BLOCK_NAMES) or f"known blocks: {', '.join(BLOCK_NAMES)}"
            self.report.error(loc, UNKNOWN_BLOCK, f"unknown block '::: {name}'", hint)
        elif name in visuals.NAMES:
            visual = self._open_visual(name, spec, loc, enclosing)
            if visual is not None:
                frame = _Frame(name, loc, when, visual=visual)
                parent = self._visual()
                if parent is not None:
                    parent.children.append(visual)
                self._stack.append(frame)
                return
        elif name in ("notes", "handout"):
            if any(e in visuals.NAMES for e in enclosing):
                self.report.error(loc, VISUAL_BLOCK_PLACE, f"a '::: {name}' block cannot be inside "
                                  f"'::: {next(e for e in reversed(enclosing) if e in visuals.NAMES)}'",
                                  "close the slide-vocabulary block first, then write the notes")
            elif enclosing and enclosing[-1] in ("notes", "handout"):
                self.report.error(loc, BAD_NESTING, f"a '::: {name}' block cannot be inside '::: {enclosing[-1]}'",
                                  "close the outer block first")
            kind = name
        elif name == "activity":
            if enclosing:
                self.report.error(loc, BAD_NESTING, f"an activity cannot be inside '::: {enclosing[-1]}'",
                                  "close the outer block first")
            minutes = args[0] if args else ""
            if not (minutes.isascii() and minutes.isdigit()) or not 0 < int(minutes) <= 24 * 60:
                self.report.error(loc, ACTIVITY_MINUTES, f"activity needs its length in minutes, got '{minutes}'",
                                  "write '::: activity 10' for a 10-minute activity")
                minutes = "0"
            slide = Slide("activity", None, loc, when, minutes=int(minutes))
            self.slides.append(slide)
            kind = "body"
        elif name in ("audience", "edition"):
            negate = bool(args) and args[0] == "not"
            ids = args[1:] if negate else args
            if not ids:
                example = "elected-members" if name == "audience" else "example-council"
                self.report.error(loc, BLOCK_WITHOUT_IDS, f"'::: {name}' needs one or more {name} ids",
                                  f"write '::: {name} {example}' or '::: {name} not {example}'")
            refs = self.audience_refs if name == "audience" else self.edition_refs
            refs.extend((loc, ident) for ident in ids)
            when = when.narrowed(negate, ids, kind=name)
        self._stack.append(_Frame(name, loc, when, kind, slide))

    def _open_visual(self, name: str, spec: str, loc: Location, enclosing: list):
        """A vocabulary block's Visual, or None (reported) when it is misplaced or malformed."""
        parsed = visuals.parse_spec(spec.strip("{}"))
        if parsed is None:
            self.report.error(loc, CHART_KIND, f"a quote in '::: {name}' is never closed",
                              'write title="NRM referrals by year"')
            return None
        args, attrs = parsed
        args = args[1:]  # the name itself
        parent = self._visual()
        if self._target() is None:
            self.report.error(loc, VISUAL_BLOCK_PLACE, f"a '::: {name}' block must be inside a slide",
                              "put it under a '## Slide title'")
            return None
        if name == "column":
            if enclosing[-1:] != ["columns"]:
                self.report.error(loc, VISUAL_BLOCK_PLACE, "a '::: column' block must be directly inside ':::: columns'",
                                  "open ':::: columns' (four colons) around the '::: column' blocks")
                return None
        elif enclosing:
            self.report.error(loc, VISUAL_BLOCK_PLACE, f"a '::: {name}' block cannot be inside '::: {enclosing[-1]}'",
                              f"close '::: {enclosing[-1]}' first; a '::: {name}' block belongs directly in a slide")
            return None
        kind, tone = "", ""
        if name == "column":
            tone, mistake = visuals.column_tone(args, attrs)
            if mistake is not None:  # reported; the column is still read, so its content is checked
                self.report.error(loc, CHART_KIND, *mistake)
        elif name == "chart":
            kind = args[0] if args else ""
            unknown = [k for k in attrs if k not in visuals.CHART_ATTRIBUTES] + args[1:]
            if kind not in visuals.CHART_KINDS:
                hint = did_you_mean(kind, visuals.CHART_KINDS) if kind else ""
                self.report.error(loc, CHART_KIND, f"chart kind '{kind}' is not one of {', '.join(visuals.CHART_KINDS)}"
                                  if kind else "a chart needs its kind", hint or "write '::: chart column'")
                return None
            if unknown:
                self.report.error(loc, CHART_KIND, f"chart attribute '{unknown[0]}' is not one of "
                                  f"{', '.join(visuals.CHART_ATTRIBUTES)}",
                                  'write e.g. \'::: chart column title="NRM referrals" unit="referrals"\'')
                return None
        elif args or attrs:
            self.report.error(loc, CHART_KIND, f"'::: {name}' takes no words after its name",
                              f"write '::: {name}' alone on its line")
            return None
        return Visual(name, loc, kind, dict(attrs) if name == "chart" else {},
                      parent.visual if parent is not None else None, tone)

    def _closed_visual(self, frame: _Frame) -> None:
        """A vocabulary block has closed: check that it holds what it must."""
        slide = self._target()
        earlier = [] if slide is None else [
            b.visual for b in slide.blocks if b.visual is not None and b.visual.name == "stat"]
        visuals.check_block(frame.visual, frame.blocks, frame.children, self.rel, self.report,
                    stats_before=len({id(v) for v in earlier if v is not frame.visual}))

    def _close(self, n: int) -> None:
        """Close the innermost open block."""
        if not self._stack:
            self.report.error(Location(self.rel, n, 1), STRAY_CLOSE, "':::' closes no open block",
                              "remove this line, or open a block above it")
            return
        frame = self._stack.pop()
        if frame.visual is not None:
            self._closed_visual(frame)
        if frame.slide is not None and frame.slide.title is None:
            frame.slide.title = "Activity"
