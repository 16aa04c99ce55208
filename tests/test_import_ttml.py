"""Timed Text (TTML, DFXP): Apple Podcasts' transcripts, whose words are spans with no space
between them, and broadcast captions, whose speakers the head names: read as speakers, turns
and times; a broken or hostile file is one line."""

from __future__ import annotations

import pytest

from exporters.body import parse_time
from exporters.errors import ContentError
from exporters.importers import import_file
from test_import_json import timed_turns
from test_import_roles import imported

HEAD = ('<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" '
        'xmlns:ttp="http://www.w3.org/ns/ttml#parameter" '
        'xmlns:podcasts="http://podcasts.apple.com/transcript-ttml-internal" '
        'xml:lang="{lang}" ttp:frameRate="25">')


def apple(said: list[tuple[str, float, str]]) -> str:
    """Apple Podcasts' TTML: a <p> a turn, each word a span, no space between them."""
    paragraphs = "".join(
        f'<p begin="{start:.3f}" end="{start + 2:.3f}" ttm:agent="{agent}">'
        '<span podcasts:unit="sentence">' + "".join(
            f'<span podcasts:unit="word">{word}</span>' for word in words.split())
        + "</span></p>" for agent, start, words in said)
    return (HEAD.format(lang="en-US") + '<head><metadata><ttm:agent xml:id="SPEAKER_1" '
            'type="person"/><ttm:agent xml:id="SPEAKER_2" type="person"/></metadata></head>'
            f"<body><div>{paragraphs}</div></body></tt>")


SAID = [("SPEAKER_1", 0.5, "How did you get started?"),
        ("SPEAKER_2", 3.25, "By accident, mostly. I was reading a lot."),
        ("SPEAKER_1", 62.5, "And then what happened?"),
        ("SPEAKER_2", 65, "Then I got a job at the library.")]


def test_apple_podcasts_transcript_is_read_word_by_word_into_turns(tmp_path):
    front, body = imported(tmp_path / "episode.ttml", apple(SAID))
    assert [(label, parse_time(time), word) for label, time, word in timed_turns(body)] == [
        ("Q", 0.5, "How"), ("A", 3.25, "By"), ("Q", 62.5, "And"), ("A", 65, "Then")], body
    assert "By accident, mostly. I was reading a lot." in body
    assert front["lang"] == "en-US"


def test_broadcast_captions_name_their_speakers_and_keep_their_times(tmp_path):
    """Names from the head's agents, a line break a space, clock times in frames, a
    paragraph's time after its division's, and an .xml file told by its first bytes."""
    source = tmp_path / "captions.xml"
    source.write_text(
        HEAD.format(lang="de") + '<head><metadata>'
        '<ttm:agent xml:id="a1" type="person"><ttm:name type="full">Maya Ortiz</ttm:name>'
        '</ttm:agent><ttm:agent xml:id="a2" type="person"><ttm:name type="full">Gina Hale'
        '</ttm:name></ttm:agent></metadata></head><body><div begin="00:01:00:00">'
        '<p begin="00:00:00:00" end="00:00:02:00" ttm:agent="a1">Wie haben Sie<br/>'
        'angefangen?</p>'
        '<p begin="00:00:02:12" end="00:00:06:00" ttm:agent="a2">Durch Zufall.</p>'
        '<p begin="10s" end="12s" ttm:agent="a1">Und dann?</p>'
        '<p begin="12500ms" end="15s" ttm:agent="a2">Die Bibliothek.</p>'
        "</div></body></tt>", encoding="utf-8")
    front, body = imported(source)
    assert (front["interviewer"], front["interviewee"]) == ("Maya Ortiz", "Gina Hale"), front
    assert [parse_time(time) for _, time, _ in timed_turns(body)] == [60, 62.48, 70, 72.5], body
    assert "Wie haben Sie angefangen?" in body and front["lang"] == "de"


@pytest.mark.parametrize("text, said", [
    ("<tt xmlns='http://www.w3.org/ns/ttml'><body><p>Hi", "cannot be read"),
    ("<?xml version='1.0'?><!DOCTYPE tt [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;"
     "&a;&a;&a;&a;'>]><tt xmlns='http://www.w3.org/ns/ttml'><body><div><p>&b;</p></div>"
     "</body></tt>", ""),
    ("<html xmlns='http://www.w3.org/ns/ttml'/>", "no Timed Text"),
    ("<tt xmlns='http://www.w3.org/ns/ttml'><body><div><p begin='soon' ttm:agent='x' "
     "xmlns:ttm='http://www.w3.org/ns/ttml#metadata'>Hello there.</p></div></body></tt>", ""),
])
def test_a_broken_or_hostile_ttml_is_one_line_and_expands_no_entity(tmp_path, text, said):
    source = tmp_path / "episode.ttml"
    source.write_text(text, encoding="utf-8")
    try:
        markdown = import_file(source).document.markdown()
    except ContentError as error:
        assert "\n" not in str(error.problem) and "episode.ttml" in str(error.problem)
        assert said in str(error.problem), error.problem
    else:
        assert "aaaaaaaaaa" not in markdown


def ttml(body: str, head: str = "", namespace: str = "http://www.w3.org/ns/ttml") -> str:
    return (f'<tt xmlns="{namespace}" xmlns:ttm="{namespace}#metadata" xml:lang="en">'
            f"<head><metadata>{head}</metadata></head><body>{body}</body></tt>")


PEOPLE = ('<ttm:agent xml:id="a1" type="person"><ttm:name>Maya Ortiz</ttm:name></ttm:agent>'
          '<ttm:agent xml:id="a2" type="person"><ttm:name>Gina Hale</ttm:name></ttm:agent>')


@pytest.mark.parametrize("body, namespace", [
    ('<div><p begin="1s" end="3s"><span ttm:agent="a1">How did you start?</span> '
     '<span ttm:agent="a2">By accident.</span></p><p begin="5s" end="7s"><span '
     'ttm:agent="a1">And then?</span> <span ttm:agent="a2">The library.</span></p></div>',
     "http://www.w3.org/ns/ttml"),
    ('<div timeContainer="seq"><p dur="2s" ttm:agent="a1">How did you start?</p><p dur="3s" '
     'ttm:agent="a2">By accident.<metadata>SECRET</metadata></p><p dur="2s" ttm:agent="a1">'
     'And then?</p><p dur="2s" ttm:agent="a2">The library.</p></div>',
     "http://www.w3.org/2006/10/ttaf1"),
])
def test_speakers_in_spans_sequences_and_dfxp_are_read_with_increasing_times(
        tmp_path, body, namespace):
    """Two speakers' spans in one paragraph are two turns, each timed as far into it as it
    stands; paragraphs that follow each other in a sequence start where the last ended; the
    older DFXP namespace is read as TTML's; a paragraph's metadata is no words."""
    front, said = imported(tmp_path / "episode.dfxp", ttml(body, PEOPLE, namespace))
    assert (front["interviewer"], front["interviewee"]) == ("Maya Ortiz", "Gina Hale"), front
    times = [parse_time(time) for _, time, _ in timed_turns(said)]
    assert len(times) == 4 and times == sorted(set(times)), said
    assert "SECRET" not in said


def test_a_time_a_hair_under_a_second_keeps_every_time(tmp_path):
    _, said = imported(tmp_path / "episode.ttml", ttml(
        '<div><p begin="1.9996s" ttm:agent="a1">How did you start?</p><p begin="3s" '
        'ttm:agent="a2">By accident.</p></div>', PEOPLE))
    assert [parse_time(time) for _, time, _ in timed_turns(said)] == [2, 3], said
