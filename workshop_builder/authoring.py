"""Authoring helpers: a new module from a template, and rebuilding when sources change."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path
from typing import Callable

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


def watch(root: Path, rebuild: Callable[[], None], debounce: float = 0.3,
          stop: threading.Event = None) -> None:
    """Call rebuild() once now and again after each burst of changes to the project's sources."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    root = Path(root).resolve()
    changed = threading.Event()
    stop = stop or threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            path = Path(str(getattr(event, "dest_path", "") or event.src_path))
            try:
                rel = path.resolve().relative_to(root)
            except ValueError:
                return
            if rel.parts and rel.parts[0] in WATCHED and not path.name.startswith(".") \
                    and not path.name.endswith("~") and event.event_type not in ("opened", "closed_no_write"):
                changed.set()

    observer = Observer()
    handler = Handler()
    observer.schedule(handler, str(root), recursive=False)
    for name in WATCHED[1:]:
        if (root / name).is_dir():
            observer.schedule(handler, str(root / name), recursive=True)
    observer.start()
    try:
        rebuild()
        while not stop.is_set():
            if changed.wait(0.2):
                time.sleep(debounce)  # let an editor finish writing
                changed.clear()
                rebuild()
    finally:
        observer.stop()
        observer.join()
