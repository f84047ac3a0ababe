"""`workshop-builder preview`: one audience and edition served on 127.0.0.1, rebuilt on every save.

The session (session.py) builds into a private temporary folder, never into output/; the
server (server.py) serves what it built and streams its state to the pages as server-sent
events; the page script (static/preview.js) reloads a page whose output changed, shows a
build's mistakes in an overlay instead of the content, and the check findings in a side panel.
Watching the project is authoring.watch, the same watcher as `workshop-builder watch`.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Callable, Optional

from .server import make_server
from .session import Session

DEBOUNCE = 0.1  # seconds to let an editor finish saving before the rebuild


class PreviewError(Exception):
    """The preview cannot start (the port is taken): one line for the user."""


def serve(project: Path, audience: Optional[str] = None, edition: Optional[str] = None, port: int = 0,
          open_browser: bool = True, echo: Callable[[str], None] = print) -> None:
    """Serve, build and rebuild on every change until Ctrl-C; the private folder is removed at the end.

    Raises UsageError for an unknown audience or edition and PreviewError when the port is
    taken, both before anything is built or served.
    """
    from ..authoring import watch

    session = Session(Path(project), audience, edition)
    server, on_term = None, None
    if threading.current_thread() is threading.main_thread():
        on_term = signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl-C
    try:
        try:
            server = make_server(session, port)
        except OSError as exc:
            raise PreviewError(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}; choose another "
                               "--port, or leave it out for a free one") from None
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
        first = [True]

        def show(outcome) -> None:
            """A build's line in the terminal; after the first (the watcher is running), the URL."""
            if isinstance(outcome, BaseException):  # Session.rebuild shows its own errors: a bug here
                echo(f"internal error: {type(outcome).__name__}: {outcome}")
                return
            _report(outcome, echo)
            if first:
                first.clear()
                echo(f"Previewing {outcome['audience']}, {outcome['edition']} edition, at {url}")
                echo("Rebuilding on every save; press Ctrl-C to stop.")
                if open_browser:
                    import webbrowser

                    webbrowser.open(url)

        # watch() builds once now, then after every change; the session builds its own request
        watch(session.request(), show, debounce=DEBOUNCE, build=lambda request: session.rebuild())
    except KeyboardInterrupt:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while closing changes nothing
        echo("stopped.")
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
        session.close()
        if on_term is not None:
            signal.signal(signal.SIGTERM, on_term)


def _interrupt(signum, frame):
    """SIGTERM handled as Ctrl-C."""
    raise KeyboardInterrupt


def _report(state: dict, echo: Callable[[str], None]) -> None:
    """One line a build in the terminal, and the mistakes that the page shows."""
    warnings = len(state["findings"])
    tail = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    if state["ok"]:
        echo(f"[{state['time']}] built in {state['seconds']:.2f} s{tail}")
    else:
        echo(f"[{state['time']}] {len(state['errors'])} error{'s' if len(state['errors']) != 1 else ''} "
             f"(shown in the browser){tail}:")
        for line in state["errors"]:
            echo(f"  {line}")


__all__ = ["serve", "PreviewError", "Session", "make_server"]
