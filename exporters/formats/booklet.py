"""The pamphlet: the print edition's pages, trimmed and imposed two-up for saddle stitching.

Print it double-sided, flipping on the short edge, fold the stack and staple it.
"""

from __future__ import annotations

from ..impose import impose
from ..layout import TEMPLATE_FOLDERS, LayoutEdition  # noqa: F401 - read by the build
from ..errors import Problem
from ..model import Interview
from ..series import Volume
from ..output import write_atomic
from . import Skipped, Written

NAME = "booklet"
STAPLE_LIMIT = 64
"""Pages a saddle-stitched pamphlet can hold."""
ORDER = 5


class Exporter(LayoutEdition):
    def export(self, interview: Interview) -> list[Written]:
        layout = self.layouts.layout(interview)
        paper = layout.paper
        data, sides = impose(layout.print_pdf(), paper.sheet, creep=paper.creep,
                             rtl=interview.meta.dir == "rtl")
        target = self.target(interview, "-booklet.pdf")
        write_atomic(target, data)
        return [Written(target, pages=sides)]

    def export_volume(self, volume: Volume) -> list[Written]:
        """A pamphlet of the whole volume, when it is thin enough to staple."""
        layout = self.layouts.layout(volume)
        if layout.pages > STAPLE_LIMIT:
            raise Skipped(Problem(
                volume.meta.path, 1, f"no pamphlet of '{volume.meta.slug}': its {layout.pages} "
                f"pages are more than a stapled booklet holds ({STAPLE_LIMIT})",
                "print the print edition and bind it, or split the series", "warning",
                "booklet-too-long"))
        data, sides = impose(layout.print_pdf(), layout.paper.sheet, creep=layout.paper.creep,
                             rtl=volume.meta.dir == "rtl")
        target = self.target(volume, "-booklet.pdf")
        write_atomic(target, data)
        return [Written(target, pages=sides)]
