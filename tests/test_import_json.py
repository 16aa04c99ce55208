"""JSON transcripts: Podcasting 2.0's, as podcast hosts publish them, and the segments that
speech-to-text tools write (Whisper and WhisperX, AssemblyAI, Deepgram), imported as speakers,
turns and times; anything else under a ``.json`` name is one line."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.errors import ContentError
from exporters.importers import import_file
from exporters.model import read_interview
from test_import_roles import imported

SAID = [("Maya Ortiz", 0.5, "How did you start?"),
        ("Gina Hale", 2.75, "By accident, mostly. I was reading a lot."),
        ("Maya Ortiz", 15, "And then what happened?"),
        ("Gina Hale", 3738.25, "Then I got a job at the library.")]
TURNS = [("Q", "00:00.5", "How"), ("A", "00:02.75", "By"), ("Q", "00:15", "And"),
         ("A", "01:02:18.25", "Then")]


def timed_turns(body: str) -> list[tuple[str, str, str]]:
    return re.findall(r"^(\w+) \[([\d:.]+)\]: (\w+)", body, re.M)


@pytest.mark.parametrize("named", [
    lambda speaker, index: True,
    lambda speaker, index: index == 0 or speaker == "Maya Ortiz",
], ids=["every segment names its speaker", "a turn's first segment names its speaker"])
def test_a_podcasting_transcript_word_by_word_is_read_as_whole_turns(tmp_path, named):
    """Podcasting 2.0 allows a segment a word, each naming its speaker: one speaker's words in
    a row are one turn, timed by its first word. A tool that names the speaker only where it
    changes (as SubRip's captions do): a segment without a speaker goes on with the one
    before, whoever is named elsewhere."""
    segments = [{**({"speaker": speaker} if named(speaker, index) else {}),
                 "startTime": start + index / 10, "endTime": start + (index + 1) / 10,
                 "body": word + ("\n" if index == len(said.split()) - 1 else "")}
                for speaker, start, said in SAID for index, word in enumerate(said.split())]
    source = tmp_path / "episode.json"
    source.write_text(json.dumps({"version": "1.0.0", "segments": segments}), encoding="utf-8")
    front, body = imported(source)
    assert (front["interviewer"], front["interviewee"]) == ("Maya Ortiz", "Gina Hale"), front
    assert timed_turns(body) == TURNS, body
    assert "By accident, mostly. I was reading a lot." in body


def test_segments_that_name_no_speaker_among_named_ones_are_a_voice_of_their_own(tmp_path):
    """The Podlove player's transcripts name the host's segments and not the guest's: the
    guest's words are a speaker of their own to rename, never glued to the host's question,
    and the report names the first of them."""
    segments = [{"start": start + half, "text": half_said, **({"speaker": speaker}
                 if speaker == "Maya Ortiz" else {})}
                for speaker, start, said in SAID
                for half, half_said in enumerate((said[:len(said) // 2],
                                                  said[len(said) // 2:]))]
    source = tmp_path / "episode.json"
    source.write_text(json.dumps(segments, indent=1), encoding="utf-8")
    front, body = imported(source)
    assert (front["interviewer"], front["interviewee"]) == ("Maya Ortiz", "Unnamed speaker")
    assert [label for label, _, _ in timed_turns(body)] == ["Q", "A", "Q", "A"], body
    notes = import_file(source).report.unsure
    first_unnamed = next(number for number, line in enumerate(
        source.read_text(encoding="utf-8").splitlines(), start=1) if SAID[1][2][:10] in line)
    assert any(note.line == first_unnamed and note.text.startswith("4 segments name no speaker")
               for note in notes), notes


def test_voices_a_tool_told_apart_become_speakers_an_editor_renames_and_the_file_builds(
        tmp_path):
    """WhisperX names voices 'SPEAKER_00', AssemblyAI 'A' and 'B' (in milliseconds), Deepgram
    0 and 1: each a speaker whose label the schema takes (never the role letters Q and A), and
    the file builds once its title and date are filled in."""
    whisperx = {"segments": [{"start": start, "end": start + 1, "text": " " + said,
                              "speaker": f"SPEAKER_0{index % 2}"}
                             for index, (_, start, said) in enumerate(SAID)],
                "language": "en"}
    assembly = {"utterances": [{"speaker": "AB"[index % 2], "start": int(start * 1000),
                                "text": said} for index, (_, start, said) in enumerate(SAID)]}
    deepgram = {"results": {"utterances": [{"speaker": index % 2, "start": start,
                                            "transcript": said}
                                           for index, (_, start, said) in enumerate(SAID)]}}
    for name, data, people in [("whisperx", whisperx, ("Speaker_00", "Speaker_01")),
                               ("assembly", assembly, ("Speaker A", "Speaker B")),
                               ("deepgram", deepgram, ("Speaker 0", "Speaker 1"))]:
        source = tmp_path / f"{name}.json"
        source.write_text(json.dumps(data), encoding="utf-8")
        front, body = imported(source)
        assert (front["interviewer"], front["interviewee"]) == people, (name, front)
        assert timed_turns(body) == TURNS, (name, body)
        content = tmp_path / name / "content"
        content.mkdir(parents=True)
        written = content / f"{name}.md"
        written.write_text(import_file(source).document.markdown()
                           .replace("title: TODO", "title: The Library")
                           .replace("date: TODO", "date: 2026-01-01"), encoding="utf-8")
        interview = read_interview(written, content)
        assert [turn.kind for turn in interview.body.turns] == ["question", "answer"] * 2
        assert [turn.time for turn in interview.body.turns] == [0.5, 2.75, 15, 3738.25]


def test_whispers_language_is_the_interviews(tmp_path):
    source = tmp_path / "charla.json"
    source.write_text(json.dumps({"segments": [
        {"start": 0, "text": "¿Cómo empezó?", "speaker": "SPEAKER_00"},
        {"start": 2, "text": "Por casualidad.", "speaker": "SPEAKER_01"}],
        "language": "es"}), encoding="utf-8")
    front, _ = imported(source)
    assert front["lang"] == "es"


@pytest.mark.parametrize("text, where, message", [
    ('{"version": "1.0.0",\n "segments": [\n  {"speaker": "Ann", "body": "Hi"\n', 4,
     "this is not JSON"),
    ('{"title": "Notes", "items": [1, 2]}', 1, "this JSON holds no transcript"),
    ("[" * 100_000, 1, "this JSON is nested too deeply"),
], ids=["cut short", "no segments", "nested"])
def test_a_json_file_that_is_no_transcript_is_one_line(tmp_path, text, where, message):
    source = tmp_path / "notes.json"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        import_file(source)
    line = str(refused.value.problem)
    assert "\n" not in line and f"notes.json:{where}: {message}" in line, line
    assert line.endswith("save the transcript again as Podcasting 2.0 JSON (a \"segments\" "
                         "list of \"speaker\", \"startTime\" and \"body\"), WebVTT or SubRip"), line


@given(segments=st.lists(st.dictionaries(
    st.sampled_from(["speaker", "startTime", "start", "body", "text", "end"]),
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
              st.lists(st.integers(), max_size=2))), max_size=8))
@settings(max_examples=80, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_segments_import_or_give_one_line(tmp_path, segments):
    """Segments of any keys and values (none, numbers out of range, NaN, lists): a file, or
    one line; never another error."""
    source = tmp_path / "any.json"
    source.write_text(json.dumps({"segments": segments}), encoding="utf-8")
    try:
        import_file(source).document.markdown()
    except ContentError as error:
        assert "\n" not in str(error.problem) and "any.json" in str(error.problem)
