"""A typographic cover for the e-book, drawn with Pillow in the project's fonts.

Every interview of a series gets the same layout and the same colour (taken
from the series name), so a shelf of them looks like one series. The drawing is
deterministic: the same text and fonts give the same PNG bytes.
"""

from __future__ import annotations

import colorsys
import hashlib
import re
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .glyphs import font_cmap
from .typography import ARABIC_SCRIPT_CHARACTERS, NBSP, NNBSP, WORD_JOINER, in_digits

WIDTH, HEIGHT = 1600, 2560
MARGIN = 160
INK = (250, 247, 240)
HOUSE_COLOUR = (38, 52, 71)
"""The colour of interviews outside any series."""
_ARABIC_SCRIPT = re.compile(f"[{ARABIC_SCRIPT_CHARACTERS}]")


@dataclass(frozen=True)
class CoverText:
    """What the cover says, already in the interview's language."""

    title: str
    subtitle: str = ""
    series: str = ""
    """The series line, e.g. ``Working Lives · 1``; empty outside a series."""
    names: str = ""
    """Who is interviewed."""
    byline: str = ""
    """``in conversation with Maya Ortiz``."""
    series_name: str = ""
    """The series alone: it picks the colour."""
    direction: str = "ltr"
    lang: str = "en"


@dataclass(frozen=True)
class CoverFonts:
    regular: Path
    italic: Path
    bold: Path
    arabic: Path | None = None
    arabic_bold: Path | None = None
    """Used instead for a line of text in Arabic script (which has no italic)."""

    def for_text(self, path: Path, text: str) -> Path:
        """The font to draw ``text`` with: ``path``, or the Arabic-script face for such text."""
        if self.arabic and _ARABIC_SCRIPT.search(text):
            return (self.arabic_bold or self.arabic) if path == self.bold else self.arabic
        return path


def series_line(series: str, number: int | None, lang: str) -> str:
    """The cover's series line: 'Working Lives · 1'; a series named in Arabic script drawn as
    its own face has it, 'صداهای رود، ۳' (that face has no '·'), its number in the language's
    digits. A series named in Latin letters keeps Latin digits, which its face has."""
    if not number:
        return series
    if _ARABIC_SCRIPT.search(series):
        return f"{series}، {in_digits(number, lang)}"
    return f"{series} · {number}"


def series_colour(series: str) -> tuple[int, int, int]:
    """A dark, muted background colour: the same for every interview of ``series``."""
    if not series:
        return HOUSE_COLOUR
    hue = int.from_bytes(hashlib.sha256(series.encode("utf-8")).digest()[:2], "big") / 65536
    red, green, blue = colorsys.hls_to_rgb(hue, 0.24, 0.38)
    return round(red * 255), round(green * 255), round(blue * 255)


def missing_characters(text: CoverText, fonts: CoverFonts) -> str:
    """The characters of ``text`` that its fonts cannot draw (empty when all can)."""
    needs = [
        (fonts.for_text(path, words), words)
        for path, words in ((fonts.bold, text.title), (fonts.italic, text.subtitle),
                            (fonts.italic, text.byline), (fonts.regular, text.series.upper()),
                            (fonts.regular, text.names))
    ]
    missing = {
        char for path, words in needs for char in _printable(words)
        if not char.isspace() and ord(char) not in _cmap(path)
    }
    return "".join(sorted(missing))


