"""The preview's web server: the standard library's threading HTTP server on 127.0.0.1.

    /                      an index page linking the built outputs
    /out/<file>            a built output; HTML gets the preview script injected
    /_preview/events       server-sent events: the session's state, sent again on every change
    /_preview/state        the same state once, as JSON
    /_preview/preview.js   the page script (reload, error overlay, findings panel) and its CSS
"""

from __future__ import annotations

import html
import json
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import cast
from urllib.parse import unquote, urlsplit

from .session import Session

KEEPALIVE = 15.0  # seconds between comments on an idle event stream (finds closed pages)
STATIC = {"preview.js": "text/javascript; charset=utf-8", "preview.css": "text/css; charset=utf-8"}


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server that knows the session it previews."""

    session: Session


def make_server(session: Session, port: int = 0) -> PreviewServer:
    """A server for the session on 127.0.0.1 (port 0: a free one); OSError when the port is taken."""
    server = PreviewServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.session = session
    return server


def inject(page: bytes, settings: dict) -> bytes:
    """An HTML page with the preview's stylesheet and script added before its </body>."""
    data = json.dumps(settings).replace("</", "<\\/")
    tags = ('<link rel="stylesheet" href="/_preview/preview.css">'
            f'<script>window.WB_PREVIEW = {data};</script>'
            '<script src="/_preview/preview.js"></script>').encode()
    at = page.lower().rfind(b"</body>")
    return page[:at] + tags + page[at:] if at >= 0 else page + tags


def index_page(state: dict) -> bytes:
    """The index: the workshop, audience and edition, and a link to each built output."""
    esc = html.escape
    links = "".join(f'<li><a href="/out/{esc(name)}">{esc(item["label"])}</a> <small>{esc(name)}</small></li>'
                    for name, item in state["outputs"].items())
    body = f"<ul>{links}</ul>" if links else "<p>Nothing has been built yet.</p>"
    title = state["title"] or "workshop"
    return (f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>Preview: {esc(title)}</title></head><body><main class="wb-preview-index">'
            f'<h1>Preview: {esc(title)}</h1>'
            f'<p>For {esc(state["audience"])}, {esc(state["edition"])} edition. Every save rebuilds these '
            f'and the open pages reload by themselves.</p>{body}</main></body></html>').encode()


class Handler(BaseHTTPRequestHandler):
    """GET only; every answer is uncached, so a reload shows the newest build."""

    server_version = "workshop-builder-preview"

    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        """Nothing: the terminal shows builds, not requests."""

    @property
    def session(self) -> Session:
        """The session this server previews."""
        return cast(PreviewServer, self.server).session

    def do_GET(self):  # noqa: N802 - the standard library's name
        """Answer a page, a built output, the state or the event stream; anything else is 404."""
        path = unquote(urlsplit(self.path).path)
        if path == "/_preview/events":
            return self.events()
        version, state = self.session.snapshot()
        if path in ("/", "/index.html"):
            return self.send(inject(index_page(state), {"build": state["build"]}), "text/html; charset=utf-8")
        if path == "/_preview/state":
            return self.send(json.dumps(state).encode("utf-8"), "application/json")
        if path.startswith("/_preview/") and path[10:] in STATIC:
            data = resources.files(__package__).joinpath("static", path[10:]).read_bytes()
            return self.send(data, STATIC[path[10:]])
        if path.startswith("/out/"):
            name = path[5:]
            file = self.session.files.get(name)
            if file is not None and file.is_file():
                data = file.read_bytes()
                if name.endswith(".html"):
                    changed = state["outputs"].get(name, {}).get("changed", 0)
                    data = inject(data, {"output": name, "changed": changed})
                    return self.send(data, "text/html; charset=utf-8")
                return self.send(data, "application/octet-stream")
        self.send(b"Not found", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)

    def send(self, data: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        """Answer with data, uncached."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def events(self) -> None:
        """Stream the session's state: now, then after every change, until the page goes away."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        try:
            self.wfile.write(b"retry: 500\n\n")
            while not self.session.closed:
                version, state = self.session.wait(seen, KEEPALIVE)
                if version != seen:
                    self.wfile.write(b"event: state\ndata: " + json.dumps(state).encode("utf-8") + b"\n\n")
                    seen = version
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
