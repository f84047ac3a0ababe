"""The shape of every configuration file, declared once: workshop.yaml, module front matter, editions.

Each file is a `Mapping` of named `Field`s; a field's value is text, a value the loader reads
and checks itself (dates, times, minutes…), a list, a table (a mapping whose keys the author
chooses, such as audience ids or source keys) or a nested mapping. `validate` walks a parsed
file against its schema and reports, with the file and line:

- E005 an unknown key, with "did you mean" for a near miss, or where the key belongs when it
  is a key of another part of the configuration (a misplaced key);
- E003 a value of the wrong type (a list where text is expected, a mapping where a list is…);
- E004 a required key that is missing or empty.

The loader then reads the values it needs; the keys and types live only here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

from .codes.load import MISSING_KEY, UNKNOWN_KEY, WRONG_TYPE
from .diagnostics import Location, Report, did_you_mean
from .yamlio import line_of


@dataclass(frozen=True)
class Scalar:
    """A single value. `text` values must be text or a number; others are checked by the loader."""

    kind: str  # text | flag | date | time | minutes | year | audiences | duration | number
    example: str = ""

    def describe(self) -> str:
        return self.kind


@dataclass(frozen=True)
class ListOf:
    """A YAML list whose items all have one shape."""

    item: Shape
    message: str = ""  # the wrong-type message, e.g. "outcomes must be a list"
    fix: str = "write one '- item' per line"

    def describe(self) -> str:
        return f"list of {self.item.describe()}"


@dataclass(frozen=True)
class Table:
    """A mapping whose keys the author chooses (ids, keys), each value of one shape."""

    what: str  # what one entry is called, e.g. "audience"
    value: Shape

    def describe(self) -> str:
        return f"{self.what} ids, each a {self.value.describe()}"


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its shape, whether it is required, and what it is for."""

    shape: Shape
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Mapping:
    """A mapping with a fixed set of keys. `what` names it in messages ({key} is its table key)."""

    what: str
    fields: dict = field(default_factory=dict)
    where: str = ""  # where such a mapping lives, for "belongs in" hints

    def describe(self) -> str:
        return "mapping"


@dataclass(frozen=True)
class RunningOrderItem:
    """A running-order item: a module id, `{id:, audiences:}` or a break `{break:, …}`."""

    entry: Mapping
    brk: Mapping

    def describe(self) -> str:
        return "module id or break"


Shape = Union[Scalar, ListOf, Table, Mapping, RunningOrderItem]

TEXT = Scalar("text")
FLAG = Scalar("flag", "true")
DATE = Scalar("date", "2026-11-27")
TIME = Scalar("time", '"09:30"')
MINUTES = Scalar("minutes", "15")
YEAR = Scalar("year", "2023")
AUDIENCE_LIST = Scalar("audiences", "[elected-members, all-council-staff]")
DURATION = Scalar("duration", "15 or {default: 15, elected-members: 10}")

AUDIENCE = Mapping("audience '{key}'", {
    "name": Field(TEXT, True, "the audience's name, as the decks show it"),
    "minutes": Field(MINUTES, True, "the slot the agenda must fit"),
    "description": Field(TEXT, False, "who they are, for the handouts"),
    "min_minutes_per_slide": Field(Scalar("number", "2"), False,
                                   "the least minutes a slide should average (W204; default 2; E202 checks it)"),
}, where="an audience under audiences: in workshop.yaml")

ENTRY = Mapping("running-order item", {
    "id": Field(TEXT, True, "the module's file name without .md"),
    "audiences": Field(AUDIENCE_LIST, False, "who gets the module ('all' or a list of ids)"),
}, where="a running-order item under modules: in workshop.yaml")

BREAK = Mapping("break", {
    "break": Field(MINUTES, True, "the break's minutes"),
    "audiences": Field(AUDIENCE_LIST, False, "who gets the break"),
    "title": Field(TEXT, False, "the agenda's name for it (default Break)"),
}, where="a break in the running order")

SUPPORT_CONTACT = Mapping("support contact", {
    "name": Field(TEXT, True), "phone": Field(TEXT), "url": Field(TEXT), "email": Field(TEXT),
    "hours": Field(TEXT), "description": Field(TEXT),
}, where="a support contact under support: in workshop.yaml")

