"""A word-processor file (DOCX): paragraphs, their bold and italic runs, headings and lists.

Questions are found as in every format: labels (``Q:``), or paragraphs set
wholly in bold or italics. The document's properties give title and language.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import lxml.etree
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import nsmap
from docx.text.paragraph import Paragraph

from ..errors import ContentError, Problem
from .bounds import (MAX_DOCX_MEMBER_BYTES, MAX_DOCX_MEMBERS, MAX_DOCX_TOTAL_BYTES,
                     MAX_IMPORT_PARAGRAPHS, MB, check_chars, sizes, too_many)
from .said import Extract, Note, Para
from .write import escape

_CENTRAL_RECORD_BYTES = 512
"""Bytes of zip directory allowed per member (a record is 46 bytes and the member's name)."""
_READ_CHUNK_BYTES = 1 * MB
"""A member is unpacked this much at a time, so a lying one never takes more memory."""
XML_SUFFIXES = (".xml", ".rels")
"""Members python-docx parses; the others (pictures, fonts, macros) are not read at all."""
_PICTURES = lxml.etree.XPath(".//w:drawing|.//w:pict", namespaces={"w": nsmap["w"]})
"""Compiled once: python-docx's ``xpath()`` compiles its expression on every call."""
REQUIRED_MEMBERS = ("[Content_Types].xml", "word/document.xml")
DOCX_HINT = "open it in a word processor and save it again as .docx (Word Document)"


def check_docx(path: Path, data: bytes) -> list[zipfile.ZipInfo]:
    """The members of the DOCX in ``data``, or one line (ContentError) for what python-docx
    must not be handed: no zip, a damaged or encrypted one, one without a Word document, or
    one whose declared sizes pass the bounds (a zip bomb). Nothing is unpacked here. (A .doc
    or a password-protected DOCX, not a zip at all, is refused before, by its first bytes.)"""
    stream = io.BytesIO(data)
    directory = _directory(stream)
    if directory is None:
        raise _refuse(path, "the DOCX is damaged or cut short (a zip archive without its end)"
                      if data.startswith(b"PK\x03\x04") else
                      "this is not a DOCX file (not a zip archive)")
    entries, size = directory
    if entries > MAX_DOCX_MEMBERS or size > MAX_DOCX_MEMBERS * _CENTRAL_RECORD_BYTES:
        raise _refuse(path, f"the DOCX holds more than {MAX_DOCX_MEMBERS} files "
                      "(MAX_DOCX_MEMBERS)", "a damaged file or a zip bomb; " + DOCX_HINT)
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            struct.error, NotImplementedError) as error:
        raise _damaged(path, error) from None
    if len(members) > MAX_DOCX_MEMBERS:
        raise _refuse(path, f"the DOCX holds {len(members)} files, more than "
                      f"{MAX_DOCX_MEMBERS} (MAX_DOCX_MEMBERS)", DOCX_HINT)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise _refuse(path, "the DOCX is encrypted", "remove its password in the word "
                          "processor and save it again as .docx")
        if member.file_size > MAX_DOCX_MEMBER_BYTES:
            raise _refuse(path, f"'{member.filename[:80]}' in the DOCX would unpack to "
                          "{}, more than {} (MAX_DOCX_MEMBER_BYTES)".format(
                              *sizes(member.file_size, MAX_DOCX_MEMBER_BYTES)),
                          "a damaged file or a zip bomb; if it is a picture, make it smaller "
                          "or delete it and save again")
        total += member.file_size
    if total > MAX_DOCX_TOTAL_BYTES:
        raise _refuse(path, "the DOCX would unpack to {}, more than {} (MAX_DOCX_TOTAL_BYTES)"
                      .format(*sizes(total, MAX_DOCX_TOTAL_BYTES)),
                      "a damaged file or a zip bomb; if it holds large pictures, make them "
                      "smaller or delete them and save again")
    names = {member.filename for member in members}
    missing = [name for name in REQUIRED_MEMBERS if name not in names]
    if missing:
        raise _refuse(path, f"this zip archive has no {missing[-1]}, so it is not a Word "
                      "document", DOCX_HINT)
    return members


