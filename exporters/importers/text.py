"""Plain text and Markdown, as copied from a browser or saved by an editor.

Paragraphs are separated by blank lines; text copied with one line per
paragraph (no blank lines) is read line by line. Transcripts of ``Name: text``
lines, with or without timestamps, come through here too.
"""

from __future__ import annotations

import re
from pathlib import Path

from .structure import _TIMESTAMP, Extract, Note, Para, split_label
from .write import escape

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_WHOLE = (
    ("strong", re.compile(r"^\*\*(?!\s)(.+?)(?<!\s)\*\*$")),
    ("strong", re.compile(r"^__(?!\s)(.+?)(?<!\s)__$")),
    ("em", re.compile(r"^\*(?![\s*])(.+?)(?<![\s*])\*$")),
    ("em", re.compile(r"^_(?![\s_])(.+?)(?<![\s_])_$")),
)
_BLOCK = re.compile(r"^\s{0,3}([-*+]\s|>|\d+[.)]\s|```|~~~|\|)")


def decode(data: bytes) -> tuple[str, str]:
    """The text, and a note when it was not UTF-8."""
    try:
        text, note = data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        text, note = data.decode("cp1252", errors="replace"), "the file is not UTF-8; read as Windows-1252"
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " "), note


def read_text(path: Path, markdown: bool) -> Extract:
    text, note = decode(path.read_bytes())
    extract = Extract([])
    if note:
        extract.unsure.append(Note(1, note))
    for line, lines in _blocks(text.split("\n")):
        if markdown and re.fullmatch(r"\s*([-*_]\s*){3,}", " ".join(lines)):
            continue  # a thematic break
        extract.paras.append(_paragraph(lines, line, markdown))
    return extract


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """(first line, lines) of each paragraph."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    nonblank = sum(len(block) for _, block in blocks)
    one_per_line = len(blocks) < 0.3 * nonblank
    result: list[tuple[int, list[str]]] = []
    for start, block in blocks:
        labelled = sum(1 for line in block if split_label(line.strip())[0])
        fenced = block[0].lstrip().startswith(("```", "~~~", ">", "|", "- ", "* ", "+ "))
        menu = len(block) >= 2 and sum(
            len(line.split()) <= 8 and not line.rstrip().endswith((".", "?", "!", ",", ";", ":"))
            for line in block) * 2 > len(block)
        if (one_per_line or labelled >= 2 or menu) and not fenced:
            result += [(start + offset, [line]) for offset, line in enumerate(block)]
        else:
            result.append((start, block))
    return result


def _paragraph(lines: list[str], line: int, markdown: bool) -> Para:
    if markdown and _BLOCK.match(lines[0]):
        return Para("\n".join(lines), line, block=True)
    text = " ".join(part.strip() for part in lines)
    if markdown:
        heading = _HEADING.match(text)
        if heading:
            return Para(heading[2], line, heading=len(heading[1]))
        for kind, pattern in _WHOLE:
            whole = pattern.match(text)
            if whole and "\n" not in whole[1]:
                return Para(text, line, emphasis=kind, plain=whole[1])
        return Para(text, line)
    return Para(escape(_TIMESTAMP.sub("", text, count=1)), line)
