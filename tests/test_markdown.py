"""Markdown as authors write it, parsed once (issue 11): the tree every walker reads, the module
parser's fences and footnotes, and the checks that walk the tree (W070-W074, W304, W610, E070-E071).

Fast tier: fragments are parsed in memory; the checks load the small `basic` project.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import pytest
from test_accessibility import append, line_of

from workshop_builder.checks import check_project
from workshop_builder.diagnostics import Report
from workshop_builder.markdown_tree import MarkdownParser, code_lines
from workshop_builder.module_parser import BodyParser
from workshop_builder.render.code_colours import SHADING, coloured, contrast
from workshop_builder.render.from_markdown import note_paragraphs, text_points
from workshop_builder.render.presentation import LineBreak, Run

PARSER = MarkdownParser()


def tree(text: str, parser: MarkdownParser = PARSER) -> etree.Element:
    return parser.parse(text)


def xml(text: str, parser: MarkdownParser = PARSER) -> str:
    return etree.tostring(tree(text, parser), encoding="unicode")


def body(text: str, first_line: int = 10):
    """(BodyParser, report) for a module body starting at first_line."""
    report = Report()
    parser = BodyParser("modules/m.md", MarkdownParser(), report)
    parser.parse(text.split("\n"), first_line)
    return parser, report


# ---- line breaks ----

def test_soft_line_breaks_join_with_a_space():
    p = tree("A paragraph written\nover three\n  source lines.").find("p")
    assert p.text == "A paragraph written over three source lines." and not list(p)


def test_two_trailing_spaces_and_a_backslash_are_hard_breaks():
    p = tree("Name and role  \nTeam and phone\\\nOffice hours").find("p")
    assert [p.text] + [br.tail for br in p] == ["Name and role", "Team and phone", "Office hours"]
    assert [el.tag for el in p] == ["br", "br"]


def test_soft_breaks_join_inside_list_items_quotes_and_emphasis():
    root = tree("- an item wrapped\n  over two lines\n\n> a quote wrapped\n> over two\n\n*emphasis\nwrapped*")
    texts = ["".join(el.itertext()) for el in root.iter() if el.tag in ("li", "em")]
    assert texts == ["an item wrapped over two lines", "emphasis wrapped"]
    assert "".join(root.find("blockquote").itertext()).strip() == "a quote wrapped over two"


def test_slide_points_and_notes_have_no_break_inside_a_wrapped_paragraph():
    elements = list(tree("First line\nsecond line.\n\n- item\n  continued"))
    for para in [p for point in text_points(elements, "m", lambda *a: "") for p in point.paragraphs]:
        assert "\n" not in para.text and LineBreak() not in para.runs
    notes = note_paragraphs(elements, "m", lambda *a: "")
    assert [p.text for p in notes] == ["First line second line.", "• item continued"]


# ---- fenced code ----

@pytest.mark.parametrize("fence,info", [("```", "bash"), ("~~~", "python"), ("````", "{.python .numberLines}"),
                                        ("```", ""), ("~~~~~", "language-r")])
def test_fenced_code_is_a_code_block_without_its_info_string(fence, info):
    root = tree(f"Before\n\n{fence}{info}\n### not a heading\n:::\necho 15,500 &amp; 45%\n{fence}\n\nAfter")
    [pre] = root.findall("pre")
    assert pre.find("code").text == "### not a heading\n:::\necho 15,500 &amp; 45%\n"
    assert [el.tag for el in root] == ["p", "pre", "p"] and not root.findall(".//h3")
    assert info.strip("{}. ").replace("language-", "").split(" ")[0] == pre.get("lang")


def test_a_longer_fence_holds_a_shorter_one_and_an_indented_fence_sits_in_its_list_item():
    assert tree("````\n```\ninner\n```\n````").find("pre/code").text == "```\ninner\n```\n"
    item = tree("- run this:\n\n    ```bash\n    ls -l\n    ```\n- next").find("ul/li")
    assert item.find("pre/code").text == "ls -l\n" and item.find("pre").get("lang") == "bash"


def test_an_unclosed_fence_is_marked_and_inline_triple_backticks_are_not_a_fence():
    assert tree("```\nnever closed\n").find("pre").get("unclosed") == "1"
    assert tree("Say ```x``` here").find("p/code").text == "x"
    assert code_lines("a\n```\nb\n```\nc\n~~~\nd") == {1, 2, 3, 5, 6}


def test_code_is_coloured_for_known_languages_only_and_readable_on_its_shading():
    pieces = coloured('for i in range(10):\n    print("x")\n', "python")
    assert "".join(p for p, _ in pieces) == 'for i in range(10):\n    print("x")\n'
    assert {c for _, c in pieces} - {""} and all(contrast(c, SHADING) >= 4.5 for _, c in pieces if c)
    assert coloured("x = 1", "no-such-language") == [("x = 1", "")] == coloured("x = 1", "")


def test_a_slide_code_block_is_monospaced_coloured_lines_with_no_info_string():
    [point] = text_points(list(tree("```python\nx = 1\ny = 2\n```")), "m", lambda *a: "")
    [para] = point.paragraphs
    assert para.role == "code" and para.text == "x = 1\ny = 2" and "python" not in para.text
    assert all(r.code for r in para.runs if isinstance(r, Run)) and any(r.colour for r in para.runs
                                                                       if isinstance(r, Run))


def test_headings_and_blocks_inside_a_fence_are_not_module_structure():
    parser, report = body("## Slide\n\n```markdown\n## Not a slide\n::: notes\n:::\n```\n\n::: notes\nReal notes.\n:::")
    assert [s.title for s in parser.slides] == ["Slide"] and not report.errors
    [code, notes] = parser.slides[0].blocks
    assert code.kind == "body" and "## Not a slide\n::: notes" in code.tree.find("pre/code").text
    assert notes.kind == "notes" and notes.loc.line == 19


# ---- entities, keys, raw HTML, smart quotes ----

def test_entities_are_characters_keys_are_code_and_other_html_stays_text():
    p = tree("Fish &amp; chips &mdash; &#169; <kbd>Ctrl</kbd>+<kbd>C</kbd> <b>bold?</b>").find("p")
    assert "".join(p.itertext()) == "Fish & chips — © Ctrl+C <b>bold?</b>"
    assert [(c.tag, c.get("kbd"), c.text) for c in p] == [("code", "1", "Ctrl"), ("code", "1", "C")]


def test_smart_quotes_only_when_the_author_asks():
    text = "\"Quoted\" and it's -- done..."
    assert "".join(tree(text).itertext()).strip() == text
    assert "".join(tree(text, MarkdownParser(smart_quotes=True)).itertext()).strip() == "“Quoted” and it’s – done…"


# ---- pictures, lists, footnotes, reference links ----

def test_pandoc_picture_attributes():
    imgs = tree('![A map](m.png){width=50%} ![B](b.png){alt="Better" width="30%" height=2cm}').findall(".//img")
    assert [(i.get("alt"), i.get("width"), i.get("unknown-attrs")) for i in imgs] == [
        ("A map", "50%", None), ("Better", "30%", "height")]
    assert "{" not in "".join(tree("![A map](m.png){width=50%} after").itertext())


def test_numbered_lists_keep_their_start_and_slides_bound_it():
    assert tree("3. three\n4. four").find("ol").get("start") == "3"
    for written, start_at in (("0", 1), ("3", 3), ("40000", 32767)):
        [first, _] = text_points(list(tree(f"{written}. a\n{int(written) + 1}. b")), "m", lambda *a: "")
        assert first.paragraphs[0].start_at == start_at


def test_reference_links_resolve_across_the_module_and_footnotes_are_kept_for_it():
    parser, report = body("## Slide\n\nSee [the guidance][wt].[^1]\n\n::: notes\nAgain [wt].\n:::\n\n"
                          "[wt]: https://example.org/wt 'Working Together'\n[^1]: A footnote,\n    wrapped.")
    [text, notes] = parser.slides[0].blocks
    assert text.tree.find(".//a").get("href") == notes.tree.find(".//a").get("href") == "https://example.org/wt"
    assert text.tree.find(".//fnref").get("id") == "1" and not report.errors
    loc, footnote = parser.footnotes["1"]
    assert loc.line == 19 and "".join(footnote.itertext()).strip() == "A footnote, wrapped."


def test_e070_a_footnote_defined_twice():
    _, report = body("## S\n\nText[^a]\n\n[^a]: one\n[^a]: two")
    assert [(d.code, str(d.loc)) for d in report.errors] == [("E070", "modules/m.md:15:1")]


def test_e071_a_footnote_without_definition(basic, cli):
    rel = append(basic, "intro.md", "## Notes\n\nA claim.[^missing]\n")
    result = cli("check", "-C", basic)
    assert result.exit_code == 1
    assert f"{rel}:{line_of(basic, rel, 'A claim.')}:9: E071" in result.output


# ---- the Markdown checks ----

def codes(root, prefix) -> list:
    _, found = check_project(root)
    return [(d.code, str(d.loc)) for d in found if d.code.startswith(prefix)]


def test_w070_unused_footnote(basic):
    rel = append(basic, "intro.md", "## Notes\n\nA point.\n\n[^old]: From a draft.\n")
    assert codes(basic, "W07") == [("W070", f"{rel}:{line_of(basic, rel, '[^old]')}:1")]


def test_w071_unclosed_fence(basic):
    rel = append(basic, "intro.md", "## Code\n\n```bash\nls -l\n")
    assert codes(basic, "W07") == [("W071", f"{rel}:{line_of(basic, rel, '```bash')}:1")]


@pytest.mark.parametrize("start", ["0", "40000"])
def test_w072_list_start_out_of_range(basic, start):
    rel = append(basic, "intro.md", f"## Steps\n\n{start}. first\n{int(start) + 1}. second\n")
    assert codes(basic, "W07") == [("W072", f"{rel}:{line_of(basic, rel, f'{start}. first')}:1")]


def test_w073_raw_html_is_reported_where_it_stands(basic):
    rel = append(basic, "intro.md", "## Call\n\nCall <b>999</b> now; <kbd>Ctrl</kbd> is fine; `<b>` in code too.\n")
    assert codes(basic, "W07") == [("W073", f"{rel}:{line_of(basic, rel, 'Call <b>')}:6"),
                                   ("W073", f"{rel}:{line_of(basic, rel, 'Call <b>')}:12")]


def test_w074_unknown_picture_attribute(basic):
    rel = append(basic, "intro.md", "## Map\n\n![A map of routes](images/map.png){height=5cm}\n")
    found = codes(basic, "W07")
    assert [c for c, _ in found] == ["W074"] and found[0][1].startswith(f"{rel}:{line_of(basic, rel, 'height')}:")


def test_w304_never_counts_numbers_in_code(basic):
    append(basic, "intro.md", "## Shell\n\n```bash\necho 15,500 45%\n```\n\n~~~\n2,000 in 3\n~~~\n\n"
                              "Run `seq 1000` and ![A chart](images/map.png){width=50%}.\n")
    assert codes(basic, "W304") == []


def test_w610_notes_that_would_run_off_the_printed_notes_page(basic):
    words = " ".join(["The facilitator explains the referral pathway in detail."] * 80)
    rel = append(basic, "intro.md", f"## Long notes\n\nA point.\n\n::: notes\n{words}\n:::\n")
    assert codes(basic, "W610") == [("W610", f"{rel}:{line_of(basic, rel, '## Long notes')}:1")]


def test_notes_that_fit_once_shrunk_are_not_reported(basic):
    words = " ".join(["The facilitator explains the referral pathway."] * 30)
    append(basic, "intro.md", f"## Longish notes\n\nA point.\n\n::: notes\n{words}\n:::\n")
    assert codes(basic, "W610") == []


def test_a_picture_whose_alt_text_is_a_pandoc_attribute_has_alt_text(basic, cli):
    append(basic, "intro.md", "## Map\n\n![](images/map.png){alt='Referral routes into the front door'}\n")
    result = cli("check", "-C", basic)
    assert "E034" not in result.output
    _, found = check_project(basic)
    assert not [d for d in found if d.code in ("E034", "A503")]


def test_w075_an_underlined_heading_does_not_start_a_slide(basic):
    rel = append(basic, "intro.md", "## A slide\n\nText.\n\nSigns to look for\n-----------------\n\n- A sign\n")
    assert codes(basic, "W07") == [("W075", f"{rel}:{line_of(basic, rel, 'Signs to look for')}:1")]


def test_a_fence_inside_a_block_quote_is_code():
    quote = tree("> Quote:\n> ```bash\n> echo 15,500\n>\n> ls\n> ```\n> after").find("blockquote")
    assert [el.tag for el in quote] == ["p", "pre", "p"]
    assert quote.find("pre/code").text == "echo 15,500\n\nls\n" and quote.find("pre").get("lang") == "bash"
    assert code_lines("> ```\n> ## not a heading\n> ```\n## a heading") == {0, 1, 2}


def test_quote_marks_and_dashes_in_code_are_not_nesting():
    deep = "\n".join(">" * 20 + " prompt" for _ in range(3))
    parser, report = body(f"## Shell\n\n```text\n{deep}\n```\n")
    assert not report.errors and parser.slides[0].blocks[0].tree.find("pre") is not None
