"""The print edition: trim size, bleed and print boxes, as a printer or a print-on-demand
service asks for them (``print_preset``, ``bleed``, ``crop_marks``, ``pdf_standard``)."""

from __future__ import annotations

from ..layout import TEMPLATE_FOLDERS, LayoutEdition  # noqa: F401 - read by the build
from ..model import Interview
from ..series import Volume
from ..output import write_atomic
from . import Written

NAME = "print"
ORDER = 4


class Exporter(LayoutEdition):
    def export(self, interview: Interview) -> list[Written]:
        layout = self.layouts.layout(interview)
        target = self.target(interview, "-print.pdf")
        write_atomic(target, layout.print_pdf())
        return [Written(target, pages=layout.pages)]

    def export_volume(self, volume: Volume) -> list[Written]:
        layout = self.layouts.layout(volume)
        target = self.target(volume, "-print.pdf")
        write_atomic(target, layout.print_pdf())
        return [Written(target, pages=layout.pages)]
