"""JSON transcripts: the Podcasting 2.0 format that podcast hosts publish beside an episode
(``<podcast:transcript type="application/json">``), and the segments that speech-to-text
tools write (Whisper and WhisperX, AssemblyAI's utterances, Deepgram's).

Each segment's speaker becomes a speaker, and the segments one speaker says in a row one
paragraph, timed by the first of them, as WebVTT's cues are. A segment with no speaker goes
on with the speaker before, or is a voice the tool did not name where the others all name one
speaker, or, where nearly every segment names its speaker, a marker ('Intro') left out; where no segment names one (Whisper's own output), the words are read as
captions that name no speaker are (:mod:`.unvoiced`). A tool's own names for the voices it
told apart ('SPEAKER_00', 'A', 0) become 'Speaker …' labels that an editor renames.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..body import parse_time  # the build's rule for a turn's time
from ..errors import ContentError, Problem
from .said import Extract, Note, Para
from .text import check_lines, decode
from .unvoiced import Cue, clock, paragraphs_of, unvoiced_note
from .write import escape


@dataclass(frozen=True)
class Shape:
    """Where a tool's JSON keeps its segments, and what each segment's keys are."""

    path: tuple[str, ...]
    """The keys down to the list of segments; none: the document is the list."""
    words: tuple[str, ...] = ("body", "text", "transcript")
    starts: tuple[tuple[str, float], ...] = (("startTime", 1.0), ("start", 1.0),
                                             ("start_ms", 0.001))
    """A segment's start: the first of these keys it has, and its unit in seconds (a time
    written 'HH:MM:SS.mmm' is read as such)."""
    ends: tuple[tuple[str, float], ...] = (("endTime", 1.0), ("end", 1.0), ("end_ms", 0.001))
    """A segment's end, likewise."""


SPEAKER_KEYS = ("voice", "speaker_name", "speaker")
"""Where a segment names its speaker, the name first: the Podlove player's segments carry a
number in 'speaker' and the name in 'voice'."""
SHAPES = (
    Shape(("segments",)),
    Shape(("utterances",), starts=(("start", 0.001),), ends=(("end", 0.001),)),
    Shape(("results", "utterances")),
    Shape(()),
)
"""Podcasting 2.0 and Whisper (seconds), AssemblyAI (milliseconds), Deepgram (seconds), and a
bare list of segments, as the Podlove player and many tools write them."""
MARKERS_AMONG_NAMED = 0.9
"""Where this share of the segments or more name their speaker, one that names none is no
one's words but a marker ('Intro', 'Outro'); below it, where the segments name one speaker
only, the words of another whom the tool did not name (:data:`UNNAMED`: the Podlove player's
files name their host's segments and not their guest's), and else the words of the speaker
before (a tool that names the speaker where it changes, as SubRip's captions do)."""
UNNAMED = "Unnamed speaker"
_HINT = ("save the transcript again as Podcasting 2.0 JSON (a \"segments\" list of "
         "\"speaker\", \"startTime\" and \"body\"), WebVTT or SubRip")
def read_json_transcript(path: Path, data: bytes) -> Extract:
    """The paragraphs of a JSON transcript: the segments of each speaker's turn joined."""
    text, notes = decode(path, data)
    check_lines(path, text)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ContentError(Problem(path, error.lineno, f"this is not JSON: {error.msg}",
                                   _HINT)) from None
    except RecursionError:
        raise ContentError(Problem(path, 1, "this JSON is nested too deeply to be a "
                                   "transcript", _HINT)) from None
    shape, segments = _segments(document)
    if shape is None:
        raise ContentError(Problem(path, 1, "this JSON holds no transcript that import "
                                   "knows: no list of segments that say something", _HINT))
    extract = Extract([], unsure=notes)
    language = document.get("language") if isinstance(document, dict) else None
    if isinstance(language, str) and 1 < len(language) <= 12:
        extract.hints["lang"] = language
    said = []
    lines = _Lines(text)
    for segment in segments:
        found = _said(segment, shape)
        if found is None:
            extract.dropped.append(Note(lines.line, "a segment with no words"))
        else:
            said.append(Segment(lines.of(found[1]), *found))
    read_segments(said, extract)
    return extract


@dataclass(frozen=True)
class Segment:
    """What a transcript tool says of a stretch of the recording: where it is in the source,
    who speaks ('' where it does not say), the words, and their start and end in seconds."""

    line: int
    voice: str
    words: str
    start: float | None = None
    end: float | None = None


