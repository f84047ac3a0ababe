"""Load a workshop project: workshop.yaml and its modules, validated, with source positions.

Everything is read and checked before anything is written; every mistake found is
collected and reported in one run.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Optional

from .codes.load import (
    BAD_ID,
    BAD_MINUTES,
    BAD_TIME_OR_DATE,
    INVALID_YAML,
    LISTED_TWICE,
    MISSING_KEY,
    MODULE_NOT_FOUND,
    NO_WORKSHOP_FILE,
    OUTSIDE_PROJECT,
    TEMPLATE_NOT_FOUND,
    UNKNOWN_AUDIENCE,
    UNKNOWN_CITATION,
    UNSAFE_ADDRESS,
    WRONG_TYPE,
)
from .diagnostics import ContentError, Location, Report, did_you_mean
from .edition_loader import EditionLoader, check_placeholders
from .footnotes import number_footnotes
from .link_checks import check_block as check_links_and_pictures
from .links import check_contact_fields, web_problem
from .markdown_limits import check_line_lengths
from .markdown_tree import CITATION_KEYS_RE, CITATION_RE, MarkdownParser
from .model import NATIONAL, Audience, Contact, Entry, Module, Source, Workshop
from .module_parser import BodyParser
from .package_files import default_templates_dir
from .parse_cache import ParsedTrees
from .project_shape import check_audiences_present, module_id_problem
from .resolver import TIME_RE
from .schema import FRONT_MATTER, SUPPORT_CONTACT, WORKSHOP, keys_of, validate
from .source_files import ID_RE, MAX_FILE_BYTES, inside, read_text  # noqa: F401 (shared with editions)
from .template_guard import check_template
from .yaml_values import check_source_date_epoch
from .yamlio import as_mapping, line_of, load_yaml

WORKSHOP_FILE = "workshop.yaml"
CONTACT_KEYS = keys_of(SUPPORT_CONTACT)


def slugify(text: str) -> str:
    """A file-name-safe slug: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "workshop"


