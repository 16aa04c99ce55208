"""The pamphlet: the print edition's pages, trimmed and imposed two-up for saddle stitching.

Print it double-sided, flipping on the short edge, fold the stack and staple it.
"""

from __future__ import annotations

from ..edition import Document, Skipped, Written
from ..errors import Problem
from ..layout import LayoutEdition
from ..output import write_atomic

STAPLE_LIMIT = 64
"""Pages a saddle-stitched pamphlet can hold."""


class BookletEdition(LayoutEdition):
    name = "booklet"
    order = 5

    def export(self, document: Document) -> list[Written]:
        layout = self.layouts.layout(document)
        if document.is_volume and layout.pages > STAPLE_LIMIT:
            raise Skipped(Problem(
                document.meta.path, 1, f"no pamphlet of '{document.meta.slug}': its "
                f"{layout.pages} pages are more than a stapled booklet holds ({STAPLE_LIMIT})",
                "print the print edition and bind it, or split the series", "warning",
                "booklet-too-long"))
        from ..impose import impose  # pypdf: loaded when a booklet is made, not to list editions

        data, sides = impose(layout.print_pdf(), layout.paper.sheet, creep=layout.paper.creep,
                             rtl=document.meta.dir == "rtl")
        target = self.target(document, "-booklet.pdf")
        write_atomic(target, data)
        return [Written(target, pages=sides)]
