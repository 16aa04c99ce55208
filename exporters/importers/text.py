"""Plain text and Markdown, as copied from a browser or saved by an editor.

Paragraphs are separated by blank lines; text copied with one line per
paragraph (no blank lines) is read line by line. Transcripts of ``Name: text``
lines, with or without timestamps, come through here too.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import html
import itertools
import re
import unicodedata
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING


from ..errors import ContentError, Problem
from .bounds import MAX_IMPORT_LINES, check_chars, too_many
from ..slugs import slugify
from .recording import named_recording
from .said import (INTERVIEWER, LINK_TARGET, LINK_WORDS, Extract, Note, Para, ascii_words,
                   ends_with_question, role_of_label)
from .structure import (BOLD_NAME, CLOCK, NAME_WORDS, TIMED_BOLD_NAME, lone_time,
                        numbered_question, split_label, stamp_of, without_stamp)
from .unvoiced import Cue, paragraphs_of, unvoiced_note
from .write import escape

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_WHOLE = (
    ("strong", re.compile(r"^\*\*(?!\s)(.+?)(?<!\s)\*\*$")),
    ("strong", re.compile(r"^__(?!\s)(.+?)(?<!\s)__$")),
    ("em", re.compile(r"^\*(?![\s*])(.+?)(?<![\s*])\*$")),
    ("em", re.compile(r"^_(?![\s_])(.+?)(?<![\s_])_$")),
)
_BLOCK = re.compile(r"^\s{0,3}([-*+]\s|>|\d+[.)]\s|```|~~~|\|)")
_THEMATIC_BREAK = re.compile(r"\s*([-*_]\s*){3,}")
"""A Markdown thematic break: '---', '* * *'."""


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
"""Byte order marks of the Unicode encodings other than UTF-8 (UTF-32 first: it starts alike)."""
BINARY_HINT = ("save the interview as text (.txt, .md or .adoc, UTF-8), .html, .docx, .vtt "
               "or .srt")


def refuse_binary(path: Path, data: bytes) -> None:
    """A NUL byte is never in text (but for UTF-16 and UTF-32, which :func:`decode` reads)."""
    at = data.find(b"\x00")
    if at >= 0 and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        raise ContentError(Problem(path, data.count(b"\n", 0, at) + 1,
                                   "this is a binary file, not text (a NUL byte on this line)",
                                   BINARY_HINT))


def decode(path: Path, data: bytes) -> tuple[str, list[Note]]:
    """The text, and a note when it was not UTF-8; one line (ContentError) for a binary file.

    UTF-16 and UTF-32 are read by their byte order mark, or UTF-16 by its zero bytes; text
    that is not UTF-8 is read as Windows-1252 (what Windows editors saved for decades).
    """
    notes: list[Note] = []
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "")
    if not encoding and b"\x00" in data:
        encoding = _utf16(data)
        if not encoding:
            refuse_binary(path, data)
    if encoding:
        text = data.decode(encoding, errors="replace")
        if "\ufffd" in text:
            line = text[: text.index("\ufffd")].count("\n") + 1
            notes.append(Note(line, f"line {line} is not valid {encoding.upper()}: "
                                    "unreadable characters were replaced by '\ufffd'"))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            text = data.decode("cp1252", errors="replace")
            notes.append(Note(line, f"the file is not UTF-8 (byte 0x{data[error.start]:02X} on "
                                    f"line {line}): read as Windows-1252, check its accents"))
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ") \
        .replace("\ufeff", ""), notes  # a byte order mark inside, as files joined carry it


def check_lines(path: Path, text: str) -> None:
    """Refuse a decoded source with more text or lines than an import reads."""
    check_chars(path, len(text))
    lines = text.count("\n") + 1
    if lines > MAX_IMPORT_LINES:
        raise too_many(path, 1, lines, MAX_IMPORT_LINES, "lines", "MAX_IMPORT_LINES",
                       "import the interview alone: copy its text into a smaller file")


def _utf16(data: bytes) -> str:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text saved without a byte order mark, or ''."""
    if len(data) % 2:
        return ""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.3 * half and others * 10 <= zeros:  # ASCII-heavy text: 0 every 2nd byte
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                return ""
            return encoding
    return ""


_HTML_BLOCK_LINE = re.compile(r"\s*</?(?:p|h[1-6]|div|blockquote|ul|ol|li|figure|figcaption|"
                              r"table|tr|td|th|section|article|hr|br|img|pre|cite|span|strong|"
                              r"em|a)\b", re.I)
HTML_BODY_SHARE = 0.8
"""A Markdown post whose body lines open with an HTML tag this often or more is HTML (a blog
moved from WordPress keeps its posts' HTML under a front matter), read as a page is."""


def html_body(data: bytes) -> bool:
    """Whether a Markdown source's body, after its front matter, is HTML: five lines or more,
    :data:`HTML_BODY_SHARE` of them opening with a block or inline tag."""
    from ..load import split_front_matter

    text = data.decode("utf-8", "replace").lstrip("\ufeff").replace("\r\n", "\n")
    start = front_matter_start(text)
    split = None if start is None else split_front_matter(text[start:])
    lines = [line for line in (split[1] if split else text).split("\n") if line.strip()]
    tagged = sum(1 for line in lines if _HTML_BLOCK_LINE.match(line))
    return len(lines) >= 5 and tagged >= HTML_BODY_SHARE * len(lines)


def read_text(path: Path, data: bytes, markdown: bool, lines_join: bool = False) -> Extract:
    """The paragraphs of a text or Markdown file; ``lines_join`` where the format says that
    the lines of a block are one paragraph whatever they look like (AsciiDoc's one sentence
    a line), which else are taken one by one where most blocks are long, as text copied from
    a browser has them."""
    text, notes = decode(path, data)
    check_lines(path, text)
    extract = Extract([], unsure=notes)
    text = _flat_front_matter(text, extract)
    if not markdown and (cues := _tab_separated_cues(text) or _caption_lines(text)):
        extract.paras += paragraphs_of(cues, extract.dropped)
        extract.unsure.append(unvoiced_note(cues[0].line, "line"))
        return extract
    if markdown:
        text = _without_targets(_reference_fields(_markdown_emphasis(_without_comments(
            _metadata_block(_front_matter(path, text, extract), extract), extract)), extract),
            extract)
        text, tokens = _inline_references(text, extract)
    else:
        tokens = None
    headings = _markdown_headings(text, tokens) if markdown else {}
    blocks = _blocks(text.split("\n"), headings, lines_join)
    if markdown:
        blocks = [part for start, block in blocks for part in _definitions(start, block)]
        blocks = _unquoted_body(_names_then_quotes(blocks))
    after_rule = False
    for line, lines in blocks:
        if markdown and _THEMATIC_BREAK.fullmatch(" ".join(lines)):
            after_rule = True  # a thematic break
            continue
        if markdown and len(lines) > 1 and _THEMATIC_BREAK.fullmatch(lines[0]):
            after_rule, line, lines = True, line + 1, lines[1:]  # '---' right over the text
        while markdown and len(lines) > 1 and _LINE_BREAK_TAG.fullmatch(lines[0]):
            line, lines = line + 1, lines[1:]  # '<br>' alone over a turn: space, not text
        para = _paragraph(lines, line, markdown)
        if markdown:
            para = _without_images(para, extract)
        if para.text.strip():
            para.after_rule, after_rule = after_rule, False
            extract.paras.append(para)
    if markdown:
        extract.paras = _names_alone_as_labels(extract.paras)
    return extract


