"""Make the recorded sample, content/recorded/harbour-pilot.md and .mp3, with espeak-ng and lame.

Each turn is spoken on its own (the interviewer and the pilot in two voices), padded with
silence to the next whole second and a short pause, and the turns are joined; the time
written on each turn is where its speech starts. Run from anywhere:
``python tests/tools/record_sample.py`` (needs ``apt-get install espeak-ng lame``).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import wave
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent.parent / "content" / "recorded"
RATE = 22050
PAUSE = 0.4
"""The least silence between two turns, in seconds."""
VOICES = {"Q": "en+f3", "A": "en-gb+m3"}

FRONT = """---
title: "Bringing Them In"
subtitle: "A harbour pilot on ladders, fog and coffee"
date: 2026-04-02
lang: en
interviewer: Ines Moreau
interviewee: Ruth Okafor
summary: "Ruth Okafor has guided ships into the harbour for nineteen years."
tags: [ports, sound]
rights: "© 2026 Interview press sample. CC BY-SA 4.0."
audio: harbour-pilot.mp3
---

A short conversation recorded for the captions edition; the times after each label are
where the turn starts in the recording.
"""

TURNS = [
    ("Q", "What does a harbour pilot actually do?"),
    ("A", "I climb aboard ships outside the harbour and steer them to their berth. The captain "
          "knows the ship; I know the water: the shallows, the currents and the tugs.[^tugs]"),
    ("Q", "How do you get aboard?"),
    ("A", "By a rope ladder hung down the side of the hull. The pilot boat comes alongside, you "
          "wait for the swell to lift you, and then you step across. You *never* look down."),
    ("Q", "What was your hardest night?"),
    ("A", "A January gale, a loaded tanker and fog so thick I could not see the bow. We came in "
          "on radar and radio alone, one slow metre at a time. When the lines were fast I sat "
          "down in the wheelhouse and drank three cups of coffee without a word."),
]
NOTES = "[^tugs]: Small, strong boats that push and pull a big ship in tight water.\n"


def spoken(text: str) -> str:
    return re.sub(r"\[\^\w+\]|\*", "", text)


def main() -> None:
    frames = bytearray()
    starts = []
    with tempfile.TemporaryDirectory() as folder:
        for index, (label, text) in enumerate(TURNS):
            wav = Path(folder) / f"{index}.wav"
            subprocess.run(["espeak-ng", "-v", VOICES[label], "-s", "165", "-w", str(wav),
                            spoken(text)], check=True)
            with wave.open(str(wav)) as part:
                assert (part.getframerate(), part.getnchannels(), part.getsampwidth()) == (RATE, 1, 2)
                speech = part.readframes(part.getnframes())
            starts.append(len(frames) // 2 // RATE)
            frames += speech
            end = len(frames) / 2 / RATE + PAUSE
            frames += bytes(2 * (int(-(-end // 1)) * RATE - len(frames) // 2))  # next whole second
        joined = Path(folder) / "all.wav"
        with wave.open(str(joined), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(bytes(frames))
        subprocess.run(["lame", "--quiet", "-m", "m", "-b", "32", "--resample", "22.05",
                        str(joined), str(TARGET / "harbour-pilot.mp3")], check=True)
    body = "\n".join(f"{label} [{start // 60:02d}:{start % 60:02d}]: {text}\n"
                     for (label, text), start in zip(TURNS, starts))
    (TARGET / "harbour-pilot.md").write_text(f"{FRONT}\n{body}\n{NOTES}", encoding="utf-8")


if __name__ == "__main__":
    TARGET.mkdir(parents=True, exist_ok=True)
    main()
