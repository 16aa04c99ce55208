"""The print edition: trim size, bleed and print boxes, as a printer or a print-on-demand
service asks for them (``print_preset``, ``bleed``, ``crop_marks``, ``pdf_standard``)."""

from __future__ import annotations

from ..edition import Document, Written
from ..layout import LayoutEdition
from ..output import write_atomic


class PrintEdition(LayoutEdition):
    name = "print"
    order = 4

    def export(self, document: Document) -> list[Written]:
        layout = self.layouts.layout(document)
        target = self.target(document, "-print.pdf")
        write_atomic(target, layout.print_pdf())
        return [Written(target, pages=layout.pages)]
