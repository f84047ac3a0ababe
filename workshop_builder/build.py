"""The build: load → select → check → render per audience and edition → write, all-or-nothing.

`Build(request).run()` is the whole pipeline (as MkDocs' `build(config)`): it loads the
project, chooses the outputs, skips what is up to date, runs every check alongside the
rendering (in worker processes with `jobs`), stages every output as a temporary file beside
its target and only when all have succeeded renames them into place, under a lock on the
output folder. It returns a BuildResult, or raises one of:

- ContentError: mistakes in the content (exit 1; each finding is `path:line:col: CODE …`);
- UsageError: a mistake in what was asked for (exit 2);
- BuildError: the build cannot finish here (another build, a full disk, a read-only or
  impossible --out, too few file descriptors, a killed worker, a missing program): one line,
  exit 1. In every case nothing is written and earlier outputs stay as they were.

The command line (cli.py) and `watch` (authoring.py) only turn options into a BuildRequest
and print the result.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from . import writing
from .diagnostics import ERROR, ContentError, did_you_mean
from .incremental import Manifest, output_key, project_fingerprint, request_key
from .inputs import OutputInputs
from .lock import BusyError, OutputLock
from .render import RENDERERS, default_formats
from .render.base import RenderError, RenderOptions
from .source_files import inside

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from .model import Workshop

CACHE_DIR = ".workshop-builder-cache"  # in the output folder: what builds keep for the next one
LOGGER = "workshop_builder"  # a renderer that leaves something out warns here (slide pictures)


class UsageError(Exception):
    """A mistake in how the command was called (exit status 2)."""


class BuildError(Exception):
    """The build cannot finish here (environment, not content): one line for the user, exit 1."""


@dataclass(frozen=True)
class OutputSpec:
    """One output file to build: whose, which format, where, and which edition."""

    audience_id: str
    format: str
    path: Path
    edition_id: Optional[str] = None  # None: the national edition


@dataclass(frozen=True)
class BuildRequest:
    """What to build: the project, the output folder, the selection and the options."""

    project: Path = Path(".")
    out: Optional[Path] = None  # default: <project>/output
    audiences: tuple = ()  # default: every audience
    formats: tuple = ()  # default: the registry's default formats
    editions: tuple = ()  # default: the national edition
    all_editions: bool = False
    start: Optional[str] = None  # HH:MM, overrides start: in workshop.yaml
    template: Optional[Path] = None
    thumbnails: bool = False
    jobs: Optional[int] = None  # default: default_jobs() of the outputs to render (serial for a few)
    force: bool = False
    checks: bool = True  # False: render without the checks (the preview runs them after publishing)
    date: Optional[dt.date] = None  # the delivery date; overrides date: in workshop.yaml

    @property
    def out_dir(self) -> Path:
        """The output folder."""
        return Path(self.out) if self.out is not None else Path(self.project) / "output"

    def options(self) -> RenderOptions:
        """The options that change outputs."""
        return RenderOptions(start=self.start, thumbnails=self.thumbnails,
                             cache_dir=self.out_dir / CACHE_DIR)  # slide pictures kept by deck


@dataclass
class BuildResult:
    """What a build did: outputs written and up to date, the warnings, and notes for the user."""

    out_dir: Path
    written: list = field(default_factory=list)  # Paths written, in plan order
    unchanged: list = field(default_factory=list)  # Paths already up to date
    findings: list = field(default_factory=list)  # the checks' warnings (Diagnostics)
    warnings: list = field(default_factory=list)  # every warning as one line (remembered when nothing was done)
    notes: list = field(default_factory=list)  # one-line notes: missing programs, incomplete outputs
    incomplete: list = field(default_factory=list)  # Paths written without something (rebuilt next time)
    locked: list = field(default_factory=list)  # Paths another program holds open: not replaced (exit 1)
    audiences: int = 0
    editions: list = field(default_factory=lambda: [None])
    nothing_to_do: bool = False

    @property
    def outputs(self) -> int:
        """How many outputs the build covered."""
        return len(self.written) + len(self.unchanged)


class Progress:
    """Told how many outputs there are, then of each one done; the default does nothing."""

    def start(self, total: int) -> None:
        """Called once, before rendering, with the number of outputs."""

    def advance(self, spec: OutputSpec) -> None:
        """Called when one output is rendered or found up to date."""


# ---- selection ----

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
    specs: list = []
    seen: dict = {}
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


def check_out_dir(out_dir: Path, specs: list) -> None:
    """BuildError when outputs cannot be written under out_dir or a link would take one outside it."""
    problem = writing.out_dir_problem(out_dir)
    if problem:
        raise BuildError(problem)
    for spec in specs:
        if not inside(Path(out_dir), spec.path.parent):
            raise BuildError(f"{spec.path.parent} leads outside the output folder {out_dir} (a link?); "
                             "remove that link or choose another --out")


# ---- rendering ----

class _Warnings(logging.Handler):
    """Collects the warnings a renderer logs while it renders one output."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def render_one(workshop: Workshop, spec: OutputSpec, options: RenderOptions) -> tuple:
    """Resolve for the spec's audience and render its format: (bytes, warnings it logged)."""
    from .resolver import resolve

    resolved = resolve(workshop, spec.audience_id, options.start, spec.edition_id)
    logger = logging.getLogger(LOGGER)
    handler = _Warnings()
    logger.addHandler(handler)
    try:
        data = RENDERERS[spec.format].render(resolved, options)
    finally:
        logger.removeHandler(handler)
    return data, handler.lines


