"""PDF transcripts: the text layer of a PDF, as oral-history archives, courts, transcription
services and word processors publish it.

A PDF holds glyphs placed on pages, not paragraphs. Each page's text is laid out as it is set
(poppler's ``pdftotext -layout``, or pypdf's layout mode where poppler is not installed), and
the lines are read back into paragraphs: a gap, a line set further in than the page's body, a
line opening with a speaker label the document uses again and again, or a short line before
it, each ends a paragraph (a document set double spaced needs a wider gap). Running heads and
feet (a short line at the same place atop or at the foot of many pages), page numbers and the
numbers a transcript sets in its margin are left out and reported; a word hyphenated at a
line's end is joined again; a page set in two columns is read column by column. The
paragraphs are then read as a text file is, and every place in the report is the page.
"""

from __future__ import annotations

import io
import logging
import os
import re
import select
import shutil
import subprocess
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ContentError, Problem
from .bounds import MAX_FIELD_CHARS, MAX_IMPORT_CHARS, MAX_PDF_PAGES, too_many
from .said import Extract, Note
from .structure import ARABIC_SCRIPT, ROLE_LETTER, split_label
from .text import closes_sentence, read_text

PDF_TEXT_SECONDS = 120
"""``pdftotext`` is stopped after this long: a transcript of 300 pages takes a few seconds."""
PDF_TEXT_MEMORY = 2 * 1024**3
"""Bytes of memory ``pdftotext`` may take."""
LAID_OUT_BYTES = 4 * MAX_IMPORT_CHARS
"""Bytes of laid-out text (UTF-8) read from a PDF at the most: the layout pads the words with
spaces, so four times the characters of text an import reads."""
_LEFT_TO_RIGHT_RUN = re.compile("\u202a([^\u202a-\u202e\n]*)\u202c")
_NEUTRALS = re.compile(r"[^\w]*")
_DIRECTION_MARKS = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""The embeddings and isolates ``pdftotext`` sets around right-to-left and left-to-right runs."""
MAX_ERROR_CHUNKS = 4
"""Pieces of a poppler tool's error messages kept (to tell a password from damage)."""
MAX_PDF_WARNINGS = 5
"""pypdf's warnings about one file that the report repeats."""
EDGE_LINES = 2
"""Lines at the top and at the foot of a page where a running head or foot may stand."""
RUNNING_CHARS = 100
"""A running head or foot is no longer than this."""
SHORT_DOCUMENT = 5
"""In a document of this many pages or fewer, a line atop (or at the foot of) two pages runs;
in a longer one, atop a quarter of them and three or more."""
_PAGE_NUMBER = re.compile(
    r"[-–—(\[]?\s*(?:(?i:page|p\.|seite|página|pagina|pág\.|صفحه|صفحة)\s*)?"
    r"(?:\d{1,4}|x{0,3}(?:ix|iv|v?i{1,3}|v)|x{1,3}|[۰-۹]{1,4}|[٠-٩]{1,4})"
    r"(?:\s*(?i:of|/|de|von|di|از|من)\s*\d{1,4})?\s*[-–—)\]]?")
