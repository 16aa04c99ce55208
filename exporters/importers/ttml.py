"""Timed Text (TTML, and DFXP, its older name): the transcripts Apple Podcasts shows beside an
episode, and the captions that broadcasters, streaming services and captioning tools exchange.

Each ``<p>`` is a segment, read as a JSON transcript's are (:func:`.json_transcript.read_segments`):
its words (Apple's put each word in a span of its own with no space between, so a word's span
ends a word), who says it (``ttm:agent``, named by the agent's ``ttm:name`` where the head
gives one, else by its id, 'SPEAKER_1', for the editor to rename), and its start and end (its
own ``begin`` and ``end``, or its first and last word's, after the ``begin`` of the elements
around it).

The XML is read as OHMS's is (:func:`.ohms.read_xml`): no DTD, no entity, no fetch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import lxml.etree

from ..errors import ContentError, Problem
from .json_transcript import Segment, read_segments, speaker_name
from .ohms import read_xml
from .said import Extract, Note

TTML_MARKS = (b"http://www.w3.org/ns/ttml", b"http://www.w3.org/2006/10/ttaf1",
              b"http://www.w3.org/2006/04/ttaf1")
"""Words in the first bytes of a file that say it is Timed Text: TTML's namespace, and DFXP's
before it."""
_XML = "http://www.w3.org/XML/1998/namespace"
_HINT = "export the transcript again, as TTML, WebVTT or SubRip"
_CLOCK = re.compile(r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2}(?:\.\d{1,9})?)(?::(\d{1,3}(?:\.\d+)?))?")
_OFFSET = re.compile(r"(\d{1,12}(?:\.\d{1,9})?)(h|ms|m|s|f|t)?")


def read_ttml(path: Path, data: bytes) -> Extract:
    """The paragraphs of a Timed Text document: each speaker's ``<p>`` in a row one."""
    root = read_xml(path, data, "TTML", _HINT)
    if _name(root) != "tt":
        raise ContentError(Problem(path, root.sourceline or 1, "this XML is no Timed Text "
                                   "(TTML): its root is not <tt>", _HINT))
    extract = Extract([])
    language = root.get(f"{{{_XML}}}lang", "")
    if 1 < len(language) <= 12:
        extract.hints["lang"] = language
    rates = _Rates.of(root)
    names = {agent.get(f"{{{_XML}}}id"): " ".join(name.itertext()).strip()
             for agent in root.iter("{*}agent")
             if (name := next(agent.iter("{*}name"), None)) is not None}
    said: list[Segment] = []
    body = next((child for child in root if _name(child) == "body"), None)
    if body is not None:
        _walk(body, 0.0, "", _Context(rates, names, said, extract))
    read_segments(said, extract, "paragraph")
    return extract


@dataclass(frozen=True)
class _Context:
    """What every paragraph of one document is read with, and where its segments go."""

    rates: _Rates
    names: dict
    said: list[Segment]
    extract: Extract


def _walk(element: lxml.etree._Element, offset: float, agent: str, context: _Context
          ) -> float | None:
    """Read the paragraphs under ``element``, whose clock starts at ``offset`` seconds and
    whose speaker is ``agent`` unless they name their own; return where ``element`` ends.
    Children of a ``timeContainer="seq"`` follow each other: each starts where the one
    before it ended."""
    start = offset + (_seconds(element.get("begin"), context.rates) or 0.0)
    agent = _agent(element) or agent
    if _name(element) == "p":
        return _paragraph(element, start, agent, context)
    sequential = element.get("timeContainer") == "seq"
    clock, end = start, None
    for child in element:
        if _name(child) in ("div", "p"):
            ended = _walk(child, clock if sequential else start, agent, context)
            end = ended if ended is not None else end
            if sequential and ended is not None:
                clock = ended
    return _end(element, start, context.rates) or end


