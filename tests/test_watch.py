"""`watch`: builds only after real changes to watched sources, and a failed build never ends it."""

from __future__ import annotations

import os
import threading
import time

import pytest
from test_bad_input import edit
from watchdog.events import (
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from workshop_builder.authoring import is_change, watch, watched_folders
from workshop_builder.build import BuildRequest


def test_reads_are_not_changes_and_only_watched_sources_count(basic):
    root = basic.resolve()
    names = watched_folders(root)
    module = str(root / "modules/intro.md")
    assert not is_change(FileOpenedEvent(module), root, names)
    assert not is_change(FileClosedNoWriteEvent(module), root, names)
    for event in (FileModifiedEvent(module), FileCreatedEvent(module), FileDeletedEvent(module),
                  FileClosedEvent(module), FileMovedEvent(str(root / "modules/.intro.md.swp"), module)):
        assert is_change(event, root, names), event
    assert not is_change(FileModifiedEvent(str(root / "output/staff/x.pptx")), root, names)
    assert not is_change(FileModifiedEvent(str(root / "modules/.intro.md.swp")), root, names)
    assert is_change(FileModifiedEvent(str(root / "workshop.yaml")), root, names)


def test_a_folder_of_pictures_beside_modules_is_watched(basic):
    (basic / "modules/images").rename(basic / "images")
    edit(basic / "modules/intro.md", "](images/map.png)", "](../images/map.png)")
    root = basic.resolve()
    assert "images" in watched_folders(root)
    assert is_change(FileModifiedEvent(str(root / "images/map.png")), root, watched_folders(root))


def _run_watch(basic, script, build):
    """Run watch() here with a stand-in build, while script(calls, stop) edits files in a thread."""
    calls, shown, stop = [], [], threading.Event()

    def counted(request):
        calls.append(time.monotonic())
        return build(len(calls))

    def driver():
        try:
            script(calls, stop)
        finally:
            stop.set()

    thread = threading.Thread(target=driver)
    thread.start()
    try:
        watch(BuildRequest(project=basic), shown.append, debounce=0.1, stop=stop, build=counted)
    finally:
        stop.set()
        thread.join()
    return calls, shown


def _wait_for(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def test_reading_and_touching_sources_builds_nothing_and_an_edit_builds_once(basic):
    def script(calls, stop):
        assert _wait_for(lambda: len(calls) == 1)
        for _ in range(5):  # what a build (or an editor opening a file) does: read every source
            for path in sorted((basic / "modules").rglob("*")):
                if path.is_file():
                    path.read_bytes()
        os.utime(basic / "modules/intro.md")  # touched, not changed
        time.sleep(1.5)
        assert len(calls) == 1, "a read or a touch started a build"
        edit(basic / "modules/intro.md", "Shared point", "Shared point, changed")
        assert _wait_for(lambda: len(calls) == 2)
        time.sleep(1.0)
        assert len(calls) == 2, "one edit started more than one build"

    calls, shown = _run_watch(basic, script, lambda n: f"result {n}")
    assert len(calls) == 2 and shown == ["result 1", "result 2"]


def test_an_unexpected_error_is_shown_and_the_watch_goes_on(basic):
    def build(n):
        if n == 2:
            raise RuntimeError("something the builder did not expect")
        return f"result {n}"

    def script(calls, stop):
        assert _wait_for(lambda: len(calls) == 1)
        edit(basic / "modules/intro.md", "Shared point", "Shared point, changed")
        assert _wait_for(lambda: len(calls) == 2)
        edit(basic / "modules/intro.md", "Shared point, changed", "Shared point, changed again")
        assert _wait_for(lambda: len(calls) == 3)

    _, shown = _run_watch(basic, script, build)
    assert shown[0] == "result 1" and isinstance(shown[1], RuntimeError) and shown[2] == "result 3"


def test_system_exit_is_never_swallowed(basic):
    def build(n):
        raise SystemExit(3)

    with pytest.raises(SystemExit):
        _run_watch(basic, lambda calls, stop: _wait_for(lambda: bool(calls)), build)


def test_watch_prints_a_content_mistake_and_goes_on(basic, cli):
    from workshop_builder.cli import _watch_error
    from workshop_builder.diagnostics import ContentError, Diagnostic, Location

    error = ContentError([Diagnostic(Location("modules/intro.md", 3), "E010", "unknown audience 'x'")])
    text = _watch_error(error)
    assert text.splitlines()[0].startswith("modules/intro.md:3: E010 unknown audience 'x'")
    assert _watch_error(RuntimeError("boom")) == ("error: unexpected RuntimeError: boom; nothing was written "
                                                  "(the watch goes on).")
