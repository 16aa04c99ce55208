"""Zero-width non-joiners kept in the PDFs' text: می‌کند is copied, searched and spoken as
written, not as میکند.

Pango shapes a zero-width non-joiner (U+200C) into no glyph at all (it is a default-ignorable
code point), and WeasyPrint writes no glyph, so nothing in the PDF's content or ToUnicode
maps carries the character. For the PDF editions only, each ZWNJ of Arabic-script text is
handed to WeasyPrint as :data:`CARRIER`, a Private Use Area code point that the build's
copy of each Arabic-script font maps to one of the font's own empty, zero-width glyphs.
HarfBuzz's Arabic shaper joins across it as across a ZWNJ (an unknown, non-mark code point
does not join), so the letters keep their forms; WeasyPrint then draws the empty glyph and
lists it in the font's ToUnicode map, where the written PDF gets ZWNJ back.

The fonts are changed in memory when the PDF stylesheet is made (Noto Naskh Arabic has no
Reserved Font Name, see fonts/OFL-Noto.txt): one more ``cmap`` entry, nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pydyf

from .assets import data_uri
from .pdf_text import SHOWN_ITEM, codes_in, fonts_in_force, rewrite_texts, text_fonts
from .typography import ARABIC_SCRIPT_CHARACTERS

ZWNJ = "\u200c"
CARRIER = "\ue20c"
"""General category Co (HarfBuzz: non-joining), no script (Pango keeps it in its neighbours'
run), bidi class L (a zero-width level-2 run between right-to-left letters: drawn where the
ZWNJ would be)."""
ARABIC_LETTER = "\u0627"
"""A font that has alef sets Arabic-script text, and so gets a carrier."""
EMPTY_GLYPH_SOURCES = (0x200B, 0x2060, 0xFEFF, 0x200C, 0x200D)
"""Code points whose glyph, where it has no outline and no advance, carries the ZWNJ (Noto
Naskh Arabic draws its own U+200C glyph visibly, for editors that show invisibles)."""

_CARRIED = re.compile(
    f"(?<=[{ARABIC_SCRIPT_CHARACTERS}])"
    "(?:\u200c|&zwnj;|&#8204;|&#x200[cC];)")
_CARRIER_HEX = CARRIER.encode("utf-16-be").hex().encode()
_ZWNJ_HEX = ZWNJ.encode("utf-16-be").hex().encode()


def with_carriers(html: str) -> str:
    """The HTML given to WeasyPrint for a PDF: each ZWNJ after an Arabic-script character in
    the body as :data:`CARRIER`. A document that has the carrier itself is left as it is."""
    if CARRIER in html:
        return html
    head, body_tag, body = html.partition("<body")
    if not body_tag:
        return html
    return head + body_tag + _CARRIED.sub(CARRIER, body)


def carrier_font(font: bytes) -> bytes | None:
    """``font`` with :data:`CARRIER` mapped to one of its empty, zero-width glyphs; ``None``
    for a font that does not set Arabic script, already maps the carrier or has no such
    glyph."""
    from fontTools.ttLib import TTFont

    parsed = TTFont(BytesIO(font), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    cmap = parsed.getBestCmap()
    if ord(CARRIER) in cmap or ord(ARABIC_LETTER) not in cmap:
        return None
    glyph = next((cmap[code] for code in EMPTY_GLYPH_SOURCES
                  if code in cmap and is_empty(parsed, cmap[code])), None)
    if glyph is None:
        return None
    for table in parsed["cmap"].tables:
        if table.format in (4, 12) and table.isUnicode():
            table.cmap[ord(CARRIER)] = glyph
    written = BytesIO()
    parsed.save(written)
    return written.getvalue()


def is_empty(font: object, glyph: str) -> bool:
    """Whether ``glyph`` of ``font`` (a fontTools ``TTFont``) has no outline and no advance."""
    from fontTools.pens.boundsPen import BoundsPen

    glyphs = font.getGlyphSet()  # type: ignore[attr-defined]
    pen = BoundsPen(glyphs)
    glyphs[glyph].draw(pen)
    return pen.bounds is None and glyphs[glyph].width == 0


def font_uri(path: Path) -> tuple[str, bool]:
    """The URL the PDF stylesheet's ``@font-face`` names for the font file ``path`` (its copy
    with a carrier as a ``data:`` URL, or the file itself), and whether text set with it may
    hold the carrier: not when it is an Arabic-script font that cannot draw it (it has no
    empty glyph, or its own character there), which would print a missing glyph's box."""
    font = path.read_bytes()
    carried = carrier_font(font)
    if carried is not None:
        return data_uri(carried, "font/ttf"), True
    return path.as_uri(), not sets_arabic(font)


