"""Jinja templates: the built-in ones, overridden file by file by ``--templates DIR``.

Templates own presentation. They receive the interview model and a few
helpers; autoescaping is always on, and content never becomes template code.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
from importlib import resources
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .errors import ContentError, Problem
from .load import _key_lines, parse_yaml, read_text
from .paper import PrintSetup, css_page_size, print_setup
from .typography import direction, join_names, primary_language

BUILTIN_TEMPLATES = Path(str(resources.files(__package__) / "templates")).resolve()
"""The built-in templates, fonts, ICC profile and words: package data of ``exporters``, which
in a checkout is a link to the top-level ``templates/`` folder."""
SPEAKER_LABEL_STYLES = ("name", "label", "none")


@dataclass(frozen=True)
class Theme:
    """House-style options, read from ``theme.yml`` in the template folders."""

    speaker_labels: str = "name"
    """name: the speaker's name; label: the label as written (Q, A, MO); none: bold questions."""
    page_size: str = "A5"
    """The trim size: A5, A6, half-letter, 6x9, letter, A4 or "WIDTH HEIGHT" ("6in 9in")."""
    font_size: str = "10.5pt"
    embed_fonts_in_epub: bool = False
    bleed: str = "3mm"
    crop_marks: bool = False
    print_preset: str = "none"
    """none, kdp (Amazon KDP paperback) or lulu (Lulu print book)."""
    pdf_standard: str = "none"
    """none, pdf/x-4 or pdf/x-1a for the print edition."""
    booklet_sheet: str = "auto"
    creep: str = "0mm"
    """Creep compensation of the booklet: how far each inner sheet's pages move to the fold."""
    screen_page_size: str = "trim"
    """trim (the print edition's pages) or a page size of its own (A4, letter)."""
    volume_page_budget: int = 3000
    """The most pages a collected volume may have: a longer one is refused before layout,
    which needs about 0.65 MB of memory a page."""


class Templates:
    """The template folders of one build, searched in order."""

    def __init__(self, override: Path | None = None, options: dict[str, Any] | None = None):
        """``options`` are theme options given on the command line; they win over theme.yml."""
        self.folders = [folder.resolve() for folder in (override, BUILTIN_TEMPLATES) if folder]
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
        self._words = self._read_yaml("common/words.yml")
        self.env.filters["longdate"] = self.long_date
        self.env.filters["digits"] = self.digits
        self.env.filters["join_names"] = join_names
        self.env.filters["direction"] = direction

    def with_filters(self, **filters: Any) -> Templates:
        """These templates with more Jinja filters, for one edition: the others do not see them."""
        extended = copy.copy(self)
        extended.env = self.env.overlay()
        extended.env.filters = {**self.env.filters, **filters}
        return extended

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(theme=self.theme, **context)

    def find(self, name: str) -> Path:
        """The file ``name`` in the first template folder that has it."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        raise FileNotFoundError(f"no template file {name} in {', '.join(map(str, self.folders))}")

    def words(self, lang: str) -> dict[str, Any]:
        """Generated words (Notes, Contents, month names) for a language, English as fallback."""
        return {**self._words["en"], **self._words.get(primary_language(lang), {}), "lang": lang}

    def digits(self, number: object, lang: str) -> str:
        """A number written with the language's digits."""
        return str(number).translate(str.maketrans("0123456789", self.words(lang)["digits"]))

    def long_date(self, date: dt.date, lang: str) -> str:
        """A date in words, with the language's digits (۱۴ مارس ۲۰۲۶ in Persian)."""
        words = self.words(lang)
        return self.digits(words["date_format"].format(
            day=date.day, month=words["months"][date.month - 1], year=date.year), lang)

    def _read_yaml(self, name: str) -> dict:
        return _read_mapping(self.find(name))[0]

    def _option_line(self, option: str) -> tuple[Path, int]:
        """The theme.yml that sets ``option``, and the line where it does."""
        for folder in self.folders:
            path = folder / "theme.yml"
            if path.is_file():
                lines = _read_mapping(path)[1]
                if option in lines:
                    return path, lines[option]
        return self.find("theme.yml"), 1

    def _read_theme(self, overrides: dict[str, Any]) -> tuple[Theme, PrintSetup]:
        options: dict[str, Any] = {}
        known = {f.name for f in fields(Theme)}
        for folder in reversed(self.folders):
            if (folder / "theme.yml").is_file():
                path = folder / "theme.yml"
                data, lines = _read_mapping(path)
                for key in data:
                    if key not in known:
                        close = difflib.get_close_matches(str(key), known, n=1)
                        raise ContentError(Problem(
                            path, lines.get(str(key), 1), f"unknown theme option '{key}'",
                            f"did you mean '{close[0]}'?" if close
                            else f"use one of {', '.join(sorted(known))}"))
                options.update(data)
        options.update(overrides)
        theme = Theme(**options)
        if theme.speaker_labels not in SPEAKER_LABEL_STYLES:
            raise ContentError(Problem(*self._option_line("speaker_labels"),
                                       f"speaker_labels: '{theme.speaker_labels}' is not a style",
                                       f"use one of {', '.join(SPEAKER_LABEL_STYLES)}"))
        budget = theme.volume_page_budget
        if isinstance(budget, bool) or not isinstance(budget, int) or budget < 1:
            raise ContentError(Problem(*self._option_line("volume_page_budget"),
                                       f"volume_page_budget: '{budget}' is not a number of pages",
                                       "write a whole number, e.g. volume_page_budget: 3000"))
        try:
            paper = print_setup(options)
        except (ValueError, TypeError, AttributeError) as error:
            message, _, hint = str(error).partition("; ")
            path, line = self._option_line(message.split(":")[0])
            raise ContentError(Problem(path, line, message, hint)) from None
        return replace(theme, page_size=css_page_size(theme.page_size)), paper


def _read_mapping(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """A YAML file of 'key: value' lines, and the line of each key."""
    data, node = parse_yaml(read_text(path), path)
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ContentError(Problem(path, 1, "expected 'option: value' lines", "see the README"))
    return data, _key_lines(node, 1)
