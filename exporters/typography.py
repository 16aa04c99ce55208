"""Language-aware typography: curly quotes, dashes, ellipses and no-break spaces.

Markdown bodies get these through markdown-it's typographer (see ``body.py``);
front-matter strings go through :func:`typeset` here, which applies the same
rules to plain text without reading any Markdown syntax in it.

Beyond markdown-it's quotes and replacements, :func:`spacing_rule` sets what
Standard Ebooks sets: a word joiner before an em dash (so that a line never
starts with one) and around an en dash between numbers, ``. . .`` as one
ellipsis, no-break spaces after honorifics, between a number and its unit and
after ``No.``/``p.``, and in French a narrow no-break space before ``; : ! ?``.
Every character inserted is in the project's font (Gentium Book Plus).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it is imported by the first parser made: see typographer
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

NBSP = "\u00a0"
NNBSP = "\u202f"
WORD_JOINER = "\u2060"
ARABIC_SCRIPT_CHARACTERS = "\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefe"


def arabic_script_language(text: str) -> str:
    """Persian or Arabic, for text in Arabic script: 'fa' where Persian's own letters (پ چ ژ گ
    and its kaf and yeh) outnumber Arabic's (its kaf and yeh, teh marbuta, alef maksura), else
    'ar'."""
    persian = sum(text.count(letter) for letter in "پچژگکی")
    arabic = sum(text.count(letter) for letter in "يكةى")
    return "fa" if persian > arabic else "ar"


def written_in_arabic_script(text: str) -> bool:
    """Whether more of ``text``'s letters are in Arabic script than in Latin."""
    arabic = len(re.findall(f"[{ARABIC_SCRIPT_CHARACTERS}]", text))
    return arabic > len(re.findall(r"[A-Za-z\u00c0-\u024f]", text))
"""The Arabic script's blocks, as a character class's ranges: letters, marks, digits and
punctuation, the supplements and the presentation forms."""


@dataclass(frozen=True)
class Conventions:
    """How one language sets quotes and dashes."""

    quotes: tuple[str, str, str, str]
    """Primary open, primary close, secondary open, secondary close."""
    dash: str
    """What a typed ``--`` becomes, spaces included."""
    honorifics: tuple[str, ...] = ()
    """Titles before a name, kept on the same line as the name (``Dr``, ``Mme``)."""
    conjunction: str = "and"
    """The word before the last of several names: "Ana, Ben and Cy"."""
    comma: str = ", "
    digits: str = "0123456789"
    """The ten digits numbers are written with."""


CONVENTIONS: dict[str, Conventions] = {
    "en": Conventions(("“", "”", "‘", "’"), "—", (
        "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "St", "Capt", "Rev", "Fr", "Sr", "Lt", "Col",
        "Gen", "Sgt", "Hon", "Sen", "Gov", "Pres", "Messrs", "Mme", "Mlle")),
    "de": Conventions(("„", "“", "‚", "‘"), f"{NBSP}– ", ("Dr", "Prof", "Hr", "Fr", "St"),
                     conjunction="und"),
    "fr": Conventions((f"«{NNBSP}", f"{NNBSP}»", "“", "”"), f"{NBSP}— ", (
        "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Me", "St", "Ste"),
                     conjunction="et"),
    "es": Conventions(("«", "»", "“", "”"), "—", ("Sr", "Sra", "Srta", "Dr", "Dra", "D", "Dña"),
                     conjunction="y"),
    "it": Conventions(("«", "»", "“", "”"), f"{NBSP}– ", ("Sig", "Sig.ra", "Dott", "Prof"),
                     conjunction="e"),
    "pt": Conventions(("«", "»", "“", "”"), f"{NBSP}— ", ("Sr", "Sra", "Dr", "Dra"), conjunction="e"),
    "nl": Conventions(("“", "”", "‘", "’"), f"{NBSP}– ", ("dhr", "mevr", "dr", "prof"),
                     conjunction="en"),
    "fa": Conventions(("«", "»", "“", "”"), f"{NBSP}– ", conjunction="و", comma="، ",
                      digits="۰۱۲۳۴۵۶۷۸۹"),
    "ar": Conventions(("«", "»", "“", "”"), f"{NBSP}– ", conjunction="و", comma="، ",
                      digits="٠١٢٣٤٥٦٧٨٩"),
    "ur": Conventions(("“", "”", "‘", "’"), f"{NBSP}– ", conjunction="اور", comma="، ",
                      digits="۰۱۲۳۴۵۶۷۸۹"),
    "ku": Conventions(("«", "»", "“", "”"), f"{NBSP}– ", conjunction="و", comma="، "),
    "he": Conventions(("“", "”", "‘", "’"), f"{NBSP}– "),
}

