"""Booklet imposition: written pages, two-up on sheets, for a folded and stapled pamphlet.

Pages are taken from a written PDF (the print edition), trimmed to their TrimBox,
and placed at their own size (never scaled) side by side on landscape sheets.
Printed double-sided, flipping on the short edge, and folded as a stack, the
sheets give the pages in reading order. pypdf does the work.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, RectangleObject

from .paper import Size

Side = tuple[int | None, int | None]
"""One side of a sheet: the page (0-based) on the left and on the right half; None is blank."""


def padded(pages: int, keep_last: bool = True) -> list[int | None]:
    """The pages in reading order, padded with blanks (None) to a multiple of 4.

    With ``keep_last`` the blanks go before the last page, so that a back page stays
    on the back of the pamphlet.
    """
    order: list[int | None] = list(range(pages))
    blanks: list[int | None] = [None] * (-pages % 4)
    if keep_last and pages > 1:
        return order[:-1] + blanks + order[-1:]
    return order + blanks


def booklet_sides(pages: int, keep_last: bool = True) -> list[Side]:
    """Sides in printing order: sheet 1 front, sheet 1 back, sheet 2 front...

    For 8 pages (1-based): 8|1, 2|7, 6|3, 4|5.
    """
    order = padded(pages, keep_last)
    count = len(order)
    sides: list[Side] = []
    for sheet in range(count // 4):
        sides.append((order[count - 1 - 2 * sheet], order[2 * sheet]))
        sides.append((order[2 * sheet + 1], order[count - 2 - 2 * sheet]))
    return sides


def impose(pdf: bytes, sheet: Size, creep: float = 0.0, rtl: bool = False,
           keep_last: bool = True) -> tuple[bytes, int]:
    """The booklet PDF made from ``pdf``'s pages, and its number of sheet sides.

    ``creep`` (points per sheet) moves the pages of each inner sheet that much more
    towards the fold, so that their outer margins survive trimming the folded stack.
    A right-to-left pamphlet is bound on the right: its halves are swapped.
    """
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    sides = booklet_sides(len(reader.pages), keep_last)
    for number, side in enumerate(sides):
        nest = number // 2  # 0 for the outermost sheet
        surface = PageObject.create_blank_page(width=sheet.width, height=sheet.height)
        halves: Sequence[int | None] = side[::-1] if rtl else side
        for slot, index in enumerate(halves):
            if index is not None:
                place(surface, reader.pages[index], sheet, slot, creep * nest)
        writer.add_page(surface)
    if reader.metadata:
        writer.add_metadata({key: value for key, value in reader.metadata.items()
                             if key in ("/Title", "/Author", "/Subject", "/Keywords",
                                        "/Creator", "/CreationDate", "/ModDate")})
    if "/Lang" in reader.trailer["/Root"]:
        writer._root_object[NameObject("/Lang")] = reader.trailer["/Root"]["/Lang"]
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), len(sides)


def place(surface: PageObject, page: PageObject, sheet: Size, slot: int, shift: float) -> None:
    """Draw ``page``, trimmed, on the left (slot 0) or right (slot 1) half of ``surface``,
    moved ``shift`` points towards the fold (the centre of the sheet)."""
    trim = page.trimbox
    width, height = float(trim.width), float(trim.height)
    left, bottom = float(trim.left), float(trim.bottom)
    # the clip is the trim box, less the strip that creep pushes past the fold
    clip_left = left + (shift if slot == 1 else 0)
    clip_right = left + width - (shift if slot == 0 else 0)
    page.cropbox = RectangleObject([clip_left, bottom, clip_right, bottom + height])
    x = (sheet.width - 2 * width) / 2 + slot * width + (shift if slot == 0 else -shift)
    y = (sheet.height - height) / 2
    surface.merge_transformed_page(page, Transformation().translate(x - left, y - bottom))
