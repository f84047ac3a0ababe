"""Evidence rules for the slide vocabulary: a chart's figures and a big number name their source.

The rules over what a `::: chart`, `::: stat`, `::: process` or `:::: columns` block holds are
checked when the module is read (workshop_builder/visuals.py, E035-E039); these run with `check`.
"""

from __future__ import annotations

from ..codes.evidence import CHART_CITATION, STAT_CITATION
from .base import rule


def _vocabulary(ctx, name: str):
    """(module, Visual, its blocks) for every vocabulary block of one name in the workshop."""
    for module in ctx.modules:
        found: dict = {}
        for slide in module.slides:
            for block in slide.blocks:
                if block.visual is not None and block.visual.root.name == name:
                    found.setdefault(block.visual.root, []).append(block)
        for visual, blocks in found.items():
            yield module, visual, blocks


def _cited(blocks) -> bool:
    return any(True for b in blocks for _ in b.tree.iter("cite"))


@rule(CHART_CITATION)
def chart_citation(ctx, report):
    """A `::: chart` whose block holds no `[@source]`: figures on a slide need their source and year
    under them, so the room can judge them and the next author can check them."""
    for _module, visual, blocks in _vocabulary(ctx, "chart"):
        if not _cited(blocks):
            report.warning(visual.loc, CHART_CITATION, "this chart's figures have no citation",
                           "add a source line under the table inside the block, e.g. 'Source: [@ho-nrm-2024]'")


@rule(STAT_CITATION)
def stat_citation(ctx, report):
    """A `::: stat` without a `[@source]`: a big number is remembered; its source and year must go with it."""
    for _module, visual, blocks in _vocabulary(ctx, "stat"):
        if not _cited(blocks):
            report.warning(visual.loc, STAT_CITATION, "this big number has no citation",
                           "add the source on the line under the label, e.g. '[@cs-2019]'")
