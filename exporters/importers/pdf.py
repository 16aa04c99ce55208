"""PDF transcripts: the text layer of a PDF, as oral-history archives, transcription services
and word processors publish it.

A PDF holds glyphs placed on pages, not paragraphs. Each page's text is laid out as it is set
(pypdf's layout mode), and the lines are read back into paragraphs: a blank line, a line set
further in than the page's body, a line opening with a speaker label the document uses
again and again, or a short line that ends a sentence before it, each ends a paragraph. The
lines repeated at the top or the foot of many pages (a running head, "Page 3 of 30") and lone
page numbers are left out and reported; a word hyphenated at a line's end is joined again;
a page set in two columns is read column by column. The paragraphs are then read as a text
file is, and every place in the report is the page.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ContentError, Problem
from .bounds import MAX_FIELD_CHARS, MAX_IMPORT_CHARS, MAX_PDF_PAGES, too_many
from .said import Extract, Note
from .structure import ARABIC_SCRIPT, ROLE_LETTER
from .text import read_text

PDF_TEXT_SECONDS = 120
"""``pdftotext`` is stopped after this long: a transcript of 300 pages takes a few seconds."""
PDF_TEXT_MEMORY = 2 * 1024**3
"""Bytes of memory ``pdftotext`` may take."""
_LEFT_TO_RIGHT_RUN = re.compile("\u202a([^\u202a-\u202e\n]*)\u202c")
_NEUTRALS = re.compile(r"[^\w]*")
_DIRECTION_MARKS = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""The embeddings and isolates ``pdftotext`` sets around right-to-left and left-to-right runs."""
MAX_PDF_WARNINGS = 5
"""pypdf's warnings about one file that the report repeats."""
EDGE_LINES = 3
"""Lines at the top and at the foot of a page where a running head or foot may stand."""
_PAGE_NUMBER = re.compile(
    r"[-–—(\[]?\s*(?:(?i:page|p\.|seite|página|pagina|pág\.|صفحه|صفحة)\s*)?"
    r"(?:\d{1,4}|[ivxlc]{1,7}|[۰-۹]{1,4}|[٠-٩]{1,4})"
    r"(?:\s*(?i:of|/|de|von|di|از|من)\s*\d{1,4})?\s*[-–—)\]]?")
"""A line that is a page's number only: '3', '- 3 -', 'Page 3 of 30', 'iv'."""
_LABEL_START = re.compile(r"(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s+)?"
                          r"(?P<label>[^\W\d][\w.'’ -]{0,38}?)\s?:(?=\s)")
"""A line that opens with a speaker label, 'WRIGHT:' or 'Ines Moreau:' (after a time)."""
_MARGIN_NUMBER = re.compile(r"^ {0,8}(\d{1,5})(?: {2,}|\t|$)")
"""A number in the margin before a line's words (or alone on its line)."""
MARGIN_NUMBERS = 5
"""Numbered lines that a document needs before its numbers are taken for the margin's."""
_SPACED_ROLE_LETTER = re.compile(r"^([QA])(?:\s{2,}|\t)(?=\S)")
"""A court transcript's 'Q   Where were you?': the letter set apart by spaces is 'Q.'."""
LABEL_REPEATS = 3
"""A label opens a paragraph where it opens this many lines of the document or more."""
_SENTENCE_END = re.compile(r"[.?!…:؟。？！][\"'”’»)\]]*$")
_HYPHENS = ("-", "\u2010", "\u00ad")
"""A hyphen, Unicode's, and the soft hyphen that some word processors write at a break."""
SHORT_LINE = 0.7
"""A line shorter than this share of a full line ends its paragraph (a paragraph's last line,
a title, a heading), unless the next goes on in lower case."""
DOUBLE_SPACED = 0.8
"""Where this share of a document's lines or more are followed by a gap, it is set double
spaced, as court and oral-history transcripts are: a single gap ends no paragraph."""
INDENTED_GAPS = 0.1
"""Where fewer of a document's lines than this share are followed by a gap, its paragraphs are
told by their first line's indent instead."""
COLUMN_CLEAR = 0.97
"""The share of a page's lines that leave the gutter between two columns clear."""
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
    with _pypdf_heard(unsure):
        reader = _open(path, data)
        texts = _page_texts(path, reader, unsure)
        numbered = _margin_numbered([text for _, text in texts])
        pages = [_lines(number, text, numbered) for number, text in texts]
        title = _stated_title(reader, pages[0] if pages else [])
    if not any(not line.blank for page in pages for line in page):
        raise ContentError(Problem(path, 1, "this PDF holds no text, only pictures of its pages "
                                            "(a scan?)", "run it through OCR first (for "
                                            "example ocrmypdf), or type its text into a .txt "
                                            "file"))
    dropped: list[Note] = []
    body = [line for page in _without_running_lines(pages, dropped) for line in page]
    paragraphs = _paragraphs(body, _labels(body))
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
    """The PDF's reader, or one line that says why it cannot be read."""
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ContentError(Problem(path, 1, "this PDF is protected by a password",
                                       "open it with its password and save a copy without "
                                       "one, or copy its text into a .txt file"))
        count = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as error:
        detail = str(error).strip().splitlines()[0][:120] if str(error).strip() else \
            type(error).__name__
        raise ContentError(Problem(path, 1, f"this PDF cannot be read ({detail})",
                                   "open it in a PDF viewer and save or print it again as "
                                   "PDF, or copy its text into a .txt file")) from None
    if count > MAX_PDF_PAGES:
        raise too_many(path, 1, count, MAX_PDF_PAGES, "pages", "MAX_PDF_PAGES",
                       "import the interview alone: save its pages as a PDF of their own")
    return reader


