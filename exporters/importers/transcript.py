"""WebVTT and SubRip captions: ``<v Name>`` voices or ``Name:`` labels become speakers,
cues of one voice one paragraph.

``NOTE`` blocks may state the front matter (``NOTE Title: ...``, ``Date: ...``,
``Interviewer: ...``) and name the recording (``Recording: episode-12.mp3``, or a file name in
a note or the ``WEBVTT`` line); timings, styles and regions are dropped.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

from ..body import parse_time  # the build's rule for a turn's time
from .infer import find_date
from .recording import RECORDING_KEYS, named_recording
from .said import Extract, Note, Para
from .structure import split_label
from .text import check_lines, decode
from .unvoiced import Cue, paragraphs_of, unvoiced_note
from .write import escape

_TIMING = re.compile(r"^\s*(\d+:)?\d{2}:\d{2}[.,]\d{3}\s+-->\s+(\d+:)?\d{2}:\d{2}[.,]\d{3}")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>", re.IGNORECASE)
_TAG = re.compile(r"</?[^<>]*>")
NOTE_FIELDS = {"title": "title", "date": "date", "interviewer": "interviewer",
               "interviewee": "interviewee", "publication": "publication",
               "language": "lang", "lang": "lang", "source": "source_url",
               "source_url": "source_url", "rights": "rights",
               **{key: "audio" for key in RECORDING_KEYS}}


def read_vtt(path: Path, data: bytes, webvtt: bool = True) -> Extract:
    """The paragraphs of WebVTT captions, or (not ``webvtt``) of SubRip's, whose cues are the
    same but for their numbers, which are dropped with the timings."""
    text, notes = decode(path, data)
    check_lines(path, text)
    extract = Extract([], unsure=notes)
    lines = text.split("\n")
    if webvtt and (not lines or not lines[0].startswith("WEBVTT")):
        extract.unsure.append(Note(1, "the file does not start with WEBVTT; read as WebVTT anyway"))
    cues: list[tuple[int, str, list[str]]] = []
    """(line, start, text lines) of each cue."""
    ends: dict[int, float | None] = {}
    """Where each cue ends, in seconds, by its line."""
    for number, block in _cue_blocks(lines):
        head = block[0].strip()
        if head.startswith(("NOTE", "STYLE", "REGION", "WEBVTT")):
            if head.startswith("NOTE"):
                _read_note(block, extract)
            if head.startswith("WEBVTT"):
                _read_header(block, extract)
            named = named_recording(" ".join(block))  # "WEBVTT - episode-12.mp3"
            if head.startswith(("NOTE", "WEBVTT")) and named:
                extract.hints.setdefault("audio", named)
            continue
        timing = next((i for i, line in enumerate(block) if _TIMING.match(line)), None)
        if timing is None:
            extract.dropped.append(Note(number, "a block without cue timings"))
            continue
        timings = [at for at in range(timing, len(block)) if _TIMING.match(block[at])]
        for at, until in zip(timings, [*timings[1:], len(block)]):  # a cue each timing line
            cue = number if at == timing else number + at
            cues.append((cue, block[at].split("-->")[0].strip().replace(",", "."),
                         block[at + 1:until]))
            ends[cue] = parse_time(block[at].split("-->")[1].split()[0].replace(",", "."))
    pieces = [(number, time, voice, words) for number, time, text in _rolled_up(cues, extract)
              for voice, words in (piece for said in _dialogue(text) for piece in _voices(said))]
    labelled = Counter(label for _, _, voice, words in pieces if not voice
                       and (label := split_label(words)[0]))
    read_labels = len(labelled) >= 2 or max(labelled.values(), default=0) >= 2
    """'Name: text' captions name their speakers; one label met once ('Step 1: pour the
    concrete') among captions that name no one is their words."""
    said: list[tuple[int, str, str, str]] = []
    """(line, voice or '', words, start) of each piece of a cue."""
    for number, time, voice, words in pieces:
        if not voice and read_labels:  # or a continuation of the last voice
            voice, rest = split_label(words)
            words = rest if voice else words
        said.append((number, voice, words, time))
    if any(voice for _, voice, _, _ in said):
        extract.paras += _turns(said)
    else:
        extract.paras += paragraphs_of((Cue(number, words, parse_time(time), ends[number])
                                        for number, _, words, time in said), extract.dropped)
        if said:
            extract.unsure.append(unvoiced_note(said[0][0]))
    return extract


def _turns(said: list[tuple[int, str, str, str]]) -> list[Para]:
    """One paragraph for each voice's cues in a row, placed and timed at the first; a cue
    that names no voice goes on with the voice before it."""
    paras: list[Para] = []
    speaker, paragraph, start, time = "", [], 0, ""
    for number, voice, words, at in said:
        if voice and voice != speaker and paragraph:
            paras.append(Para(escape(" ".join(paragraph)), start, label=speaker, time=time))
            paragraph = []
        speaker = voice or speaker
        if not paragraph:
            start, time = number, at
        paragraph.append(words)
    if paragraph:
        paras.append(Para(escape(" ".join(paragraph)), start, label=speaker, time=time))
    return paras


ROLLED_UP = 0.3
"""The share of cues, from which on, that open with the line the cue before ended with: roll-up
captions (YouTube's automatic ones), in which each line shows twice, as the new line and then
as the line above it; where no word carries its time (YouTube's ``<00:00:01.500>``), half."""
ROLLED_UP_UNTIMED = 0.5
ROLLED_UP_CUES = 5
"""The fewest repeated lines that make captions roll-up ones: a short clip in which 'No.' is
said twice is not."""
_WORD_TIME = re.compile(r"<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>")


def _rolled_up(cues: list[tuple[int, str, list[str]]], extract: Extract
               ) -> list[tuple[int, str, list[str]]]:
    """``cues``, and in roll-up captions each without the lines it repeats from the cue
    before (one in YouTube's, two in a broadcast's three rows)."""
    shown = [[_TAG.sub("", line).strip() for line in text if _TAG.sub("", line).strip()]
             for _, _, text in cues]
    repeated = {at: overlap for at in range(1, len(cues))
                if (overlap := _overlap(shown[at - 1], shown[at]))}
    timed_words = any(_WORD_TIME.search(line) for _, _, text in cues for line in text)
    if len(repeated) < ROLLED_UP_CUES or len(repeated) < (
            ROLLED_UP if timed_words else ROLLED_UP_UNTIMED) * len(cues):
        return cues
    extract.unsure.append(Note(cues[min(repeated)][0], "roll-up captions, each line shown "
                                                       "again under the next: read once"))
    kept = []
    for at, (number, time, text) in enumerate(cues):
        if at in repeated:
            said = [i for i, line in enumerate(text) if _TAG.sub("", line).strip()]
            text = text[said[repeated[at] - 1] + 1:]
        kept.append((number, time, text))
    return kept


def _overlap(before: list[str], lines: list[str]) -> int:
    """How many lines ``lines`` opens with that ``before`` ends with (the most: a roll-up's
    rows but the new one)."""
    return next((size for size in range(min(len(before), len(lines), ROLL_UP_ROWS), 0, -1)
                 if lines[:size] == before[-size:]), 0)


ROLL_UP_ROWS = 4
"""The most rows roll-up captions show at once (broadcasts show two to four)."""


def _read_header(block: list[str], extract: Extract) -> None:
    """The language a WebVTT header names ('Language: en', as YouTube writes it)."""
    for line in block[1:]:
        key, _, value = line.partition(":")
        if key.strip().lower() == "language" and 1 < len(value.strip()) <= 12:
            extract.hints.setdefault("lang", value.strip())


def _cue_blocks(lines: list[str]):
    """(first line, lines) of each block of lines between blank ones; a line of spaces right
    after a cue's timing, before the words, is its first line of text (YouTube's captions
    open so), not a blank."""
    block: list[str] = []
    start = 1
    ahead = lines[1:] + ["", ""]
    for number, (line, after) in enumerate(zip(lines + [""], ahead), start=1):
        if line.strip() or (line and block and _TIMING.match(block[-1]) and after.strip()
                            and not _TIMING.match(after) and not after.strip().isdigit()):
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []


_DIALOGUE_LINE = re.compile(r"^\s*[-–]\s+(?=\S)")
_OVERRIDE = re.compile(r"\{\\[^{}]{0,200}\}")
"""A SubRip cue's positioning tag, '{\\an8}': no words."""


def _dialogue(lines: list[str]) -> list[str]:
    """A cue's text, each line that opens with a dash and a speaker's label ('- Ruth Vale:
    Thank you.', captions' way of two speakers in one cue) a piece of its own, without the
    dash; override tags left out."""
    pieces: list[str] = []
    for line in (_OVERRIDE.sub("", line) for line in lines):
        dash = _DIALOGUE_LINE.match(line)
        if dash and not split_label(line[dash.end():])[0]:
            dash = None  # '- faculty, staff…': a dash in the sentence, not a new speaker
        if dash or not pieces:
            pieces.append(line[dash.end():] if dash else line)
        else:
            pieces[-1] += " " + line
    return pieces


def _voices(text: str) -> list[tuple[str, str]]:
    """(voice or '', text) for each voice span in a cue's text."""
    pieces: list[tuple[str, str]] = []
    positions = list(_VOICE.finditer(text))
    if not positions or positions[0].start() > 0:
        head = text[: positions[0].start()] if positions else text
        pieces.append(("", head))
    for index, match in enumerate(positions):
        end = positions[index + 1].start() if index + 1 < len(positions) else len(text)
        # "<v Bart Decrem:>": some captioning tools write the name as a label, colon included
        voice = html.unescape(match[1]).strip().rstrip(":：").rstrip()
        pieces.append((voice, text[match.end():end]))
    return [(voice, " ".join(html.unescape(_TAG.sub("", words)).split()))
            for voice, words in pieces if _TAG.sub("", words).strip()]


def _read_note(block: list[str], extract: Extract) -> None:
    body = [block[0][4:].strip(), *block[1:]]
    for line in body:
        key, _, value = line.partition(":")
        field = NOTE_FIELDS.get(key.strip().lower())
        if field and value.strip():
            value = value.strip()
            if field == "audio":
                value = named_recording(value)
                if not value:
                    continue
            extract.hints[field] = find_date(value) if field == "date" else value
