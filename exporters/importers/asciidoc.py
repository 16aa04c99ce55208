"""AsciiDoc, as Asciidoctor, Antora and sites such as Jenkins' write their posts.

The document header (``= Title`` and the ``:name: value`` attributes under it) is read as a
front matter; the body is written as the Markdown it means, line for line (so that reports
still name the file's lines), and read as Markdown is: ``== Section`` is a heading,
``*bold*`` strong, ``link:URL[text]`` a link, a ``____`` block a quotation, ``----`` a
listing; comments, block attributes and anchors are no text.
"""

from __future__ import annotations

import re
from pathlib import Path

from .said import Extract
from .text import _take_fields, check_lines, decode, read_text

_ATTRIBUTE = re.compile(r"^:(?P<name>!?[\w][\w-]*!?):(?:[ \t]+(?P<value>.*))?$")
_TITLE = re.compile(r"^=[ \t]+\S")
_REFERENCE = re.compile(r"\{([\w][\w-]{0,99})\}")
"""A reference to an attribute, '{guest}': the value the header gives it, where it does."""
_HEADING = re.compile(r"^(?P<level>={1,6})[ \t]+(?P<text>\S.*)$")
_COMMENT_BLOCK = "////"
_NOT_TEXT = re.compile(r"^(?://(?!/).*|\[\[?[^\]]*\]\]?|\.(?=\w)\S.*|ifn?def::.*|endif::.*|"
                       r"include::.*|toc::.*|\+|'{3,}|-{3}|\*{3})$")
"""A comment, block attributes or an anchor (``[quote]``, ``[[intro]]``), a block title
(``.Figure 1``), a conditional or an include, a list continuation (``+`` alone, which joins
the block under it to the item above) or a thematic break: no text of the interview."""
_DELIMITERS = {"----": "```", "....": "```", "____": ">", "****": "", "====": "", "--": "",
               "++++": "```"}
_IMAGE = re.compile(r"(?<![^\s(])image::?(?P<target>[^\s\[]{1,2000})\[(?P<alt>[^\]]{0,2000})\]")
_LINK = re.compile(r"(?<![^\s(])(?:link:(?P<target>[^\s\[]{1,2000})|(?P<url>https?://[^\s\[]{1,2000}))"
                   r"\[(?P<text>[^\]]{0,2000})\]")
_CROSS_REFERENCE = re.compile(r"<<[^,<>]{1,200},\s*(?P<text>[^<>]{1,500})>>|"
                              r"(?<![^\s(])xref:[^\s\[]{1,2000}\[(?P<label>[^\]]{0,2000})\]")
_STRONG = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(?P<text>[^*\n]*?[^\s*])\*(?![\w*])")
_DOUBLE_UNDERSCORE = re.compile(r"__(?P<text>[^_\n]+?)__")
_ORDERED_ITEM = re.compile(r"^(?P<indent>[ \t]*)\.{1,5}[ \t]+(?=\S)")
_NESTED_ITEM = re.compile(r"^(?P<stars>\*{2,5})[ \t]+(?=\S)")
_HARD_BREAK = re.compile(r"[ \t]\+$")
_FIELDS = {"date": "date", "revdate": "date", "datepublished": "date", "published": "date",
           "author": "author", "authors": "author", "description": "description",
           "summary": "summary", "keywords": "keywords", "tags": "tags", "lang": "lang",
           "language": "lang", "subtitle": "subtitle"}
"""Header attributes as the front matter fields they are, also after a site's own prefix
(Jenkins' ``:page-datepublished:``, Awestruct's ``:awestruct-tags:``)."""


def read_asciidoc(path: Path, data: bytes) -> Extract:
    text, notes = decode(path, data)
    check_lines(path, text)
    lines = text.split("\n")
    values, body_from = _header(lines)
    defined = {attribute["name"].lower(): attribute["value"] or "" for attribute in
               (_ATTRIBUTE.match(line.strip()) for line in lines[:body_from]) if attribute}
    markdown = ["" if number < body_from and not _TITLE.match(line) else
                _REFERENCE.sub(lambda found: defined.get(found[1].lower(), found[0]), line)
                for number, line in enumerate(lines)]
    extract = read_text(path, "\n".join(_as_markdown(markdown)).encode("utf-8"), True,
                        lines_join=True)
    extract.unsure[:0] = notes
    _take_fields(values, extract)
    return extract