_TSV_HEAD = re.compile(r"\ufeff?start\tend\ttext\s*", re.IGNORECASE)


def _tab_separated_cues(text: str) -> list[Cue]:
    """The rows of Whisper's ``.tsv`` (a 'start', 'end', 'text' header, times in
    milliseconds) as cues, or none for any other text."""
    lines = text.split("\n")
    if not _TSV_HEAD.fullmatch(lines[0]):
        return []
    cues = []
    for number, line in enumerate(lines[1:], start=2):
        start, _, rest = line.partition("\t")
        end, _, words = rest.partition("\t")
        if words.strip():
            cues.append(Cue(number, words.strip(), *(
                int(time) / 1000 if time.isascii() and time.isdigit() and len(time) <= 12
                else None for time in (start, end))))
    return cues


_MARKS_A_SPEAKER = re.compile(rf"^(?:[QAPRF][.)]\s|[-–—]\s?\S|\[?{CLOCK}\]?\s*$|"
                              rf"\[?{CLOCK}\]?\s+(?:-|–|-->)|\*\*)")
"""A line that marks a turn: a role's letter ('Q. ', 'A) '), a dialogue dash, a time alone
or a time span, a name in bold."""
CAPTION_LINES = 8
"""The fewest lines of text read as a speech-to-text tool's captions (:func:`_caption_lines`)."""


def _caption_lines(text: str) -> list[Cue]:
    """The lines of a text as a speech-to-text tool writes a recording it did not tell the
    voices of apart (Whisper's ``.txt``: one caption a line, no blank line, no speaker), or
    none: at least :data:`CAPTION_LINES` lines with no blank line among them and no speaker's
    label, a fifth of them or more ending mid-sentence, and most of those going on in a next
    line that begins in lower case ('So, Dana, how did you' / 'get started with bridges?')."""
    lines = [(number, line.strip()) for number, line in enumerate(text.split("\n"), start=1)
             if line.strip()]
    if len(lines) < CAPTION_LINES or lines[-1][0] - lines[0][0] + 1 != len(lines) \
            or any(split_label(line)[0] or _MARKS_A_SPEAKER.match(line)
                   or any(pattern.match(line) for pattern in _HEADERS_OVER_TURN)
                   for _, line in lines):
        return []
    named = Counter(line for _, line in lines if len(line.split()) <= 4
                    and all(word[:1].isupper() for word in line.split())
                    and not line.endswith(_SENTENCE_ENDS))
    if any(count >= 2 for count in named.values()):  # 'Maya Ortiz' over each of her turns
        return []
    cut = [after for (_, line), (_, after) in pairwise(lines)
           if not closes_sentence(line)]
    if len(cut) * 5 < len(lines) or sum(after[:1].islower() for after in cut) * 2 <= len(cut):
        return []
    return [Cue(number, line) for number, line in lines]


_NAME_ALONE = re.compile(rf"^{BOLD_NAME}[ \t]*$")
"""A speaker's name alone on its line, in bold: '**Stefano Maestri**'."""


