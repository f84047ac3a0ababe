"""Resolve a workshop for one audience: who sees what, the timed agenda, numbered references.

This is the only place that decides which modules, slides and blocks an audience gets.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from typing import Optional

from .citations import year_labels
from .footnotes import with_footnotes
from .model import (
    NATIONAL,
    PLACEHOLDER,
    AgendaItem,
    Block,
    Edition,
    Reference,
    Resolved,
    ResolvedModule,
    ResolvedSlide,
    Workshop,
)

TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def module_applies(workshop: Workshop, entry, audience_id: str) -> bool:
    """Whether a running-order entry is part of this audience's workshop."""
    if entry.audiences is not None and audience_id not in entry.audiences:
        return False
    if entry.module_id is None:
        return True
    module = workshop.modules[entry.module_id]
    return module.audiences is None or audience_id in module.audiences


def clock(workshop: Workshop, start: Optional[str]) -> dt.datetime:
    """The agenda's start as a datetime on the workshop's date."""
    hours, minutes = (start or workshop.start).split(":")
    return dt.datetime.combine(workshop.date, dt.time(int(hours), int(minutes)))


def edition_for(workshop: Workshop, edition_id: Optional[str]) -> Edition:
    """The edition by id; None or "national" gives the national edition."""
    if edition_id in (None, NATIONAL):
        return workshop.national or Edition(NATIONAL, workshop.organisation or "National edition")
    return workshop.editions[edition_id]


def fill(text: str, edition: Edition) -> str:
    """Replace {{ … }} placeholders with the edition's values (the loader checked they exist)."""
    return PLACEHOLDER.sub(lambda m: edition.lookup(m.group(1)) or m.group(0), text)


def _filled(block: Block, edition: Edition) -> Block:
    """The block, with placeholders filled in a copy of its tree when it has any."""
    if not block.placeholders:
        return block
    tree = copy.deepcopy(block.tree)
    for el in tree.iter():
        if el.text and "{{" in el.text:
            el.text = fill(el.text, edition)
        if el.tail and "{{" in el.tail:
            el.tail = fill(el.tail, edition)
        for name, value in el.attrib.items():
            if "{{" in value:
                el.set(name, fill(value, edition))
    return dataclasses.replace(block, tree=tree, placeholders=False)


def resolve(workshop: Workshop, audience_id: str, start: Optional[str] = None,
            edition_id: Optional[str] = None) -> Resolved:
    """One audience's view of the workshop, in one edition (the national one by default)."""
    audience = workshop.audiences[audience_id]
    edition = edition_for(workshop, edition_id)

    def visible(blocks):
        return [_filled(b, edition) for b in blocks if b.when.applies(audience_id, edition.id)]

    now = clock(workshop, start)
    agenda, modules = [], []
    for entry in workshop.entries:
        if not module_applies(workshop, entry, audience_id):
            continue
        if entry.module_id is None:
            end = now + dt.timedelta(minutes=entry.break_minutes)
            agenda.append(AgendaItem(now, end, entry.break_title, entry.break_minutes, "break"))
            now = end
            continue
        module = workshop.modules[entry.module_id]
        minutes = module.minutes_for(audience_id) or 0
        end = now + dt.timedelta(minutes=minutes)
        item = AgendaItem(now, end, module.title, minutes, "module", module.id, module.content_note)
        agenda.append(item)
        now = end
        slides = []
        for slide in module.slides:
            if not slide.when.applies(audience_id, edition.id):
                continue
            blocks = visible(slide.blocks)
            title = fill(slide.title, edition) if "{{" in slide.title else slide.title
            slides.append(ResolvedSlide(
                slide.kind, title, slide.minutes,
                [b for b in blocks if b.kind == "body"],
                [b for b in blocks if b.kind == "notes"],
                [b for b in blocks if b.kind == "handout"],
                slide.loc,
            ))
        intro = visible(module.intro)
        modules.append(ResolvedModule(module, minutes, item, intro, slides))
    references, numbers = _number_references(modules)
    return Resolved(workshop, audience, agenda, modules, references, numbers, edition)


def _number_references(modules: list):
    """Number sources in order of first citation, one number per distinct source, and letter
    the years of sources that would cite alike (citations.year_labels)."""
    references: list = []
    numbers: dict = {}
    by_identity: dict = {}
    for rmod in modules:
        module = rmod.module
        blocks = list(rmod.intro) + [b for s in rmod.slides for b in s.body + s.notes + s.handout]
        for tree in with_footnotes(module, [b.tree for b in blocks]):
            for cite in tree.iter("cite"):
                for key in cite.get("keys", "").split():
                    source = module.sources.get(key)
                    if source is None or (module.id, key) in numbers:
                        continue
                    identity = source.url or (source.title, source.author, source.publisher, source.year)
                    if identity not in by_identity:
                        by_identity[identity] = len(references) + 1
                        references.append(Reference(len(references) + 1, source))
                    numbers[(module.id, key)] = by_identity[identity]
    labels = year_labels([(ref.source.publisher, ref.source.year) for ref in references])
    for ref, label in zip(references, labels):
        ref.year_text = label
    return references, numbers
