"""The document model: what the loader builds, the resolver filters and renderers read.

Loaded nodes (Workshop, Module, Slide, Block) carry their source locations. Resolved nodes
(Resolved*) are one audience's view of them, with timings and numbered references.
Nothing here parses Markdown or knows an output format.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from xml.etree.ElementTree import Element

from .citations import join_short
from .diagnostics import Location
from .visuals import Visual

NATIONAL = "national"
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")  # {{ contact.key }}, filled per edition


@dataclass(frozen=True)
class Condition:
    """Who sees a node: a chain of `::: audience` and `::: edition` tests that must all hold."""

    tests: tuple = ()  # each (kind: "audience" | "edition", negate: bool, ids: frozenset)

    def narrowed(self, negate: bool, ids, kind: str = "audience") -> Condition:
        """This condition and one more test."""
        return Condition(self.tests + ((kind, negate, frozenset(ids)),))

    def applies(self, audience_id: Optional[str], edition_id: str = NATIONAL) -> bool:
        """Whether the audience (None: any audience) in the edition sees the node."""
        for kind, negate, ids in self.tests:
            if kind == "audience" and audience_id is None:
                continue
            value = audience_id if kind == "audience" else edition_id
            if (value in ids) == negate:
                return False
        return True


ALWAYS = Condition()


@dataclass
class Source:
    """A bibliography entry from a module's front matter."""

    key: str
    title: str
    publisher: str
    year: Optional[int]
    url: Optional[str]
    module_id: str
    loc: Location
    author: str = ""

    @property
    def short(self) -> str:
        """The short form shown on slides: "Home Office, 2018"."""
        return f"{self.publisher}, {self.year}" if self.year else self.publisher

    @property
    def credit(self) -> str:
        """Who the reference names before its year: "Author, Publisher", or the publisher alone."""
        return f"{self.author}, {self.publisher}" if self.author else self.publisher


@dataclass
class Block:
    """A Markdown fragment parsed once into an element tree; kind is body, notes or handout."""

    kind: str
    tree: Element
    loc: Location
    when: Condition = ALWAYS
    text: str = ""
    placeholders: bool = False  # whether the text holds {{ … }} placeholders to fill per edition
    visual: Optional[Visual] = None  # the slide-vocabulary block it sits in (`::: chart bar`…), if any


@dataclass
class Slide:
    """A section header, content or activity slide with its blocks in source order."""

    kind: str  # "section" | "content" | "activity"
    title: Optional[str]  # None only while an activity is read: its ### heading, else "Activity" at its close
    loc: Location
    when: Condition = ALWAYS
    minutes: Optional[int] = None
    blocks: list = field(default_factory=list)
    title_loc: Optional[Location] = None  # where the title's text starts (its heading line)


@dataclass
class Footnote:
    """A footnote definition `[^id]: text`: its number (0 when nothing refers to it) and text."""

    id: str
    number: int
    loc: Location
    tree: Element


@dataclass
class Module:
    """One Markdown module: front matter plus slides."""

    id: str
    path: Path
    rel: str
    title: str
    duration: dict  # audience id or "default" -> minutes
    audiences: Optional[list]  # None means all
    outcomes: list
    sources: dict
    review_by: Optional[dt.date]
    content_note: Optional[str]
    intro: list
    slides: list
    loc: Location
    key_lines: dict = field(default_factory=dict)
    footnotes: dict = field(default_factory=dict)  # footnote id -> Footnote
    link_definitions: dict = field(default_factory=dict)  # a reference link's address -> where it is defined

    def minutes_for(self, audience_id: str) -> Optional[int]:
        """The module's length for an audience (None if it has none)."""
        return self.duration.get(audience_id, self.duration.get("default"))


@dataclass
class Audience:
    id: str
    name: str
    minutes: int
    description: str = ""
    min_minutes_per_slide: object = None  # as written in workshop.yaml; pacing.py checks and reads it (W204)


@dataclass
class Contact:
    """A helpline or local contact shown on the closing slide and in the handouts."""

    name: str
    phone: str = ""
    url: str = ""
    email: str = ""
    hours: str = ""
    description: str = ""
    role: str = ""
    key: str = ""
    checked: Optional[dt.date] = None
    loc: Optional[Location] = None

    def __str__(self) -> str:
        """How `{{ contact.key }}` reads in a sentence: "Children's front door (MASH), 01632 960000"."""
        return f"{self.name}, {self.phone}" if self.phone else self.name


@dataclass
class Fact:
    """A local figure that modules can quote: `{{ fact.key }}`."""

    key: str
    value: str
    meaning: str = ""
    source: str = ""
    year: Optional[int] = None
    url: str = ""
    loc: Optional[Location] = None

    def __str__(self) -> str:
        return self.value