def draw_cover(text: CoverText, fonts: CoverFonts) -> bytes:
    """The cover as PNG bytes, ``WIDTH`` × ``HEIGHT`` pixels."""
    # Drawn as ink coverage in 16 levels (full ink is 15: antialiasing blends to 0-15), which
    # are the indexes of a 16-entry palette: a small, fast PNG with the antialiasing kept
    # (256 entries would make it twice the size).
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    frame = 48
    draw.rectangle((frame, frame, WIDTH - frame - 1, HEIGHT - frame - 1), outline=INK_LEVEL,
                   width=4)

    top = 300
    if text.series:  # the series' name over a short rule; without a series, neither
        font = _font(fonts.for_text(fonts.regular, text.series), 64)
        top = _draw_lines(draw, _wrap(text.series.upper(), font, width), font, top, text, 1.3)
        draw.line((WIDTH / 2 - 120, top + 60, WIDTH / 2 + 120, top + 60), fill=INK_LEVEL, width=4)

    title_font, title_lines = _fit(_printable(text.title), fonts.for_text(fonts.bold, text.title), width,
                                   sizes=(200, 176, 152, 132, 116, 100, 88), max_lines=5)
    y = _draw_lines(draw, title_lines, title_font, top + 200, text, 1.15)
    if text.subtitle:
        font, lines = _fit(_printable(text.subtitle), fonts.for_text(fonts.italic, text.subtitle), width,
                           sizes=(84, 72, 64, 56), max_lines=4)
        _draw_lines(draw, lines, font, y + 70, text, 1.25)

    bottom = HEIGHT - 340
    blocks = []
    if text.names:
        blocks.append(_fit(_printable(text.names), fonts.for_text(fonts.regular, text.names),
                           width, (96, 84, 72, 60), 3))
    if text.byline:
        blocks.append(_fit(_printable(text.byline), fonts.for_text(fonts.italic, text.byline),
                           width, (64, 56, 48), 3))
    heights = [len(lines) * font.size * 1.3 for font, lines in blocks]
    y = bottom - sum(heights) - 30 * (len(blocks) - 1)
    for (font, lines), height in zip(blocks, heights):
        _draw_lines(draw, lines, font, y, text, 1.3)
        y += height + 30

    palette = _palette(series_colour(text.series_name), INK)
    image.putpalette(palette, rawmode="RGB")
    return _png(image, palette)


def _png(image: Image.Image, palette: list[int]) -> bytes:
    """``image`` (levels 0-15) as a PNG of 4-bit palette indexes. Written here rather than by
    Pillow, whose encoder took 7 ms a cover of the e-book's 20, because most of a cover is
    bands of rows that are alike (the frame's sides and nothing else): each band of rows is
    compressed once (zlib's run-length strategy, as small as its level 6 and twice as fast)
    and ends on a full flush, which makes its bytes stand alone, so that a band like one
    before it repeats those bytes."""
    stride = (image.width + 1) // 2
    packed = image.tobytes("raw", "P;4")
    rows = b"".join(b"\0" + packed[at:at + stride]  # each row with filter type 0 (none)
                    for at in range(0, len(packed), stride))
    size = _BAND_ROWS * (stride + 1)
    compressed: dict[bytes, bytes] = {}
    deflated = []
    for at in range(0, len(rows), size):
        band = rows[at:at + size]
        if band not in compressed:
            band_stream = zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
            compressed[band] = band_stream.compress(band) + band_stream.flush(zlib.Z_FULL_FLUSH)
        deflated.append(compressed[band])
    last = zlib.compressobj(6, zlib.DEFLATED, -15).flush()  # the final, empty block
    data = b"".join([_ZLIB_HEADER, *deflated, last, zlib.adler32(rows).to_bytes(4, "big")])
    header = struct.pack(">IIBBBBB", image.width, image.height, 4, 3, 0, 0, 0)
    return b"".join([_PNG_SIGNATURE, _chunk(b"IHDR", header), _chunk(b"PLTE", bytes(palette)),
                     _chunk(b"IDAT", data), _chunk(b"IEND", b"")])


_BAND_ROWS = 64
_ZLIB_HEADER = b"\x78\x01"  # deflate, 32 KB window, no dictionary
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return b"".join([len(data).to_bytes(4, "big"), kind, data,
                     zlib.crc32(kind + data).to_bytes(4, "big")])


INK_LEVEL = 15
"""Full ink: the last of the palette's 16 colours."""


def _palette(background: tuple[int, ...], ink: tuple[int, ...]) -> list[int]:
    """16 colours from the background to the ink."""
    return [round(b + (i - b) * step / 15) for step in range(16) for b, i in zip(background, ink)]