def _page_texts(path: Path, reader, unsure: list[Note]) -> list[tuple[int, str]]:
    """Each page's number and laid-out text: poppler's ``pdftotext`` where it is installed,
    else pypdf, which misreads text in Arabic script (a PDF in it is then refused)."""
    tool = pdftotext()
    texts = _poppler_texts(path, tool) if tool else _pypdf_texts(path, reader, unsure)
    chars = sum(len(text) for _, text in texts)
    if chars > 4 * MAX_IMPORT_CHARS:  # laid-out text pads with spaces; the words are less
        raise too_many(path, 1, chars, 4 * MAX_IMPORT_CHARS, "characters of laid-out text",
                       "MAX_IMPORT_CHARS", "import the interview alone: save its pages as a "
                                           "PDF of their own")
    if not tool and any(ARABIC_SCRIPT.search(text) for _, text in texts):
        raise ContentError(Problem(path, 1, "this PDF is written in Arabic script, which "
                                            "import reads only with poppler's pdftotext",
                                   "install poppler-utils (apt-get install poppler-utils, "
                                   "brew install poppler) and import it again"))
    return texts


def pdftotext() -> str:
    """Where poppler's ``pdftotext`` is, or ''."""
    return shutil.which("pdftotext") or ""


def _poppler_texts(path: Path, tool: str) -> list[tuple[int, str]]:
    """The pages' text as ``pdftotext -layout`` lays it out, in a process of its own whose
    time and memory are bounded, without the marks that set a run's direction."""
    try:
        done = subprocess.run([tool, "-layout", "-enc", "UTF-8", "-eol", "unix", "-q",
                               str(path.resolve()), "-"], capture_output=True,
                              timeout=PDF_TEXT_SECONDS, check=False,
                              preexec_fn=_bounded_memory if os.name == "posix" else None)
    except subprocess.TimeoutExpired:
        raise ContentError(Problem(path, 1, f"reading this PDF's text took more than "
                                            f"{PDF_TEXT_SECONDS} seconds (PDF_TEXT_SECONDS)",
                                   "save its pages again as a PDF from a PDF viewer, or copy "
                                   "its text into a .txt file")) from None
    if done.returncode:
        raise ContentError(Problem(path, 1, f"pdftotext cannot read this PDF (exit code "
                                            f"{done.returncode})", "open it in a PDF viewer "
                                   "and save or print it again as PDF, or copy its text into "
                                   "a .txt file"))
    text = _DIRECTION_MARKS.sub("", _LEFT_TO_RIGHT_RUN.sub(
        lambda run: _in_logical_order(run[1]), done.stdout.decode("utf-8", "replace")))
    return list(enumerate(text.split("\f")[:-1] or [text], 1))


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


def _pypdf_texts(path: Path, reader, unsure: list[Note]) -> list[tuple[int, str]]:
    """The pages' text as pypdf lays it out; a page it cannot read is reported and left out."""
    texts = []
    for number, page in enumerate(reader.pages, 1):
        try:
            texts.append((number, page.extract_text(extraction_mode="layout")))
        except Exception as error:  # noqa: BLE001 - any page pypdf cannot lay out
            unsure.append(Note(number, f"the text of page {number} cannot be read "
                                       f"({type(error).__name__}): it is left out"))
    return texts