"""A line that is a page's number only: '3', '- 3 -', 'Page 3 of 30', 'iv' (roman to
xxxix)."""
_MARGIN_NUMBER = re.compile(r"^ {0,8}(\d{1,5})(?: {2,}|\t|$)")
"""A number in the margin before a line's words (or alone on its line)."""
MARGIN_NUMBERS = 5
"""Numbered lines that a document needs before its numbers are taken for the margin's."""
MARGIN_SHARE = 0.25
"""The share of a document's lines that its margin numbers open, at the least (a numbered
list of six in an interview is the list's own numbers)."""
MARGIN_EVERY = 0.8
"""A share of lines numbered past which the numbers are the margin's wherever the text
starts (a court transcript numbers every line)."""
MARGIN_STEPS = 0.8
"""The share of a page's margin numbers, one after the other, that go up by one (line or
paragraph numbers do; the years of a chronology do not)."""
_ZERO_WIDTH_AT_SPACES = re.compile("\u200b | \u200b")
ZERO_WIDTH_SPACED = 3
"""Zero-width spaces beside spaces on a page, past which the page's zero-width spaces are a
word processor's, beside every space ('Interview\u200b \u200bwith', as a PDF that Google
Docs exports has them), and are taken out; elsewhere they stay (Thai sets them between
words)."""
_SPACED_ROLE_LETTER = re.compile(r"^([QA])(?:\s{2,}|\t)(?=\S)")
"""A court transcript's 'Q   Where were you?': the letter set apart by spaces is 'Q.'."""
LABEL_REPEATS = 3
"""A label opens a paragraph where it opens this many lines of the document or more."""
_TIME_AT_END = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?[)\]]?$")
"""A turn's time closing its line ('… (00:01:14)'), which ends what the line says."""
_WORD = re.compile(r"[^\W\d_]+")
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_HYPHENS = ("-", "\u2010", "\u00ad")
"""A hyphen, Unicode's, and the soft hyphen that some word processors write at a break."""
SHORT_LINE = 0.7
"""A line shorter than this share of a full line ends its paragraph (a paragraph's last line,
a title, a heading), unless the next goes on in lower case."""
DOUBLE_SPACED = 0.8
"""Where this share of a document's lines or more are followed by a gap, and many of those
lines go on in the next (no stop ends them), it is set double spaced, as court and
oral-history transcripts are: a single gap ends no paragraph."""
GOING_ON = 0.3
"""The share of lines before a gap that go on past it, in a document set double spaced."""
INDENTED_GAPS = 0.1
"""Where fewer of a document's lines than this share are followed by a gap, its paragraphs are
told by their first line's indent instead."""
_NOTE_START = re.compile(r"(\d{1,3}|[*†‡§])[.)]?\s+\S")
"""A footnote's first line: its number (or sign) and its words."""
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
FOOTNOTE_LINES = 8
"""A page's footnotes take this many lines at the most."""
COLUMN_CLEAR = 0.97
"""The share of a page's lines that leave the gutter between two columns clear."""
COLUMN_CROSSING = 3
"""Lines that may cross the gutter of a page set in two columns, however short the page."""
COLUMN_STARTS = 5
"""Lines a second column opens on a page, at the least, for the page to be read as two."""


@dataclass(frozen=True)
class _Line:
    """One line of a page's laid-out text: the page it is on, how far in it starts and its
    words, or a blank line (a gap between paragraphs)."""

    page: int
    indent: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text