def parse_minutes(value, rel, line, report, what) -> Optional[int]:
    """A whole positive number of minutes, or None after recording an error."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0 or value > 24 * 60:
        report.error(Location(rel, line), BAD_MINUTES, f"{what} must be a whole number of minutes "
                     f"between 1 and 1440, got {value!r}", "write a whole number, e.g. 15")
        return None
    return value


class Loader:
    """Loads one project. Use `load_project(root)`."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.report = Report()
        self.md = MarkdownParser()
        self.editions: dict = {}

    def rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # ---- workshop.yaml ----
    def load(self, template_override: Optional[Path] = None) -> Workshop:
        path = self.root / WORKSHOP_FILE
        if not path.is_file():
            self.report.error(Location(WORKSHOP_FILE), NO_WORKSHOP_FILE, f"no {WORKSHOP_FILE} in {self.root}",
                              "run the command in a workshop folder or pass -C DIR")
            raise ContentError(self.report.sorted())
        check_source_date_epoch(os.environ, self.report)
        text = read_text(path, WORKSHOP_FILE, self.report)
        data, lines = load_yaml(text, WORKSHOP_FILE, self.report) if text is not None else (None, {})
        if text is not None and data is not None:
            data = as_mapping(data, WORKSHOP_FILE, 1, self.report, WORKSHOP_FILE)
        if not data:
            if not self.report.errors:
                self.report.error(Location(WORKSHOP_FILE, 1), MISSING_KEY, "workshop.yaml is empty",
                                  "add title, audiences and modules")
            raise ContentError(self.report.sorted())
        workshop = self._workshop(data, lines, template_override)
        errors = self.report.errors
        if errors:
            raise ContentError(self.report.sorted())
        return workshop

    def _workshop(self, data: dict, lines: dict, template_override) -> Workshop:
        rel = WORKSHOP_FILE
        validate(data, WORKSHOP, rel, lines, self.report)
        audiences = self._audiences(data.get("audiences"), lines)
        start = str(data.get("start", "09:30"))
        if not TIME_RE.match(start):
            self.report.error(Location(rel, line_of(lines, "start")), BAD_TIME_OR_DATE,
                              f"start time '{start}' is not a 24-hour clock time", "write e.g. start: \"10:00\"")
        date = data.get("date") or dt.date(2026, 1, 1)
        if not isinstance(date, dt.date):
            self.report.error(Location(rel, line_of(lines, "date")), BAD_TIME_OR_DATE,
                              f"date '{date}' is not a date", "write e.g. date: 2026-11-27")
            date = dt.date(2026, 1, 1)
        template = self._template(template_override or data.get("template"), line_of(lines, "template"),
                                  from_cli=template_override is not None)
        if data.get("smart_quotes") is True:
            self.md = MarkdownParser(smart_quotes=True)
        self.md.cache = cache = ParsedTrees(self.root)
        entries = self._entries(data.get("modules"), lines, audiences)
        editions_loader = EditionLoader(self)
        national = editions_loader.national(data.get("edition"), lines, "National edition")
        self.editions = editions_loader.editions()
        modules = self._modules(entries, audiences)
        cache.save()
        self.md.cache = None  # its trees are not needed again: memory for the build
        check_placeholders(self.report, modules, national, self.editions)
        support = self._support(data.get("support"), lines)
        title = str(data.get("title") or "")
        return Workshop(
            root=self.root, title=title, subtitle=str(data.get("subtitle") or ""),
            organisation=str(data.get("organisation") or ""), language=str(data.get("language") or "en-GB"),
            slug=slugify(str(data.get("slug") or title)), start=start, date=date, template=template,
            audiences=audiences, entries=entries, modules=modules, support=support,
            editions=self.editions, national=national,
            source_files=[self.root / WORKSHOP_FILE] + [m.path for m in modules.values()], yaml_lines=lines,
        )

    def _template(self, value, line: int, from_cli: bool) -> Path:
        """The deck template: --template, else template:, else the project's or the default."""
        rel = WORKSHOP_FILE
        if not value:
            own = self.root / "templates" / "deck.pptx"
            if own.is_file():
                check_template(own, Location("templates/deck.pptx"), self.report, "templates/deck.pptx")
            return own if own.is_file() else default_templates_dir() / "deck.pptx"
        path = Path(str(value))
        if not path.is_absolute():
            path = (Path.cwd() if from_cli else self.root) / path
        where = Location(rel, line) if not from_cli else Location("--template")
        if not from_cli and not inside(self.root, path):
            self.report.error(where, OUTSIDE_PROJECT, f"template '{value}' is outside the project",
                              "keep the template inside the project folder")
        elif not path.is_file():
            self.report.error(where, TEMPLATE_NOT_FOUND, f"template '{value}' not found", "check the path")
        else:
            check_template(path, where, self.report, str(value))
        return path

    def _audiences(self, value, lines: dict) -> dict:
        rel = WORKSHOP_FILE
        out: dict = {}
        check_audiences_present(value, self.report, Location(rel, line_of(lines, "audiences")))
        value = as_mapping(value, rel, line_of(lines, "audiences"), self.report, "audiences") if value else None
        for ident, spec in (value or {}).items():
            line = line_of(lines, "audiences", ident)
            if not isinstance(ident, str) or not ID_RE.match(ident):
                self.report.error(Location(rel, line), BAD_ID, f"audience id '{ident}' must be lower case "
                                  "letters, digits and hyphens", "write e.g. elected-members")
                continue
            spec = as_mapping(spec, rel, line, self.report, f"audience '{ident}'")
            if spec is None:
                continue
            minutes = parse_minutes(spec.get("minutes"), rel, line_of(lines, "audiences", ident, "minutes"),
                                    self.report, f"audience '{ident}' minutes") if "minutes" in spec else None
            out[ident] = Audience(ident, str(spec.get("name") or ident), minutes or 0,
                                  " ".join(str(spec.get("description") or "").split()), spec.get("min_minutes_per_slide"))
        return out

    def _audience_list(self, value, rel, line, audiences, what) -> Optional[list]:
        """An `audiences:` value: None for all, else a validated list of ids."""
        if value is None or value == "all":
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report.error(Location(rel, line), WRONG_TYPE, f"{what} audiences must be 'all' or a list of ids",
                              "write audiences: [elected-members, all-council-staff]")
            return []
        for ident in value:
            self._check_audience(str(ident), Location(rel, line), audiences)
        return [str(i) for i in value]

    def _check_audience(self, ident: str, loc: Location, audiences: dict) -> None:
        if audiences and ident not in audiences:
            self.report.error(loc, UNKNOWN_AUDIENCE, f"unknown audience '{ident}'",
                              did_you_mean(ident, audiences) or f"known audiences: {', '.join(audiences)}")

    def _entries(self, value, lines: dict, audiences: dict) -> list:
        rel = WORKSHOP_FILE
        if value is None:
            return []
        if not isinstance(value, list):
            self.report.error(Location(rel, line_of(lines, "modules")), WRONG_TYPE,
                              "modules must be a list: the running order", "write one '- module-id' per line")
            return []
        entries: list = []
        seen: dict = {}
        for i, item in enumerate(value):
            line = line_of(lines, "modules", i)
            loc = Location(rel, line)
            if isinstance(item, str):
                item = {"id": item}
            if not isinstance(item, dict):
                self.report.error(loc, WRONG_TYPE, f"running-order item {item!r} is neither a module id nor a break",
                                  "write '- module-id' or '- break: 15'")
                continue
            if "break" in item:
                minutes = parse_minutes(item["break"], rel, line, self.report, "break")
                entries.append(Entry(loc, break_minutes=minutes or 0, break_title=str(item.get("title") or "Break"),
                                     audiences=self._audience_list(item.get("audiences"), rel, line, audiences, "break")))
                continue
            ident = str(item.get("id") or "")
            if not ident:
                continue  # the schema reports the missing id
            problem = module_id_problem(ident, set(seen)) if ident not in seen else None
            if problem:
                self.report.error(loc, *problem)
                continue
            if ident in seen:
                self.report.error(loc, LISTED_TWICE, f"module '{ident}' is listed twice (first on line {seen[ident]})",
                                  "remove one of them")
                continue
            seen[ident] = line
            entries.append(Entry(loc, module_id=ident,
                                 audiences=self._audience_list(item.get("audiences"), rel, line, audiences, "module")))
        return entries

    def _support(self, value, lines: dict) -> list:
        rel = WORKSHOP_FILE
        out: list = []
        if value is None:
            return out
        if not isinstance(value, list):
            self.report.error(Location(rel, line_of(lines, "support")), WRONG_TYPE, "support must be a list of contacts")
            return out
        for i, item in enumerate(value):
            line = line_of(lines, "support", i)
            item = as_mapping(item, rel, line, self.report, "support contact")
            if item is None:
                continue
            check_contact_fields(self.report, lambda k, i=i: Location(rel, line_of(lines, "support", i, k)),
                                 "support contact", item)
            fields: dict = {k: " ".join(str(item.get(k) or "").split()) for k in CONTACT_KEYS}
            out.append(Contact(**fields))
        return out

    # ---- modules ----
    def _modules(self, entries: list, audiences: dict) -> dict:
        modules: dict = {}
        folder = self.root / "modules"
        available = sorted(p.stem for p in folder.glob("*.md")) if folder.is_dir() else []
        for entry in entries:
            if entry.module_id is None:
                continue
            path = folder / f"{entry.module_id}.md"
            if not path.is_file():
                hint = did_you_mean(entry.module_id, available) or f"create modules/{entry.module_id}.md"
                self.report.error(entry.loc, MODULE_NOT_FOUND, f"module '{entry.module_id}' not found", hint)
                continue
            if not inside(self.root, path):
                self.report.error(entry.loc, OUTSIDE_PROJECT, f"module '{entry.module_id}' is a link to a file outside "
                                  "the project", "copy the module into modules/")
                continue
            module = self._module(entry.module_id, path, audiences)
            if module is not None:
                modules[entry.module_id] = module
        return modules

    def _module(self, ident: str, path: Path, audiences: dict) -> Optional[Module]:
        rel = self.rel(path)
        text = read_text(path, rel, self.report)
        if text is None:
            return None
        all_lines = text.split("\n")
        data, lines, body_start = {}, {}, 1
        if all_lines and all_lines[0].strip() == "---":
            end = next((i for i in range(1, len(all_lines)) if all_lines[i].strip() in ("---", "...")), None)
            if end is None:
                self.report.error(Location(rel, 1), INVALID_YAML, "front matter starts with '---' but is never closed",
                                  "add a line '---' after the front matter")
                return None
            errors_before = len(self.report.errors)
            data, lines = load_yaml("\n".join(all_lines[1:end]), rel, self.report, line_offset=1)
            if len(self.report.errors) > errors_before:
                return None
            data = {} if data is None else data
            mapping = as_mapping(data, rel, 2, self.report, "front matter") if data != {} else {}
            if mapping is None:
                return None
            data = mapping
            body_start = end + 2
        else:
            self.report.error(Location(rel, 1), MISSING_KEY, "module has no front matter",
                              "start the file with '---', then title: and duration:, then '---'")
            return None
        validate(data, FRONT_MATTER, rel, lines, self.report)
        sources = self._sources(data.get("sources"), rel, lines, ident)
        mod_audiences = self._audience_list(data.get("audiences"), rel, line_of(lines, "audiences"),
                                            audiences, "module")
        duration = self._duration(data.get("duration"), rel, lines, audiences)
        review_by = data.get("review_by")
        if review_by is not None and not isinstance(review_by, dt.date):
            self.report.error(Location(rel, line_of(lines, "review_by")), BAD_TIME_OR_DATE,
                              f"review_by '{review_by}' is not a date", "write e.g. review_by: 2027-09-30")
            review_by = None
        outcomes = data.get("outcomes") or []
        if not isinstance(outcomes, list):
            self.report.error(Location(rel, line_of(lines, "outcomes")), WRONG_TYPE, "outcomes must be a list",
                              "write one '- outcome' per line")
            outcomes = []
        if not check_line_lengths(all_lines[body_start - 1:], body_start, rel, self.report):
            return None
        body = BodyParser(rel, self.md, self.report)
        body.parse(all_lines[body_start - 1:], body_start)
        for loc, aud in body.audience_refs:
            self._check_audience(aud, loc, audiences)
        known = [NATIONAL] + list(self.editions)
        for loc, edition_id in body.edition_refs:
            if edition_id not in known:
                self.report.error(loc, UNKNOWN_AUDIENCE, f"unknown edition '{edition_id}'",
                                  did_you_mean(edition_id, known) or f"known editions: {', '.join(known)}")
        module = Module(
            id=ident, path=path, rel=rel, title=str(data.get("title") or ident), duration=duration or {},
            audiences=mod_audiences, outcomes=[" ".join(str(o).split()) for o in outcomes], sources=sources,
            review_by=review_by, content_note=(" ".join(str(data["content_note"]).split())
                                               if data.get("content_note") else None),
            intro=body.intro, slides=body.slides, loc=Location(rel, 1), key_lines=lines,
            link_definitions=body.link_definitions,
        )
        module.footnotes = number_footnotes(module, body.footnotes, self.report)
        self._check_references(module)
        return module

    def _duration(self, value, rel, lines, audiences) -> Optional[dict]:
        line = line_of(lines, "duration")
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            minutes = parse_minutes(value, rel, line, self.report, "duration")
            return {"default": minutes} if minutes else None
        if not isinstance(value, dict):
            self.report.error(Location(rel, line), BAD_MINUTES, "duration must be minutes or a mapping per audience",
                              "write duration: 15 or duration: {default: 15, elected-members: 10}")
            return None
        out = {}
        for key, minutes in value.items():
            key = str(key)
            if key != "default":
                self._check_audience(key, Location(rel, line_of(lines, "duration", key)), audiences)
            minutes = parse_minutes(minutes, rel, line_of(lines, "duration", key), self.report,
                                    f"duration for '{key}'")
            if minutes:
                out[key] = minutes
        return out

    def _sources(self, value, rel, lines, module_id) -> dict:
        out: dict = {}
        if value is None:
            return out
        value = as_mapping(value, rel, line_of(lines, "sources"), self.report, "sources")
        for key, spec in (value or {}).items():
            line = line_of(lines, "sources", key)
            spec = as_mapping(spec, rel, line, self.report, f"source '{key}'")
            if spec is None:
                continue
            year = spec.get("year")
            if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
                self.report.error(Location(rel, line_of(lines, "sources", key, "year")), BAD_TIME_OR_DATE,
                                  f"source '{key}' year must be a number", "write e.g. year: 2023")
                year = None
            url = str(spec["url"]) if spec.get("url") else None
            if url and web_problem(url):
                self.report.error(Location(rel, line_of(lines, "sources", key, "url")), UNSAFE_ADDRESS,
                                  f"source '{key}' url must start with https:// or http://")
            out[str(key)] = Source(str(key), " ".join(str(spec.get("title") or "").split()),
                                   " ".join(str(spec.get("publisher") or "").split()), year, url, module_id,
                                   Location(rel, line), " ".join(str(spec.get("author") or "").split()))
        return out

    def _check_references(self, module: Module) -> None:
        """Citations, links and images in the module's fragments: known, safe and inside the project."""
        blocks = list(module.intro) + [b for s in module.slides for b in s.blocks]
        for block in blocks:
            for offset, line in enumerate(block.text.split("\n")):
                n = block.loc.line + offset
                for m in re.finditer(CITATION_RE, line):
                    for key in CITATION_KEYS_RE.findall(m.group(1)):
                        if key not in module.sources:
                            hint = did_you_mean(key, module.sources) or "add it under sources: in the front matter"
                            self.report.error(Location(module.rel, n, m.start() + 1), UNKNOWN_CITATION,
                                              f"citation of unknown source '{key}'", hint)
            check_links_and_pictures(self, module, block)


def load_project(root: Path, template: Optional[Path] = None) -> Workshop:
    """Load and validate a workshop project; raise ContentError with every finding."""
    return Loader(Path(root)).load(template)
