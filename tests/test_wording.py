"""Wording that fits where it is read: the content note a facilitator says aloud, handout text
that makes sense on paper (W105), and an audience block's points in the list they continue."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from conftest import REPO, run
from pptx import Presentation
from test_bad_input import edit
from test_checks import only

from workshop_builder.render.content_note import material, who
from workshop_builder.render.handout_model import BulletList, Fragment, ListItem, Run, _joined_lists

SLUG = "county-lines-workshop"
AUDIENCES = ("elected-members", "childrens-practitioners", "adult-safeguarding", "district-and-regulatory",
             "all-council-staff")
SLIDE_WORDS = re.compile(r"\b(?:next|previous|last|this|following) slide|\bon (?:the )?screen\b|\bclick\b", re.I)


# ---- the pure functions ----

def test_material_names_the_kinds_the_notes_declare_in_a_fixed_order():
    notes = ["Discusses modern slavery and the sexual exploitation of children.",
             "Mentions violence, including sexual violence and weapons, used against adults at risk."]
    assert material(notes) == (["sexual"], ["sexual abuse", "violence", "modern slavery"])
    assert material(["Includes the rape of children and sexual abuse."])[1] == ["sexual abuse and rape"]
    assert material(["A gentle introduction."]) == ([], [])
    # What a facilitator must warn about is said, not summarised away:
    assert "self-harm and suicide" in material(["Mentions self-harm and a suicide."])[1]
    assert "forced internal concealment" in material(["including forced internal concealment"])[1]
    assert "exploiters taking over people's homes" in material(["adults whose homes are taken over"])[1]
    assert "abuse through images" in material(["sexual violence and abuse through images"])[1]
    assert who(notes) == "children and adults at risk"
    assert who(["Violence against children."]) == "children"


# Words in a module's content note that the spoken note must carry, and what it says for them.
MUST_SAY = {"rape": "sexual abuse and rape", "images": "abuse through images",
            "concealment": "forced internal concealment", "taken over": "exploiters taking over people's homes",
            "homes": "exploiters taking over people's homes", "death": "the deaths of children",
            "missing": "children who go missing", "slavery": "modern slavery", "trafficking": "human trafficking",
            "violence": "violence", "victim-blaming": "examples of victim-blaming language"}


def test_what_each_shipped_module_warns_about_is_said_aloud():
    """A warning in a module's content note that the spoken summary dropped would go unsaid."""
    repo = Path(__file__).resolve().parent.parent
    notes = [line.split(":", 1)[1].lower() for path in sorted((repo / "modules").glob("*.md"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("content_note:")]
    assert len(notes) >= 10
    for note in notes:
        kinds = material([note])[1]
        for words, said in MUST_SAY.items():
            if words in note:
                assert said in kinds, (note, said)


def _item(text: str) -> ListItem:
    return ListItem((Run(text),), ())


def test_a_list_that_continues_the_one_before_it_is_joined_to_it():
    a, b = BulletList(False, (_item("a"),)), BulletList(False, (_item("b"),))
    joined = _joined_lists([Fragment((a,)), Fragment((b,))])
    assert joined == (Fragment((BulletList(False, (_item("a"), _item("b"))),)),)
    one, three = BulletList(True, (_item("1"), _item("2"))), BulletList(True, (_item("3"),), start=3)
    assert _joined_lists([Fragment((one,)), Fragment((three,))])[0].blocks[0].items[-1] == _item("3")
    restart = BulletList(True, (_item("again"),), start=1)  # a new numbered list, not a continuation
    assert len(_joined_lists([Fragment((one,)), Fragment((restart,))])) == 2
    assert len(_joined_lists([Fragment((a,)), Fragment((one,))])) == 2


# ---- W105 ----

def test_w105_slide_words_in_text_the_handouts_print(basic, cli):
    edit(basic / "workshop.yaml", "minutes: 60", "minutes: 35")
    edit(basic / "modules/intro.md", "- Two sources at once", "- Support lines are on the next slide\n- Two sources at once")
    edit(basic / "modules/intro.md", "NOTES-ONE: say", "NOTES-ONE: on the next slide, say")  # notes: not flagged
    status, got, hits = only(cli, basic, "W105")
    assert [(f["path"], f["line"], f["column"], f["code"]) for f in hits] == [("modules/intro.md", 33, 28, "W105")]
    assert "'next slide' is printed in the handouts too" in hits[0]["message"] and status == 0


# ---- the shipped workshop, built ----

@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    """Every audience's deck and both handouts (HTML, and Word for participants), national edition."""
    out = tmp_path_factory.mktemp("shipped-wording")
    result = run("build", "-C", REPO, "-o", out, "--no-thumbnails", "-f", "pptx", "-f", "participant",
                 "-f", "facilitator", "-f", "participant-docx")
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.slow  # builds the shipped workshop
def test_the_opening_content_note_summarises_instead_of_listing_modules(shipped):
    for aud in AUDIENCES:
        deck = Presentation(str(shipped / aud / f"{SLUG}-{aud}.pptx"))
        notes = deck.slides[0].notes_slide.notes_text_frame.text
        agenda = re.findall(r"^(\d\d:\d\d)–\d\d:\d\d\s+Break\b", _agenda_text(deck), re.M)
        note = notes[notes.index("give the content note"):]
        assert "criminal, sexual and financial exploitation of children and adults at risk" in note, aud
        assert "sexual abuse and rape" in note and "violence" in note, aud
        titles = [row.split("  ")[1] for row in _agenda_text(deck).splitlines()[1:] if "  Break  " not in row]
        assert len(titles) > 3 and not [t for t in titles if t in note], aud  # no module is named
        if agenda:
            assert all(time in note for time in agenda), (aud, agenda)
            assert "break at" in note or "breaks at" in note, aud
        else:
            assert "There is no break" in note, aud
        assert len(note.split()) < 90, aud  # a sentence or two to say aloud


def _agenda_text(deck) -> str:
    """The agenda slides' table rows as "start–end  title  minutes" lines."""
    rows = []
    for slide in deck.slides:
        if slide.shapes.title is not None and slide.shapes.title.text_frame.text.startswith("Agenda"):
            rows += ["  ".join(c.text for c in row.cells) for sh in slide.shapes if sh.has_table for row in sh.table.rows]
    return "\n".join(rows)


@pytest.mark.slow  # builds the shipped workshop
def test_breaks_are_found_in_some_agenda(shipped):
    """The content-note test above checks break times: at least one audience has a break."""
    decks = [Presentation(str(shipped / aud / f"{SLUG}-{aud}.pptx")) for aud in AUDIENCES]
    assert any(re.search(r"^\d\d:\d\d–\d\d:\d\d\s+Break\b", _agenda_text(d), re.M) for d in decks)


@pytest.mark.slow  # builds the shipped workshop
def test_participant_handouts_never_point_to_a_slide(shipped):
    for aud in AUDIENCES:
        page = (shipped / aud / f"{SLUG}-{aud}-participant.html").read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S))
        assert not SLIDE_WORDS.findall(text), aud
        words = docx.Document(str(shipped / aud / f"{SLUG}-{aud}-participant.docx"))
        assert not [p.text for p in words.paragraphs if SLIDE_WORDS.search(p.text)], aud
    page = (shipped / "childrens-practitioners" / f"{SLUG}-childrens-practitioners-participant.html").read_text(encoding="utf-8")
    assert 'listed under "Support and contacts" at the end of this handout' in page.replace("&#34;", '"').replace(
        "&quot;", '"')


@pytest.mark.slow  # builds the shipped workshop
def test_audience_points_join_the_list_they_continue_in_both_handouts(shipped):
    for aud in AUDIENCES:
        for kind in ("participant", "facilitator"):
            page = (shipped / aud / f"{SLUG}-{aud}-{kind}.html").read_text(encoding="utf-8")
            assert not re.search(r"</ul>\s*<ul\b", page), (aud, kind)
            assert not re.search(r"</ol>\s*<ol\b", page), (aud, kind)
    page = (shipped / "elected-members" / f"{SLUG}-elected-members-participant.html").read_text(encoding="utf-8")
    lists = [re.sub(r"<[^>]+>", "", ul) for ul in re.findall(r"<ul>.*?</ul>", page, re.S)]
    welcome = next(ul for ul in lists if "Step out whenever you need to" in ul)
    assert "Content note: today covers abuse and exploitation" in welcome  # its audience block's point
