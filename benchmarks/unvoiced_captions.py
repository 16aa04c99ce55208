"""Import of captions that name no speaker, measured on real transcripts with their voices
taken out.

Whisper and most speech-to-text tools write a recording's captions with no speaker unless
told to tell voices apart, and no such file was found under a licence the corpus may keep. So
the corpus's labelled transcripts (kinds ``transcript``, ``vtt``, ``srt`` and ``json``, the
development part) stand in: each is imported as it is, its turns' words are cut into cues of 5
to 14 words (a seeded draw, as captions cut them, mid-sentence), written as WebVTT with no
voice, and imported again. Two figures compare the second import with the first:

- precision: of the questions found, those whose words lie inside one interviewer's turn;
- recall: of the interviewer's turns that ask (a '?' in them), those that hold a question found.

A lead-in the interviewer says before asking ("Great. So how…") is not asked, so it stays with
the answer before, and counts against neither figure.

    python benchmarks/unvoiced_captions.py [--corpus DIR] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_accuracy import CORPUS, filled, plain  # noqa: E402 - the benchmark's own rules

KINDS = ("transcript", "vtt", "srt", "json")
SEED = 7


def turns_of(source: Path) -> list[tuple[bool, str]]:
    """(asked, words) of each turn the import of ``source`` finds, once its TODOs are filled;
    none for a source refused or not built."""
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
    return [(turn.kind == "question", " ".join(plain(block.html) for block in turn.blocks))
            for turn in interview.body.turns]


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w?]+", " ", text.casefold()).split())


def without_voices(turns: list[tuple[bool, str]], draw: random.Random) -> str:
    """The turns' words as WebVTT cues of 5 to 14 words each, naming no speaker."""
    def clock(seconds: float) -> str:
        return f"{int(seconds) // 3600:02d}:{int(seconds) % 3600 // 60:02d}:{seconds % 60:06.3f}"

    cues, start = [], 0.0
    for _, text in turns:
        said = text.split()
        while said:
            piece, said = said[:draw.randint(5, 14)], said
            said = said[len(piece):]
            cues.append(f"{clock(start)} --> {clock(start + len(piece) / 3)}\n{' '.join(piece)}")
            start += len(piece) / 3 + 0.1
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def measure(truth: Path, draw: random.Random, keep: Path) -> tuple[str, int, int, int, int]:
    """(file, questions found, of them inside an interviewer's turn, interviewer's turns that
    ask, of them holding a question found)."""
    stated = yaml.safe_load(truth.read_text(encoding="utf-8"))
    labelled = turns_of(truth.parent / stated["file"])
    copy = keep / (Path(stated["file"]).stem + "-unvoiced.vtt")
    copy.write_text(without_voices(labelled, draw), encoding="utf-8")
    found = [words(text) for asked, text in turns_of(copy) if asked]
    asking = [words(text) for asked, text in labelled if asked and "?" in text]
    return (stated["file"], len(found), sum(any(question in turn for turn in asking)
                                            for question in found if question),
            len(asking), sum(any(question and question in turn for question in found)
                             for turn in asking))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--keep", type=Path, help="keep the speakerless copies in this folder")
    arguments = parser.parse_args()
    draw = random.Random(SEED)
    with tempfile.TemporaryDirectory() as folder:
        keep = arguments.keep or Path(folder)
        keep.mkdir(parents=True, exist_ok=True)
        rows = [measure(truth, draw, keep) for truth in sorted(arguments.corpus.glob("*.truth.yml"))
                if (stated := yaml.safe_load(truth.read_text(encoding="utf-8")))
                and stated.get("kind") in KINDS and not stated.get("held_out")]
    print("| file | questions found | the interviewer's | turns of the interviewer that ask | "
          "found |\n|---|--:|--:|--:|--:|")
    for row in rows:
        print("| " + " | ".join(map(str, row)) + " |")
    found, right, asking, hit = (sum(row[column] for row in rows) for column in range(1, 5))
    print(f"| all ({len(rows)} files) | {found} | {right} ({right / max(found, 1):.2f}) | "
          f"{asking} | {hit} ({hit / max(asking, 1):.2f}) |")


if __name__ == "__main__":
    main()
