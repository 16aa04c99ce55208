"""The text of Arabic-script marks in the PDFs: each mark's own, and kept in its word.

WeasyPrint gives each glyph the text of the first cluster it draws it in, whole: Noto Naskh
draws أْ as two glyphs, and the sukun's glyph was copied as أْ wherever it stood after that
(وَكُنْتُ as وَكُنأْتُ), while the glyph of أ was copied as nothing. A mark's glyph that
the font's own character map gives for that mark has that mark as its text, and a glyph
left with no text has the character it stands for (:func:`marks_keep_own_text`).

A mark that the font moves up or down (the damma of مُهره, the hamza of نسخهٔ, every
haraka of a vocalised Arabic text) is shown by WeasyPrint as a ``TJ`` of its own under a
text rise (``Ts``). pdftotext then sees it off the line and puts it apart from its letter
(``ُ مهره``, ``مَ تَى``): poppler joins only a dozen Latin spacing accents to the letter
before them. Each run of text with such a glyph (a line's run of one style) is wrapped in a
marked-content span whose ``/ActualText`` is the text of its glyphs, which poppler takes
instead of the glyphs' own (PDF 32000-1, 14.9.4: Acrobat is to as well, not checked here;
pdf.js 4 does not read it, and reads the same text items as before). poppler spreads a
span's text evenly over its width, so a search there is highlighted about where the word is.
The drawing is unchanged (:func:`raised_marks_extractable`).
"""

from __future__ import annotations

import io
import re
import unicodedata

import pydyf

from .pdf_text import (TextFont, fonts_in_force, resolved, rewrite_texts, shown_codes,
                       text_fonts)

_RISE = re.compile(rb"(-?[0-9.]+) Ts")


def raised_marks_extractable(pdf: pydyf.PDF) -> None:
    """Wrap each run of text that shows a raised glyph in an ``/ActualText`` span."""
    raising = [item for item in pdf.objects if isinstance(item, pydyf.Stream) and any(
        isinstance(operation, bytes) and operation.endswith(b" Ts") for operation in item.stream)]
    if raising:
        texts = {font.name: font.texts for font in text_fonts(pdf)}
        for stream in raising:
            stream.stream = _spanned(stream.stream, texts)


def marks_keep_own_text(pdf: pydyf.PDF) -> None:
    """Mend the text WeasyPrint gave the glyphs of a cluster: a mark's glyph that stands
    for a cluster's whole text gets its own, and a glyph with no text the character the
    font's character map gives it for (its letter, for a presentation form)."""
    for font in text_fonts(pdf):
        texts = {code: bytes.fromhex(text.decode()).decode("utf-16-be")
                 for code, text in font.texts.items()}
        if not any(text == "" or (len(text) > 1 and any(map(_is_mark, text)))
                   for text in texts.values()):
            continue
        characters = _characters_of_glyphs(pdf, font)
        mended = {code.encode(): own for code, text in texts.items()
                  if (own := _own_text(text, characters.get(int(code, 16), ""))) != text}
        if mended:
            rewrite_texts(font.to_unicode, lambda match: _entry(match, mended))


def _own_text(text: str, characters: str) -> str:
    """A glyph's text, given the characters the font's map gives that glyph for."""
    letters = [c for c in characters if not _is_presentation_form(c)] or [
        unicodedata.normalize("NFKC", c) for c in characters]
    if not letters:
        return text
    if text == "":
        return letters[0]
    marks = [c for c in letters if _is_mark(c) and c in text]
    return marks[0] if len(text) > 1 and marks else text


