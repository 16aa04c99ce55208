"""The HTML edition: one self-contained page per interview.

Styles, fonts (cut down to the characters the page uses) and images are all
inside the file, so it opens offline and prints the same from any browser.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..assets import BASIC_LATIN, data_uri, media_type, web_font
from ..model import Interview
from ..output import write_atomic
from . import Settings, Written

NAME = "html"
ORDER = 1
_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')


class Exporter:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.templates = settings.templates
        # Subsetting a font takes about a second; pages in one language mostly need the same
        # characters, so each worker keeps its recent subsets.
        self.subset = lru_cache(maxsize=64)(self._subset)

    def export(self, interview: Interview) -> list[Written]:
        draft = self.page(interview, css="")
        css = self.templates.render("html/style.css", font_url=lambda name: self.font(name, draft))
        page = self.page(interview, css)
        images = {key: data_uri(path.read_bytes(), media_type(path))
                  for key, path in interview.body.images.items()}
        page = _SRC.sub(lambda m: m[1] + images.get(m[2], m[2]) + m[3], page)
        target = self.settings.folder(interview) / f"{interview.meta.slug}.html"
        write_atomic(target, page.encode("utf-8"))
        return [Written(target)]

    def page(self, interview: Interview, css: str) -> str:
        return self.templates.render(
            "html/interview.html", interview=interview, meta=interview.meta,
            words=self.templates.words(interview.meta.lang), css=css,
            generator=self.settings.generator,
        )

    def font(self, name: str, text: str) -> str:
        """The font ``name`` cut down to the characters of ``text``, as a data: URL."""
        return self.subset(name, "".join(sorted(set(text) - BASIC_LATIN)))

    def _subset(self, name: str, characters: str) -> str:
        return data_uri(web_font(self.templates.find(name), characters), "font/woff2")
