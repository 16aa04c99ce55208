"""The print edition: boxes for each preset, print standards, and pages a reader can trust."""

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import GOOD, SAMPLES, make, sample_slugs, source_of
from exporters.model import read_interview
from validators import pdf_fonts, pdf_text

MM = 72 / 25.4
A5 = (148 * MM, 210 * MM)


def boxes(page) -> dict[str, list[float]]:
    return {name: [round(float(value), 2) for value in getattr(page, name)]
            for name in ("mediabox", "trimbox", "bleedbox")}


def build(project: Path, theme: str = "", *args: str) -> PdfReader:
    (project / "t").mkdir(exist_ok=True)
    (project / "t/theme.yml").write_text(theme)
    formats = () if "--format" in args else ("--format", "print")
    run = make("build", "--templates", "t", *formats, *args, cwd=project)
    assert run.code == 0, run.stderr
    return PdfReader(project / "dist/good/good-print.pdf")


def render(pdf: Path, page: int):
    """One page as a greyscale picture at 144 dpi, as a reader's viewer shows it."""
    from PIL import Image
    out = pdf.with_name(f"page-{page}")
    subprocess.run(["pdftoppm", "-r", "144", "-gray", "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(pdf), str(out)], check=True)
    return Image.open(out.with_suffix(".png")).convert("L")


def box(left, bottom, right, top) -> list[float]:
    return [round(value, 2) for value in (left, bottom, right, top)]


def test_default_a5_with_3mm_bleed_on_every_side(samples):
    reader = PdfReader(samples / "night-shift/night-shift-print.pdf")
    bleed = 3 * MM
    for page in reader.pages:
        assert boxes(page) == {
            "mediabox": box(-bleed, -bleed, A5[0] + bleed, A5[1] + bleed),
            "trimbox": box(0, 0, *A5),
            "bleedbox": box(-bleed, -bleed, A5[0] + bleed, A5[1] + bleed)}
    assert reader.outline  # bookmarks are kept outside KDP


def test_kdp_bleeds_top_bottom_and_outside_edge_only(project, write):
    write("good.md", GOOD.replace("date:", "source_url: https://example.org/good\ndate:"))
    reader = build(project, "page_size: 6x9\n", "--preset", "kdp", "--format", "print,pdf")
    assert len(reader.pages) == 4  # cover, blank verso, interview, back page
    recto = box(0, -9, 432 + 9, 648 + 9)  # the outside edge of a recto is its right edge
    verso = box(-9, -9, 432, 648 + 9)
    for number, page in enumerate(reader.pages):
        media = recto if number % 2 == 0 else verso
        assert boxes(page) == {"mediabox": media, "trimbox": box(0, 0, 432, 648),
                               "bleedbox": media}
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 2), round(height, 2)) == (6.125 * 72, 9.25 * 72)
        assert "/Annots" not in page
    assert "/Outlines" not in reader.trailer["/Root"] and not reader.outline
    assert b"/Outlines" not in (project / "dist/good/good-print.pdf").read_bytes()
    screen = PdfReader(project / "dist/good/good.pdf")  # built with it, for screens
    assert screen.outline and "/Annots" in screen.pages[3]  # the source's live link
    assert "/Annots" in screen.pages[2]


def test_lulu_bleeds_an_eighth_of_an_inch_on_every_side(project, write):
    write("good.md", GOOD)
    reader = build(project, "page_size: 6in 9in\n", "--preset", "lulu")
    for page in reader.pages:
        assert boxes(page) == {"mediabox": box(-9, -9, 441, 657), "trimbox": box(0, 0, 432, 648),
                               "bleedbox": box(-9, -9, 441, 657)}
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (450, 666)


