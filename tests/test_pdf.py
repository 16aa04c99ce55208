"""The PDF edition as a reader and a PDF viewer see it."""

import re

import pytest
from pypdf import PdfReader

from conftest import sample_slugs, source_of
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
    assert len(reader.pages) >= 5
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (420, 595)


def test_running_head_and_page_numbers(samples):
    pdf = samples / "night-shift/night-shift.pdf"
    first = {line.strip() for line in pdf_text(pdf, 1, 1).splitlines()}
    second = {line.strip() for line in pdf_text(pdf, 2, 2).splitlines()}
    assert "The Night Shift at the Harbour" in second and "2" in second
    assert "1" in first
    assert sum(line == "The Night Shift at the Harbour" for line in first) == 1  # title, no head
