"""The one description of what front matter, ``series.yml`` and ``theme.yml`` may hold.

Each kind of file has a :class:`Schema`: the name, kind, choices, default and meaning of each
key. Unknown keys are found here, with a suggestion; so are bad values of the kinds that need
no context (true/false, counts, choices, lengths, page sizes), which is every theme option.
Texts, dates, languages and names are read by :mod:`metadata`'s readers. Checks return
problems instead of raising, so that a file with three mistakes gets three lines.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from .errors import ContentError, Problem

Kind = Literal["text", "names", "date", "language", "url", "file", "slug", "slugs",
               "speakers", "count", "choice", "bool", "length", "page_size"]
CHECKED_KINDS: frozenset[Kind] = frozenset({"count", "choice", "bool", "length", "page_size"})
"""The kinds whose values :meth:`Option.fault` checks; the others have readers of their own."""

Role = Literal["interviewer", "interviewee"]
ROLES: tuple[Role, ...] = ("interviewer", "interviewee")

T = TypeVar("T")


@dataclass(frozen=True)
class Fault:
    """A bad value, not yet placed at a line: its key, what is wrong and what to write."""

    key: str
    message: str
    hint: str


@dataclass(frozen=True)
class Option:
    """One key of a file: its name, the kind of value it holds, and what it means."""

    name: str
    kind: Kind = "text"
    choices: tuple[str, ...] = ()
    """The values a ``choice`` allows; for a ``page_size``, the words allowed besides sizes."""
    default: Any = None
    doc: str = ""
    what: str = ""
    """What a value is called in messages: 'a style' in "speaker_labels: 'x' is not a style"."""
    most: str = ""
    """For a ``length``: the largest allowed."""
    least: str = ""
    """For a ``length``: the smallest allowed."""
    hint: str = ""
    """What to write instead of a value that is too large, or not one of the choices."""

    def choice(self, value: Any) -> str | None:
        """The choice ``value`` names, in any case and spacing, or None."""
        text = _shown(value).strip().lower()
        return text if text in self.choices else None

    def read(self, value: Any) -> Any:
        """``value`` as the program uses it: a choice spelt as declared."""
        return self.choice(value) or value

    def fault(self, value: Any) -> Fault | None:
        """What is wrong with ``value``, for the kinds in :data:`CHECKED_KINDS`, or None."""
        if self.kind not in CHECKED_KINDS:
            return None
        name, shown = self.name, _shown(value)
        if self.kind == "bool":
            return None if isinstance(value, bool) else Fault(
                name, f"{name}: '{shown}' is not true or false", "write true or false")
        example = f"write e.g. {name}: {_shown(self.default)}"
        if value is None:
            return Fault(name, f"'{name}' has no value", example)
        if isinstance(value, (list, dict)):
            return Fault(name, f"{name} should be one value, not a "
                               f"{'list' if isinstance(value, list) else 'map'}", example)
        if self.kind == "count":
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                return None
            return Fault(name, f"{name}: '{shown}' is not {self.what or 'a whole number above 0'}",
                         f"write a whole number, e.g. {name}: {self.default}")
        if self.choice(value) is not None:
            return None
        if self.kind == "choice":
            return Fault(name, f"{name}: '{shown}' is not {self.what or 'one of the choices'}",
                         self.hint or f"use one of {', '.join(self.choices)}")
        return self._measure_fault(value)

    def _measure_fault(self, value: Any) -> Fault | None:
        from .paper import length, page_size  # late: paper takes its choices from here

        try:
            if self.kind == "page_size":
                page_size(value, self.name)
            elif self.most and length(value, self.name) > length(self.most, self.name):
                return Fault(self.name, f"{self.name}: '{_shown(value)}' is more than {self.most}",
                             self.hint or f"write at most {self.most}")
            elif self.least and length(value, self.name) < length(self.least, self.name):
                return Fault(self.name, f"{self.name}: '{_shown(value)}' is less than "
                                        f"{self.least}", f"write at least {self.least}")
            else:
                length(value, self.name)
        except ValueError as error:
            message, _, hint = str(error).partition("; ")
            also = f", or {' or '.join(self.choices)}" if self.choices else ""
            return Fault(self.name, message, hint + also)
        return None


@dataclass(frozen=True)
class Schema:
    """The keys one kind of file may have."""

    what: str
    """What a key is called in messages: 'field' in "unknown field 'titel'"."""
    options: tuple[Option, ...]

    def __iter__(self) -> Iterator[Option]:
        return iter(self.options)

    def __getitem__(self, name: str) -> Option:
        for option in self.options:
            if option.name == name:
                return option
        raise KeyError(name)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(option.name for option in self.options)

    def unknown_keys(self, mapping: Mapping[Any, Any], lines: Mapping[str, int],
                     path: Path) -> list[Problem]:
        """A problem at the line of each key that is not an option, with the nearest name."""
        problems = []
        for key in mapping:
            if str(key) in self.names:
                continue
            close = difflib.get_close_matches(str(key), sorted(self.names), n=1)
            hint = (f"did you mean '{close[0]}'?" if close
                    else f"use one of {', '.join(sorted(self.names))}")
            problems.append(Problem(path, lines.get(str(key), 1), f"unknown {self.what} '{key}'",
                                    hint))
        return problems

    def faults(self, mapping: Mapping[Any, Any]) -> list[Fault]:
        """What is wrong with the values of the known keys, in the schema's order."""
        found = (option.fault(mapping[option.name]) for option in self.options
                 if option.name in mapping)
        return [fault for fault in found if fault is not None]

    def problems(self, mapping: Mapping[Any, Any], lines: Mapping[str, int],
                 path: Path) -> list[Problem]:
        """Every unknown key and bad value of ``mapping``, each at its line, in line order."""
        bad_values = [Problem(path, lines.get(fault.key, 1), fault.message, fault.hint)
                      for fault in self.faults(mapping)]
        return sorted(self.unknown_keys(mapping, lines, path) + bad_values,
                      key=lambda problem: problem.line)

    def values(self, mapping: Mapping[Any, Any]) -> dict[str, Any]:
        """Every option: its value in ``mapping``, read, or its default."""
        return {option.name: option.read(mapping[option.name]) if option.name in mapping
                else option.default for option in self.options}


