"""The screen PDF edition: the print edition's layout at the trim size, tagged (PDF/UA-1).

It shares the print edition's pages, so that "page 12" is the same page in both;
with ``screen_page_size`` in theme.yml it gets a layout of its own (A4, letter).
"""

from __future__ import annotations

from ..layout import TEMPLATE_FOLDERS, LayoutEdition  # noqa: F401 - read by the build
from ..model import Interview
from ..series import Volume
from ..output import atomic_path
from . import Written

NAME = "pdf"
ORDER = 2


class Exporter(LayoutEdition):
    def export(self, interview: Interview) -> list[Written]:
        layout = self.layouts.layout(interview)
        target = self.target(interview, ".pdf")
        with atomic_path(target) as temporary:
            pages = layout.screen_pdf(temporary)
        return [Written(target, pages=pages)]

    def export_volume(self, volume: Volume) -> list[Written]:
        layout = self.layouts.layout(volume)
        target = self.target(volume, ".pdf")
        with atomic_path(target) as temporary:
            pages = layout.screen_pdf(temporary)
        return [Written(target, pages=pages)]
