"""Captions and transcripts that name no speaker, as Whisper writes them unless asked to tell
voices apart: imported as a draft whose questions are found by their wording, with each turn's
time, never refused as an article nor titled by their first sentence."""

from __future__ import annotations

import json
import re

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
TURNS = [("Q", "So"), ("A", "I"), ("Q", "What"), ("A", "The")]


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
    it, timed as far into its cue as it begins; the answers keep every word in order; nothing
    said becomes the title."""
    front, body = imported(write(tmp_path / name))
    timed = timed_turns(body)
    assert [(label, word) for label, _, word in timed] == TURNS, body
    times = [parse_time(time) for _, time, _ in timed]
    # the question starts halfway into the cue that holds the greeting's end
    assert 4.5 < times[0] < 6.5 and times[1:] == [9.25, 20.5, 23], body
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


ROLLED_UP = """WEBVTT
Kind: captions
Language: en-GB

00:00:00.000 --> 00:00:02.500 align:start position:0%
 
welcome<00:00:00.500><c> back</c><00:00:01.000><c> to</c><00:00:01.500><c> harbour</c><00:00:02.000><c> voices.</c>

00:00:02.500 --> 00:00:02.510 align:start position:0%
welcome back to harbour voices.
 

00:00:02.510 --> 00:00:05.000 align:start position:0%
welcome back to harbour voices.
so<00:00:03.000><c> dana,</c><00:00:03.500><c> how</c><00:00:04.000><c> did</c><00:00:04.500><c> you</c>

00:00:05.000 --> 00:00:05.010 align:start position:0%
so dana, how did you
 

00:00:05.010 --> 00:00:07.000 align:start position:0%
so dana, how did you
get<00:00:05.500><c> started</c><00:00:06.000><c> with</c><00:00:06.500><c> bridges?</c>

00:00:07.000 --> 00:00:07.010 align:start position:0%
get started with bridges?
 

00:00:07.010 --> 00:00:09.000 align:start position:0%
get started with bridges?
i<00:00:07.500><c> grew</c><00:00:08.000><c> up</c><00:00:08.500><c> by</c><00:00:08.800><c> a river.</c>

00:00:09.000 --> 00:00:09.010 align:start position:0%
i grew up by a river.
 

00:00:09.010 --> 00:00:11.000 align:start position:0%
i grew up by a river.
what<00:00:09.500><c> was</c><00:00:10.000><c> the</c><00:00:10.500><c> hardest</c><00:00:10.800><c> part?</c>

00:00:11.000 --> 00:00:11.010 align:start position:0%
what was the hardest part?
 

00:00:11.010 --> 00:00:13.000 align:start position:0%
what was the hardest part?
the<00:00:11.500><c> winters,</c><00:00:12.000><c> honestly.</c>
"""
"""YouTube's automatic captions as yt-dlp saves them: each line shown twice, first with its
words' times, then as the line above the next; a line of one space opens the first cue."""


def test_roll_up_captions_are_read_once_each_line(tmp_path):
    front, body = imported(tmp_path / "episode.vtt", ROLLED_UP)
    assert body.count("welcome back to harbour voices.") == 1, body
    assert body.count("so dana, how did you get started with bridges?") == 1, body
    assert [(label, parse_time(time)) for label, time, _ in timed_turns(body)] == [
        ("Q", 2.51), ("A", 7.01), ("Q", 9.01), ("A", 11.01)], body
    assert body.lstrip().startswith("welcome back to harbour voices.")
    assert front["lang"] == "en-GB"


def test_captions_that_say_the_same_line_twice_keep_both(tmp_path):
    """Two cues that say the same words, among many that do not, are two sayings, not a roll-up."""
    said = ["How did you start?", "By accident.", "Really?", "Really.", "Really.",
            "And then?", "Then the library.", "For how long?", "Ten years.", "Why?"]
    _, body = imported(tmp_path / "episode.vtt", "WEBVTT\n\n" + "\n\n".join(
        f"00:00:{at:02d}.000 --> 00:00:{at + 1:02d}.000\n{words}"
        for at, words in enumerate(said)) + "\n")
    assert body.count("Really.") == 2, body


def captions(path, *said: str, seconds: float = 4):
    """WebVTT of cues that name no speaker, one after another, ``seconds`` each."""
    def clock(at: float) -> str:
        return f"00:{int(at) // 60:02d}:{at % 60:06.3f}"
    path.write_text("WEBVTT\n\n" + "\n\n".join(
        f"{clock(at * seconds)} --> {clock((at + 1) * seconds)}\n{words}"
        for at, words in enumerate(said)) + "\n", encoding="utf-8")
    return path


