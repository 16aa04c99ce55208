"""The HTML edition: one self-contained page per interview; for a series, an index page and
the whole volume as one page.

Styles, fonts (cut down to the characters the page uses) and images are all
inside each file, so it opens offline and prints the same from any browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..assets import WebFonts, data_uri, media_type, with_image_sources
from ..edition import Document, Edition, Settings, Written
from ..model import Interview
from ..output import write_atomic
from ..series import Volume


class HtmlEdition(Edition):
    name = "html"
    order = 1

    def __init__(self, settings: Settings):
        super().__init__(settings)
        self.templates = settings.templates
        self.fonts = WebFonts()

    def export(self, document: Document) -> list[Written]:
        if isinstance(document, Volume):
            return self.export_volume(document)
        return self.export_interview(document)

    def export_interview(self, interview: Interview) -> list[Written]:
        target = self.settings.target(interview.meta.slug, f"{interview.meta.slug}.html")
        self.write_page("html/interview.html", target, interview.body.images,
                        interview=interview, meta=interview.meta,
                        words=self.templates.words(interview.meta.lang))
        return [Written(target)]

    def export_volume(self, volume: Volume) -> list[Written]:
        slug = volume.meta.slug
        images = {key: path for interview in volume.interviews
                  for key, path in interview.body.images.items()}
        context = dict(volume=volume, meta=volume.meta, words=self.templates.words(volume.meta.lang))
        whole = self.settings.target(slug, f"{slug}.html")
        index = self.settings.target(slug, "index.html")
        self.write_page("html/volume.html", whole, images, **context)
        self.write_page("html/index.html", index, {}, **context,
                        single_file=whole.name,
                        links={i.meta.slug: f"../{i.meta.slug}/{i.meta.slug}.html"
                               for i in volume.interviews})
        return [Written(whole), Written(index)]

    def write_page(self, template: str, target: Path, images: dict[str, Path],
                   **context: Any) -> None:
        context["generator"] = self.settings.generator
        draft = self.templates.render(template, css="", **context)
        css = self.templates.render("html/style.css", font_url=lambda name: self.font(name, draft))
        page = self.templates.render(template, css=css, **context)
        sources = {key: data_uri(path.read_bytes(), media_type(path)) for key, path in images.items()}
        page = with_image_sources(page, sources)
        write_atomic(target, page.encode("utf-8"))

    def font(self, name: str, text: str) -> str:
        return data_uri(self.fonts.cut(self.templates.find(name), text), self.fonts.media_type)
