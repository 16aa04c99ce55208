"""``make.py import``: an interview from elsewhere into a content file of ours.

One reader per input format (text.py for plain text, Markdown and ``Name:``
transcripts; html.py; docx.py; transcript.py for WebVTT; ohms.py for OHMS XML) turns the
source into paragraphs. Each format is an Importer (importer.py; the built-in ones in
builtin.py, others from plugins) and registry.py picks the one for a file. leftovers.py drops
what the website left around the paragraphs; infer.py reads the front matter off the top;
said.py holds what they read it into; structure.py finds the questions and answers
(sequence.py decides unlabelled ones together), and roles.py who asks among labelled speakers
(panel.py weighs a roundtable's signs); recording.py finds the recording a transcript names;
write.py writes the file. The report says what was guessed.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

import langcodes

from ..errors import ContentError, Problem, display_path
from ..metadata import is_label
from ..output import atomic_path, write_atomic
from ..slugs import slugify
from .bounds import MAX_FIELD_CHARS, MAX_IMPORT_PARAGRAPHS, sizes, too_many
from .builtin import PdfImporter
from .importer import Importer, ImporterError
from .infer import (_clean, _take_front_line, credits_taken, find_date, front_values,
                    guess_language, name_in, named_as_interviewed, person_titled, self_named,
                    several_people, spoken_date)
from .leftovers import ends_article, leftover, link_list
from .recording import locate
from .registry import choose, plugin_names
from .roles import person_forms
from .said import (INTERVIEWER, Cast, Extract, Note, Para, Section, Spoken, Structure, bare_name,
                   ends_with_question, known_role, listed_people, name_before_role,
                   names, role_among, role_of_label)
from .structure import PROFILE, lone_time, role_letters, split_label, structure
from .write import TODO, Document, Heading, Turn, protect_label

HEAD_BYTES = 512
"""How much of a source is read to tell its format."""
DEFAULT_NAME = "interview"
"""The content file's name when neither the title nor the source's name gives a slug."""
MAX_REPORTED_NOTES = 40
"""The report lists this many lines dropped, and this many it was unsure about, then counts."""
ERROR_DETAIL_CHARS = 160
"""An unexpected error's own message is cut to this in the one line that reports it."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Invisible control characters: a content file cannot hold them, nor a terminal show them."""
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The start of an old Word .doc, and of a password-protected .docx."""
_NOT_SUPPORTED = (
    (OLE_MAGIC, "this is an old Word document (.doc) or a password-protected one, not a DOCX",
     "open it in a word processor, remove any password and save it as .docx (Word Document)"),
    (b"{\\rtf", "this is an RTF file, which import cannot read",
     "open it in a word processor and save it as .docx"),
)


def _importer(path: Path, head: bytes) -> Importer:
    """The importer of ``path``: an old Word document or an RTF file is refused, and a PDF
    is read as one whatever its name."""
    for magic, message, hint in _NOT_SUPPORTED:
        if head.startswith(magic):
            raise ContentError(Problem(path, 1, message, hint))
    if PdfImporter.recognises(path, head):  # a PDF whatever its name ends with
        return PdfImporter()
    return choose(path, head)()


def _read(path: Path, importer: Importer) -> bytes:
    """The whole source, refused in one line when it is larger than the importer reads."""
    limit, data = importer.max_bytes, b""
    stated = path.stat().st_size
    if stated <= limit:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)  # never more, whatever the file turns out to hold
    if stated > limit or len(data) > limit:
        size = max(stated, len(data))
        said, bound = sizes(size, limit)
        name = f" ({importer.max_bytes_name})" if importer.max_bytes_name else ""
        raise ContentError(Problem(path, 1, f"the file is {said}, more than the {bound} "
                                            f"import reads as {_kind(importer)}{name}",
                                   importer.too_large_hint))
    return data


@dataclass
class Report:
    source: Path
    kind: str
    method: str = ""
    questions: int = 0
    answers: int = 0
    dropped: list[Note] = field(default_factory=list)
    unsure: list[Note] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    recording: str = ""
    """Where the recording the source names was copied (when it was not found, a note in
    :attr:`unsure` says what to do)."""

    def lines(self) -> list[str]:
        where = display_path(self.source)
        lines = [f"{counted(self.questions + self.answers, 'turn')}: "
                 f"{counted(self.questions, 'question')}, {counted(self.answers, 'answer')} "
                 f"(found by {self.method})"]
        for heading, notes in (("taken out of the text", self.dropped),
                               ("unsure about", self.unsure)):
            if notes:
                lines.append(f"{heading} {len(notes)}:")
                lines += [f"  {where}:{note.line}: {note.text}"
                          for note in notes[:MAX_REPORTED_NOTES]]
            if len(notes) > MAX_REPORTED_NOTES:
                lines.append(f"  ... and {len(notes) - MAX_REPORTED_NOTES} more "
                             f"(MAX_REPORTED_NOTES)")
        if not self.questions + self.answers:
            lines.append("no turns found: start each question with 'Q:' and each answer "
                         "with 'A:' in the file")
        if self.recording:
            lines.append(self.recording)
        if self.todo:
            lines.append(f"TODO in the file: {', '.join(self.todo)}")
        return lines


@dataclass
class Imported:
    document: Document
    report: Report
    recording: Path | None = None
    """The recording the source names, found beside it: copied beside the content file."""
    voices: tuple[str, ...] = ()
    """The people its speaker labels name (not 'Q', 'Speaker 2' or 'Jingle'), each under its
    label and full name (:func:`~.roles.person_forms`): what a run of many files counts to
    find its regulars (:func:`regulars`)."""

    @property
    def name(self) -> str:
        """The content file's name: the title's slug (transliterated, so a Persian or Japanese
        title gives one too), else the source file's, else :data:`DEFAULT_NAME`."""
        return (slugify(str(self.document.values.get("title") or ""))
                or slugify(self.report.source.stem) or DEFAULT_NAME)


