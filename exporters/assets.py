"""Files a document refers to: images and fonts, and who may read them.

Content is data: an image path may only name a file inside the content folder.
"""

from __future__ import annotations

import base64
import contextlib
import io
import mimetypes
import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

from .errors import ContentError, Problem
from .errors import display_path

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
AUDIO_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".mp4": "audio/mp4",
               ".ogg": "audio/ogg", ".oga": "audio/ogg", ".opus": "audio/ogg"}
"""The recordings an interview may name (``audio:``): MP3, AAC in MP4, Opus or Vorbis in Ogg."""
MAX_IMAGE_BYTES = 50 * 2**20
"""The largest image file read."""
MAX_IMAGE_PIXELS = 60 * 10**6
"""The most pixels an image may have: a 60-megapixel photo holds 180 MB decoded."""
BASIC_LATIN = frozenset(map(chr, range(0x20, 0x7F)))
"""Characters every web font keeps, whatever the page uses."""
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def resolve_local(reference: str, document: Path, content_root: Path, line: int,
                  what: str = "image", recording: bool = False) -> Path:
    """The file an image reference names, checked to be a readable image in the project; with
    ``recording``, an audio file (:data:`AUDIO_TYPES`) that :func:`recording_problem` accepts."""
    def fail(message: str, hint: str) -> ContentError:
        return ContentError(Problem(document, line, message, hint))

    folder = display_path(content_root)
    if _SCHEME.match(reference) and not re.match(r"^[a-zA-Z]:[\\/]", reference):
        if urlparse(reference).scheme in ("http", "https"):
            raise fail(f"the {what} '{reference}' is on the web and is not fetched",
                       f"download it into {folder}/images/ and write its path, e.g. images/photo.jpg")
        raise fail(f"the {what} '{reference}' is not a file inside the project",
                   f"put the file under {folder}/ and write its path relative to this file")
    try:
        path = (document.parent / unquote(reference)).resolve()
        if Path(unquote(reference)).is_absolute() or not path.is_relative_to(content_root.resolve()):
            raise fail(f"the {what} '{reference}' is outside {folder}/",
                       f"copy the file under {folder}/ and write its path relative to this file")
        found = path.is_file()
    except (ValueError, OSError):  # a NUL byte, a name too long for the file system
        raise fail(f"the {what} '{reference}' cannot be a file name",
                   "write the path of the image file, e.g. images/photo.jpg") from None
    if not found:
        other_case = _in_other_case(path)
        raise fail(f"the {what} '{reference}' was not found (looked for {display_path(path)})",
                   f"the file there is {display_path(other_case)}: write the name as it is, "
                   "capitals and all" if other_case else "check the file name and folder")
    types, kinds, hint, check = (
        (AUDIO_TYPES, "an MP3, M4A or Ogg", "convert it to MP3, AAC in M4A, or Opus or Vorbis in Ogg",
         recording_problem) if recording else
        (IMAGE_TYPES, "a PNG, JPEG or GIF", "convert it to one of those formats", image_problem))
    if path.suffix.lower() not in types:
        raise fail(f"the {what} '{reference}' is not {kinds} file", hint)
    problem = check(path)
    if problem:
        raise fail(f"the {what} '{reference}' {problem[0]}", problem[1])
    return path


def _in_other_case(path: Path) -> Path | None:
    """The file beside ``path`` whose name differs only in capitals ('lock.png' for
    'Lock.PNG'): the same file on Windows and macOS, another name on the Linux that builds."""
    try:
        return next((other for other in path.parent.iterdir()
                     if other.name.casefold() == path.name.casefold() and other.is_file()), None)
    except OSError:
        return None


EPUB_AUDIO_TYPES = ("audio/mpeg", "audio/mp4", "audio/ogg; codecs=opus")
"""The recordings an EPUB may carry without a fallback (its core media types): not Vorbis."""


def recording_facts(path: Path) -> tuple[float, str | None]:
    """A recording :func:`recording_problem` accepts, read once: its length in seconds, and
    its EPUB core media type (None for Vorbis)."""
    audio = _read_recording(path)
    return audio.info.length, next((mime for mime in EPUB_AUDIO_TYPES if mime in audio.mime),
                                   None)


