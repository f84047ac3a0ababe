"""The pipeline: load → resolve per audience → render → write, all-or-nothing.

Outputs are rendered (in worker processes with --jobs) and staged as temporary files beside
their targets; only when every render has succeeded are they renamed into place. An output
whose inputs have not changed is neither rendered nor rewritten.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from .diagnostics import ContentError, did_you_mean
from .incremental import Manifest, output_key
from .render import RENDERERS
from .render.base import RenderOptions

if TYPE_CHECKING:
    from .model import Workshop


class UsageError(Exception):
    """A mistake in how the command was called (exit status 2)."""


@dataclass(frozen=True)
class OutputSpec:
    audience_id: str
    format: str
    path: Path
    edition_id: Optional[str] = None  # None: the national edition


@dataclass
class BuildResult:
    written: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    findings: list = field(default_factory=list)  # the checks' warnings


def select_audiences(workshop: Workshop, wanted) -> list:
    """The audience ids to build, in workshop order; unknown ids are a usage error."""
    if not wanted:
        return list(workshop.audiences)
    for ident in wanted:
        if ident not in workshop.audiences:
            hint = did_you_mean(ident, workshop.audiences) or f"known audiences: {', '.join(workshop.audiences)}"
            raise UsageError(f"unknown audience '{ident}'; {hint}")
    return [a for a in workshop.audiences if a in wanted]


def select_editions(workshop: Workshop, wanted, every: bool) -> list:
    """Edition ids to build (None is the national edition); unknown ids are a usage error."""
    if every:
        if not workshop.editions:
            raise UsageError("--all-editions: there are no editions in editions/")
        return list(workshop.editions)
    if not wanted:
        return [None]
    for ident in wanted:
        if ident not in workshop.editions and ident != "national":
            known = ["national"] + list(workshop.editions)
            raise UsageError(f"unknown edition '{ident}'; "
                             + (did_you_mean(ident, known) or f"known editions: {', '.join(known)}"))
    return [None if ident == "national" else ident for ident in dict.fromkeys(wanted)]


def plan_outputs(workshop: Workshop, audiences, formats, out_dir: Path, editions=(None,)) -> list:
    """One OutputSpec per edition, audience and format; refuses two outputs at one path.

    The national edition goes to <out>/<audience>/, a council's to <out>/<edition>/<audience>/.
    """
    specs, seen = [], {}
    for edition_id in editions:
        base = Path(out_dir) / edition_id if edition_id else Path(out_dir)
        stem = f"{workshop.slug}-{edition_id}" if edition_id else workshop.slug
        for audience_id in audiences:
            for fmt in formats:
                path = base / audience_id / f"{stem}-{audience_id}{RENDERERS[fmt].suffix}"
                if path in seen:
                    raise UsageError(f"two outputs would be written to {path}: {seen[path]} and {fmt}")
                seen[path] = fmt
                specs.append(OutputSpec(audience_id, fmt, path, edition_id))
    return specs


def render_one(workshop: Workshop, spec: OutputSpec, options: RenderOptions) -> bytes:
    """Resolve for the spec's audience and render its format."""
    from .resolver import resolve

    resolved = resolve(workshop, spec.audience_id, options.start, spec.edition_id)
    return RENDERERS[spec.format].render(resolved, options)


# ---- writing ----

def stage(path: Path, data: bytes) -> Optional[Path]:
    """Write data to a temporary file beside path; None when path already holds exactly data."""
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return None
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a build that was killed
        _unlink(stale)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # as an ordinary new file, not mkstemp's private 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        _unlink(Path(tmp))
        raise
    return Path(tmp)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()


def write_atomic(path: Path, data: bytes) -> bool:
    """Write via a temporary file renamed into place; False if the file already holds data."""
    tmp = stage(path, data)
    if tmp is not None:
        os.replace(tmp, path)
    return tmp is not None


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


# ---- parallel rendering ----

