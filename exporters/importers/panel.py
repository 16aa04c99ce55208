"""Who hosts a roundtable: signs read from each speaker's turns, weighed as a logistic model.

In a roundtable (three or more speakers who each say much) hosts and guests both ask, and no
one sign tells them apart: a host may ask in a tenth of their turns, a guest in a seventh.
Together the signs do better. Each is a number read from the turns alone (how often someone
asks, how much they say, whether they open the show, whether others call them a co-host);
:data:`WEIGHTS` weighs them, and a speaker whose weighed signs add up to more than nothing is
more likely a host than a guest.

The weights were fitted by ``benchmarks/fit_panel.py`` on half of The Changelog's catalogue
(split a of ``benchmarks/regulars.py``) and measured on the other half (BENCHMARKS.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields

INTRODUCES = re.compile(
    r"\b(?:welcome (?:to|back to)|you(?:['’]re| are) listening to|(?:i['’]m|i am) your host|"
    r"joining (?:me|us) (?:today|now|this week)|my guests? (?:today|this week|is|are)|"
    r"(?:in|on) (?:today['’]s|this) (?:episode|show)|"
    r"today we(?:['’]re| are) (?:talking|joined))",
    re.I)
"""What a host says when opening a show: "Welcome to ...", "Joining me today is ..."."""

THANKS_AS_GUEST = re.compile(r"\bthanks?(?: you)?\b[^.?!]{0,20}\bfor having (?:me|us)\b", re.I)
"""What a guest says of the show that invited them: "Thanks for having me"."""


def opens_the_show(said: Sequence[str]) -> bool:
    """Whether a speaker's turns, in order, open the show as a host does ("Welcome to ...")."""
    return any(INTRODUCES.search(text) for text in said[:2])


def thanks_the_show(said: Iterable[str]) -> bool:
    """Whether a speaker thanks the show "for having me", as a guest does."""
    return any(THANKS_AS_GUEST.search(text) for text in said)

_THANKS_AS_HOST = re.compile(r"\bthanks?(?: you)?\b[^.?!]{0,40}\bfor (?:coming|joining|being)\b",
                             re.I)
"""What a host says to a guest: "Thanks for coming on", "thank you for joining us"."""

_YOU = re.compile(r"\b(?:you|your|you['’]re)\b", re.I)
_I = re.compile(r"\b(?:I|I['’]m|me|my)\b")
_CO_HOST = re.compile(r"\bco-?hosts?\b", re.I)

SPEAKING_TURNS = 5
"""The turns a speaker must have for the signs to be read: fewer say too little."""
BRIEF_WORDS = 12
"""A turn of fewer words than this is brief: a prompt, an aside."""
MOST_SPEAKING = 40
"""The most speakers a roundtable has: past that (a hearing, a file of many short interviews)
the signs, fitted on panels of three to eight, say nothing, and reading them would cost the
square of the speakers."""


@dataclass(frozen=True)
class SaidTurn:
    """A turn as the signs read it: who spoke, what they said, whether it ends in a question."""

    speaker: str
    text: str
    asks: bool


@dataclass(frozen=True)
class Signs:
    """What a speaker's turns show, each as a number; those 'of the most' are divided by the
    largest value among the roundtable's speakers."""

    asks: float
    """The share of their turns that end with a question."""
    asks_of_most: float
    turns_of_most: float
    words_of_most: float
    opens: float
    """1 when they speak first."""
    early: float
    """1 when they speak in the first three turns."""
    late: float
    """1 when they speak in the last three turns."""
    brief: float
    """The share of their turns that are brief (:data:`BRIEF_WORDS`)."""
    you_of_most: float
    """How often they say 'you', for their words."""
    i_of_most: float
    """How often they say 'I', 'me', 'my', for their words."""
    thanks_for_having: float
    """1 when they thank the show "for having me"."""
    thanks_for_coming: float
    """1 when they thank someone "for coming on", "for joining"."""
    welcomes: float
    """1 when their first turns open the show (:data:`INTRODUCES`)."""
    called_co_host: float
    """How many of the others' turns name them beside the word co-host."""
    named_of_most: float
    """How many of the others' turns name them, for the others' turns."""
    names_others: float
    """The share of the other speakers whom they name."""
    answered_at_length_of_most: float
    """How many words the turn after each of their questions has, on average."""
    first_turn_at: float
    """Where their first turn is, as a share of all turns."""


SIGN_NAMES = tuple(field.name for field in fields(Signs))

WEIGHTS = Signs(
    asks=3.206, asks_of_most=1.432, turns_of_most=0.2252, words_of_most=-2.867, opens=1.482,
    early=0.2734, late=0.178, brief=3.313, you_of_most=1.352, i_of_most=0.8859,
    thanks_for_having=-1.534, thanks_for_coming=1.013, welcomes=0.5364, called_co_host=0.7539,
    named_of_most=-0.9382, names_others=0.7873, answered_at_length_of_most=0.4874,
    first_turn_at=-3.079)
INTERCEPT = -2.715
"""The weights of :func:`host_odds` and its constant term (fitted: see the module's text)."""