def import_file(path: Path, hosts: tuple[str, ...] = (),
                regulars: dict[str, int] | None = None) -> Imported:
    """Read ``path`` (any supported format) into a document and a report; ``hosts``, the
    speakers the editor says ask, where the source labels its speakers; ``regulars``, the
    speakers of the run it is imported in who speak in many of its files, with how many.

    Whatever the file holds, this returns or raises ContentError, whose one line names the
    source; an error no check foresaw is that line too, with the exception as its cause.
    A plugin importer that cannot be loaded raises ImporterError, whose one line names it."""
    kind = "a source"
    try:
        if not path.is_file():
            raise ContentError(Problem(path, 1, "is a folder or a device, not a file"
                                       if path.exists() else "no such file", "check the path"))
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
        importer = _importer(path, head)
        kind = _kind(importer)
        extract = importer.read(path, _read(path, importer))
        _check_extract(path, extract)
        _tidy(extract)
        extract.paras = role_letters(extract.paras)
        return _imported(path, kind, extract, hosts, regulars or {})
    except (ContentError, ImporterError):
        raise
    except Exception as error:  # noqa: BLE001 - one line for any file, the traceback with --verbose
        raise ContentError(_unreadable(path, kind, error)) from error


def _kind(importer: Importer) -> str:
    return importer.kind or importer.name


def _unreadable(path: Path, kind: str, error: Exception) -> Problem:
    if isinstance(error, MemoryError):
        detail = "it needs more memory than there is"
    elif isinstance(error, RecursionError):
        detail = "it nests too deeply"
    elif isinstance(error, OSError):
        detail = error.strerror or type(error).__name__
    else:
        detail = " ".join(f"{type(error).__name__}: {error}".split())
        if len(detail) > ERROR_DETAIL_CHARS:
            detail = detail[: ERROR_DETAIL_CHARS - 1] + "…"
    return Problem(path, 1, f"cannot be read as {kind} ({_CONTROL.sub('', detail)})",
                   "check that it opens in a browser, word processor or text editor and save "
                   "it again as .txt, .html, .docx or .vtt; --verbose shows the traceback")


def _check_extract(path: Path, extract: Extract) -> None:
    """Refuse more paragraphs than the analysis may take (its time grows with them). Each
    reader has refused more text than :data:`MAX_IMPORT_CHARS` before making paragraphs."""
    if len(extract.paras) > MAX_IMPORT_PARAGRAPHS:
        raise too_many(path, 1, len(extract.paras), MAX_IMPORT_PARAGRAPHS, "paragraphs",
                       "MAX_IMPORT_PARAGRAPHS", "import the interview alone: copy its text "
                       "into a smaller file")


def _tidy(extract: Extract) -> None:
    """Drop invisible control characters (a content file cannot hold them) and stated fields
    too long to be one, noting where."""
    for key, value in list(extract.hints.items()):
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            del extract.hints[key]
            extract.unsure.append(Note(1, f"the '{key}' the file states is longer than "
                                          f"{MAX_FIELD_CHARS:,} characters (MAX_FIELD_CHARS) "
                                          "and was not taken"))
    lines = []
    for para in extract.paras:
        for name in ("text", "plain", "label"):
            value = getattr(para, name)
            if _CONTROL.search(value):
                setattr(para, name, _CONTROL.sub(_control, value))
                lines.append(para.line)
    for key, value in extract.hints.items():
        if isinstance(value, str):
            extract.hints[key] = _CONTROL.sub(_control, value)
    for note in extract.dropped + extract.unsure:
        note.text = _CONTROL.sub(_control, note.text)
    if lines:
        extract.unsure.append(Note(min(lines), f"invisible control characters were removed "
                                               f"from {len(set(lines))} paragraph(s)"))