def read_segments(said: list[Segment], extract: Extract, unit: str = "segment") -> None:
    """Add to ``extract`` the paragraphs of a tool's segments: one speaker's in a row one
    paragraph, timed by the first; those of a tool that named no one read as captions that
    name no speaker are (:mod:`.unvoiced`); a segment with no speaker among named ones as
    :data:`MARKERS_AMONG_NAMED` says."""
    if not any(segment.voice for segment in said):
        extract.paras += paragraphs_of((Cue(segment.line, " ".join(segment.words.split()),
                                            segment.start, segment.end) for segment in said),
                                       extract.dropped)
        if said:
            extract.unsure.append(unvoiced_note(said[0].line, unit))
        return
    markers = sum(1 for segment in said if segment.voice) >= MARKERS_AMONG_NAMED * len(said)
    unnamed = [segment.line for segment in said if not segment.voice]
    one_named = len({segment.voice for segment in said if segment.voice}) == 1
    if unnamed and not markers and one_named:
        extract.unsure.append(Note(unnamed[0], f"{len(unnamed)} {unit}s name no speaker: "
                                               f"they were given to '{UNNAMED}'; rename the "
                                               f"speaker, or give their turns to the others"))
    elif unnamed and not markers:
        extract.unsure.append(Note(unnamed[0], f"{len(unnamed)} {unit}s name no speaker: each "
                                               f"was given to the speaker before it; check "
                                               f"that no one else says them"))
    speaker, words, start, time = "", [], 0, ""
    for segment in said:
        if not segment.voice and markers:  # 'Intro', 'Outro': music, where all else has a voice
            extract.dropped.append(Note(segment.line, f"a {unit} no speaker says, "
                                                      f"'{segment.words[:40]}'"))
            continue
        voice = segment.voice or (UNNAMED if one_named else speaker)
        if voice != speaker or not words:
            if words:
                extract.paras.append(Para(escape(" ".join(words)), start, label=speaker,
                                          time=time))
                words = []
            speaker, start, time = voice, segment.line, clock(segment.start)
        words += segment.words.split()
    if words:
        extract.paras.append(Para(escape(" ".join(words)), start, label=speaker, time=time))


class _Lines:
    """The line each segment's words stand on, found in the text in turn (the JSON reader
    keeps no places): each search starts where the last one ended."""

    def __init__(self, text: str) -> None:
        self.text, self.at, self.line = text, 0, 1

    def of(self, spoken: str) -> int:
        head = spoken[:30]
        for written in (json.dumps(head)[1:-1], json.dumps(head, ensure_ascii=False)[1:-1]):
            found = self.text.find(written, self.at)
            if found >= 0:
                self.line += self.text.count("\n", self.at, found)
                self.at = found + len(written)
                break
        return self.line


def _segments(document: object) -> tuple[Shape | None, list]:
    """The shape a document's segments have and the segments, or (None, [])."""
    for shape in SHAPES:
        found = document
        for key in shape.path:
            found = found.get(key) if isinstance(found, dict) else None
        if isinstance(found, list) and any(isinstance(item, dict) for item in found):
            return shape, found
    return None, []


def _said(segment: object, shape: Shape
          ) -> tuple[str, str, float | None, float | None] | None:
    """(speaker, words, start and end in seconds) of a segment, or None for one that says
    nothing."""
    if not isinstance(segment, dict):
        return None
    spoken = next((value for key in shape.words
                   if isinstance(value := segment.get(key), str) and value.strip()), "")
    if not spoken:
        return None
    speaker = next((name for key in SPEAKER_KEYS if (name := speaker_name(segment.get(key)))), "")
    start, end = (next((_seconds(segment[key], unit) for key, unit in keys if key in segment),
                       None) for keys in (shape.starts, shape.ends))
    return speaker, spoken, start, end


def _seconds(value: object, unit: float) -> float | None:
    """A segment's start in seconds: a number in ``unit``, or a time 'HH:MM:SS.mmm'."""
    if isinstance(value, str):
        return parse_time(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value * unit


def speaker_name(value: object) -> str:
    """A segment's speaker as a name: a tool's number or letter for a voice as 'Speaker 1'."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return f"Speaker {value}"
    if not isinstance(value, str):
        return ""
    name = " ".join(value.split())[:60]
    return f"Speaker {name}" if len(name) == 1 else name