_WORKER_WORKSHOP: Optional[Workshop] = None


def _init_worker(workshop: Optional[Workshop]) -> None:
    global _WORKER_WORKSHOP
    if workshop is not None:
        _WORKER_WORKSHOP = workshop


def _render_in_worker(spec: OutputSpec, options: RenderOptions) -> tuple:
    assert _WORKER_WORKSHOP is not None  # set by fork or by _init_worker before any job runs
    return render_one(_WORKER_WORKSHOP, spec, options)


START_METHOD = "WORKSHOP_BUILDER_START_METHOD"  # fork, spawn or forkserver: how worker processes start


def start_method() -> str:
    """How worker processes start: WORKSHOP_BUILDER_START_METHOD when set, else fork, else spawn.

    macOS has fork but spawns, as Python does there by default: its system libraries are not
    safe to use in a forked child.
    """
    import multiprocessing
    import sys

    methods = multiprocessing.get_all_start_methods()
    wanted = os.environ.get(START_METHOD, "").strip()
    if wanted:
        if wanted not in methods:
            raise BuildError(f"{START_METHOD} is '{wanted}', which this system cannot start workers with; "
                             f"set it to {' or '.join(methods)}, or unset it")
        return wanted
    return "fork" if "fork" in methods and sys.platform != "darwin" else "spawn"


def _rendered(workshop: Workshop, specs: list, options: RenderOptions, jobs: int, precheck: Callable):
    """Yield (spec, bytes, warnings) for each spec, in worker processes when jobs > 1.

    precheck() runs first; it raises ContentError before any output is rendered if the content
    has errors. In parallel, the workers are forked after it and after one output of each format
    is rendered here, so they inherit everything those computed (deck plans, templates, fonts).
    """
    global _WORKER_WORKSHOP
    jobs = max(1, min(jobs, len(specs)))
    if jobs == 1:
        precheck()
        from .render.conversions_early import convert_early

        try:  # LibreOffice converts decks in the background while the other outputs render
            for spec in convert_early(workshop, specs, options):
                yield (spec, *render_one(workshop, spec, options))
        except BaseException:
            from .render.conversions_early import forget

            forget()
            raise
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    method = start_method()
    warmed = []
    precheck()
    context: BaseContext
    if method == "fork":  # workers inherit the loaded workshop and warm caches; nothing is pickled
        # One output of each format is rendered here first, so every forked worker starts with
        # python-pptx imported, the template parsed, the font metrics and templates loaded.
        first = list({spec.format: spec for spec in reversed(specs)}.values())
        warmed = [(spec, *render_one(workshop, spec, options)) for spec in first]
        specs = [spec for spec in specs if spec not in set(first)]
        if not specs:
            yield from warmed
            return
        jobs = min(jobs, len(specs))
        context, _WORKER_WORKSHOP, initarg = multiprocessing.get_context("fork"), workshop, None
        gc.collect()  # what the checks and the warm-up left behind is not copied into every worker,
        gc.freeze()  # and what is kept is not touched (so not copied) by the workers' collections
    else:  # spawn (Windows' only way) or forkserver: each worker is sent the loaded workshop
        context, initarg = multiprocessing.get_context(method), workshop
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                               initargs=(initarg,))
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
        gc.unfreeze()  # every worker is forked at the first submit: the parent collects as before
        yield from warmed
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                spec = pending.pop(future)
                yield (spec, *future.result())
            fill()
    except BaseException:
        _stop(pool)  # a failed build does not wait for renders it will throw away
        raise
    pool.shutdown(wait=True)


