"""Where each timed turn is heard in the recording: the one rule the captions and the
read-along e-book share. A turn lasts from its time to the next timed turn's; the last one
to the end of the recording."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .body import Turn
from .model import Interview


@dataclass(frozen=True)
class Span:
    turn: Turn
    start: float
    end: float | None
    """None for the last turn of an interview without a recording: it has no end to go by."""


def spans(interview: Interview) -> list[Span]:
    """One span per turn with a time, in order."""
    timed = [turn for turn in interview.body.turns if turn.time is not None]
    ends = [turn.time for turn in timed[1:]] + [interview.meta.audio_duration]
    return [Span(turn, float(turn.time or 0), None if end is None else float(end))
            for turn, end in zip(timed, ends)]


def has_times(interview: Interview) -> bool:
    """Whether any turn says where it starts in the recording."""
    return any(turn.time is not None for turn in interview.body.turns)


@dataclass(frozen=True)
class RecordingCopy:
    """A recording as a page or a book carries it: its file, and the name of the copy."""

    source: Path
    name: str


def recordings(interviews: Iterable[Interview]) -> dict[str, RecordingCopy]:
    """The copy of its recording each interview's times play, by the interview's slug: for the
    interviews with ``audio:`` and times. Interviews of one recording share one copy, named
    after the first of them (``<slug>.mp3``), as slugs are unique, no two copies collide."""
    copies: dict[Path, RecordingCopy] = {}
    played = {}
    for interview in interviews:
        audio = interview.meta.audio
        if audio is None or not has_times(interview):
            continue
        if audio not in copies:
            copies[audio] = RecordingCopy(audio, f"{interview.meta.slug}{audio.suffix.lower()}")
        played[interview.meta.slug] = copies[audio]
    return played


def milliseconds(seconds: float) -> int:
    return round(seconds * 1000)


def clock(milliseconds: int, separator: str = ".", hour_digits: int = 2) -> str:
    """A time as captions and SMIL write it, ``HH:MM:SS.mmm`` (SubRip: ``,`` before the
    milliseconds; SMIL: hours in as few digits as they take)."""
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return (f"{hours:0{hour_digits}d}:{minutes:02d}:{rest // 1000:02d}"
            f"{separator}{rest % 1000:03d}")