def _margin_numbered(texts: list[str]) -> bool:
    """Whether the document numbers its lines or paragraphs in the margin, as court and
    oral-history transcripts do ('12   Dan: And do you…'): numbers that open lines, apart
    from the words, and go up from one to the next (or start again on a new page)."""
    numbers = [[int(match[1]) for line in text.split("\n")
                if (match := _MARGIN_NUMBER.match(line))] for text in texts]
    pairs = [(a, b) for page in numbers for a, b in zip(page, page[1:])]
    rising = sum(a < b <= a + 30 for a, b in pairs)
    return sum(map(len, numbers)) >= MARGIN_NUMBERS and rising >= 0.9 * len(pairs)


def _lines(page: int, text: str, numbered: bool = False) -> list[_Line]:
    """The page's lines (without their numbers in the margin, where the document has them),
    read column by column where it is set in two."""
    raw = [line.rstrip().expandtabs(1) for line in text.replace("\r", "\n").split("\n")]
    if numbered:
        raw = [_MARGIN_NUMBER.sub(lambda found: " " * len(found[0]), line, count=1)
               for line in raw]
    gap = _column_gap(raw)
    if gap:
        raw = [line[:gap].rstrip() for line in raw] + [""] + [line[gap:] for line in raw]
    lines = []
    for line in raw:
        words = _SPACED_ROLE_LETTER.sub(r"\1. ", line.strip())
        lines.append(_Line(page, len(line) - len(line.lstrip()), " ".join(words.split())))
    return lines


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
        if clear >= COLUMN_CLEAR * len(written) and starts >= max(COLUMN_STARTS,
                                                                  0.3 * len(written)) \
                and starts > best:
            best, cut = starts, at
    return cut


