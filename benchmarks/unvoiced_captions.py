"""Import of captions that name no speaker, measured on real transcripts with their voices
taken out.

Whisper and most speech-to-text tools write a recording's captions with no speaker unless
told to tell voices apart, and no such file was found under a licence the corpus may keep. So
the corpus's labelled transcripts (kinds ``transcript``, ``vtt``, ``srt`` and ``json``, the
development part) stand in: each is imported as it is, its turns' words are cut into cues of 5
to 14 words (a seeded draw, mid-sentence as captions cut them), written as WebVTT with no voice,
at three words a second, and imported again. The cues are cut two ways: each turn on its own
(a tool that breaks its captions where the voice changes, as Whisper mostly does at the pause)
and the words of all turns as one stream (a cue may hold the end of an answer and the next
question). The second import's turns are laid along the first's words in order (no word is
lost or moved, so each turn's words are found after the last one's), and then:

- precision: of the questions found, those whose words are mostly an interviewer's;
- recall: of the interviewer's turns that ask (a '?' in them), those a question found overlaps;
- times: the files whose every turn keeps a time.

A lead-in the interviewer says before asking ("Great. So how…") is not asked, so it stays with
the answer before, and counts against neither figure.

    python benchmarks/unvoiced_captions.py [--corpus DIR] [--keep DIR] [--part dev|held-out]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_accuracy import CORPUS, filled, plain  # noqa: E402 - the benchmark's own rules

KINDS = ("transcript", "vtt", "srt", "json")
SEED = 7


@dataclass(frozen=True)
class Said:
    """One turn of an import: asked or answered, its words, and whether it has a time."""

    asked: bool
    words: list[str]
    timed: bool


def turns_of(source: Path) -> list[Said]:
    """The turns the import of ``source`` finds, once its TODOs are filled; none for a source
    refused or not built."""
    from exporters.errors import ContentError
    from exporters.importers import import_file
    from exporters.model import read_interview

    try:
        markdown = import_file(source).document.markdown()
    except ContentError:
        return []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "imported.md"
        target.write_text(filled(markdown), encoding="utf-8")
        try:
            interview = read_interview(target, Path(folder))
        except ContentError:
            return []
    return [Said(turn.kind == "question",
                 " ".join(plain(block.html) for block in turn.blocks).split(),
                 turn.time is not None)
            for turn in interview.body.turns]


def matched(words: list[str]) -> list[str]:
    """Words as compared: in lower case, without punctuation (a question mark kept)."""
    return [word for word in (re.sub(r"[^\w?]+", "", word.casefold()) for word in words) if word]


def without_voices(turns: list[Said], draw: random.Random, stream: bool) -> str:
    """The turns' words as WebVTT cues of 5 to 14 words each, naming no speaker: each turn cut
    on its own, or (``stream``) all as one."""
    def clock(seconds: float) -> str:
        return f"{int(seconds) // 3600:02d}:{int(seconds) % 3600 // 60:02d}:{seconds % 60:06.3f}"

    runs = [[word for turn in turns for word in turn.words]] if stream else \
        [turn.words for turn in turns]
    cues, start = [], 0.0
    for said in runs:
        while said:
            piece = said[:draw.randint(5, 14)]
            said = said[len(piece):]
            cues.append(f"{clock(start)} --> {clock(start + len(piece) / 3)}\n{' '.join(piece)}")
            start += len(piece) / 3 + 0.1
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


@dataclass(frozen=True)
class Figures:
    file: str
    found: int
    right: int
    asking: int
    hit: int
    timed: bool


def measure(name: str, labelled: list[Said], again: list[Said]) -> Figures:
    """Lay ``again``'s turns along ``labelled``'s words, in order, and count."""
    owner = [index for index, turn in enumerate(labelled) for _ in matched(turn.words)]
    stream = [word for turn in labelled for word in matched(turn.words)]
    at, right, overlapped = 0, 0, set()
    for turn in again:
        sought = matched(turn.words)
        start = _find(stream, sought, at)
        if start is None:
            continue
        span = owner[start:start + len(sought)]
        at = start + len(sought)
        if turn.asked:
            right += sum(labelled[index].asked for index in span) * 2 > len(span)
            overlapped |= set(span)
    asking = [index for index, turn in enumerate(labelled) if turn.asked and "?" in
              " ".join(turn.words)]
    return Figures(name, sum(turn.asked for turn in again), right, len(asking),
                   sum(index in overlapped for index in asking),
                   bool(again) and all(turn.timed for turn in again))


def _find(stream: list[str], sought: list[str], at: int) -> int | None:
    """Where ``sought`` starts in ``stream`` from ``at`` on."""
    if not sought:
        return None
    for start in range(at, len(stream) - len(sought) + 1):
        if stream[start] == sought[0] and stream[start:start + len(sought)] == sought:
            return start
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--keep", type=Path, help="keep the speakerless copies in this folder")
    parser.add_argument("--part", choices=("dev", "held-out"), default="dev",
                        help="the development transcripts (the default), or the held-out part, "
                             "whatever its kind")
    arguments = parser.parse_args()
    held_out = arguments.part == "held-out"
    truths = [truth for truth in sorted(arguments.corpus.glob("*.truth.yml"))
              if (stated := yaml.safe_load(truth.read_text(encoding="utf-8")))
              and bool(stated.get("held_out")) is held_out
              and (held_out or stated.get("kind") in KINDS)]  # held out: 23 of 28 podcasts
    with tempfile.TemporaryDirectory() as folder:
        keep = arguments.keep or Path(folder)
        keep.mkdir(parents=True, exist_ok=True)
        for stream in (False, True):
            draw = random.Random(SEED)
            rows = []
            for truth in truths:
                source = truth.parent / yaml.safe_load(truth.read_text(encoding="utf-8"))["file"]
                labelled = turns_of(source)
                copy = keep / f"{source.stem}-unvoiced{'-stream' if stream else ''}.vtt"
                copy.write_text(without_voices(labelled, draw, stream), encoding="utf-8")
                rows.append(measure(source.name, labelled, turns_of(copy)))
            print(f"\nCues cut {'across turns, as one stream' if stream else 'turn by turn'}"
                  f":\n\n| file | questions found | mostly an interviewer's | the interviewer's "
                  f"turns that ask | found | every turn timed |\n|---|--:|--:|--:|--:|---|")
            for row in rows:
                print(f"| {row.file} | {row.found} | {row.right} | {row.asking} | {row.hit} | "
                      f"{'yes' if row.timed else 'no'} |")
            found, right = sum(row.found for row in rows), sum(row.right for row in rows)
            asking, hit = sum(row.asking for row in rows), sum(row.hit for row in rows)
            print(f"| all ({len(rows)} files) | {found} | {right} ({right / max(found, 1):.2f}) "
                  f"| {asking} | {hit} ({hit / max(asking, 1):.2f}) | "
                  f"{sum(row.timed for row in rows)} of {len(rows)} |")


if __name__ == "__main__":
    main()
