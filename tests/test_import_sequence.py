"""The sequence pass of import: questions and answers decided together, not paragraph by
paragraph (exporters/importers/sequence.py), and what it changes in an imported file."""

from __future__ import annotations

import math
from pathlib import Path

from exporters.importers import import_file
from exporters.importers.sequence import ANSWER, INTRO, QUESTION, SequenceModel, roles
from exporters.importers.said import Para
from exporters.importers.structure import question_score

Q, A, I = QUESTION, ANSWER, INTRO


def test_clear_scores_give_their_own_roles():
    assert roles([7, -3, 6, -2, -4]) == (Q, A, Q, A, A)


def test_nothing_before_the_first_likely_question_is_asked():
    assert roles([1, 2, 0, 6, -2]) == (I, I, I, Q, A)
    assert roles([1, 2, 3]) == (I, I, I)  # no question at all: all introduction
    assert roles([]) == ()


def test_a_doubtful_paragraph_between_two_answers_is_a_question():
    # 3.4 is below the threshold (3.5) on its own; between answers, alternation tips it
    assert roles([6, -2, 3.4, -2]) == (Q, A, Q, A)


def test_a_doubtful_paragraph_right_after_a_question_stays_an_answer():
    # an answer that ends on a rhetorical question: after a question, answers are likelier
    assert roles([6, 3, 6, -2]) == (Q, A, Q, A)
    assert roles([6, 4, -2]) == (Q, A, A)  # above the threshold, yet not a second question


def test_two_questions_in_a_row_need_strong_evidence_for_both():
    assert roles([6, 6, -2]) == (Q, Q, A)


def test_a_list_or_quotation_is_never_a_question():
    assert roles([6, None, None, 6, -1]) == (Q, A, A, Q, A)
    assert roles([None, 9, -1]) == (I, Q, A)


def test_the_model_is_a_parameter_and_its_log_odds_are_monotonic():
    model = SequenceModel(threshold=2.0)
    assert roles([6, -2, 2.5, -2], model) == (Q, A, Q, A)
    assert roles([6, -2, 2.5, -2]) == (Q, A, A, A)
    assert model.log_odds(None) == -math.inf
    assert model.log_odds(1) < model.log_odds(2) < model.log_odds(3)
    assert model.log_odds(2.0) == 0


def test_a_question_that_opens_with_a_statement_scores_as_a_question():
    opening = Para("I loved your last album, especially the closing track. What happened in "
                   "the studio that week, and why did you leave it to the end?", 1)
    answer = Para("I think we were tired. Honestly, we recorded it at four in the morning and "
                  "nobody wanted to do another take, so what you hear is the first one.", 2)
    assert question_score(opening) >= 4 > question_score(answer)


def test_an_imported_page_alternates_questions_and_answers(tmp_path: Path):
    source = tmp_path / "talk.txt"
    source.write_text(
        "The Lantern Interview\n\n"
        "Ruth Vale has kept the lighthouse at Skerry for twenty years.\n\n"
        "How did you come to the lighthouse?\n\n"
        "By accident, mostly.\n\n"
        "I answered an advertisement in the paper and thought it was a joke, and I was still "
        "laughing when they rang me back.\n\n"
        "The keepers before you stayed two years at most. Your predecessor wrote that the "
        "winters broke him, and the board nearly closed the station. What kept you there?\n\n"
        "The birds. I count them every morning, and I have counted them for twenty years, and "
        "I am not done counting them yet.\n\n"
        "It was hard in the first winter, and I nearly left. The storms take the power out "
        "for days at a time, and the boat comes once a fortnight.\n\n"
        "Will you ever leave?\n\n"
        "When the birds do.\n", encoding="utf-8")
    imported = import_file(source)
    turns = [(turn.label, turn.paragraphs[0][:20]) for turn in imported.document.conversation]
    assert turns == [("Q", "How did you come to "), ("A", "By accident, mostly."),
                     ("Q", "The keepers before y"), ("A", "The birds. I count t"),
                     ("Q", "Will you ever leave?"), ("A", "When the birds do.")]
    # an answer that opens "By accident, ..." is not a byline
    assert imported.document.values.get("interviewer") is None


def test_generic_speaker_labels_choose_the_interviewer_by_relative_evidence(tmp_path: Path):
    """'Speaker 1', 'Speaker 2': nobody's label says who asks; the one who opens the show,
    names the guest and asks more than the others is the interviewer, even when a guest asks
    too and the host's turns often end without '?'."""
    source = tmp_path / "episode.txt"
    source.write_text(
        "Speaker 2: Welcome to Harbour Talk. Joining me today is Ruth Vale, who keeps the "
        "light at Skerry.\n\n"
        "Speaker 1: Thanks for having me. Isn't it odd to be on a podcast about harbours?\n\n"
        "Speaker 2: Not at all. Tell me how you started.\n\n"
        "Speaker 1: By accident. I answered an advertisement and thought it was a joke.\n\n"
        "Speaker 2: And you stayed twenty years.\n\n"
        "Speaker 1: I did, and I would do it again. Who wouldn't?\n\n"
        "Speaker 2: What about the winters?\n\n"
        "Speaker 1: Long. The storms take the power out for days.\n", encoding="utf-8")
    imported = import_file(source)
    assert [turn.label for turn in imported.document.conversation] == ["Q", "A"] * 4
    assert any("'Speaker 2' is taken as the interviewer" in note.text
               for note in imported.report.unsure)
