"""A handout's bytes, rendered once per process for an audience, edition and set of options.

The checks render the handouts of the audiences whose inputs changed (to check their
headings, A508 and A509), and the build then renders the same handouts as outputs; the second
render takes the first one's bytes (and forgets them, so memory stays flat) and repeats what
it logged (slide-picture warnings).
"""

from __future__ import annotations

import logging
import zlib
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # type hints only: the model is imported when something is rendered
    from ..model import Resolved

LOGGER = "workshop_builder"
KEEP = 32  # handouts remembered until used (the newest): every audience's two, in a large build
_PAGES: dict = {}  # (format, audience, edition, start, options) -> (workshop, bytes, log records)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def handout_bytes(name: str, resolved: Resolved, options, render: Callable[[], bytes]) -> bytes:
    """render()'s bytes, rendered once for the same format, workshop, audience, edition, start and options."""
    key = (name, resolved.audience.id, resolved.edition.id if resolved.edition else None,
           resolved.agenda[0].start_text if resolved.agenda else "", options.key())
    held = _PAGES.pop(key, None)  # taken, not kept: the checks' render is used once, by the build
    logger = logging.getLogger(LOGGER)
    if held is not None and held[0] is resolved.workshop:
        for record in held[2]:
            logger.handle(record)
        return zlib.decompress(held[1])
    capture = _Records()
    logger.addHandler(capture)
    try:
        data = render()
    finally:
        logger.removeHandler(capture)
    if len(_PAGES) >= KEEP:
        _PAGES.pop(next(iter(_PAGES)))
    _PAGES[key] = (resolved.workshop, zlib.compress(data, 1), capture.records)  # a tenth of the memory
    return data