@dataclass
class Edition:
    """A council's (or region's) own version: name, logo, contacts and local facts."""

    id: str
    name: str
    logo: Optional[Path] = None
    contacts: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)
    rel: str = "workshop.yaml"
    lines: dict = field(default_factory=dict)
    description: str = ""

    def lookup(self, path: str):
        """The value of a placeholder path such as "contact.mash.phone", or None if undefined."""
        root, _, rest = path.partition(".")
        if root == "edition":
            return {"name": self.name, "id": self.id}.get(rest)
        table = {"contact": self.contacts, "fact": self.facts}.get(root)
        if table is None or not rest:
            return None
        key, _, attr = rest.partition(".")
        item = table.get(key)
        if item is None:
            return None
        if not attr:
            return str(item)
        value = getattr(item, attr, None) if attr in item.__dataclass_fields__ and attr not in ("loc", "key") else None
        return None if value in (None, "") else str(value)


@dataclass
class Entry:
    """One item of the running order: a module or a break."""

    loc: Location
    module_id: Optional[str] = None
    break_minutes: Optional[int] = None
    break_title: str = "Break"
    audiences: Optional[list] = None  # narrows who gets it


@dataclass
class Workshop:
    """A loaded, validated workshop project."""

    root: Path
    title: str
    subtitle: str
    organisation: str
    language: str
    slug: str
    start: str
    date: dt.date
    template: Path
    audiences: dict
    entries: list
    modules: dict
    support: list
    editions: dict = field(default_factory=dict)  # council editions by id (not the national one)
    national: Optional[Edition] = None
    source_files: list = field(default_factory=list)
    yaml_lines: dict = field(default_factory=dict)  # workshop.yaml key paths -> lines


# ---- one audience's view ----


@dataclass
class AgendaItem:
    start: dt.datetime
    end: dt.datetime
    title: str
    minutes: int
    kind: str  # "module" | "break"
    module_id: Optional[str] = None
    content_note: Optional[str] = None

    @property
    def start_text(self) -> str:
        return self.start.strftime("%H:%M")

    @property
    def end_text(self) -> str:
        return self.end.strftime("%H:%M")


@dataclass
class Reference:
    """One entry of a build's reference list: its number, its source and its year as cited
    ("2025", or "2025a" beside another Home Office 2025 source; see citations.py)."""

    number: int
    source: Source
    year_text: str = ""

    @property
    def cited(self) -> tuple:
        """(publisher, year as cited): what a citation of this source shows."""
        return (self.source.publisher, self.year_text)

    @property
    def short(self) -> str:
        """The short form as the slides show it: "Home Office, 2025a"."""
        return join_short([self.cited])


@dataclass
class ResolvedSlide:
    kind: str
    title: str
    minutes: Optional[int]
    body: list
    notes: list
    handout: list
    loc: Location


@dataclass
class ResolvedModule:
    module: Module
    minutes: int
    agenda: AgendaItem
    intro: list
    slides: list

    @property
    def title(self) -> str:
        return self.module.title


@dataclass
class Resolved:
    """A workshop resolved for one audience: what each renderer renders."""

    workshop: Workshop
    audience: Audience
    agenda: list
    modules: list
    references: list
    ref_numbers: dict  # (module id, source key) -> number
    edition: Optional[Edition] = None

    @property
    def contacts(self) -> list:
        """The edition's local contacts, then the national helplines."""
        local = list(self.edition.contacts.values()) if self.edition and self.edition.id != NATIONAL else []
        return local + list(self.workshop.support)

    @property
    def total_minutes(self) -> int:
        return sum(item.minutes for item in self.agenda)

    def cite_numbers(self, module_id: str, keys) -> list:
        """Reference-list numbers for a citation's keys, each number once."""
        found = [self.ref_numbers[(module_id, k)] for k in keys if (module_id, k) in self.ref_numbers]
        return list(dict.fromkeys(found))

    def cite_short(self, module_id: str, keys) -> str:
        """The short form of a citation for a slide, each source once and lettered as in the
        reference list: "Home Office, 2025a, 2025b; National Crime Agency, 2019"."""
        sources = self.workshop.modules[module_id].sources
        by_number = {ref.number: ref for ref in self.references}
        parts = []
        for key in keys:
            ref = by_number.get(self.ref_numbers.get((module_id, key), 0))
            if ref is not None:
                parts.append(ref.cited)
            elif key in sources:
                source = sources[key]
                parts.append((source.publisher, str(source.year) if source.year else ""))
        return join_short(parts)
