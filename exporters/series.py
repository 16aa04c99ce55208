"""Series and their collected volumes.

A ``series.yml`` in a folder of the content declares a series; every interview
in that folder (and any interview whose ``series:`` names it) belongs to it.
A :class:`Volume` is the series with its interviews in order, each keeping its
own metadata, speakers and notes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from .body import prose_html
from .crossfile import Listed
from .errors import ContentError, Problem
from .load import (SERIES_FILE, Source, _key_lines, find_series, folder_slug,  # noqa: F401
                   parse_yaml, read_text, series_claims)
from .metadata import _Fields, default_identifier
from .slugs import SLUG_HINT, is_slug
from .model import Interview
from .schema import SERIES, collect
from .typography import direction, primary_language, typeset

SERIES_FIELDS = SERIES.names


@dataclass(frozen=True)
class SeriesMeta:
    path: Path
    slug: str
    title: str
    lang: str
    dir: str
    identifier: str
    subtitle: str = ""
    editors: tuple[str, ...] = ()
    description: str = ""
    publisher: str = ""
    rights: str = ""
    date: dt.date | None = None
    cover: Path | None = None
    foreword: Path | None = None
    order: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        return self.path.parent

    def claims(self, interview_path: Path, series_name: str) -> bool:
        """Whether an interview at ``interview_path`` naming ``series_name`` belongs here."""
        return series_claims(self.path, self.title, self.slug, interview_path, series_name)


@dataclass(frozen=True)
class Volume:
    meta: SeriesMeta
    interviews: tuple[Interview, ...]
    foreword_html: str = ""
    is_volume: ClassVar[bool] = True

    @property
    def path(self) -> Path:
        return self.meta.path

    @property
    def authors(self) -> tuple[str, ...]:
        """Whom the document is by, as a page's or a PDF's metadata credits them."""
        return self.meta.editors

    @property
    def description(self) -> str:
        return self.meta.description or self.meta.subtitle or self.meta.title

    @property
    def images(self) -> dict[str, Path]:
        return {key: path for interview in self.interviews for key, path in interview.images.items()}

    @property
    def sources(self) -> list[Path]:
        """The files it is made from, whose last change dates its editions."""
        return [self.meta.path, *(path for interview in self.interviews
                                  for path in interview.sources),
                *(path for path in (self.meta.cover, self.meta.foreword) if path)]

    @property
    def date(self) -> dt.date:
        return self.meta.date or max(interview.meta.date for interview in self.interviews)


def read_series(path: Path, content_root: Path) -> SeriesMeta:
    """Validate a ``series.yml``; a ContentError carries every problem found, each at its
    own line."""
    data, node = parse_yaml(read_text(path), path)
    data = data or {}
    lines = _key_lines(node, 1)
    if not isinstance(data, dict):
        raise ContentError(Problem(path, 1, "expected 'field: value' lines",
                                   "write e.g. title: Working Lives"))
    source = Source(path=path, content_root=content_root, metadata=data, body="", body_line=1,
                    field_lines=lines)
    fields = _Fields(source)  # the same field rules as an interview's front matter
    problems = SERIES.unknown_keys(data, lines, path)
    checked = partial(collect, problems)
    lang = checked("en", fields.language, "lang")
    text = lambda key: typeset(checked("", fields.text, key), lang)  # noqa: E731
    title = typeset(checked("", fields.text, "title", True), lang)
    slug = checked("series", _slug, fields, path)
    meta = SeriesMeta(
        path=path, slug=slug, title=title, lang=lang, dir=direction(lang),
        identifier=checked("", fields.text, "identifier") or default_identifier(f"series/{slug}"),
        subtitle=text("subtitle"),
        editors=checked((), fields.names, "editors"),
        description=text("description"),
        publisher=text("publisher"),
        rights=text("rights"),
        date=checked(None, fields.date, "date") if "date" in data else None,
        cover=checked(None, fields.path, "cover"),
        foreword=checked(None, _foreword, fields, content_root),
        order=checked((), _order, fields),
    )
    if problems:
        raise ContentError(*sorted(dict.fromkeys(problems), key=lambda problem: problem.line))
    return meta


def _foreword(fields: _Fields, content_root: Path) -> Path | None:
    """The foreword's file: Markdown inside the content folder, and readable."""
    foreword = fields.text("foreword")
    if not foreword:
        return None
    found = (fields.source.path.parent / foreword).resolve()
    if not found.is_relative_to(content_root.resolve()) or not found.is_file():
        raise fields.fail("foreword", f"the foreword '{foreword}' was not found",
                          "write the path of a Markdown file next to series.yml")
    read_text(found)  # a foreword that cannot be read fails here, at its own line
    return found


def _order(fields: _Fields) -> tuple[str, ...]:
    order = fields.meta.get("order") or []
    if not isinstance(order, list):
        raise fields.fail("order", "'order' should be a list of interview slugs",
                          "write order: [night-shift, three-kitchens]")
    return tuple(str(item) for item in order)