def collect(problems: list[Problem], default: T, read: Callable[..., T], *arguments: Any) -> T:
    """``read(*arguments)``; if it raises a ContentError, ``default``, and its problems added
    to ``problems`` (so that reading goes on to the next field)."""
    try:
        return read(*arguments)
    except ContentError as error:
        problems.extend(error.problems)
        return default


def _shown(value: Any) -> str:
    """A value as it would be written in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


FRONT_MATTER = Schema("field", (
    Option("title", doc="the interview's title (required)"),
    Option("subtitle"),
    Option("date", "date", doc="YYYY-MM-DD (required)"),
    Option("lang", "language", default="en", doc="a BCP 47 tag such as en, fr, es-MX, fa"),
    Option("summary", doc="the standfirst"),
    Option("publication", doc="where it first appeared"),
    Option("source_url", "url"),
    Option("series", doc="the title or slug of its series"),
    Option("series_number", "count", doc="its place in the series"),
    Option("tags", "names"),
    Option("rights"),
    Option("translator", "names"),
    Option("translation_of", "slug", doc="the slug of the interview this one translates"),
    Option("identifier", doc="an ISBN or URN; default: a UUID from the slug"),
    Option("cover", "file", doc="an image inside content/"),
    Option("audio", "file", doc="the interview's recording inside content/: MP3, M4A or Ogg"),
    Option("slug", "slug", doc="the name of the output files; default: the file name"),
    Option("interviewer", "names"),
    Option("interviewee", "names"),
    Option("speakers", "speakers", doc="a map from label to person (SPEAKER)"),
))

SPEAKER = Schema("speaker field", (
    Option("name"),
    Option("role", "choice", ROLES, "interviewee", what="a speaker role"),
    Option("bio"),
))

SERIES = Schema("series field", (
    Option("title", doc="the series' title (required)"),
    Option("subtitle"),
    Option("editors", "names"),
    Option("description"),
    Option("publisher"),
    Option("identifier"),
    Option("lang", "language", default="en"),
    Option("cover", "file"),
    Option("foreword", "file", doc="a Markdown file next to series.yml"),
    Option("order", "slugs", doc="the interviews' slugs, in the volume's order"),
    Option("slug", "slug", doc="default: the folder's name"),
    Option("rights"),
    Option("date", "date"),
))

THEME = Schema("theme option", (
    Option("speaker_labels", "choice", ("name", "label", "none"), "name", what="a style",
           doc="name: the speaker's name; label: the label as written (Q, A, MO); "
               "none: no labels, questions in bold"),
    Option("page_size", "page_size", default="A5",
           doc="the trim size: A5, A6, half-letter, 6x9, letter, A4 or WIDTH HEIGHT (6in 9in)"),
    Option("font_size", "length", default="10.5pt", least="6pt", most="24pt",
           doc="the body size of the PDF pages"),
    Option("embed_fonts_in_epub", "bool", default=False,
           doc="ship the fonts inside the EPUB, cut down to the book's characters"),
    Option("bleed", "length", default="3mm", most="10mm",
           hint="printers ask for 3mm or 0.125in", doc="bleed on every side with preset none"),
    Option("crop_marks", "bool", default=False,
           doc="crop marks outside the bleed, for a print shop; not with kdp or lulu"),
    Option("print_preset", "choice", ("none", "kdp", "lulu"), "none", what="a preset",
           doc="none; kdp: Amazon KDP paperback; lulu: Lulu print book"),
    Option("pdf_standard", "choice", ("none", "pdf/x-4", "pdf/x-1a"), "none",
           what="a supported PDF standard", doc="the print edition's PDF/X, with CMYK colours"),
    Option("booklet_sheet", "page_size", ("auto",), "auto",
           doc="the paper of the pamphlet: auto, or a size that holds two pages side by side"),
    Option("creep", "length", default="0mm", most="1mm", hint="paper is about 0.1mm thick",
           doc="how much further towards the fold each inner sheet's pages move"),
    Option("screen_page_size", "page_size", ("trim",), "trim",
           doc="trim (the print edition's pages) or a page size of its own"),
    Option("volume_page_budget", "count", default=3000, what="a number of pages",
           doc="the most pages a collected volume may have"),
    Option("times_in_margin", "bool", default=True,
           doc="the PDF editions print each turn's time in the recording in the margin"),
    Option("calendar", "choice", ("gregorian", "persian"), "gregorian", what="a calendar",
           doc="the calendar of the dates the editions print: gregorian; persian: the Persian "
               "(Solar Hijri) calendar Iranian readers date by, 14 Mehr 1400"),
))