OUTPUTS_PER_WORKER = 8  # below this many outputs a worker costs more (fork, warm-up) than it saves


def default_jobs(outputs: int) -> int:
    """Worker processes for a build of this many outputs: serial for a few, up to one per CPU."""
    return max(1, min(os.cpu_count() or 1, outputs // OUTPUTS_PER_WORKER))


def _stop(pool) -> None:
    """Stop a process pool now: cancel what has not started and end the workers."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # CPython's pool keeps them here
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(timeout=5)


# ---- the build ----

class Build:
    """One build of a project into one output folder (see the module docstring)."""

    def __init__(self, request: BuildRequest, progress: Optional[Progress] = None):
        self.request = request
        self.progress = progress or Progress()
        self.out_dir = request.out_dir
        self.options = request.options()
        self.workshop: Optional[Workshop] = None  # the project as loaded, once run() has loaded it

    def _options_key(self) -> str:
        """The options that change outputs, the delivery date among them."""
        return self.options.key() + (f";date={self.request.date}" if self.request.date else "")

    def run(self) -> BuildResult:
        """Build what is out of date; a BuildResult, or ContentError / UsageError / BuildError."""
        request = self.request
        fingerprint = project_fingerprint(request.project, request.template)
        request_id = request_key(fingerprint, request.audiences, request.formats,
                                 self._options_key() + f";editions={sorted(request.editions)}"
                                 f";all={request.all_editions}"
                                 + ("" if request.checks else ";checks=no"), self.out_dir)
        manifest = Manifest(self.out_dir)
        if not request.force and manifest.request_up_to_date(request_id):
            return BuildResult(self.out_dir, unchanged=[self.out_dir / n for n in manifest.request_outputs(request_id)],
                               warnings=manifest.request_warnings(request_id), nothing_to_do=True)
        from .checks import Scope, run_checks, today_for_checks
        from .loader import load_project

        workshop = load_project(request.project, request.template)
        if request.date is not None:  # --date: the day it is delivered, on the title slide and handouts
            workshop = dataclasses.replace(workshop, date=request.date)
        self.workshop = workshop
        today = today_for_checks()  # a bad WORKSHOP_BUILDER_TODAY is one line before anything is written
        audiences = select_audiences(workshop, request.audiences)
        editions = select_editions(workshop, request.editions, request.all_editions)
        unknown = [f for f in request.formats if f not in RENDERERS]
        if unknown:
            raise UsageError(f"unknown format '{unknown[0]}'; formats: {', '.join(RENDERERS)}")
        specs = plan_outputs(workshop, audiences, list(request.formats) or default_formats(), self.out_dir, editions)
        check_out_dir(self.out_dir, specs)
        result = BuildResult(self.out_dir, audiences=len(audiences), editions=editions)
        if self.options.thumbnails and any(getattr(RENDERERS[s.format], "thumbnails", False) for s in specs):
            from .render.thumbnails import unavailable

            why = unavailable()
            if why:
                result.notes.append(f"facilitator handouts are built without slide pictures: {why} "
                                    "(--no-thumbnails turns them off)")
        jobs = request.jobs or 0  # 0: chosen when the build knows how many outputs are out of date
        from .checks.cache import CheckCache

        cache = CheckCache(self.out_dir) if request.checks else None
        scope = Scope(audiences=tuple(audiences), formats=tuple(dict.fromkeys(s.format for s in specs)),
                      editions=tuple(e for e in editions if e is not None))
        checks = (lambda: run_checks(workshop, today, scope=scope, cache=cache)) if request.checks else None
        self._write(workshop, specs, fingerprint, manifest, jobs, checks, result, request_id)
        if cache is not None:
            cache.save()
        return result

    def _write(self, workshop, specs, fingerprint, manifest, jobs, checks, result, request_id) -> None:
        """Render and put in place under the output folder's lock; environment failures as BuildError."""
        lock = OutputLock(self.out_dir)
        created = not os.path.lexists(self.out_dir)
        try:
            try:
                self._render_and_replace(workshop, specs, fingerprint, manifest, jobs, checks, result, lock)
            except BaseException:
                if created and lock.held:  # only what this build made, and only while it may
                    _remove_empty_folders(self.out_dir, keep_top=True)
                    lock.release()
                    _remove_empty_folders(self.out_dir)
                raise
            result.warnings = [d.format() for d in result.findings]
            manifest.record_request(request_id, specs, result.warnings)
            try:
                manifest.save()
            except OSError as exc:
                result.notes.append(f"the outputs are written, but the record of them is not "
                                    f"({writing.os_error_line(exc, manifest.path)}); the next build rebuilds them")
        except BusyError as exc:
            raise BuildError(str(exc)) from None
        except RenderError as exc:
            raise BuildError(str(exc)) from None
        except OSError as exc:
            raise BuildError(writing.os_error_line(exc, self.out_dir)) from None
        except Exception as exc:
            from concurrent.futures.process import BrokenProcessPool

            if isinstance(exc, BrokenProcessPool):
                raise BuildError("a worker process stopped before it finished (killed, or out of memory); "
                                 "build again, or with --jobs 1") from None
            raise
        finally:
            lock.release()

    def _render_and_replace(self, workshop, specs, fingerprint, manifest, jobs, checks, result, lock) -> None:
        """Render what is out of date, then put every output in place; nothing on failure."""

        def precheck():
            result.findings = list(checks()) if checks else []
            if any(d.severity == ERROR for d in result.findings):
                raise ContentError(result.findings)

        inputs = OutputInputs(workshop, self.request.template)  # each output's own files: an edit rebuilds its users
        keys = {spec: output_key(inputs.digest(spec.audience_id, spec.edition_id),
                                 f"{spec.edition_id}/{spec.audience_id}", spec.format,
                                 self._options_key()) for spec in specs}
        if os.path.isdir(self.out_dir):  # an existing folder: find another build (or no write access) first
            lock.hold()
        self.progress.start(len(specs))
        stale, unchanged = [], set()
        for spec in specs:
            if not self.request.force and manifest.up_to_date(spec.path, keys[spec]):
                unchanged.add(spec)
                self.progress.advance(spec)
            else:
                stale.append(spec)
        staged = []  # (spec, temporary file or None when unchanged, sha256, warnings)
        try:
            if not stale:
                precheck()
            for spec, data, warnings in _rendered(workshop, stale, self.options, jobs or default_jobs(len(stale)),
                                                  precheck):
                lock.hold()
                staged.append((spec, writing.stage(spec.path, data), hashlib.sha256(data).hexdigest(), warnings))
                self.progress.advance(spec)
            lock.hold()
        except BaseException:
            for _, tmp, _, _ in staged:
                if tmp is not None:
                    writing.unlink(tmp)
            raise
        by_spec = {item[0]: item for item in staged}
        for spec in specs:
            if spec in unchanged:
                result.unchanged.append(spec.path)
                continue
            _, tmp, sha, warnings = by_spec[spec]
            if tmp is not None:
                if not writing.replace_unless_locked(tmp, spec.path):  # open in PowerPoint, Word, a viewer
                    result.locked.append(spec.path)
                    manifest.forget(spec.path)
                    continue
                result.written.append(spec.path)
            else:
                result.unchanged.append(spec.path)
            if warnings:  # built without something: shown, and built again next time
                manifest.forget(spec.path)
                result.incomplete.append(spec.path)
                result.notes.extend(warnings)
            else:
                manifest.record(spec.path, keys[spec], sha)


def _remove_empty_folders(top: Path, keep_top: bool = False) -> None:
    """Remove top and the folders under it when they hold no files (after a failed first build)."""
    for dirpath, _, _ in sorted(os.walk(top), key=lambda item: -len(item[0])):
        if keep_top and Path(dirpath) == Path(top):
            continue
        try:
            os.rmdir(dirpath)
        except OSError:
            pass


def build_project(request: BuildRequest, progress: Optional[Progress] = None) -> BuildResult:
    """Run one build (Build(request, progress).run())."""
    return Build(request, progress).run()


write_atomic = writing.write_atomic  # kept for callers of the old place

__all__ = ["Build", "BuildRequest", "BuildResult", "BuildError", "Progress", "build_project", "plan_outputs",
           "select_audiences", "select_editions", "UsageError", "ContentError", "OutputSpec", "write_atomic"]