def _slug(fields, path: Path) -> str:
    """The series' slug: its ``slug:`` field, else the folder's name made one."""
    given = fields.text("slug")
    if given:
        if not is_slug(given):
            raise fields.fail("slug", f"'{given}' cannot be used as a slug", SLUG_HINT)
        return given
    made = folder_slug(path)
    if not made:
        raise ContentError(Problem(path, 1, f"the folder name '{path.parent.name}' gives no "
                                            "usable file name for the volume",
                                   "add a line such as 'slug: working-lives' to series.yml"))
    return made


def members(meta: SeriesMeta, files: list[Listed]) -> list[Listed]:
    """The files of ``files`` that belong to the series; a ContentError when none does, or
    when ``order`` names a slug that is not among them. ``check`` asks this of what it knows
    of each file; :func:`assemble` of the interviews it is given."""
    claimed = [listed for listed in files if meta.claims(listed.path, listed.series)]
    if not claimed:
        raise ContentError(Problem(meta.path, 1, f"the series '{meta.title}' has no interviews",
                                   "put interviews in this folder or name the series in their 'series:'"))
    slugs = {listed.slug for listed in claimed}
    for slug in meta.order:
        if slug not in slugs:
            raise ContentError(Problem(meta.path, 1, f"'order' names '{slug}', which is not in the series",
                                       f"use the slugs: {', '.join(sorted(slugs))}"))
    return claimed


def assemble(meta: SeriesMeta, interviews: list[Interview]) -> list[Volume]:
    """The volumes of a series, one per language: the series' own language first, with its
    foreword; then one for each other language its interviews are in, as ``<slug>-<lang>``."""
    chosen = {listed.path for listed in members(meta, [
        Listed(i.path, i.meta.slug, series=i.meta.series) for i in interviews])}
    claimed = [i for i in interviews if i.path in chosen]
    languages = sorted({primary_language(i.meta.lang) for i in claimed},
                       key=lambda lang: (lang != primary_language(meta.lang), lang))
    volumes = []
    for lang in languages:
        group = [i for i in claimed if primary_language(i.meta.lang) == lang]
        if lang == primary_language(meta.lang):
            volumes.append(_volume(meta, group))
        else:
            other = replace(meta, slug=f"{meta.slug}-{lang}", lang=lang, dir=direction(lang),
                            identifier=default_identifier(f"series/{meta.slug}-{lang}"),
                            foreword=None)
            volumes.append(_volume(other, group))
    return volumes


WORDS_PER_PAGE = 300
"""Words on a page of a volume set on A5 at 10.5pt, the defaults. Measured: the benchmark's
volumes of 10 and 100 interviews of about 1,780 words took 69 and 662 pages, some 270 words
a page once each interview's opening page and blank versos are counted, which
:func:`estimated_pages` counts apart."""

_A5_AREA = (148 * 72 / 25.4) * (210 * 72 / 25.4)


def words_per_page(width: float, height: float, font_size: float) -> float:
    """The words a page of ``width`` by ``height`` points holds at ``font_size`` points: as
    many more as the page is larger, as many fewer as the type's area is larger."""
    return WORDS_PER_PAGE * (width * height / _A5_AREA) * (10.5 / font_size) ** 2


def estimated_pages(volume: Volume, per_page: float = WORDS_PER_PAGE) -> int:
    """The pages a volume will take, estimated from its words before any layout: the text at
    ``per_page`` words a page, a page more per interview (each opens on a recto), the front
    matter, and a page of contents for every 20 interviews. It errs a little on the long side:
676 for the benchmark's volume of 100 interviews, which has 662 pages; 74 for 10, 69."""
    words = sum(len(_TAG.sub(" ", block.html).split()) for interview in volume.interviews
                for block in (*interview.body.introduction,
                              *(b for part in interview.body.parts for b in part.intro),
                              *(b for turn in interview.body.turns for b in turn.blocks),
                              *interview.body.closing))
    count = len(volume.interviews)
    return round(words / per_page) + count + 8 + count // 20


def within_page_budget(volumes: list[Volume], budget: int,
                       per_page: float = WORDS_PER_PAGE) -> list[Volume]:
    """``volumes``, or a ContentError for the first that would pass ``budget`` pages at
    ``per_page`` words a page (:func:`words_per_page`)."""
    for volume in volumes:
        pages = estimated_pages(volume, per_page)
        if pages > budget:
            raise ContentError(Problem(
                volume.meta.path, 1, f"the volume '{volume.meta.slug}' would have about {pages} "
                f"pages, over the budget of {budget} (volume_page_budget in theme.yml)",
                "split the series into several folders, or raise volume_page_budget"))
    return volumes


_TAG = re.compile(r"<[^>]+>")


def _volume(meta: SeriesMeta, members: list[Interview]) -> Volume:
    by_slug = {interview.meta.slug: interview for interview in members}
    listed = [by_slug[slug] for slug in meta.order if slug in by_slug]
    members = listed + sorted((i for i in members if i not in listed), key=_natural_order)
    foreword = ""
    if meta.foreword:
        foreword = prose_html(read_text(meta.foreword), meta.lang,
                              f"{meta.slug}-foreword-")
    return Volume(meta, tuple(members), foreword)


def _natural_order(interview: Interview) -> tuple[Any, ...]:
    number = interview.meta.series_number
    return (number is None, number or 0, interview.meta.date, interview.meta.slug)
