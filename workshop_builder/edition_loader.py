"""Editions: the national one (workshop.yaml `edition:`) and each council's editions/<id>.yaml.

Also checks every `{{ … }}` placeholder in the modules against every edition that can see it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Optional

from .codes.load import (
    BAD_ID,
    BAD_LOGO,
    BAD_TIME_OR_DATE,
    FILE_NOT_FOUND,
    OUTSIDE_PROJECT,
    UNDEFINED_PLACEHOLDER,
    UNKNOWN_PLACEHOLDER,
    UNSAFE_ADDRESS,
)
from .diagnostics import Location, did_you_mean
from .links import check_contact_fields, web_problem
from .model import NATIONAL, PLACEHOLDER, Contact, Edition, Fact
from .schema import EDITION_FILE, validate
from .source_files import ID_RE, inside, read_text
from .yamlio import as_mapping, line_of, load_yaml

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
PLACEHOLDER_ROOTS = ("edition", "contact", "fact")


def _text(value) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


class EditionLoader:
    """Reads editions into a Loader's report."""

    def __init__(self, loader):
        self.loader = loader
        self.report = loader.report

    def national(self, data, lines: dict, default_name: str) -> Edition:
        """The edition built when none is asked for, from workshop.yaml's `edition:`."""
        if data is None:
            return Edition(NATIONAL, default_name)
        data = as_mapping(data, "workshop.yaml", line_of(lines, "edition"), self.report, "edition")
        if data is None:
            return Edition(NATIONAL, default_name)
        return self._edition(NATIONAL, data, "workshop.yaml", lines, ("edition",), self.loader.root,
                             default_name)

    def editions(self) -> dict:
        """Every editions/*.yaml, by id, in name order."""
        out: dict = {}
        folder = self.loader.root / "editions"
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            rel = self.loader.rel(path)
            if not ID_RE.match(path.stem) or path.stem == NATIONAL:
                self.report.error(Location(rel), BAD_ID, f"edition file name '{path.name}' must be a lower-case id "
                                  "(letters, digits, hyphens) other than 'national'", "rename it, e.g. kent.yaml")
                continue
            if not inside(self.loader.root, path):
                self.report.error(Location(f"editions/{path.name}"), OUTSIDE_PROJECT,
                                  f"edition file '{path.name}' is a link to a file outside the project",
                                  "copy the edition file into editions/")
                continue
            text = read_text(path, rel, self.report)
            if text is None:
                continue
            data, lines = load_yaml(text, rel, self.report)
            data = as_mapping(data, rel, 1, self.report, "an edition") if data is not None else None
            if data is None:
                continue
            out[path.stem] = self._edition(path.stem, data, rel, lines, (), path.parent, None)
        return out

    def _edition(self, ident, data, rel, lines, base: tuple, folder: Path, default_name) -> Edition:
        if default_name is None:  # an edition file; workshop.yaml's edition: is checked with the rest of it
            validate(data, EDITION_FILE, rel, lines, self.report, base)
        edition = Edition(ident, _text(data.get("name")) or default_name or ident, rel=rel, lines=lines,
                          description=_text(data.get("description")))
        if data.get("logo"):
            edition.logo = self._logo(str(data["logo"]), folder, Location(rel, line_of(lines, *base, "logo")))
        for key, spec in self._table(data.get("contacts"), rel, lines, base + ("contacts",)):
            loc = Location(rel, line_of(lines, *base, "contacts", key))
            check_contact_fields(self.report, lambda k, key=key: Location(
                rel, line_of(lines, *base, "contacts", key, k)), f"contact '{key}'", spec, strict=False)
            checked = spec.get("checked")
            if checked is not None and not isinstance(checked, dt.date):
                self.report.error(Location(rel, line_of(lines, *base, "contacts", key, "checked")), BAD_TIME_OR_DATE,
                                  f"contact '{key}' checked: '{checked}' is not a date", "write e.g. checked: 2026-11-01")
                checked = None
            edition.contacts[key] = Contact(
                name=_text(spec.get("name")), phone=_text(spec.get("phone")), url=_text(spec.get("url")),
                email=_text(spec.get("email")), hours=_text(spec.get("hours")),
                description=_text(spec.get("description")), role=_text(spec.get("role")), key=key,
                checked=checked, loc=loc)
        for key, spec in self._table(data.get("facts"), rel, lines, base + ("facts",)):
            year = spec.get("year")
            if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
                self.report.error(Location(rel, line_of(lines, *base, "facts", key, "year")), BAD_TIME_OR_DATE,
                                  f"fact '{key}' year must be a number", "write e.g. year: 2026")
                year = None
            if spec.get("url") and web_problem(_text(spec.get("url"))):
                self.report.error(Location(rel, line_of(lines, *base, "facts", key, "url")), UNSAFE_ADDRESS,
                                  f"fact '{key}' url {web_problem(_text(spec.get('url')))}", "write https://…")
            edition.facts[key] = Fact(key, _text(spec.get("value")), _text(spec.get("meaning")),
                                      _text(spec.get("source")), year,
                                      _text(spec.get("url")), Location(rel, line_of(lines, *base, "facts", key)))
        return edition

    def _table(self, value, rel, lines, path):
        """(key, mapping) pairs of a contacts: or facts: table, reporting bad keys and shapes."""
        if value is None:
            return []
        value = as_mapping(value, rel, line_of(lines, *path), self.report, path[-1])
        out = []
        for key, spec in (value or {}).items():
            loc = Location(rel, line_of(lines, *path, key))
            if not KEY_RE.match(str(key)):
                self.report.error(loc, BAD_ID, f"'{key}' must be lower case letters, digits and underscores "
                                  "(it is used as {{ " + path[-1][:-1] + f".{key} }}}})",
                                  "write e.g. childrens_front_door")
                continue
            spec = as_mapping(spec, rel, loc.line, self.report, f"{path[-1][:-1]} '{key}'")
            if spec is not None:
                out.append((str(key), spec))
        return out

    def _logo(self, value: str, folder: Path, loc: Location) -> Optional[Path]:
        path = folder / value
        if not inside(self.loader.root, path):
            self.report.error(loc, OUTSIDE_PROJECT, f"logo '{value}' is outside the project", "keep the logo in the project")
            return None
        if not path.is_file():
            self.report.error(loc, FILE_NOT_FOUND, f"logo '{value}' not found", "check the path (it is relative to the "
                              "edition file)")
            return None
        try:
            from PIL import Image

            with Image.open(path) as image:
                image.verify()
                if image.format not in ("PNG", "JPEG", "GIF"):
                    raise OSError(f"{image.format} is not supported")
        except Exception as exc:  # Pillow raises many kinds for unreadable images
            self.report.error(loc, BAD_LOGO, f"logo '{value}' is not a readable PNG, JPEG or GIF image ({exc})",
                              "export the logo as PNG")
            return None
        from .pictures import prepare_picture

        return prepare_picture(path, loc, self.report, f"logo '{value}'")  # size, pixels, CMYK


