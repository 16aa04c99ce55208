"""Letters that a font draws with no advance, kept in their word as pdf.js reads it.

Noto Naskh draws a lam-alef (لا) as two glyphs: the alef first, with no advance, then the
lam over it. pdf.js measures the gap before each glyph from the end of the last glyph that
advanced, so after a space it found the space twice, before the alef and again before the
lam, and gave حالا as "حال ا". Each glyph whose width in the font's ``/W`` is 0 and whose
text is more than marks, joiners and spaces is given a width of a thousandth of an
em, and every ``TJ`` that shows it moves back by as much right after it: each glyph is drawn
where it was, and pdf.js sees the alef advance (:func:`zero_advance_letters_extractable`).
The width in ``/W`` then differs from the font program's by 1/1000 unit, which PDF/A-2 and
the checkers that follow it count as consistent ("a difference of no more than 1/1000 unit").
"""

from __future__ import annotations

import unicodedata

import pydyf

from .pdf_text import (SHOWN_ITEM, codes_in, fonts_in_force, resolved, shown_codes,
                       text_fonts)


def zero_advance_letters_extractable(pdf: pydyf.PDF) -> None:
    """Give each letter drawn with no advance a width of 1, taken back where it is shown.
    Fonts whose codes are their glyphs (``/Identity-H``, as WeasyPrint writes them) only,
    before :func:`exporters.joiners.joiners_extractable` gives some glyphs codes of their own."""
    widened: dict[bytes, set[str]] = {}
    for font in text_fonts(pdf):
        if font.dictionary.get("Encoding") != "/Identity-H":
            continue
        descendant = resolved(pdf, font.dictionary["DescendantFonts"][0])
        widths = _widths(descendant.get("W") or [])
        letters = {code for code in (f"{number:04x}" for number, width in widths.items()
                                     if width == 0)
                   if _is_base_character(font.texts.get(code, b""))}
        if letters:
            widths.update((int(code, 16), 1) for code in letters)
            descendant["W"] = _width_array(widths)
            widened[font.name] = letters
    if not widened:
        return
    for stream in (item for item in pdf.objects if isinstance(item, pydyf.Stream)):
        stream.stream = [_taken_back(operation, letters) if (letters := widened.get(font))
                         and not letters.isdisjoint(shown_codes(operation) or ()) else operation
                         for font, operation in fonts_in_force(stream.stream)]


def _widths(array: list) -> dict[int, float]:
    """The widths a ``/W`` array gives, by code: ``c [w1 w2 …]`` and ``c1 c2 w`` entries."""
    widths: dict[int, float] = {}
    at = 0
    while at + 1 < len(array):
        if isinstance(array[at + 1], (list, tuple)):
            widths.update((array[at] + offset, width) for offset, width in
                          enumerate(array[at + 1]))
            at += 2
        elif at + 2 < len(array):
            widths.update((code, array[at + 2]) for code in range(array[at], array[at + 1] + 1))
            at += 3
        else:
            break
    return widths


def _width_array(widths: dict[int, float]) -> pydyf.Array:
    """A ``/W`` array as WeasyPrint writes one: each run of codes in a row, ``c [w1 w2 …]``."""
    array = pydyf.Array()
    for code in sorted(widths):
        if code - 1 not in widths:
            array.append(code)
            array.append(pydyf.Array())
        array[-1].append(widths[code])
    return array


def _is_base_character(text_hex: bytes) -> bool:
    """Whether a glyph's text has a character that stands on its own (a letter, digit,
    punctuation or symbol), not only marks, format characters or spaces."""
    text = bytes.fromhex(text_hex.decode()).decode("utf-16-be", "replace")
    return any(unicodedata.category(char)[0] in "LNPS" for char in text)


def _taken_back(operation: bytes, letters: set[str]) -> bytes:
    """A ``TJ`` that moves back by a thousandth of an em after each of ``letters``: a number
    of its own, as a ``TJ`` may have several in a row, so that no number is rewritten."""
    items: list[bytes] = []
    for block, number in SHOWN_ITEM.findall(operation[1:-4]):
        if number:
            items.append(number)
            continue
        codes = codes_in(block)
        start = 0
        for at, code in enumerate(codes, 1):
            if code in letters:
                items += [b"<%s>" % "".join(codes[start:at]).encode(), b"1"]
                start = at
        if start < len(codes) or not codes:
            items.append(b"<%s>" % "".join(codes[start:]).encode())
    return b"[" + b" ".join(items) + b"] TJ"