RIGHT_TO_LEFT = {"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"}
RIGHT_TO_LEFT_SCRIPTS = {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm"}


def primary_language(lang: str) -> str:
    return lang.split("-")[0].lower()


def conventions(lang: str) -> Conventions:
    return CONVENTIONS.get(primary_language(lang), CONVENTIONS["en"])


def in_digits(number: object, lang: str) -> str:
    """A number (or any text's digits) written with the language's digits: ۱۴ in Persian."""
    return str(number).translate(str.maketrans("0123456789", conventions(lang).digits))


def join_names(names: tuple[str, ...] | list[str], lang: str) -> str:
    """Names as a list in the language: "Ana, Ben and Cy", « Ana, Ben et Cy », "آنا، بن و سای".
    The one rule for it, used by the model and, as the ``join_names`` filter, by templates."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    rules = conventions(lang)
    return f"{rules.comma.join(names[:-1])} {rules.conjunction} {names[-1]}"


def direction(lang: str) -> str:
    """``rtl`` or ``ltr`` for a BCP 47 tag."""
    parts = lang.split("-")
    if any(part.title() in RIGHT_TO_LEFT_SCRIPTS for part in parts[1:]):
        return "rtl"
    return "rtl" if parts[0].lower() in RIGHT_TO_LEFT else "ltr"


_TYPED_DASH = re.compile(r"[ \t]*(?<![-!])--(?!-)[ \t]*")
_TYPED_RANGE = re.compile(r"(?<=\d)--(?=\d)")


def text_rule(change):
    """A markdown-it core rule applying ``change`` to the text of every inline token, skipping
    code and autolinks, as markdown-it's own replacements do."""

    def apply(state: StateCore) -> None:
        for token in state.tokens:
            if token.type != "inline" or not token.children:
                continue
            inside_autolink = 0
            for child in token.children:
                if child.type == "link_open" and child.info == "auto":
                    inside_autolink += 1
                elif child.type == "link_close" and child.info == "auto":
                    inside_autolink -= 1
                elif child.type == "text" and not inside_autolink:
                    child.content = change(child.content)

    return apply


def dash_rule(dash: str):
    """Typed ``--`` as the language's dash (and as an en dash between numbers). It runs
    before markdown-it's own replacements, which would make ``--`` an en dash."""
    return text_rule(lambda text: _TYPED_DASH.sub(dash, _TYPED_RANGE.sub("–", text))
                     if "--" in text else text)


UNITS = (
    "km", "m", "cm", "mm", "µm", "kg", "g", "mg", "l", "ml", "cl", "ha", "km²", "m²", "m³",
    "°C", "°F", "K", "h", "min", "ms", "kW", "kWh", "MW", "GW", "W", "V", "Hz", "kHz", "MHz",
    "GHz", "KB", "MB", "GB", "TB", "ft", "mi", "yd", "lb", "lbs", "oz", "mph", "km/h", "kph",
    "knots", "TEU", "%", "‰", "a.m.", "p.m.", "am", "pm", "BC", "BCE", "AD", "CE",
    "metres", "meters", "metre", "meter", "kilometres", "kilometers", "centimetres",
    "centimeters", "millimetres", "millimeters", "tonnes", "tonne", "tons", "kilos", "kilograms",
    "grams", "litres", "liters", "miles", "feet", "foot", "inches", "yards", "degrees",
    "percent", "per cent", "hours", "minutes", "seconds",
)
_UNIT = re.compile(r"(?<=\d) (?=(?:" + "|".join(
    re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True)) + r")(?![\w]))")