_WORKER_WORKSHOP: Optional[Workshop] = None


def _init_worker(workshop: Optional[Workshop]) -> None:
    global _WORKER_WORKSHOP
    if workshop is not None:
        _WORKER_WORKSHOP = workshop


def _render_in_worker(spec: OutputSpec, options: RenderOptions) -> bytes:
    return render_one(_WORKER_WORKSHOP, spec, options)


def _rendered(workshop: Workshop, specs: list, options: RenderOptions, jobs: int, precheck: Callable):
    """Yield (spec, bytes) for each spec, in worker processes when jobs > 1.

    precheck() runs first when rendering is serial, and while the workers render when it is
    parallel; it raises ContentError before any output is yielded if the content has errors.
    """
    global _WORKER_WORKSHOP
    jobs = max(1, min(jobs, len(specs)))
    if jobs == 1:
        precheck()
        for spec in specs:
            yield spec, render_one(workshop, spec, options)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:  # workers inherit the loaded workshop; nothing is pickled
        context, _WORKER_WORKSHOP, initarg = multiprocessing.get_context("fork"), workshop, None
    else:  # pragma: no cover - Windows and macOS defaults
        context, initarg = multiprocessing.get_context("spawn"), workshop
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(initarg,)) as pool:
        # A bounded window of outstanding renders: finished outputs are handed on and dropped,
        # so memory stays flat however many outputs a build has.
        pending, queue = {}, iter(specs)

        def fill():
            for spec in queue:
                pending[pool.submit(_render_in_worker, spec, options)] = spec
                if len(pending) >= 4 * jobs:
                    return

        try:
            fill()
            precheck()
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    spec = pending.pop(future)
                    yield spec, future.result()
                fill()
        except BaseException:
            for future in pending:
                future.cancel()
            raise


def build(workshop: Workshop, specs: list, options: RenderOptions, *, fingerprint: str = "",
          manifest: Optional[Manifest] = None, force: bool = False, jobs: int = 1,
          progress: Optional[Callable[[OutputSpec], None]] = None,
          checks: Optional[Callable[[], list]] = None) -> BuildResult:
    """Render what is out of date, then put every output in place; nothing on failure.

    checks() returns the content's findings; any error stops the build before anything is
    written. It runs alongside the rendering, which costs nothing when it finds no error.
    """
    result = BuildResult()

    def precheck():
        from .diagnostics import ERROR

        result.findings = list(checks()) if checks else []
        if any(d.severity == ERROR for d in result.findings):
            raise ContentError(result.findings)

    keys = {spec: output_key(fingerprint, f"{spec.edition_id}/{spec.audience_id}", spec.format, options.key())
            for spec in specs}
    stale = []
    for spec in specs:
        if not force and manifest is not None and fingerprint and manifest.up_to_date(spec.path, keys[spec]):
            result.unchanged.append(spec)
            if progress:
                progress(spec)
        else:
            stale.append(spec)
    staged = []
    try:
        if not stale:
            precheck()
        for spec, data in _rendered(workshop, stale, options, jobs, precheck):
            staged.append((spec, stage(spec.path, data), hashlib.sha256(data).hexdigest()))
            if progress:
                progress(spec)
    except BaseException:
        for _, tmp, _ in staged:
            if tmp is not None:
                _unlink(tmp)
        raise
    order = {spec: i for i, spec in enumerate(specs)}
    for spec, tmp, sha in sorted(staged, key=lambda item: order[item[0]]):
        if tmp is not None:
            os.replace(tmp, spec.path)
            result.written.append(spec)
        else:
            result.unchanged.append(spec)
        if manifest is not None:
            manifest.record(spec.path, keys[spec], sha)
    result.unchanged.sort(key=lambda spec: order[spec])
    return result


__all__ = ["build", "plan_outputs", "select_audiences", "select_editions", "UsageError", "ContentError", "OutputSpec",
           "write_atomic"]