def _names_then_quotes(blocks: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """A name alone in bold and the turn under it as a block quote, right under the name or a
    blank line below it ('**Mario Fusco**', then '> Allora, …', '>', '> Perché …'): the
    name, then each quoted paragraph, unquoted."""
    unquoted: list[tuple[int, list[str]]] = []
    for start, lines in blocks:
        after_a_name = bool(unquoted) and len(unquoted[-1][1]) == 1 \
            and bool(_NAME_ALONE.match(unquoted[-1][1][0]))
        if len(lines) >= 2 and _NAME_ALONE.match(lines[0]):
            quoted = _quoted_paragraphs(start + 1, lines[1:])
            if quoted:
                unquoted += [(start, lines[:1]), *quoted]
                continue
        elif after_a_name:
            quoted = _quoted_paragraphs(start, lines)
            if quoted:
                unquoted += quoted
                continue
        unquoted.append((start, lines))
    return unquoted


def _unquoted_body(blocks: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """A post that quotes most of its text in one block quote (an interview reposted from
    elsewhere, '> **Worum geht es?**', '> **Adrian Pohl**: …'): the quote's paragraphs, as
    the body they are."""
    lines = sum(len(block) for _, block in blocks)
    unquoted: list[tuple[int, list[str]]] = []
    for start, block in blocks:
        quoted = _quoted_paragraphs(start, block) if 2 * len(block) > lines else []
        unquoted += quoted if len(quoted) >= 4 else [(start, block)]
    return unquoted


def _quoted_paragraphs(start: int, lines: list[str]) -> list[tuple[int, list[str]]]:
    """The paragraphs of a block quote, unquoted, each with its first line; [] for lines that
    are not all quoted."""
    quoted = [_QUOTE_LINE.match(line) for line in lines]
    if not all(quoted):
        return []
    parts: list[tuple[int, list[str]]] = []
    for offset, found in enumerate(quoted):
        if not found[1].strip():
            continue
        if offset == 0 or not quoted[offset - 1][1].strip():  # a quoted paragraph begins
            parts.append((start + offset, [found[1]]))
        else:
            parts[-1][1].append(found[1])
    return parts


_HEADING_NAME = re.compile(rf"^(?P<label>{NAME_WORDS})$")
"""A heading that is a name and nothing else: '#### Jérôme'."""


def _names_alone_as_labels(paras: list[Para]) -> list[Para]:
    """Names alone in bold, each over the turn it labels ('**Daniele Zonca**', then his
    paragraphs), where two names or more do so twice or more: labels, not questions. Names
    as headings ('#### Jamie', '#### Jérôme') likewise, those that head two turns or more
    (a heading met once, '### Sponsor Message', stays a heading)."""
    names = [_NAME_ALONE.match(para.text) if para.emphasis == "strong"
             else _HEADING_NAME.match(para.text) if para.heading else None for para in paras]
    counts = Counter(found["label"] for found in names if found)
    if len([name for name, count in counts.items() if count >= 2]) < 2:
        return paras
    names = [found if found and (not paras[index].heading or counts[found["label"]] >= 2)
             else None for index, found in enumerate(names)]
    labelled: list[Para] = []
    for index, para in enumerate(paras):
        found = names[index - 1] if index else None
        if names[index] and index + 1 < len(paras) and not names[index + 1] \
                and not paras[index + 1].heading:
            continue  # the label goes on the paragraph after it
        if not found or names[index] or para.heading:
            labelled.append(para)
            continue
        labelled.append(dataclasses.replace(para, label=found["label"]))
    return labelled


_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]]*)\]\((?P<src>\{%[^%]*%\}|\{\{[^{}]*\}\}[^()\s]*|<[^<>\n]*>"
                    r"|[^()\s]*)(?:\s+\"[^\"]*\")?\)"
                    r"|<img\b[^<>]*?\bsrc=[\"']?(?P<raw>[^\"'\s<>]*)[^<>]*>", re.I)


def _without_images(para: Para, extract: Extract) -> Para:
    """The paragraph without its images, each reported as the HTML reader reports them:
    nothing is fetched, and an image's file is not the source's to give."""
    if para.block and para.text.lstrip().startswith(("```", "~~~")):
        return para

    def report(match: re.Match) -> str:
        source = match["src"] if match["src"] is not None else match["raw"]
        alt = " ".join((match["alt"] or "").split())
        extract.unsure.append(Note(para.line, f"image '{source}' not imported: save it under "
                                              f"content/images/ and add ![{alt or 'alt text'}]"
                                              f"(images/NAME)"))
        return ""

    text = _IMAGE.sub(report, para.text)
    if text == para.text:
        return para
    return dataclasses.replace(para, text=text.strip(), plain=_IMAGE.sub("", para.plain).strip())


_UNSEEN = re.compile(r"<!--(?:(?!<!--).)*?-->|<(?P<tag>style|script|iframe|video|audio|object)"
                     r"\b[^<>]*>(?:(?!<(?P=tag)\b).)*?</(?P=tag)\s*>|<(?P<void>embed)\b[^<>]*>",
                     re.S | re.I)
"""What a Markdown post holds and no reader of a book sees: HTML comments, a page's own <style>
and <script> elements, and embedded players (<iframe>, <video>, <audio>, <object>, <embed>),
with what is in them."""


def _without_comments(text: str, extract: Extract) -> str:
    """The Markdown without its HTML comments, which no reader sees (a translation's original,
    an editor's note), and without the <style> and <script> elements and embedded players a
    post carries; each becomes as many blank lines, so that line numbers still match."""
    def blank(match: re.Match) -> str:
        line = text.count("\n", 0, match.start()) + 1
        tag = (match["tag"] or match["void"] or "").lower()
        what = "an HTML comment, which readers do not see" if not tag else \
            f"a <{tag}> element, which readers do not see" if tag in ("style", "script") else \
            f"an embedded player (<{tag}>), which a book cannot show"
        extract.dropped.append(Note(line, what))
        return "\n" * match[0].count("\n")

    return _UNSEEN.sub(blank, text)


_HTML_EMPHASIS = re.compile(r"<(?P<tag>strong|b|em|i)(?:\s[^<>]*)?>(?P<text>[^<>\n]+?)</(?P=tag)>",
                            re.I)
"""Emphasis written in HTML inside Markdown: '<strong class="julien">Julien:</strong>'."""


def _markdown_emphasis(text: str) -> str:
    """``text`` with HTML emphasis written as Markdown's (``**Julien:**``, ``*so*``), so that a
    label in it is read as one; not inside fenced code."""
    def written(match: re.Match) -> str:
        mark = "**" if match["tag"].lower() in ("strong", "b") else "*"
        return f"{mark}{match['text'].strip()}{mark}"

    lines, fenced = text.split("\n"), False
    for number, line in enumerate(lines):
        if line.startswith(("```", "~~~")):
            fenced = not fenced if (not fenced or not line[3:].strip(" \t`~")) else fenced
        elif not fenced and "<" in line:
            lines[number] = _HTML_EMPHASIS.sub(written, line)
    return "\n".join(lines)


FRONT_MATTER_FIELDS = {
    "title": "title", "subtitle": "subtitle", "date": "date", "published": "date",
    "pubdate": "date", "publishdate": "date", "date_published": "date", "published_at": "date",
    "created_at": "date", "created": "date", "author": "interviewer", "author_name": "interviewer",
    "authors": "interviewer", "postauthors": "interviewer", "post_authors": "interviewer",
    "post_author": "interviewer", "byline": "interviewer", "creator": "interviewer",
    "creators": "interviewer", "description": "summary", "summary": "summary",
    "excerpt": "summary", "ogsummary": "summary", "og_summary": "summary",
    "og_description": "summary", "ogdescription": "summary", "tags": "tags", "keywords": "tags", "lang": "lang",
    "language": "lang", "slug": "slug", "permalink": "source_url", "url": "source_url",
    "canonical_url": "source_url", "via": "source_url", "audio": "audio", "enclosure": "audio",
    "media": "audio", "recording": "audio", "audio_file": "audio", "podcast_file": "audio",
}
"""What a Jekyll, Hugo, Eleventy or Astro post's front matter says, as our fields; the
author of a blog post is taken as the interviewer, as a page's byline is."""
_AUTHORS_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s+", re.I)
"""Between two authors' names: 'Yael Berger and Eva Demers-Brett', 'A, B'."""
LISTED_SPEAKERS = ("speakers", "guests")
"""A post's list of who speaks (``speakers: [Carl Dong]``), which does not say who asks: when
it names some speakers and not others, the ones it names are the guests."""


def front_matter_start(text: str) -> int | None:
    """Where in ``text`` (its newlines ``\\n``) a front matter's opening fence, YAML's ``---`` or
    TOML's ``+++``, starts: after a byte-order mark and any blank lines left above it. None
    if ``text`` opens with none."""
    start = len(text) - len(text.lstrip("\ufeff\n"))
    return start if text.startswith(("---", "+++"), start) else None


def _front_matter(path: Path, text: str, extract: Extract) -> str:
    """Read a YAML (``---``) or TOML (``+++``, Hugo and Zola) front matter into
    ``extract.hints``, reporting the fields left out, and return the text with its lines
    blanked, so that line numbers still match the file."""
    from ..load import parse_yaml, split_front_matter

    blank = front_matter_start(text)
    split = None if blank is None else (split_front_matter(text[blank:])
                                        or _unclosed_front_matter(text[blank:]))
    if split is None:
        return text
    front, body = split
    lines = front.count("\n") + 1  # the closing fence's line
    blanked = "\n" * (blank + lines - 1) + body
    if text[blank:].startswith("+"):
        values = _toml(front, extract)
    else:
        try:
            values, _ = parse_yaml(front, path, 1, "the front matter")
        except ContentError as error:
            try:  # a key given twice: the site generator that published the post took the last
                values, _ = parse_yaml(front, path, 1, "the front matter",
                                       last_of_repeated_keys=True)
                left = "the last one was taken"
            except ContentError:
                values, left = None, "its fields were left out"
            extract.unsure.append(Note(error.problem.line, f"{error.problem.message}: {left}"))
            if values is None:
                return blanked
    if not isinstance(values, dict):
        return blanked
    _take_fields(values, extract)
    return blanked


_FIELD_LINE = re.compile(r"[A-Za-z_][\w-]*:(?:[ \t].*)?")


def _unclosed_front_matter(text: str) -> tuple[str, str] | None:
    """A front matter whose closing ``---`` is missing (Pelican reads its fields up to the
    first blank line): the ``key: value`` lines after the opening fence, up to a blank line,
    as ``split_front_matter`` gives them (the blank line standing for the closing fence)."""
    if not re.match(r"---[ \t]*\n", text):
        return None
    opening = text.index("\n")
    end = text.find("\n\n", opening)
    fields = text[opening + 1:end].split("\n") if end > opening else []
    if len(fields) < 2 or not all(map(_FIELD_LINE.fullmatch, fields)):
        return None
    return text[opening:end + 1], text[end + 1:]


_FLAT_FRONT_MATTER = re.compile(
    r"\A\s*---[ \t]+(?P<fields>[a-z_][\w-]*:[ \t].*?)[ \t]+---[ \t]*(?=\n|\Z)")
_FLAT_KEY = re.compile(r"(?:^|(?<=\s))([a-z_][\w-]*):\s+")


_METADATA_LINE = re.compile(r"(?P<key>[A-Za-z][A-Za-z _-]{0,29}):[ \t]+(?P<value>\S.*)")
METADATA_KEYS = {"title", "date", "modified", "category", "categories", "tags", "keywords",
                 "slug", "author", "authors", "summary", "lang", "status", "subtitle",
                 "description", "url", "save_as", "template", "translation"}
"""The keys of a Pelican or MultiMarkdown metadata block."""


def _metadata_block(text: str, extract: Extract) -> str:
    """A Pelican or MultiMarkdown metadata block opening the file ('Title: X-RAY', 'Slug: …',
    'Date: 2020-11-15', 'Tags: eventos', 'Author: Lis R. Barreto', then a blank line), read as
    a front matter's fields, its lines left blank; a block with a key of no such block
    ('Interviewer: …', an oral history's header) is left to be read as it is."""
    lines = text.lstrip("\ufeff").split("\n")
    block = list(itertools.takewhile(str.strip, lines))
    fields = [_METADATA_LINE.fullmatch(line.strip()) for line in block]
    if len(block) < 2 or not all(fields) or fields[0]["key"].lower() != "title" \
            or any(field["key"].lower() not in METADATA_KEYS for field in fields):
        return text
    _take_fields({field["key"].lower(): field["value"].strip() for field in fields}, extract)
    return "\n".join([""] * len(block) + lines[len(block):])


def _flat_front_matter(text: str, extract: Extract) -> str:
    """A front matter run together on one line, as a page's source copied without its line
    breaks gives it (``--- layout: post date: 2010-08-02 title: Interview with ... ---``): its
    fields read as a front matter's (each key in lower case, then a colon and a space), the
    line left blank."""
    found = _FLAT_FRONT_MATTER.match(text)
    if not found:
        return text
    parts = _FLAT_KEY.split(found["fields"])[1:]
    values = {key: _flat_value(value.strip()) for key, value in zip(parts[::2], parts[1::2])}
    _take_fields(values, extract)
    return "\n" * found[0].count("\n") + text[found.end():]


def _flat_value(text: str) -> object:
    """A value of a flattened front matter as YAML reads it (``["Greg Wilson"]`` a list,
    ``"09:00:00"`` a string), or as written when YAML cannot read it."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


_TARGET = re.compile(r"^\(\s*[\w.:-]+\s*\)=[ \t]*$", re.M)
"""A MyST target, ``(cm-podcasts)=`` on its own line, naming the heading under it for links."""


def _without_targets(text: str, extract: Extract) -> str:
    """The Markdown without MyST targets, which no reader sees, each line left blank."""
    def blank(match: re.Match) -> str:
        extract.dropped.append(Note(text.count("\n", 0, match.start()) + 1,
                                    f"a MyST target, which readers do not see: '{match[0]}'"))
        return ""

    return _TARGET.sub(blank, text)


def _take_fields(values: dict, extract: Extract) -> None:
    """Front-matter ``values`` as our fields, into ``extract.hints``; the rest reported."""
    from .infer import find_date

    authors: list[str] = []
    with_commas = False
    for key, value in values.items():
        if str(key).lower() in LISTED_SPEAKERS and isinstance(value, list) and value \
                and all(isinstance(name, str) for name in value):
            extract.hints.setdefault("listed_speakers", tuple(value))
            continue
        field = FRONT_MATTER_FIELDS.get(str(key).lower())
        if field is None or value in (None, "", []):
            extract.dropped.append(Note(1, f"front matter field '{key}' was left out"))
            continue
        if field == "date":
            value = value if isinstance(value, dt.date) else find_date(str(value))
            value = value.date() if isinstance(value, dt.datetime) else value
        elif field == "tags":
            value = [str(tag) for tag in value] if isinstance(value, list) else \
                [tag.strip() for tag in str(value).split(",") if tag.strip()]
        elif field == "interviewer" and not isinstance(value, (str, list, dict)):
            extract.dropped.append(Note(1, f"front matter field '{key}' is no name "
                                           f"({value!r}) and was left out"))
            continue
        elif field == "interviewer":
            names = [_link_text(_author_name(name)) for name in value] \
                if isinstance(value, list) else \
                _AUTHORS_SEPARATOR.split(_link_text(_author_name(value)))
            names = [name.strip() for name in names if name.strip()]
            if not isinstance(value, list):  # 'Rachel Muston, agente libre': her job
                names = [name for at, name in enumerate(names)
                         if at == 0 or not (name[0].islower() and not names[0][0].islower())]
            if len(names) > 1:
                authors = authors or names
                with_commas = not isinstance(value, list) and "," in str(value)
                continue
            value = names[0] if names else ""
        elif field == "audio":  # a file name: recording.locate looks for it beside the source
            value = named_recording(str(value.get("url", "") if isinstance(value, dict)
                                        else value))
            if not value:
                extract.dropped.append(Note(1, f"front matter field '{key}' names no recording "
                                               "file and was left out"))
                continue
        elif field == "slug":
            value = slugify(str(value))  # 'rse-maëlle-salmon' is no slug of ours
        elif field == "source_url" and not str(value).startswith(("https://", "http://")):
            extract.dropped.append(Note(1, f"front matter field '{key}' is not a full address "
                                           "and was left out"))
            continue
        if value and not extract.hints.get(field):
            extract.hints[field] = value if field in ("date", "tags") \
                else html.unescape(str(value)).strip()  # 'Q&amp;A', as some sites write it
    if authors:
        _take_authors(authors, extract.hints, with_commas)
    if not extract.hints.get("date"):
        extract.hints.update(_address_date(values))


def _author_name(author: object) -> str:
    """An author as a front matter gives one: a name, a mapping with the name in it (``- name:
    karissa`` with her ``url``, as Docusaurus and many Jekyll themes write them), or the name
    of the author's page ('gabrielle-perret'); a byline as printed, without its 'By' and what
    follows a bar ('By Jo Park | Photographs by Ana Ruiz')."""
    if isinstance(author, dict):
        return str(author.get("name") or author.get("title") or "")
    author = _BYLINE_BY.sub("", re.split(r"\s+[|·]\s+", str(author))[0])
    page = _AUTHOR_PAGE.fullmatch(author)
    if page and not {page[1], page[2]} & _NOT_A_PERSON:  # 'gabrielle-perret', as Hugo names
        return str(author).replace("-", " ").title()
    return str(author)


_BYLINE_BY = re.compile(r"^\s*(?i:by|von|par|por|di|door)\s+")
_AUTHOR_PAGE = re.compile(r"([a-z]{2,})-([a-z]{2,})")
"""An author's page name in the site's address, a given name and a surname in lower case
joined by a hyphen; longer ones are left as written ('jean-luc-picard' or 'open-source-team'
could be either)."""
_NOT_A_PERSON = {"team", "staff", "editors", "editor", "editorial", "admin", "community",
                 "project", "group", "foundation", "blog", "news", "press", "office", "board",
                 "committee", "council", "desk", "lab", "labs", "club", "guest", "guests"}
"""Words of an author page's name that make it a group's ('content-team', 'news-desk')."""


def _take_authors(authors: list[str], hints: dict, with_commas: bool) -> None:
    """A post's several authors: its interviewers ('Jakub Beránek, Lori Lorusso' of
    'Maintainer spotlight: Gen Li'), unless the title names one of them, who is then the one
    interviewed ('Yael Berger and Eva Demers-Brett' of 'Eva's Exit Interview', or by a handle,
    'saravilla, bethaniley' of 'OLS Spotlight: Bethan Iley'): then they say who wrote the post,
    and the others, who wrote it with the one interviewed, asked. Not so when one line gives
    them ``with_commas``, which may be a name, a job and a workplace: then the turns decide,
    unless the title asks the workplace after a person's name ('Jonathan White, KeePassXC'
    of 'Q&A with the KeePassXC team'), who answers for it."""
    title = ascii_words(str(hints.get("title") or ""))
    handles = {first + last for first, last in pairwise(title)} | {
        first[0] + last for first, last in pairwise(title)}  # 'bethaniley', 'pherterich'
    named = [author for author in authors if any(word in title or word in handles
                                                  for word in ascii_words(author) if len(word) > 2)]
    askers = [] if named and with_commas else [author for author in authors
                                                if author not in named]
    asked = _ASKED_OF.search(str(hints.get("title") or ""))
    if with_commas and named == authors[1:] and _PERSON.fullmatch(authors[0]) and asked \
            and all(word in ascii_words(asked["whom"]) for author in named
                    for word in ascii_words(author) if len(word) > 2):
        hints.setdefault("interviewee", authors[0])  # 'Nancy Reyes, Accessibility Lab' of
        return  # 'Q&A with Accessibility Lab': she answers for the lab
    if named:
        hints.setdefault("document_author", ", ".join(authors))
    if askers:
        hints.setdefault("interviewer", ", ".join(askers))


_ASKED_OF = re.compile(r"(?i:\b(?:q\s*&\s*a|interview|conversation|chat|talk|talking|meet)"
                       r"\s+(?:with\s+)?(?P<whom>.+))")
"""A title that says whom the post asks ('Q&A with the KeePassXC team'), not one that names a
workplace ('Accessibility Lab interviews: Tomás Ruiz')."""
_PERSON = re.compile(r"[A-ZÀ-Ý][\w'’.-]*(?: [A-ZÀ-Ý][\w'’.-]*){1,3}")
"""A person's name: two to four capitalised words."""


