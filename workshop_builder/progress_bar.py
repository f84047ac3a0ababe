"""The build's progress on a terminal: outputs done of total, the latest one, time so far.

Shown only on a terminal (stderr), only under no --quiet, and only once a build has run
for about a second, so quick builds and logs stay clean. The line is cleared at the end.
"""

from __future__ import annotations

import sys
import time
from typing import Optional, TextIO

DELAY = 1.0  # seconds before the bar appears
WIDTH = 24  # characters of the bar itself


class ProgressBar:
    """A one-line progress bar on a stream, for Build's Progress calls (start, advance, close)."""

    def __init__(self, quiet: bool = False, stream: Optional[TextIO] = None, delay: float = DELAY):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = not quiet and _is_terminal(self.stream)
        self.delay = delay
        self.total = self.done = 0
        self.started = time.monotonic()
        self.drawn = False

    def start(self, total: int) -> None:
        """Remember how many outputs there are; the clock starts now."""
        self.total, self.done, self.started = total, 0, time.monotonic()

    def advance(self, spec) -> None:
        """One more output done; redraw once the build has taken longer than the delay."""
        self.done += 1
        elapsed = time.monotonic() - self.started
        if self.enabled and self.total > 1 and elapsed >= self.delay:
            self.stream.write("\r" + line(self.done, self.total, _name(spec), elapsed) + "\x1b[K")
            self.stream.flush()
            self.drawn = True

    def close(self) -> None:
        """Clear the bar's line (if one was drawn)."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


def line(done: int, total: int, current: str, elapsed: float) -> str:
    """The bar's text: [####----] 3/15 0:04 elected-members/…pptx."""
    filled = WIDTH * done // max(total, 1)
    minutes, seconds = divmod(int(elapsed), 60)
    return f"[{'#' * filled}{'-' * (WIDTH - filled)}] {done}/{total} {minutes}:{seconds:02d} {current}"


def _name(spec) -> str:
    path = getattr(spec, "path", None)
    return f"{path.parent.name}/{path.name}" if path is not None else str(spec)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
