"""Who speaks and who asks in an imported interview, and what its first lines say about it:
rules found on the development part of tests/corpus/real/, each on a small source written
here, imported in process (no command line), asserting what the written Markdown says."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import yaml

from exporters.importers import import_file


def imported(path: Path, text: str | None = None) -> tuple[dict, str]:
    """The front matter and body of the Markdown ``import`` writes for ``path``."""
    if text is not None:
        path.write_text(text, encoding="utf-8")
    markdown = import_file(path).document.markdown()
    _, front, body = markdown.split("---\n", 2)
    return yaml.safe_load(front), body


def turns(body: str) -> list[tuple[str, str]]:
    """(label, first word) of each turn."""
    return re.findall(r"^(\w[\w ]*?)(?: \[[\d:.]+\])?: (\S+)", body, re.M)


ORAL_HISTORY = """CARUSO: Where did you grow up, and what did your parents do?

SUBJECT: In Ohio. My father ran a hardware store and my mother taught school.

CARUSO: When did chemistry start to interest you?

SUBJECT: At fourteen, with a chemistry set my uncle gave me one winter.

CARUSO: Well, thank you so much for your time today.

SUBJECT: Thank you.

LEE: Thank you, Dr. Walder.
"""


def test_a_label_used_once_counts_when_written_as_the_others_are(tmp_path):
    """'LEE:' speaks once, in capitals as 'CARUSO:' and 'SUBJECT:' do: a turn of its own, not
    the end of the answer before it."""
    front, body = imported(tmp_path / "session.txt", ORAL_HISTORY)
    assert turns(body)[-2:] == [("Subject", "Thank"), ("LEE", "Thank")]
    assert front["speakers"]["LEE"]["role"] == "interviewee"  # nothing says LEE asks


def test_a_label_used_once_is_no_turn_above_the_conversation_or_before_a_link(tmp_path):
    _, body = imported(tmp_path / "links.txt", "SUMMARY: Growing up in Ohio.\n\n"
                       + ORAL_HISTORY.replace("LEE: Thank you, Dr. Walder.",
                                              "PR: https://example.org/pull/2"))
    assert [label for label, _ in turns(body)] == ["Q", "A"] * 3
    assert "PR\\: https://example.org/pull/2" in body.split("A: Thank you.")[1]


def test_the_file_author_named_by_a_label_is_a_second_interviewer(tmp_path):
    """A DOCX whose author ('Berry, Lee') a speaker's label names: that speaker, who speaks
    once at the end, is on the side that asks."""
    document = docx.Document()
    for line in ORAL_HISTORY.strip().split("\n\n"):
        document.add_paragraph(line)
    document.core_properties.author = "Berry, Lee"
    document.save(tmp_path / "session.docx")
    front, body = imported(tmp_path / "session.docx")
    roles = {label: person["role"] for label, person in front["speakers"].items()}
    assert roles == {"Caruso": "interviewer", "Subject": "interviewee", "LEE": "interviewer"}
    assert turns(body)[-1] == ("LEE", "Thank")


COHOST = """Speaker 1 (00:00):
Films are made by small crews of people who trust each other.

Speaker 2 (00:20):
Welcome to Workbench, a podcast about how things get made. My name's Adam Wiggins, and today we have Max with us. Max, how was your last shoot?

Speaker 1 (00:40):
It was thirty days in Berlin, long days, and I loved all of them.

Speaker 2 (01:20):
That intensity reminds me of my first job in games.

Speaker 1 (01:40):
I think every creative field has that crunch somewhere.

Speaker 3 (02:00):
That is a term that at least Adam and I have used for years about software crunch.

Speaker 1 (02:30):
Yes, and film has the same problem, only with more people on set at once.

Speaker 3 (03:00):
And the crews keep moving from project to project with their trust intact.

Speaker 1 (03:20):
That is how producers find their people, by working with them again and again.

Speaker 2 (04:00):
Well, let's wrap it there. Thanks, Max.

