"""Jinja templates: the built-in ones, overridden file by file by ``--templates DIR``.

Templates own presentation. They receive the interview model and a few
helpers; autoescaping is always on, and content never becomes template code.
"""

from __future__ import annotations

import copy
import functools
import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import (Environment, FileSystemLoader, StrictUndefined, TemplateError,
                    select_autoescape)

from .body import format_time
from .errors import ContentError, Problem
from .load import (BUILTIN_TEMPLATES, _key_lines, parse_yaml, read_text,  # noqa: F401
                   template_folders)
from .paper import PrintSetup, css_page_size, print_setup
from .schema import THEME
from .typography import conventions, direction, in_digits, join_names, primary_language

COMMAND_LINE = Path("command line")
"""Where theme options given on the command line (``--preset``) are, in problems."""


@dataclass(frozen=True)
class Theme:
    """House-style options, read from ``theme.yml`` in the template folders and from the
    command line. Their kinds, choices, defaults and meaning are :data:`schema.THEME`."""

    speaker_labels: str
    page_size: str
    font_size: str
    embed_fonts_in_epub: bool
    bleed: str
    crop_marks: bool
    print_preset: str
    pdf_standard: str
    booklet_sheet: str
    creep: str
    screen_page_size: str
    volume_page_budget: int
    times_in_margin: bool
    calendar: str


RETIRED_TEMPLATES = {
    "html/interview.html": "html/document.html", "html/volume.html": "html/document.html",
    "pdf/interview.html": "pdf/document.html", "pdf/volume.html": "pdf/document.html",
    "epub/volume-titlepage.xhtml": "epub/titlepage.xhtml",
    "epub/volume-colophon.xhtml": "epub/colophon.xhtml",
}
"""Templates of earlier versions, and the one that does their work now for interviews and
volumes alike (``document.is_volume`` tells which it is making)."""


def retired_templates(folder: Path) -> list[Problem]:
    """A problem for each file of ``folder`` that no build would read any more, since a house
    style that silently stopped applying is worse than a build that stops."""
    return [Problem(folder / old, 1, f"'{old}' is no longer used: interviews and volumes are "
                                     f"both made from '{new}'",
                    f"move your changes into {new} (copy the built-in one to start from); "
                    "{% if document.is_volume %} tells a volume from an interview")
            for old, new in RETIRED_TEMPLATES.items() if (folder / old).is_file()]


