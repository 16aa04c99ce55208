"""Interviews with their recording: times on turns, the ``audio:`` field, and the captions
edition (WebVTT, SubRip and Podcasting 2.0 JSON) made from them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import EPOCH, GOOD, SAMPLES, make

RECORDED = SAMPLES / "recorded" / "harbour-pilot.md"
HEAD = """---
title: Timed
date: 2026-02-03
interviewer: Ana Field
interviewee: Ben Stone
{audio}---
An introduction.

"""


def interview(turns: str, audio: str = "") -> str:
    return HEAD.format(audio=f"audio: {audio}\n" if audio else "") + turns


def read(path: Path):
    from exporters.model import read_interview

    return read_interview(path, path.parent)


def check_lines(project: Path, name: str) -> list[str]:
    run = make("check", f"content/{name}", cwd=project)
    return [line for line in run.lines if line.startswith("content/")]


def test_times_in_every_form_are_read_and_removed_from_the_text(project, write):
    path = write("timed.md", interview(
        "Q [12:34]: First question?\n\n"
        "Ben Stone [01:02:03]: A long answer.\n\n"
        "Q: [01:02:04.5] Then this.\n\n"
        "**A [01:03:00]:** In bold.\n\n"
        "Q: [a link](https://example.org) and [1] stay text.\n"))
    turns = read(path).body.turns
    assert [turn.time for turn in turns] == [754, 3723, 3724.5, 3780, None]
    assert [turn.line for turn in turns] == [9, 11, 13, 15, 17]
    texts = [turn.blocks[0].inner for turn in turns]
    assert texts[:4] == ["First question?", "A long answer.", "Then this.", "In bold."]
    assert not any("[" in text for text in texts[:4])
    assert "[1] stay text" in texts[4]


def test_a_file_without_times_reads_as_before(project, write):
    path = write("good.md", GOOD)
    assert [turn.time for turn in read(path).body.turns] == [None, None]


@pytest.mark.parametrize("turns, expected", [
    ("Q [12:75]: A?\n\nA [13:00]: B.\n",
     r"content/bad\.md:9: \[turn-time\] '\[12:75\]' is not a time; write it as .*"),
    ("Q [1:2:3:4]: A?\n\nA: B.\n",
     r"content/bad\.md:9: \[turn-time\] '\[1:2:3:4\]' is not a time; .*"),
    ("Q [00:10]: A?\n\nA [00:09]: B.\n",
     r"content/bad\.md:11: \[turn-time\] the time \[00:09\] is not after the previous turn's "
     r"\[00:10\] \(line 9\); .*"),
    ("Q [00:10]: A?\n\nA [00:10]: B.\n",
     r"content/bad\.md:11: \[turn-time\] the time \[00:10\] is not after .*"),
])
def test_each_bad_time_is_one_line(project, write, turns, expected):
    write("bad.md", interview(turns))
    lines = check_lines(project, "bad.md")
    assert len(lines) == 1 and re.fullmatch(expected, lines[0]), lines
    run = make("build", "--format", "captions", cwd=project)
    assert run.code == 1 and not (project / "dist/bad").exists()


def test_a_time_past_the_end_of_the_recording_is_one_line(project, write):
    shutil.copy(RECORDED.with_suffix(".mp3"), project / "content/talk.mp3")
    write("bad.md", interview("Q [00:10]: A?\n\nA [00:47]: B.\n", audio="talk.mp3"))
    lines = check_lines(project, "bad.md")
    assert len(lines) == 1 and re.fullmatch(
        r"content/bad\.md:12: \[turn-time\] the time \[00:47\] is past the end of the "
        r"recording, which lasts 00:46\.054; .*", lines[0]), lines


@pytest.mark.parametrize("name, data, message", [
    ("talk.mp3", b"not sound at all, only words " * 40,
     "is not a readable MP3, M4A or Ogg recording"),
    ("talk.ogg", b"OggS" + bytes(200), "is not a readable MP3, M4A or Ogg recording"),
    ("talk.wav", b"RIFF" + bytes(100), "is not an MP3, M4A or Ogg file"),
    ("missing.mp3", None, "was not found"),
])
def test_an_audio_file_that_is_not_a_recording_is_one_line(project, write, name, data, message):
    if data is not None:
        (project / "content" / name).write_bytes(data)
    write("bad.md", interview("Q [00:01]: A?\n\nA [00:02]: B.\n", audio=name))
    lines = check_lines(project, "bad.md")
    assert len(lines) == 1 and lines[0].startswith(
        f"content/bad.md:6: [schema] the recording '{name}' {message}"), lines


def test_times_without_a_recording_are_a_transcripts_and_its_last_cue_is_estimated(project, write):
    write("plain.md", interview("Q [00:05]: One two three four five?\n\nA [00:09]: " +
                                "word " * 10 + "\n"))
    run = make("build", "--format", "captions", cwd=project)
    assert run.code == 0 and run.lines == [], run.stderr
    data = json.loads((project / "dist/plain/plain.json").read_text())
    assert [(s["startTime"], s["endTime"]) for s in data["segments"]] == [(5, 9), (9, 13)]


def test_an_untimed_turn_among_timed_ones_is_a_warning_and_left_out(project, write):
    write("some.md", interview("Q [00:05]: One?\n\nA: Two.\n\nQ [00:09]: Three?\n\nA [00:12]: Four.\n"))
    lines = check_lines(project, "some.md")
    assert len(lines) == 1 and "content/some.md:11: [turn-time] warning:" in lines[0], lines
    make("build", "--format", "captions", cwd=project)
    srt = (project / "dist/some/some.srt").read_text()
    assert "Two." not in srt and srt.count(" --> ") == 3


def vtt_cues(text: str) -> list[tuple[str, str, str, str]]:
    """(start, end, speaker, text) of each cue, read with webvtt-py."""
    import io

    import webvtt

    return [(cue.start, cue.end, cue.voice, re.sub(r"<[^>]+>", "", cue.raw_text))
            for cue in webvtt.from_buffer(io.StringIO(text))]


def srt_cues(text: str) -> list[tuple[str, str, str, str]]:
    found = []
    for block in text.strip().split("\n\n"):
        number, timing, line = block.split("\n", 2)
        start, end = timing.replace(",", ".").split(" --> ")
        speaker, said = line.split(": ", 1)
        found.append((start, end, speaker, said))
    return found


def test_the_captions_of_the_sample_are_its_turns_in_order(tmp_path):
    from exporters.formats.captions import turn_text

    shutil.copytree(SAMPLES / "recorded", tmp_path / "content")
    run = make("build", "--format", "captions", cwd=tmp_path)
    assert run.code == 0 and run.lines == [], run.stderr
    out = tmp_path / "dist/harbour-pilot"
    assert sorted(p.name for p in out.iterdir()) == [
        "harbour-pilot.json", "harbour-pilot.srt", "harbour-pilot.vtt"]

    model = read(tmp_path / "content/harbour-pilot.md")
    turns = model.body.turns
    assert len(turns) == 6 and all(turn.time is not None for turn in turns)
    vtt = vtt_cues((out / "harbour-pilot.vtt").read_text(encoding="utf-8"))
    assert [(speaker, text) for _, _, speaker, text in vtt] == [
        (turn.speaker.name, turn_text(turn)) for turn in turns]
    assert vtt[0][2:] == ("Ines Moreau", "What does a harbour pilot actually do?")
    assert vtt[1][3].endswith("the currents and the tugs.")  # the note's number is left out
    assert "never look down" in vtt[3][3] and "*" not in vtt[3][3]
    # each cue ends where the next starts; the last at the end of the recording
    assert [start for start, *_ in vtt][1:] == [end for _, end, *_ in vtt][:-1]
    assert vtt[-1][1] == "00:00:46.054"

    assert srt_cues((out / "harbour-pilot.srt").read_text(encoding="utf-8")) == vtt
    data = json.loads((out / "harbour-pilot.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.0.0"
    assert [(s["speaker"], s["body"]) for s in data["segments"]] == [c[2:] for c in vtt]
    assert [s["startTime"] for s in data["segments"]] == [turn.time for turn in turns]
    assert data["segments"][-1]["endTime"] == 46.054


def test_the_samples_captions_import_back_as_its_turns(tmp_path):
    """Each caption file the build writes (WebVTT, SubRip, Podcasting 2.0 JSON), imported,
    gives the interview's turns again: the same speakers in their roles, times and words."""
    from exporters.body import parse_time
    from exporters.formats.captions import turn_text
    from exporters.importers import import_file

    shutil.copytree(SAMPLES / "recorded", tmp_path / "content")
    assert make("build", "--format", "captions", cwd=tmp_path).code == 0
    turns = read(tmp_path / "content/harbour-pilot.md").body.turns
    for suffix in ("json", "vtt", "srt"):
        markdown = import_file(tmp_path / f"dist/harbour-pilot/harbour-pilot.{suffix}"
                               ).document.markdown()
        front = yaml.safe_load(markdown.split("---\n")[1])
        assert (front["interviewer"], front["interviewee"]) == ("Ines Moreau", "Ruth Okafor"), (
            suffix, front)
        said = re.findall(r"^([QA]) \[([\d:.]+)\]: (.*)$", markdown, re.M)
        assert [(label, parse_time(time), text.replace("\\", "")) for label, time, text in said] == [
            ("Q" if turn.kind == "question" else "A", turn.time, turn_text(turn))
            for turn in turns], suffix