def test_an_answer_and_the_next_question_in_one_cue_keep_their_times(tmp_path):
    """A short answer and the next question in one cue start at different times, so every
    turn keeps its time (the build wants them increasing, and drops them all otherwise)."""
    source = captions(tmp_path / "episode.vtt", "How did you start?", "By accident.",
                      "Yes, a lot. And what was the hardest part?", "The winters, honestly.",
                      "Did it get easier?", "Never. But I learned to love it.")
    result = import_file(source)
    _, body = imported(source)
    times = [parse_time(time) for _, time, _ in timed_turns(body)]
    assert len(times) == 6 and times == sorted(set(times)), body
    assert 8 < times[2] < 12, body  # "And what was…" starts within its cue
    assert not any("times were left out" in note.text for note in result.report.unsure)


@pytest.mark.parametrize("said, question", [
    (("I loved that book. Dr. Okafor, why bridges?", "Because they hold."),
     "Q: Dr. Okafor, why bridges?"),
    (('She said "why?" and left the room.', "Did she come back?", "Never."),
     "Q: Did she come back?"),
    (("It was cold, you know? Really cold.", "Why did you stay?", "The people."),
     "Q: Why did you stay?"),
    (("Wait... what happened next?", "The river rose."), "Q: Wait... what happened next?"),
    (("我很喜欢那本书。你为什么写它？", "因为我想写。"), "Q: 你为什么写它？"),
])
def test_sentences_end_where_a_reader_ends_them(tmp_path, said, question):
    """A title's full stop, a quoted question inside a sentence, a question tag that ends a
    statement and an ellipsis end no sentence; a CJK stop ends one with no space after it."""
    _, body = imported(captions(tmp_path / "episode.vtt", *said))
    lines = [re.sub(r"^(\w+) \[[\d:.]+\]:", r"\1:", line) for line in body.splitlines()]
    assert question in lines, body
    assert sum(line.startswith("Q:") for line in lines) == 1, body


def test_a_first_question_is_said_not_the_title(tmp_path):
    _, body = imported(captions(tmp_path / "episode.vtt", "So, can you introduce yourself?",
                                "I am Dana, and I build bridges.", "Why bridges?",
                                "Because they hold."))
    front, _ = imported(tmp_path / "episode.vtt")
    assert front["title"] == "TODO" and body.lstrip().startswith("Q"), body


def test_a_long_answer_is_cut_into_paragraphs_at_its_sentences(tmp_path):
    sentences = [f"In year {year} the river rose and the town moved its boats up the hill."
                 for year in range(1990, 2020)]
    _, body = imported(captions(tmp_path / "episode.vtt", "What was it like?",
                                *sentences, "And then?", "Then we left."))
    answer = body.split("A [", 1)[1].split("Q [", 1)[0]
    paragraphs = [part for part in answer.split("\n\n") if part.strip()]
    assert 2 <= len(paragraphs) <= 4, answer
    assert all(part.rstrip().endswith("hill.") for part in paragraphs), answer


def test_a_sound_alone_is_no_words_and_is_reported(tmp_path):
    source = captions(tmp_path / "episode.vtt", "[Music]", "How did you start?", "♪ ♪",
                      "By accident.", "Why?", "Curiosity.")
    result = import_file(source)
    _, body = imported(source)
    assert "Music" not in body and "♪" not in body, body
    assert [note.line for note in result.report.dropped if "a sound" in note.text] == [3, 9]


def test_one_label_among_captions_that_name_no_one_is_their_words(tmp_path):
    """'Step 1:' once is what is said, not a speaker."""
    _, body = imported(captions(tmp_path / "episode.vtt", "How do you start a bridge?",
                                "Step 1: you pour the concrete.", "And then?",
                                "You wait for it to set."))
    assert "Step 1: you pour the concrete." in body, body
    assert [label for label, _, _ in timed_turns(body)] == ["Q", "A", "Q", "A"], body


def test_turns_in_a_cue_of_no_length_still_follow_each_other(tmp_path):
    """A cue whose end is its start (as tools write a word they could not place) gives each
    turn that starts in it a time after the one before."""
    source = tmp_path / "episode.vtt"
    source.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHow did you start?\n\n"
                      "00:00:03.000 --> 00:00:03.000\nBy accident. And why bridges?\n\n"
                      "00:00:03.000 --> 00:00:06.000\nBecause they hold.\n", encoding="utf-8")
    _, body = imported(source)
    times = [parse_time(time) for _, time, _ in timed_turns(body)]
    assert len(times) == 4 and times == sorted(set(times)), body


def test_whispers_tab_separated_text_is_read_as_its_captions(tmp_path):
    """Whisper's ``.tsv``: a header, then start and end in milliseconds and the words; times
    that are no number (or too long to be one) leave the turn untimed, never a traceback."""
    rows = ["start\tend\ttext", "0\t4500\tWelcome back to Harbour Voices.",
            "4500\t7000\tSo, Dana, how did you get started with bridges?",
            "7000\t12000\tI grew up next to a river.", "12000\t15000\tWhat was the hardest part?",
            "15000\t18000\tThe winters, honestly."]
    front, body = imported(tmp_path / "episode.tsv", "\n".join(rows) + "\n")
    assert [(label, parse_time(time)) for label, time, _ in timed_turns(body)] == [
        ("Q", 4.5), ("A", 7), ("Q", 12), ("A", 15)], body
    assert body.lstrip().startswith("Welcome") and front["title"] == "TODO", (front, body)
    rows[2] = "4500²\t" + "9" * 5000 + "\tSo, Dana, how did you get started with bridges?"
    _, body = imported(tmp_path / "odd.tsv", "\n".join(rows) + "\n")
    assert "So, Dana, how did you get started with bridges?" in body


