"""The checks that look across files, shared by the build and ``check``: two files with one
slug, a translation of an interview that is not there, two interviews in one place of a
series."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem, display_path
from .slugs import slugify
from .typography import primary_language


@dataclass(frozen=True)
class Listed:
    """What the cross-file checks need to know of one interview file."""

    path: Path
    slug: str
    translation_of: str = ""
    series: str = ""
    lang: str = ""
    series_number: int | None = None


def duplicate_slugs(files: Iterable[Listed]) -> dict[Path, Problem]:
    """For each file whose slug an earlier file already has, the problem."""
    first: dict[str, Path] = {}
    problems = {}
    for listed in files:
        problem = duplicate_slug(listed, first.get(listed.slug))
        first.setdefault(listed.slug, listed.path)
        if problem:
            problems[listed.path] = problem
    return problems


def duplicate_slug(listed: Listed, first: Path | None) -> Problem | None:
    """The problem of ``listed`` when an earlier file, the first with its slug, is ``first``."""
    if first is None:
        return None
    from_a_field = listed.slug != slugify(listed.path.stem)
    return Problem(listed.path, 1, f"the slug '{listed.slug}' is already used by "
                   f"{display_path(first)}",
                   "change the 'slug:' field of one of them" if from_a_field else
                   "give one of them another file name or a 'slug:' field", rule="duplicate-slug")


def unknown_originals(files: Iterable[Listed]) -> dict[Path, Problem]:
    """For each translation whose ``translation_of`` names no other interview, the problem."""
    files = list(files)
    slugs = {listed.slug for listed in files}
    return {listed.path: problem for listed in files
            if (problem := unknown_original(listed, listed.translation_of in slugs))}


def unknown_original(listed: Listed, named: bool) -> Problem | None:
    """The problem of ``listed`` when it is a translation of no other interview; ``named``:
    whether some interview of the batch has the slug its ``translation_of`` names."""
    if not listed.translation_of or (named and listed.translation_of != listed.slug):
        return None
    return Problem(
        listed.path, _field_line(listed.path, "translation_of"),
        f"translation_of: '{listed.translation_of}' is not the slug of another interview",
        "write the slug of the original interview: its 'slug:' field where it has one, else its "
        "file name without .md", rule="translation")


def _field_line(path: Path, field: str) -> int:
    """The line of ``field`` in the front matter of ``path``, or 1 (read only when a problem
    needs its place)."""
    from .load import read_source

    try:
        return read_source(path, path.parent).line_of(field)
    except (ContentError, OSError):
        return 1


def shared_series_numbers(files: Iterable[Listed]) -> list[Problem]:
    """A warning for each interview that holds the place of an earlier one in its series; a
    translation shares its original's number: one number per series and language."""
    places: dict[tuple[str, str, int], Path] = {}
    problems = []
    for listed in files:
        if not listed.series or listed.series_number is None:
            continue
        place = (listed.series, primary_language(listed.lang), listed.series_number)
        if place in places:
            problems.append(Problem(
                listed.path, 1, f"'{listed.series}' number {listed.series_number} is also "
                f"{display_path(places[place])}", "give each interview its own series_number",
                "warning", "duplicate-series-number"))
        places.setdefault(place, listed.path)
    return problems


@dataclass(frozen=True)
class SeriesName:
    """What the series checks need to know of one series.yml: where it is, its title and
    slug."""

    path: Path
    title: str
    slug: str


def series_names(files: Iterable[Listed], series: Iterable[SeriesName]) -> list[Problem]:
    """A warning for each interview whose ``series:`` names a series it does not belong to by
    its folder (it joins both volumes, or prints one series' name in another's), or names no
    series but one close to it ('River Voice' for 'River Voices')."""
    series = list(series)
    known = [name for one in series for name in (one.title, one.slug)]
    problems = []
    for listed in files:
        if not listed.series:
            continue
        where = listed.path.resolve()
        folders = [one for one in series if where.is_relative_to(one.path.parent.resolve())]
        named = [one for one in series if listed.series in (one.title, one.slug)]
        if folders and folders[-1] not in named:
            home = folders[-1].title
            also = "; it is in both volumes" if named else ""
            problems.append(Problem(
                listed.path, _field_line(listed.path, "series"),
                f"series: '{listed.series}' is not '{home}', the series of its folder{also}",
                f"write series: {home}, or leave the field out (the folder decides)",
                "warning", "series-name"))
        elif not named:
            close = difflib.get_close_matches(listed.series, known, n=1, cutoff=0.8)
            if close:
                problems.append(Problem(
                    listed.path, _field_line(listed.path, "series"),
                    f"series: '{listed.series}' names no series of the project",
                    f"did you mean '{close[0]}'?", "warning", "series-name"))
    return problems
