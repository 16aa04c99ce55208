"""Booklet imposition: written pages, two-up on sheets, for a folded and stapled pamphlet.

Pages are taken from a written PDF (the print edition), trimmed to their TrimBox,
and placed at their own size (never scaled) side by side on landscape sheets.
Printed double-sided, flipping on the short edge, and folded as a stack, the
sheets give the pages in reading order. pypdf does the work.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject,
                           IndirectObject, NameObject, StreamObject)

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

    Each page becomes a form XObject clipped to its TrimBox (its content stream is
    copied as it is, never decoded), drawn at its own size on its half of the sheet.
    ``creep`` (points per sheet) moves the pages of each inner sheet that much more
    towards the fold, so that their outer margins survive trimming the folded stack.
    A right-to-left pamphlet is bound on the right: its halves are swapped.
    """
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    sides = booklet_sides(len(reader.pages), keep_last)
    for number, side in enumerate(sides):
        nest = number // 2  # 0 for the outermost sheet
        halves: Sequence[int | None] = side[::-1] if rtl else side
        forms, drawing = DictionaryObject(), []
        for slot, index in enumerate(halves):
            if index is None:
                continue
            name, (form, x, y) = f"/P{slot}", page_form(writer, reader.pages[index], sheet,
                                                        slot, creep * nest)
            forms[NameObject(name)] = form
            drawing.append(f"q 1 0 0 1 {x:.4f} {y:.4f} cm {name} Do Q")
        surface = PageObject.create_blank_page(width=sheet.width, height=sheet.height)
        surface[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): forms})
        contents = DecodedStreamObject()
        contents.set_data("\n".join(drawing).encode("ascii"))
        surface[NameObject("/Contents")] = writer._add_object(contents)
        writer.add_page(surface)
    if reader.metadata:
        writer.add_metadata({key: value for key, value in reader.metadata.items()
                             if key in ("/Title", "/Author", "/Subject", "/Keywords",
                                        "/Creator", "/CreationDate", "/ModDate")})
    root = reader.trailer["/Root"]
    if "/Lang" in root:
        writer._root_object[NameObject("/Lang")] = root["/Lang"]
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), len(sides)


def page_form(writer: PdfWriter, page: PageObject, sheet: Size, slot: int,
              shift: float) -> tuple[IndirectObject, float, float]:
    """``page`` as a form XObject in ``writer``, and where its origin goes on the sheet for
    the left (slot 0) or right (slot 1) half, moved ``shift`` points towards the fold."""
    trim = page.trimbox
    width, height = float(trim.width), float(trim.height)
    left, bottom = float(trim.left), float(trim.bottom)
    # the clip is the trim box, less the strip that creep pushes past the fold
    clip_left = left + (shift if slot == 1 else 0)
    clip_right = left + width - (shift if slot == 0 else 0)
    contents = page["/Contents"].get_object()
    if isinstance(contents, ArrayObject):  # several streams: join them
        form: StreamObject = DecodedStreamObject()
        form.set_data(b"\n".join(part.get_object().get_data() for part in contents))
    else:
        form = contents.clone(writer, force_duplicate=True)
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(value) for value in
                                         (clip_left, bottom, clip_right, bottom + height)),
        NameObject("/Resources"): page["/Resources"].clone(writer),
    })
    reference = form.indirect_reference or writer._add_object(form)
    x = (sheet.width - 2 * width) / 2 + slot * width + (shift if slot == 0 else -shift)
    y = (sheet.height - height) / 2
    return reference, x - left, y - bottom
