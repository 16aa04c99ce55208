"""Characters no font has: found and reported with their lines, not printed as empty boxes."""

import os
import re
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from conftest import SAMPLES
from exporters import glyphs
from exporters.glyphs import (FontCoverage, covered_characters, missing_glyph_problems,
                              never_drawn)
from exporters.render import BUILTIN_TEMPLATES, Templates
from exporters.typography import CONVENTIONS, NBSP, NNBSP, WORD_JOINER, typographer

BUILTIN_FONTS = sorted((BUILTIN_TEMPLATES / "fonts").glob("*.ttf"))


@pytest.fixture(scope="module")
def coverage() -> FontCoverage:
    return FontCoverage(Templates().folders)


def tiny_font(path: Path, characters: str, family: str = "Press Test") -> Path:
    """A TrueType font with a square glyph for each of ``characters``."""
    names = [".notdef"] + [f"uni{ord(char):04X}" for char in characters]
    square = TTGlyphPen(None)
    for move, point in zip(("moveTo", "lineTo", "lineTo", "lineTo"),
                           ((100, 0), (100, 700), (900, 700), (900, 0))):
        getattr(square, move)(point)
    square.closePath()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(char): name for char, name in zip(characters, names[1:])})
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(),
                       **{name: square.glyph() for name in names[1:]}})
    builder.setupHorizontalMetrics({name: (1000, 100) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    builder.save(str(path))
    return path


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.suffix in (".md", ".yml"))


def test_the_samples_need_no_other_font(coverage):
    files = sample_files()
    names = {p.name for p in files}
    assert {"_foreword.md", "series.yml", "bookbinder-fa.md", "last-bookshop.md"} <= names
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert coverage.missing(text) == [], path
        assert missing_glyph_problems(path, text, coverage) == [], path


def test_the_samples_as_typeset_need_no_other_font(coverage):
    """What the typographer inserts (curly quotes, dashes, no-break spaces, word joiners) too."""
    for path in sample_files():
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            lang = re.search(r"^lang:\s*(\S+)", text, re.M)
            html = typographer(lang[1] if lang else "en").render(text)
            assert coverage.missing(html) == [], path


def test_the_generated_words_need_no_other_font(coverage):
    words = (BUILTIN_TEMPLATES / "common" / "words.yml").read_text(encoding="utf-8")
    assert coverage.missing(words) == []


@pytest.mark.parametrize("lang", sorted(CONVENTIONS))
def test_every_language_s_typography_is_covered(coverage, lang):
    html = typographer(lang).render(
        'She said "a \'quoted\' word" -- then... Dr Okafor: 10--12 km; really? . . . Oui!\n')
    assert coverage.missing(html) == []


def test_the_characters_the_project_inserts_are_covered_or_never_drawn(coverage):
    inserted = (NNBSP + NBSP + WORD_JOINER + "“”‘’„‚«»—–…" + "۰۱۲۳۴۵۶۷۸۹"
                + "٠١٢٣٤٥٦٧٨٩" + "،؛؟" + "\u200c\u200d\u200e\u200f\u00ad")
    assert coverage.missing(inserted) == []
    # And they are in a font, not merely ignored: a box would not print as nothing.
    drawn = NNBSP + NBSP + "“”‘’„‚«»—–…۰۱۲۳۴۵۶۷۸۹،"
    assert {char for char in drawn if ord(char) not in coverage.code_points} == set()


def test_never_drawn_characters_are_not_asked_of_any_font():
    for char in "\n\t\r \u200c\u200d\u200e\u200f\u2066\u2069\u00ad\u2028\u2029\ufe0f\ufe00" \
                "\U000E0100\u3000\u2003\x00\x7f\ufeff":
        assert never_drawn(char), f"U+{ord(char):04X}"
    for char in "a日😀\u0301\ue000":
        assert not never_drawn(char), f"U+{ord(char):04X}"


def test_japanese_and_an_emoji_are_reported_on_their_lines(coverage):
    path = Path("content/tokyo.md")
    text = "Intro.\n\nQ: 日本 and 日 again?\n\nA: Yes 😀, and 日本 again.\n"
    problems = missing_glyph_problems(path, text, coverage)
    assert [(p.path, p.line, p.message) for p in problems] == [
        (path, 3, "no bundled font has the characters '日' (U+65E5), '本' (U+672C)"),
        (path, 5, "no bundled font has the character '😀' (U+1F600)"),
    ]
    assert str(problems[0]).startswith("content/tokyo.md:3: [missing-glyph] no bundled font")
    assert "--templates" in problems[0].hint and problems[0].severity == "error"
    assert coverage.missing(text) == ["日", "本", "😀"]


def test_devanagari_and_emoji_sequences_are_reported_without_their_joiners(coverage):
    text = "नमस्ते\n👩\u200d💻 and ❤\ufe0f\n"
    problems = missing_glyph_problems(Path("a.md"), text, coverage)
    assert [p.line for p in problems] == [1, 2]
    assert "'न' (U+0928)" in problems[0].message
    assert problems[1].message.endswith("'👩' (U+1F469), '💻' (U+1F4BB), '❤' (U+2764)")
    assert "U+200D" not in problems[1].message and "U+FE0F" not in problems[1].message


def test_the_report_is_capped(coverage):
    many = "".join(chr(0x4E00 + n) for n in range(15))
    text = many + "\n" + "\n".join(chr(0x5000 + n) for n in range(12)) + "\n"
    problems = missing_glyph_problems(Path("a.md"), text, coverage)
    assert [p.line for p in problems] == [1, 2, 3, 4, 5]
    assert problems[0].message.count("(U+") == 10
    assert problems[0].message.endswith(f"'{chr(0x4E09)}' (U+4E09), … (5 more)")
    assert problems[-1].message.endswith("'倃' (U+5003), and 8 more on later lines")


def test_a_font_in_a_templates_fonts_folder_covers_what_it_has(tmp_path, coverage):
    theme = tmp_path / "mytheme"
    tiny_font(theme / "fonts" / "PressTest-Regular.ttf", "日")
    mine = FontCoverage([theme, BUILTIN_TEMPLATES])
    assert coverage.missing("日本 ok") == ["日", "本"]
    assert mine.missing("日本 ok") == ["本"]
    problems = missing_glyph_problems(Path("a.md"), "x\n日本\n", mine)
    assert [(p.line, p.message) for p in problems] == [
        (2, "no bundled font has the character '本' (U+672C)")]
    assert covered_characters([theme / "fonts" / "PressTest-Regular.ttf"]) == {0x65E5}


def test_a_font_of_the_same_name_replaces_the_built_in_one(tmp_path):
    theme = tmp_path / "mytheme"
    for name in ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"):
        tiny_font(theme / "fonts" / name, "日")
    persian = "کتاب"
    assert FontCoverage([BUILTIN_TEMPLATES]).missing(persian) == []
    assert FontCoverage([theme, BUILTIN_TEMPLATES]).missing(persian + "日") == sorted(persian)


def test_covered_characters_is_the_union_of_the_cmaps():
    covered = covered_characters(BUILTIN_FONTS)
    assert {ord("a"), ord("ک"), 0x202F, 0x06F4} <= covered
    assert 0x65E5 not in covered
    gentium = covered_characters([BUILTIN_TEMPLATES / "fonts" / "GentiumBookPlus-Regular.ttf"])
    assert ord("a") in gentium and ord("ک") not in gentium


def test_fonts_are_read_once_and_again_only_when_changed(tmp_path, monkeypatch):
    theme = tmp_path / "mytheme"
    font = tiny_font(theme / "fonts" / "PressTest-Regular.ttf", "日")
    reads: list[str] = []
    real = glyphs.font_cmap
    monkeypatch.setattr(glyphs, "font_cmap", lambda path: reads.append(path.name) or real(path))
    coverage = FontCoverage([theme, BUILTIN_TEMPLATES])
    assert len(reads) == 1 + len(BUILTIN_FONTS)
    for _ in range(3):
        assert coverage.missing("日本") == ["本"]
    coverage.refresh()
    assert len(reads) == 1 + len(BUILTIN_FONTS)  # nothing changed: nothing read
    tiny_font(font, "日本")
    os.utime(font, ns=(font.stat().st_mtime_ns + 10**9,) * 2)
    tiny_font(theme / "fonts" / "Extra.otf", "😀")
    coverage.refresh()
    assert sorted(reads[1 + len(BUILTIN_FONTS):]) == ["Extra.otf", "PressTest-Regular.ttf"]
    assert coverage.missing("日本😀") == []


def test_a_broken_font_covers_nothing_and_is_named(tmp_path):
    theme = tmp_path / "mytheme"
    (theme / "fonts").mkdir(parents=True)
    (theme / "fonts" / "Broken.ttf").write_bytes(b"not a font")
    (theme / "fonts" / "README.txt").write_text("not a font either")
    coverage = FontCoverage([theme, BUILTIN_TEMPLATES])
    assert coverage.unreadable == [theme / "fonts" / "Broken.ttf"]
    assert coverage.missing("a日") == ["日"]


def test_without_fonts_even_ascii_is_missing_and_given_files_are_used_as_they_are(tmp_path):
    assert FontCoverage([]).missing("ab\n") == ["a", "b"]
    font = tiny_font(tmp_path / "elsewhere" / "Only.ttf", "ab日")
    assert FontCoverage(font_files=[font]).missing("abc 日本\n") == ["c", "本"]