_ADDRESS_DATE = re.compile(r"(?:^|/)((?:19|20)\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?=/|$)")


def _address_date(values: dict) -> dict[str, dt.date]:
    """The date in a post's own address, when that is all that dates it (Zola's ``path =
    "inside-rust/2026/07/07/..."``, a Jekyll ``permalink``): ``{"date": ...}``, or nothing."""
    for key in ("path", "permalink", "url"):
        found = _ADDRESS_DATE.search(str(values.get(key, "")))
        if found:
            try:
                return {"date": dt.date(*map(int, found.groups()))}
            except ValueError:  # 2026/02/31
                continue
    return {}


_MARKDOWN_LINK = re.compile(LINK_WORDS + LINK_TARGET)


def _link_text(name: str) -> str:
    """A name as written in a front matter, without the Markdown link around it:
    'Maya Ortiz (Lantern)' for '[Maya Ortiz](https://example.org/maya) (Lantern)'."""
    return " ".join(_MARKDOWN_LINK.sub(r"\1", name).split())


def _toml(front: str, extract: Extract) -> dict:
    """A Hugo or Zola TOML front matter (``+++``): its keys, with those of its ``[extra]`` or
    ``[params]`` table (where such sites put the author) after them."""
    import tomllib

    try:
        values = tomllib.loads(front)
    except tomllib.TOMLDecodeError as error:
        extract.unsure.append(Note(1, f"the TOML front matter cannot be read ({error}): its "
                                      "fields were left out"))
        return {}
    nested = {key: value for table in ("extra", "params") if isinstance(values.get(table), dict)
              for key, value in values[table].items()}
    return {**{key: value for key, value in values.items() if not isinstance(value, dict)},
            **{key: value for key, value in nested.items() if key not in values}}


