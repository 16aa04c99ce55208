"""Problems found in content, reported to editors as one line each."""

from __future__ import annotations

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


def display_path(path: Path) -> str:
    """The path as an editor would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
