"""The pipeline: load → resolve per audience → render → write, all-or-nothing.

Every output is rendered in memory first; files are written only when every render
succeeded, each to a temporary file renamed into place.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from .diagnostics import ContentError
from .model import Workshop
from .render import RENDERERS
from .render.base import RenderOptions
from .resolver import resolve


class UsageError(Exception):
    """A mistake in how the command was called (exit status 2)."""


@dataclass(frozen=True)
class OutputSpec:
    audience_id: str
    format: str
    path: Path


@dataclass
class BuildResult:
    written: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


def select_audiences(workshop: Workshop, wanted) -> list:
    """The audience ids to build, in workshop order; unknown ids are a usage error."""
    from .diagnostics import did_you_mean

    if not wanted:
        return list(workshop.audiences)
    for ident in wanted:
        if ident not in workshop.audiences:
            hint = did_you_mean(ident, workshop.audiences) or f"known audiences: {', '.join(workshop.audiences)}"
            raise UsageError(f"unknown audience '{ident}'; {hint}")
    return [a for a in workshop.audiences if a in wanted]


def plan_outputs(workshop: Workshop, audiences, formats, out_dir: Path) -> list:
    """One OutputSpec per audience and format; refuses two outputs at one path."""
    specs, seen = [], {}
    for audience_id in audiences:
        for fmt in formats:
            renderer = RENDERERS[fmt]
            name = f"{workshop.slug}-{audience_id}{renderer.suffix}"
            path = out_dir / audience_id / name
            if path in seen:
                raise UsageError(f"two outputs would be written to {path}: {seen[path]} and {fmt}")
            seen[path] = fmt
            specs.append(OutputSpec(audience_id, fmt, path))
    return specs


def render_one(workshop: Workshop, spec: OutputSpec, options: RenderOptions) -> bytes:
    """Resolve for the spec's audience and render its format."""
    resolved = resolve(workshop, spec.audience_id, options.start)
    return RENDERERS[spec.format].render(resolved, options)


def write_atomic(path: Path, data: bytes) -> bool:
    """Write via a temporary file renamed into place; False if the file already holds data."""
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True


def build(workshop: Workshop, specs: list, options: RenderOptions,
          progress: Optional[Callable[[OutputSpec], None]] = None) -> BuildResult:
    """Render every output, then write them all; nothing is written if any render fails."""
    rendered = []
    for spec in specs:
        rendered.append((spec, render_one(workshop, spec, options)))
        if progress:
            progress(spec)
    result = BuildResult()
    for spec, data in rendered:
        (result.written if write_atomic(spec.path, data) else result.unchanged).append(spec)
    return result


__all__ = ["build", "plan_outputs", "select_audiences", "UsageError", "ContentError", "OutputSpec"]
