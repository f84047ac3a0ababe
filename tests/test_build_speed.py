"""What makes builds fast, asserted as behaviour (never as timing): a build checks only what it
renders and re-checks only changed inputs, an edit re-renders only the outputs that use the
edited file, parallel outputs equal serial ones, and the delivery date and progress bar."""

from __future__ import annotations

import io
from pathlib import Path

from helpers import deck_text, html_text
from test_bad_input import edit

from workshop_builder.build import Build, BuildRequest
from workshop_builder.checks import base as checks_base
from workshop_builder.checks import language
from workshop_builder.progress_bar import ProgressBar
from workshop_builder.render import handout


def _outputs(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_a_build_of_one_audiences_deck_checks_only_that_audience_and_renders_no_handout(basic, monkeypatch):
    resolved, handouts = [], []
    real_resolve, real_render = checks_base.resolve, handout._Handout.render
    monkeypatch.setattr(checks_base, "resolve", lambda w, aud, *a: resolved.append(aud) or real_resolve(w, aud, *a))
    monkeypatch.setattr(handout._Handout, "render", lambda self, *a: handouts.append(self.name) or real_render(self, *a))
    Build(BuildRequest(project=basic, audiences=("members",), formats=("pptx",), jobs=1)).run()
    assert resolved == ["members"]
    assert handouts == []
    resolved.clear()
    Build(BuildRequest(project=basic, formats=("participant",), jobs=1, force=True)).run()
    assert sorted(resolved) == ["members", "staff"]
    assert set(handouts) == {"participant"}  # no facilitator handout is rendered to check it


def test_check_still_checks_every_audience(basic, cli, monkeypatch):
    resolved = []
    real_resolve = checks_base.resolve
    monkeypatch.setattr(checks_base, "resolve", lambda w, aud, *a: resolved.append(aud) or real_resolve(w, aud, *a))
    cli("check", "-C", basic)
    assert sorted(resolved) == ["members", "staff"]


def test_an_unchanged_module_is_not_checked_again(basic, monkeypatch):
    checked = []
    real = language.module_hits
    monkeypatch.setattr(language, "module_hits", lambda module, *a: checked.append(module.id) or real(module, *a))
    Build(BuildRequest(project=basic, jobs=1)).run()
    assert sorted(checked) == ["deep-dive", "intro"]
    checked.clear()
    edit(basic / "modules/deep-dive.md", "Second step", "Second step, done together")
    Build(BuildRequest(project=basic, jobs=1)).run()
    assert checked == ["deep-dive"]


def test_an_edit_rebuilds_only_the_outputs_that_use_the_edited_module(basic):
    first = Build(BuildRequest(project=basic, jobs=1)).run()
    assert len(first.written) == 6
    edit(basic / "modules/deep-dive.md", "Second step", "Second step, done together")  # staff only
    again = Build(BuildRequest(project=basic, jobs=1)).run()
    assert sorted(p.parent.name for p in again.written) == ["staff"] * 3
    assert sorted(p.parent.name for p in again.unchanged) == ["members"] * 3
    assert "done together" in deck_text(basic / "output/staff/test-workshop-staff.pptx")


def test_an_edit_of_a_shared_module_rebuilds_every_audience(basic):
    Build(BuildRequest(project=basic, jobs=1)).run()
    edit(basic / "modules/intro.md", "title: Introduction to the topic", "title: Introduction, changed")
    again = Build(BuildRequest(project=basic, jobs=1)).run()
    assert len(again.written) == 6


def test_two_workers_write_the_same_bytes_as_one(basic, tmp_path):
    Build(BuildRequest(project=basic, out=tmp_path / "one", jobs=1)).run()
    Build(BuildRequest(project=basic, out=tmp_path / "two", jobs=2)).run()
    one, two = _outputs(tmp_path / "one"), _outputs(tmp_path / "two")
    assert len(one) == 6 and one == two


def test_date_sets_the_delivery_date_on_the_title_slide_and_handouts(basic, cli):
    result = cli("build", "-C", basic, "-a", "staff", "--date", "2027-03-04")
    assert result.exit_code == 0, result.output
    out = basic / "output/staff"
    assert "4 March 2027" in deck_text(out / "test-workshop-staff.pptx")
    for kind in ("facilitator", "participant"):
        text = html_text(out / f"test-workshop-staff-{kind}.html")
        assert "4 March 2027" in text and "27 November 2026" not in text
    again = cli("build", "-C", basic, "-a", "staff", "--date", "2027-03-05")
    assert "5 March 2027" in deck_text(out / "test-workshop-staff.pptx"), again.output


def test_date_must_be_a_real_day(basic, cli):
    result = cli("build", "-C", basic, "--date", "2027-02-30")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_no_progress_when_stderr_is_not_a_terminal(basic, cli):
    result = cli("build", "-C", basic)
    assert result.exit_code == 0
    assert "Building" not in result.output and "[#" not in result.output and "\r" not in result.output


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def _spec(name):
    class Spec:
        path = Path("out/staff") / name
    return Spec()


def test_the_bar_shows_done_of_total_the_latest_output_and_time_then_clears():
    stream = _Terminal()
    bar = ProgressBar(stream=stream, delay=0)
    bar.start(3)
    bar.advance(_spec("a.pptx"))
    assert "1/3" in stream.getvalue() and "staff/a.pptx" in stream.getvalue() and "0:00" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_the_bar_is_quiet_under_quiet_and_before_its_delay():
    for bar, _stream in ((ProgressBar(quiet=True, stream=_Terminal(), delay=0), None),
                        (ProgressBar(stream=_Terminal(), delay=60), None)):
        bar.start(3)
        bar.advance(_spec("a.pptx"))
        bar.close()
        assert bar.stream.getvalue() == ""


def test_handouts_are_rendered_for_their_checks_only_when_their_inputs_changed(basic, monkeypatch):
    Build(BuildRequest(project=basic, jobs=1)).run()
    rendered = []
    real_render = handout._Handout.render
    monkeypatch.setattr(handout._Handout, "render",
                        lambda self, r, *a: rendered.append(r.audience.id) or real_render(self, r, *a))
    edit(basic / "modules/deep-dive.md", "Second step", "Second step, done together")  # staff only
    Build(BuildRequest(project=basic, jobs=1)).run()
    assert set(rendered) == {"staff"}


def _fake_libreoffice(monkeypatch, pages=None):
    """thumbnails' converters replaced: counts conversions, one tiny PNG a slide (or `pages`)."""
    from PIL import Image

    from workshop_builder.render import thumbnails

    buf = io.BytesIO()
    Image.new("RGB", (4, 3)).save(buf, "PNG")
    calls = []

    def to_pdf(deck, suffix, what):
        calls.append(len(deck))
        from pptx import Presentation
        return len(Presentation(io.BytesIO(deck)).slides) if pages is None else pages

    monkeypatch.setattr(thumbnails, "missing_program", lambda: None)
    monkeypatch.setattr(thumbnails, "soffice_to_pdf", to_pdf)
    monkeypatch.setattr(thumbnails, "pdf_pages_to_png", lambda n, width, what: [buf.getvalue()] * n)
    monkeypatch.setattr(thumbnails, "_CACHE", {})
    return calls


def test_slide_pictures_of_an_unchanged_deck_are_not_converted_again(basic, monkeypatch):
    calls = _fake_libreoffice(monkeypatch)
    request = BuildRequest(project=basic, formats=("facilitator",), thumbnails=True, jobs=1)
    Build(request).run()
    assert len(calls) == 2  # one a deck
    from workshop_builder.render import thumbnails
    monkeypatch.setattr(thumbnails, "_CACHE", {})  # a new process: only the output folder's cache
    again = Build(BuildRequest(project=basic, formats=("facilitator",), thumbnails=True, jobs=1, force=True)).run()
    assert len(calls) == 2 and not again.incomplete
    assert list((basic / "output" / ".workshop-builder-cache" / "pictures").glob("*.zip"))


def test_a_failed_conversion_is_reported_and_not_kept(basic, monkeypatch):
    calls = _fake_libreoffice(monkeypatch, pages=1)  # one page for a deck of several slides
    first = Build(BuildRequest(project=basic, formats=("facilitator",), thumbnails=True, jobs=1)).run()
    assert len(first.incomplete) == 2 and any("pages for a deck" in n for n in first.notes)
    assert not list((basic / "output").glob(".workshop-builder-cache/pictures/*.zip"))
    from workshop_builder.render import thumbnails
    monkeypatch.setattr(thumbnails, "_CACHE", {})
    Build(BuildRequest(project=basic, formats=("facilitator",), thumbnails=True, jobs=1)).run()
    assert len(calls) == 4  # tried again


def test_the_sample_deck_the_checks_read_is_written_again_only_when_its_inputs_change(basic, monkeypatch):
    from workshop_builder.render import pptx_writer

    written = []
    real = pptx_writer.write_slides
    monkeypatch.setattr(pptx_writer, "write_slides", lambda r, s: written.append(len(s)) or real(r, s))
    request = BuildRequest(project=basic, audiences=("members",), formats=("pptx",), jobs=1, force=True)
    Build(request).run()
    assert len(written) == 2  # the deck, and one slide per layout for A507/A508
    written.clear()
    Build(request).run()
    assert len(written) == 1  # the deck only
    edit(basic / "modules/intro.md", "title: Introduction to the topic", "title: Introduction, changed")
    written.clear()
    Build(request).run()
    assert len(written) == 2


def test_deck_pdf_and_slide_pictures_share_one_conversion_started_before_the_other_outputs(basic, monkeypatch):
    from PIL import Image

    from workshop_builder.render import deck_pdf, external, office, thumbnails

    buf = io.BytesIO()
    Image.new("RGB", (4, 3)).save(buf, "PNG")
    events = []

    def convert(documents, target, purpose):
        from pptx import Presentation

        deck = list(documents.values())[0]
        events.append(("convert", target))
        return {"deck": b"PDF-1.6 pages=" + str(len(Presentation(io.BytesIO(deck)).slides)).encode()}

    from workshop_builder import build as build_module

    real_render = build_module.render_one
    monkeypatch.setattr(build_module, "render_one", lambda w, spec, o: events.append(("render", spec.format))
                        or real_render(w, spec, o))
    monkeypatch.setattr(office, "convert", convert)
    monkeypatch.setattr(office, "version", lambda purpose: (7, 4, 7, 2))
    monkeypatch.setattr(external, "find_program", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(deck_pdf, "find_program", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(thumbnails, "missing_program", lambda: None)
    monkeypatch.setattr(thumbnails, "pdf_pages_to_png", lambda pdf, width, what: [buf.getvalue()] * int(pdf.split(b"=")[1]))
    monkeypatch.setattr(thumbnails, "_CACHE", {})
    request = BuildRequest(project=basic, formats=("pptx", "participant", "facilitator", "deck-pdf"),
                           thumbnails=True, jobs=1)
    result = Build(request).run()
    assert not result.incomplete
    conversions = [e for e in events if e[0] == "convert"]
    assert len(conversions) == 2 and all("UseTaggedPDF" in target for _, target in conversions)  # one a deck
    renders = [name for kind, name in events if kind == "render"]
    assert renders.index("facilitator") > max(renders.index("participant"), renders.index("pptx"))
    assert "data:image/png;base64," in (basic / "output" / "staff" / "test-workshop-staff-facilitator.html").read_text(encoding="utf-8")