def sets_arabic(font: bytes) -> bool:
    from fontTools.ttLib import TTFont

    return ord(ARABIC_LETTER) in TTFont(BytesIO(font), lazy=True).getBestCmap()


def joiners_extractable(pdf: pydyf.PDF) -> None:
    """ZWNJ back for :data:`CARRIER` in the written PDF.

    pdf.js leaves out every format character (Unicode category Cf) that a glyph stands for,
    so a ZWNJ is kept in the text of the glyph before it in reading order: the carrier's
    empty glyph is dropped and that glyph is shown with a code of its own whose text is the
    ZWNJ and the glyph's text (right-to-left text is written backwards, see
    :func:`exporters.layout.right_to_left_ligatures_extractable`). A carrier with no glyph
    after it on its line keeps its own glyph, with the ZWNJ as its text. Strings made from the
    body's text (bookmarks, alternative texts) get ZWNJ back too."""
    fonts = {font.name: font for font in carrier_fonts(pdf)}
    if not fonts:  # no text drew the carrier: nothing to give back
        return
    codes: dict[bytes, dict[str, str]] = {name: {} for name in fonts}
    for item in pdf.objects:
        if isinstance(item, pydyf.Stream):
            item.stream = list(_paired_text(item.stream, fonts, codes))
        elif not isinstance(item, pydyf.Stream):
            _restore_strings(item)
    for name, font in fonts.items():
        rewrite_texts(font.to_unicode, _joiner_text)
        if codes[name]:
            _add_codes(pdf, font, codes[name])


@dataclass(frozen=True)
class CarrierFont:
    """A font of the written PDF that draws the carrier."""

    name: bytes
    """Its name in the pages' resources (``Tf``)."""
    dictionary: pydyf.Dictionary
    to_unicode: pydyf.Stream
    carrier: str
    """The code (4 hex digits) of the carrier's glyph."""
    texts: dict[str, bytes]
    """The text of each code, UTF-16BE in hex, as its ToUnicode map has it."""


def carrier_fonts(pdf: pydyf.PDF) -> list[CarrierFont]:
    found = []
    for font in text_fonts(pdf):
        carrier = next((code for code, text in font.texts.items() if text == _CARRIER_HEX), None)
        if carrier is not None:
            found.append(CarrierFont(font.name, font.dictionary, font.to_unicode, carrier,
                                     font.texts))
    return found


def _paired_text(operations: list, fonts: dict[bytes, CarrierFont],
                 codes: dict[bytes, dict[str, str]]) -> list:
    """A content stream's operations with each carrier glyph and the glyph shown after it
    (in the same array or the next ``TJ``: WeasyPrint shows the carrier's bidi run on its
    own) as that glyph's code for "ZWNJ and its text"."""
    shown: list = []
    font: CarrierFont | None = None
    waiting: list[str] | None = None
    """The glyph codes of the array whose last carrier waits for the glyph after it."""
    for name, operation in fonts_in_force(operations):
        font = fonts.get(name)
        array = (_shown_glyphs(operation) if font is not None and isinstance(operation, bytes)
                 else None)
        if array is None:
            _keep_carrier(waiting, font)
            waiting = None
            shown.append(operation)
            continue
        assert font is not None
        waiting = _pair(array, font, codes[font.name], waiting)
        shown.append(array)
    if font is not None:
        _keep_carrier(waiting, font)
    return [_show(item) if isinstance(item, ShownGlyphs) else item for item in shown]


@dataclass(frozen=True)
class ShownGlyphs:
    """A ``TJ`` operation: its hex strings' codes, and the numbers between them."""

    operation: bytes
    items: list[tuple[bytes, bytes]]
    codes: list[list[str]]
    """The codes of each item (none for a number)."""


def _shown_glyphs(operation: bytes) -> ShownGlyphs | None:
    if not (operation.startswith(b"[") and operation.endswith(b"] TJ")):
        return None
    items = SHOWN_ITEM.findall(operation[1:-4])
    return ShownGlyphs(operation, items, [codes_in(block) for block, _ in items])


def _pair(array: ShownGlyphs, font: CarrierFont, codes: dict[str, str],
          waiting: list[str] | None) -> list[str] | None:
    """Pair the carriers of ``array`` (and the one ``waiting`` from the array before) with
    the glyph after each; the codes of the array whose carrier still waits, if one does."""
    for block in array.codes:
        for at, code in enumerate(block):
            if waiting is not None and code != font.carrier:
                block[at] = codes.setdefault(code, _next_code(font, codes))
                waiting = None
            elif code == font.carrier and waiting is None:
                block[at], waiting = "", block
    return waiting