def check_placeholders(report, modules: dict, national: Edition, editions: dict) -> None:
    """Every placeholder names something every edition that sees it defines."""
    everyone = [national] + list(editions.values())
    for module in modules.values():
        items = [(b.text, b.loc, b.when) for b in list(module.intro) + [b for s in module.slides for b in s.blocks]]
        items += [(s.title, s.loc, s.when) for s in module.slides if s.title and "{{" in s.title]
        for text, start, when in items:
            if "{{" not in text:
                continue
            for offset, line in enumerate(text.split("\n")):
                for m in PLACEHOLDER.finditer(line):
                    loc = Location(start.path, start.line + offset, m.start() + 1)
                    _check_one(report, m.group(1), loc, when, everyone)


def _check_one(report, path: str, loc: Location, when, everyone) -> None:
    root = path.split(".")[0]
    if root not in PLACEHOLDER_ROOTS or "." not in path:
        hint = did_you_mean(root, PLACEHOLDER_ROOTS) or "placeholders are {{ edition.name }}, {{ contact.KEY }}, " \
                                                         "{{ fact.KEY }}"
        report.error(loc, UNKNOWN_PLACEHOLDER, f"unknown placeholder '{{{{ {path} }}}}'", hint)
        return
    for edition in everyone:
        if not when.applies(None, edition.id):
            continue
        if edition.lookup(path) is None:
            table = {"contact": edition.contacts, "fact": edition.facts}.get(root, {})
            key = path.split(".")[1]
            near = did_you_mean(key, table) if table and key not in table else None
            where = "workshop.yaml (edition:)" if edition.id == NATIONAL else edition.rel
            report.error(loc, UNDEFINED_PLACEHOLDER, f"placeholder '{{{{ {path} }}}}' is not defined by edition '{edition.id}'",
                         near or f"define it in {where}, or put this text in a '::: edition' block")
