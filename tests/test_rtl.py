"""Right-to-left interviews and translations in every edition."""

import re
import subprocess
import zipfile

import pytest
from fontTools.ttLib import TTFont

from conftest import REPO, SAMPLES, make, sample_slugs, source_of


def test_persian_pdf_text_extracts_in_logical_order(samples):
    text = subprocess.run(["pdftotext", str(samples / "bookbinder-fa/bookbinder-fa.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    extracted = " ".join(persian_words(text))
    source = source_of("bookbinder-fa").read_text(encoding="utf-8")
    questions = re.findall(r"^Q: (.+)$", source, re.M)
    assert len(questions) >= 6
    found = 0
    for question in questions:
        words = [w for w in persian_words(question) if w != "یدالله"][:4]
        found += " ".join(words) in extracted
    assert found >= len(questions) - 1  # word order kept (an Allah ligature may extract oddly)
    positions = [extracted.find(" ".join(persian_words(q)[:3])) for q in questions]
    present = [p for p in positions if p >= 0]
    assert present == sorted(present)


def test_right_to_left_in_html_and_epub(samples):
    html = (samples / "bookbinder-fa/bookbinder-fa.html").read_text()
    assert '<html lang="fa" dir="rtl">' in html
    assert "«" in html and "»" in html and "“" not in re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    with zipfile.ZipFile(samples / "bookbinder-fa/bookbinder-fa.epub") as book:
        opf = book.read("EPUB/content.opf").decode()
        assert 'page-progression-direction="rtl"' in opf
        for name in book.namelist():
            if name.endswith(".xhtml"):
                assert 'dir="rtl"' in book.read(name).decode().split(">", 3)[2], name


def test_translation_names_its_original_and_keeps_spans_in_their_language(samples):
    html = (samples / "bookbinder-en/bookbinder-en.html").read_text()
    assert "Translated from Persian by Elinor Hask" in html
    assert re.search(r'<cite lang="fa" dir="rtl">دست‌هایی که کتاب را دوباره زنده می‌کنند</cite>',
                     html)
    assert '<span lang="fa" dir="rtl">مُهره</span>' in html


def test_every_volume_language_gets_its_own_volume(samples):
    assert (samples / "working-lives-fa/working-lives-fa.pdf").is_file()
    index = (samples / "working-lives-fa/index.html").read_text()
    assert '<html lang="fa" dir="rtl">' in index and "bookbinder-fa" in index
    assert "bookbinder-fa" not in (samples / "working-lives/index.html").read_text()


def test_no_pdf_has_a_character_its_fonts_lack(samples):
    fonts = [TTFont(path, lazy=True) for path in sorted((REPO / "templates/fonts").glob("*.ttf"))]
    covered = set().union(*(font.getBestCmap() for font in fonts))
    for pdf in sorted(samples.glob("*/*.pdf")):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        missing = {char for char in text if ord(char) not in covered and char not in "\n\x0c"
                   and not "\u202a" <= char <= "\u202e" and not "\ufb50" <= char <= "\ufeff"}
        assert not missing, (pdf.name, missing)


def test_right_to_left_running_heads_put_the_title_on_the_versos(samples):
    """In a right-to-left book the versos are the even pages, on the right of a spread: the
    title runs there, the interviewee on the rectos (as in a left-to-right book)."""
    import unicodedata

    from pypdf import PdfReader

    pdf = samples / "bookbinder-fa" / "bookbinder-fa-print.pdf"
    heads = {}
    for number in range(3, len(PdfReader(pdf).pages)):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout",
                               str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines:
            heads[number] = lines[0]
    title_on = {n for n, head in heads.items() if "کتاب را دوباره" in head}
    person_on = {n for n, head in heads.items() if "رهنما" in head and "کتاب" not in head}
    assert title_on and person_on
    assert all(n % 2 == 0 for n in title_on), title_on
    assert all(n % 2 == 1 for n in person_on), person_on


def test_every_language_has_every_generated_word():
    import yaml

    words = yaml.safe_load((REPO / "templates/common/words.yml").read_text(encoding="utf-8"))
    for lang, table in words.items():
        assert set(words["en"]) - set(table) == set(), lang


def test_persian_editions_say_everything_in_persian_with_persian_digits(samples):
    text = subprocess.run(["pdftotext", str(samples / "bookbinder-fa" / "bookbinder-fa-print.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    assert "Pamphlet edition" not in text and "Set in" not in text and "Made with" not in text
    assert "Noto Naskh Arabic" in text
    assert re.search(r"[۰-۹]{4}", text)  # the year, on the cover and in dates


def test_persian_note_numbers_are_in_persian_digits(samples):
    import zipfile

    pdf_text = subprocess.run(["pdftotext", str(samples / "bookbinder-fa" / "bookbinder-fa.pdf"),
                               "-"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"[۱-۹]\.", pdf_text)  # the note's number in the list of notes
    # Latin digits only where the source has them: the licence and the program's version
    assert re.findall(r"[0-9]+", pdf_text) == ["4", "0", "0", "1", "0"], re.findall(r"[0-9]+", pdf_text)
    with zipfile.ZipFile(samples / "bookbinder-fa" / "bookbinder-fa.epub") as book:
        page = book.read("EPUB/interview.xhtml").decode("utf-8")
    references = re.findall(r'role="doc-noteref">([^<]+)</a>', page)
    numbers = re.findall(r'class="note-number">[^<]*?([^\s<]+)</p>', page)
    assert references and set(references) <= set("۰۱۲۳۴۵۶۷۸۹"), references
    assert numbers and all(set(n) <= set("۰۱۲۳۴۵۶۷۸۹") for n in numbers), numbers


def test_persian_folios_are_in_persian_digits(samples):
    import unicodedata

    from pypdf import PdfReader

    pdf = samples / "bookbinder-fa" / "bookbinder-fa-print.pdf"
    folios = []
    for number in range(3, len(PdfReader(pdf).pages)):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout",
                               str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        lines = ["".join(c for c in line if unicodedata.category(c) != "Cf").strip()
                 for line in text.splitlines() if line.strip()]
        if lines and re.fullmatch(r"[0-9۰-۹]+", lines[-1]):
            folios.append(lines[-1])
    assert folios and all(re.fullmatch(r"[۰-۹]+", folio) for folio in folios), folios


def persian_words(text: str, keep: str = "") -> list[str]:
    """The Persian words of ``text``; format characters and combining marks are dropped
    unless named in ``keep``."""
    import unicodedata

    text = "".join(c for c in text if c in keep or unicodedata.category(c) not in ("Cf", "Mn"))
    letters = rf"(?:[^\W\d_]|[\u200c{re.escape(keep)}])+"  # a kept mark is part of its word
    return [word.strip("\u200c") for word in re.findall(letters, text)
            if re.search("[\u0600-\u06ff]", word)]


def pdf_text(pdf) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_persian_pdf_text_copies_word_for_word(samples):
    """What a reader copies, searches or hears from the Persian PDF is the source's words:
    the ligature لله of یدالله comes out in reading order (it came out as یداهلل)."""
    source = SAMPLES.joinpath("working-lives/bookbinder-fa.md").read_text(encoding="utf-8")
    body = source.split("---", 2)[2]
    for name in ("bookbinder-fa.pdf", "bookbinder-fa-print.pdf"):
        text = pdf_text(samples / "bookbinder-fa" / name)
        assert "یداهلل" not in text and text.count("یدالله") >= body.count("یدالله")
        found = set(persian_words(text))
        assert [word for word in persian_words(body) if word not in found] == [], name


def test_persian_pdf_text_keeps_zero_width_non_joiners(samples):
    """می‌کند is copied as written, not as میکند (exporters.joiners)."""
    source = SAMPLES.joinpath("working-lives/bookbinder-fa.md").read_text(encoding="utf-8")
    body = source.split("---", 2)[2]
    for name in ("bookbinder-fa.pdf", "bookbinder-fa-print.pdf"):
        text = pdf_text(samples / "bookbinder-fa" / name)
        assert "\ue20c" not in text
        found = set(persian_words(text, "\u200c"))
        assert [word for word in persian_words(body, "\u200c") if word not in found] == [], name


def test_persian_pdf_text_keeps_zero_width_non_joiners_and_marks(samples):
    """pdftotext gives every word with its ZWNJs and its marks, the raised ones too (the
    damma of مُهره, the hamza of نسخهٔ, which WeasyPrint shows apart: exporters.mark_text)."""
    source = SAMPLES.joinpath("working-lives/bookbinder-fa.md").read_text(encoding="utf-8")
    keep = "\u200c\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0654"
    body = source.split("---", 2)[2]
    for name in ("bookbinder-fa.pdf", "bookbinder-fa-print.pdf"):
        found = set(persian_words(pdf_text(samples / "bookbinder-fa" / name), keep))
        assert [word for word in persian_words(body, keep) if word not in found] == [], name


VOCALISED = """---
title: "حوار قصير"
date: 2026-02-03
lang: ar
interviewer: مريم
interviewee: علي
---
Q: مَتَى دَخَلْتَ العَمَلَ فِي الصِّحَافَةِ؟

A: دَخَلْتُهُ مُبَكِّرًا، وَكُنَّا نَكْتُبُ كُلَّ يَوْمٍ.
"""


def test_a_vocalised_arabic_text_copies_with_every_mark_on_its_letter(project, write):
    """Words with several raised marks each (shadda and fatha stacked, tanwin) come out of
    pdftotext whole, marks and all, in the screen and the print PDF."""
    write("vocalised.md", VOCALISED)
    run = make("build", "--format", "pdf,print", cwd=project)
    assert run.code == 0, run.stderr
    keep = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
    wanted = persian_words(VOCALISED.split("---", 2)[2], keep)
    assert "مُبَكِّرًا" in wanted and "الصِّحَافَةِ" in wanted
    for name in ("vocalised.pdf", "vocalised-print.pdf"):
        found = set(persian_words(pdf_text(project / "dist/vocalised" / name), keep))
        assert [word for word in wanted if word not in found] == [], name


def test_a_mark_drawn_first_in_a_cluster_of_several_glyphs_copies_as_itself(project, write):
    """Noto Naskh draws أْ as two glyphs, and WeasyPrint gave the sukun's glyph the text أْ
    wherever it stood after (وَكُنْتُ copied as وَكُنأْتُ; exporters.mark_text)."""
    write("sukun.md", VOCALISED.replace("دَخَلْتَ", "بَدَأْتَ"))
    run = make("build", "--format", "pdf", cwd=project)
    assert run.code == 0, run.stderr
    keep = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0654"
    found = set(persian_words(pdf_text(project / "dist/sukun/sukun.pdf"), keep))
    assert {"بَدَأْتَ", "دَخَلْتُهُ"} <= found


def test_zero_width_non_joiners_of_arabic_script_only_are_carried():
    from exporters.joiners import CARRIER, with_carriers

    html = ('<head><title>می\u200cکند</title></head>'
            '<body>می\u200cکند Auf\u200clage نامه&zwnj;ها</body>')
    assert with_carriers(html) == (f'<head><title>می\u200cکند</title></head><body>می{CARRIER}کند '
                                   f'Auf\u200clage نامه{CARRIER}ها</body>')
    assert with_carriers(html + CARRIER) == html + CARRIER  # the carrier itself in the text


def test_the_arabic_fonts_copy_maps_the_carrier_to_an_empty_glyph_and_nothing_else():
    import io

    from exporters.joiners import CARRIER, carrier_font, is_empty

    for name in ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"):
        original = (REPO / "templates/fonts" / name).read_bytes()
        font, copy = TTFont(io.BytesIO(original)), TTFont(io.BytesIO(carrier_font(original)))
        cmap = copy.getBestCmap()
        assert is_empty(copy, cmap[ord(CARRIER)])
        assert {code: glyph for code, glyph in cmap.items() if code != ord(CARRIER)} == \
            font.getBestCmap()
        changed = {"cmap", "head"}  # head: its checksum adjustment only
        assert {tag: copy.reader[tag] for tag in copy.reader.keys() if tag not in changed} == \
            {tag: font.reader[tag] for tag in font.reader.keys() if tag not in changed}
        assert copy["head"].modified == font["head"].modified
    assert carrier_font((REPO / "templates/fonts/GentiumBookPlus-Regular.ttf").read_bytes()) is None


def test_an_arabic_font_that_cannot_draw_the_carrier_turns_the_carriers_off(tmp_path):
    """A house style's Arabic-script font with its own character at the carrier's code point
    (or no empty glyph) would print a box for every ZWNJ: the PDFs then keep plain ZWNJs."""
    from exporters.joiners import carrier_font, font_uri

    fonts = REPO / "templates/fonts"
    naskh = fonts / "NotoNaskhArabic-Regular.ttf"
    taken = tmp_path / "Taken.ttf"
    taken.write_bytes(carrier_font(naskh.read_bytes()))  # the code point is already mapped
    assert font_uri(naskh)[0].startswith("data:font/ttf;base64,") and font_uri(naskh)[1]
    assert font_uri(fonts / "GentiumBookPlus-Regular.ttf")[1]  # not Arabic: no say in it
    assert font_uri(taken) == (taken.as_uri(), False)


def test_a_glyph_a_font_maps_from_a_ligatures_presentation_form_gets_its_letters():
    """A house font (DejaVu Sans, Arial) may give lam-alef's glyph only for ﻻ (U+FEFB), where
    NFKC gives two letters: a glyph with no text gets them, and a mark's glyph beside it keeps
    its own text (this made the PDF editions fail on vocalised text in such fonts)."""
    from exporters.mark_text import _own_text

    assert _own_text("", "\ufefb") == "لا"
    assert _own_text("َلا", "\ufefb") == "َلا"  # a cluster's text on a glyph that is no mark's
    assert _own_text("لاَ", "\u064e") == "\u064e"


def test_an_actual_text_span_nests_inside_marked_content_in_a_text_object():
    """Marked content that opens inside a text object ends a run: the span around a raised
    mark closes before the tag's EMC, and the next run is not taken into it."""
    from exporters.mark_text import _spanned

    operations = [b"BT", b"1 0 0 -1 10 20 Tm", b"/F1 12 Tf", b"/Span <</MCID 0>> BDC",
                  b"[<0001>] TJ", b"-1.5 Ts", b"[-170<0002>] TJ", b"0 Ts", b"[<>170<0001>] TJ",
                  b"EMC", b"1 0 0 -1 10 40 Tm", b"[<0001>] TJ", b"ET"]
    texts = {b"F1": {"0001": b"0645", "0002": b"064f"}}
    shown = _spanned(operations, texts)
    assert shown == [*operations[:4], b"/Span <</ActualText <feff0645064f0645>>> BDC",
                     *operations[4:9], b"EMC", *operations[9:]]


DATED_PERSIAN = """---
title: گفت‌وگو با صحاف محله
date: 2021-10-06
lang: fa
interviewer: مریم احمدی
interviewee: حسن صحاف
---

مریم احمدی: از کی کار صحافی را شروع کردید؟

حسن صحاف: از نوجوانی.
"""


@pytest.mark.parametrize("calendar, printed, year", [
    (None, "۶ اکتبر ۲۰۲۱", "۲۰۲۱"),
    ("persian", "۱۴ مهر ۱۴۰۰", "۱۴۰۰"),
])
def test_the_house_style_chooses_the_calendar_of_printed_dates(project, write, calendar,
                                                               printed, year):
    """With `calendar: persian` the dateline and the pamphlet's cover give the day of the
    Persian calendar, as Iranian readers date; the machine-readable date stays the day in ISO
    form, in the page and in the e-book's metadata."""
    write("bookbinder.md", DATED_PERSIAN)
    options = []
    if calendar:
        (project / "theme").mkdir()
        (project / "theme" / "theme.yml").write_text(f"calendar: {calendar}\n", encoding="utf-8")
        options = ["--templates", "theme"]
    run = make("build", "--format", "html,epub,pdf", *options, cwd=project)
    assert run.code == 0, run.stderr
    out = project / "dist" / "bookbinder"
    page = (out / "bookbinder.html").read_text(encoding="utf-8")
    assert f'<time datetime="2021-10-06">{printed}</time>' in page
    with zipfile.ZipFile(out / "bookbinder.epub") as book:
        opf = book.read("EPUB/content.opf").decode()
    assert "<dc:date>2021-10-06" in opf
    cover = re.sub("[\u202a-\u202e]", "", pdf_text(out / "bookbinder.pdf").split("\f")[0])
    assert f"نسخهٔ جزوه · {year}" in " ".join(cover.split())  # without pdftotext's bidi marks


def test_a_house_styles_words_go_over_the_built_in_ones_word_by_word(project, write):
    """A words.yml of a house style that has only the words it changes (or was written before
    the Persian months were added) keeps every other word from the built-in one; one that is
    not a table of words is one line, naming its file and line."""
    write("bookbinder.md", DATED_PERSIAN)
    (project / "theme" / "common").mkdir(parents=True)
    (project / "theme" / "theme.yml").write_text("calendar: persian\n", encoding="utf-8")
    words = project / "theme" / "common" / "words.yml"
    words.write_text("fa:\n  in_conversation: گفت‌وگوی\n", encoding="utf-8")
    run = make("build", "--format", "html", "--templates", "theme", cwd=project)
    assert run.code == 0, run.stderr
    page = (project / "dist" / "bookbinder" / "bookbinder.html").read_text(encoding="utf-8")
    assert "۱۴ مهر ۱۴۰۰" in page and "گفت‌وگوی" in page
    words.write_text("en: Notes\n", encoding="utf-8")
    run = make("build", "--format", "html", "--templates", "theme", cwd=project)
    assert run.code != 0
    assert "theme/common/words.yml:1: 'en' is not a table of words" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