def test_the_sample_recording_is_small_mono_and_as_long_as_its_turns(tmp_path):
    from mutagen.mp3 import MP3

    audio = MP3(RECORDED.with_suffix(".mp3"))
    assert RECORDED.with_suffix(".mp3").stat().st_size < 300_000
    assert (audio.info.channels, audio.info.sample_rate) == (1, 22050)
    times = [turn.time for turn in read(RECORDED).body.turns]
    assert times == sorted(times) and times[-1] < audio.info.length


def test_interviews_without_times_get_no_captions(project, write):
    write("good.md", GOOD)
    run = make("build", "--format", "captions,html", cwd=project)
    assert run.code == 0, run.stderr
    assert sorted(p.name for p in (project / "dist/good").iterdir()) == ["good.html"]


def test_two_builds_give_identical_captions(tmp_path):
    shutil.copytree(SAMPLES / "recorded", tmp_path / "content")
    built = []
    for out in ("one", "two"):
        run = make("build", "--format", "captions", "--out", out, cwd=tmp_path,
                   env={"SOURCE_DATE_EPOCH": EPOCH})
        assert run.code == 0, run.stderr
        built.append({p.name: p.read_bytes() for p in (tmp_path / out / "harbour-pilot").iterdir()})
    assert built[0] == built[1] and len(built[0]) == 3


