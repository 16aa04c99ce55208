"""The PDF edition as a reader and a PDF viewer see it."""

import re

import pytest
from pypdf import PdfReader

from conftest import GOOD, make, sample_slugs, source_of
from validators import pdf_fonts, pdf_text


def words(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def test_text_is_complete_and_in_order(samples):
    pdf = samples / "night-shift/night-shift.pdf"
    text = words(pdf_text(pdf))
    source = (source_of("night-shift")).read_text()
    questions = [words(q) for q in re.findall(r"^Q: (.{20,60}?)\b\s", source, re.M)]
    assert len(questions) >= 8
    positions = []
    for question in questions:
        plain = question.replace("'", "’").replace('"', "")
        found = text.replace("“", "").replace("”", "").find(plain[:25])
        assert found != -1, plain
        positions.append(found)
    assert positions == sorted(positions)
    assert "Maya Ortiz:" in text and "Tomas Lind:" in text


@pytest.mark.parametrize("slug", sample_slugs())
def test_fonts_are_embedded_and_are_the_projects_own(samples, slug):
    rows = pdf_fonts(samples / slug / f"{slug}.pdf")
    assert rows
    for row in rows:
        assert "Gentium-Book-Plus" in row[0] or "Noto-Naskh-Arabic" in row[0], row
        assert row[-5] == "yes", row  # emb


def test_metadata_bookmarks_pages_and_language(samples):
    reader = PdfReader(samples / "night-shift/night-shift.pdf")
    info = reader.metadata
    assert info.title == "The Night Shift at the Harbour"
    assert "Tomas Lind" in info.author and "Maya Ortiz" in info.author
    assert info.subject.startswith("Tomas Lind has lifted boxes")
    assert "labour" in info["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en"
    outline = reader.outline
    assert outline[0].title == "The Night Shift at the Harbour"
    parts = [item.title for item in outline[1]]
    assert parts == ["Getting up there", "The weight of the box", "What the port became", "Notes"]
    assert len(reader.pages) >= 7
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (420, 595)


def test_cover_blank_verso_then_the_interview_on_page_3_with_heads_and_folios(samples):
    pdf = samples / "night-shift/night-shift.pdf"
    cover, blank, opening, verso, recto = (
        [line.strip() for line in pdf_text(pdf, number, number).splitlines() if line.strip()]
        for number in (1, 2, 3, 4, 5))
    assert cover[:2] == ["Working Lives · 1", "The Night Shift at the"]
    assert "Pamphlet edition" in cover[-1] and not any(line.isdigit() for line in cover)
    assert blank == []
    # pdftotext -raw gives the margin boxes last: running head, then folio
    assert opening[-2:] == [opening[-2], "3"] and opening[-2] != "Tomas Lind"  # no head
    assert verso[-2:] == ["The Night Shift at the Harbour", "4"]  # the title on versos
    assert recto[-2:] == ["Tomas Lind", "5"]  # the interviewee on rectos


def test_back_page_is_the_last_page_and_a_verso(samples):
    pdf = samples / "night-shift/night-shift.pdf"
    pages = len(PdfReader(pdf).pages)
    back = words(pdf_text(pdf, pages, pages)).replace("night- shift", "night-shift")
    assert pages % 2 == 0
    assert back.startswith("Tomas Lind has lifted boxes")
    for part in ("First published in The Lantern Quarterly: https://example.org/lantern/night-shift",
                 "© 2026 The Lantern Quarterly. CC BY-SA 4.0.", "Gentium Book Plus",
                 "interview-press"):
        assert part in back, part


@pytest.mark.parametrize("slug", sample_slugs())
def test_tagged_accessible_pdf_with_structure_language_and_title(samples, slug):
    reader = PdfReader(samples / slug / f"{slug}.pdf")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] and root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title
    assert b"pdfuaid:part" in root["/Metadata"].get_data()
    assert "/Outlines" in root


def test_live_links(samples):
    reader = PdfReader(samples / "night-shift/night-shift.pdf")
    links = [annotation.get_object() for page in reader.pages
             for annotation in page.get("/Annots", [])]
    assert "https://example.org/lantern/night-shift" in [
        link["/A"].get("/URI") for link in links if "/A" in link]
    assert "night-shift-note-1" in [link.get("/Dest") for link in links]  # note calls go to their notes


@pytest.mark.parametrize("slug", sample_slugs())
def test_same_pages_as_the_print_edition_at_the_trim_size(samples, slug):
    screen = samples / slug / f"{slug}.pdf"
    printed = samples / slug / f"{slug}-print.pdf"
    screen_pages, print_pages = PdfReader(screen).pages, PdfReader(printed).pages
    assert len(screen_pages) == len(print_pages)
    for number, (page, print_page) in enumerate(zip(screen_pages, print_pages), 1):
        assert [round(float(v), 2) for v in page.mediabox] == \
            [round(float(v), 2) for v in print_page.trimbox]
        assert "/TrimBox" not in page and "/BleedBox" not in page
        assert pdf_text(screen, number, number) == pdf_text(printed, number, number)


def test_a_screen_layout_of_its_own_on_a4(project, write):
    write("good.md", GOOD)
    (project / "t").mkdir()
    (project / "t/theme.yml").write_text("screen_page_size: A4\n")
    run = make("build", "--templates", "t", "--format", "pdf,print", cwd=project)
    assert run.code == 0, run.stderr
    screen = PdfReader(project / "dist/good/good.pdf")
    assert [round(float(v)) for v in screen.pages[0].mediabox] == [0, 0, 595, 842]
    assert "/StructTreeRoot" in screen.trailer["/Root"]
    printed = PdfReader(project / "dist/good/good-print.pdf")
    assert round(float(printed.pages[0].trimbox.width)) == 420


ADDRESS = "https://archive.example.org/collections/harbouroralhistories/ortizlind1987transcript"


def test_text_with_no_place_to_break_stays_on_the_page_and_addresses_get_no_hyphen(project,
                                                                                   write):
    """A pasted hash or garbled run of 3,000 letters is broken inside the margins, not run off
    the page (all but 69 letters were lost); an address is broken without a hyphen a reader
    would copy."""
    run_of_letters = "x" * 3000
    write("long.md", GOOD + f"\nQ: What was pasted?\n\nA: This: {run_of_letters} and more."
                            f"\n\nQ: Where is it?\n\nA: At <{ADDRESS}> and in the library.\n")
    run = make("build", "--format", "pdf", cwd=project)
    assert run.code == 0, run.stderr
    text = pdf_text(project / "dist/long/long.pdf")
    joined = "".join(text.split())
    assert sum(len(run) for run in re.findall("x+", joined) if len(run) > 20) == 3000
    assert ADDRESS in joined, "an address broken with a hyphen of ours"
