"""The built-in importers: DOCX, PDF, WebVTT, SubRip, JSON transcripts, OHMS XML, TTML, HTML,
AsciiDoc, Markdown and plain text.

They live here, apart from their readers, so that telling a file's format imports no reader:
python-docx and lxml are imported only for a file that needs them.
"""

from __future__ import annotations

import re
from pathlib import Path

from .bounds import MAX_DOCX_BYTES, MAX_PDF_BYTES
from .importer import Importer
from .said import Extract

_HTML_START = re.compile(rb"\s*<(!doctype html|html)", re.I)


class DocxImporter(Importer):
    name = "docx"
    kind = "DOCX"
    suffixes = (".docx",)
    max_bytes = MAX_DOCX_BYTES
    max_bytes_name = "MAX_DOCX_BYTES"
    too_large_hint = "make its pictures smaller or delete them, and save it again"
    order = 10

    @classmethod
    def recognises(cls, path: Path, head: bytes) -> bool:
        return super().recognises(path, head) or head.startswith(b"PK\x03\x04")

    def read(self, path: Path, data: bytes) -> Extract:
        from .docx import read_docx

        return read_docx(path, data)


class PdfImporter(Importer):
    """The text layer of a PDF: transcripts as archives and word processors publish them."""

    name = "pdf"
    kind = "PDF"
    suffixes = (".pdf",)
    max_bytes = MAX_PDF_BYTES
    max_bytes_name = "MAX_PDF_BYTES"
    too_large_hint = "import the interview alone: save its pages as a PDF of their own"
    order = 12

    @classmethod
    def recognises(cls, path: Path, head: bytes) -> bool:
        return super().recognises(path, head) or head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(
            b"%PDF-")

    def read(self, path: Path, data: bytes) -> Extract:
        from .pdf import read_pdf

        return read_pdf(path, data)


class VttImporter(Importer):
    name = "webvtt"
    kind = "WebVTT"
    suffixes = (".vtt",)
    order = 20
    start = re.compile(rb"[\xef\xbb\xbf]*WEBVTT")
    """How the file's first bytes tell its format."""
    webvtt = True
    """Whether the file should open with 'WEBVTT' (SubRip's cues are the same but numbered)."""

    @classmethod
    def recognises(cls, path: Path, head: bytes) -> bool:
        return super().recognises(path, head) or bool(cls.start.match(head))

    def read(self, path: Path, data: bytes) -> Extract:
        from .transcript import read_vtt

        return read_vtt(path, data, webvtt=self.webvtt)


class SrtImporter(VttImporter):
    """SubRip captions, as transcription and editing tools export them: numbered cues, each
    a speaker's words with 'Name:' before them where the speaker changes; read as WebVTT's
    cues are."""

    name = "subrip"
    kind = "SubRip"
    suffixes = (".srt",)
    order = 21
    start = re.compile(rb"(?:\xef\xbb\xbf)?\s*\d+\r?\n\d{2}:\d{2}:\d{2},\d{3} --> ")
    webvtt = False


class JsonTranscriptImporter(Importer):
    """JSON transcripts: Podcasting 2.0's, and the segments of speech-to-text tools. Told by
    the name's ending, after the plugins: a plugin that reads ``.json`` reads it instead."""

    name = "json"
    kind = "JSON transcript"
    suffixes = ()
    order = 22

    @classmethod
    def recognises(cls, path: Path, head: bytes) -> bool:
        return path.suffix.lower() == ".json"

    def read(self, path: Path, data: bytes) -> Extract:
        from .json_transcript import read_json_transcript

        return read_json_transcript(path, data)


class OhmsImporter(Importer):
    """An oral history exported by OHMS: told by its first bytes, so that a plugin may still
    read other ``.xml`` files."""

    name = "ohms"
    kind = "OHMS XML"
    suffixes = ()
    order = 25

    @classmethod
    def recognises(cls, path: Path, head: bytes) -> bool:
        from .ohms import OHMS_MARKS

        return path.suffix.lower() == ".xml" and any(mark in head for mark in OHMS_MARKS)

    def read(self, path: Path, data: bytes) -> Extract:
        from .ohms import read_ohms

        return read_ohms(path, data)


class TtmlImporter(Importer):
    """Timed Text (TTML, DFXP): Apple Podcasts' transcripts and broadcast captions; an
    ``.xml`` file is told by its first bytes."""

    name = "ttml"
    kind = "TTML"
    suffixes = (".ttml", ".dfxp")
    order = 26

    @classmethod
    def recognises(cls, path: Path, head: bytes) -> bool:
        from .ttml import TTML_MARKS

        return super().recognises(path, head) or (path.suffix.lower() == ".xml"
                                                  and any(mark in head for mark in TTML_MARKS))

    def read(self, path: Path, data: bytes) -> Extract:
        from .ttml import read_ttml

        return read_ttml(path, data)


class HtmlImporter(Importer):
    name = "html"
    kind = "HTML"
    suffixes = (".html", ".htm", ".xhtml")
    order = 30

    @classmethod
    def recognises(cls, path: Path, head: bytes) -> bool:
        return super().recognises(path, head) or bool(_HTML_START.match(head))

    def read(self, path: Path, data: bytes) -> Extract:
        from .html import read_html

        return read_html(path, data)


class AsciidocImporter(Importer):
    name = "asciidoc"
    kind = "AsciiDoc"
    suffixes = (".adoc", ".asciidoc")
    order = 35

    def read(self, path: Path, data: bytes) -> Extract:
        from .asciidoc import read_asciidoc

        return read_asciidoc(path, data)


class MarkdownImporter(Importer):
    name = "markdown"
    kind = "Markdown"
    suffixes = (".md", ".markdown")
    order = 40

    def read(self, path: Path, data: bytes) -> Extract:
        from .text import html_body, read_text

        if html_body(data):  # a post moved from WordPress: HTML under a front matter
            from .html import read_html

            return read_html(path, data)
        return read_text(path, data, True)


class TextImporter(Importer):
    """Plain text and ``Name:`` transcripts: the fallback, which takes any file."""

    name = "text"
    kind = "text"
    suffixes = (".txt",)
    order = 1000

    @classmethod
    def recognises(cls, path: Path, head: bytes) -> bool:
        return True

    def read(self, path: Path, data: bytes) -> Extract:
        from .text import read_text

        return read_text(path, data, False)
