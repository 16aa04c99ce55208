"""The pamphlet: every sample imposed on A4 (or Letter), in an order that folds right."""

import subprocess

import pytest
from pypdf import PdfReader

from conftest import GOOD, make, sample_slugs, source_of
from exporters.impose import booklet_sides
from exporters.paper import Size
from test_impose import half_text


def page_text(pdf, number: int) -> str:
    done = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


@pytest.mark.parametrize("slug", sample_slugs())
def test_each_half_sheet_holds_the_print_editions_page(samples, slug):
    booklet = samples / slug / f"{slug}-booklet.pdf"
    printed = samples / slug / f"{slug}-print.pdf"
    pages = len(PdfReader(printed).pages)
    sheet = PdfReader(booklet).pages[0].mediabox
    assert (round(float(sheet.width)), round(float(sheet.height))) == (842, 595)  # A4
    sides = booklet_sides(pages)
    assert len(PdfReader(booklet).pages) == len(sides)
    assert sides[0] == (pages - 1, 0)  # the back page behind the cover
    if "\nlang: fa" in source_of(slug).read_text(encoding="utf-8"):
        sides = [side[::-1] for side in sides]  # bound on the right: every sheet mirrored
    for number, side in enumerate(sides, 1):
        for half, page in enumerate(side):
            expected = "" if page is None else page_text(printed, page + 1)
            assert half_text(booklet, number, half) == expected, (number, half, page)


def test_half_letter_pages_on_letter_sheets(project, write):
    write("good.md", GOOD)
    (project / "t").mkdir()
    (project / "t/theme.yml").write_text("page_size: half-letter\n")
    run = make("build", "--templates", "t", "--format", "booklet", cwd=project)
    assert run.code == 0, run.stderr
    booklet = project / "dist/good/good-booklet.pdf"
    reader = PdfReader(booklet)
    assert [float(v) for v in reader.pages[0].mediabox] == [0, 0, 792, 612]
    assert len(reader.pages) == 2  # 4 pages: one sheet, both sides
    letter = Size(792, 612)
    assert half_text(booklet, 1, 1, letter).startswith("A Good Interview")  # the cover
    assert half_text(booklet, 2, 0, letter) == ""  # the blank inside cover
    assert not (project / "dist/good/good-print.pdf").exists()  # only what was asked for


RIGHT_TO_LEFT = """---
title: "گفت‌وگوی کوتاه"
date: 2026-02-03
lang: fa
interviewer: مریم رضایی
interviewee: علی کریمی
---
Q: از کجا شروع کردید؟

A: از یک کتاب‌فروشی کوچک.
"""


def test_a_right_to_left_pamphlet_opens_on_the_right(project, write):
    write("good.md", RIGHT_TO_LEFT)
    (project / "t").mkdir()
    (project / "t/theme.yml").write_text("print_preset: kdp\n")
    run = make("build", "--templates", "t", "--format", "print,booklet", cwd=project)
    assert run.code == 0, run.stderr
    printed = PdfReader(project / "dist/good/good-print.pdf")
    assert len(printed.pages) == 4  # cover, blank, interview on the next recto, back page
    cover = printed.pages[0]  # a recto bound on the right: its outside edge is the left one
    assert float(cover.mediabox.left) == -9 and float(cover.mediabox.right) == float(
        cover.trimbox.right)
    booklet = project / "dist/good/good-booklet.pdf"
    outside = half_text(booklet, 1, 0)  # the cover is the left half of the outside
    # the title, "pamphlet edition" in Persian, and no folio on the cover
    assert "کوتاه" in outside and "جزوه" in outside and "1" not in outside
