"""Timed Text (TTML, and DFXP, its older name): the transcripts Apple Podcasts shows beside an
episode, and the captions that broadcasters, streaming services and captioning tools exchange.

Each ``<p>`` is a segment, read as a JSON transcript's are (:func:`.json_transcript.read_segments`):
its words (Apple's put each word in a span of its own with no space between, so a word's span
ends a word), who says it (``ttm:agent``, named by the agent's ``ttm:name`` where the head
gives one, else by its id, 'SPEAKER_1', for the editor to rename), and its start and end (its
own ``begin`` and ``end``, or its first and last word's, after the ``begin`` of the elements
around it).

The XML parser reads no DTD, expands no entity and fetches nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.etree

from ..errors import ContentError, Problem
from .json_transcript import Segment, read_segments, speaker_name
from .said import Extract, Note
from .text import refuse_binary

_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                               huge_tree=False, remove_comments=True)
TTML = "http://www.w3.org/ns/ttml"
TTML_MARK = TTML.encode()
"""Words in the first bytes of a file that say it is Timed Text."""
_METADATA = f"{TTML}#metadata"
_PARAMETER = f"{TTML}#parameter"
_XML = "http://www.w3.org/XML/1998/namespace"
_HINT = "export the transcript again, as TTML, WebVTT or SubRip"
_CLOCK = re.compile(r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2}(?:\.\d{1,9})?)(?::(\d{1,3}(?:\.\d+)?))?")
_OFFSET = re.compile(r"(\d{1,12}(?:\.\d{1,9})?)(h|ms|m|s|f|t)?")


def read_ttml(path: Path, data: bytes) -> Extract:
    """The paragraphs of a Timed Text document: each speaker's ``<p>`` in a row one."""
    refuse_binary(path, data)
    try:
        root = lxml.etree.fromstring(data, _PARSER)
    except lxml.etree.XMLSyntaxError as error:
        raise ContentError(Problem(path, error.lineno or 1, f"this TTML cannot be read "
                                                           f"({error.msg})", _HINT)) from None
    if not isinstance(root.tag, str) or lxml.etree.QName(root).localname != "tt":
        raise ContentError(Problem(path, root.sourceline or 1, "this XML is no Timed Text "
                                   "(TTML): its root is not <tt>", _HINT))
    extract = Extract([])
    language = root.get(f"{{{_XML}}}lang", "")
    if 1 < len(language) <= 12:
        extract.hints["lang"] = language
    rates = _Rates.of(root)
    names = {agent.get(f"{{{_XML}}}id"): " ".join(name.itertext()).strip()
             for agent in root.iter(f"{{{_METADATA}}}agent")
             if (name := next(agent.iter(f"{{{_METADATA}}}name"), None)) is not None}
    said = []
    for paragraph in root.iter(f"{{{TTML}}}p"):
        words = " ".join(_words(paragraph).split())
        if not words:
            extract.dropped.append(Note(paragraph.sourceline or 1, "a <p> with no words"))
            continue
        agent = next((element.get(f"{{{_METADATA}}}agent") for element in
                      (paragraph, *paragraph.iterancestors(), *paragraph.iter())
                      if element.get(f"{{{_METADATA}}}agent")), "")
        agent = agent.split()[0] if agent.strip() else ""
        said.append(Segment(paragraph.sourceline or 1, speaker_name(names.get(agent) or agent),
                            words, *_span(paragraph, rates)))
    read_segments(said, extract, "paragraph")
    return extract


def _words(element: lxml.etree._Element) -> str:
    """An element's words: its text and its children's, a line break or a word's span (Apple's
    ``podcasts:unit="word"``) a space."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            name = lxml.etree.QName(child).localname
            pieces.append(" " if name == "br" else _words(child))
            if any(key.endswith("unit") and value == "word" for key, value in child.items()):
                pieces.append(" ")
        pieces.append(child.tail or "")
    return "".join(pieces)


class _Rates:
    """The frame and tick rates a document's times count in."""

    def __init__(self, frames: float, ticks: float) -> None:
        self.frames, self.ticks = frames, ticks

    @classmethod
    def of(cls, root: lxml.etree._Element) -> _Rates:
        def rate(name: str, default: float) -> float:
            found = _OFFSET.fullmatch(root.get(f"{{{_PARAMETER}}}{name}", "").strip())
            return float(found[1]) if found and float(found[1]) > 0 else default
        return cls(rate("frameRate", 30.0), rate("tickRate", 1.0))


def _span(paragraph: lxml.etree._Element, rates: _Rates) -> tuple[float | None, float | None]:
    """A ``<p>``'s start and end in seconds: its own, or its first and last timed word's, after
    the begin of the elements around it (a ``<div begin>`` starts its paragraphs' clock)."""
    around = sum(_seconds(element.get("begin"), rates) or 0.0
                 for element in paragraph.iterancestors())
    timed = [element for element in paragraph.iter() if element.get("begin")]
    start = _seconds(paragraph.get("begin") or (timed[0].get("begin") if timed else None), rates)
    ended = [element for element in paragraph.iter() if element.get("end")]
    end = _seconds(paragraph.get("end") or (ended[-1].get("end") if ended else None), rates)
    return (None if start is None else around + start, None if end is None else around + end)


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
