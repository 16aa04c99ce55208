"""The print edition: trim size, bleed and print boxes, as a printer or a print-on-demand
service asks for them (``print_preset``, ``bleed``, ``crop_marks``, ``pdf_standard``)."""

from __future__ import annotations

from ..layout import Layouts
from ..model import Interview
from ..series import Volume
from ..output import write_atomic
from . import Settings, Written

NAME = "print"
TEMPLATE_FOLDERS = ("pdf", "icc")
"""The template folders this edition is made from (its cache key)."""
ORDER = 4


class Exporter:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.layouts = Layouts.of(settings)

    def export(self, interview: Interview) -> list[Written]:
        layout = self.layouts.layout(interview)
        target = self.settings.folder(interview) / f"{interview.meta.slug}-print.pdf"
        write_atomic(target, layout.print_pdf())
        return [Written(target, pages=layout.pages)]

    def export_volume(self, volume: Volume) -> list[Written]:
        layout = self.layouts.layout(volume)
        target = self.settings.out_dir / volume.meta.slug / f"{volume.meta.slug}-print.pdf"
        write_atomic(target, layout.print_pdf())
        return [Written(target, pages=layout.pages)]
