"""Booklet imposition: the order of pages on each half-sheet, read from the imposed PDF."""

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporters.impose import booklet_sides, impose, padded
from exporters.paper import MM, Size

A5, A4_LANDSCAPE = Size(148 * MM, 210 * MM), Size(297 * MM, 210 * MM)


def numbered_pages(pages: int) -> bytes:
    """A PDF of A5 pages with 3mm bleed, each saying 'page N' in big letters."""
    from weasyprint import HTML

    body = "".join(f'<p style="break-after: page">page {n}</p>' for n in range(1, pages + 1))
    html = f"<style>@page {{ size: A5; bleed: 3mm; margin: 20mm }} p {{ font-size: 30pt }}</style>{body}"
    return HTML(string=html).write_pdf()


def half_text(pdf: Path, side: int, half: int, sheet: Size = A4_LANDSCAPE) -> str:
    """The text on the left (0) or right (1) half of one sheet side, as pdftotext reads it."""
    width = sheet.width / 2
    done = subprocess.run(
        ["pdftotext", "-f", str(side), "-l", str(side), "-x", str(round(half * width)), "-y", "0",
         "-W", str(round(width)), "-H", str(round(sheet.height)), str(pdf), "-"],
        capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def read_booklet(pdf: Path) -> list[tuple[str, str]]:
    sides = len(PdfReader(pdf).pages)
    return [(half_text(pdf, side, 0), half_text(pdf, side, 1)) for side in range(1, sides + 1)]


def label(page: int | None) -> str:
    return f"page {page}" if page else ""


@pytest.mark.parametrize("pages, expected", [
    (4, [(4, 1), (2, 3)]),
    (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
    (12, [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]),
    # 6 pages: two blanks go before the last page, which stays the back of the pamphlet
    (6, [(6, 1), (2, None), (None, 3), (4, 5)]),
])
def test_half_sheets_in_printing_order(tmp_path, pages, expected):
    booklet = tmp_path / "booklet.pdf"
    data, sides = impose(numbered_pages(pages), A4_LANDSCAPE)
    booklet.write_bytes(data)
    assert sides == len(expected)
    assert read_booklet(booklet) == [(label(left), label(right)) for left, right in expected]


def test_folding_the_printed_stack_gives_reading_order():
    """Simulate it: stack the sheets, fold them; the pages open in order."""
    for pages in range(1, 41):
        sides = booklet_sides(pages)
        sheets = [(sides[i], sides[i + 1]) for i in range(0, len(sides), 2)]
        # outermost sheet first; each folded sheet reads front-right, back-left, back-right,
        # ..., front-left, nested inside the previous one
        first_half = [page for front, back in sheets for page in (front[1], back[0])]
        second_half = [page for front, back in reversed(sheets) for page in (back[1], front[0])]
        assert first_half + second_half == padded(pages)
        assert [page for page in padded(pages) if page is not None] == list(range(pages))


def test_pages_are_never_scaled(tmp_path):
    data, _ = impose(numbered_pages(8), A4_LANDSCAPE)
    reader = PdfReader(__import__("io").BytesIO(data))
    for page in reader.pages:
        assert [round(float(v), 2) for v in page.mediabox] == [0, 0, 841.89, 595.28]
        drawing = page.get_contents().get_data().decode()
        assert drawing.count(" Do ") == 2 and all(
            line.startswith("q 1 0 0 1 ") for line in drawing.splitlines())
        for form in page["/Resources"]["/XObject"].values():
            bbox = [float(v) for v in form.get_object()["/BBox"]]
            assert (round(bbox[2] - bbox[0], 2), round(bbox[3] - bbox[1], 2)) == (419.53, 595.28)


def test_creep_moves_inner_pages_towards_the_fold(tmp_path):
    data, _ = impose(numbered_pages(8), A4_LANDSCAPE, creep=0.2 * MM)
    reader = PdfReader(__import__("io").BytesIO(data))
    offsets = [[float(line.split()[5]) for line in page.get_contents().get_data().decode()
                .splitlines()] for page in reader.pages]
    outer, inner = offsets[0], offsets[2]
    assert round(inner[0] - outer[0], 3) == round(0.2 * MM, 3)  # left page: to the right
    assert round(outer[1] - inner[1], 3) == round(0.2 * MM, 3)  # right page: to the left


def test_right_to_left_pamphlets_are_bound_on_the_right(tmp_path):
    booklet = tmp_path / "booklet.pdf"
    booklet.write_bytes(impose(numbered_pages(4), A4_LANDSCAPE, rtl=True)[0])
    assert read_booklet(booklet) == [("page 1", "page 4"), ("page 3", "page 2")]
