"""The :class:`Importer` base class that built-in and third-party importers derive from.

An importer reads one input format into an :class:`~exporters.importers.said.Extract`:
paragraphs (with a speaker label where the format states one), the front-matter fields the
file states, and notes on what it dropped or was unsure about. Finding the questions and
answers, the front matter's guesses and writing the content file are shared by every format.
A plugin needs only this module: :class:`Para` takes Markdown inline text (:func:`escape`
makes plain text that), with the speaker in ``label`` where the format names one.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from .bounds import MAX_IMPORT_BYTES
from .said import Extract, Note, Para
from .write import escape

__all__ = ["Extract", "Importer", "ImporterError", "Note", "Para", "escape"]


class ImporterError(Exception):
    """A registered importer that cannot be used: not importable, or not an Importer."""


class Importer:
    """The base of every importer. A subclass sets :attr:`name`, :attr:`kind` and
    :attr:`suffixes`, and implements :meth:`read`; it overrides :meth:`recognises` to know
    its files by their first bytes too.

    Raise :class:`~exporters.errors.ContentError` from :meth:`read` for a file that is not
    what it should be; any other exception is reported in one line as "cannot be read as
    KIND"."""

    name: ClassVar[str] = ""
    """The importer's name, as its entry point is named: ``"docx"``."""
    kind: ClassVar[str] = ""
    """The format's name in messages: ``"DOCX"``, "cannot be read as DOCX"."""
    suffixes: ClassVar[tuple[str, ...]] = ()
    """The file name endings it reads, lower case with the dot: ``(".docx",)``."""
    max_bytes: ClassVar[int] = MAX_IMPORT_BYTES
    """A larger file is refused before it is read."""
    max_bytes_name: ClassVar[str] = "MAX_IMPORT_BYTES"
    """The setting :attr:`max_bytes` comes from, named in the refusal ("" names none)."""
    too_large_hint: ClassVar[str] = ("import the interview alone: copy its text into a "
                                     "smaller file")
    """What to do with a file larger than :attr:`max_bytes`."""
    order: ClassVar[int] = 100
    """Its place among the importers of its kind (built-in or plugin) asked about a file:
    lower first."""

    @classmethod
    def recognises(cls, path: Path, head: bytes) -> bool:
        """Whether this importer reads ``path``, whose first bytes are ``head`` (up to 512)."""
        return path.suffix.lower() in cls.suffixes

    def read(self, path: Path, data: bytes) -> Extract:
        """The paragraphs and stated fields of ``data``, the whole of ``path``."""
        raise NotImplementedError