def _paragraph(paragraph: lxml.etree._Element, start: float, agent: str, context: _Context
               ) -> float | None:
    """Add a ``<p>``'s segments (one for each speaker its spans name, in turn), timed from
    ``start`` (its own begin, or its first timed word's); return its end."""
    timed = [_seconds(element.get("begin"), context.rates) for element in paragraph.iter()
             if element is not paragraph and element.get("begin")]
    if paragraph.get("begin") is None and timed and timed[0] is not None:
        start += timed[0]  # Apple's: only the words are timed
    end = _end(paragraph, start, context.rates)
    if end is None:
        ends = [_seconds(element.get("end"), context.rates) for element in paragraph.iter()
                if element.get("end")]
        if ends and ends[-1] is not None:
            end = start - (timed[0] or 0.0 if timed and paragraph.get("begin") is None
                           else 0.0) + ends[-1]
    pieces: list[tuple[str, str]] = [(agent, paragraph.text or "")]
    for child in paragraph:
        if _name(child) and _name(child) not in _NO_WORDS:
            pieces.append((_agent(child) or agent,
                           " " if _name(child) == "br" else _words(child) + _word_end(child)))
        pieces.append((pieces[-1][0], child.tail or ""))
    runs: list[tuple[str, str]] = []
    for speaker, words in pieces:
        if runs and (runs[-1][0] == speaker or not words.strip()):
            runs[-1] = (runs[-1][0], runs[-1][1] + words)
        else:
            runs.append((speaker, words))
    line = paragraph.sourceline or 1
    spoken = [(speaker, " ".join(words.split())) for speaker, words in runs if words.strip()]
    if not spoken:
        context.extract.dropped.append(Note(line, "a <p> with no words"))
    total = sum(len(words) for _, words in spoken)
    done = 0
    for speaker, words in spoken:  # a speaker's words start as far into the <p> as they stand
        begins = start + ((end - start) * done / total if end is not None and end > start
                          else done / total / 1000)
        context.said.append(Segment(line, speaker_name(context.names.get(speaker) or speaker),
                                    words, round(begins, 3), end))
        done += len(words)
    return end


def _end(element: lxml.etree._Element, start: float, rates: _Rates) -> float | None:
    """Where an element ends: its ``end`` (on the clock its ``begin`` is on), or its start
    and ``dur``."""
    begin = _seconds(element.get("begin"), rates) or 0.0
    end = _seconds(element.get("end"), rates)
    if end is not None:
        return start - begin + end
    duration = _seconds(element.get("dur"), rates)
    return None if duration is None else start + duration


def _agent(element: lxml.etree._Element) -> str:
    """The speaker an element names (``ttm:agent``, in any TTML namespace), or ''."""
    named = next((value for key, value in element.items() if key.endswith("}agent")), "")
    return named.split()[0] if named.strip() else ""


def _name(element: lxml.etree._Element) -> str:
    return lxml.etree.QName(element).localname if isinstance(element.tag, str) else ""


def _word_end(element: lxml.etree._Element) -> str:
    """A space after a word's span (Apple's ``podcasts:unit="word"``), which ends a word."""
    return " " if any(key.endswith("unit") and value == "word"
                      for key, value in element.items()) else ""


_NO_WORDS = ("metadata", "set", "agent", "name", "desc", "title", "copyright")
"""Elements inside a paragraph that say something of it, not what is said."""


def _words(element: lxml.etree._Element) -> str:
    """An element's words: its text and its children's, a line break or a word's span (Apple's
    ``podcasts:unit="word"``) a space."""
    pieces = [element.text or ""]
    for child in element:
        if _name(child) and _name(child) not in _NO_WORDS:
            pieces.append(" " if _name(child) == "br" else _words(child) + _word_end(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


class _Rates:
    """The frame and tick rates a document's times count in."""

    def __init__(self, frames: float, ticks: float) -> None:
        self.frames, self.ticks = frames, ticks

    @classmethod
    def of(cls, root: lxml.etree._Element) -> _Rates:
        def rate(name: str, default: float) -> float:
            given = next((value for key, value in root.items() if key.endswith("}" + name)), "")
            found = _OFFSET.fullmatch(given.strip())
            return float(found[1]) if found and not found[2] and float(found[1]) > 0 \
                else default

        multiplier = next((value.split() for key, value in root.items()
                           if key.endswith("}frameRateMultiplier")), [])
        frames = rate("frameRate", 30.0)
        if len(multiplier) == 2 and all(part.isdigit() and 0 < int(part) < 10**6
                                        for part in multiplier):
            frames *= int(multiplier[0]) / int(multiplier[1])  # 30 × 1000/1001: 29.97
        return cls(frames, rate("tickRate", 1.0))


def _seconds(text: str | None, rates: _Rates) -> float | None:
    """A TTML time in seconds: a clock time ('00:01:02.5', '1:02.5', '00:01:02:12' in frames)
    or an offset ('62.5s', '1500ms', '12f', '1.5', as Apple writes it); None for anything
    else."""
    text = (text or "").strip()
    if (clock := _CLOCK.fullmatch(text)) is not None:
        hours, minutes, seconds, frames = clock.groups()
        return (int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
                + (float(frames) / rates.frames if frames else 0.0))
    if (offset := _OFFSET.fullmatch(text)) is not None:
        amount, unit = float(offset[1]), offset[2] or "s"
        return amount * {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001,
                         "f": 1 / rates.frames, "t": 1 / rates.ticks}[unit]
    return None
