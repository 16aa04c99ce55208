"""Characters no font of the build can draw: found before they print as empty boxes.

The fonts are those of the template folders' ``fonts/`` folders (the built-in
Gentium Book Plus and Noto Naskh Arabic, and whatever a ``--templates DIR/fonts/``
adds or replaces, file name by file name, as :meth:`Templates.find` does). Only
each font's ``cmap`` table is read, once per font file and modification time;
checking a document is then a set difference over its distinct characters.

Characters that are never drawn (controls, format characters such as ZWNJ, ZWJ,
bidi marks and the soft hyphen, line and paragraph separators, variation
selectors, whitespace) are not asked of any font.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .errors import Problem, Severity

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2")
"""Font files fontconfig (the PDF editions) reads from a ``fonts/`` folder."""
NEVER_DRAWN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
MAX_PROBLEMS = 5
MAX_CHARACTERS = 10
RULE = "missing-glyph"
HINT = ("add a font that has them to the fonts/ folder of a --templates DIR (see 'Fonts for "
        "other scripts' in the README), or remove the characters")
"""The PDF renderer falls back to any font of the fonts/ folders (fontconfig sees them all),
but the HTML page embeds only the fonts named by ``@font-face`` rules in ``common/fonts.css``:
the README says how to add one."""

_log = logging.getLogger(__name__)


def is_variation_selector(char: str) -> bool:
    code = ord(char)
    return (0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
            or 0x180B <= code <= 0x180D or code == 0x180F)  # the last: Mongolian FVS1-4


def never_drawn(char: str) -> bool:
    """Whether ``char`` needs no glyph: controls, format characters, line and paragraph
    separators, variation selectors and whitespace."""
    return (char.isspace() or unicodedata.category(char) in NEVER_DRAWN_CATEGORIES
            or is_variation_selector(char))


def font_cmap(path: Path) -> frozenset[int]:
    """The code points one font file maps to glyphs (every font of a collection). HarfBuzz
    reads TrueType and OpenType files and collections (under a millisecond for the six
    built-in fonts, where fontTools took 40); fontTools what HarfBuzz does not unpack (WOFF,
    WOFF2), and tells a broken file by raising."""
    import uharfbuzz as hb

    blob = hb.Blob.from_file_path(str(path))
    faces = [hb.Face(blob, index) for index in range(hb.Face(blob).count)]
    if any(face.glyph_count for face in faces):
        return frozenset(code for face in faces for code in face.unicodes)
    return _fonttools_cmap(path)


def _fonttools_cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont  # imported here: only a build needs it

    if path.suffix.lower() in (".ttc", ".otc"):
        collection = TTCollection(str(path), lazy=True)
        try:
            return frozenset(code for font in collection.fonts
                             for code in (font.getBestCmap() or {}))
        finally:
            collection.close()
    font = TTFont(str(path), lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def covered_characters(font_files: Iterable[Path]) -> frozenset[int]:
    """The code points at least one of ``font_files`` has a glyph for (the union of their
    cmaps). Read every time: :class:`FontCoverage` keeps them."""
    covered: set[int] = set()
    for path in font_files:
        covered |= font_cmap(Path(path))
    return frozenset(covered)


def font_files(template_folders: Iterable[Path]) -> list[Path]:
    """The font files of the folders' ``fonts/`` folders; a file name found in an earlier
    folder (a ``--templates DIR``) replaces the same name in later ones (the built-in)."""
    found: dict[str, Path] = {}
    for folder in template_folders:
        fonts = Path(folder) / "fonts"
        if fonts.is_dir():
            for path in sorted(fonts.iterdir()):
                if path.suffix.lower() in FONT_SUFFIXES and path.is_file():
                    found.setdefault(path.name, path)
    return list(found.values())


class FontCoverage:
    """What the fonts of some template folders can draw, read once.

    ``FontCoverage(templates.folders)``; :meth:`refresh` reads the folders again and
    re-reads only the fonts added or changed since (for a long-running preview server).
    """

    def __init__(self, template_folders: Iterable[Path] = (), *,
                 font_files: Iterable[Path] | None = None):
        """The fonts of ``template_folders``' ``fonts/`` folders, or exactly ``font_files``."""
        self.template_folders = [Path(folder) for folder in template_folders]
        self._given = None if font_files is None else [Path(path) for path in font_files]
        self._cmaps: dict[tuple[Path, int], frozenset[int]] = {}
        self.files: list[Path] = []
        self.unreadable: list[Path] = []
        """Font files that could not be read (and so cover nothing)."""
        self.code_points: frozenset[int] = frozenset()
        self._covered: frozenset[str] = frozenset()
        self._ascii_covered = False
        self.refresh()

    def refresh(self) -> None:
        files = self._given if self._given is not None else font_files(self.template_folders)
        cmaps: dict[tuple[Path, int], frozenset[int]] = {}
        self.unreadable = []
        for path in files:
            try:
                key = (path.resolve(), path.stat().st_mtime_ns)
                cmaps[key] = self._cmaps[key] if key in self._cmaps else font_cmap(path)
            except Exception as error:  # noqa: BLE001 - a broken font covers nothing
                _log.debug("cannot read the font %s: %s", path, error)
                self.unreadable.append(path)
        self._cmaps = cmaps
        self.files = list(files)
        self.code_points = frozenset().union(*cmaps.values())
        self._covered = frozenset(map(chr, self.code_points))
        self._ascii_covered = all(self.covers(chr(code)) for code in range(128))

    def covers(self, char: str) -> bool:
        return char in self._covered or never_drawn(char)

    def missing(self, text: str) -> list[str]:
        """The distinct characters of ``text`` that no font has and that need a glyph,
        in code point order."""
        if self._ascii_covered and text.isascii():
            return []
        unknown = set(text) - self._covered
        return sorted(char for char in unknown if not never_drawn(char))


def describe(char: str) -> str:
    """``'日' (U+65E5)``."""
    return f"'{char}' (U+{ord(char):04X})"


def missing_glyph_problems(path: Path, text: str, coverage: FontCoverage,
                           severity: Severity = "error") -> list[Problem]:
    """One problem per line of ``text`` where characters no font has first occur (at most
    :data:`MAX_PROBLEMS`, each naming at most :data:`MAX_CHARACTERS`), with 1-based lines."""
    missing = set(coverage.missing(text))
    if not missing:
        return []
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), 1):  # lines as editors count them
        if missing.isdisjoint(line):
            continue
        if len(problems) == MAX_PROBLEMS:
            break
        here = list(dict.fromkeys(char for char in line if char in missing))  # as written
        missing.difference_update(here)
        listed = ", ".join(map(describe, here[:MAX_CHARACTERS]))
        if len(here) > MAX_CHARACTERS:
            listed += f", … ({len(here) - MAX_CHARACTERS} more)"
        word = "character" if len(here) == 1 else "characters"
        problems.append(Problem(path, number, f"no bundled font has the {word} {listed}",
                                HINT, severity=severity, rule=RULE))
        if not missing:
            break
    if missing and problems:
        last = problems[-1]
        problems[-1] = replace(last, message=f"{last.message}, and {len(missing)} more "
                                             "on later lines")
    return problems
