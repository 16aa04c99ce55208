"""The one rule for names that become paths: interviews, series, volumes, imported files.

A slug is lowercase ASCII letters and digits in words joined by single hyphens,
at most :data:`MAX_SLUG_LENGTH` characters: it can never hold a separator, a
leading dot or ``..``, so it can never name a place outside the output folder.
Names in other scripts are transliterated (anyascii) before they are cut down.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

MAX_SLUG_LENGTH = 80
"""Longer names are cut at a hyphen: file systems allow 255 bytes for a whole file name."""
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_HINT = "use lowercase letters, digits and hyphens, e.g. slug: night-shift"


_APOSTROPHE = re.compile(r"(?<=[a-z0-9])['`](?=[a-z])")
"""An apostrophe inside a word (anyascii writes ’ as '), which a slug leaves out."""


def slugify(text: str) -> str:
    """A slug made from any text (a title, a file or folder name), or '' when nothing usable is
    left, e.g. for text made only of punctuation."""
    ascii_text = anyascii(unicodedata.normalize("NFKC", text))
    joined = _APOSTROPHE.sub("", ascii_text.lower())  # "pilot's" is 'pilots', not 'pilot-s'
    slug = re.sub(r"[^a-z0-9]+", "-", joined).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH + 1].rsplit("-", 1)[0] or slug[:MAX_SLUG_LENGTH]
    return slug.strip("-")


def is_slug(value: str) -> bool:
    return len(value) <= MAX_SLUG_LENGTH and SLUG_PATTERN.fullmatch(value) is not None