_REFERENCE_FIELD = re.compile(
    r'^\[(?:#|//|_|comment)\]:\s*(?:#\s*)?\(?\s*([\w-]+)\s*:\s*["(]?(.*?)[")]?\s*\)?\s*$')
"""Metadata hidden as a Markdown link reference, which no reader sees:
``[#]: subject: "How C has grown"``, ``[#]: author: (Moshe Zadka https://…)`` (as translation
projects write it)."""


def _reference_fields(text: str, extract: Extract) -> str:
    """The Markdown without hidden link-reference lines, their fields taken as front matter's
    are; each line left blank, so that line numbers still match."""
    found: dict[str, str] = {}
    lines = text.split("\n")
    for number, line in enumerate(lines):
        match = _REFERENCE_FIELD.match(line)
        if match:
            found.setdefault(match[1], match[2].split(" https://")[0].strip())
            lines[number] = ""
    if found:
        _take_fields({key: value for key, value in found.items() if value}, extract)
    return "\n".join(lines)


def _block_parser() -> MarkdownIt:
    """CommonMark's parser of blocks only: the headings and link reference definitions it
    finds are all import asks of it (a heading's text is its source), and the inline parse
    would take most of the time."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable("inline")


_REFERENCE_LINK = re.compile(r"(?<![\\\]])\[([^\[\]]+)\](?:\[([^\[\]]*)\])?(?![(:\[])")
"""A reference-style link: ``[text][label]``, ``[label][]`` or ``[label]`` alone."""


def _inline_references(text: str, extract: Extract) -> tuple[str, list | None]:
    """Reference-style links (``[darktable]`` with ``[darktable]: https://...`` at the end of
    the post) as inline links, which a turn keeps wherever it goes; the definitions' lines
    left blank, so that line numbers still match (CommonMark's parser says which they are).
    With the text, the parser's blocks of it, where nothing was changed (else None)."""
    env: dict = {}
    tokens = _block_parser().parse(text, env)
    found = {label: target for label, target in (env.get("references") or {}).items()
             if not label.startswith("^") and target.get("map")}  # '[^1]:' is a footnote
    if not found:
        return text, tokens
    lines = text.split("\n")
    for definition in found.values():
        first, last = definition.get("map") or (0, 0)
        lines[first:last] = [""] * (last - first)
    extract.dropped.append(Note(min(target["map"][0] for target in found.values()) + 1,
                                f"{len(found)} link reference definition(s), made inline links"))

    def inline(match: re.Match) -> str:
        label = " ".join((match[2] or match[1]).split()).upper()
        target = found.get(label)
        return f"[{match[1]}]({target['href']})" if target else match[0]

    return _REFERENCE_LINK.sub(inline, "\n".join(lines)), None


_HEADING_ATTRIBUTES = re.compile(r"\s*\{\s*[#.][^{}]*\}\s*$")
"""A heading's id or class as Hugo and kramdown write it, ``## Why? {#why}``: not text."""


def _markdown_headings(text: str, tokens: list | None = None) -> dict[int, tuple[int, str]]:
    """The headings the Markdown parser finds (CommonMark: an ATX heading needs no blank line
    around it; a setext heading is underlined): first line -> (last line, ``## text``).
    ``tokens``: the parser's blocks of ``text``, where they are at hand."""
    tokens = tokens if tokens is not None else _block_parser().parse(text)
    return {token.map[0] + 1: (token.map[1], f"{'#' * int(token.tag[1])} "
                                             + _HEADING_ATTRIBUTES.sub("", tokens[i + 1].content))
            for i, token in enumerate(tokens)
            if token.type == "heading_open" and token.level == 0 and token.map}


_SENTENCE_GOES_ON = (".", "?", "!", ",", ";", ":", "。", "？", "！", "，", "；", "：", "、",
                     "؟", "،", "؛")
"""How a line of running text ends, in Latin, CJK and Arabic script: a menu's lines do not."""


def _blocks(lines: list[str], headings: dict[int, tuple[int, str]] | None = None,
            lines_join: bool = False) -> list[tuple[int, list[str]]]:
    """(first line, lines) of each paragraph; each of ``headings`` is a block of its own."""
    headings = headings or {}
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    inside_heading = 0
    for number, line in enumerate(lines, start=1):
        if number in headings:
            if current:
                blocks.append((start, current))
                current = []
            inside_heading, heading = headings[number]
            blocks.append((number, [heading]))
            continue
        if number <= inside_heading:
            continue
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    blocks = _questions_apart(_plain_name_heads(_two_line_heads(blocks)))
    heads = [_over_turn(block) for _, block in blocks]
    speakers = _names_over_turns([block for _, block in blocks], heads)
    blocks = [(start, _header_as_label(block, head, speakers))
              for (start, block), head in zip(blocks, heads)]
    nonblank = sum(len(block) for _, block in blocks)
    one_per_line = len(blocks) < 0.3 * nonblank and not lines_join
    wrapped = _hard_wrapped([line for _, block in blocks for line in block[:-1]] + [""])
    result: list[tuple[int, list[str]]] = []
    for start, block in blocks:
        labelled = sum(1 for line in block if split_label(line.strip())[0])
        fenced = block[0].lstrip().startswith(("```", "~~~", ">", "|", "- ", "* ", "+ "))
        menu = len(block) >= 2 and sum(
            len(line.split()) <= 8 and _width(line) <= MENU_WIDTH
            and not line.rstrip().endswith(_SENTENCE_GOES_ON) for line in block) * 2 > len(block) \
            and _emphasised_lines(block) is None
        if fenced:
            result.append((start, block))
        elif not (one_per_line or labelled >= 2 or menu):
            result += _at_labels(start, block, labels=False)
        elif (wrapped or _hard_wrapped(block)) and not menu:
            result += _at_labels(start, block)
        else:
            result += [(start + offset, [line]) for offset, line in enumerate(block)]
    return result


def _emphasised_lines(block: list[str]) -> tuple[str, str] | None:
    """The emphasis and the words of a block whose lines are each wholly in the same emphasis:
    a paragraph set so line by line ('_Lamps are brighter._', '_Has that changed the
    work?_'), not a menu; None for any other block."""
    for kind, pattern in _WHOLE:
        each = [pattern.match(line.strip()) for line in block]
        if len(block) > 1 and all(each):
            return kind, " ".join(whole[1] for whole in each if whole)
    return None


MENU_WIDTH = 60
"""The widest a menu's line is, in columns (a CJK character takes two): 'About us', 'Blog'."""
_SENTENCE_ENDS = (".", "?", "!", "…", "。", "？", "！", "؟", "：", ":")


def closes_sentence(line: str) -> bool:
    """Whether a line ends a sentence: a stop (or a colon) before any closing quotes,
    brackets or emphasis."""
    return line.rstrip().rstrip("\"”’'»)]*_").endswith(_SENTENCE_ENDS)


def _width(line: str) -> int:
    """The columns a line takes, a wide (CJK) character two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line.strip())


def _hard_wrapped(block: list[str]) -> bool:
    """Whether a block is paragraphs wrapped over several lines, as editors and formatters
    write Markdown and text (a line break every 80 columns or so): most of its lines end in
    the middle of a sentence. Lines that each end a sentence are a paragraph each."""
    breaks = block[:-1]
    return bool(breaks) and sum(not closes_sentence(line) for line in breaks) * 2 > len(breaks)


def _at_labels(start: int, block: list[str], labels: bool = True
               ) -> list[tuple[int, list[str]]]:
    """A wrapped block cut where a line opens with a speaker's label (turns written without a
    blank line between them; not with ``labels`` False), and where a list begins, as a list
    may interrupt a paragraph: each turn one paragraph, its lines joined again; the list one
    block."""
    parts: list[tuple[int, list[str]]] = []
    in_list = False
    for offset, line in enumerate(block):
        item = bool(_LIST_START.match(line))
        stamp_alone = bool(parts) and all(lone_time(said) for said in parts[-1][1])
        if not parts or (labels and split_label(line.strip())[0] and not stamp_alone) \
                or (item and not in_list):
            parts.append((start + offset, [line]))
            in_list = item
        else:
            parts[-1][1].append(line)
    return parts


_DEFINITION = re.compile(r"^\s{0,3}:[ \t]+(?=\S)")


def _definitions(start: int, block: list[str]) -> list[tuple[int, list[str]]]:
    """A definition list (PHP Markdown Extra, Pandoc, kramdown): a term's lines, then each
    definition opening with ``: ``. Interviews written so have the question as the term and
    the answer as its definition: a paragraph each."""
    opens = [offset for offset, line in enumerate(block) if offset and _DEFINITION.match(line)]
    if not opens:
        return [(start, block)]
    parts = [(start, block[:opens[0]])]
    for first, end in zip(opens, [*opens[1:], len(block)]):
        parts.append((start + first, [_DEFINITION.sub("", block[first], count=1),
                                      *block[first + 1:end]]))
    return parts


_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+(.*)$")
_LIST_START = re.compile(r"^\s{0,3}(?:[-*+]|1[.)])\s+\S")
"""A list that may interrupt a paragraph, as CommonMark has it: bulleted, or numbered from 1
('2010. That year…' on a wrapped line goes on with the sentence)."""


def _emphasised_item(lines: list[str]) -> Para | None:
    """A one-line list item set wholly in bold or italics (``1. __Tell us about yourself.__``,
    the answer indented below it): a question set in emphasis, as a paragraph would be."""
    item = _LIST_ITEM.match(lines[0]) if len(lines) == 1 else None
    if item is None:
        return None
    for kind, pattern in _WHOLE:
        whole = pattern.match(item[1].strip())
        if whole:
            return Para(item[1].strip(), 0, emphasis=kind, plain=whole[1])  # line set by caller
    return None


_QUOTE_LINE = re.compile(r"^\s{0,3}>[ \t]?(.*)$")


def _quoted_question(lines: list[str]) -> str:
    """The text of a block quote of one paragraph that ends with a question mark, or ''."""
    paragraphs = _quoted_paragraphs(0, lines)
    if len(paragraphs) != 1 or len(paragraphs[0][1]) != len(lines) \
            or any(line.lstrip().startswith(">") for line in paragraphs[0][1]):
        return ""  # several paragraphs, or a quote within the quote
    text = " ".join(line.strip() for line in paragraphs[0][1])
    return text if ends_with_question(text) else ""


_STARRED_LABEL = re.compile(r"^(\*{2,})(?=[\w .'’-]{1,40}:)")
_STAR_RUN = re.compile(r"\*{3,}")


def _without_stray_stars(text: str) -> str:
    """A label in asterisks that pair with nothing, as an editor left them: '******Q: At the
    time…?', '**********A:********** I've been…', '**Q: When…?' with no closing '**'. Markdown
    shows them as asterisks; the label and its text are what was meant."""
    if re.match(r"\*{4}(?!\*)", text):  # '****Insgesamt…': an empty bold span, no text
        return text[4:]
    starred = _STARRED_LABEL.match(text)
    if not starred:
        return text
    if len(starred[1]) >= 3:
        return _STAR_RUN.sub("", text).strip()
    return text[2:] if text.count("**") == 1 else text


_HEADED_NAME = r"(?P<name>(?=\d{0,3}[^\W\d_])[^\W_][\w.'’ -]{0,38}?)"
"""A name over a turn: words that open with a letter, or a pseudonym's code ('3j14j0')."""
_HEADERS_OVER_TURN = (
    re.compile(rf"^{_HEADED_NAME}[ \t]{{2,}}(?P<time>\d{{1,2}}:\d{{2}}(?::\d{{2}})?)[ \t]*$"),
    re.compile(rf"^{_HEADED_NAME}(?:[ \t]+[-–|])?[ \t]+\\?[\[(](?P<time>{CLOCK})\\?[\])][ \t]*$"),
    re.compile(rf"^{_HEADED_NAME}[ \t]+[-–|][ \t]+(?P<time>{CLOCK})[ \t]*$"),
    re.compile(rf"^\\?[\[(]?(?P<time>{CLOCK})\\?[\])]?[ \t]+(?:[-–|][ \t]+)?"
               r"(?P<name>(?![a-zà-ÿ])[^\W\d_](?:[\w.'’ -]{0,37}\w)?)[ \t]*$"),
)
"""A speaker's name and the time of their turn on a line over it, as transcription services'
text exports write each turn: 'Maya Ortiz  0:02' (Otter.ai), 'Maya Ortiz (00:00:02)',
'Maya Ortiz - 00:02', '[00:00:02] Maya Ortiz', '00:00:02 Maya Ortiz', then what she said."""


