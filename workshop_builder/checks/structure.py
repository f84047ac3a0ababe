"""Structure rules beyond what the loader refuses outright."""

from __future__ import annotations

import re

from ..codes.structure import ACTIVITY_TOO_LONG, NO_DURATION, SLIDE_WORDS_IN_HANDOUT, UNCITED_SOURCE, UNUSED_MODULE
from ..diagnostics import Location
from ..footnotes import with_footnotes
from .base import rule


@rule(UNUSED_MODULE)
def unused_module(ctx, report):
    folder = ctx.workshop.root / "modules"
    used = {e.module_id for e in ctx.workshop.entries if e.module_id}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.stem not in used:
            report.warning(Location(f"modules/{path.name}", 1), UNUSED_MODULE,
                           f"module '{path.stem}' is not in workshop.yaml's running order",
                           f"add '- {path.stem}' under modules:, or delete the file")


@rule(UNCITED_SOURCE)
def uncited_source(ctx, report):
    for module in ctx.modules:
        cited = set()
        blocks = list(module.intro) + [b for s in module.slides for b in s.blocks]
        for tree in with_footnotes(module, [b.tree for b in blocks]):
            for cite in tree.iter("cite"):
                cited.update(cite.get("keys", "").split())
        for key, source in module.sources.items():
            if key not in cited:
                report.warning(source.loc, UNCITED_SOURCE, f"source '{key}' is never cited",
                               f"cite it with [@{key}] where it is used, or remove it")


@rule(ACTIVITY_TOO_LONG)
def activity_too_long(ctx, report):
    for aud, resolved in ctx.resolved.items():
        for rmod in resolved.modules:
            activities = [s for s in rmod.slides if s.kind == "activity"]
            total = sum(s.minutes or 0 for s in activities)
            if activities and total > rmod.minutes:
                report.error(activities[-1].loc, ACTIVITY_TOO_LONG,
                             f"activities take {total} minutes but '{rmod.module.id}' has {rmod.minutes} "
                             f"for {aud}", "shorten the activity, or give this audience its own variant "
                             "in a '::: audience' block")


@rule(NO_DURATION)
def no_duration(ctx, report):
    from ..resolver import module_applies

    for entry in ctx.workshop.entries:
        if entry.module_id is None:
            continue
        module = ctx.workshop.modules[entry.module_id]
        for aud in ctx.audiences:
            if module_applies(ctx.workshop, entry, aud) and module.minutes_for(aud) is None:
                report.error(Location(module.rel, module.key_lines.get(("duration",), 1)), NO_DURATION,
                             f"no duration for audience '{aud}'", f"add '{aud}: N' or 'default: N' to duration")


SLIDE_WORDS = re.compile(r"\b(?:(?:next|previous|last|this|following) slide|on (?:the )?screen|click(?:ing)? (?:here|on|the))\b",
                         re.IGNORECASE)


@rule(SLIDE_WORDS_IN_HANDOUT)
def slide_words_in_handout(ctx, report):
    for module in ctx.modules:
        blocks = list(module.intro) + [b for s in module.slides for b in s.blocks if b.kind in ("body", "handout")]
        for block in blocks:
            for offset, line in enumerate(block.text.split("\n")):
                for m in SLIDE_WORDS.finditer(line):
                    report.warning(Location(module.rel, block.loc.line + offset, m.start() + 1), SLIDE_WORDS_IN_HANDOUT,
                                   f"'{m.group(0)}' is printed in the handouts too, where there is no slide",
                                   "say where it is on paper as well, e.g. 'at the end of your handout', "
                                   "or move it to the notes")