def read_pdf(path: Path, data: bytes) -> Extract:
    """The paragraphs of a PDF's text, read as a text file's are, each placed on its page."""
    unsure: list[Note] = []
    dropped: list[Note] = []
    texts, stated_title = _page_texts(path, data, unsure)
    numbered = _margin_numbered([text for _, text in texts])
    pages = [_lines(number, text, numbered) for number, text in texts]
    title = _shown_title(stated_title, pages[0] if pages else [])
    if not any(not line.blank for page in pages for line in page):
        raise ContentError(Problem(path, 1, "this PDF holds no text, only pictures of its pages "
                                            "(a scan?)", "run it through OCR first (for "
                                            "example ocrmypdf), or type its text into a .txt "
                                            "file"))
    if numbered:
        dropped.append(Note(1, f"the numbers in the margin before {numbered} lines"))
    spaced = _double_spaced([line for page in pages for line in page])
    body = [line for page in _without_running_lines(pages, spaced, dropped) for line in page]
    paragraphs = _paragraphs(body, _labels(body), spaced)
    text = "\n\n".join(words for _, words in paragraphs) + "\n"
    extract = read_text(path, text.encode("utf-8"), False)
    on_page = [page for page, _ in paragraphs]

    def page_of(line: int) -> int:  # paragraph i stands on line 2i + 1 of the text
        return on_page[min(max(line - 1, 0) // 2, len(on_page) - 1)]

    extract.paras = [replace(para, line=page_of(para.line)) for para in extract.paras]
    extract.dropped = dropped + [Note(page_of(note.line), note.text) for note in extract.dropped]
    extract.unsure = unsure + [Note(page_of(note.line), note.text) for note in extract.unsure]
    if title and not extract.hints.get("title"):
        extract.hints["title"] = title
    return extract


@contextmanager
def _pypdf_heard(unsure: list[Note]) -> Iterator[None]:
    """pypdf's warnings about a damaged file ('EOF marker not found') go to the report, once
    each, not to the terminal."""
    logger = logging.getLogger("pypdf")
    heard: list[str] = []

    class Heard(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            heard.append(record.getMessage())

    handler, propagate = Heard(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        heard += [str(warning.message) for warning in warned]
        for message in dict.fromkeys(heard):
            if len(unsure) < MAX_PDF_WARNINGS:
                unsure.append(Note(1, f"the PDF is damaged or unusual ({message[:100]}): "
                                      "check the text against the original"))


def _open(path: Path, data: bytes):
    """The PDF's reader (pypdf), or one line that says why it cannot be read."""
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _protected(path)
        count = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as error:
        detail = str(error).strip().splitlines()[0][:120] if str(error).strip() else \
            type(error).__name__
        raise _unreadable(path, detail) from None
    _check_pages(path, count)
    return reader


def _protected(path: Path) -> ContentError:
    return ContentError(Problem(path, 1, "this PDF is protected by a password",
                                "open it with its password and save a copy without one, or "
                                "copy its text into a .txt file"))


def _unreadable(path: Path, detail: str) -> ContentError:
    return ContentError(Problem(path, 1, f"this PDF cannot be read ({detail})",
                                "open it in a PDF viewer and save or print it again as PDF, "
                                "or copy its text into a .txt file"))


def _check_pages(path: Path, count: int) -> None:
    if count > MAX_PDF_PAGES:
        raise too_many(path, 1, count, MAX_PDF_PAGES, "pages", "MAX_PDF_PAGES",
                       "import the interview alone: save its pages as a PDF of their own")


def _page_texts(path: Path, data: bytes, unsure: list[Note]) -> tuple[list[tuple[int, str]],
                                                                       str]:
    """Each page's number and laid-out text, and the title the PDF's properties state:
    poppler's (``pdfinfo``, ``pdftotext``) where it is installed and reads the file, each in
    a process bounded in time, memory and output; else pypdf's, which misreads text in Arabic
    script (a PDF in it is then refused)."""
    tool = pdftotext()
    if tool:
        found = _poppler_texts(path, tool, unsure)
        if found is not None:
            return found
    with _pypdf_heard(unsure):
        reader = _open(path, data)
        texts = _pypdf_texts(reader, unsure)
        try:
            title = str((reader.metadata or {}).get("/Title") or "")
        except Exception:  # noqa: BLE001 - properties a broken PDF cannot give
            title = ""
    if sum(len(text) for _, text in texts) > LAID_OUT_BYTES:
        raise _too_much_text(path)
    if any(ARABIC_SCRIPT.search(text) for _, text in texts):
        raise ContentError(Problem(path, 1, "this PDF is written in Arabic script, which "
                                            "import reads only with poppler's pdftotext",
                                   "install poppler-utils (apt-get install poppler-utils, "
                                   "brew install poppler) and import it again"))
    return texts, title


def _too_much_text(path: Path) -> ContentError:
    return too_many(path, 1, LAID_OUT_BYTES + 1, LAID_OUT_BYTES, "bytes of laid-out text "
                    "or more", "LAID_OUT_BYTES", "import the interview alone: save its pages "
                                                 "as a PDF of their own")


def pdftotext() -> str:
    """Where poppler's ``pdftotext`` is, or ''."""
    return shutil.which("pdftotext") or ""


def _poppler_texts(path: Path, tool: str, unsure: list[Note]
                   ) -> tuple[list[tuple[int, str]], str] | None:
    """The pages' text as ``pdftotext -layout`` lays it out, without the marks that set a
    run's direction, and the title ``pdfinfo`` reads in the PDF's properties; None where
    poppler cannot read the file (pypdf is asked instead)."""
    info_tool = str(Path(tool).with_name("pdfinfo"))
    info = {}
    if Path(info_tool).is_file():
        code, out, errors = _run_bounded(path, [info_tool, "-enc", "UTF-8", str(path.resolve())])
        if code and b"password" in errors.lower():
            raise _protected(path)
        info = dict(line.split(":", 1) for line in out.decode("utf-8", "replace").splitlines()
                    if ":" in line)
        pages = info.get("Pages", "").strip()
        if pages.isdigit():
            _check_pages(path, int(pages))
    code, out, errors = _run_bounded(path, [tool, "-layout", "-enc", "UTF-8", "-eol", "unix",
                                            str(path.resolve()), "-"])
    if code:
        if b"password" in errors.lower():
            raise _protected(path)
        unsure.append(Note(1, f"poppler's pdftotext cannot read this PDF (exit code {code}): "
                              "pypdf read it instead, so check the text"))
        return None
    text = _DIRECTION_MARKS.sub("", _LEFT_TO_RIGHT_RUN.sub(
        lambda run: _in_logical_order(run[1]), out.decode("utf-8", "replace")))
    return list(enumerate(text.split("\f")[:-1] or [text], 1)), info.get("Title", "").strip()


def _run_bounded(path: Path, command: list[str]) -> tuple[int, bytes, bytes]:
    """Run a poppler tool in a process of its own: its exit code, output and error messages,
    or one line where it takes more than :data:`PDF_TEXT_SECONDS` or writes more than
    :data:`LAID_OUT_BYTES` bytes."""
    deadline = time.monotonic() + PDF_TEXT_SECONDS
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL,
                          preexec_fn=_bounded_memory if os.name == "posix" else None) as child:
        try:
            out, errors = _read_bounded(child, deadline)
        except (subprocess.TimeoutExpired, OverflowError) as error:
            child.kill()
            if isinstance(error, OverflowError):
                raise _too_much_text(path) from None
            raise ContentError(Problem(path, 1, f"reading this PDF's text took more than "
                                                f"{PDF_TEXT_SECONDS} seconds (PDF_TEXT_SECONDS)",
                                       "save its pages again as a PDF from a PDF viewer, or "
                                       "copy its text into a .txt file")) from None
    return child.returncode, out, errors


def _read_bounded(child: subprocess.Popen, deadline: float) -> tuple[bytes, bytes]:
    """All ``child`` writes to its output and its errors, waiting for it to end;
    OverflowError past :data:`LAID_OUT_BYTES` bytes, TimeoutExpired past ``deadline``."""
    if os.name != "posix":  # no select() on a pipe: the whole output, then its size
        out, errors = child.communicate(timeout=max(0.1, deadline - time.monotonic()))
        if len(out) > LAID_OUT_BYTES:
            raise OverflowError(len(out))
        return out, errors
    chunks: dict[int, list[bytes]] = {child.stdout.fileno(): [], child.stderr.fileno(): []}
    size, open_ = 0, set(chunks)
    while open_:
        ready, _, _ = select.select(list(open_), [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise subprocess.TimeoutExpired(child.args, PDF_TEXT_SECONDS)
        for descriptor in ready:
            chunk = os.read(descriptor, 65536)
            if not chunk:
                open_.discard(descriptor)
                continue
            if descriptor == child.stdout.fileno():
                size += len(chunk)
                if size > LAID_OUT_BYTES:
                    raise OverflowError(size)
            if len(chunks[descriptor]) < MAX_ERROR_CHUNKS or descriptor == child.stdout.fileno():
                chunks[descriptor].append(chunk)
    child.wait(max(0.1, deadline - time.monotonic()))
    return b"".join(chunks[child.stdout.fileno()]), b"".join(chunks[child.stderr.fileno()])


def _in_logical_order(run: str) -> str:
    """A left-to-right run that ``pdftotext`` set inside right-to-left text, in the order it
    was written: the spaces and marks that open it (shown to its left, as a number's stop is:
    ' .۱۳۴۶', ' :') close it, in turn ('۱۳۴۶. ', ': ')."""
    opening = _NEUTRALS.match(run)[0]
    return run[len(opening):] + opening[::-1]


def _bounded_memory() -> None:
    """In the child, before it runs: no more than :data:`PDF_TEXT_MEMORY` bytes."""
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_AS, (PDF_TEXT_MEMORY, PDF_TEXT_MEMORY))
    except (ValueError, OSError):  # a system that sets no such limit (macOS): the time bound
        pass


def _pypdf_texts(reader, unsure: list[Note]) -> list[tuple[int, str]]:
    """The pages' text as pypdf lays it out; a page it cannot read is reported and left out."""
    texts = []
    for number, page in enumerate(reader.pages, 1):
        try:
            texts.append((number, page.extract_text(extraction_mode="layout")))
        except Exception as error:  # noqa: BLE001 - any page pypdf cannot lay out
            unsure.append(Note(number, f"the text of page {number} cannot be read "
                                       f"({type(error).__name__}): it is left out"))
    return texts


def _margin_numbered(texts: list[str]) -> int:
    """How many lines the document numbers in the margin, as court and oral-history
    transcripts do ('12   Dan: And do you…'), or 0: numbers that open a quarter of its lines
    or more, apart from the words, mostly going up by one from one to the next on a page (not
    a chronology's years), and standing left of the text's margin, where the lines they do
    not number start (not a list's numbers), unless they number nearly every line."""
    pages = [[(line, _MARGIN_NUMBER.match(line)) for line in text.split("\n") if line.strip()]
             for text in texts]
    lines = [line for page in pages for line, _ in page]
    found = [match for page in pages for _, match in page]
    numbers = [[int(match[1]) for _, match in page if match] for page in pages]
    pairs = [(a, b) for page in numbers for a, b in zip(page, page[1:])]
    count = sum(map(len, numbers))
    steps = sum(b - a == 1 or (a == b and index == 0)  # a page repeating its first number
                for page in numbers for index, (a, b) in enumerate(zip(page, page[1:])))
    if count < max(MARGIN_NUMBERS, MARGIN_SHARE * len(lines)) \
            or steps < MARGIN_STEPS * len(pairs):
        return 0
    unnumbered = Counter(len(line) - len(line.lstrip())
                         for line, match in zip(lines, found) if not match).most_common(1)
    words_at = sorted(match.end() for match in found if match)[count // 2]
    in_margin = not unnumbered or unnumbered[0][0] >= words_at - 1 \
        or count >= MARGIN_EVERY * len(lines)
    return count if in_margin else 0


def _lines(page: int, text: str, numbered: int = 0) -> list[_Line]:
    """The page's lines (without their numbers in the margin, where the document has them),
    read column by column where it is set in two."""
    if len(_ZERO_WIDTH_AT_SPACES.findall(text)) >= ZERO_WIDTH_SPACED:
        text = text.replace("\u200b", "")  # a word processor's, beside every space
    raw = [line.rstrip().expandtabs(1) for line in text.replace("\r", "\n").split("\n")]
    if numbered:
        raw = [_MARGIN_NUMBER.sub(lambda found: " " * len(found[0]), line, count=1)
               for line in raw]
    gutter = _column_gap(raw)
    if gutter:
        raw = _column_by_column(raw, gutter)
    lines = []
    for line in raw:
        words = _SPACED_ROLE_LETTER.sub(r"\1. ", line.strip())
        lines.append(_Line(page, len(line) - len(line.lstrip()), " ".join(words.split())))
    return lines


def _column_by_column(raw: list[str], gutter: int) -> list[str]:
    """A page set in two columns, cut at ``gutter``: each run of lines that leave the gutter
    clear, its left column then its right; a line across the gutter (a title, an
    introduction set over both columns) whole, where it stands. A row that only the other
    column fills is no gap in this one."""
    def clear(line: str) -> bool:
        return len(line) <= gutter - 2 or line[gutter - 2:gutter] == "  "

    out: list[str] = []
    run: list[str] = []
    for line in [*raw, None]:
        if line is not None and clear(line):
            run.append(line)
            continue
        for side in (slice(0, gutter), slice(gutter, None)):
            out += [line[side].rstrip() for line in run
                    if line[side].strip() or not line.strip()]
            out.append("")
        run = []
        if line is not None:
            out.append(line)
    return out


def _column_gap(raw: list[str]) -> int:
    """Where a page set in two columns is cut (a column of the laid-out text), or 0: a column
    near the middle where many lines start a second text after two spaces or more, and
    through which almost no line's words run."""
    written = [line for line in raw if line.strip()]
    width = max(map(len, written), default=0)
    best, cut = 0, 0
    for at in range(int(0.3 * width), int(0.7 * width) + 1):
        clear = sum(len(line) <= at - 2 or line[at - 2:at] == "  " for line in written)
        starts = sum(len(line) > at and line[at] != " " and line[at - 2:at] == "  "
                     for line in written)
        crossing = len(written) - clear  # a title, an introduction set over both columns
        if crossing <= max(COLUMN_CROSSING, (1 - COLUMN_CLEAR) * len(written)) \
                and starts >= max(COLUMN_STARTS, 0.3 * len(written)) and starts > best:
            best, cut = starts, at
    return cut


def _without_running_lines(pages: list[list[_Line]], spaced: bool,
                           dropped: list[Note]) -> list[list[_Line]]:
    """The pages without their page numbers, their running heads and feet (see
    :func:`_running`), and a line a page repeats from the foot of the page before; each
    page's footnotes moved after the text, so that a paragraph goes on over the page; each
    reported."""
    heads = [_edge(page, spaced, top=True) for page in pages]
    feet = [_edge(page, spaced, top=False) for page in pages]
    labels = _labels([line for index, page in enumerate(pages) for at, line in enumerate(page)
                      if at not in heads[index] and at not in feet[index]])  # the text's own
    running = _running(pages, heads, labels, dropped) | _running(pages, feet, labels, dropped)
    numbers = 0
    kept: list[list[_Line]] = []
    moved: list[_Line] = []  # the footnotes, to follow the text
    for index, page in enumerate(pages):
        written = [at for at, line in enumerate(page) if not line.blank]
        numbered = {at for at in written[:EDGE_LINES] + written[-EDGE_LINES:]
                    if _PAGE_NUMBER.fullmatch(page[at].text)}
        numbers += len(numbered)
        kept.append([line for at, line in enumerate(page)
                     if at not in numbered and (index, at) not in running])
        notes = _footnotes(kept[-1], spaced)
        if notes:
            moved.append(_Line(kept[-1][notes[0]].page, 0, ""))
            moved += [kept[-1][at] for at in notes]
            dropped.append(Note(kept[-1][notes[0]].page, "a footnote moved to the end of the "
                                f"text: '{kept[-1][notes[0]].text[:50]}'"))
            kept[-1] = [line for at, line in enumerate(kept[-1]) if at not in set(notes)]
        if index and _repeats_the_foot(kept[-2], kept[-1]):
            first = next(at for at, line in enumerate(kept[-1]) if not line.blank)
            dropped.append(Note(page[0].page if page else 1, "a line repeated from the foot of "
                                f"the page before: '{kept[-1][first].text[:60]}'"))
            del kept[-1][first]
    if numbers:
        dropped.append(Note(1, f"{numbers} page numbers"))
    if moved and kept:
        kept[-1] += moved
    return kept


def _footnotes(page: list[_Line], spaced: bool) -> list[int]:
    """The page's footnotes: the lines at its foot, below a gap, eight at the most, opening
    with a note's number or sign ('1. The Arrowhead Bridge…') that the text above marks after
    a word or its stop ('…the bridge1', '…the bridge.1', '…the bridge?¹'), or []."""
    block = _set_apart(page, spaced, top=False)
    note = _NOTE_START.match(page[block[0]].text) if 0 < len(block) <= FOOTNOTE_LINES else None
    if note is None:
        return []
    number = re.escape(note[1])
    mark = re.compile(rf"(?:(?<=[a-zß-ÿ])|(?<=[.,;:?!”’\"')\]]))(?:{number}|"
                      rf"{number.translate(_SUPERSCRIPTS)})(?!\w)")
    above = " ".join(line.text for line in page[:block[0]] if not line.blank)
    return block if mark.search(above) else []


def _edge(page: list[_Line], spaced: bool, top: bool) -> list[int]:
    """The lines, two at the most, atop the page (or at its foot) that a gap sets apart from
    its text; not its page number."""
    block = _set_apart(page, spaced, top)
    if len(block) > EDGE_LINES:
        return []
    return [at for at in block if not _PAGE_NUMBER.fullmatch(page[at].text)]


def _set_apart(page: list[_Line], spaced: bool, top: bool) -> list[int]:
    """The lines atop the page (or at its foot), in their order, down (or up) to the first
    gap (two blank rows or more where the document is set double spaced); [] where no gap
    parts them from the rest (the page is one block of text)."""
    order = range(len(page)) if top else range(len(page) - 1, -1, -1)
    block: list[int] = []
    for at in (at for at in order if not page[at].blank):
        if block and _gap_between(page, block[-1], at) >= (2 if spaced else 1):
            return block if top else block[::-1]
        block.append(at)
    return []


def _gap_between(page: list[_Line], one: int, other: int) -> int:
    """The blank rows between two lines of a page."""
    low, high = sorted((one, other))
    return sum(line.blank for line in page[low + 1:high])


def _running(pages: list[list[_Line]], edges: list[list[int]], labels: set[str],
             dropped: list[Note]) -> set[tuple[int, int]]:
    """The lines at the same edge of many pages that run over the document (a running head or
    foot), as (page index, line): a line of :data:`RUNNING_CHARS` or fewer, at the same place
    on each page, and either set in from the text's margin (centred, or to the right), the
    same but for its numbers, on two pages of a short document or a quarter of a longer one
    and three or more; or set at the margin, the very same words with no full stop, on half
    the pages and three or more. Never a line a speaker's label opens. Atop the first page,
    a line set elsewhere than on the others is the title a running head repeats, and stays."""
    margin = Counter(line.indent for page in pages for line in page
                     if not line.blank).most_common(1)[0][0]
    found: dict[str, list[tuple[int, int]]] = {}
    for index, edge in enumerate(edges):
        for at in edge:
            line = pages[index][at]
            if len(line.text) <= RUNNING_CHARS and _label_of(line) not in labels \
                    and not ROLE_LETTER.match(line.text):
                set_in = line.indent > margin + 2
                key = _shape(line.text) if set_in else line.text
                found.setdefault(f"{set_in} {key}", []).append((index, at))
    short = 2 if len(pages) <= SHORT_DOCUMENT else max(3, len(pages) // 4)
    running: set[tuple[int, int]] = set()
    for key, places in found.items():
        indents = [pages[index][at].indent for index, at in places if index]
        count = len({index for index, _ in places})
        needed = short if key.startswith("True") else max(3, (len(pages) + 1) // 2)
        if count < needed or not indents or max(indents) - min(indents) > 2 or (
                key.startswith("False") and closes_sentence(key)):
            continue
        kept = [(index, at) for index, at in places
                if index or min(indents) - 2 <= pages[index][at].indent <= max(indents) + 2]
        running |= set(kept)
        first = pages[kept[0][0]][kept[0][1]]
        dropped.append(Note(first.page, f"a line atop or at the foot of {count} pages (a "
                                        f"running head or foot): '{first.text[:60]}'"))
    return running


def _repeats_the_foot(before: list[_Line], page: list[_Line]) -> bool:
    """Whether ``page`` opens with the line the page before ends with."""
    ended = next((line.text for line in reversed(before) if not line.blank), None)
    opened = next((line.text for line in page if not line.blank), None)
    return ended is not None and ended == opened and len(ended) >= 20


def _shape(words: str) -> str:
    """A line as its repeats are compared: in lower case, every number the same."""
    return re.sub(r"\d+", "#", words.casefold())


def _labels(lines: list[_Line]) -> set[str]:
    """The speaker labels that open :data:`LABEL_REPEATS` blocks or more: a label (as the
    text reader knows one) opening a line after a gap or after a sentence's end."""
    found: Counter = Counter()
    for before, line in zip([None, *lines], lines):
        label = _label_of(line)
        if label and (
                before is None or before.blank or closes_sentence(before.text)
                or label in ("Q", "A")):  # a court's 'Q.' after a line that goes on
            found[label] += 1
    return {label for label, count in found.items() if count >= LABEL_REPEATS}


def _label_of(line: _Line) -> str:
    """The label a line opens with: a role's letter and a stop, or a label as the text
    reader reads one (:func:`~exporters.importers.structure.split_label`)."""
    letter = ROLE_LETTER.match(line.text)
    return letter["label"] if letter else split_label(line.text)[0]


def _double_spaced(lines: list[_Line]) -> bool:
    """Whether the document is set double spaced, a gap after nearly every line, many of those
    lines going on in the next (not a document of one-line paragraphs)."""
    written = sum(not line.blank for line in lines)
    before_gaps = [line for line, after in zip(lines, lines[1:])
                   if not line.blank and after.blank]
    going_on = sum(not (closes_sentence(line.text) or _TIME_AT_END.search(line.text))
                   for line in before_gaps)
    return len(before_gaps) >= DOUBLE_SPACED * written and going_on >= max(
        3, GOING_ON * len(before_gaps))


def _paragraphs(lines: list[_Line], labels: set[str], spaced: bool) -> list[tuple[int, str]]:
    """The lines gathered into paragraphs: (the page a paragraph starts on, its words); a
    single gap ends none where the document is ``spaced`` double."""
    written = [line for line in lines if not line.blank]
    body = Counter(line.indent for line in written).most_common(1)
    indent = body[0][0] if body else 0
    gaps = sum(1 for line, after in zip(lines, lines[1:]) if not line.blank and after.blank)
    indented = gaps < INDENTED_GAPS * len(written)  # paragraphs told by their first lines
    vocabulary = {word.casefold() for line in written for word in _WORD.findall(line.text)}
    widths = sorted(len(line.text) for line in written)
    full = widths[int(len(widths) * 0.9)] if widths else 0  # a full line, past outliers
    paragraphs: list[tuple[int, list[str]]] = []
    before: _Line | None = None
    blanks = 0
    for line in lines:
        if line.blank:
            blanks += 1
            continue
        gap = before is None or blanks >= (2 if spaced else 1)
        starts = (gap and not (before is not None and _goes_on(before, line))
                  or _label_of(line) in labels
                  or (indented and line.indent >= indent + 2 and not _rtl(line)
                      and abs(before.indent - indent) <= 1)
                  or (len(before.text) < SHORT_LINE * full and not line.text[:1].islower()))
        if starts and not (before and before.page < line.page and _goes_on(before, line)):
            paragraphs.append((line.page, [line.text]))
        else:
            paragraphs[-1][1].append(line.text)
        before, blanks = line, 0
    return [(page, _joined(words, vocabulary)) for page, words in paragraphs]


def _rtl(line: _Line) -> bool:
    """Whether ``line`` is right-to-left text, whose lines end, not start, where they are set
    in (a paragraph's short last line)."""
    return bool(ARABIC_SCRIPT.search(line.text))


def _goes_on(before: _Line, line: _Line) -> bool:
    """Whether ``line``, after a gap or a page's end, goes on with the line ``before``: that
    line ends with no stop, and this one opens in lower case."""
    return line.text[:1].islower() and not closes_sentence(before.text)


def _joined(lines: list[str], vocabulary: set[str]) -> str:
    """A paragraph's lines as one: a word a layout hyphenated at a line's end (a soft or
    Unicode hyphen) joined again; at a hyphen-minus, joined where the document writes the word
    whole elsewhere ('inter-' 'view'), else kept whole with its hyphen ('twenty-' 'five')."""
    text = lines[0]
    for line in lines[1:]:
        if text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalpha() \
                and line[:1].islower():
            head, tail = _LAST_WORD.search(text[:-1]), _WORD.match(line)
            whole = (head[0] if head else "") + (tail[0] if tail else "")
            keep = text.endswith("-") and whole.casefold() not in vocabulary
            text = text + line if keep else text[:-1] + line
        else:
            text = f"{text} {line}"
    return text.replace("\u00ad", "")


def _shown_title(title: str, first_page: list[_Line]) -> str:
    """The title the PDF's properties state, where its first page shows it too (a word
    processor's 'Microsoft Word - notes.docx' is no title)."""
    title = title.strip()
    shown = " ".join(line.text for line in first_page).casefold()
    if not title or len(title) > MAX_FIELD_CHARS or title.casefold() not in shown:
        return ""
    return title