def recording_problem(path: Path) -> tuple[str, str] | None:
    """What is wrong with a recording, and what to do, or None: it must be an MP3, AAC in MP4,
    or Opus or Vorbis in Ogg that mutagen reads, with a length."""
    try:
        audio = _read_recording(path)
        length = audio.info.length
    except Exception:  # noqa: BLE001 - mutagen raises many kinds on a damaged file
        audio, length = None, 0
    if audio is None or not length or length <= 0:
        return ("is not a readable MP3, M4A or Ogg recording",
                "export it again as MP3, AAC in M4A, or Opus or Vorbis in Ogg")
    return None


def _read_recording(path: Path):
    from mutagen import File
    from mutagen.mp3 import MP3
    from mutagen.mp4 import MP4
    from mutagen.oggopus import OggOpus
    from mutagen.oggvorbis import OggVorbis

    audio = File(path, options=[MP3, MP4, OggOpus, OggVorbis])
    if audio is None:
        raise ValueError(f"{path} is not a recording")
    return audio


def image_problem(path: Path) -> tuple[str, str] | None:
    """What is wrong with an image file, and what to do, or None: it must be a whole PNG,
    JPEG or GIF as its name says, within :data:`MAX_IMAGE_BYTES` and :data:`MAX_IMAGE_PIXELS`.
    Only the headers are decoded, so a decompression bomb costs nothing here."""
    from PIL import Image, UnidentifiedImageError

    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return (f"is {size / 2**20:.0f} MB, over the limit of {MAX_IMAGE_BYTES // 2**20} MB",
                "save it smaller: print needs about 300 pixels an inch, screens far fewer")
    too_big = (f"has more than the limit of {MAX_IMAGE_PIXELS // 10**6} million pixels",
               "scale it down: print needs about 300 pixels an inch")
    try:
        with Image.open(path) as image, truncated_images_refused():
            width, height = image.size
            kind = image.format
            if width * height > MAX_IMAGE_PIXELS:
                return too_big
            image.verify()
    except Image.DecompressionBombError:
        return too_big
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, IndexError):
        return ("cannot be read as an image (the file is damaged or not an image)",
                "open it in an image editor and save it again as PNG or JPEG")
    expected = IMAGE_TYPES[path.suffix.lower()]
    if Image.MIME.get(kind or "") != expected:
        return (f"is a {kind or 'different'} file with a {path.suffix} name",
                "rename it with the right extension, or convert it")
    return None


@contextlib.contextmanager
def truncated_images_refused() -> Iterator[None]:
    """Pillow as it is by default, refusing a cut-off image: WeasyPrint's import sets it to
    accept them, for the whole process."""
    from PIL import ImageFile

    accepted = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accepted


_IMAGE_SOURCE = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')


def with_image_sources(markup: str, sources: dict[str, str], unknown: str | None = None) -> str:
    """``markup`` with each ``<img src="KEY">`` pointing at ``sources[KEY]`` (a data: URL, a
    file name in the book); a key not in ``sources`` is kept, or made ``unknown``."""
    return _IMAGE_SOURCE.sub(
        lambda m: m[1] + sources.get(m[2], m[2] if unknown is None else unknown) + m[3], markup)


def media_type(path: Path) -> str:
    return IMAGE_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def web_font(source: Path | bytes, text: str, flavor: str | None = "woff2") -> bytes:
    """A font file (or its bytes) cut down to the glyphs ``text`` needs, plus basic Latin;
    WOFF2 by default, WOFF with ``flavor="woff"``, TrueType/OpenType with ``flavor=None``."""
    import uharfbuzz

    data = source if isinstance(source, bytes) else source.read_bytes()
    return cut_font(uharfbuzz.Face(uharfbuzz.Blob(data)), text, flavor)


def cut_font(face, text: str, flavor: str | None) -> bytes:
    """HarfBuzz's subsetter cuts the font (a few milliseconds, where fontTools' took most of a
    second); fontTools only wraps the result as WOFF or WOFF2, which HarfBuzz cannot do. Every
    layout feature and name is kept, and the .notdef glyph's outline."""
    import uharfbuzz

    wanted = uharfbuzz.SubsetInput()
    for character in set(text) | BASIC_LATIN:
        wanted.unicode_set.add(ord(character))
    for kept in (uharfbuzz.SubsetInputSets.LAYOUT_FEATURE_TAG, uharfbuzz.SubsetInputSets.NAME_ID):
        # each set starts as HarfBuzz's defaults: inverted as it is, it would keep every
        # feature but those (no joining forms for Arabic, no kerning) and no family name
        wanted.sets(kept).clear()
        wanted.sets(kept).invert()
    wanted.flags = uharfbuzz.SubsetFlags.NOTDEF_OUTLINE
    cut = uharfbuzz.subset(face, wanted)
    if cut is None:
        raise ValueError("HarfBuzz could not cut the font")
    data = cut.blob.data
    if flavor is None:
        return data
    if flavor == "woff":
        return woff(data)
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # the same bytes every build
    font.flavor = flavor
    output = io.BytesIO()
    font.save(output, reorderTables=False)
    return output.getvalue()


