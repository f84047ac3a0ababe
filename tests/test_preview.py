"""`workshop-builder preview`: the server over HTTP, its event stream, its errors, and (marked
clients) the page in Chromium following edits made on disk.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from workshop_builder.preview import Session, make_server

REPO = Path(__file__).resolve().parent.parent
BROKEN = ("duration: {default: 30, staff: 40}", "duration: {default: 30, staff: 40")


@pytest.fixture
def served(basic):
    """A built session of the basic project for the staff audience, served on a free port."""
    session = Session(basic, "staff")
    session.rebuild()
    server = make_server(session)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield session, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    session.close()


def get(url: str) -> tuple:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status, answer.headers.get("Content-Type"), answer.read().decode("utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


class Events:
    """A reader of the server's event stream: next_state() is the next `state` event's data."""

    def __init__(self, url: str):
        host, port = url.rsplit("/", 1)[-1].split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=10)
        self.conn.request("GET", "/_preview/events")
        self.answer = self.conn.getresponse()
        assert self.answer.headers["Content-Type"] == "text/event-stream"

    def next_state(self) -> dict:
        event = data = None
        while True:
            line = self.answer.fp.readline().decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
            elif not line and event == "state":
                return json.loads(data)

    def close(self):
        self.conn.close()


def test_index_links_the_slides_and_both_handouts_and_served_pages_carry_the_preview_script(served, basic):
    session, url = served
    status, kind, index = get(url + "/")
    assert status == 200 and kind.startswith("text/html")
    links = dict(re.findall(r'<a href="(/out/[^"]+)">([^<]+)</a>', index))
    assert sorted(links.values()) == ["Facilitator handout", "Participant handout",
                                      "Slides (press p for the presenter view)"]
    slides = get(url + "/out/test-workshop-staff-slides.html")[2]
    assert '<section' in slides and "Mixed slide" in slides
    assert slides.index('<script src="/_preview/preview.js">') < slides.rindex("</body>")
    assert "Frontline staff (staff)" in index and "national edition" in index
    page = get(url + "/out/test-workshop-staff-participant.html")[2]
    assert "Mixed slide" in page and "NOTES-MIXED" not in page  # the participant handout itself
    assert page.index('<script src="/_preview/preview.js">') < page.rindex("</body>")
    assert json.loads(re.search(r"window.WB_PREVIEW = (.*?);</script>", page).group(1)) == {
        "output": "test-workshop-staff-participant.html", "changed": 1}
    assert "EventSource" in get(url + "/_preview/preview.js")[2]
    assert get(url + "/_preview/preview.css")[1].startswith("text/css")
    with pytest.raises(urllib.error.HTTPError) as missing:
        get(url + "/out/../workshop.yaml")
    assert missing.value.code == 404
    assert not (basic / "output").exists()  # the preview builds in its own folder
    assert session.out_dir.is_dir() and not session.out_dir.is_relative_to(basic)


def test_the_event_stream_sends_the_new_state_after_a_rebuild(served, basic):
    session, url = served
    events = Events(url)
    try:
        first = events.next_state()
        assert first["build"] == 1 and first["ok"] and not first["building"]
        assert any("W202" in line for line in first["findings"])
        edit(basic / "modules" / "intro.md", "NOTES-MIXED: shared notes.", "NOTES-MIXED: edited notes.")
        session.rebuild()
        states = [events.next_state() for _ in range(3)]
    finally:
        events.close()
    # building; the pages published while the checks run; the checks' findings
    assert [(s["building"], s["checking"]) for s in states] == [(True, False), (False, True), (False, False)]
    assert states[1]["build"] == states[2]["build"] == 2
    done = states[2]
    assert done["ok"] and any("W202" in line for line in done["findings"])
    # only the facilitator handout shows notes: only its page is told to reload
    assert done["outputs"]["test-workshop-staff-facilitator.html"]["changed"] == 2
    assert done["outputs"]["test-workshop-staff-participant.html"]["changed"] == 1
    assert done["outputs"]["test-workshop-staff-slides.html"]["changed"] == 2  # the presenter view's notes
    assert "edited notes" in get(url + "/out/test-workshop-staff-facilitator.html")[2]


def test_a_broken_front_matter_is_an_error_with_file_and_line_until_it_is_fixed(served, basic):
    session, url = served
    module = basic / "modules" / "intro.md"
    edit(module, *BROKEN)
    state = session.rebuild()
    assert not state["ok"] and len(state["errors"]) == 1
    assert re.match(r"modules/intro\.md:4:\d+: E002 invalid YAML", state["errors"][0])
    # the last good pages stay served under the overlay
    assert "Mixed slide" in get(url + "/out/test-workshop-staff-participant.html")[2]
    edit(module, BROKEN[1], BROKEN[0])
    state = session.rebuild()
    assert state["ok"] and state["errors"] == [] and state["build"] == 3


def test_an_error_the_checks_find_follows_the_pages_and_is_shown_until_fixed(served, basic):
    session, url = served
    module = basic / "modules" / "intro.md"
    edit(module, "![A map of the area with a marked circle]", "![map.png]")
    events = Events(url)
    try:
        events.next_state()
        state = session.rebuild()
        published = [events.next_state() for _ in range(3)]
    finally:
        events.close()
    assert published[1]["ok"] and published[1]["checking"]  # the pages first, while the checks run
    assert not state["ok"] and state["build"] == 2
    assert [line.split(" ")[:2] for line in state["errors"]] == [["modules/intro.md:50:1:", "A503"]]
    assert 'alt="map.png"' in get(url + "/out/test-workshop-staff-participant.html")[2]
    edit(module, "![map.png]", "![A map of the area with a marked circle]")
    assert session.rebuild()["ok"]


def test_an_unknown_audience_stops_the_command_before_serving(basic, cli):
    result = cli("preview", "-C", basic, "-a", "memberz", "--no-open")
    assert result.exit_code == 2
    assert "unknown audience 'memberz'; did you mean 'members'?" in result.output
    assert "Traceback" not in result.output


def start_preview(project: Path, tmp: Path, *args) -> tuple:
    """`workshop-builder preview --no-open` in its own process: (process, url, lines it printed)."""
    env = dict(os.environ, TMPDIR=str(tmp), PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "workshop_builder", "preview", "-C", str(project), "--no-open",
                             *args], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), encoding="utf-8")
    lines = []
    for line in proc.stdout:
        lines.append(line)
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found:
            threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()
            return proc, found.group(0), lines
    proc.wait(10)
    pytest.fail(f"preview did not start: {''.join(lines)} {proc.stderr.read()}")


def stop(proc) -> tuple:
    """Ctrl-C, then (exit status, what it wrote to stderr)."""
    proc.send_signal(signal.SIGINT)
    proc.wait(20)
    return proc.returncode, proc.stderr.read()


def test_ctrl_c_stops_the_preview_cleanly_and_removes_its_folder(basic, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc, url, lines = start_preview(basic, tmp, "-a", "staff")
    assert get(url + "_preview/state")[2]
    assert [p.name for p in tmp.iterdir() if p.name.startswith("workshop-builder-preview-")]
    status, err = stop(proc)
    assert status == 0 and "Traceback" not in err, err
    assert "stopped." in "".join(lines)
    assert not [p for p in tmp.iterdir() if p.name.startswith("workshop-builder-preview-")]
    assert not (basic / "output").exists()


def test_a_taken_port_is_one_line_and_exit_status_1(basic, cli):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = cli("preview", "-C", basic, "--no-open", "--port", taken.getsockname()[1])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "choose another --port" in errors[0]


@pytest.mark.clients
def test_the_page_follows_edits_shows_the_overlay_and_clears_it_in_chromium(basic, tmp_path):
    """Done when (issue 16): an edit appears within a second; a broken front matter shows the
    overlay with file and line; the fix removes it."""
    from helpers import CLIENTS, need_node_packages

    need_node_packages("playwright-core")
    proc, url, lines = start_preview(basic, tmp_path, "-a", "staff")
    try:
        check = subprocess.run(["node", str(CLIENTS / "preview_check.js"), "--chromium", shutil.which("chromium"),
                                "--url", url, "--module", str(basic / "modules" / "intro.md")],
                               capture_output=True, timeout=120, encoding="utf-8")
    finally:
        status, err = stop(proc)
    assert check.returncode == 0, check.stderr
    seen = json.loads(check.stdout)
    print(json.dumps({k: seen[k] for k in ("editMs", "breakMs", "fixMs")}))
    assert seen["errors"] == []
    assert seen["indexTitle"] == "Preview: Test workshop"
    assert seen["links"] == ["Slides (press p for the presenter view)", "Facilitator handout", "Participant handout"]
    assert seen["before"] and "Check findings (1)" in seen["panel"] and "W202" in seen["panel"]
    assert seen["editMs"] < 1000, seen
    assert re.match(r"modules/intro\.md:4:\d+: E002 invalid YAML", seen["overlay"]), seen["overlay"]
    assert seen["overlayRole"] == "alertdialog" and seen["contentHidden"] == "hidden"
    assert seen["breakMs"] < 1000 and seen["fixMs"] < 1000, seen
    assert seen["after"]
    assert status == 0 and "Traceback" not in err, err
