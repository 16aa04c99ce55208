"""Language-aware typography: curly quotes, dashes and ellipses.

Markdown bodies get these through markdown-it's typographer (see ``body.py``);
front-matter strings go through :func:`typeset` here, which applies the same
rules to plain text without reading any Markdown syntax in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

NBSP = "\u00a0"
NNBSP = "\u202f"


@dataclass(frozen=True)
class Conventions:
    """How one language sets quotes and dashes."""

    quotes: tuple[str, str, str, str]
    """Primary open, primary close, secondary open, secondary close."""
    dash: str
    """What a typed ``--`` becomes, spaces included."""


CONVENTIONS: dict[str, Conventions] = {
    "en": Conventions(("“", "”", "‘", "’"), "—"),
    "de": Conventions(("„", "“", "‚", "‘"), f"{NBSP}– "),
    "fr": Conventions((f"«{NNBSP}", f"{NNBSP}»", "“", "”"), f"{NBSP}— "),
    "es": Conventions(("«", "»", "“", "”"), "—"),
    "it": Conventions(("«", "»", "“", "”"), f"{NBSP}– "),
    "pt": Conventions(("«", "»", "“", "”"), f"{NBSP}— "),
    "nl": Conventions(("“", "”", "‘", "’"), f"{NBSP}– "),
    "fa": Conventions(("«", "»", "“", "”"), f"{NBSP}– "),
    "ar": Conventions(("«", "»", "“", "”"), f"{NBSP}– "),
    "ur": Conventions(("“", "”", "‘", "’"), f"{NBSP}– "),
    "ku": Conventions(("«", "»", "“", "”"), f"{NBSP}– "),
    "he": Conventions(("“", "”", "‘", "’"), f"{NBSP}– "),
}

RIGHT_TO_LEFT = {"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"}
RIGHT_TO_LEFT_SCRIPTS = {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm"}


def primary_language(lang: str) -> str:
    return lang.split("-")[0].lower()


def conventions(lang: str) -> Conventions:
    return CONVENTIONS.get(primary_language(lang), CONVENTIONS["en"])


def direction(lang: str) -> str:
    """``rtl`` or ``ltr`` for a BCP 47 tag."""
    parts = lang.split("-")
    if any(part.title() in RIGHT_TO_LEFT_SCRIPTS for part in parts[1:]):
        return "rtl"
    return "rtl" if parts[0].lower() in RIGHT_TO_LEFT else "ltr"


_TYPED_DASH = re.compile(r"[ \t]*(?<![-!])--(?!-)[ \t]*")
_TYPED_RANGE = re.compile(r"(?<=\d)--(?=\d)")


def dash_rule(dash: str):
    """A markdown-it core rule turning a typed ``--`` into the language's dash.

    It runs before markdown-it's own replacements (which would make ``--`` an
    en dash) and skips code and autolinks, as those replacements do.
    """

    def replace_dashes(state: StateCore) -> None:
        for token in state.tokens:
            if token.type != "inline" or not token.children:
                continue
            inside_autolink = 0
            for child in token.children:
                if child.type == "link_open" and child.info == "auto":
                    inside_autolink += 1
                elif child.type == "link_close" and child.info == "auto":
                    inside_autolink -= 1
                elif child.type == "text" and not inside_autolink and "--" in child.content:
                    child.content = _TYPED_DASH.sub(dash, _TYPED_RANGE.sub("–", child.content))

    return replace_dashes


def typographer(lang: str, preset: str = "commonmark") -> MarkdownIt:
    """A markdown-it parser with quotes, dashes and ellipses for ``lang``."""
    rules = conventions(lang)
    md = MarkdownIt(preset, {"typographer": True, "quotes": list(rules.quotes)})
    md.enable(["replacements", "smartquotes"])
    md.core.ruler.before("replacements", "language_dashes", dash_rule(rules.dash))
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

