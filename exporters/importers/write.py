"""Writing our format: the front matter with every field, and a body of labelled turns.

Shared by the importers and by ``make.py new``: fields we know are written as
YAML (quoted where needed), required fields we do not know get a ``TODO``
value that ``make.py check`` reports, optional ones stay commented out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

TODO = "TODO"

# (field, required, what it holds): the schema of metadata.py, in the order editors read it.
FIELD_GUIDE: tuple[tuple[str, bool, str], ...] = (
    ("title", True, "the interview's title"),
    ("subtitle", False, "a subtitle"),
    ("date", True, "the date of the interview or its first publication, YYYY-MM-DD"),
    ("lang", False, "a BCP 47 language tag: en, fr, es-MX, fa"),
    ("interviewer", True, "a name, or a list of names"),
    ("interviewee", True, "a name, or a list of names"),
    ("speakers", False, "instead of the two above: {LABEL: {name: NAME, role: interviewer}}"),
    ("summary", False, "one or two sentences shown under the title"),
    ("publication", False, "where the interview first appeared"),
    ("source_url", False, "its address there, https://..."),
    ("series", False, "the series it belongs to"),
    ("series_number", False, "its place in the series"),
    ("tags", False, "a list of keywords: [one, two]"),
    ("rights", False, "the copyright and licence line"),
    ("translator", False, "a name or a list of names"),
    ("translation_of", False, "the slug of the interview this one translates"),
    ("identifier", False, "an ISBN or URN; default: a UUID derived from the slug"),
    ("cover", False, "a cover image inside content/, e.g. images/cover.jpg"),
    ("audio", False, "the recording, MP3, M4A or Ogg inside content/; times: Q [12:34]:"),
    ("slug", False, "the name of the output files; default: the file name"),
)
EXAMPLES = {
    "subtitle": '"..."', "summary": '"..."', "publication": "...",
    "source_url": "https://example.org/...", "series": "...", "series_number": "1",
    "tags": "[..., ...]", "rights": '"© 2026 .... CC BY-SA 4.0."', "translator": "...",
    "translation_of": "...",
    "identifier": "urn:isbn:...", "cover": "images/cover.jpg", "audio": "recordings/interview.mp3",
    "slug": "...",
    "speakers": "{MO: {name: ..., role: interviewer}, TL: {name: ..., role: interviewee}}",
}


def yaml_value(value: Any) -> str:
    """One value as YAML on one line, quoted only when it must be."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000,
                          sort_keys=False)
    return text.removesuffix("\n...\n").strip()


def front_matter(values: dict[str, Any], notes: dict[str, str] | None = None,
                 comments: tuple[str, ...] = ()) -> str:
    """Every field of the schema: known ones set, missing required ones TODO, others commented.

    ``notes`` adds a ``# TODO`` comment after a field whose value was a guess; ``comments``
    are ``# TODO`` lines for the editor at the end.
    """
    notes = notes or {}
    lines = ["---"]
    has_speakers = bool(values.get("speakers"))
    for key, required, what in FIELD_GUIDE:
        value = values.get(key)
        if key in ("interviewer", "interviewee") and has_speakers:
            continue
        if key == "speakers" and has_speakers:
            lines.append("speakers:")
            for label, person in value.items():
                lines.append(f"  {yaml_value(label)}: {yaml_value(person)}")
        elif value not in (None, "", [], {}):
            note = f"  # {TODO}: {notes[key]}" if key in notes else ""
            lines.append(f"{key}: {yaml_value(value)}{note}")
        elif required:
            lines.append(f"{key}: {TODO}  # {what}")
        else:
            lines.append(f"# {key}: {EXAMPLES.get(key, '...')}  # {what}")
    lines += [f"# {TODO}: {comment}" for comment in comments]
    lines.append("---")
    return "\n".join(lines) + "\n"


@dataclass
class Turn:
    label: str
    paragraphs: list[str]
    time: str = ""
    """Where the turn starts in the recording (``00:12:34``), written after the label."""


@dataclass
class Heading:
    text: str
    paragraphs: list[str] = field(default_factory=list)
    """What the source says under the heading before anyone speaks: no one's turn."""


@dataclass
class Document:
    """A whole interview file: front matter, introduction and the conversation, as Markdown."""

    values: dict[str, Any]
    introduction: list[str] = field(default_factory=list)
    conversation: list[Turn | Heading] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    """What follows the conversation, written after a rule (``* * *``) that ends it."""
    notes: dict[str, str] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)
    """Lines for the editor, written as ``# TODO`` comments in the front matter."""

    def markdown(self) -> str:
        parts = [front_matter(self.values, self.notes, tuple(self.comments))]
        parts += [paragraph + "\n" for paragraph in self.introduction]
        for item in self.conversation:
            if isinstance(item, Heading):
                parts.append(f"## {item.text}\n")
                parts += [protect_label(paragraph) + "\n" for paragraph in item.paragraphs]
                continue
            first, *rest = item.paragraphs or [""]
            label = f"{item.label} [{item.time}]" if item.time else item.label
            parts.append(f"{label}: {first}".rstrip() + "\n")
            parts += [protect_label(paragraph) + "\n" for paragraph in rest]
        if self.closing and self.conversation:
            parts += ["* * *\n", *(paragraph + "\n" for paragraph in self.closing)]
        return "\n".join(parts)


_BLOCK_START = re.compile(r"^(\s*)([#>+=|~-]|`{3})|^(\s*\d+)([.)])(?=\s|$)")
_INLINE = re.compile(r"([\\`*\[\]<])|(?<!\w)_|_(?!\w)")
_LABEL_LIKE = re.compile(r"^((?:\*\*)?[^\s:*_][^:*_\n]{0,40}?)(:)(?=\s)")


def escape(text: str) -> str:
    """Plain text as Markdown that reads back as the same text."""
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    return _BLOCK_START.sub(lambda m: (m[1] + "\\" + m[2]) if m[2] else (m[3] + "\\" + m[4]),
                            text, count=1)


def protect_label(paragraph: str) -> str:
    """A continuation paragraph that starts like ``Name:`` must not start a new turn."""
    return _LABEL_LIKE.sub(r"\1\\\2", paragraph, count=1)
