"""The HTML edition: one self-contained page per interview; for a series, an index page and
the whole volume as one page.

Styles, fonts (cut down to the characters the page uses) and images are all
inside each file, so it opens offline and prints the same from any browser. The one file
beside it is an interview's recording, when its turns say where they start in it: the page
plays it, from each turn's time.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ..assets import WebFonts, data_uri, media_type, with_image_sources
from ..edition import Document, Edition, Settings, Written
from ..model import Interview
from ..output import atomic_path, write_atomic


def has_times(interview: Interview) -> bool:
    """Whether any turn says where it starts in the recording."""
    return any(turn.time is not None for turn in interview.body.turns)


class HtmlEdition(Edition):
    name = "html"
    order = 1

    def __init__(self, settings: Settings):
        super().__init__(settings)
        self.templates = settings.templates
        self.fonts = WebFonts()

    def export(self, document: Document) -> list[Written]:
        """The document as one page; a volume also gets an index page linking to the pages of
        its interviews. An interview's page shows its turns' times, and with them its
        recording is written beside it, for the page to play."""
        slug = document.meta.slug
        timed = not document.is_volume and has_times(document.interviews[0])
        audio = document.interviews[0].meta.audio if timed else None
        recording = f"{slug}{audio.suffix.lower()}" if audio else ""
        context = dict(document=document, meta=document.meta,
                       words=self.templates.words(document.meta.lang),
                       times=timed, recording=recording)
        whole = self.settings.target(slug, f"{slug}.html")
        self.write_page("html/document.html", whole, document.images, **context)
        if audio:
            copy = self.settings.target(slug, recording)
            with atomic_path(copy) as temporary:
                shutil.copyfile(audio, temporary)
            return [Written(copy), Written(whole)]  # the page last: the preview serves it
        if not document.is_volume:
            return [Written(whole)]
        index = self.settings.target(slug, "index.html")
        self.write_page("html/index.html", index, {}, **context,
                        single_file=whole.name,
                        links={i.meta.slug: f"../{i.meta.slug}/{i.meta.slug}.html"
                               for i in document.interviews})
        return [Written(whole), Written(index)]

    def write_page(self, template: str, target: Path, images: dict[str, Path],
                   **context: Any) -> None:
        context["generator"] = self.settings.generator
        draft = self.templates.render(template, css="", **context)
        css = self.templates.render("html/style.css", font_url=lambda name: self.font(name, draft),
                                    times=context["times"], player=bool(context["recording"]))
        page = self.templates.render(template, css=css, **context)
        sources = {key: data_uri(path.read_bytes(), media_type(path)) for key, path in images.items()}
        page = with_image_sources(page, sources)
        write_atomic(target, page.encode("utf-8"))

    def font(self, name: str, text: str) -> str:
        return data_uri(self.fonts.cut(self.templates.find(name), text), self.fonts.media_type)
