"""Problems found in content, reported to editors as one line each."""

from __future__ import annotations

import errno
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


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

    def __str__(self) -> str:
        where = f"{display_path(self.path)}:{self.line}"
        text = f"{self.message}; {self.hint}" if self.hint else self.message
        prefix = "warning: " if self.severity == "warning" else ""
        rule = f"[{self.rule}] " if self.rule else ""
        return f"{where}: {rule}{prefix}{text}"


class ContentError(Exception):
    """Raised when a document cannot be built; carries the editor-facing problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


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