def _without_running_lines(pages: list[list[_Line]], dropped: list[Note]) -> list[list[_Line]]:
    """The pages without their running heads and feet, their page numbers, and a line that a
    page repeats from the foot of the page before; each reported."""
    def edges(page: list[_Line]) -> list[int]:
        written = [at for at, line in enumerate(page) if not line.blank]
        return written[:EDGE_LINES] + written[-EDGE_LINES:]

    def apart(page: list[_Line]) -> list[int]:
        """The lines at the top and the foot that a gap sets apart from the text."""
        written = [at for at, line in enumerate(page) if not line.blank]
        head = [at for at in written[:EDGE_LINES] if any(
            line.blank for line in page[at + 1:written[min(len(written) - 1, EDGE_LINES)] + 1])]
        foot = [at for at in written[-EDGE_LINES:] if any(
            line.blank for line in page[written[max(0, len(written) - EDGE_LINES - 1)]:at])]
        return head + foot

    seen: dict[str, set[int]] = {}
    indents: dict[str, set[int]] = {}
    for index, page in enumerate(pages):
        for at in apart(page):
            if _PAGE_NUMBER.fullmatch(page[at].text):
                continue
            seen.setdefault(_shape(page[at].text), set()).add(index)
            if index:
                indents.setdefault(_shape(page[at].text), set()).add(page[at].indent)
    repeated = {shape for shape, found in seen.items() if _runs(found, len(pages))
                and len(shape) >= 3 and not _LABEL_START.match(shape)}
    numbers = 0
    kept: list[list[_Line]] = []
    for index, page in enumerate(pages):
        out = set()
        written = [at for at, line in enumerate(page) if not line.blank]
        for at in edges(page):
            words = page[at].text
            if _PAGE_NUMBER.fullmatch(words):
                out.add(at)
                numbers += 1
            elif at in set(apart(page)) and _shape(words) in repeated and (
                    index or at > written[len(written) // 2]
                    or page[at].indent in indents[_shape(words)]):
                out.add(at)  # atop the first page, set elsewhere than the heads, the title
        kept.append([line for at, line in enumerate(page) if at not in out])
        if index and _repeats_the_foot(kept[-2], kept[-1]):
            first = next(at for at, line in enumerate(kept[-1]) if not line.blank)
            dropped.append(Note(page[0].page if page else 1, "a line repeated from the foot of "
                                f"the page before: '{kept[-1][first].text[:60]}'"))
            del kept[-1][first]
    for shape in sorted(repeated):
        first = next(page[at] for page in pages for at in apart(page)
                     if _shape(page[at].text) == shape)
        dropped.append(Note(first.page, f"a line at the top or foot of {len(seen[shape])} "
                                        f"pages (a running head or foot): '{first.text[:60]}'"))
    if numbers:
        dropped.append(Note(1, f"{numbers} page numbers"))
    return kept


def _runs(pages: set[int], count: int) -> bool:
    """Whether a line at the top or foot of these pages (of ``count``) runs over the document:
    on a third of them and three or more, or on two apart (a book's versos); not on two
    pages in turn, where a line said at one's foot may open the next."""
    if len(pages) == 2:
        first, last = sorted(pages)
        return last - first >= 2
    return len(pages) >= max(3, count // 3)


def _repeats_the_foot(before: list[_Line], page: list[_Line]) -> bool:
    """Whether ``page`` opens with the line the page before ends with."""
    ended = next((line.text for line in reversed(before) if not line.blank), None)
    opened = next((line.text for line in page if not line.blank), None)
    return ended is not None and ended == opened and len(ended) >= 20


def _shape(words: str) -> str:
    """A line as its repeats are compared: in lower case, every number the same."""
    return re.sub(r"\d+", "#", words.casefold())


def _labels(lines: list[_Line]) -> set[str]:
    """The speaker labels that open :data:`LABEL_REPEATS` blocks or more: a label of four
    words at most opening a line after a gap or after a sentence's end ('ship while I know
    the water: the…', a line of an answer, labels nothing)."""
    found: Counter = Counter()
    for before, line in zip([None, *lines], lines):
        label = _label_of(line)
        if label and len(label.split()) <= 4 and (
                before is None or before.blank or _SENTENCE_END.search(before.text)
                or label in ("Q", "A")):  # a court's 'Q.' after a line that goes on
            found[label] += 1
    return {label for label, count in found.items() if count >= LABEL_REPEATS}


def _label_of(line: _Line) -> str:
    """The label a line opens with: a name and a colon, or a role's letter and a stop."""
    match = _LABEL_START.match(line.text) or ROLE_LETTER.match(line.text)
    return match["label"] if match else ""


def _paragraphs(lines: list[_Line], labels: set[str]) -> list[tuple[int, str]]:
    """The lines gathered into paragraphs: (the page a paragraph starts on, its words)."""
    written = [line for line in lines if not line.blank]
    body = Counter(line.indent for line in written).most_common(1)
    indent = body[0][0] if body else 0
    gaps = sum(1 for line, after in zip(lines, lines[1:]) if not line.blank and after.blank)
    indented = gaps < INDENTED_GAPS * len(written)  # paragraphs told by their first lines
    spaced = gaps >= DOUBLE_SPACED * len(written)  # a gap after each line: one is no break
    widths = sorted(len(line.text) for line in written)
    full = widths[int(len(widths) * 0.9)] if widths else 0  # a full line, past outliers
    paragraphs: list[tuple[int, list[str]]] = []
    before: _Line | None = None
    blanks = 0
    for line in lines:
        if line.blank:
            blanks += 1
            if not spaced or blanks >= 2:
                before = None
            continue
        blanks = 0
        starts = (before is None or _label_of(line) in labels
                  or (indented and line.indent >= indent + 2 and not _rtl(line)
                      and abs(before.indent - indent) <= 1)
                  or (len(before.text) < SHORT_LINE * full and not line.text[:1].islower()))
        if starts and not (paragraphs and _goes_on(paragraphs[-1], line, before)):
            paragraphs.append((line.page, [line.text]))
        else:
            paragraphs[-1][1].append(line.text)
        before = line
    return [(page, _joined(words)) for page, words in paragraphs]


def _rtl(line: _Line) -> bool:
    """Whether ``line`` is right-to-left text, whose lines end, not start, where they are set
    in (a paragraph's short last line)."""
    return bool(ARABIC_SCRIPT.search(line.text))


def _goes_on(paragraph: tuple[int, list[str]], line: _Line, before: _Line | None) -> bool:
    """Whether ``line``, first on its page after a break, goes on with the paragraph of the
    page before: that paragraph ends with no stop, and the line opens in lower case."""
    return before is None and paragraph[0] < line.page and line.text[:1].islower() \
        and not _SENTENCE_END.search(paragraph[1][-1])


def _joined(lines: list[str]) -> str:
    """A paragraph's lines as one, a word hyphenated at a line's end joined again."""
    text = lines[0]
    for line in lines[1:]:
        if text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalpha() \
                and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}"
    return text.replace("\u00ad", "")


def _stated_title(reader, first_page: list[_Line]) -> str:
    """The title the PDF's properties state, where its first page shows it too (a word
    processor's 'Microsoft Word - notes.docx' is no title)."""
    try:
        title = str((reader.metadata or {}).get("/Title") or "").strip()
    except Exception:  # noqa: BLE001 - properties a broken PDF cannot give
        return ""
    shown = " ".join(line.text for line in first_page).casefold()
    if not title or len(title) > MAX_FIELD_CHARS or title.casefold() not in shown:
        return ""
    return title