def test_segments_with_no_times_are_still_speech(tmp_path):
    """A tool's segments with no start and no speaker: the first question is said, not the
    title, and the turns are read as captions' are, untimed."""
    source = tmp_path / "episode.json"
    source.write_text(json.dumps({"segments": [
        {"text": "So, can you introduce yourself?"}, {"text": "I am Dana. I build bridges."},
        {"text": "Why bridges?"}, {"text": "Because they hold."}]}), encoding="utf-8")
    front, body = imported(source)
    assert front["title"] == "TODO", front
    assert [label for label, _ in turns(body)] == ["Q", "A", "Q", "A"], body


def test_short_captions_that_repeat_a_line_are_no_roll_up(tmp_path):
    """'No.' said twice in a short clip is said twice."""
    _, body = imported(captions(tmp_path / "episode.vtt", "Did you ever go back?", "No.",
                                "No.", "Not even once?", "Never.", "Never."))
    assert body.count("No.") == 2 and body.count("Never.") == 2, body


def test_each_speaker_labelled_once_is_still_named(tmp_path):
    front, _ = imported(tmp_path / "clip.srt", "1\n00:00:01,000 --> 00:00:03,000\nMaya Ortiz: "
                        "So, Dana, how did you start?\n\n2\n00:00:03,000 --> 00:00:06,000\n"
                        "Dana Reyes: By accident, mostly.\n")
    assert (front["interviewer"], front["interviewee"]) == ("Maya Ortiz", "Dana Reyes"), front


def test_a_second_timing_line_in_a_block_starts_a_cue_of_its_own(tmp_path):
    """An empty cue, a line of spaces, then a cue named by an id: no timing in the words."""
    _, body = imported(tmp_path / "episode.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n   \n"
                       "answer-1\n00:00:04.000 --> 00:00:06.000\nHow did you start?\n\n"
                       "00:00:06.000 --> 00:00:08.000\nBy accident.\n")
    assert "-->" not in body and "How did you start?" in body, body


def test_a_confirming_tag_still_asks(tmp_path):
    _, body = imported(captions(tmp_path / "episode.vtt", "You grew up in Ohio, didn't you?",
                                "Yes, by the lake.", "And you stayed, didn't you?", "I did."))
    assert [label for label, _, _ in timed_turns(body)] == ["Q", "A", "Q", "A"], body


@pytest.mark.parametrize("lines", [
    ["Maya Ortiz  0:02", "How did you start?", "Gina Hale  0:05", "By accident, mostly, and",
     "then some more.", "Maya Ortiz  0:15", "And then what", "happened to you?"],
    ["Q. How did you", "start with bridges?", "A. By accident, mostly,", "and then more.",
     "Q. And then what", "happened to you?", "A. Then I got", "a job there."],
    ["Maya Ortiz", "How did you", "start with bridges?", "Gina Hale", "By accident, mostly,",
     "and then more.", "Maya Ortiz", "And then what", "happened to you?", "Gina Hale", "A job."],
])
def test_text_that_marks_its_speakers_is_no_caption_file(tmp_path, lines):
    """Names over turns, role letters, a name line over each turn, with no blank line
    between: not read as a speech-to-text tool's captions."""
    source = tmp_path / "transcript.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        result = import_file(source)
    except ContentError:
        return
    assert not any("no line names its speaker" in note.text for note in result.report.unsure)


def test_a_cue_that_opens_with_a_stop_closes_the_word_before(tmp_path):
    _, body = imported(captions(tmp_path / "episode.vtt", "How did you start", "? I mean,",
                                "with bridges.", "Mostly by accident", ". Then the library."))
    assert "Q [00:00]: How did you start?\n" in body, body
    assert "I mean, with bridges. Mostly by accident. Then the library." in body, body


def test_a_broadcasts_three_row_roll_up_is_read_once_each_line(tmp_path):
    """Broadcast captions roll up three rows: each cue repeats the two lines before its new
    one."""
    said = ["how did you get", "started with bridges?", "by accident, mostly.", "i was reading",
            "a lot about rivers.", "and then what", "happened to you?", "then the library."]
    cues = [said[max(0, at - 2):at + 1] for at in range(len(said))]
    _, body = imported(tmp_path / "episode.vtt", "WEBVTT\n\n" + "\n\n".join(
        f"00:00:{at * 2:02d}.000 --> 00:00:{at * 2 + 2:02d}.000\n" + "\n".join(rows)
        for at, rows in enumerate(cues)) + "\n")
    for line in said:
        assert body.count(line) == 1, (line, body)