_TIME_LINE = re.compile(rf"^[ \t]*\[?(?P<time>{CLOCK})\]?(?:[ \t]*(?:-|–|-->)[ \t]*\[?{CLOCK}\]?)?"
                        r"[ \t]*$")
_NAME_LINE = re.compile(r"^[ \t]*(?P<name>(?![a-zà-ÿ])[^\W\d_](?:[\w.'’ -]{0,37}\w)?)[ \t]*$")


def _two_line_heads(blocks: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """A speaker's name and the turn's time (or time span) on two lines over each turn, in
    either order ('Maya Ortiz' / '00:00:02 - 00:00:05'), as some editing tools export a
    transcript, as the one line 'Maya Ortiz (00:00:02)' that :data:`_HEADERS_OVER_TURN`
    reads; only where two names or more each head two turns or more."""
    joined = [_joined_head(block) for _, block in blocks]
    named = Counter(name for name, _ in filter(None, joined))
    if sum(count >= 2 for count in named.values()) < 2:
        return blocks
    return [(start, [f"{head[0]} ({head[1]})", *block[2:]]
             if head and named[head[0]] >= 2 else block)
            for (start, block), head in zip(blocks, joined)]


_LINE_BREAK_TAG = re.compile(r"\s*<br\s*/?>\s*", re.I)


def _questions_apart(blocks: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """A question's line, labelled as one ('Q: Why?', ending with a question mark, or numbered,
    'Pergunta 13. Relatório de …'), set apart from the unlabelled lines right under it, its
    answer written with no blank line between."""
    apart: list[tuple[int, list[str]]] = []
    for start, block in blocks:
        label = split_label(block[0].strip())[0] if len(block) > 1 else ""
        if label and role_of_label(label) == INTERVIEWER and not split_label(block[1].strip())[0] \
                and (ends_with_question(block[0]) or numbered_question(block[0].strip())):
            apart += [(start, block[:1]), (start + 1, block[1:])]
        else:
            apart.append((start, block))
    return apart


_PLAIN_NAME_LINE = re.compile(r"^(?P<name>[A-ZÀ-Ý][\w'’.-]*(?: (?:[A-ZÀ-Ý][\w'’.-]*|\d{1,2})){1,3})"
                              r"[ \t]*$")
"""A name of two words or more alone on its line: 'Jonas Rosland', 'Speaker 2'."""
PLAIN_NAME_SHARE = 0.5
"""The share of a file's blocks that a speaker's name alone must head (:func:`_plain_name_heads`)."""


def _plain_name_heads(blocks: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """A speaker's name alone on the line over each turn, with no time and no bold ('Jonas
    Rosland', then what he said), as Otter.ai exports a transcript whose times are left out:
    the name is the turn's label, where two names or more each head two turns or more and
    such turns are half of the file's blocks or more; then also a full name over one turn."""
    heads = [_PLAIN_NAME_LINE.match(block[0]) if len(block) >= 2 and not _QUOTE_LINE.match(
        block[1]) and not _LIST_ITEM.match(block[1]) else None for _, block in blocks]
    named = Counter(head["name"] for head in heads if head)
    speakers = {name for name, count in named.items() if count >= 2}
    if len(speakers) < 2 or sum(named[name] for name in speakers) < PLAIN_NAME_SHARE * len(blocks):
        return blocks
    first = next(at for at, head in enumerate(heads) if head and head["name"] in speakers)
    speakers |= {head["name"] for head in heads[first:]  # a full name heard once, not a header
                 if head and not head["name"].isupper()}
    return [(start, [f"{head['name']}: {block[1].strip()}", *block[2:]])
            if head and head["name"] in speakers else (start, block)
            for (start, block), head in zip(blocks, heads)]


def _joined_head(block: list[str]) -> tuple[str, str] | None:
    """(name, time) of a block's first two lines, a name and a time in either order, over at
    least one line of text; None for any other block."""
    if len(block) >= 3:
        for name_at, time_at in ((0, 1), (1, 0)):
            name, time = _NAME_LINE.match(block[name_at]), _TIME_LINE.match(block[time_at])
            if name and time:
                return name["name"], time["time"]
    return None


def _over_turn(lines: list[str]) -> re.Match | None:
    """The line over a turn that names its speaker, with the time ('Maya Ortiz  0:02') or
    alone in bold ('**Jamie**'), the turn right under it; None for any other block."""
    if len(lines) < 2 or _QUOTE_LINE.match(lines[1]) or _LIST_ITEM.match(lines[1]):
        return None  # a quoted turn is _names_then_quotes'; a list under a bold line a list's
    return next((head for pattern in _HEADERS_OVER_TURN if (head := pattern.match(lines[0]))),
                None) or _NAME_ALONE.match(lines[0])


def _head_name(head: re.Match) -> str:
    """The speaker a line over a turn names (:func:`_over_turn`)."""
    return head["name"] if "time" in head.groupdict() else head["label"]


def _names_over_turns(blocks: list[list[str]], heads: list[re.Match | None]) -> set[str]:
    """The names that head turns so (``heads``, each block's :func:`_over_turn`): each over
    two turns or more, or a speaker's label elsewhere in the file ('**Jon**' over one turn,
    '**Jon**:' or '**Jon**' alone on a paragraph of its own over others), where two speakers
    or more are named (a bold 'Further Reading' over one paragraph is no speaker)."""
    heads = Counter(_head_name(head) for head in heads if head)
    if not heads:
        return set()
    labels = {split_label(block[0].strip())[0] or (alone["label"] if len(block) == 1 and (
        alone := _NAME_ALONE.match(block[0])) else "") for block in blocks} - {""}
    speakers = {name for name, count in heads.items() if count >= 2 or name in labels}
    return speakers if len(speakers | labels) >= 2 else set()


def _header_as_label(lines: list[str], head: re.Match | None, speakers: set[str]
                     ) -> list[str]:
    """A turn under a line (``head``) of its speaker's name and time ('Maya Ortiz  0:02') or
    of the name alone in bold ('**Jamie**'), one of ``speakers``, as the label it is: 'Maya
    Ortiz (0:02): …', '**Jamie:** …'."""
    if head is None or _head_name(head) not in speakers:
        return lines
    label = f"{head['name']} ({head['time']}):" if "time" in head.groupdict() \
        else f"{head[1]}{head['label']}:{head[1]}"
    return [f"{label} {lines[1].strip()}", *lines[2:]]


def _paragraph(lines: list[str], line: int, markdown: bool) -> Para:
    if markdown and _BLOCK.match(lines[0]):
        question = _emphasised_item(lines)
        if question is not None:
            return Para(question.text, line, emphasis=question.emphasis, plain=question.plain)
        quoted = _quoted_question(lines)
        if quoted:  # "> How did you get involved? What attracted you?": set as a quotation
            return Para(quoted, line, emphasis="quote", plain=quoted)
        item = _LIST_ITEM.match(lines[0]) if len(lines) == 1 else None
        if item and ends_with_question(item[1]):  # "* Why a book?", "1. What is your role?"
            return Para(item[1].strip(), line, emphasis="item", plain=item[1].strip())
        return Para("\n".join(lines), line, block=True)
    text = " ".join(part.strip() for part in lines)
    if markdown:
        text = _without_stray_stars(text)
        heading = _HEADING.match(text)
        if heading:
            return Para(heading[2], line, heading=len(heading[1]))
        if (set_so := _emphasised_lines(lines)):
            return Para(text, line, emphasis=set_so[0], plain=set_so[1])
        for kind, pattern in _WHOLE:
            whole = pattern.match(text)
            if whole and "\n" not in whole[1]:
                return Para(text, line, emphasis=kind, plain=whole[1])
        return Para(text, line)
    rest, time = without_stamp(text), stamp_of(text)
    named = TIMED_BOLD_NAME.match(rest) if time else None
    if named:  # "0:00:14.2 **Jen Luker** text": the name is the turn's label
        return Para(escape(rest[named.end():]), line, label=named["label"], time=time)
    return Para(escape(rest), line, time=time)
