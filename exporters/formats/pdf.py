"""The screen PDF edition: the print edition's layout at the trim size, tagged (PDF/UA-1).

It shares the print edition's pages, so that "page 12" is the same page in both;
with ``screen_page_size`` in theme.yml it gets a layout of its own (A4, letter).
"""

from __future__ import annotations

from ..layout import Layouts
from ..model import Interview
from ..series import Volume
from ..output import atomic_path
from . import Settings, Written

NAME = "pdf"
TEMPLATE_FOLDERS = ("pdf", "icc")
"""The template folders this edition is made from (its cache key)."""
ORDER = 2


class Exporter:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.layouts = Layouts.of(settings)

    def export(self, interview: Interview) -> list[Written]:
        layout = self.layouts.layout(interview)
        target = self.settings.folder(interview) / f"{interview.meta.slug}.pdf"
        with atomic_path(target) as temporary:
            pages = layout.screen_pdf(temporary)
        return [Written(target, pages=pages)]

    def export_volume(self, volume: Volume) -> list[Written]:
        layout = self.layouts.layout(volume)
        target = self.settings.out_dir / volume.meta.slug / f"{volume.meta.slug}.pdf"
        with atomic_path(target) as temporary:
            pages = layout.screen_pdf(temporary)
        return [Written(target, pages=pages)]
