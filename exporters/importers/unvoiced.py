"""Captions and transcripts that name no speaker: a recording transcribed without telling its
voices apart, as Whisper and most speech-to-text tools write it unless asked to.

A cue (a caption, a segment) is a stretch of time, not of sense: it may end mid-sentence or
hold the end of an answer and the next question. So the cues' words are read as sentences,
each sentence that asks is a paragraph of its own (with the questions right after it), and the
others gather into paragraphs of about :data:`PARAGRAPH_WORDS` words. A paragraph starts where
its first sentence does: within a cue, as far into the cue's time as the sentence is into its
words. The importer then tells questions from answers by their wording, as in a text with no
labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..body import format_time  # the build's rule for a turn's time
from .said import Note, Para, ends_with_question
from .write import escape


@dataclass(frozen=True)
class Cue:
    """One caption or segment: where it is in the source, its words, and its start and end in
    the recording, in seconds, where the source gives them."""

    line: int
    words: str
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True)
class _Sentence:
    words: str
    line: int
    start: float | None
    asks: bool


PARAGRAPH_WORDS = 150
"""Past this many words, the next sentence that ends opens a new paragraph of the answer."""
_SENTENCE_END = re.compile(r"[.!?…؟][\"'”’»)\]]*(?=\s|$)|[。？！][\"'”’»)\]」』]*")
_NOT_AN_END = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Jr|Sr|Sra|vs|etc|e\.g|i\.e|"
                         r"z\.B|Nr|[A-Z])\.$")
"""A title or an initial before its full stop: 'Dr. Okafor', 'J. R. Ortiz'."""
_TAG_QUESTION = re.compile(
    r",\s*(?:you know|ya know|you see|know what I mean|innit|right|yeah|okay|ok|¿sabes|"
    r"tu vois|weißt du)\s*[?？][\"'”’»)\]]*$", re.IGNORECASE)
"""A tag that ends a statement ('…, you know?', '…, right?'): in speech nobody is named in,
more often the speaker's habit than a question (measured: taking '…, right?' for a question
found 0.95 of the interviewer's asking turns instead of 0.88, but 0.56 of the questions found
were the interviewer's instead of 0.66). A tag that asks a verb back ('…, isn't it?', '…,
didn't you?') still asks."""
_CLOSES = tuple(".,;:!?…؟،。，？！\"'”’»)]")
"""Marks that close what stands before them: a cue that opens with one goes on the word before
with no space."""
_NO_WORDS = re.compile(r"\s*(?:\[[^\[\]]{1,40}\]|\([^()]{1,40}\)|[♪♫#\s]+)\s*")
"""A cue that is a sound, not words: '[Music]', '(laughter)', '♪ ♪'."""


def unvoiced_note(line: int, unit: str = "cue") -> Note:
    """The report's line for a source that names no speaker."""
    return Note(line, f"no {unit} names its speaker (a recording transcribed without telling "
                      f"voices apart): questions were told from answers by their wording "
                      f"alone, so check each one, and name the speakers")


def paragraphs_of(cues: Iterable[Cue], dropped: list[Note]) -> list[Para]:
    """The paragraphs of cues that name no speaker (see the module's text); a cue that is a
    sound only is left out and reported in ``dropped``."""
    spoken = []
    for cue in cues:
        if _NO_WORDS.fullmatch(cue.words):
            dropped.append(Note(cue.line, f"a sound, not words: '{cue.words.strip()[:40]}'"))
        else:
            spoken.append(cue)
    paras: list[Para] = []
    held: list[_Sentence] = []
    asked = False
    last = -1.0
    for sentence in _sentences(spoken):
        if sentence.asks != asked or (not asked and _words(held) >= PARAGRAPH_WORDS):
            last = _put(held, paras, last)
            held = []
        held.append(sentence)
        asked = sentence.asks
    _put(held, paras, last)
    return paras


def _sentences(cues: list[Cue]) -> Iterator[_Sentence]:
    """Each sentence of the cues' words, placed at the cue where it begins and timed as far
    into the cue as it begins; a sentence that no stop ends before the last cue ends is one
    too."""
    pieces: list[str] = []
    line, start = 0, None
    for at, cue in enumerate(cues):
        after = cues[at + 1].words if at + 1 < len(cues) else ""
        end = cue.end if cue.end is not None else (
            cues[at + 1].start if at + 1 < len(cues) else None)
        begun, said_to = 0, len(cue.words.rstrip())
        for stop in _SENTENCE_END.finditer(cue.words):
            following = cue.words[stop.end():stop.end() + 40] if stop.end() < said_to \
                else after[:40]  # bounded: a cue of a hundred thousand stops is read once
            if _NOT_AN_END.search(cue.words, max(0, stop.start() - 8), stop.end()) \
                    or _goes_on(cue.words, stop, following):
                continue
            if not pieces:
                line, start = cue.line, _into(cue, end, begun)
            pieces.append(cue.words[begun:stop.end()])
            yield _sentence(pieces, line, start)
            pieces, begun = [], stop.end()
        if cue.words[begun:].strip():
            if not pieces:
                line, start = cue.line, _into(cue, end, begun + len(cue.words[begun:])
                                              - len(cue.words[begun:].lstrip()))
            pieces.append(cue.words[begun:])
    if pieces:
        yield _sentence(pieces, line, start)


def _goes_on(words: str, stop: re.Match, following: str) -> bool:
    """Whether the sentence goes on past ``stop``: after a quotation's or an aside's end, or
    after an ellipsis, the next word is in lower case ('He said "why?" and left', 'Wait...
    what?'), where captions written in lower case throughout still end at each stop."""
    quoted = stop[0][-1] in "\"'”’»)]」』"
    trailing = stop[0][0] == "…" or words.endswith("..", 0, stop.start())
    next_word = following.lstrip()
    return (quoted or trailing) and next_word[:1].islower()


def _sentence(pieces: list[str], line: int, start: float | None) -> _Sentence:
    """A sentence of ``pieces`` (its words in each cue it stands in): cues meet at a space,
    but before a stop or a closing mark a cue opens with ('Hello' / '. Then')."""
    words = " ".join("".join(piece if at == 0 or piece.lstrip()[:1] in _CLOSES
                             else " " + piece for at, piece in enumerate(pieces)).split())
    return _Sentence(words, line, start,
                     ends_with_question(words) and not _TAG_QUESTION.search(words))


def _into(cue: Cue, end: float | None, offset: int) -> float | None:
    """The time ``offset`` characters into the cue's words, its time shared evenly."""
    if cue.start is None or end is None or end <= cue.start or not cue.words:
        return cue.start
    return cue.start + (end - cue.start) * offset / len(cue.words)


def _words(sentences: list[_Sentence]) -> int:
    return sum(len(sentence.words.split()) for sentence in sentences)


def _put(sentences: list[_Sentence], paras: list[Para], last: float) -> float:
    """Add the paragraph of ``sentences``, timed after ``last`` (the time of the paragraph
    before: turn times increase); return its time."""
    if not sentences:
        return last
    start = sentences[0].start
    if start is not None:
        start = max(round(start, 3), round(last + 0.001, 3))
    paras.append(Para(escape(" ".join(sentence.words for sentence in sentences)),
                      sentences[0].line, time=clock(start), said_aloud=True))
    return last if start is None else start


def clock(seconds: float | None) -> str:
    """A time in the recording as the time a turn is stamped with ('01:02.5'), or ''."""
    return format_time(seconds) if seconds is not None and 0 <= seconds < 100 * 3600 else ""
