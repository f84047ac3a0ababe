"""Authoring helpers: a new module from a template, and rebuilding when sources change."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path
from typing import Callable, Optional

MODULE_TEMPLATE = """---
title: {title}
# Minutes for each audience; "default" covers the others.
duration: {{{durations}}}
# "all", or a list of audience ids: [{audience_list}]
audiences: all
outcomes:
  - Explain … (what participants can do afterwards)
  - Recognise …
sources:
  example-source:
    title: Title of the publication
    publisher: Home Office
    year: {year}
    url: https://www.gov.uk/
# When the facts must be checked again (within 12 months).
review_by: {review_by}
# Shown to the facilitator and on the agenda when the material can distress.
content_note: Discusses …
---

Text before the first heading is the module's introduction: it appears in the handouts only.

# {title}

## First slide title

- A short point, with **bold**, *italic* and a [descriptive link](https://www.gov.uk/)
- A figure always carries its source and year (in 2024) [@example-source]
  - A nested point

::: notes
What the facilitator says and why: the deck's notes page and the facilitator handout, never
the slide.
:::

::: handout
Further reading or detail: in the handouts only, never on a slide.
:::

::: audience {first_audience}
## A slide only for this audience

- Tailored point

::: notes
Tailored notes.
:::
:::

::: activity 5
### Discussion: a fictional composite case study

- Instructions shown on the activity slide
- Its minutes count inside the module's duration

::: notes
How to run it, what to draw out, and how to look after participants.
:::
:::
"""


def new_module_text(title: str, audiences: list, today: dt.date) -> str:
    """The text of a new module with every front-matter key and block shown."""
    durations = ", ".join(["default: 10"] + [f"{a}: 10" for a in audiences[:1]])
    review_by = today.replace(year=today.year + 1) - dt.timedelta(days=30)
    return MODULE_TEMPLATE.format(title=title, durations=durations, audience_list=", ".join(audiences),
                                  year=today.year, review_by=review_by.isoformat(),
                                  first_audience=audiences[0] if audiences else "elected-members")


WATCHED = ("workshop.yaml", "modules", "templates", "editions")
# Watchdog event types that mean a file really changed; reads arrive as "opened" and
# "closed_no_write" and must never start a build (the build reads every source).
CHANGES = ("created", "deleted", "modified", "moved", "closed")


def watched_folders(root: Path) -> list:
    """The project's top-level names to watch: the sources, and folders of the files they point at."""
    from .incremental import INPUT_DIRS, referenced_files

    sources = [root / "workshop.yaml"] + [p for name in INPUT_DIRS if (root / name).is_dir()
                                          for p in sorted((root / name).rglob("*")) if p.is_file()]
    names = list(WATCHED)
    for path in referenced_files(root, sources):
        top = path.relative_to(root).parts[0]
        if top not in names and (root / top).is_dir():
            names.append(top)
    return names


def is_change(event, root: Path, names) -> bool:
    """Whether a watchdog event is a real change to a watched source (not a read, not a dot-file)."""
    if event.event_type not in CHANGES:
        return False
    for raw in (event.src_path, getattr(event, "dest_path", "")):
        if not raw:
            continue
        path = Path(str(raw if isinstance(raw, str) else raw.decode()))
        try:
            rel = path.resolve().relative_to(root)
        except ValueError:
            continue
        if rel.parts and rel.parts[0] in names and not path.name.startswith(".") \
                and not path.name.endswith("~") and "__pycache__" not in rel.parts:
            return True
    return False


def watch(request, show: Callable, announce: Optional[Callable[[], None]] = None, debounce: float = 0.3,
          stop: Optional[threading.Event] = None, build: Optional[Callable] = None) -> None:
    """Build now and again after each burst of real changes to the project's sources, forever.

    Each outcome (a BuildResult, or the exception a build raised) goes to show(); a mistake
    or an unexpected error is shown and the watch goes on. SystemExit and KeyboardInterrupt
    are never caught. A burst of events that leaves every source as it was builds nothing.
    """
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    from .build import build_project
    from .incremental import project_fingerprint

    build = build or build_project
    root = Path(request.project).resolve()
    changed = threading.Event()
    stop = stop or threading.Event()
    names = watched_folders(root)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            if is_change(event, root, names):
                changed.set()

    def rebuild(last: Optional[str]) -> Optional[str]:
        try:
            now = project_fingerprint(root, request.template)
        except Exception:  # noqa: BLE001 - the build below reports the real problem
            now = None
        if now is not None and now == last:
            return last  # touched, not changed
        if announce:
            announce()
        try:
            show(build(request))
        except Exception as exc:  # noqa: BLE001 - a watch reports every failure and goes on
            show(exc)
        return now

    observer = Observer()
    handler = Handler()
    observer.schedule(handler, str(root), recursive=False)
    for name in names[1:]:
        if (root / name).is_dir():
            observer.schedule(handler, str(root / name), recursive=True)
    observer.start()
    try:
        last = rebuild(None)
        while not stop.is_set():
            if changed.wait(0.2):
                time.sleep(debounce)  # let an editor finish writing
                changed.clear()
                last = rebuild(last)
    finally:
        observer.stop()
        observer.join()
