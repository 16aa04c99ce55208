"""Paper: trim sizes, bleed, print-on-demand presets and booklet sheets.

Pure functions from the theme's print options (strings, as written in
``theme.yml``) to a validated :class:`PrintSetup` in PDF points. Which options
there are and what they allow is :data:`schema.THEME`; a bad value raises
:class:`ValueError` with a message that names the option and says what to
write instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .schema import THEME

POINTS = {"mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0, "pt": 1.0, "px": 0.75}
INCH = 72.0
MM = POINTS["mm"]

# Named sizes, portrait, in points. The trim presets are A5, A6, half-letter and 6x9.
SIZES: dict[str, tuple[float, float]] = {
    "a3": (297 * MM, 420 * MM), "a4": (210 * MM, 297 * MM), "a5": (148 * MM, 210 * MM),
    "a6": (105 * MM, 148 * MM), "b5": (176 * MM, 250 * MM),
    "letter": (8.5 * INCH, 11 * INCH), "legal": (8.5 * INCH, 14 * INCH),
    "ledger": (11 * INCH, 17 * INCH), "tabloid": (11 * INCH, 17 * INCH),
    "half-letter": (5.5 * INCH, 8.5 * INCH), "6x9": (6 * INCH, 9 * INCH),
}
# Booklet sheets tried by ``booklet_sheet: auto``, smallest first.
AUTO_SHEETS = ("a5", "letter", "a4", "tabloid", "a3")

POD_BLEED = 0.125 * INCH  # KDP and Lulu both ask for 1/8 inch
MARK_GAP = 2 * MM  # between the bleed edge and the start of a crop mark

_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*(mm|cm|in|pt|px)\s*$")


@dataclass(frozen=True)
class Size:
    """A width and height in PDF points."""

    width: float
    height: float

    @property
    def css(self) -> str:
        return f"{self.width:.3f}pt {self.height:.3f}pt"

    @property
    def landscape(self) -> Size:
        return Size(max(self.width, self.height), min(self.width, self.height))

    def fits(self, other: Size) -> bool:
        return self.width <= other.width + 0.01 and self.height <= other.height + 0.01


@dataclass(frozen=True)
class Sides:
    """A length per edge of a page, in points."""

    top: float
    right: float
    bottom: float
    left: float

    @property
    def css(self) -> str:
        return " ".join(f"{value:.3f}pt" for value in (self.top, self.right, self.bottom,
                                                        self.left))

    def mirrored(self) -> Sides:
        return Sides(self.top, self.left, self.bottom, self.right)


@dataclass(frozen=True)
class PrintSetup:
    """Everything the print, screen and booklet editions need to know about paper."""

    trim: Size
    bleed: Sides
    """The bleed of a recto (a right-hand page); a verso has it mirrored."""
    preset: str = "none"
    marks: bool = False
    standard: str = "none"
    sheet: Size = Size(297 * MM, 210 * MM)
    creep: float = 0.0
    screen: Size | None = None
    """A page size of its own for the screen edition, or None: the trim size."""

    @property
    def bookmarks(self) -> bool:
        return self.preset != "kdp"  # KDP rejects files with bookmarks

    def page_bleed(self, recto: bool) -> Sides:
        return self.bleed if recto else self.bleed.mirrored()

    def css_bleed(self, recto: bool) -> Sides:
        """The CSS bleed: with crop marks, room beyond the bleed for WeasyPrint to draw them
        (it draws each mark over the outer half of the CSS bleed)."""
        sides = self.page_bleed(recto)
        if not self.marks:
            return sides
        grow = lambda value: 2 * (value + MARK_GAP)  # noqa: E731
        return Sides(grow(sides.top), grow(sides.right), grow(sides.bottom), grow(sides.left))


def length(text: object, option: str) -> float:
    """A CSS length such as ``3mm`` or ``0.125in``, in points."""
    match = _LENGTH.match(str(text))
    if not match:
        raise ValueError(f"{option}: '{text}' is not a length; write e.g. 3mm or 0.125in")
    return float(match[1]) * POINTS[match[2]]


def page_size(text: object, option: str) -> Size:
    """A named size (A5, A6, half-letter, 6x9, letter...) or 'WIDTH HEIGHT' (``6in 9in``)."""
    value = str(text).strip().lower()
    named = value.replace(" ", "")  # '6 x 9' is the named 6x9
    if named in SIZES:
        return Size(*SIZES[named])
    parts = value.replace(" x ", " ").split()
    if len(parts) == 2:
        size = Size(length(parts[0], option), length(parts[1], option))
        if size.width < 50 * MM or size.height < 50 * MM:
            raise ValueError(f"{option}: '{text}' is too small for a page; use at least 50mm")
        return size
    raise ValueError(f"{option}: '{text}' is not a page size; use A5, A6, half-letter, 6x9, "
                     "letter, A4 or 'WIDTH HEIGHT' such as '6in 9in'")


def css_page_size(text: str) -> str:
    """``text`` as CSS ``@page { size }`` understands it (``half-letter`` is not CSS)."""
    name = text.strip().lower().replace(" ", "")
    return page_size(text, "page_size").css if name in ("half-letter", "6x9") else text


def sheet_for(trim: Size, choice: str) -> Size:
    """The landscape sheet that holds two trimmed pages side by side, never scaled."""
    spread = Size(2 * trim.width, trim.height)
    if str(choice).strip().lower() != "auto":
        sheet = page_size(choice, "booklet_sheet").landscape
        if not spread.fits(sheet):
            raise ValueError(f"booklet_sheet: '{choice}' is smaller than two pages side by side "
                             f"({spread.width / MM:.0f} × {spread.height / MM:.0f} mm); "
                             "use a larger sheet or 'auto'")
        return sheet
    for name in AUTO_SHEETS:
        sheet = Size(*SIZES[name]).landscape
        if spread.fits(sheet):
            return sheet
    return spread


def print_setup(options: dict[str, object]) -> PrintSetup:
    """The theme's print options (``page_size``, ``bleed``, ``crop_marks``, ``print_preset``,
    ``pdf_standard``, ``booklet_sheet``, ``creep``, ``screen_page_size``), validated: each by
    :data:`schema.THEME`, then whether they go together."""
    fault = next(iter(THEME.faults(options)), None)
    if fault is not None:
        raise ValueError(f"{fault.message}; {fault.hint}")
    values = THEME.values(options)
    trim = page_size(values["page_size"], "page_size")
    preset, marks = values["print_preset"], values["crop_marks"]
    if marks and preset != "none":
        raise ValueError(f"crop_marks: {preset} does not accept printer marks; "
                         "turn crop_marks off or use print_preset: none")
    if preset == "kdp":  # top, bottom and outside edge only
        bleed = Sides(POD_BLEED, POD_BLEED, POD_BLEED, 0.0)
    elif preset == "lulu":
        bleed = Sides(POD_BLEED, POD_BLEED, POD_BLEED, POD_BLEED)
    else:
        amount = length(values["bleed"], "bleed")
        bleed = Sides(amount, amount, amount, amount)
    screen_choice = values["screen_page_size"]
    screen = None if screen_choice == "trim" else page_size(screen_choice, "screen_page_size")
    return PrintSetup(trim=trim, bleed=bleed, preset=preset, marks=marks,
                      standard=values["pdf_standard"],
                      sheet=sheet_for(trim, str(values["booklet_sheet"])),
                      creep=length(values["creep"], "creep"), screen=screen)