def _directory(stream: io.BytesIO) -> tuple[int, int] | None:
    """(members, bytes) of the zip's directory as its end record states them, before zipfile
    reads the directory into memory; None when there is no end record (not a zip)."""
    end_record = getattr(zipfile, "_EndRecData", None)  # zipfile's own reader of that record
    if end_record is None:
        return 0, 0
    try:
        end = end_record(stream)
    except (OSError, ValueError, struct.error):
        return None
    if end is None:
        return None
    return end[getattr(zipfile, "_ECD_ENTRIES_TOTAL", 4)], end[getattr(zipfile, "_ECD_SIZE", 5)]


def _unpacked(path: Path, data: bytes, members: list[zipfile.ZipInfo]) -> io.BytesIO:
    """A copy of the DOCX for python-docx: its XML unpacked in chunks and never past the
    declared sizes :func:`check_docx` bounded, stored uncompressed; pictures and other binary
    parts left empty, as the import does not take them.

    python-docx must not unpack the original itself: zipfile's ``read()`` inflates a whole
    member in one call and only then cuts it to its declared size, so a member that declares
    1 KB and inflates to gigabytes would take gigabytes of memory."""
    copy = io.BytesIO()
    last = {member.filename: member for member in members}  # zipfile too reads the last one
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, \
                zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as out:
            for name, member in last.items():
                if member.is_dir():
                    continue
                content = b""
                if name.lower().endswith(XML_SUFFIXES):
                    with archive.open(member) as stream:
                        content = _read_at_most(stream, member.file_size)
                out.writestr(name, content)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error, zlib.error,
            NotImplementedError, RuntimeError) as error:
        raise _damaged(path, error) from None
    copy.seek(0)
    return copy


def _read_at_most(stream, size: int) -> bytes:
    chunks: list[bytes] = []
    while size > 0:
        chunk = stream.read(min(size, _READ_CHUNK_BYTES))
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _refuse(path: Path, message: str, hint: str = DOCX_HINT) -> ContentError:
    return ContentError(Problem(path, 1, message, hint))


def _damaged(path: Path, error: Exception) -> ContentError:
    detail = " ".join(str(error).split())[:120] or type(error).__name__
    return _refuse(path, f"the DOCX is damaged ({detail})", DOCX_HINT)


def read_docx(path: Path, data: bytes) -> Extract:
    """The paragraphs of a DOCX. python-docx parses its XML without resolving entities, and
    libxml2 stops entity amplification: no XXE, no billion laughs."""
    members = check_docx(path, data)
    try:
        document = docx.Document(_unpacked(path, data, members))
    except ValueError as error:  # python-docx: "file '...' is not a Word file, content type is"
        if "content type" not in str(error):
            raise
        raise _refuse(path, "this is not a Word document (a zip archive of another kind)",
                      DOCX_HINT) from None
    except KeyError as error:  # a part that [Content_Types].xml or a relationship names is missing
        raise _damaged(path, KeyError(f"no {error}")) from None
    except lxml.etree.XMLSyntaxError as error:  # also what stops a billion laughs
        raise _damaged(path, error) from None
    paragraphs = int(document.element.xpath("count(.//w:p)"))
    if paragraphs > MAX_IMPORT_PARAGRAPHS:
        raise too_many(path, 1, paragraphs, MAX_IMPORT_PARAGRAPHS, "paragraphs",
                       "MAX_IMPORT_PARAGRAPHS", "import the interview alone: copy it into a "
                       "smaller document")
    check_chars(path, int(document.element.xpath("string-length(w:body)")))
    properties = document.core_properties
    extract = Extract([], hints={"title": (properties.title or "").strip(),
                                 "lang": (properties.language or "").strip(),
                                 "document_author": (properties.author or "").strip()})
    styles = _Styles(document)
    for number, paragraph in enumerate(document.paragraphs, start=1):
        paragraph_style = styles.get(paragraph._p.style, WD_STYLE_TYPE.PARAGRAPH)
        style = (paragraph_style.name if paragraph_style is not None else "") or ""
        if style == "Title":
            extract.hints["title"] = extract.hints["title"] or paragraph.text.strip()
            extract.dropped.append(Note(number, "the Title paragraph became 'title'"))
            continue
        if style == "Subtitle":
            extract.hints["subtitle"] = paragraph.text.strip()
            continue
        if _PICTURES(paragraph._p):
            extract.unsure.append(Note(number, "an image was not imported: save it under "
                                       "content/images/ and add ![alt text](images/NAME)"))
        para = _paragraph(paragraph, number, style, paragraph_style, styles)
        if para:
            extract.paras.append(para)
    if document.tables:
        extract.unsure.append(Note(0, f"{len(document.tables)} table(s) were not imported"))
    return extract