def test_crop_marks_lie_outside_the_bleed(project, write):
    write("good.md", GOOD)
    reader = build(project, "", "--crop-marks")
    bleed, media = 3 * MM, 10 * MM  # 3mm bleed, 2mm gap, 5mm marks
    page = reader.pages[2]
    assert boxes(page) == {"mediabox": box(-media, -media, A5[0] + media, A5[1] + media),
                           "trimbox": box(0, 0, *A5),
                           "bleedbox": box(-bleed, -bleed, A5[0] + bleed, A5[1] + bleed)}
    picture = render(project / "dist/good/good-print.pdf", 3)
    width, height = picture.size
    slug, trim = round((media - bleed) * 2), round(media * 2)  # in pixels, at 144 dpi
    # each mark continues a trim line across the slug, outside the bleed
    marks = [(trim - 2, 0, trim + 3, slug), (width - trim - 3, 0, width - trim + 2, slug),
             (0, trim - 2, slug, trim + 3), (0, height - trim - 3, slug, height - trim + 2)]
    for area in marks:
        assert picture.crop(area).getextrema()[0] < 128, area
    assert picture.crop((trim + 10, 0, width - trim - 10, slug)).getextrema()[0] > 250
    # the screen edition, built from the same layout, carries no marks, not even hidden ones
    run = make("build", "--templates", "t", "--format", "pdf", "--crop-marks", cwd=project)
    assert run.code == 0, run.stderr
    screen = PdfReader(project / "dist/good/good.pdf").pages[2]
    assert b" Do" not in screen.get_contents().get_data() and b" Do" in page.get_contents().get_data()


@pytest.mark.parametrize("size, points", [("A6", (105 * MM, 148 * MM)),
                                          ("half-letter", (396, 612)),
                                          ("5.5in 8.5in", (396, 612))])
def test_trim_size_presets(project, write, size, points):
    write("good.md", GOOD)
    reader = build(project, f"page_size: {size}\n")
    assert boxes(reader.pages[0])["trimbox"] == box(0, 0, *points)


def test_pdf_x4_has_a_cmyk_output_intent_and_no_rgb(project, write):
    write("good.md", GOOD.replace("An introduction.",
                                  "An introduction.\n\n![A crane.](crane.png \"A crane.\")"))
    (project / "content/crane.png").write_bytes((SAMPLES / "working-lives/images/crane.png").read_bytes())
    reader = build(project, "pdf_standard: pdf/x-4\n")
    assert reader.pdf_header == "%PDF-1.6"
    root = reader.trailer["/Root"]
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFX" and intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert intent["/DestOutputProfile"].get_object()["/N"] == 4
    assert b"PDF/X-4" in root["/Metadata"].get_data()
    assert reader.metadata["/Trapped"] == "/False"
    images = []
    for page in reader.pages:
        assert not re.search(rb"\s(rg|RG)\n", page.get_contents().get_data())
        for xobject in page["/Resources"].get("/XObject", {}).values():
            images.append(xobject.get_object()["/ColorSpace"])
    assert set(images) == {"/DeviceCMYK"}


def test_pdf_x1a(project, write):
    """PDF/X-1a: PDF 1.4, no RGB, and no /ActualText (PDF 1.5) even around raised marks."""
    write("good.md", GOOD.replace("This is the answer.",
                                  "This is the answer: [مُبَكِّرًا]{lang=ar}."))
    reader = build(project, "pdf_standard: pdf/x-1a\n")
    assert reader.pdf_header == "%PDF-1.4"
    assert reader.metadata["/GTS_PDFXVersion"] == "PDF/X-1a:2003"
    contents = [page.get_contents().get_data() for page in reader.pages]
    assert any(b" Ts\n" in content for content in contents)  # a mark raised
    for content in contents:
        assert not re.search(rb"\s(rg|RG)\n", content) and b"/ActualText" not in content


@pytest.mark.parametrize("slug", sample_slugs())
def test_fonts_are_embedded(samples, slug):
    for name in (f"{slug}-print.pdf", f"{slug}-booklet.pdf"):
        rows = pdf_fonts(samples / slug / name)
        assert rows and all(row[-5] == "yes" and ("Gentium-Book-Plus" in row[0] or "Noto-Naskh-Arabic" in row[0]) for row in rows)