def _keep_carrier(waiting: list[str] | None, font: CarrierFont | None) -> None:
    """A carrier with no glyph after it is shown after all, its text the ZWNJ."""
    if waiting is not None and font is not None:
        waiting[len(waiting) - 1 - waiting[::-1].index("")] = font.carrier


def _show(array: ShownGlyphs) -> bytes:
    parts = [b"<%s>" % "".join(block).encode() if block or not number else number
             for (_, number), block in zip(array.items, array.codes)]
    shown = b"[" + b"".join(parts) + b"] TJ"
    return array.operation if shown == array.operation else shown


def _next_code(font: CarrierFont, codes: dict[str, str]) -> str:
    """A code no glyph of the font is shown with."""
    code = max(int(code, 16) for code in font.texts) + 1 + len(codes)
    assert code <= 0xFFFF, "no code left for a glyph before a ZWNJ"
    return f"{code:04x}"


def _add_codes(pdf: pydyf.PDF, font: CarrierFont, codes: dict[str, str]) -> None:
    """The new codes in the font's ToUnicode map (ZWNJ and the glyph's text) and encoding
    (the glyph's CID)."""
    entries = [b"<%s> <%s%s>" % (new.encode(), _ZWNJ_HEX, font.texts[glyph])
               for glyph, new in codes.items()]
    cids = [b"<%s> %d" % (new.encode(), int(glyph, 16)) for glyph, new in codes.items()]
    _insert_before_end(font.to_unicode, _blocks(b"bfchar", entries))
    encoding = font.dictionary["Encoding"]
    if encoding == "/Identity-H":
        first, last = min(int(code, 16) for code in codes.values()), max(
            int(code, 16) for code in codes.values())
        ranges = [b"<0000> <%04x> 0" % (first - 1)]
        if last < 0xFFFF:
            ranges.append(b"<%04x> <ffff> %d" % (last + 1, last + 1))
        cmap = pydyf.Stream(
            [*_CMAP_START, *_blocks(b"cidrange", ranges), *_blocks(b"cidchar", cids),
             *_CMAP_END],
            pydyf.Dictionary({"Type": "/CMap", "CMapName": "/" + _CMAP_NAME.decode(),
                              "CIDSystemInfo": pydyf.Dictionary({
                                  "Registry": pydyf.String("Adobe"),
                                  "Ordering": pydyf.String("Identity"),
                                  "Supplement": 0})}),
            compress=font.to_unicode.compress)
        pdf.add_object(cmap)
        font.dictionary["Encoding"] = cmap.reference
    else:  # WeasyPrint's own CMap, written for glyphs missing from the font
        _insert_before_end(pdf.objects[int(encoding.split()[0])], _blocks(b"cidchar", cids))


_CMAP_NAME = b"InterviewPress-ZWNJ-0"
_CMAP_START = (
    b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
    b"/CIDSystemInfo", b"3 dict dup begin", b"/Registry (Adobe) def",
    b"/Ordering (Identity) def", b"/Supplement 0 def", b"end def",
    b"/CMapName /" + _CMAP_NAME + b" def", b"/CMapType 1 def", b"1 begincodespacerange",
    b"<0000> <ffff>", b"endcodespacerange")
_CMAP_END = (b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end")


def _blocks(kind: bytes, lines: list[bytes]) -> list[bytes]:
    """``lines`` in CMap blocks of at most 100 lines each."""
    blocks: list[bytes] = []
    for at in range(0, len(lines), 100):
        part = lines[at:at + 100]
        blocks += [b"%d begin%s" % (len(part), kind), *part, b"end" + kind]
    return blocks


def _insert_before_end(stream: pydyf.Stream, lines: list[bytes]) -> None:
    at = stream.stream.index(b"endcmap")
    stream.stream[at:at] = lines


def _joiner_text(match: re.Match) -> bytes:
    units = [match[2][at:at + 4] for at in range(0, len(match[2]), 4)]
    if _CARRIER_HEX not in units:
        return match[0]
    text = b"".join(_ZWNJ_HEX if unit == _CARRIER_HEX else unit for unit in units)
    return b"<%s> <%s>" % (match[1], text)


def _restore_strings(item: object) -> None:
    values = (item.values() if isinstance(item, dict) else item if isinstance(item, list)
              else ())
    for value in values:
        if isinstance(value, pydyf.String) and CARRIER in str(value.string):
            value.string = str(value.string).replace(CARRIER, ZWNJ)
        elif isinstance(value, (dict, list)):
            _restore_strings(value)
