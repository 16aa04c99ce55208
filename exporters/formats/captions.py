"""The captions edition: for an interview whose turns give their times in the recording
(``Q [12:34]:``), the transcript as timed captions.

Three files, with the same cues, one per timed turn: ``<slug>.vtt`` (WebVTT, each cue
voiced by its speaker, ``<v Maya Ortiz>``), ``<slug>.srt`` (SubRip, ``Maya Ortiz: text``)
and ``<slug>.json`` (the Podcasting 2.0 transcript format). A cue ends where the next turn
starts; the last one at the end of the recording, or, without ``audio:``, after the time it
takes to say it. Cues are plain text: markup and note numbers are left out. Interviews
without times and collected volumes get nothing.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from ..body import Turn
from ..edition import Document, Edition, Written
from ..model import Interview
from ..output import write_atomic
from ..timeline import clock, milliseconds, spans

WORDS_A_SECOND = 2.5
"""The pace the length of a last cue is estimated at when there is no recording."""
_NOTE_REFERENCE = re.compile(r'<a\b[^>]*\bclass="noteref"[^>]*>.*?</a>', re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u202f]+")


@dataclass(frozen=True)
class Cue:
    speaker: str
    start: float
    end: float
    text: str
    """Plain text; lines are the turn's paragraphs."""


def plain_text(markup: str) -> str:
    """An HTML fragment as plain text: no note numbers, no tags, entities read, spaces joined."""
    text = _TAG.sub("", _BREAK.sub(" ", _NOTE_REFERENCE.sub("", markup)))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def turn_text(turn: Turn) -> str:
    """What was said in a turn, one line a block; figures, rules and code are left out."""
    lines = (plain_text(block.html) for block in turn.blocks
             if block.kind in ("paragraph", "list", "quote", "table", "heading", "html"))
    return "\n".join(line for line in lines if line)


def cues(interview: Interview) -> list[Cue]:
    """One cue per turn with a time, in order, as long as the turn's span in the recording
    (:func:`exporters.timeline.spans`); without a recording, the last one as long as its words
    take to say."""
    found = []
    for span in spans(interview):
        text = turn_text(span.turn)
        spoken = max(1.0, len(text.split()) / WORDS_A_SECOND)
        end = span.start + spoken if span.end is None else span.end
        found.append(Cue(span.turn.speaker.name, span.start, max(end, span.start), text))
    return found


def _clock(seconds: float, separator: str) -> str:
    return clock(milliseconds(seconds), separator)


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt(found: list[Cue]) -> str:
    blocks = ["WEBVTT"]
    for number, cue in enumerate(found, 1):
        lines = [_vtt_escape(line) for line in cue.text.split("\n")] or [""]
        voice = f"<v {_vtt_escape(cue.speaker)}>"
        blocks.append(f"{number}\n{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}\n"
                      + voice + "\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def subrip(found: list[Cue]) -> str:
    blocks = []
    for number, cue in enumerate(found, 1):
        blocks.append(f"{number}\n{_clock(cue.start, ',')} --> {_clock(cue.end, ',')}\n"
                      f"{cue.speaker}: {cue.text}")
    return "\n\n".join(blocks) + "\n"


def podcast_json(found: list[Cue]) -> str:
    segments = [{"speaker": cue.speaker, "startTime": round(cue.start, 3),
                 "endTime": round(cue.end, 3), "body": cue.text} for cue in found]
    return json.dumps({"version": "1.0.0", "segments": segments}, ensure_ascii=False,
                      indent=2) + "\n"


class CaptionsEdition(Edition):
    name = "captions"
    order = 7

    def export(self, document: Document) -> list[Written]:
        """For an interview with times: its .vtt, .srt and .json; nothing otherwise."""
        if not isinstance(document, Interview):
            return []
        found = cues(document)
        if not found:
            return []
        slug = document.meta.slug
        written = []
        for extension, text in (("vtt", webvtt(found)), ("srt", subrip(found)),
                                ("json", podcast_json(found))):
            target = self.settings.target(slug, f"{slug}.{extension}")
            write_atomic(target, text.encode("utf-8"))
            written.append(Written(target))
        return written
