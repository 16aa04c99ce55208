"""Quotes, dashes, ellipses and no-break spaces follow the interview's language."""

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from exporters.body import markdown_parser
from exporters.typography import CONVENTIONS, NBSP, NNBSP, WORD_JOINER, direction, typeset

WJ = WORD_JOINER
FONTS = Path(__file__).resolve().parent.parent / "templates" / "fonts"


@pytest.mark.parametrize("lang, expected", [
    ("en", f"“Yes”{WJ}—she said… it’s fine"),
    ("fr", f"«{NNBSP}Yes{NNBSP}»{NBSP}— she said… it’s fine"),
    ("de", f"„Yes“{NBSP}– she said… it’s fine"),
])
def test_quotes_and_dashes_by_language(lang, expected):
    assert typeset('"Yes" -- she said... it\'s fine', lang) == expected


def test_plain_text_reads_no_markdown_or_templates():
    assert typeset("*not* {{ 7*7 }} <b>&amp;", "en") == "*not* {{ 7*7 }} <b>&amp;"


def test_number_ranges_get_an_en_dash_held_by_word_joiners():
    assert typeset("1990--1995", "en") == f"1990{WJ}–{WJ}1995"


def test_a_line_never_starts_with_an_em_dash():
    assert typeset("the cab -- the glass one -- swayed", "en") == \
        f"the cab{WJ}—the glass one{WJ}—swayed"
    assert typeset("-- Who?", "en") == "—Who?"


def test_spaced_dots_become_one_ellipsis():
    assert typeset("Well . . . maybe", "en") == "Well … maybe"


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Mr Bell and Dr. Okafor", f"Mr{NBSP}Bell and Dr.{NBSP}Okafor"),
    ("en", "Ask St Aidan's", f"Ask St{NBSP}Aidan’s"),
    ("en", "Mr. and Mrs. unknown", "Mr. and Mrs. unknown"),
    ("fr", "M. Dupont et Mme Roy", f"M.{NBSP}Dupont et Mme{NBSP}Roy"),
    ("de", "Dr. Weber", f"Dr.{NBSP}Weber"),
    ("es", "la Sra. Gómez", f"la Sra.{NBSP}Gómez"),
])
def test_honorifics_stay_with_the_name(lang, text, expected):
    assert typeset(text, lang) == expected


def test_numbers_stay_with_their_units():
    assert typeset("42 metres, 20 kg, 6 p.m., 50 % and No. 4 on pp. 12", "en") == (
        f"42{NBSP}metres, 20{NBSP}kg, 6{NBSP}p.m., 50{NBSP}% and No.{NBSP}4 on pp.{NBSP}12")
    assert typeset("3 in a row, 4 men", "en") == "3 in a row, 4 men"


def test_french_high_punctuation_gets_a_narrow_no_break_space():
    assert typeset("Vraiment ? Oui : toujours !", "fr") == \
        f"Vraiment{NNBSP}? Oui{NNBSP}: toujours{NNBSP}!"
    assert typeset("Really ? Yes", "en") == "Really ? Yes"


def test_markdown_bodies_get_the_same_rules_but_code_does_not():
    html = markdown_parser("en").render("Dr Lind -- at 10 km -- said `a -- b` and <https://x.org/a--b>")
    assert f"Dr{NBSP}Lind{WJ}—at 10{NBSP}km{WJ}—said" in html
    assert "<code>a -- b</code>" in html and "https://x.org/a--b" in html


def test_the_project_font_has_every_character_the_rules_insert():
    inserted = {WJ, NBSP, NNBSP, "…", "—", "–", "’"}
    for rules in CONVENTIONS.values():
        inserted |= set("".join(rules.quotes) + rules.dash)
    for style in ("Regular", "Italic", "Bold", "BoldItalic"):
        cmap = TTFont(FONTS / f"GentiumBookPlus-{style}.ttf").getBestCmap()
        missing = sorted(c for c in inserted if c != " " and ord(c) not in cmap)
        assert missing == [], (style, missing)


def test_direction_follows_language_and_script():
    assert direction("fa") == "rtl" and direction("ar-EG") == "rtl"
    assert direction("en") == "ltr" and direction("az-Arab") == "rtl"


def test_names_are_joined_in_the_interviews_language(tmp_path, monkeypatch, capsys):
    from exporters import cli
    from exporters.typography import join_names

    assert join_names(["Ana", "Ben", "Cy"], "en") == "Ana, Ben and Cy"
    assert join_names(["Ana", "Ben"], "fr-CA") == "Ana et Ben"
    assert join_names(["آنا", "بن", "سای"], "fa") == "آنا، بن و سای"
    content = tmp_path / "content"
    content.mkdir()
    (content / "deux.md").write_text(
        "---\ntitle: Deux voix\ndate: 2026-01-02\nlang: fr\ninterviewer: Zoé\n"
        "interviewee: [Ana Lopes, Ben Roy]\n---\n\nQ: Pourquoi ?\n\nA: Parce que.\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--format", "html", "--jobs", "1"]) == 0
    page = (tmp_path / "dist/deux/deux.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", page.split("<body", 1)[1])
    assert "Ana Lopes et Ben Roy" in " ".join(text.split())
    assert " and " not in text