def test_a_new_recording_rebuilds_its_interview(tmp_path):
    """The recording is one of the files an interview is made from: replacing it rebuilds
    the interview's editions (the last cue ends at the new recording's end)."""
    shutil.copytree(SAMPLES / "recorded", tmp_path / "content")
    assert make("build", "--format", "captions", cwd=tmp_path).code == 0
    again = make("build", "--format", "captions", cwd=tmp_path)
    assert "0 of 1 document(s) built, 1 up to date" in again.stdout
    recording = tmp_path / "content/harbour-pilot.mp3"
    recording.write_bytes(recording.read_bytes() + bytes(417))  # a frame's worth of silence
    changed = make("build", "--format", "captions", cwd=tmp_path)
    assert changed.code == 0 and "1 of 1 document(s) built" in changed.stdout, changed.stdout


def test_an_imported_webvtt_keeps_its_times_and_makes_captions(tmp_path):
    """import keeps each cue's start as its turn's time, so a transcript comes in linked to
    its recording's timeline, and its captions start where the cues did."""
    (tmp_path / "content").mkdir()
    source = Path(__file__).parent / "corpus" / "night-market.vtt"
    done = make("import", str(source), "-o", "content/market.md", cwd=tmp_path)
    assert done.code == 0, done.stderr
    text = (tmp_path / "content/market.md").read_text(encoding="utf-8")
    starts = re.findall(r"^[QA] \[([\d:.]+)\]: ", text, re.M)
    assert starts[:2] == ["00:00:01.000", "00:00:05.000"], text
    text = text.replace("title: TODO", "title: Market").replace("date: TODO", "date: 2026-01-02")
    (tmp_path / "content/market.md").write_text(text, encoding="utf-8")
    run = make("build", "--format", "captions", cwd=tmp_path)
    assert run.code == 0, run.stderr
    vtt = (tmp_path / "dist/market/market.vtt").read_text(encoding="utf-8")
    assert re.findall(r"^([\d:.]+) --> ", vtt, re.M) == [
        start if start.count(":") == 2 else f"00:{start}" for start in starts]


def test_the_captions_a_build_writes_import_again_as_the_same_turns(tmp_path):
    """The SubRip captions of the recorded sample, imported again, give its speakers, its
    questions and answers in order and each turn's start; no cue number or timing is left in
    the text (SubRip is read as captions, not as text)."""
    shutil.copytree(SAMPLES / "recorded", tmp_path / "content")
    assert make("build", "--format", "captions", cwd=tmp_path).code == 0
    srt = tmp_path / "dist/harbour-pilot/harbour-pilot.srt"
    done = make("import", str(srt), "-o", "again.md", cwd=tmp_path)
    assert done.code == 0 and "(SubRip)" in done.stdout, done.stdout + done.stderr
    again = (tmp_path / "again.md").read_text(encoding="utf-8")
    assert "interviewer: Ines Moreau" in again and "interviewee: Ruth Okafor" in again, again
    turns = re.findall(r"^([QA]) \[([\d:.]+)\]: (.{20})", again, re.M)
    assert turns[:3] == [("Q", "00:00:00.000", "What does a harbour "),
                         ("A", "00:00:03.000", "I climb aboard ships"),
                         ("Q", "00:00:14.000", "How do you get aboar")], again
    assert "-->" not in again and not re.search(r"^\d+$", again, re.M)