_NUMBER_MARK = re.compile(r"\b(No|Nos|no|nos|p|pp|vol|ch|Nr|nº|n°)\. (?=\d)")
_EM_DASH = re.compile(f"(?<=[^\\s{WORD_JOINER}{NBSP}])(?={'—'})")
_NUMBER_RANGE = re.compile(f"(?<=\\d){WORD_JOINER}?–{WORD_JOINER}?(?=\\d)")
_SPACED_DOTS = re.compile(r"(?<!\.)\.[ \u00a0]\.[ \u00a0]\.(?![ \u00a0]?\.)")
_DIGIT = re.compile(r"\d")
_FRENCH_PUNCTUATION = re.compile(r"[ \u00a0](?=[;:!?](?!\w))")


def honorific_pattern(honorifics: tuple[str, ...]) -> re.Pattern[str] | None:
    """A plain space after a title (``Dr``, ``Dr.``) that comes before a capitalised name."""
    if not honorifics:
        return None
    names = "|".join(re.escape(h) for h in sorted(honorifics, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])((?:{names})\.?) (?=[^\W\d_])")


def set_spacing(text: str, lang: str) -> str:
    """Word joiners and no-break spaces for ``lang`` in text already curled and dashed.
    (Each rule runs only on text with the character it needs: most runs of text have none.)"""
    if ". ." in text or ".\u00a0." in text:
        text = _SPACED_DOTS.sub("…", text)
    if "—" in text:
        text = _EM_DASH.sub(WORD_JOINER, text)
    digits = _DIGIT.search(text) is not None
    if digits and "–" in text:
        text = _NUMBER_RANGE.sub(f"{WORD_JOINER}–{WORD_JOINER}", text)
    honorifics = _honorifics(lang)
    if honorifics is not None and " " in text:
        text = honorifics.sub(_before_name, text)
    if digits:
        text = _UNIT.sub(NBSP, text)
        text = _NUMBER_MARK.sub(rf"\1.{NBSP}", text)
    if primary_language(lang) == "fr":
        text = _FRENCH_PUNCTUATION.sub(NNBSP, text)
    return text


def _before_name(match: re.Match[str]) -> str:
    following = match.string[match.end():match.end() + 1]
    return match[1] + (NBSP if following.isupper() else " ")


@lru_cache(maxsize=32)
def _honorifics(lang: str) -> re.Pattern[str] | None:
    return honorific_pattern(conventions(lang).honorifics)


def spacing_rule(lang: str):
    """A markdown-it core rule applying :func:`set_spacing` to text (not code, not autolinks)."""
    return text_rule(lambda text: set_spacing(text, lang))


def typographer(lang: str, preset: str = "commonmark") -> MarkdownIt:
    """A markdown-it parser with quotes, dashes, ellipses and spacing for ``lang``."""
    from markdown_it import MarkdownIt  # here: a rebuild with nothing to typeset never loads it

    rules = conventions(lang)
    md = MarkdownIt(preset, {"typographer": True, "quotes": list(rules.quotes)})
    md.enable(["replacements", "smartquotes"])
    md.core.ruler.before("replacements", "language_dashes", dash_rule(rules.dash))
    md.core.ruler.after("smartquotes", "language_spacing", spacing_rule(lang))
    return md


@lru_cache(maxsize=32)
def _plain_parser(lang: str) -> MarkdownIt:
    return typographer(lang, preset="zero")


def typeset(text: str, lang: str) -> str:
    """Curl the quotes and set the dashes of a plain string (no Markdown read)."""
    if not text:
        return text
    # The "zero" preset reads no Markdown syntax, not even escapes or entities.
    tokens = _plain_parser(lang).parse(text)
    return "\n".join(
        "".join(child.content if child.type == "text" else "\n" for child in token.children or [])
        for token in tokens
        if token.type == "inline"
    )