def _control(match: re.Match) -> str:
    return " " if match.group() in "\x0b\x0c" else ""


def _no_interview(path: Path, kind: str, method: str, paras: list[Para]) -> Problem:
    """Why a source whose text has no turn is not imported, and what to do."""
    if paras and all((para.time or para.said_aloud) and not para.label for para in paras
                     if not para.heading):
        return Problem(path, 1, f"no questions or answers found in this {kind} file: no one "
                                f"is named as speaking and nothing said asks, so it reads as a "
                                f"talk, not an interview, and was not imported",
                       "if it is an interview, name who speaks where the speaker changes "
                       "('Name:' at the start of a cue, or a \"speaker\" in each JSON segment) "
                       "and import it again")
    where = "copy its text into a .txt file, " if kind == PdfImporter.kind else ""
    return Problem(path, 1, f"no questions or answers found in this {kind} file: it reads as "
                            f"{method if method == PROFILE else 'an article'}, not an "
                            "interview, and was not imported",
                   f"if it is an interview, {where}start each question with 'Q:' and each "
                   "answer with 'A:' (or the speaker's name and a colon) and import it again")


def _imported(path: Path, kind: str, extract: Extract, hosts: tuple[str, ...] = (),
              regulars: dict[str, int] | None = None) -> Imported:
    if not any(para.text.strip() for para in extract.paras):
        raise ContentError(Problem(path, 1, f"no text found in this {kind} file",
                                   "check that it is the interview and not an empty page"))
    report = Report(path, kind, dropped=list(extract.dropped), unsure=list(extract.unsure))
    paras = _drop_leftovers(extract.paras, report.dropped)
    paras, values = front_values(paras, extract.hints, report.dropped)
    paras = credits_taken(paras, values, report.dropped)
    writer = str(values.pop("document_author", "") or "")
    titled = "" if values.get("interviewee") else person_titled(
        str(values.get("title") or ""), "\n".join(p.text for p in paras), path.stem)
    if titled and titled != values.get("interviewer"):
        values["interviewee"] = titled
    listed = tuple(values.pop("listed_speakers", ()))
    found = structure(paras, Cast({role: str(values.get(role) or '')
                                   for role in (INTERVIEWER, 'interviewee')},
                                  listed, writer, hosts, regulars or {}))
    if not any(isinstance(item, Spoken) for item in found.conversation):
        raise ContentError(_no_interview(path, kind, found.method, paras))
    report.method = found.method
    _author_answers(found, values, report)
    _authors_heading_parts(found, values, report)
    if hosts and found.method != "speaker labels":
        report.unsure.append(Note(1, f"--hosts was not used: this file does not label its "
                                     f"speakers (its turns were found by {found.method})"))
    report.unsure += found.unsure
    report.dropped += found.dropped
    document = Document(values)
    document.introduction = [protect_label(p.text) for p in
                             _without_lone_times(found.introduction, report)]
    document.closing = [protect_label(p.text) for p in found.closing]
    roles_alone = all(role_of_label(item.speaker) for item in found.conversation
                      if isinstance(item, Spoken))  # 'Q:' and 'A:' name no one
    if not values.get("interviewee") and roles_alone and len(listed) == 1 \
            and listed[0] != values.get(INTERVIEWER):
        values["interviewee"] = listed[0]  # the one speaker a transcript's front matter lists
        document.notes["interviewee"] = "check: the one speaker the front matter lists"
        report.unsure.append(Note(1, f"'{listed[0]}', the one speaker the front matter lists, "
                                     f"was taken as the interviewee: the labels name no one"))
    if not values.get("interviewee") and (found.method != "speaker labels" or roles_alone):
        _guess_interviewee(found, values, {str(values.get("interviewer", "")),
                                           *writer.split(", ")}, path.stem, document, report)
    if not values.get("date"):
        opening = [para.text for item in _openings(found.conversation) for para in item.paras[:2]]
        said = spoken_date(opening)
        named = find_date(path.name)  # as Jekyll names its posts: '2015-10-08-qa-ana.md'
        if said:
            values["date"] = said
            document.notes["date"] = "check: the day the opening turns say it is"
        elif named:
            values["date"] = named
            document.notes["date"] = "check: the day in the file's name"
    recording = _recording(path, values, document, report)
    labels = _speakers(found, values, report)
    if titled and values.get("interviewee") == titled:
        document.notes["interviewee"] = "check: the name the title gives"
        report.unsure.append(Note(1, f"'{titled}', whom the title names, was taken as the "
                                     "interviewee"))
    for role in (INTERVIEWER, "interviewee"):  # several people: a list, as the schema has it
        if several_people(str(values.get(role) or "")):
            values[role] = several_people(str(values[role]))
    for item in found.conversation:
        if isinstance(item, Section):
            document.conversation.append(Heading(_clean(item.title),
                                                 [p.text for p in item.paras]))
            continue
        texts = [p.text for p in _without_lone_times(item.paras, report) if p.text.strip()]
        document.conversation.append(Turn(labels[item.speaker], texts, item.paras[0].time))
        if found.roles.get(item.speaker) == INTERVIEWER:
            report.questions += 1
        else:
            report.answers += 1
    _keep_times_in_order(document, report)
    _language(values, paras, document, report)
    report.unsure.sort(key=lambda note: note.line)
    report.dropped.sort(key=lambda note: note.line)
    report.todo = [key for key in ("title", "date", "interviewer", "interviewee")
                   if not values.get(key) and not (values.get("speakers") and
                                                   key in ("interviewer", "interviewee"))]
    if any(person.get("name") == TODO for person in (values.get("speakers") or {}).values()):
        report.todo.append("speakers")
    document.comments += [f"{note.text} (source line {note.line})" for note in report.unsure
                          if note.text.startswith(("image", "the recording"))]
    return Imported(document, report, recording, tuple(
        form for key in found.roles for form in person_forms(key, found.names.get(key, ""))
        if _names_a_person(form)))


