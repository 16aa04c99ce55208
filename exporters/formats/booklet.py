"""The pamphlet: the print edition's pages, trimmed and imposed two-up for saddle stitching.

Print it double-sided, flipping on the short edge, fold the stack and staple it.
"""

from __future__ import annotations

from ..impose import impose
from ..layout import Layouts
from ..model import Interview
from ..output import write_atomic
from . import Settings, Written

NAME = "booklet"
ORDER = 5


class Exporter:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.layouts = Layouts.of(settings)

    def export(self, interview: Interview) -> list[Written]:
        layout = self.layouts.layout(interview)
        paper = layout.paper
        data, sides = impose(layout.print_pdf(), paper.sheet, creep=paper.creep,
                             rtl=interview.meta.dir == "rtl")
        target = self.settings.folder(interview) / f"{interview.meta.slug}-booklet.pdf"
        write_atomic(target, data)
        return [Written(target, pages=sides)]