def _paragraph(paragraph: Paragraph, number: int, style: str, paragraph_style,
               styles: _Styles) -> Para | None:
    runs: list[tuple[str, str]] = []
    for run in paragraph.runs:
        if not run.text:
            continue
        run_style = styles.get(run._r.style, WD_STYLE_TYPE.CHARACTER)
        bold = _on(run.bold, (run_style, paragraph_style), "bold", styles)
        italic = _on(run.italic, (run_style, paragraph_style), "italic", styles)
        runs.append((run.text, "strong" if bold else ("em" if italic else "")))
    runs = _whole_words(runs)
    text = "".join(t for t, _ in runs)
    if not text.strip():
        return None
    heading = int(style.split()[-1]) if style.startswith("Heading") and style[-1].isdigit() else 0
    if heading:
        return Para(escape(" ".join(text.split())), number, heading=heading)
    styles = {s for t, s in runs if t.strip()}
    emphasis = next(iter(styles)) if len(styles) == 1 and "" not in styles else ""
    markdown = "".join(_mark(t, s) for t, s in _merge(runs)).strip()
    prefix = "- " if style.startswith("List") else ""
    plain = escape(" ".join(text.split())) if emphasis else ""
    return Para(prefix + " ".join(markdown.split(" ")), number, emphasis, plain,
                block=bool(prefix))


def _on(value: bool | None, run_styles: tuple, attribute: str, styles: _Styles) -> bool:
    """A run's bold/italic, inherited from its character style or paragraph style."""
    if value is not None:
        return value
    for style in run_styles:
        found = styles.inherited(style, attribute)
        if found is not None:
            return found
    return False


class _Styles:
    """Styles by id, each looked up once: python-docx scans every style of the document for
    each lookup (milliseconds for Word's 160 styles, for every run of every paragraph)."""

    def __init__(self, document) -> None:
        self._part = document.part
        self._styles: dict[tuple, object] = {}
        self._inherited: dict[tuple, bool | None] = {}

    def get(self, style_id: str | None, kind: WD_STYLE_TYPE):
        key = (style_id, kind)
        if key not in self._styles:
            self._styles[key] = self._part.get_style(style_id, kind)
        return self._styles[key]

    def inherited(self, style, attribute: str) -> bool | None:
        """Bold or italic as ``style`` or the styles it is based on set it, or None."""
        if style is None:
            return None
        key = (style.style_id, style.type, attribute)
        if key not in self._inherited:
            found, seen = None, set()
            while style is not None and style.style_id not in seen:  # 'based on' can loop
                seen.add(style.style_id)
                found = getattr(style.font, attribute)
                if found is not None:
                    break
                style = style.base_style
            self._inherited[key] = found
        return self._inherited[key]


def _merge(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for text, style in runs:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return merged


_SPACED_LETTERS = r"[^\W\d_\u3000-\u9fff\uac00-\ud7af]+"
"""Letters of a script that spaces its words (not Chinese, Japanese or Korean)."""
_LETTERS, _LETTERS_AT_END = re.compile(_SPACED_LETTERS), re.compile(_SPACED_LETTERS + "$")


def _whole_words(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Runs whose bold or italics start and end between words: a word that a run boundary
    cuts one letter from the rest ('W' and then '*as ist euer…*', as a word processor keeps an
    edit) takes the style of the rest; '*un*believable' keeps its emphasis."""
    whole = list(runs)
    for index in range(len(whole) - 1):
        (left, left_style), (right, right_style) = whole[index], whole[index + 1]
        end, start = _LETTERS_AT_END.search(left), _LETTERS.match(right)
        if left_style == right_style or not end or not start or min(len(end[0]),
                                                                      len(start[0])) > 1:
            continue
        if len(end[0]) <= len(start[0]):
            whole[index], whole[index + 1] = (left[:end.start()], left_style), \
                (end[0] + right, right_style)
        else:
            whole[index], whole[index + 1] = (left + start[0], left_style), \
                (right[start.end():], right_style)
    return [(text, style) for text, style in whole if text]


def _mark(text: str, style: str) -> str:
    escaped = escape(text)
    if not style or not text.strip():
        return escaped
    mark = "**" if style == "strong" else "*"
    lead = escaped[: len(escaped) - len(escaped.lstrip())]
    trail = escaped[len(escaped.rstrip()):]
    return f"{lead}{mark}{escaped.strip()}{mark}{trail}"
