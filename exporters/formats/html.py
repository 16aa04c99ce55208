"""The HTML edition: one self-contained page per interview; for a series, an index page and
the whole volume as one page.

Styles, fonts (cut down to the characters the page uses) and images are all
inside each file, so it opens offline and prints the same from any browser. The only files
beside it are the recordings of its interviews whose turns say where they start in them: the
page plays each, from each turn's time.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ..assets import WebFonts, data_uri, media_type, with_image_sources
from ..edition import Document, Edition, Settings, Written
from ..timeline import has_times, recordings
from ..output import atomic_path, write_atomic


class HtmlEdition(Edition):
    name = "html"
    order = 1

    def __init__(self, settings: Settings):
        super().__init__(settings)
        self.templates = settings.templates
        self.fonts = WebFonts()

    def export(self, document: Document) -> list[Written]:
        """The document as one page; a volume also gets an index page linking to the pages of
        its interviews. A page shows its interviews' turns' times, and with them the
        recordings they play are written beside it."""
        slug = document.meta.slug
        played = recordings(document.interviews)
        context = dict(document=document, meta=document.meta,
                       words=self.templates.words(document.meta.lang),
                       times=any(map(has_times, document.interviews)),
                       recordings={key: copy.name for key, copy in played.items()})
        whole = self.settings.target(slug, f"{slug}.html")
        self.write_page("html/document.html", whole, document.images, **context)
        copies = []
        for copy in dict.fromkeys(played.values()):
            target = self.settings.target(slug, copy.name)
            with atomic_path(target) as temporary:
                shutil.copyfile(copy.source, temporary)
            copies.append(Written(target))
        if not document.is_volume:
            return [*copies, Written(whole)]  # the page last: the preview serves it
        index = self.settings.target(slug, "index.html")
        self.write_page("html/index.html", index, {}, **{**context, "times": False,
                                                         "recordings": {}},
                        single_file=whole.name,
                        links={i.meta.slug: f"../{i.meta.slug}/{i.meta.slug}.html"
                               for i in document.interviews})
        return [*copies, Written(whole), Written(index)]

    def write_page(self, template: str, target: Path, images: dict[str, Path],
                   **context: Any) -> None:
        context["generator"] = self.settings.generator
        draft = self.templates.render(template, css="", **context)
        css = self.templates.render("html/style.css", font_url=lambda name: self.font(name, draft),
                                    times=context["times"], player=bool(context["recordings"]))
        page = self.templates.render(template, css=css, **context)
        sources = {key: data_uri(path.read_bytes(), media_type(path)) for key, path in images.items()}
        page = with_image_sources(page, sources)
        write_atomic(target, page.encode("utf-8"))

    def font(self, name: str, text: str) -> str:
        return data_uri(self.fonts.cut(self.templates.find(name), text), self.fonts.media_type)