OPENING_TURNS = 6
"""How many turns open a recording: where an oral history says what day it is."""


def _without_lone_times(paras: list[Para], report: Report) -> list[Para]:
    """``paras`` without those that are only a time ('[00:47:32]', where an oral history marks
    where its recording starts or ends): no turn starts there to carry it, and as text it
    would print as a stray line."""
    kept = []
    for para in paras:
        if lone_time(para.text):
            report.dropped.append(Note(para.line, f"a time alone on its line, "
                                                  f"'{para.text.strip().replace(chr(92), '')}', was left out"))
        else:
            kept.append(para)
    return kept


def counted(number: int, thing: str) -> str:
    """'1 turn', '12 turns'."""
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _openings(conversation: list[Spoken | Section]) -> list[Spoken]:
    """The turns that open each recording: the first ones, and those after a turn whose time
    goes back (a second session's file starts its clock again at 00:00:01)."""
    from ..body import parse_time  # the rule the build reads turn times by

    turns = [item for item in conversation if isinstance(item, Spoken)]
    times = [parse_time(turn.paras[0].time) if turn.paras[0].time else None for turn in turns]
    starts = [0] + [index for index in range(1, len(turns)) if times[index] is not None
                    and times[index - 1] is not None and times[index] < times[index - 1]]
    return [turn for start in starts for turn in turns[start: start + OPENING_TURNS]]


def _recording(path: Path, values: dict, document: Document, report: Report) -> Path | None:
    """The recording the source names (the hint ``audio``), when it is a readable one beside
    the source: ``audio:`` then names its copy beside the content file. Otherwise no
    ``audio:`` is written, and a TODO comment and a report line say what to do."""
    reference = str(values.pop("audio", "") or "")
    if not reference:
        return None
    located = locate(path, reference)
    if located.path is None:
        report.unsure.append(Note(1, located.problem))
        return None
    values["audio"] = located.name
    return located.path


def _keep_times_in_order(document: Document, report: Report) -> None:
    """Turn times are kept, as ``Q [00:12:34]:``, when every turn has one and each is later
    than the one before, as the build requires; otherwise none is, and the report says so."""
    from ..body import parse_time  # the rule the build reads turn times by

    turns = [item for item in document.conversation if isinstance(item, Turn)]
    seconds = [parse_time(turn.time) if turn.time else None for turn in turns]
    if all(time is None for time in seconds):
        return
    if None not in seconds and all(a < b for a, b in zip(seconds, seconds[1:])):
        return
    for turn in turns:
        turn.time = ""
    report.unsure.append(Note(1, "the source's times were left out: not every turn has one, "
                                 "or they do not increase"))


def _drop_leftovers(paras: list[Para], dropped: list[Note]) -> list[Para]:
    """The paragraphs without the page's furniture; a turn of a speaker (a label used twice
    or more) is never furniture, whatever it says ('... by supporting our maintainers'), nor
    is the paragraph that answers a question set as a heading or in emphasis ('## What's the
    best way to follow Dat?', then 'Follow @dat_project, or subscribe to our newsletter.')."""
    kept: list[Para] = []
    labels = [para.label or split_label(para.text)[0] for para in paras]
    speakers = {label for label, count in Counter(labels).items() if label and count >= 2}
    for index, para in enumerate(paras):
        text = _clean(para.text)
        if kept and _sets_a_question(kept[-1]) and not (para.heading or para.emphasis):
            kept.append(para)
            continue
        tail = ends_article(text)
        if tail and index >= len(paras) / 2:
            dropped.append(Note(para.line, f"{tail} ({len(paras) - index} paragraph(s))"))
            break
        if index < 12 and para.words <= 25 and _take_front_line(text, {}):
            kept.append(para)  # a byline or date line: infer.py reads it
            continue
        reason = None if labels[index] in speakers else (
            leftover(text) or link_list(para.text) or ("navigation" if tail else None))
        if reason:
            dropped.append(Note(para.line, f"{reason}: '{' '.join(text.split())[:50]}'"))
            if _RULE_TAG.match(text) and index + 1 < len(paras):  # '<hr style="…">'
                paras[index + 1].after_rule = True
        else:
            kept.append(para)
    return kept