def woff(sfnt: bytes) -> bytes:
    """A TrueType or OpenType font wrapped as WOFF 1.0 (W3C): its tables in tag order, each
    zlib-compressed where that makes it smaller, ``head`` given the checksum adjustment of the
    font a reader unpacks. fontTools writes the same file at three times the cost, most of
    the HTML edition's time: WOFF2, which needs Brotli and table transforms, stays with it."""
    flavor, count = struct.unpack_from(">4sH", sfnt)
    tables = {tag: sfnt[offset:offset + length] for tag, _, offset, length in
              (struct.unpack_from(">4sLLL", sfnt, 12 + 16 * index) for index in range(count))}
    if b"head" in tables:  # its checksum is taken with the adjustment zeroed
        tables[b"head"] = tables[b"head"][:8] + bytes(4) + tables[b"head"][12:]
    checksums = {tag: _checksum(table) for tag, table in tables.items()}
    unpacked, unpacked_offset = [], 12 + 16 * count  # the font's directory once unpacked
    for tag, table in sorted(tables.items()):
        unpacked.append(struct.pack(">4sLLL", tag, checksums[tag], unpacked_offset, len(table)))
        unpacked_offset += len(table) + -len(table) % 4
    selector = max(count.bit_length() - 1, 0)
    directory = struct.pack(">4sHHHH", flavor, count, 16 << selector, selector,
                            16 * count - (16 << selector)) + b"".join(unpacked)
    if b"head" in tables:
        adjustment = (0xB1B0AFBA - sum(checksums.values()) - _checksum(directory)) & 0xFFFFFFFF
        head = tables[b"head"]
        tables[b"head"] = head[:8] + struct.pack(">L", adjustment) + head[12:]
    records, blocks, offset = [], [], 44 + 20 * count
    for tag, table in sorted(tables.items()):
        packed = zlib.compress(table, 6)
        stored = packed if len(packed) < len(table) else table
        records.append(struct.pack(">4sLLLL", tag, offset, len(stored), len(table),
                                   checksums[tag]))
        blocks.append(stored + bytes(-len(stored) % 4))
        offset += len(blocks[-1])
    version = tables[b"head"][4:8] if b"head" in tables else bytes(4)
    header = struct.pack(">4s4sLHHL4sLLLLL", b"wOFF", flavor, offset, count, 0,
                         unpacked_offset, version, 0, 0, 0, 0, 0)
    return header + b"".join(records) + b"".join(blocks)


def _checksum(table: bytes) -> int:
    """The OpenType checksum: the sum of the table's big-endian 32-bit words, padded."""
    padded = table + bytes(-len(table) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}L", padded)) & 0xFFFFFFFF


class WebFonts:
    """Cuts fonts for one page after another, as WOFF (zlib: several times faster to make
    than WOFF2, a fifth bigger). Each font is read once per process; pages in one language
    mostly need the same characters, so the latest cuts are kept too."""

    media_type = "font/woff"

    def __init__(self) -> None:
        self._faces: dict[Path, object] = {}
        self._cuts: dict[tuple[Path, frozenset[str]], bytes] = {}

    def cut(self, path: Path, text: str) -> bytes:
        import uharfbuzz

        characters = frozenset(text) - BASIC_LATIN - set("\t\n\r")
        key = (path, characters)
        if key not in self._cuts:
            if len(self._cuts) >= 64:
                self._cuts.pop(next(iter(self._cuts)))
            if path not in self._faces:
                self._faces[path] = uharfbuzz.Face(uharfbuzz.Blob(path.read_bytes()))
            self._cuts[key] = cut_font(self._faces[path], "".join(sorted(characters)), "woff")
        return self._cuts[key]
