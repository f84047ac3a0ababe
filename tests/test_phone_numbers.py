"""The phone-number finder every output uses to keep numbers on one line (fast: no builds)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_builder.phone_numbers import (
    NO_BREAK_SPACE,
    find_phone_numbers,
    keep_numbers_together,
    wrap_numbers_in_html,
)


@pytest.mark.parametrize("text, numbers", [
    ("Call 0800 1111 now.", ["0800 1111"]),
    ("Unseen (08000 121 700, 24 hours) and Crimestoppers (0800 555 111).", ["08000 121 700", "0800 555 111"]),
    ("The lead, Community Safety, 0113 496 0400", ["0113 496 0400"]),
    ("In an emergency call 999; otherwise 101 or 111.", ["999", "101", "111"]),
    ("Missing People's 116 000 is free; so is 116123.", ["116 000", "116123"]),
    ("From abroad: +44 20 7946 0000.", ["+44 20 7946 0000"]),
    ("Mobile 07700 900123 or 01632 960-100.", ["07700 900123", "01632 960-100"]),
])
def test_finds_uk_numbers_and_short_codes(text, numbers):
    assert find_phone_numbers(text) == numbers


@pytest.mark.parametrize("text", [
    "In 2025 there were 14,500 children and 1,900 missing episodes.",
    "Section 45 of the Modern Slavery Act 2015; paragraph 1999.",
    "An archived page: /newsroom/04062025111000open and question 126770.",
    "Referrals rose 232% to 23,411; 0.5 per 1,000.",
    "Room 1010, 9990 steps, x999y, 2101.",
])
def test_leaves_figures_years_and_references_alone(text):
    assert find_phone_numbers(text) == []


def test_keeps_each_number_together_and_nothing_else():
    text = "Call 0113 496 0400 or 999, not 14 500 people."
    kept = keep_numbers_together(text)
    assert kept == f"Call 0113{NO_BREAK_SPACE}496{NO_BREAK_SPACE}0400 or 999, not 14 500 people."


GROUPS = st.sampled_from(["0800 1111", "0808 800 5000", "01632 960 100", "0113 496 0400", "07700 900123",
                          "116 000", "999", "101", "+44 20 7946 0000", "08000 121 700"])
WORDS = st.lists(st.sampled_from(["call", "the", "helpline", "(", ")", ",", "on", "or", "24/7", "free"]),
                 max_size=6).map(" ".join)


@given(before=WORDS, number=GROUPS, after=WORDS)
def test_a_number_in_any_sentence_is_found_whole_and_kept_whole(before, number, after):
    text = f"{before} {number} {after}".strip()
    assert number in find_phone_numbers(text)
    kept = keep_numbers_together(text)
    assert kept.replace(NO_BREAK_SPACE, " ") == text  # only the numbers' own spaces change
    assert number.replace(" ", NO_BREAK_SPACE) in kept


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=60))
def test_text_without_digits_is_unchanged(text):
    assert keep_numbers_together(text) == text
    assert find_phone_numbers(text) == []


def test_html_numbers_wrapped_in_text_only():
    page = ('<html><head><title>Call 0800 1111</title><style>p{content:"0800 1111"}</style></head>'
            '<body><p data-x="0800 1111">Call <a href="tel:08001111">0800 1111</a> or 999.</p>'
            '<svg><text>0800 1111</text></svg></body></html>')
    out = wrap_numbers_in_html(page)
    assert out.count('<span class="phone">') == 2
    assert '<a href="tel:08001111"><span class="phone">0800 1111</span></a>' in out
    assert '<span class="phone">999</span>.' in out
    assert re.sub(r'</?span[^>]*>', "", out) == page


def test_the_slide_fitter_measures_a_kept_number_as_one_word():
    from workshop_builder.render.measure import line_count, text_width
    from workshop_builder.render.presentation import Run

    size = 18
    width = text_width("0113 496 0400", size) + 1  # the number just fits a line
    text = "Call 0113 496 0400 now"
    assert line_count([Run(text)], width, size) == 2  # "Call 0113 496" / "0400 now": broken mid-number
    assert line_count([Run(keep_numbers_together(text))], width, size) == 3  # "Call" / the number / "now"