_RULE_TAG = re.compile(r"\s*<hr\b", re.I)


def _author_answers(found: Structure, values: dict, report: Report) -> None:
    """Where the name that labels the answers is the byline's ('Lena:' under the questions of
    a post by Lena Ek), its author is the one interviewed, not the interviewer."""
    author = str(values.get(INTERVIEWER) or "")
    answering = next((label for label in sorted(found.answering) if label not in found.roles
                      and known_role(label, {INTERVIEWER: author}) == INTERVIEWER), None)
    if answering and not values.get("interviewee"):
        values["interviewee"] = values.pop(INTERVIEWER)
        report.unsure.append(Note(1, f"'{author}', the author, taken as the interviewee: "
                                     f"'{answering}:' labels the answers"))


def _authors_heading_parts(found: Structure, values: dict, report: Report) -> None:
    """Several authors whose names head the parts ('## Melissa Guzman', then her answers)
    answer there: a post of several people's answers under their names, which the byline
    lists too, is theirs, and nobody named asked."""
    authors = values.get(INTERVIEWER)
    listed = [str(name) for name in authors] if isinstance(authors, list) \
        else listed_people(str(authors or ""))
    titles = {_clean(item.title).casefold() for item in found.conversation
              if isinstance(item, Section)}
    if len(listed) >= 2 and not values.get("interviewee") \
            and sum(name.casefold() in titles for name in listed) >= 2:
        values["interviewee"] = values.pop(INTERVIEWER)
        report.unsure.append(Note(1, "the authors were taken as the interviewees: the parts "
                                     "are headed with their names"))


def _guess_interviewee(found: Structure, values: dict, other_than: set[str], source_name: str,
                       document: Document, report: Report) -> None:
    """The interviewee of a text that does not label its speakers and names no one: the name
    the first answer gives as its speaker's own ('My name is Ian Hansen'), else the first full
    name in the introduction; each marked for the editor to check."""
    first = next((item.paras[0] for item in found.conversation if isinstance(item, Spoken)
                  and found.roles.get(item.speaker) != INTERVIEWER), None)
    title = str(values.get("title") or "")
    introduction = [p.text for p in found.introduction]
    context = " ".join([title, str(values.get("summary") or ""), *introduction, source_name])
    guesses = (
        (named_as_interviewed([*introduction, *_before_the_first_turn(found)]),
         found.introduction[0].line if found.introduction else 1,
         "the one the introduction says was interviewed"),
        (self_named(first.text, context) if first else "", first.line if first else 1,
         "the name the first answer gives"),
        (name_in(introduction, other_than),
         found.introduction[0].line if found.introduction else 1,
         "the first name in the introduction"))
    for guess, line, where in guesses:
        if guess and guess not in other_than:
            values["interviewee"] = guess
            document.notes["interviewee"] = f"check: {where}"
            report.unsure.append(Note(line, f"'{guess}' was taken as the interviewee"))
            return
    author = bare_name(str(values.get(INTERVIEWER) or ""))
    if _spoken_of(author, introduction):
        values["interviewee"] = values.pop(INTERVIEWER)
        document.notes["interviewee"] = "check: the author, whom the introduction speaks of"
        report.unsure.append(Note(found.introduction[0].line, f"'{author}', the author, was "
                                  f"taken as the interviewee: the introduction speaks of them "
                                  f"by name, not as 'I'"))


def _spoken_of(name: str, introduction: list[str]) -> bool:
    """Whether an introduction speaks of ``name`` as the one it presents: by the full name, in
    a paragraph that says no 'I' ('… Rachel Muston est convaincue que …'), and by the first
    name alone elsewhere ('Rachel s'y connaît bien') or with what they are ('Jamila Crawford,
    a U.S. Digital Corps Fellow, shares her journey'), as a writer does not write of
    themselves."""
    words = name.split()
    if len(words) < 2:
        return False
    texts = [_clean(text) for text in introduction]
    full = [text for text in texts if name in text]
    alone = re.compile(rf"\b{re.escape(words[0])}\b(?! {re.escape(words[1])})")
    told = [sentence for text in texts for sentence in re.split(r"(?<=[.!?])\s+", text)
            if re.search(rf"\b{re.escape(words[0])}\b", sentence)]
    presented = re.compile(rf"{re.escape(name)},\s+(?:a|an|the|our)\s")
    return bool(full) and not any(_FIRST_PERSON.search(text) for text in full) \
        and any(alone.search(text) or presented.search(text) for text in texts) \
        and not any(_ASKING_WORK.search(sentence) for sentence in told)


