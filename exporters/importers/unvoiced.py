"""Captions and transcripts that name no speaker: a recording transcribed without telling its
voices apart, as Whisper and most speech-to-text tools write it unless asked to.

A cue (a caption, a segment) is a stretch of time, not of sense: it may end mid-sentence or
hold the end of an answer and the next question. So the cues' words are read as sentences,
each sentence that asks is a paragraph of its own (with the questions right after it), and the
others gather into paragraphs of about :data:`PARAGRAPH_WORDS` words. The importer then tells
questions from answers by their wording, as in a text with no labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .said import Note, Para, ends_with_question
from .write import escape


@dataclass(frozen=True)
class Cue:
    """One caption or segment: where it is in the source, its words, and its start."""

    line: int
    words: str
    time: str = ""


@dataclass(frozen=True)
class _Sentence:
    words: str
    line: int
    time: str
    asks: bool


PARAGRAPH_WORDS = 150
"""Past this many words, the next sentence that ends opens a new paragraph of the answer."""
_SENTENCE_END = re.compile(r"[.!?…؟？。][\"'”’»)\]]*(?=\s|$)")
_NOT_AN_END = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Jr|Sr|vs|etc|e\.g|i\.e|[A-Z])\.$")
"""A title or an initial before its full stop: 'Dr. Okafor', 'J. R. Ortiz'."""


def unvoiced_note(line: int, unit: str = "cue") -> Note:
    """The report's line for a source that names no speaker."""
    return Note(line, f"no {unit} names its speaker (a recording transcribed without telling "
                      f"voices apart): questions were told from answers by their wording "
                      f"alone, so check each one, and name the speakers")


def paragraphs_of(cues: Iterable[Cue]) -> list[Para]:
    """The paragraphs of cues that name no speaker (see the module's text)."""
    paras: list[Para] = []
    held: list[_Sentence] = []
    asked = False
    for sentence in _sentences(cues):
        if sentence.asks != asked or (not asked and _words(held) >= PARAGRAPH_WORDS):
            _put(held, paras)
            held = []
        held.append(sentence)
        asked = sentence.asks
    _put(held, paras)
    return paras


def _sentences(cues: Iterable[Cue]) -> Iterable[_Sentence]:
    """Each sentence of the cues' words, placed at the cue where it begins; a sentence that
    no stop ends before the last cue ends is one too."""
    pieces: list[str] = []
    line, time = 0, ""
    for cue in cues:
        at = 0
        for end in _SENTENCE_END.finditer(cue.words):
            if _NOT_AN_END.search(cue.words, max(0, end.start() - 8), end.end()):
                continue
            if not pieces:
                line, time = cue.line, cue.time
            pieces.append(cue.words[at:end.end()])
            words = " ".join(" ".join(pieces).split())
            yield _Sentence(words, line, time, ends_with_question(words))
            pieces, at = [], end.end()
        if cue.words[at:].strip():
            if not pieces:
                line, time = cue.line, cue.time
            pieces.append(cue.words[at:])
    if pieces:
        words = " ".join(" ".join(pieces).split())
        yield _Sentence(words, line, time, ends_with_question(words))


def _words(sentences: list[_Sentence]) -> int:
    return sum(len(sentence.words.split()) for sentence in sentences)


def _put(sentences: list[_Sentence], paras: list[Para]) -> None:
    if sentences:
        paras.append(Para(escape(" ".join(sentence.words for sentence in sentences)),
                          sentences[0].line, time=sentences[0].time))
