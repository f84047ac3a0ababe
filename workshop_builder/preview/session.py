"""One preview: builds one audience and edition into a private folder and keeps the state pages see.

The state (what was built, whether the last build failed and why, the check findings) is
versioned; the server's event stream waits on it and sends each new version to the pages.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:  # type hints only
    from ..model import Workshop

FORMATS = ("slides-html", "facilitator", "participant")
LABELS = {"slides-html": "Slides (press p for the presenter view)", "facilitator": "Facilitator handout",
          "participant": "Participant handout"}


@dataclass
class Built:
    """What one build made: the workshop, its title, the audience and edition, and the outputs."""

    workshop: Workshop
    title: str
    audience: str  # "Elected members (members)"
    edition: str  # "national", or the edition's name
    outputs: dict  # format -> Path
    changed: set  # formats whose file has new bytes


def request_for(project: Path, audience: Optional[str], edition: Optional[str], out_dir: Path):
    """The BuildRequest of a preview: one audience and edition's previewed formats into out_dir, no checks."""
    from ..build import BuildRequest

    return BuildRequest(project=Path(project), out=Path(out_dir), audiences=(audience,) if audience else (),
                        formats=FORMATS, editions=(edition,) if edition else (), thumbnails=False, jobs=1,
                        checks=False)


def choose_audience(project: Path, audience: Optional[str], edition: Optional[str]) -> str:
    """The audience to preview (the one asked for, else the first in workshop.yaml), the audience
    and edition checked against the project.

    Raises UsageError for an unknown audience or edition, ContentError when the project does not load.
    """
    from ..build import UsageError, select_audiences, select_editions
    from ..loader import load_project

    workshop = load_project(project)
    select_editions(workshop, [edition] if edition else [], False)
    if audience:
        return select_audiences(workshop, [audience])[0]
    if not workshop.audiences:
        raise UsageError("workshop.yaml lists no audiences to preview; add one under audiences:")
    return next(iter(workshop.audiences))


def build_into(request) -> Built:
    """Build a preview's request (request_for) with the build object: the pages, without the checks.

    This and check() are the preview's only calls into the build. Raises ContentError for
    mistakes in the content, UsageError for an unknown audience or edition, BuildError when
    the build cannot finish (a program a format needs fails).
    """
    from ..build import Build, plan_outputs, select_editions
    from ..loader import load_project

    build = Build(request)
    result = build.run()
    workshop = build.workshop or load_project(request.project)  # None: nothing to do, loaded here
    audience_id = request.audiences[0]
    editions = select_editions(workshop, request.editions, False)
    specs = plan_outputs(workshop, [audience_id], request.formats, request.out_dir, editions)
    written = set(result.written)
    named = workshop.audiences[audience_id]
    return Built(workshop=workshop, title=workshop.title, audience=f"{named.name} ({audience_id})",
                 edition=workshop.editions[editions[0]].name if editions[0] else "national",
                 outputs={spec.format: spec.path for spec in specs},
                 changed={spec.format for spec in specs if spec.path in written})


def check(built: Built) -> list:
    """The check findings for the project that was built (errors and warnings)."""
    from ..checks import run_checks

    return run_checks(built.workshop)


class Session:
    """A project previewed for one audience and edition: its private output folder and its state."""

    def __init__(self, project: Path, audience: Optional[str] = None, edition: Optional[str] = None):
        """Check the audience and edition (UsageError when unknown) and make the private folder."""
        from ..diagnostics import ContentError

        self.project = Path(project)
        self.audience, self.edition = audience, edition
        try:
            self.audience_id: Optional[str] = choose_audience(self.project, audience, edition)
        except ContentError:  # the first build shows the mistake in the page
            self.audience_id = audience
        self.out_dir = Path(tempfile.mkdtemp(prefix="workshop-builder-preview-"))
        self.condition = threading.Condition()
        self.version = 0  # goes up with every change of state
        self.closed = False
        self.state: dict[str, Any] = {"build": 0, "building": False, "checking": False, "ok": True, "errors": [], "findings": [],
                      "outputs": {}, "title": "", "audience": audience or "the first audience in workshop.yaml",
                      "edition": edition or "national", "seconds": 0.0, "time": ""}
        self.files: dict = {}  # file name -> Path, of the last good build

    def request(self):
        """The BuildRequest this session builds (see request_for)."""
        return request_for(self.project, self.audience_id, self.edition, self.out_dir)

    def snapshot(self):
        """(version, a copy of the state)."""
        with self.condition:
            return self.version, dict(self.state)

    def wait(self, seen: int, timeout: float):
        """Block until the state is newer than `seen` (or timeout, or close); (version, state)."""
        with self.condition:
            self.condition.wait_for(lambda: self.version != seen or self.closed, timeout)
            return self.version, dict(self.state)

    def _update(self, **changes) -> None:
        """Change the state, as a new version, and wake the event streams."""
        with self.condition:
            self.state.update(changes)
            self.version += 1
            self.condition.notify_all()

    def rebuild(self) -> dict:
        """Build now and publish the pages, then check and publish the findings; returns the state.

        The checks take longer than the pages, so the pages are published first: they reload
        at once, and an error the checks find shows a moment later. Every mistake, an unknown
        audience or edition included, is shown in the page; the preview goes on.
        """
        from ..build import BuildError, UsageError
        from ..diagnostics import ERROR, ContentError

        self._update(building=True)
        started = time.monotonic()
        errors, findings = [], []
        try:
            if self.audience_id is None:  # the project did not load at the start
                self.audience_id = choose_audience(self.project, self.audience, self.edition)
            built = build_into(self.request())
            self._publish(started, built, [], self.state["findings"], checking=True)
            findings = check(built)
        except ContentError as exc:
            findings = exc.diagnostics
        except (UsageError, BuildError) as exc:
            errors = [f"error: {exc}"]
        except Exception as exc:  # a bug: the preview goes on, the traceback goes to the terminal
            import traceback

            traceback.print_exc(file=sys.stderr)
            errors = [f"internal error: {type(exc).__name__}: {exc} (see the terminal; please report it)"]
        errors += [d.format() for d in findings if d.severity == ERROR]
        self._publish(started, None, errors, [d.format() for d in findings if d.severity != ERROR])
        return self.snapshot()[1]

    def _publish(self, started: float, built: Optional[Built], errors: list, findings: list,
                 checking: bool = False) -> None:
        """Publish a build's pages (when built is given, as a new build number), errors and findings."""
        changes = {"building": False, "checking": checking, "ok": not errors, "errors": errors,
                   "findings": findings, "seconds": round(time.monotonic() - started, 3),
                   "time": dt.datetime.now().strftime("%H:%M:%S")}
        if built is not None:
            previous, outputs = self.state["outputs"], {}
            changes["build"] = self.state["build"] + 1
            for fmt, path in built.outputs.items():
                last = previous.get(path.name, {}).get("changed", 0)
                outputs[path.name] = {"format": fmt, "label": LABELS.get(fmt, fmt),
                                      "changed": changes["build"] if fmt in built.changed or not last else last}
                self.files[path.name] = path
            changes.update(outputs=outputs, title=built.title, audience=built.audience, edition=built.edition)
        elif self.state["building"]:
            changes["build"] = self.state["build"] + 1  # a failed build: a new number, the old pages
        self._update(**changes)

    def close(self) -> None:
        """Wake every waiting event stream and remove the private folder."""
        with self.condition:
            self.closed = True
            self.condition.notify_all()
        shutil.rmtree(self.out_dir, ignore_errors=True)