EDITION_CONTACT = Mapping("contact '{key}'", {
    "name": Field(TEXT, True), "role": Field(TEXT), "phone": Field(TEXT), "email": Field(TEXT),
    "url": Field(TEXT), "hours": Field(TEXT), "checked": Field(DATE, False, "when someone last rang or visited"),
    "description": Field(TEXT),
}, where="an edition contact under contacts:")

FACT = Mapping("fact '{key}'", {
    "value": Field(TEXT, True), "meaning": Field(TEXT), "source": Field(TEXT, True), "year": Field(YEAR, True),
    "url": Field(TEXT),
}, where="an edition fact under facts:")


def _edition(name_required: bool) -> Mapping:
    return Mapping("edition", {
        "name": Field(TEXT, name_required, "the council's (or region's) name"),
        "logo": Field(TEXT, False, "a PNG, JPEG or GIF, relative to the file"),
        "contacts": Field(Table("contact", EDITION_CONTACT)),
        "facts": Field(Table("fact", FACT)),
        "description": Field(TEXT, False, "what the edition is, shown by `workshop-builder list`"),
    }, where="an edition file (editions/<id>.yaml) or edition: in workshop.yaml")


EDITION_FILE = _edition(True)
NATIONAL_EDITION = _edition(False)

WORKSHOP = Mapping("workshop.yaml", {
    "title": Field(TEXT, True), "subtitle": Field(TEXT), "organisation": Field(TEXT),
    "language": Field(TEXT, False, "e.g. en-GB"), "slug": Field(TEXT, False, "the output file names"),
    "start": Field(TIME), "date": Field(DATE), "template": Field(TEXT, False, "the deck template"),
    "audiences": Field(Table("audience", AUDIENCE), True),
    "modules": Field(ListOf(RunningOrderItem(ENTRY, BREAK), "modules must be a list: the running order",
                            "write one '- module-id' per line"), True),
    "support": Field(ListOf(SUPPORT_CONTACT, "support must be a list of contacts",
                            "write one '- name: …' contact per item")),
    "edition": Field(NATIONAL_EDITION, False, "the national edition's name, contacts and facts"),
    "smart_quotes": Field(FLAG, False, "true: \"straight\" quotes, -- and ... become “curly” quotes, – and …"),
}, where="workshop.yaml")

SOURCE = Mapping("source '{key}'", {
    "title": Field(TEXT, True), "publisher": Field(TEXT, True), "year": Field(YEAR), "url": Field(TEXT),
    "author": Field(TEXT, False, "shown before the publisher in the references"),
}, where="a source under sources: in a module's front matter")

FRONT_MATTER = Mapping("front matter", {
    "title": Field(TEXT, True), "duration": Field(DURATION, True),
    "audiences": Field(AUDIENCE_LIST), "outcomes": Field(ListOf(TEXT, "outcomes must be a list",
                                                                "write one '- outcome' per line")),
    "sources": Field(Table("source", SOURCE)), "review_by": Field(DATE), "content_note": Field(TEXT),
}, where="a module's front matter")

FILES = {"workshop.yaml": WORKSHOP, "module front matter": FRONT_MATTER, "edition file": EDITION_FILE}
_ALL_MAPPINGS = (WORKSHOP, AUDIENCE, ENTRY, BREAK, SUPPORT_CONTACT, NATIONAL_EDITION, EDITION_CONTACT, FACT,
                 FRONT_MATTER, SOURCE)


def keys_of(mapping: Mapping) -> tuple:
    """The keys a mapping accepts, in declaration order."""
    return tuple(mapping.fields)


def _belongs(key: str, here: Mapping) -> Optional[str]:
    """Where a key that is unknown here is accepted instead, or None."""
    places = [m.where for m in _ALL_MAPPINGS if key in m.fields and m.where != here.where and m.where]
    return places[0] if places else None


