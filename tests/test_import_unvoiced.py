"""Captions and transcripts that name no speaker, as Whisper writes them unless asked to tell
voices apart: imported as a draft whose questions are found by their wording, with each turn's
time, never refused as an article nor titled by their first sentence."""

from __future__ import annotations

import json

import pytest

from exporters.body import parse_time
from exporters.errors import ContentError
from exporters.importers import import_file
from test_import_json import timed_turns
from test_import_roles import imported, turns

# Whisper's segments: a stretch of time each, not of sense. The second holds the end of the
# greeting and the first question; the fourth a question cut in two; the doctor's title keeps
# its full stop inside the answer.
SEGMENTS = [
    (0.0, "Welcome back to Harbour Voices. Today I am talking with Dana Reyes."),
    (4.5, "Thanks for having me. So, Dana, how did you"),
    (7.0, " get started with bridges?"),
    (9.25, "I grew up next to a river. Dr. Okafor, my teacher, took us"),
    (14.0, "to watch them build one. That was it for me."),
    (20.5, "What was the hardest part?"),
    (23.0, "The winters, honestly. Steel does not forgive the cold."),
]
TURNS = [("Q", 4.5, "So"), ("A", 9.25, "I"), ("Q", 20.5, "What"), ("A", 23, "The")]


def whisper_json(path):
    path.write_text(json.dumps({"text": "", "language": "en", "segments": [
        {"id": index, "start": start, "end": start + 2, "text": said}
        for index, (start, said) in enumerate(SEGMENTS)]}), encoding="utf-8")
    return path


def whisper_vtt(path):
    def clock(seconds: float) -> str:
        return f"00:{int(seconds) // 60:02d}:{seconds % 60:06.3f}"
    path.write_text("WEBVTT\n\n" + "\n\n".join(
        f"{clock(start)} --> {clock(start + 2)}\n{said.strip()}" for start, said in SEGMENTS)
        + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("write, name", [(whisper_json, "episode.json"),
                                         (whisper_vtt, "episode.vtt")])
def test_captions_that_name_no_speaker_are_read_sentence_by_sentence(tmp_path, write, name):
    """Each question is a turn of its own from the sentence that asks, however the cues cut
    it; the answers keep every word in order; nothing said becomes the title."""
    front, body = imported(write(tmp_path / name))
    turns = [(label, parse_time(time), word) for label, time, word in timed_turns(body)]
    assert turns == TURNS, body
    assert "So, Dana, how did you get started with bridges?" in body
    assert "I grew up next to a river. Dr. Okafor, my teacher, took us to watch them build " \
           "one. That was it for me." in body
    assert "Welcome back to Harbour Voices. Today I am talking with Dana Reyes. Thanks for " \
           "having me." in body
    assert front["title"] == "TODO", front


def test_the_report_says_no_speaker_was_named_and_what_to_check(tmp_path):
    report = import_file(whisper_json(tmp_path / "episode.json")).report
    said = [note.text for note in report.unsure]
    assert any("no segment names its speaker" in text and "check each one" in text
               for text in said), said


def test_speech_in_another_language_is_no_profile(tmp_path):
    """A German recording whose few English words say 'he' and 'she' (a profile's signs in
    English prose) is still imported: speech is never a profile."""
    cues = ["Hallo und willkommen. Heute mit Gast, hallo Simon.", "Hallo!",
            "Wie bist du zum Podcasten gekommen?",
            "Über einen Freund. He said: she is the best host, and he was right.",
            "Und was hat dich überrascht?",
            "Dass so viele zuhören. She told me he would, and he did, he really did."]
    source = tmp_path / "folge.vtt"
    source.write_text("WEBVTT\n\n" + "\n\n".join(
        f"00:00:{index * 5:02d}.000 --> 00:00:{index * 5 + 4:02d}.000\n{said}"
        for index, said in enumerate(cues)) + "\n", encoding="utf-8")
    _, body = imported(source)
    assert [label for label, _, _ in timed_turns(body)] == ["Q", "A", "Q", "A"], body


def test_a_talk_with_no_speaker_and_no_question_is_one_line_that_says_how_to_name_them(
        tmp_path):
    """Captions of one voice that asks nothing are a talk: refused in one line that says how
    to name the speakers in captions, not how to label a text."""
    source = tmp_path / "talk.vtt"
    source.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nWelcome everyone. Today we "
                      "talk about rivers.\n\n00:00:03.000 --> 00:00:06.000\nRivers carry water "
                      "and silt to the sea.\n", encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        import_file(source)
    said = str(refused.value.problem)
    assert "talk.vtt:1:" in said and "reads as a talk" in said and "'Name:'" in said, said
    assert "\n" not in said


def test_whispers_text_one_caption_a_line_is_read_as_its_captions(tmp_path):
    """Whisper's ``.txt``: one segment a line, no blank line, no speaker; a question cut over
    two lines is one question, and an answer's lines one answer."""
    lines = [said.strip() for _, said in SEGMENTS[:-1]] + [
        "The winters, honestly. Steel does not forgive the cold,",
        "and neither do the people who", "pay for it.", "Thank you, Dana."]
    source = tmp_path / "episode.txt"
    front, body = imported(source, "\n".join(lines) + "\n")
    assert [label for label, _ in turns(body)] == ["Q", "A", "Q", "A"], body
    assert "Q: So, Dana, how did you get started with bridges?" in body
    assert "A: The winters, honestly. Steel does not forgive the cold, and neither do the people " \
           "who pay for it. Thank you, Dana." in body
    assert front["title"] == "TODO"


def test_text_whose_lines_each_end_a_sentence_is_read_line_by_line(tmp_path):
    """Text copied from a page, one paragraph a line, is no caption file: each line stays a
    paragraph of its own."""
    lines = ["Omar Haddad on the harbour", "Where did you grow up?", "In Ohio, by the lake.", "What did your parents do?",
             "My father ran a hardware store.", "Did you help in the store?",
             "Every summer, and I hated it.", "Why did you hate it?",
             "The nails. Always the nails."]
    front, body = imported(tmp_path / "page.txt", "\n".join(lines) + "\n")
    assert [label for label, _ in turns(body)] == ["Q", "A"] * 4, body
