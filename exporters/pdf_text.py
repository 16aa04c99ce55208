"""What the PDF finishers read of the text WeasyPrint wrote: each font's ToUnicode map, and
the glyph codes a content stream shows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

import pydyf

GLYPH_TEXT = re.compile(rb"<([0-9a-f]{4})> <((?:[0-9a-f]{4})*)>")
"""An entry of a ToUnicode map: a glyph's code and its text, UTF-16BE in hex."""
FONT_OPERATOR = re.compile(rb"/(\S+) \S+ Tf")
SHOWN_ITEM = re.compile(rb"<([0-9a-f]*)>|([-+]?[0-9.]+)")
"""An item of a ``TJ`` array: a hex string of codes, or a number."""


@dataclass(frozen=True)
class TextFont:
    """A font of the written PDF with a ToUnicode map."""

    name: bytes
    """Its name in the pages' resources (``Tf``)."""
    dictionary: pydyf.Dictionary
    to_unicode: pydyf.Stream

    @cached_property
    def texts(self) -> dict[str, bytes]:
        """The text of each code (4 hex digits), UTF-16BE in hex, as its ToUnicode map has it
        when first asked."""
        return {match[1].decode(): match[2] for line in self.to_unicode.stream
                if isinstance(line, bytes) for match in GLYPH_TEXT.finditer(line)}


def text_fonts(pdf: pydyf.PDF) -> list[TextFont]:
    found = []
    for item in pdf.objects:
        if not (isinstance(item, pydyf.Dictionary) and item.get("Subtype") == "/Type0"
                and "ToUnicode" in item):
            continue
        base_font = item["BaseFont"]  # b"/<resource name>+<family>"
        name = (base_font if isinstance(base_font, bytes) else base_font.encode())
        found.append(TextFont(name[1:].split(b"+")[0], item, resolved(pdf, item["ToUnicode"])))
    return found


def fonts_in_force(operations: Iterable, font: bytes = b"") -> Iterator[tuple[bytes, object]]:
    """Each operation of a content stream, with the font in force once it has run: its name in
    the pages' resources, as ``Tf`` sets it (``font`` before any)."""
    for operation in operations:
        if isinstance(operation, bytes) and (chosen := FONT_OPERATOR.fullmatch(operation)):
            font = chosen[1]
        yield font, operation


def resolved(pdf: pydyf.PDF, reference: object) -> object:
    """The object a reference (``b"12 0 R"``) names."""
    text = reference.decode() if isinstance(reference, bytes) else str(reference)
    return pdf.objects[int(text.split()[0])]


def shown_codes(operation: object) -> list[str] | None:
    """The glyph codes a ``TJ`` shows, or None if ``operation`` is no ``TJ``."""
    if not (isinstance(operation, bytes) and operation.startswith(b"[")
            and operation.endswith(b"] TJ")):
        return None
    return [code for block, _ in SHOWN_ITEM.findall(operation[1:-4]) for code in codes_in(block)]


def codes_in(block: bytes) -> list[str]:
    """The codes (4 hex digits each) of one hex string of a ``TJ``."""
    return [block[at:at + 4].decode() for at in range(0, len(block), 4)]


def rewrite_texts(to_unicode: pydyf.Stream, entry: Callable[[re.Match], bytes]) -> None:
    """Each entry of a ToUnicode map (a :data:`GLYPH_TEXT` match) as ``entry`` writes it."""
    to_unicode.stream = [GLYPH_TEXT.sub(entry, line) if isinstance(line, bytes) else line
                         for line in to_unicode.stream]
