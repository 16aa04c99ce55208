"""Questions and answers as a sequence: a Viterbi pass over per-paragraph evidence.

An interview alternates: a question, its answer (one paragraph or several), the next
question. A paragraph's own wording is weighed together with that alternation, so that a
question which opens with a statement, between two answers, is still taken as a question,
and an answer that ends on a rhetorical question, right after a question, stays an answer.

The model is a small hidden Markov model with two states, a question and an answer, over the
paragraphs from the first that reads as a question on its own (those before it are the
introduction). Each paragraph brings the log-odds that it is
a question (from :func:`~exporters.importers.structure.question_score`); the transitions
favour question → answer, allow answer → answer (answers of several paragraphs) and make
question → question rare. :func:`roles` is a pure function of the scores and the model.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

INTRO = "intro"
QUESTION = "Q"
ANSWER = "A"
STATES = (QUESTION, ANSWER)


@dataclass(frozen=True)
class SequenceModel:
    """The probabilities of the sequence pass; the defaults were set on the development part
    of ``tests/corpus/real/`` and on ``tests/corpus/`` (questions found in paragraphs stripped
    of the bold, headings and labels that marked them)."""

    threshold: float = 3.5
    """The score at which a paragraph, on its own, is as likely a question as an answer."""
    slope: float = 1.2
    """Log-odds of being a question per point of score."""
    question_then_answer: float = 0.92
    """After a question, an answer (else the question goes on in a second paragraph)."""
    answer_then_answer: float = 0.55
    """After an answer's paragraph, another paragraph of that answer (else a question)."""

    def log_odds(self, score: float | None) -> float:
        """How much more likely a paragraph of this score is a question than not; ``None``
        (a list, a quotation) is never a question."""
        return -math.inf if score is None else self.slope * (score - self.threshold)


DEFAULT_MODEL = SequenceModel()


def _log(probability: float) -> float:
    return math.log(probability) if probability > 0 else -math.inf


def _transitions(model: SequenceModel) -> dict[tuple[str, str], float]:
    return {
        (QUESTION, QUESTION): _log(1 - model.question_then_answer),
        (QUESTION, ANSWER): _log(model.question_then_answer),
        (ANSWER, ANSWER): _log(model.answer_then_answer),
        (ANSWER, QUESTION): _log(1 - model.answer_then_answer),
    }


def _emission(state: str, odds: float) -> float:
    """The log-likelihood of a paragraph with these question log-odds in ``state``: the
    question state takes log σ(odds), the answer log σ(−odds)."""
    value = odds if state == QUESTION else -odds
    if value == math.inf:
        return 0.0
    if value == -math.inf:
        return -math.inf
    return -math.log1p(math.exp(-value)) if value > -30 else value  # log σ(value), stable


def roles(scores: Sequence[float | None], model: SequenceModel = DEFAULT_MODEL
          ) -> tuple[str, ...]:
    """The most likely role of each paragraph (``intro``, ``Q`` or ``A``), given each one's
    question score (``None``: a list or quotation, never a question).

    The introduction is every paragraph before the first that is, on its own, more likely a
    question than not (none: all of them); from that one on, the pass decides."""
    odds = [model.log_odds(score) for score in scores]
    first = next((index for index, value in enumerate(odds) if value > 0), len(odds))
    return (INTRO,) * first + _viterbi(odds[first:], model)


def _viterbi(odds: list[float], model: SequenceModel) -> tuple[str, ...]:
    """The likeliest question/answer path over paragraphs that start with a question."""
    if not odds:
        return ()
    transitions = _transitions(model)
    best = [{QUESTION: _emission(QUESTION, odds[0]), ANSWER: -math.inf}]
    back: list[dict[str, str]] = [{}]
    for value in odds[1:]:
        previous = best[-1]
        column, pointers = {}, {}
        for state in STATES:
            origin = max(STATES, key=lambda before: previous[before] + transitions[before, state])
            column[state] = previous[origin] + transitions[origin, state] + _emission(state, value)
            pointers[state] = origin
        best.append(column)
        back.append(pointers)
    state = max(STATES, key=lambda name: best[-1][name])
    path = [state]
    for pointers in reversed(back[1:]):
        state = pointers[state]
        path.append(state)
    return tuple(reversed(path))
