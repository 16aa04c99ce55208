"""The recording a transcript names: found beside the source, never fetched.

A reader states the name it found (a WebVTT ``NOTE Recording: episode-12.mp3``, a first line
``Recording: episode-12.mp3``, a post's ``audio:``/``enclosure:``/``media:`` field, a page's
``<audio src>`` or ``og:audio``) as the hint ``audio``; :func:`locate` looks for that file in
the source's folder. Only a readable MP3, M4A or Ogg recording there is linked (``audio:``),
and ``import`` copies it beside the content file it writes; anything else is a ``TODO`` and a
report line saying what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

AUDIO_FILE = re.compile(
    r"(?P<name>(?:https?://)?[^\s\"'<>|()\[\]]*?[^\s\"'<>|()\[\]/]\.(?:mp3|m4a|mp4|ogg|oga|opus|"
    r"wav|aac|flac|aiff?))(?![\w.])", re.I)
"""A recording's file name or address inside a line: ``episode-12.mp3``,
``https://example.org/ep12.m4a``; formats the build does not read (WAV, FLAC) are found too,
so that the report can say to convert them."""
RECORDING_KEYS = ("recording", "audio", "audio file", "audio_file", "media", "media file",
                  "enclosure", "file", "podcast")
"""The names a transcript's header or a post's front matter gives its recording under."""


def named_recording(text: str) -> str:
    """The first recording file name or address in ``text``, or ''."""
    found = AUDIO_FILE.search(text)
    return found["name"] if found else ""


@dataclass(frozen=True)
class Located:
    """Where the recording a source names was found, or why it was not."""

    reference: str
    """As the source wrote it."""
    path: Path | None = None
    """The readable recording in the source's folder, or None."""
    problem: str = ""
    """Why it is not linked, and what to do, when ``path`` is None."""

    @property
    def name(self) -> str:
        """The file name ``audio:`` gets: the recording is copied beside the content file."""
        return self.path.name if self.path is not None else ""


def locate(source: Path, reference: str) -> Located:
    """Look for the recording ``reference`` names in the folder of ``source``: the path it
    gives, when that stays inside the folder, else its file name there. An address on the web
    is looked for by its file name, never fetched."""
    from ..assets import AUDIO_TYPES, recording_problem
    from ..errors import display_path

    folder = source.parent
    remote = urlparse(reference).scheme in ("http", "https")
    written = unquote(urlparse(reference).path if remote else reference).replace("\\", "/")
    name = PurePosixPath(written).name
    if not name:
        return Located(reference, problem=f"the recording '{reference}' names no file")
    relative = PurePosixPath(written)
    inside = (not remote and not relative.is_absolute() and ".." not in relative.parts
              and ":" not in written)
    candidates = ([folder / relative] if inside else []) + [folder / name]
    found = next((path for path in candidates if path.is_file()), None)
    if found is None:
        where = "is on the web and is not fetched" if remote else \
            f"is not beside the source (looked for {display_path(candidates[0])})"
        return Located(reference, problem=f"the recording '{reference}' {where}: put "
                                          f"'{name}' beside the imported file and write "
                                          f"audio: {name}")
    if found.suffix.lower() not in AUDIO_TYPES:
        return Located(reference, problem=f"the recording '{found.name}' is not an MP3, M4A "
                                          "or Ogg file: convert it to one, put it beside the "
                                          "imported file and write audio: NAME")
    problem = recording_problem(found)
    if problem:
        return Located(reference, problem=f"the recording '{found.name}' {problem[0]}: "
                                          f"{problem[1]}")
    return Located(reference, path=found)
