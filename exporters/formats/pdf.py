"""The screen PDF edition: the print edition's layout at the trim size, tagged (PDF/UA-1).

It shares the print edition's pages, so that "page 12" is the same page in both;
with ``screen_page_size`` in theme.yml it gets a layout of its own (A4, letter).
"""

from __future__ import annotations

from ..edition import Document, Written
from ..layout import LayoutEdition
from ..output import atomic_path


class ScreenPdfEdition(LayoutEdition):
    name = "pdf"
    order = 2

    def export(self, document: Document) -> list[Written]:
        layout = self.layouts.layout(document)
        target = self.target(document, ".pdf")
        with atomic_path(target) as temporary:
            pages = layout.screen_pdf(temporary)
        return [Written(target, pages=pages)]
