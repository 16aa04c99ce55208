"""The bilingual pamphlet: a translation and its original in one booklet.

Made for every interview with ``translation_of``. The translation's print pages come
first; the original's follow. When the two run in different directions (English and
Persian), the original's pages are placed from the back cover in its own reading order,
so each half opens from its own side of the booklet and they meet in the middle.
"""

from __future__ import annotations

import io

from ..edition import Document, Written
from ..layout import LayoutEdition
from ..model import Interview, read_interview, root_for
from ..output import write_atomic


class BilingualEdition(LayoutEdition):
    name = "bilingual"
    order = 6

    def export(self, document: Document) -> list[Written]:
        """For a translation: made of interviews only, so nothing for a volume."""
        if not isinstance(document, Interview) or document.original is None:
            return []
        interview = document
        original = read_interview(interview.original.path,
                                  root_for(interview.original.path, self.settings.content_root))
        first = self.layouts.layout(interview).print_pdf()
        second = self.layouts.layout(original).print_pdf()
        both = join(first, second, reverse_second=interview.meta.dir != original.meta.dir)
        paper = self.layouts.paper
        from ..impose import impose  # pypdf: loaded when a pamphlet is made, not to list editions

        data, sides = impose(both, paper.sheet, creep=paper.creep,
                             rtl=interview.meta.dir == "rtl")
        target = self.target(interview, "-bilingual-booklet.pdf")
        write_atomic(target, data)
        return [Written(target, pages=sides)]


def join(first: bytes, second: bytes, reverse_second: bool) -> bytes:
    """One PDF: ``first``'s pages, padded to an even count so ``second`` starts on a recto,
    then ``second``'s pages (from its last page back when it reads the other way)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(first)).pages:
        writer.add_page(page)
    pages = list(PdfReader(io.BytesIO(second)).pages)
    if len(writer.pages) % 2:
        box = writer.pages[0].mediabox
        writer.add_blank_page(width=float(box.width), height=float(box.height))
    for page in reversed(pages) if reverse_second else pages:
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