def _characters_of_glyphs(pdf: pydyf.PDF, font: TextFont) -> dict[int, str]:
    """For each glyph of the embedded font, the characters its character map gives it for."""
    from fontTools.ttLib import TTFont

    descendant = resolved(pdf, font.dictionary["DescendantFonts"][0])
    descriptor = resolved(pdf, descendant["FontDescriptor"])
    file = descriptor.get("FontFile2")
    if file is None or descendant.get("CIDToGIDMap") != "/Identity":
        return {}
    try:
        embedded = TTFont(io.BytesIO(b"".join(resolved(pdf, file).stream)))
        cmap = embedded.getBestCmap() or {}
    except Exception:  # a font fontTools cannot read: its texts stay as WeasyPrint wrote them
        return {}
    found: dict[int, str] = {}
    for character, glyph in cmap.items():
        number = embedded.getGlyphID(glyph)
        found[number] = found.get(number, "") + chr(character)
    return found


def _entry(match: re.Match, mended: dict[bytes, str]) -> bytes:
    if match[1] not in mended:
        return match[0]
    return b"<%s> <%s>" % (match[1], mended[match[1]].encode("utf-16-be").hex().encode())


def _is_mark(character: str) -> bool:
    """Whether ``character`` is one combining mark (not a presentation form's letters, which
    NFKC gives as several: ﻻ is لا)."""
    return len(character) == 1 and unicodedata.category(character) == "Mn"


def _is_presentation_form(character: str) -> bool:
    return "\ufb50" <= character <= "\ufdff" or "\ufe70" <= character <= "\ufeff"


def _spanned(operations: list, texts: dict[bytes, dict[str, bytes]]) -> list:
    """``operations`` with each run of a text object (from its start, or from a text matrix
    after the first or a marked-content operator, to the next of those or its end) that
    shows a raised glyph in an ``/ActualText`` span. A span any shorter would cut the run
    where pdf.js reads it whole: pdf.js ends its text item at every marked-content
    boundary, and puts the items of a right-to-left line in the order they are drawn. A
    span any longer would give poppler the text of several runs as one, in the order they
    are drawn, not read."""
    shown: list = []
    run: tuple[int, bytes] | None = None
    """Where in ``shown`` the run being read begins, inside a text object, and its font."""
    started = raised = False

    def close() -> None:
        if run is not None and raised:
            shown.insert(run[0], _actual_text(shown[run[0]:], texts, run[1]))
            shown.append(b"EMC")

    for at, (font, operation) in enumerate(fonts_in_force(operations)):
        if run is not None:
            matrix = isinstance(operation, bytes) and operation.endswith(b" Tm")
            marked = isinstance(operation, bytes) and operation.endswith(_MARKED_CONTENT)
            if operation == b"ET" or (matrix and started) or marked:
                close()  # a span nests inside marked content, never across its edge
                run, raised = (None if operation == b"ET" else
                               (len(shown) + marked, font)), False
            started = started or matrix or shown_codes(operation) is not None
            raised = raised or (run is not None and _raises_a_glyph(operations, at))
        shown.append(operation)
        if operation == b"BT":
            run, started, raised = (len(shown), font), False, False
    return shown


_MARKED_CONTENT = (b"BDC", b"BMC", b"EMC")


def _actual_text(operations: list, texts: dict[bytes, dict[str, bytes]], font: bytes) -> bytes:
    """A span's opening: the text of the glyphs it shows, in the order they are drawn, as a
    ligature's is (see :func:`exporters.layout.right_to_left_ligatures_extractable`)."""
    text = []
    for shown_in, operation in fonts_in_force(operations, font):
        codes = texts.get(shown_in, {})
        text += [codes.get(code, b"") for code in (shown_codes(operation) or [])]
    return b"/Span <</ActualText <feff%s>>> BDC" % b"".join(text)


def _raises_a_glyph(operations: list, at: int) -> bool:
    """Whether ``operations[at]`` on show a glyph as WeasyPrint shows one the font moves up
    or down: a text rise, a ``TJ`` of that one glyph, and the rise back to 0."""
    if at + 2 >= len(operations):
        return False
    rise, shown, back = operations[at:at + 3]
    return (back == b"0 Ts" and isinstance(rise, bytes) and (raised := _RISE.fullmatch(rise))
            is not None and float(raised[1]) != 0 and len(shown_codes(shown) or ()) == 1)
