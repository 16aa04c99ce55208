"""Quotes, dashes and ellipses follow the interview's language."""

import pytest

from exporters.typography import direction, typeset


@pytest.mark.parametrize("lang, expected", [
    ("en", "“Yes”—she said… it’s fine"),
    ("fr", "«\u202fYes\u202f»\u00a0— she said… it’s fine"),
    ("de", "„Yes“\u00a0– she said… it’s fine"),
])
def test_quotes_and_dashes_by_language(lang, expected):
    assert typeset('"Yes" -- she said... it\'s fine', lang) == expected


def test_plain_text_reads_no_markdown_or_templates():
    assert typeset("*not* {{ 7*7 }} <b>&amp;", "en") == "*not* {{ 7*7 }} <b>&amp;"


def test_number_ranges_get_an_en_dash():
    assert typeset("1990--1995", "en") == "1990–1995"


def test_direction_follows_language_and_script():
    assert direction("fa") == "rtl" and direction("ar-EG") == "rtl"
    assert direction("en") == "ltr" and direction("az-Arab") == "rtl"
