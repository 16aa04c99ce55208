"""The PDF edition, laid out by WeasyPrint.

The exporter is built once per worker: WeasyPrint's import, the font
configuration and the parsed stylesheet are then reused for every interview.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from ..assets import data_uri, media_type
from ..fetch import LocalFetcher
from ..model import Interview
from ..series import Volume
from ..output import atomic_path
from . import Settings, Written

NAME = "pdf"
ORDER = 2
_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')


class Exporter:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.templates = settings.templates
        use_only_project_fonts(self.templates.folders)
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.fetcher = LocalFetcher([settings.content_root, *self.templates.folders])
        self.fonts = FontConfiguration()
        css = self.templates.render(
            "pdf/style.css", font_url=lambda name: self.templates.find(name).as_uri())
        self.stylesheet = CSS(string=css, font_config=self.fonts, url_fetcher=self.fetcher,
                              base_url=str(self.templates.folders[0]) + "/")
        self.volume_stylesheet = CSS(string=self.templates.render("pdf/volume.css"),
                                     font_config=self.fonts, url_fetcher=self.fetcher)

    def export(self, interview: Interview) -> list[Written]:
        from weasyprint import HTML

        meta = interview.meta
        html = self.templates.render(
            "pdf/interview.html", interview=interview, meta=meta,
            words=self.templates.words(meta.lang), generator=self.settings.generator,
            timestamp=self.settings.timestamp(interview).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        # data: URLs, not file: URLs, so that nothing in the PDF depends on where the project is
        images = {key: data_uri(path.read_bytes(), media_type(path))
                  for key, path in interview.body.images.items()}
        html = _SRC.sub(lambda m: m[1] + images.get(m[2], "") + m[3], html)
        document = HTML(string=html, base_url=str(interview.path.parent) + "/",
                        url_fetcher=self.fetcher).render(
            stylesheets=[self.stylesheet], font_config=self.fonts)
        target = self.settings.folder(interview) / f"{meta.slug}.pdf"
        with atomic_path(target) as temporary:
            document.write_pdf(temporary, pdf_identifier=meta.identifier.encode())
        return [Written(target, pages=len(document.pages))]

    def export_volume(self, volume: Volume) -> list[Written]:
        from weasyprint import HTML

        meta = volume.meta
        timestamp = max(self.settings.timestamp(interview) for interview in volume.interviews)
        html = self.templates.render(
            "pdf/volume.html", volume=volume, meta=meta, words=self.templates.words(meta.lang),
            generator=self.settings.generator, timestamp=timestamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
        images = {key: data_uri(path.read_bytes(), media_type(path))
                  for interview in volume.interviews
                  for key, path in interview.body.images.items()}
        html = _SRC.sub(lambda m: m[1] + images.get(m[2], "") + m[3], html)
        document = HTML(string=html, base_url=str(meta.folder) + "/",
                        url_fetcher=self.fetcher).render(
            stylesheets=[self.stylesheet, self.volume_stylesheet], font_config=self.fonts)
        target = self.settings.out_dir / meta.slug / f"{meta.slug}.pdf"
        with atomic_path(target) as temporary:
            document.write_pdf(temporary, pdf_identifier=meta.identifier.encode())
        return [Written(target, pages=len(document.pages))]


def use_only_project_fonts(template_folders: list[Path]) -> None:
    """Point fontconfig at the templates' ``fonts/`` folders and nothing else.

    WeasyPrint falls back to any font fontconfig knows for a missing glyph; with
    the host's fonts hidden, every PDF is set in the project's own fonts on every
    machine. This sets ``FONTCONFIG_FILE`` for the whole worker process.
    """
    cache = Path(tempfile.gettempdir()) / f"interview-press-fontconfig-{os.getuid()}"
    cache.mkdir(exist_ok=True)
    folders = "".join(f"<dir>{folder / 'fonts'}</dir>" for folder in template_folders
                      if (folder / "fonts").is_dir())
    config = cache / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig>{folders}<cachedir>{cache}</cachedir></fontconfig>\n", encoding="utf-8")
    os.environ["FONTCONFIG_FILE"] = str(config)