@pytest.mark.parametrize("slug", sample_slugs())
def test_no_page_ends_with_a_question(samples, slug):
    """Each turn starts with its speaker's name; a page whose last line of text (before the
    running head and folio) belongs to a question would leave the question without its answer."""
    meta = read_interview(source_of(slug), SAMPLES).meta
    names = {speaker.name: speaker.is_question for speaker in meta.speakers}
    pdf = samples / slug / f"{slug}-print.pdf"
    in_question, checked = False, 0
    for number in range(3, len(PdfReader(pdf).pages)):  # from the opening page
        lines = [line.strip() for line in pdf_text(pdf, number, number).splitlines()
                 if line.strip()]
        body = [line for line in lines if not line.isdigit()
                and line not in (meta.title, *meta.interviewees, ", ".join(meta.interviewees))]
        for line in body:
            speaker = next((name for name in names if line.startswith(name + ":")), None)
            if speaker:
                in_question = names[speaker]
            elif line == "Notes" or line.startswith("1. "):
                in_question = False
        if body:
            checked += 1
            assert not in_question, f"page {number} ends with a question: {body[-1]}"
    assert checked >= 2


LONG_WORDS = """---
title: "Long Words"
date: 2026-02-03
lang: en
interviewer: Ana Field
interviewee: Ben Stone
---
Q: Which words do you keep?

A: Incomprehensibilities, internationalisation, institutionalisation, counterrevolutionaries,
disproportionately, characteristically, uncharacteristically, compartmentalisation,
electroencephalography, interdisciplinarity, telecommunications, phenomenologically,
misunderstandings, incontrovertibly, circumnavigation, overcompensation.
"""


def test_long_words_are_hyphenated_by_the_interviews_language(project, write):
    write("good.md", LONG_WORDS)
    build(project, "page_size: A6\n")
    text = pdf_text(project / "dist/good/good-print.pdf", 3, 3)
    broken = [line for line in text.splitlines() if re.search(r"[a-z][-\u2010\u00ad]$", line)]
    assert broken, text


def test_no_more_than_two_lines_in_a_row_end_in_a_hyphenated_word(project, write):
    """WeasyPrint has no hyphenate-limit-lines: the layout keeps a third broken word whole."""
    words = LONG_WORDS.split("A: ")[1]
    write("good.md", LONG_WORDS + "\n".join(f"\nQ: And then?\n\nA: {words}" for _ in range(4)))
    build(project, "page_size: A6\n")
    text = pdf_text(project / "dist/good/good-print.pdf", 3, 8)
    ends = [bool(re.search(r"\w\u2010$", line)) for line in text.splitlines()]
    runs = "".join("h" if end else "." for end in ends)
    assert "h" in runs and "hhh" not in runs, text


def test_bad_print_options_are_one_line(project, write):
    write("good.md", GOOD)
    (project / "t").mkdir()
    for theme, message in [("print_preset: ingram\n", "print_preset: 'ingram' is not a preset"),
                           ("bleed: lots\n", "bleed: 'lots' is not a length"),
                           ("pdf_standard: pdf/x-3\n", "pdf_standard: 'pdf/x-3'"),
                           ("page_size: B52\n", "page_size: 'B52' is not a page size"),
                           ("booklet_sheet: A5\n", "booklet_sheet: 'A5' is smaller than two pages"),
                           ("crop_marks: true\nprint_preset: kdp\n", "crop_marks: kdp does not accept"),
                           ("speaker_labels: name\ncreep: 5mm\n", "creep: '5mm' is more than 1mm")]:
        (project / "t/theme.yml").write_text(theme)
        run = make("build", "--templates", "t", "--format", "print", cwd=project)
        assert run.code == 1 and len(run.lines) == 1 and "Traceback" not in run.stderr
        line = 2 if theme.startswith("speaker_labels") else 1
        assert f"t/theme.yml:{line}: {message}" in run.lines[0], run.lines
    assert make("build", "--preset", "ingram", cwd=project).code == 2
    assert make("build", "--preset", "kdp", "--crop-marks", cwd=project).code == 2
