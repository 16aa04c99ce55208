"""Problems found in content, reported to editors as one line each."""

from __future__ import annotations

import errno
import logging
import os
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]

RULES = {  # the one registry of rule ids; the README's table lists the same
    "file": "a path given on the command line is not a file",
    "front-matter": "the file cannot be read or its front matter is not YAML",
    "schema": "a front-matter field is missing, unknown or has the wrong kind of value",
    "body": "the text has no turns, or no text",
    "image-file": "an image file is missing, outside content/, on the web or not an image",
    "image-alt": "an image has no alt text",
    "undeclared-label": "a paragraph starts like a speaker label that is not declared",
    "empty-turn": "a label with nothing said after it",
    "turn-time": "a turn's time that is malformed, not after the one before, or past the recording",
    "recording": "a recording an edition cannot carry (Ogg Vorbis in an e-book)",
    "raw-html": "raw HTML that the build removes (scripts, styles, event handlers)",
    "two-questions": "a question follows a question with no answer between them",
    "no-answer": "the last question of a part or of the interview has no answer",
    "broken-link": "a link to an anchor, note or file that does not exist",
    "straight-quote": "a straight quote the typesetter could not curl (unbalanced quotes)",
    "double-space": "two or more spaces between words",
    "double-hyphen": "a '--' left in the text",
    "duplicate-slug": "two files build to the same output name",
    "duplicate-series-number": "two interviews hold the same place in a series",
    "todo": "a TODO marker left by 'make.py new' or 'make.py import'",
    "missing-glyph": "characters that no font of the project has (they would print as boxes)",
    "lang-script": "a text in Arabic script whose lang is a language written left to right",
    "translation": "translation_of does not name another interview",
    "series": "a series.yml that is wrong, or whose volume cannot be made",
    "series-name": "an interview's series: names another series than its folder's, or none",
    "booklet-too-long": "a volume with more pages than a stapled pamphlet holds (a notice)",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: where, what, and what to do about it."""

    path: Path
    line: int
    message: str
    hint: str = ""
    severity: Severity = "error"
    rule: str = ""
    """A short id of the check that found it (``two-questions``), shown as ``[rule]``."""

    def __post_init__(self) -> None:
        if self.rule and self.rule not in RULES:
            raise ValueError(f"'{self.rule}' is not a rule id of exporters.errors.RULES")

    def __str__(self) -> str:
        where = f"{display_path(self.path)}:{self.line}"
        text = f"{self.message}; {self.hint}" if self.hint else self.message
        prefix = "warning: " if self.severity == "warning" else ""
        rule = f"[{self.rule}] " if self.rule else ""
        return one_line(f"{where}: {rule}{prefix}{text}")


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters shown as escapes (``\\n``,
    ``\\x1b``), so that a problem stays one line and cannot drive the terminal."""
    return "".join(repr(char)[1:-1] if unicodedata.category(char) in ("Cc", "Zl", "Zp")
                   else char for char in text)


class ContentError(Exception):
    """Raised when a document cannot be built; carries the editor-facing problems (one or
    more: a file with three mistakes reports three lines)."""

    def __init__(self, problem: Problem, *more: Problem):
        super().__init__("\n".join(map(str, (problem, *more))))
        self.problem = problem
        self.problems = (problem, *more)


def problem_record(problem: Problem) -> dict[str, Any]:
    """``problem`` as plain values, for JSON."""
    return {**asdict(problem), "path": str(problem.path)}


def problem_from_record(record: dict[str, Any]) -> Problem:
    return Problem(**{**record, "path": Path(record["path"])})


def unexpected_problem(path: Path, error: BaseException, doing: str) -> Problem:
    """The one line for an exception that no check foresaw, while ``doing`` something with
    ``path``: the batch goes on, and ``--verbose`` logs the traceback."""
    logging.getLogger("exporters").debug("%s: %s failed", path, doing, exc_info=error)
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return Problem(path, 1, f"the disk is full ({doing})",
                       "free some space and build again; the previous outputs were kept")
    if isinstance(error, MemoryError):
        return Problem(path, 1, f"out of memory ({doing})",
                       "split the file into smaller interviews, or build it on its own")
    if isinstance(error, RecursionError):
        return Problem(path, 1, f"the file nests too deeply ({doing})",
                       "look for deeply nested lists, quotes or HTML and flatten them")
    if isinstance(error, OSError):
        return Problem(path, 1, f"a file could not be read or written ({doing}: "
                                f"{error.strerror or error})",
                       "check the disk and the file permissions, then build again")
    return Problem(path, 1, f"internal error ({doing}: {type(error).__name__}: {error})",
                   "run again with --verbose to see where, and report it if the file looks right")


def display_path(path: Path) -> str:
    """The path as an editor would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