class Templates:
    """The template folders of one build, searched in order."""

    def __init__(self, override: Path | None = None, options: dict[str, Any] | None = None):
        """``options`` are theme options given on the command line; they win over theme.yml."""
        self.folders = template_folders(override)
        if override is not None:
            renamed = retired_templates(self.folders[0])
            if renamed:
                raise ContentError(*renamed)
        self.env = Environment(
            loader=FileSystemLoader([str(folder) for folder in self.folders]),
            # Markup is always escaped; stylesheets are not markup and hold no content.
            autoescape=select_autoescape(disabled_extensions=("css",), default=True,
                                         default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.theme, self.paper = self._read_theme(options or {})
        self.env.filters["longdate"] = self.long_date
        self.env.filters["year"] = self.year
        self.env.filters["digits"] = in_digits
        self.env.filters["clock"] = format_time
        self.env.filters["join_names"] = join_names
        self.env.filters["direction"] = direction

    def with_filters(self, **filters: Any) -> Templates:
        """These templates with more Jinja filters, for one edition: the others do not see them."""
        extended = copy.copy(self)
        extended.env = self.env.overlay()
        extended.env.filters = {**self.env.filters, **filters}
        return extended

    def render(self, name: str, **context: Any) -> str:
        """The template ``name`` filled in; a template's own error is a ContentError that names
        the template file and line."""
        try:
            return self.env.get_template(name).render(theme=self.theme, **context)
        except TemplateError as error:
            raise ContentError(template_problem(error)) from None

    def find(self, name: str) -> Path:
        """The file ``name`` in the first template folder that has it."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        raise FileNotFoundError(f"no template file {name} in {', '.join(map(str, self.folders))}")

    @functools.cached_property
    def _words(self) -> dict[str, Any]:
        """words.yml, read when a page is first made: a build with nothing to make skips it. A
        house style's words.yml goes over the built-in one, language by language and word by
        word, so that one written for an earlier version still has the words added since."""
        merged: dict[str, Any] = {}
        for path in (folder / "common/words.yml" for folder in reversed(self.folders)):
            if not path.is_file():
                continue
            tables, lines = _read_mapping(path)
            for lang, table in tables.items():
                if not isinstance(table, dict):
                    raise ContentError(Problem(path, lines.get(str(lang), 1),
                                               f"'{lang}' is not a table of words",
                                               "write each word under its language, indented: "
                                               "'  notes: Notes'"))
                merged[str(lang)] = {**merged.get(str(lang), {}), **table}
        return merged

    def words(self, lang: str) -> dict[str, Any]:
        """Generated words (Notes, Contents, month names) for a language, English as fallback,
        with its list comma ("، " in Persian)."""
        return {**self._words["en"], **self._words.get(primary_language(lang), {}), "lang": lang,
                "comma": conventions(lang).comma}

    def long_date(self, date: dt.date, lang: str) -> str:
        """A date in words, in the theme's calendar, with the language's digits (۱۴ مارس ۲۰۲۶
        in Persian; ۲۳ اسفند ۱۴۰۴ in the Persian calendar)."""
        words = self.words(lang)
        day, month, year = self._in_calendar(date)
        months = words["persian_months" if self.theme.calendar == "persian" else "months"]
        return in_digits(words["date_format"].format(
            day=day, month=months[month - 1], year=year), lang)

    def year(self, date: dt.date) -> int:
        """The year of ``date`` in the theme's calendar."""
        return self._in_calendar(date)[2]

    def _in_calendar(self, date: dt.date) -> tuple[int, int, int]:
        if self.theme.calendar == "persian":
            import jdatetime  # only for a house style that asks for it
            date = jdatetime.date.fromgregorian(date=date)
        return date.day, date.month, date.year

    def _read_theme(self, overrides: dict[str, Any]) -> tuple[Theme, PrintSetup]:
        """The theme.yml files, the built-in one first, with ``overrides`` over them; a
        ContentError carries every problem, each at its own file and line."""
        options: dict[str, Any] = {}
        where: dict[str, tuple[Path, int]] = {}
        problems: list[Problem] = []
        for path in (folder / "theme.yml" for folder in reversed(self.folders)):
            if not path.is_file():
                continue
            try:
                data, lines = _read_mapping(path)
            except ContentError as error:
                problems += error.problems
                continue
            problems += THEME.problems(data, lines, path)
            options.update(data)
            where.update((str(key), (path, lines.get(str(key), 1))) for key in data)
        problems += THEME.problems(overrides, {}, COMMAND_LINE)
        options.update(overrides)
        where.update((str(key), (COMMAND_LINE, 1)) for key in overrides)
        bad = {fault.key for fault in THEME.faults(options)}
        valid = {key: value for key, value in options.items()
                 if key in THEME.names and key not in bad}
        try:  # whether the options go together, the bad ones left at their defaults
            paper = print_setup(valid)
        except ValueError as error:
            message, _, hint = str(error).partition("; ")
            option = message.split(":")[0]
            problems.append(Problem(*where.get(option, (self.find("theme.yml"), 1)),
                                    message, hint))
        if problems:
            raise ContentError(*problems)
        theme = Theme(**THEME.values(valid))
        return replace(theme, page_size=css_page_size(theme.page_size)), paper


def _read_mapping(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """A YAML file of 'key: value' lines, and the line of each key."""
    data, node = parse_yaml(read_text(path), path)
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ContentError(Problem(path, 1, "expected 'option: value' lines",
                                   "write one option a line, e.g. page_size: A5 (see the README)"))
    return data, _key_lines(node, 1)


def template_problem(error: TemplateError) -> Problem:
    """A template's error as one line naming the template file and line."""
    filename = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    if not filename:  # an error while rendering: the innermost template frame says where
        frame = error.__traceback__
        while frame is not None:
            code = frame.tb_frame.f_code
            if Path(code.co_filename).suffix in (".html", ".xhtml", ".css", ".yml"):
                filename, line = code.co_filename, frame.tb_lineno
            frame = frame.tb_next
    return Problem(Path(filename or "template"), line or 1,
                   f"template error: {error.message or error}",
                   "fix the template, or remove it from --templates to use the built-in one")