_ASKING_WORK = re.compile(
    r"(?i:\b(?:asks?|asked|interview\w*|hosts?|hosted|runs|ran|questions|series|column|"
    r"programme|program|podcast|spoke (?:to|with)|speaks (?:to|with)|talk(?:s|ed)? (?:to|with)|"
    r"sat down|meets?|met (?:up )?with)\b)")
"""What says that the one an introduction speaks of does the asking ('Mia Hart runs the
Keepers programme; each month Mia asks a keeper…')."""


_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|me|my|je|j['’]|moi|mon|ma|mes|ich|mich|mein\w*|"
                           r"yo|eu|io)\b")


def _before_the_first_turn(found: Structure) -> list[str]:
    """What the headings before anyone speaks have under them ('### Meet Juan Ríos', then 'I
    spoke with Juan Ríos, who…')."""
    said: list[str] = []
    for item in found.conversation:
        if isinstance(item, Spoken):
            break
        said += [para.text for para in item.paras]
    return said


def _sets_a_question(para: Para) -> bool:
    """A question set as a heading or wholly in emphasis, as a post sets its questions."""
    return bool(para.heading or para.emphasis) and ends_with_question(para.plain or para.text)


def _speakers(found: Structure, values: dict, report: Report) -> dict[str, str]:
    """Front matter for who speaks; returns the label to write for each speaker key."""
    keys = list(dict.fromkeys(item.speaker for item in found.conversation
                              if isinstance(item, Spoken)))
    people: dict[str, tuple[str, str]] = {}
    for key in keys:
        role = found.roles.get(key, "interviewee")
        generic = role_among(key, keys)
        if generic or key in ("Q", "A"):  # "Maya Ortiz (Host):" names the one who asks
            given = found.names.get(key, "")  # 'Ruth Vale and Tomas Lind'; a key's 'INT = Mary Fox'
            name = str(values.get(role) or name_before_role(key)
                       or ("" if role_of_label(given) else given))
        else:
            name = found.names.get(key) or (  # 'P:' beside 'I:', a participant named nowhere
                "" if role_of_label(key) else key.title() if key.isupper() and len(key) > 3
                else key)
            if name == values.get("interviewer") and key not in found.answering:
                role = INTERVIEWER
            named = known_role(key, {r: str(values.get(r) or "") for r in (INTERVIEWER,
                                                                             "interviewee")})
            if named:  # of 'Sarah Vale, David Lind', the one the label names
                name = next((person for person in listed_people(str(values[named]))
                             if names(key, person)), str(values[named]))
        people[key] = (name, role)
    by_role = {role: [key for key, (_, r) in people.items() if r == role]
               for role in ("interviewer", "interviewee")}
    if len(by_role["interviewer"]) <= 1 and len(by_role["interviewee"]) <= 1:
        labels = {}
        for role, label in (("interviewer", "Q"), ("interviewee", "A")):
            for key in by_role[role]:
                labels[key] = label
                listed = listed_people(str(values.get(role) or ""))
                bare_letters = people[key][0] == key and len(key) <= 2  # 'B:', named nowhere
                if people[key][0] and people[key][0] not in listed \
                        and not (bare_letters and listed):  # keep who else is listed
                    values[role] = people[key][0]
        return labels
    values.pop("interviewer", None)
    values.pop("interviewee", None)
    labels, speakers = {}, {}
    for key, (name, role) in people.items():
        label = _initials(name or key, set(labels.values()))
        labels[key] = label
        speakers[label] = {"name": name or TODO, "role": role}
    values["speakers"] = speakers
    return labels


def _initials(name: str, taken: set[str]) -> str:
    """A speaker's label: the initials of a name of several words, else the name, or its one
    word where the name cannot be a label ('Speaker_S3' is two words: 'SS')."""
    words = [word for word in re.findall(r"[^\W\d_][^\W_]*(?:['’-][^\W_]+)*",
                                         re.sub(r"\(.*?\)", "", name) or name)
             if word not in ("and", "und", "et", "y", "e")]  # 'James and Mike': JM
    base = "".join(word[0] for word in words).upper() if len(words) > 1 else \
        name if is_label(name) else words[0] if words else "S"
    label, number = base, 2
    while label in taken:
        label, number = f"{base}{number}", number + 1
    return label