class Validator:
    """Checks one parsed file against its schema, into a report."""

    def __init__(self, rel: str, lines: dict, report: Report):
        self.rel, self.lines, self.report = rel, lines, report

    def loc(self, path: tuple) -> Location:
        return Location(self.rel, line_of(self.lines, *path))

    def mapping(self, data, shape: Mapping, path: tuple, key: str = "") -> None:
        """Check a mapping's keys, required keys and each value's shape."""
        what = shape.what.format(key=key)
        if not isinstance(data, dict):
            self.report.error(self.loc(path), WRONG_TYPE, f"{what} must be a mapping of keys to values",
                              "write it as 'key: value' lines")
            return
        for name, value in data.items():
            spec = shape.fields.get(name) if isinstance(name, str) else None
            if spec is None:
                self.unknown(name, shape, what, path)
            elif value is not None:
                self.value(value, spec.shape, path + (name,), str(name))
        for name, spec in shape.fields.items():
            if spec.required and data.get(name) in (None, ""):
                self.report.error(self.loc(path), MISSING_KEY, f"{what} is missing the required key '{name}'",
                                  f"add '{name}:'")

    def unknown(self, name, shape: Mapping, what: str, path: tuple) -> None:
        """Report a key this mapping does not accept: a misplaced one, a near miss or a stranger."""
        belongs = _belongs(str(name), shape)
        near = did_you_mean(str(name), shape.fields)
        if belongs and not near:
            hint = f"'{name}' belongs in {belongs}"
        else:
            hint = near or f"allowed keys: {', '.join(sorted(shape.fields))}"
        self.report.error(self.loc(path + (name,)), UNKNOWN_KEY, f"unknown key '{name}' in {what}", hint)

    def value(self, value, shape, path: tuple, name: str) -> None:
        """Check one value against its shape."""
        if isinstance(shape, Mapping):
            self.mapping(value, shape, path, name)
        elif isinstance(shape, Table):
            if not isinstance(value, dict):
                self.report.error(self.loc(path), WRONG_TYPE, f"{name} must be a mapping of keys to values",
                                  "write it as 'key: value' lines")
                return
            for key, item in value.items():
                self.value(item, shape.value, path + (key,), str(key))
        elif isinstance(shape, ListOf):
            if not isinstance(value, list):
                self.report.error(self.loc(path), WRONG_TYPE, shape.message or f"{name} must be a list", shape.fix)
                return
            for i, item in enumerate(value):
                self.value(item, shape.item, path + (i,), name)
        elif isinstance(shape, RunningOrderItem):
            if isinstance(value, dict):
                self.mapping(value, shape.brk if "break" in value else shape.entry, path)
            elif not isinstance(value, str):
                self.report.error(self.loc(path), WRONG_TYPE, f"running-order item {value!r} is neither a module "
                                  "id nor a break", "write '- module-id' or '- break: 15'")
        elif shape.kind == "text":
            self.text(value, path, name)
        elif shape.kind == "flag" and not isinstance(value, bool):
            self.report.error(self.loc(path), WRONG_TYPE, f"{name} must be true or false, not {value!r}",
                              f"write {name}: true or {name}: false")

    def text(self, value, path: tuple, name: str) -> None:
        """Text (or a number written as text); a list, mapping or true/false is a mistake."""
        if isinstance(value, bool):
            word = "yes" if value else "no"
            self.report.error(self.loc(path), WRONG_TYPE, f"{name} must be text, but YAML reads it as "
                              f"{str(value).lower()}", f"put the text in quotes, e.g. {name}: \"{word}\"")
        elif isinstance(value, (list, dict)):
            kind = "a list" if isinstance(value, list) else "a mapping"
            self.report.error(self.loc(path), WRONG_TYPE, f"{name} must be text, not {kind}",
                              "write it on one line, in quotes if it contains a colon, a '[' or a '{'")
        elif not isinstance(value, (str, int, float)):
            self.report.error(self.loc(path), WRONG_TYPE, f"{name} must be text, not {type(value).__name__}",
                              "put it in quotes")


def validate(data, schema: Mapping, rel: str, lines: dict, report: Report, path: tuple = ()) -> None:
    """Report every unknown or misplaced key, wrong type and missing required key of a parsed file."""
    Validator(rel, lines, report).mapping(data, schema, path)
