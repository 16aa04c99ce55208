"""Where each timed turn is heard in the recording: the one rule the captions and the
read-along e-book share. A turn lasts from its time to the next timed turn's; the last one
to the end of the recording."""

from __future__ import annotations

from dataclasses import dataclass

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