def _language(values: dict, paras: list[Para], document: Document, report: Report) -> None:
    tag = str(values.get("lang") or "")
    try:
        valid = bool(tag) and langcodes.tag_is_valid(tag)
    except (ValueError, LookupError):
        valid = False
    if valid:
        values["lang"] = langcodes.standardize_tag(tag)
        return
    guess = guess_language(" ".join(p.text for p in paras))
    values["lang"] = guess or "en"
    if not guess:
        document.notes["lang"] = "the language could not be told from the text"
        report.unsure.append(Note(1, "language not recognised: 'en' assumed"))


def add_arguments(command: argparse.ArgumentParser) -> None:
    plugins = plugin_names()
    more = f", or a file a plugin reads ({', '.join(plugins)})" if plugins else ""
    command.add_argument("sources", nargs="+", type=Path, metavar="SOURCE",
                         help=f"a .txt, .md, .adoc, .html, .docx, .pdf, .xml (OHMS, TTML), "
                              f".vtt, .srt, .ttml, .tsv or .json file{more}; "
                              "several are imported in one run, with one report, and in a "
                              "run of 10 or more the people who speak in many of its files ask")
    command.add_argument("-o", "--output", type=Path, metavar="PATH",
                         help="the content file to write (a name ending in .md), or a folder "
                              "to write into (for several sources, a folder; default: "
                              "content/<title>.md)")
    command.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                         help="the content folder (default: content)")
    command.add_argument("--force", action="store_true", help="overwrite an existing file")
    command.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                         help="import in N processes (default: 1; worth it past a few "
                              "hundred files)")
    command.add_argument("--hosts", type=_host_names, default=(), metavar="NAMES",
                         help="who asks, as the speaker labels name them, separated by commas "
                              "(\"Jerod Santo, Adam Stacoviak\"): every other speaker answers; "
                              "for transcripts whose guests ask too")


def _host_names(value: str) -> tuple[str, ...]:
    hosts = tuple(name.strip() for name in value.split(",") if name.strip())
    if not hosts:
        raise argparse.ArgumentTypeError("name at least one host, as the speaker labels do")
    return hosts


def run(arguments: argparse.Namespace, out, errors) -> int:
    """The ``import`` command: write each file and print its report; 1 if any source was not
    written, 2 for a usage error."""
    sources: list[Path] = arguments.sources
    output: Path | None = arguments.output
    # a name without .md is a folder, made if need be: the build reads only .md files
    into_folder = len(sources) > 1 or (output is not None and (
        output.is_dir() or output.suffix.lower() != ".md"))
    if into_folder and output is not None and output.exists() and not output.is_dir():
        need = f"{len(sources)} sources need" if len(sources) > 1 else "a name without .md is"
        errors.print(f"import: -o {output} is a file, but {need} a folder to write into; "
                     "give a folder, or a file name ending in .md, with -o", markup=False)
        return 2
    if arguments.jobs < 1:
        errors.print("import: --jobs must be 1 or more", markup=False)
        return 2
    folder = (output if into_folder and output is not None else arguments.content)
    taken: set[Path] = set()
    written = 0
    for source, outcome in _imports(sources, arguments.jobs, arguments.hosts):
        if isinstance(outcome, ImporterError):
            errors.print(f"import: {outcome}", markup=False)
            continue
        if isinstance(outcome, ContentError):
            errors.print(str(outcome.problem), markup=False)
            if arguments.verbose and outcome.__cause__ is not None:
                errors.print("".join(traceback.format_exception(outcome.__cause__)),
                             markup=False)
            continue
        target = (output if output is not None and not into_folder
                  else _free_name(folder, outcome.name, taken))
        taken.add(target)
        written += _write(source, outcome, target, arguments, out, errors)
    if len(sources) > 1:
        out.print(f"Imported {written} of {len(sources)} file(s)", markup=False)
    return 0 if written == len(sources) else 1


Outcome = TypeVar("Outcome")
Each = Callable[[Callable[[Path], Outcome], list[Path]], Iterable[Outcome]]
"""How a run applies a function to each of its sources: ``map``, or a process pool's."""


def _imports(sources: list[Path], jobs: int,
             hosts: tuple[str, ...] = ()) -> Iterator[tuple[Path, Imported | Exception]]:
    """Each source and what importing it gave, in the order given. Unless the editor names
    the hosts, a run of :data:`REGULAR_FILES` sources or more is read twice, by the same
    worker processes: once to count in how many files each person speaks, then to import
    each file knowing the run's regulars (:func:`regulars`)."""
    if jobs == 1 or len(sources) == 1:
        yield from _run(sources, map, hosts)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from _run(sources, partial(pool.map, chunksize=8), hosts)


def _run(sources: list[Path], each: Each,
         hosts: tuple[str, ...]) -> Iterator[tuple[Path, Imported | Exception]]:
    found = {} if hosts else run_regulars(sources, each)
    yield from zip(sources, each(partial(_import_or_error, hosts=hosts, regulars=found),
                                 sources))


