"""Write the question list of a truth file from a WebVTT file whose voices are tagged.

    python benchmarks/vtt_truth.py CAPTIONS.vtt "Interviewer Name" [...]

A turn is a run of cues of one voice (``<v Name>`` or ``<v Name:>``); every turn of the voices
named on the command line (the interviewers, decided by reading the file) is listed by its
first words, as ``import_accuracy.py`` compares them, and every other named voice's turn is
counted as an answer. Voices a tool left unnamed (``SPEAKER_S3``, ``UNKNOWN``) are neither.
Prints the ``questions:`` and ``answers:`` lines of a ``*.truth.yml``; the rest of the file
(origin, licence, roles, notes) is written by hand. Part 11 of the import corpus (FOSSDA's oral
histories, BENCHMARKS.md) was written with it.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from import_accuracy import key

VOICE = re.compile(r"<v(?:\.[\w.]+)?\s+([^>]+)>")
UNNAMED = ("SPEAKER", "UNKNOWN")


def turns(captions: str) -> list[tuple[str, str]]:
    """(voice, text) of each run of cues of one voice, in order."""
    found: list[list[str]] = []
    voice = ""
    for block in re.split(r"\n\s*\n", captions.replace("\r\n", "\n")):
        lines = block.strip().split("\n")
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue
        text = " ".join(lines[timing + 1:]).strip()
        named = VOICE.match(text)
        if named:
            voice = named[1].strip().rstrip(":").strip()
        words = re.sub(r"<[^>]+>", "", text).strip()
        if not words:
            continue
        if found and found[-1][0] == voice:
            found[-1][1] += " " + words
        else:
            found.append([voice, words])
    return [(voice, text) for voice, text in found]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("captions", type=Path)
    parser.add_argument("interviewers", nargs="+")
    arguments = parser.parse_args()
    spoken = turns(arguments.captions.read_text(encoding="utf-8"))
    print("questions:")
    for voice, text in spoken:
        if voice in arguments.interviewers:
            print(f'  - "{key(text)}"')
    answers = sum(1 for voice, _ in spoken if voice and voice not in arguments.interviewers
                  and not voice.startswith(UNNAMED))
    print(f"answers: {answers}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
