"""What every renderer provides, and helpers they share."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..model import Resolved


class Renderer:
    """One output format: a name for `--format`, a file-name suffix and render()."""

    name = ""
    suffix = ""
    description = ""

    def file_name(self, resolved: Resolved) -> str:
        """`<workshop-slug>-<audience-id><suffix>`."""
        return f"{resolved.workshop.slug}-{resolved.audience.id}{self.suffix}"

    def render(self, resolved: Resolved, options: "RenderOptions") -> bytes:  # pragma: no cover
        raise NotImplementedError


class RenderOptions:
    """Options that change outputs (so they are part of what makes an output up to date)."""

    def __init__(self, start=None):
        self.start = start

    def key(self) -> str:
        return f"start={self.start}"


def default_templates_dir() -> Path:
    """The package's own templates folder (the repository's templates/ when run from source)."""
    from importlib import resources

    try:
        path = Path(str(resources.files("workshop_builder.templates")))
        if path.is_dir():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "templates"


def build_time(resolved: Resolved) -> dt.datetime:
    """The timestamp written into outputs: SOURCE_DATE_EPOCH, else the workshop's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.combine(resolved.workshop.date, dt.time(9, 0))


def long_date(day: dt.date) -> str:
    """"27 November 2026"."""
    return f"{day.day} {day.strftime('%B %Y')}"
