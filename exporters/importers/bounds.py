"""The bounds of ``make.py import``: whatever bytes a source holds, the import answers in one
line, in bounded time and memory. Each refusal names its bound, by value and by name.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Problem

MB = 1024 * 1024

MAX_IMPORT_BYTES = 20 * MB
"""Text, Markdown, HTML and WebVTT sources larger than this are refused before they are read:
a long interview is well under 1 MB, a page saved with its scripts and styles a few MB."""

MAX_IMPORT_LINES = 200_000
"""Lines of a text, Markdown or WebVTT source, counted before they are split: a long book
has 20,000."""
MAX_HTML_ELEMENTS = 100_000
"""Elements of an HTML page, counted before they are walked: a long article has 10,000."""
MAX_IMPORT_PARAGRAPHS = 20_000
"""Paragraphs found in any source, before the questions are looked for: a long book has 5,000."""
MAX_IMPORT_CHARS = 2_000_000
"""Characters of text in any source (markup and pictures not counted): a very long interview
has 300,000. With the bounds above, this keeps an import to seconds, not minutes."""
MAX_FIELD_CHARS = 1_000
"""A title, date or name the source states (HTML meta, DOCX properties) longer than this is
not taken: the field is left TODO."""

MAX_PDF_BYTES = 100 * MB
"""A PDF larger than this is refused before it is opened (a transcript of 300 pages with its
pictures is less)."""
MAX_PDF_PAGES = 2_000
"""Pages of a PDF whose text is read: an oral history of ten hours runs to 300."""

MAX_DOCX_BYTES = 100 * MB
"""A DOCX file larger than this is refused before it is opened (a book of photos is less)."""
MAX_DOCX_MEMBERS = 5_000
"""Files inside the DOCX: Word writes 10 to 20, and one per picture."""
MAX_DOCX_MEMBER_BYTES = 64 * MB
"""One file inside the DOCX, unpacked: a 300-page book's word/document.xml is a few MB."""
MAX_DOCX_TOTAL_BYTES = 256 * MB
"""All files inside the DOCX, unpacked, as the zip declares them: a zip bomb is refused
before anything is unpacked."""


def size_text(size: int) -> str:
    """``20 MB``, ``1.5 GB``, ``300 bytes``: a size as an editor reads it."""
    for unit, scale in (("GB", 1024 * MB), ("MB", MB), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def sizes(size: int, bound: int) -> tuple[str, str]:
    """``size`` and ``bound`` as texts that differ, for "X, more than Y": exact bytes when
    rounding would make them look the same."""
    if size_text(size) != size_text(bound):
        return size_text(size), size_text(bound)
    return f"{size:,} bytes", f"{size_text(bound)} ({bound:,} bytes)"


def too_many(path: Path, line: int, count: int, bound: int, what: str, name: str,
             hint: str) -> ContentError:
    """The one-line refusal of a source that has more ``what`` than ``bound`` (named ``name``)."""
    return ContentError(Problem(path, line, f"the file has {count:,} {what}, more than the "
                                            f"{bound:,} import reads ({name})", hint))


def check_chars(path: Path, chars: int) -> None:
    """Refuse a source with more than :data:`MAX_IMPORT_CHARS` of text, counted by its reader
    before any paragraph is made of it."""
    if chars > MAX_IMPORT_CHARS:
        raise too_many(path, 1, chars, MAX_IMPORT_CHARS, "characters of text", "MAX_IMPORT_CHARS",
                       "import the interview alone: copy its text into a smaller file")