def _printable(text: str) -> str:
    """Text as drawn: word joiners dropped; no-break spaces kept as spaces (lines do not break
    there, see :func:`_wrap`)."""
    return text.replace(WORD_JOINER, "")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy line breaking at ordinary spaces."""
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(_drawn(candidate)) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


SHORT_WORD = 3
"""A line of a display title should not end in a word this short ("the", "of", "at")."""


def _set_lines(text: str, font: ImageFont.FreeTypeFont, width: int,
               max_lines: int) -> tuple[list[str], bool] | None:
    """The best breaking of ``text`` into at most ``max_lines`` lines of ``width``: even lines
    (the squares of what each leaves short), no line ending in a short word where that can
    be helped. None if it does not fit; with the lines, whether every line end is good."""
    words = text.split(" ")
    if len(words) > 40:  # too long to weigh every break: greedy lines
        lines = _wrap(text, font, width)
        return (lines, False) if len(lines) <= max_lines else None

    widths = [font.getlength(_drawn(word)) for word in words]
    space = font.getlength(" ")

    def length_of(start: int, end: int) -> float:  # what _fit measures again, line by line
        return sum(widths[start:end]) + space * (end - start - 1)

    @lru_cache(maxsize=None)
    def best(start: int, lines_left: int) -> tuple[float, tuple[int, ...]] | None:
        if start == len(words):
            return 0.0, ()
        if lines_left == 0:
            return None
        found = None
        for end in range(start + 1, len(words) + 1):
            length = length_of(start, end)
            if length > width and end > start + 1:
                break
            rest = best(end, lines_left - 1)
            if rest is None:
                continue
            cost = (width - length) ** 2 + rest[0]
            if end < len(words) and len(words[end - 1]) <= SHORT_WORD:
                cost += width ** 2  # a short word left at the end of a line
            if found is None or cost < found[0]:
                found = (cost, (end, *rest[1]))
        return found

    result = best(0, max_lines)
    if result is None:
        return None
    ends = (0, *result[1])
    lines = [" ".join(words[a:b]) for a, b in zip(ends, ends[1:])]
    good = all(len(line.split(" ")[-1]) > SHORT_WORD for line in lines[:-1])
    return lines, good


def _fit(text: str, path: Path, width: int, sizes: tuple[int, ...],
         max_lines: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which ``text`` sets in at most ``max_lines`` lines of ``width``
    with good line ends (else the largest at which it fits at all): "The Night Shift / at the
    Harbour", not "The Night / Shift at the / Harbour"."""
    fitting = None
    for size in sizes:
        font = _font(path, size)
        set_lines = _set_lines(text, font, width, max_lines)
        if set_lines is None or not all(font.getlength(_drawn(line)) <= width
                                        for line in set_lines[0]):
            continue
        if set_lines[1]:
            return font, set_lines[0]
        fitting = fitting or (font, set_lines[0])
    return fitting or (font, _wrap(text, font, width))


def _draw_lines(draw: ImageDraw.ImageDraw, lines: list[str], font: ImageFont.FreeTypeFont,
                y: float, text: CoverText, leading: float) -> float:
    """Centred lines from ``y`` down; returns the y below the last line."""
    shaping = {"direction": text.direction, "language": text.lang} if _has_raqm() else {}
    for line in lines:
        draw.text((WIDTH / 2, y), _drawn(line), font=font, fill=INK_LEVEL, anchor="ma", **shaping)
        y += font.size * leading
    return y


def _drawn(line: str) -> str:
    return line.replace(NBSP, " ").replace(NNBSP, "\u2009")


@lru_cache(maxsize=32)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM
                              if _has_raqm() else ImageFont.Layout.BASIC)


@lru_cache(maxsize=1)
def _has_raqm() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


@lru_cache(maxsize=8)
def _cmap(path: Path) -> frozenset[int]:
    return font_cmap(path)