Speaker 4 (04:10):
Thank you, Adam.
"""


def test_a_co_host_who_asks_nothing_speaks_of_the_host_and_themselves_as_one(tmp_path):
    """'Speaker 3' never asks, but says 'Adam and I' of the host who introduced himself as
    Adam: a second interviewer. 'Speaker 4' says one line at the end, as the labels are
    written: a turn of its own, the guest's."""
    front, body = imported(tmp_path / "episode.txt", COHOST)
    roles = {label: person["role"] for label, person in front["speakers"].items()}
    assert roles == {"Speaker 1": "interviewee", "Speaker 2": "interviewer",
                     "Speaker 3": "interviewer", "Speaker 4": "interviewee"}
    assert [label[-1] for label, _ in turns(body)] == list("12121313124")


def test_one_question_in_one_turn_does_not_outweigh_the_host_who_opens_the_show(tmp_path):
    """A listener's question read out after the host's opening: the share of questions counts
    by how many turns it rests on, so the host who opens the show and names the listener is
    the interviewer."""
    _, body = imported(tmp_path / "trailer.vtt", """WEBVTT

00:00:00.000 --> 00:00:09.000
<v Sarah>In today's episode, you'll learn whether your show needs a trailer. Welcome to Podcasting Q&amp;A. This week's question comes from Gillian.

00:00:09.000 --> 00:00:14.000
<v Gillian>Hi, Gillian here from Careers Podcast. My question is, do we need a trailer?
""")
    assert turns(body) == [("Q", "In"), ("A", "Hi,")]


def test_question_headings_with_labelled_answers_by_a_bold_name_and_a_dash(tmp_path):
    """Numbered questions as headings, each answered by guests labelled '**Emma** - ': every
    heading that asks is a question, every labelled paragraph an answer of its own."""
    front, body = imported(tmp_path / "podcast.md", """# Personal stories

## 1. Why did you start your podcast?

**Emma** - There was only one open science podcast then, and it was in German.

**Zoe** - Training was our task, so a podcast made sense.

More of what Zoe said.

## 2. What tools do you use?

**Emma** - A Zoom H6 recorder before the pandemic.

**Zoe** - PodBean hosts it.
""")
    assert turns(body) == [("Q", "1."), ("Emma", "There"), ("Zoe", "Training"),
                           ("Q", "2."), ("Emma", "A"), ("Zoe", "PodBean")]
    assert front["speakers"]["Emma"] == {"name": "Emma", "role": "interviewee"}


def test_a_myst_target_and_a_front_matter_on_one_line_are_not_text(tmp_path):
    front, body = imported(tmp_path / "myst.md", "(cm-podcasts)=\n# Personal stories\n\n"
                           "Why did you start?\n\nBecause nobody else had.\n")
    assert front["title"] == "Personal stories" and "cm-podcasts" not in body
    front, body = imported(tmp_path / "flat.txt", '--- layout: post date: 2010-08-02 time: '
                           '"09:00:00" authors: ["Greg Wilson"] title: Interview with Sergey '
                           'Fomel tags: ["Interviews"] ---\n\nTell us about your group.\n\n'
                           'We build software for geophysics.\n')
    assert (front["title"], str(front["date"]), front["interviewer"]) == (
        "Interview with Sergey Fomel", "2010-08-02", "Greg Wilson")
    assert "layout" not in body


def test_the_date_a_second_recording_opens_with(tmp_path):
    """The turns that open each recording (its clock starts again) may say what day it is."""
    front, _ = imported(tmp_path / "sessions.txt", """CARUSO: [00:00:01] Where did you grow up?

SUBJECT: [00:00:05] In Ohio.

CARUSO: [00:00:09] And your parents?

SUBJECT: [00:00:12] Teachers, both of them.

CARUSO: [00:00:20] Schools?

SUBJECT: [00:00:25] Public ones.

CARUSO: [00:00:01] So this is the second session. Today is still November 14, 2019.

SUBJECT: [00:00:09] Correct.
""")
    assert str(front["date"]) == "2019-11-14"