def roundtable(turns: Sequence[SaidTurn]) -> list[str]:
    """The speakers who say much (:data:`SPEAKING_TURNS`), in the order they first speak, when
    there are three or more of them and no more than :data:`MOST_SPEAKING`; else none."""
    counts: dict[str, int] = {}
    for turn in turns:
        counts[turn.speaker] = counts.get(turn.speaker, 0) + 1
    speaking = [speaker for speaker, count in counts.items() if count >= SPEAKING_TURNS]
    return speaking if 3 <= len(speaking) <= MOST_SPEAKING else []


def signs(turns: Sequence[SaidTurn], speaking: Sequence[str], names: Mapping[str, str]
          ) -> dict[str, Signs]:
    """The signs of each of ``speaking`` (:func:`roundtable`), read from ``turns`` in one pass;
    ``names`` gives a speaker's full name where the label is not one."""
    heard = {turn.speaker for turn in turns}
    speaking = [speaker for speaker in speaking if speaker in heard]
    if not speaking:
        return {}
    raw = _raw_signs(turns, speaking, _first_names(speaking, names))
    most = {amount: max(values[amount] for values in raw.values()) or 1.0
            for amount in _OF_MOST.values()}
    return {speaker: Signs(**{
        name: values[_OF_MOST[name]] / most[_OF_MOST[name]] if name in _OF_MOST
        else values[name] for name in SIGN_NAMES}) for speaker, values in raw.items()}


_OF_MOST = {"asks_of_most": "asks", "turns_of_most": "turns", "words_of_most": "words",
            "you_of_most": "you", "i_of_most": "i", "named_of_most": "named",
            "answered_at_length_of_most": "answered_at_length"}
"""Each sign that is a speaker's amount divided by the most of any speaker, and the amount."""


def _first_names(speaking: Sequence[str], names: Mapping[str, str]) -> dict[str, str]:
    """Each speaker's first name, where it is theirs alone and longer than two letters: the
    name others call them by."""
    first = {speaker: " ".join((names.get(speaker) or speaker).split()[:1])
             for speaker in speaking}
    held = list(first.values())
    return {name: speaker for speaker, name in first.items()
            if len(name) > 2 and held.count(name) == 1}


def _raw_signs(turns: Sequence[SaidTurn], speaking: Sequence[str],
               called: Mapping[str, str]) -> dict[str, dict[str, float]]:
    """The signs before they are set against the most of each (``called``: a first name to
    its speaker)."""
    pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, called))})\b") if called else None
    own: dict[str, list[int]] = {speaker: [] for speaker in speaking}
    named_in: list[set[str]] = []
    named = dict.fromkeys(speaking, 0)
    called_co_host = dict.fromkeys(speaking, 0)
    for index, turn in enumerate(turns):
        if turn.speaker in own:
            own[turn.speaker].append(index)
        named_in.append({called[name] for name in pattern.findall(turn.text)} - {turn.speaker}
                        if pattern else set())
        for speaker in named_in[-1]:
            named[speaker] += 1
            called_co_host[speaker] += bool(_CO_HOST.search(turn.text))
    found = {}
    for speaker, at in own.items():
        said = [turns[index] for index in at]
        words = max(sum(len(turn.text.split()) for turn in said), 1)
        others = len(turns) - len(at)
        answered = [len(turns[index + 1].text.split()) for index in at
                    if index + 1 < len(turns) and turns[index].asks]
        found[speaker] = {
            "asks": sum(turn.asks for turn in said) / len(said),
            "turns": float(len(said)),
            "words": float(words),
            "opens": float(at[0] == 0),
            "early": float(at[0] < 3),
            "late": float(at[-1] >= len(turns) - 3),
            "brief": sum(len(turn.text.split()) < BRIEF_WORDS for turn in said) / len(said),
            "you": sum(len(_YOU.findall(turn.text)) for turn in said) / words,
            "i": sum(len(_I.findall(turn.text)) for turn in said) / words,
            "thanks_for_having": float(thanks_the_show(turn.text for turn in said)),
            "thanks_for_coming": float(any(_THANKS_AS_HOST.search(turn.text) for turn in said)),
            "welcomes": float(opens_the_show([turn.text for turn in said])),
            "called_co_host": float(called_co_host[speaker]),
            "named": named[speaker] / max(others, 1),
            "names_others": len(set().union(*(named_in[index] for index in at)))
            / max(len(speaking) - 1, 1),
            "answered_at_length": sum(answered) / len(answered) if answered else 0.0,
            "first_turn_at": at[0] / len(turns),
        }
    return found


def host_odds(signs_of_speaker: Signs, weights: Signs = WEIGHTS,
              intercept: float = INTERCEPT) -> float:
    """The log-odds that a speaker with these signs hosts: above 0, more likely a host."""
    return intercept + sum(getattr(weights, name) * getattr(signs_of_speaker, name)
                           for name in SIGN_NAMES)


def described(found: Signs) -> str:
    """The signs that weigh most, in words, for the import's report."""
    said = [f"asks in {found.asks:.0%} of their turns",
            f"{found.brief:.0%} of their turns are brief",
            f"says {found.words_of_most:.0%} as much as the one who says most"]
    said += ["speaks first"] * bool(found.opens) + ["opens the show"] * bool(found.welcomes)
    said += ["is called a co-host"] * bool(found.called_co_host)
    said += ["thanks someone for coming"] * bool(found.thanks_for_coming)
    said += ["thanks the show for having them"] * bool(found.thanks_for_having)
    return ", ".join(said)

