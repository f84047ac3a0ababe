"""A module's footnotes: numbered in the order they are first referred to, each reference checked.

Footnote definitions (`[^id]: text`) may stand anywhere in a module; the module parser keeps
them aside and Python-Markdown turns each reference `[^id]` into `<fnref id="id">`. Here the
references get their numbers (attribute `n`), so every renderer shows the same number.
"""

from __future__ import annotations

from .codes.load import UNKNOWN_FOOTNOTE
from .diagnostics import Location, Report
from .model import Footnote, Module


def module_blocks(module: Module) -> list:
    """Every Block of a module, in source order."""
    return list(module.intro) + [b for s in module.slides for b in s.blocks]


def number_footnotes(module: Module, definitions: dict, report: Report) -> dict:
    """Footnote id -> Footnote; each <fnref> gets its number `n`; a reference to no definition is an error."""
    numbers: dict = {}
    for block in module_blocks(module):
        for ref in block.tree.iter("fnref"):
            ident = ref.get("id", "")
            if ident not in definitions:
                report.error(_where(module, block, f"[^{ident}]"), UNKNOWN_FOOTNOTE,
                             f"footnote '[^{ident}]' has no definition in this module",
                             f"add a line '[^{ident}]: the note's text' to the module")
                continue
            numbers.setdefault(ident, len(numbers) + 1)
            ref.set("n", str(numbers[ident]))
    return {ident: Footnote(ident, numbers.get(ident, 0), loc, tree) for ident, (loc, tree) in definitions.items()}


def with_footnotes(module: Module, trees) -> list:
    """The trees, each followed by the trees of the footnotes it refers to (their citations count)."""
    by_id = getattr(module, "footnotes", {}) or {}
    out: list = []
    for tree in trees:
        out.append(tree)
        out.extend(by_id[ref.get("id")].tree for ref in tree.iter("fnref") if ref.get("id") in by_id)
    return out


def _where(module: Module, block, needle: str) -> Location:
    """The line and column of the first occurrence of needle in a block's source (else the block's start)."""
    for offset, line in enumerate(block.text.split("\n")):
        col = line.find(needle)
        if col >= 0:
            return Location(module.rel, block.loc.line + offset, col + 1)
    return block.loc