def run_regulars(sources: list[Path], each: Each = map) -> dict[str, int]:
    """The regulars of one import run of ``sources`` (:func:`regulars`), each source read
    with ``each``; none in a run of fewer than :data:`REGULAR_FILES`."""
    if len(sources) < REGULAR_FILES:
        return {}
    return regulars(each(_voices_of, sources))


def _voices_of(source: Path) -> tuple[str, ...]:
    """Who speaks in ``source`` (:attr:`Imported.voices`): all a worker sends back of it."""
    outcome = _import_or_error(source)
    return outcome.voices if isinstance(outcome, Imported) else ()


REGULAR_FILES = 10
REGULAR_SHARE = 0.03
"""A person who speaks in :data:`REGULAR_FILES` or more of one import run's files, and in this
share of the files that name their speakers or more, is one of its regulars: a show's hosts,
an archive's interviewers. Chosen on whole Changelog shows of 20 to 480 transcripts against
their hosts (BENCHMARKS.md, "Regulars"): frequent guests speak in 1 to 2% of a show's files, and
in a run of a few of a show's files its hosts are too rarely seen to tell them from guests."""


def regulars(voices: Iterable[tuple[str, ...]]) -> dict[str, int]:
    """The regulars of a run whose files' speakers are ``voices``, each with the number of
    files they speak in."""
    counted: Counter[str] = Counter()
    files = 0
    for heard in voices:
        counted.update(set(heard))
        files += bool(heard)
    least = max(REGULAR_FILES, REGULAR_SHARE * files)
    return {name: count for name, count in counted.items() if count >= least}


_NOT_A_PERSON = re.compile(r"\b(?:speaker|unknown|voice|voices|audience|crowd|all|everyone|both|"
                           r"break|intro|outro|jingle|music|sponsor|ad|clip|video)\b", re.I)


def _names_a_person(label: str) -> bool:
    """Whether a speaker label names someone, not a role ('Q'), a number ('Speaker 2') or a
    sound ('Jingle')."""
    return (len(label) > 1 and not role_of_label(label) and not _NOT_A_PERSON.search(label)
            and not any(char.isdigit() for char in label))


def _import_or_error(source: Path, hosts: tuple[str, ...] = (),
                     regulars: dict[str, int] | None = None) -> Imported | Exception:
    try:
        return import_file(source, hosts, regulars)
    except (ImporterError, ContentError) as error:
        return error


def _free_name(folder: Path, name: str, taken: set[Path]) -> Path:
    """``folder/name.md``, or ``name-2.md`` and on when another source of this run took it."""
    target, number = folder / f"{name}.md", 1
    while target in taken:
        number += 1
        target = folder / f"{name}-{number}.md"
    return target


def _copy_recording(imported: Imported, target: Path, force: bool, errors) -> bool:
    """Copy the recording beside ``target`` (its ``audio:`` names it there), unless it is there
    already; False, with one line, when another file of that name is there and not ``force``."""
    recording = imported.recording
    if recording is None:
        return True
    copy = target.parent / recording.name
    report = imported.report
    if copy.exists() and (copy.resolve() == recording.resolve()
                          or filecmp.cmp(copy, recording, shallow=False)):
        report.recording = f"recording: audio: {recording.name} (already beside the file)"
        return True
    if copy.exists() and not force:
        errors.print(str(Problem(copy, 1, f"already exists and is not the recording "
                                          f"{display_path(recording)} the source names; "
                                          "nothing was written",
                                 "move that file away, or add --force to replace it")),
                     markup=False)
        return False
    with atomic_path(copy) as temporary:
        shutil.copyfile(recording, temporary)
    report.recording = (f"recording: {display_path(recording)} copied to "
                        f"{display_path(copy)} (audio: {recording.name})")
    return True


def _write(source: Path, imported: Imported, target: Path, arguments: argparse.Namespace,
           out, errors) -> int:
    """Write one imported file and print its report; 1 if written, else 0."""
    try:
        if target.exists() and not arguments.force:
            errors.print(str(Problem(target, 1, "already exists and was not overwritten",
                                     "choose another name with -o, or add --force")),
                         markup=False)
            return 0
        target.parent.mkdir(parents=True, exist_ok=True)
        if not _copy_recording(imported, target, arguments.force, errors):
            return 0
        write_atomic(target, imported.document.markdown().encode("utf-8"))
    except OSError as error:
        errors.print(str(Problem(target, 1, f"could not be written ({error.strerror or error})",
                                 "check that its folder can be written, or choose another "
                                 "file with -o")), markup=False)
        if arguments.verbose:
            errors.print(traceback.format_exc(), markup=False)
        return 0
    report = imported.report
    out.print(f"Imported {display_path(source)} ({report.kind}) into {display_path(target)}",
              markup=False)
    for line in report.lines():
        out.print("  " + line, markup=False)
    return 1