def _header(lines: list[str]) -> tuple[dict[str, str | list[str]], int]:
    """The header's attributes as front matter, and the line its body starts at. The header
    is the title's line, then an author line ('Ruth Vale <ruth@example.org>') and a revision
    line ('v1.0, 2019-10-01: first draft') if they are there, and the attribute lines."""
    from .infer import find_date

    first = next((number for number, line in enumerate(lines) if line.strip()), 0)
    if first >= len(lines) or not _TITLE.match(lines[first]):
        return {}, 0
    values: dict[str, str | list[str]] = {}
    at = first + 1
    while at < len(lines) and lines[at].strip():
        line = lines[at].strip()
        attribute = _ATTRIBUTE.match(line)
        if attribute:
            name = attribute["name"].strip("!").lower()
            field = _FIELDS.get(name) or _FIELDS.get(name.rsplit("-", 1)[-1], name)
            values[field] = _value(attribute["value"] or "")
        elif line.startswith("//"):
            pass
        elif at == first + 1:
            values["author"] = line.split("<")[0].strip()
        elif at == first + 2 and (revised := find_date(line)):
            values["date"] = revised.isoformat()
        else:
            break
        at += 1
    return values, at


def _value(text: str) -> str | list[str]:
    """An attribute's value: a list where it is written as one (``[ "Interview", "Search" ]``,
    as Awestruct's tags are)."""
    listed = re.fullmatch(r"\[(.*)\]", text.strip())
    if not listed:
        return text
    return [item.strip().strip("'\"") for item in listed[1].split(",") if item.strip(" '\"")]


_VERBATIM = ("----", "....", "++++")


def _as_markdown(lines: list[str]) -> list[str]:
    """The body's lines as Markdown, one for one. Blocks may hold blocks (a listing in an
    example); a delimiter is never written as text, which Markdown could read as a heading's
    underline."""
    written: list[str] = []
    open_blocks: list[str] = []  # the delimiters of the blocks the line is in, outermost first
    after_blank = True
    for line in lines:
        bare = line.strip()
        inside = open_blocks[-1] if open_blocks else ""
        quoted = "____" in open_blocks
        if inside == _COMMENT_BLOCK or (bare == _COMMENT_BLOCK and not inside in _VERBATIM):
            _open_or_close(open_blocks, bare)
            written.append("")
        elif inside in _VERBATIM and bare != inside:
            written.append(f"> {line}" if quoted else line)
        elif bare in _DELIMITERS:
            _open_or_close(open_blocks, bare)
            mark = _DELIMITERS[bare] if _DELIMITERS[bare] == "```" else ""
            written.append(f"> {mark}" if quoted and mark else ">" if quoted else mark)
        elif (_NOT_TEXT.match(bare) and (after_blank or not bare.startswith("."))) \
                or _ATTRIBUTE.match(bare):
            written.append(">" if quoted else "")
        else:
            markdown = _inline(_block_start(line))
            written.append(f"> {markdown}" if quoted and markdown.strip() else
                           ">" if quoted else markdown)
        after_blank = not bare
    return written


def _open_or_close(open_blocks: list[str], delimiter: str) -> None:
    """Close the innermost block if ``delimiter`` is its own, else open one."""
    if open_blocks and open_blocks[-1] == delimiter:
        open_blocks.pop()
    else:
        open_blocks.append(delimiter)


def _block_start(line: str) -> str:
    """A line's AsciiDoc block markup as Markdown's: headings, ordered and nested items."""
    heading = _HEADING.match(line)
    if heading:
        return f"{'#' * len(heading['level'])} {_without_closing_marks(heading['text'])}"
    ordered = _ORDERED_ITEM.match(line)
    if ordered:
        return f"{ordered['indent']}1. {line[ordered.end():]}"
    nested = _NESTED_ITEM.match(line)
    if nested:
        return f"{'  ' * (len(nested['stars']) - 1)}- {line[nested.end():]}"
    return line


def _without_closing_marks(title: str) -> str:
    """A section title without the marks that may close it ('== Why? ==')."""
    title = title.rstrip()
    bare = title.rstrip("=")
    return bare.rstrip() if bare != title and bare != bare.rstrip() else title


def _inline(line: str) -> str:
    """A line's inline AsciiDoc as Markdown: images, links, cross references, strong text,
    emphasis written ``__thus__``, and no hard-break marks."""
    line = _IMAGE.sub(lambda found: f"![{found['alt']}]({found['target']})", line)
    line = _LINK.sub(lambda found: f"[{found['text'] or found['target'] or found['url']}]"
                                   f"({found['target'] or found['url']})", line)
    line = _CROSS_REFERENCE.sub(lambda found: found["text"] or found["label"] or "", line)
    line = _DOUBLE_UNDERSCORE.sub(r"_\g<text>_", line)
    line = _STRONG.sub(r"**\g<text>**", line)
    return _HARD_BREAK.sub("", line)
