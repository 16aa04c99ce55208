"""The HTML edition: valid, self-contained, and printable from a real browser."""

import re

import pytest
from pypdf import PdfReader

from conftest import REPO, sample_slugs
from validators import chromium_print, pdf_text, vnu_errors


def test_every_sample_page_passes_the_nu_html_checker(samples):
    pages = sorted(samples.glob("*/*.html"))
    assert {page.stem for page in pages} >= set(sample_slugs())
    assert vnu_errors(pages) == ""


def test_the_checker_catches_invalid_html(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html><body><p><div></p></span></body></html>")
    assert vnu_errors([broken]) != ""


@pytest.mark.parametrize("slug", sample_slugs())
def test_page_is_self_contained(samples, slug):
    html = (samples / slug / f"{slug}.html").read_text()
    assert re.search(r'<html lang="(en|fa)" dir="(ltr|rtl)">', html)
    assert re.search(r'<meta name="description" content="[^"]+">', html)
    # nothing to fetch: no stylesheets, scripts or images by address; the one file beside the
    # page is an interview's recording, which it plays (tests/test_player.py)
    assert not re.search(r'<link\b|<script\b[^>]*\bsrc=', html)
    assert all(src.startswith("data:") or src == f"{slug}.mp3"
               for src in re.findall(r'src="([^"]*)"', html))
    assert all(url.startswith("data:") for url in re.findall(r'url\("([^"]*)"\)', html))


def test_chromium_prints_it_on_the_chosen_page_size_with_the_text_in_order(samples, tmp_path):
    printed = tmp_path / "night-shift.pdf"
    chromium_print(samples / "night-shift/night-shift.html", printed)
    reader = PdfReader(printed)
    assert len(reader.pages) >= 4
    for page in reader.pages:  # A5: 148 x 210 mm
        assert round(float(page.mediabox.width)) == 420
        assert round(float(page.mediabox.height)) == 595
    text = " ".join(pdf_text(printed).split())
    headings = ["The Night Shift at the Harbour", "Getting up there", "Notes"]
    positions = [text.find(heading) for heading in headings]
    assert -1 not in positions and positions == sorted(positions), positions
    assert "1 / " in text  # folios from the print stylesheet


@pytest.mark.parametrize("name", ["GentiumBookPlus-BoldItalic.ttf", "NotoNaskhArabic-Regular.ttf"])
def test_the_pages_woff_fonts_unpack_to_the_cut_font_with_right_checksums(name):
    """exporters.assets.woff wraps HarfBuzz's cut as WOFF 1.0: fontTools reads it back, every
    checksum checked, with the cut's tables byte for byte and the glyphs the text needs."""
    import io
    from pathlib import Path

    import uharfbuzz
    from fontTools.ttLib import TTFont

    from exporters.assets import cut_font, woff

    text = "Inès Dvořák said “yes” — کتاب‌ها"
    data = (Path(__file__).parent.parent / "templates/fonts" / name).read_bytes()
    cut = cut_font(uharfbuzz.Face(uharfbuzz.Blob(data)), text, None)
    wrapped = woff(cut)
    assert wrapped[:4] == b"wOFF" and len(wrapped) < len(cut)
    font, plain = TTFont(io.BytesIO(wrapped), checkChecksums=2), TTFont(io.BytesIO(cut))
    assert font.flavor == "woff"
    assert sorted(font.reader.keys()) == sorted(plain.reader.keys())
    assert all(font.reader[tag] == plain.reader[tag] for tag in plain.reader.keys() if tag != "head")
    unpacked = io.BytesIO()  # as a reader unpacks it: fontTools sets its own adjustment
    reader = TTFont(io.BytesIO(wrapped), recalcTimestamp=False)
    reader.flavor = None
    reader.save(unpacked, reorderTables=False)
    whole = unpacked.getvalue()
    assert TTFont(io.BytesIO(whole)).reader["head"] == font.reader["head"]
    assert sum(int.from_bytes(whole[i:i + 4], "big") for i in range(0, len(whole), 4)) \
        % 2 ** 32 == 0xB1B0AFBA
    drawn = {ord(c) for c in text} & set(TTFont(io.BytesIO(data)).getBestCmap())
    assert len(drawn) > 5 and drawn <= set(font.getBestCmap())


FACE_FILES = {("Gentium Book Plus", "normal", "400"): "GentiumBookPlus-Regular.ttf",
              ("Gentium Book Plus", "italic", "400"): "GentiumBookPlus-Italic.ttf",
              ("Gentium Book Plus", "normal", "700"): "GentiumBookPlus-Bold.ttf",
              ("Gentium Book Plus", "italic", "700"): "GentiumBookPlus-BoldItalic.ttf",
              ("Noto Naskh Arabic", "normal", "400"): "NotoNaskhArabic-Regular.ttf",
              ("Noto Naskh Arabic", "normal", "700"): "NotoNaskhArabic-Bold.ttf"}


def test_the_pages_fonts_shape_its_text_as_the_full_fonts_do(samples):
    """A browser lays out the Persian page with the fonts cut into it: every face shapes the
    page's words into the same glyphs at the same places as the project's full font does
    (the cuts had kept every layout feature but HarfBuzz's defaults: Persian letters stood
    unjoined, and Latin text lost its kerning)."""
    import base64
    import html as markup
    import io

    import uharfbuzz
    from fontTools.ttLib import TTFont

    page = (samples / "bookbinder-fa/bookbinder-fa.html").read_text(encoding="utf-8")
    faces = re.findall(r'@font-face \{ font-family: "([^"]+)";(?: font-style: (\w+);)? '
                       r'font-weight: (\d+);\s*src: url\("data:font/woff;base64,([^"]+)"\)', page)
    assert {(family, style or "normal", weight) for family, style, weight, _ in faces} == \
        set(FACE_FILES)
    words = markup.unescape(re.sub(r"<[^>]+>", " ", page.split("<body", 1)[1])).split()
    persian = " ".join(word for word in words if re.search("[\u0600-\u06ff]", word))[:400]
    latin = " ".join(word for word in words if re.fullmatch(r"[A-Za-z.,]+", word))[:400]
    assert len(persian) > 300 and len(latin) > 50

    def shaped(font: bytes, text: str) -> list[tuple[int, int, int]]:
        buffer = uharfbuzz.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        uharfbuzz.shape(uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(font))), buffer)
        return [(place.x_advance, place.x_offset, place.y_offset)
                for place in buffer.glyph_positions]

    for family, style, weight, data in faces:
        cut = TTFont(io.BytesIO(base64.b64decode(data)))
        cut.flavor = None
        unpacked = io.BytesIO()
        cut.save(unpacked)
        whole = (REPO / "templates/fonts" / FACE_FILES[family, style or "normal", weight]).read_bytes()
        text = persian if family == "Noto Naskh Arabic" else latin
        assert shaped(unpacked.getvalue(), text) == shaped(whole, text), (family, style, weight)
