"""``make.py import``: an interview from elsewhere into a content file of ours.

One reader per input format (text.py for plain text, Markdown and ``Name:``
transcripts; html.py; docx.py; transcript.py for WebVTT) turns the source into
paragraphs; leftovers.py drops what the website left around them; infer.py
reads the front matter off the top; structure.py finds the questions and
answers; write.py writes the file. The report says what was guessed.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import langcodes

from ..errors import ContentError, Problem, display_path
from ..metadata import slugify
from ..output import write_atomic
from .infer import _clean, _take_front_line, front_values, guess_language, name_in
from .leftovers import ends_article, leftover, link_list
from .structure import (INTERVIEWER, Extract, Note, Para, Section, Spoken, Structure,
                        role_of_label, structure)
from .write import TODO, Document, Heading, Turn, protect_label


def _text_reader(markdown: bool) -> Callable[[Path], Extract]:
    from .text import read_text

    return lambda path: read_text(path, markdown)


def _reader(path: Path) -> tuple[str, Callable[[Path], Extract]]:
    suffix = path.suffix.lower()
    head = path.read_bytes()[:512]
    if suffix == ".docx" or head.startswith(b"PK\x03\x04"):
        from .docx import read_docx
        return "DOCX", read_docx
    if suffix == ".vtt" or head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        from .transcript import read_vtt
        return "WebVTT", read_vtt
    if suffix in (".html", ".htm", ".xhtml") or re.match(rb"\s*<(!doctype html|html)", head, re.I):
        from .html import read_html
        return "HTML", read_html
    if suffix in (".md", ".markdown"):
        return "Markdown", _text_reader(True)
    return "text", _text_reader(False)


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

    def lines(self) -> list[str]:
        where = display_path(self.source)
        lines = [f"{self.questions + self.answers} turns: {self.questions} questions, "
                 f"{self.answers} answers (found by {self.method})"]
        if self.dropped:
            lines.append(f"dropped {len(self.dropped)}:")
            lines += [f"  {where}:{note.line}: {note.text}" for note in self.dropped]
        if self.unsure:
            lines.append(f"unsure about {len(self.unsure)}:")
            lines += [f"  {where}:{note.line}: {note.text}" for note in self.unsure]
        if not self.questions + self.answers:
            lines.append("no turns found: start each question with 'Q:' and each answer "
                         "with 'A:' in the file")
        if self.todo:
            lines.append(f"TODO in the file: {', '.join(self.todo)}")
        return lines


@dataclass
class Imported:
    document: Document
    report: Report

    @property
    def name(self) -> str:
        return slugify(str(self.document.values.get("title", ""))) or slugify(self.report.source.stem)


def import_file(path: Path) -> Imported:
    """Read ``path`` (any supported format) into a document and a report."""
    kind, reader = _reader(path)
    extract = reader(path)
    if not any(para.text.strip() for para in extract.paras):
        raise ContentError(Problem(path, 1, f"no text found in this {kind} file",
                                   "check that it is the interview and not an empty page"))
    report = Report(path, kind, dropped=list(extract.dropped), unsure=list(extract.unsure))
    paras = _drop_leftovers(extract.paras, report.dropped)
    paras, values = front_values(paras, extract.hints, report.dropped)
    found = structure(paras)
    report.method = found.method
    report.unsure += found.unsure
    document = Document(values)
    document.introduction = [protect_label(p.text) for p in found.introduction]
    if found.method != "speaker labels" and not values.get("interviewee"):
        guess = name_in([p.text for p in found.introduction], str(values.get("interviewer", "")))
        if guess:
            values["interviewee"] = guess
            document.notes["interviewee"] = "check: the first name in the introduction"
            report.unsure.append(Note(found.introduction[0].line,
                                      f"'{guess}' was taken as the interviewee"))
    labels = _speakers(found, values, report)
    for item in found.conversation:
        if isinstance(item, Section):
            document.conversation.append(Heading(_clean(item.title)))
            continue
        texts = [p.text for p in item.paras if p.text.strip()]
        document.conversation.append(Turn(labels[item.speaker], texts))
        if found.roles.get(item.speaker) == INTERVIEWER:
            report.questions += 1
        else:
            report.answers += 1
    _language(values, paras, document, report)
    report.unsure.sort(key=lambda note: note.line)
    report.dropped.sort(key=lambda note: note.line)
    report.todo = [key for key in ("title", "date", "interviewer", "interviewee")
                   if not values.get(key) and not (values.get("speakers") and
                                                   key in ("interviewer", "interviewee"))]
    if any(person.get("name") == TODO for person in (values.get("speakers") or {}).values()):
        report.todo.append("speakers")
    document.comments += [f"{note.text} (source line {note.line})" for note in report.unsure
                          if note.text.startswith("image")]
    return Imported(document, report)


def _drop_leftovers(paras: list[Para], dropped: list[Note]) -> list[Para]:
    kept: list[Para] = []
    for index, para in enumerate(paras):
        text = _clean(para.text)
        tail = ends_article(text)
        if tail and index >= len(paras) / 2:
            dropped.append(Note(para.line, f"{tail} ({len(paras) - index} paragraph(s))"))
            break
        if index < 12 and para.words <= 25 and _take_front_line(text, {}):
            kept.append(para)  # a byline or date line: infer.py reads it
            continue
        reason = leftover(text) or link_list(para.text) or ("navigation" if tail else None)
        if reason:
            dropped.append(Note(para.line, f"{reason}: '{' '.join(text.split())[:50]}'"))
        else:
            kept.append(para)
    return kept


def _speakers(found: Structure, values: dict, report: Report) -> dict[str, str]:
    """Front matter for who speaks; returns the label to write for each speaker key."""
    keys = list(dict.fromkeys(item.speaker for item in found.conversation
                              if isinstance(item, Spoken)))
    people: dict[str, tuple[str, str]] = {}
    for key in keys:
        role = found.roles.get(key, "interviewee")
        generic = role_of_label(key)
        if generic or key in ("Q", "A"):
            name = str(values.get(role) or "")
        else:
            name = key.title() if key.isupper() and len(key) > 3 else key
            if name == values.get("interviewer"):
                role = INTERVIEWER
        people[key] = (name, role)
    by_role = {role: [key for key, (_, r) in people.items() if r == role]
               for role in ("interviewer", "interviewee")}
    if len(by_role["interviewer"]) <= 1 and len(by_role["interviewee"]) <= 1:
        labels = {}
        for role, label in (("interviewer", "Q"), ("interviewee", "A")):
            for key in by_role[role]:
                labels[key] = label
                if people[key][0]:
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
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    base = "".join(word[0] for word in words).upper() if len(words) > 1 else name
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
    command.add_argument("source", type=Path, metavar="SOURCE",
                         help="a .txt, .md, .html, .docx or .vtt file")
    command.add_argument("-o", "--output", type=Path, metavar="FILE",
                         help="the content file to write (default: content/<title>.md)")
    command.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                         help="the content folder (default: content)")
    command.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(arguments: argparse.Namespace, out, errors) -> int:
    """The ``import`` command: write the file, print the report; 1 if nothing was written."""
    source: Path = arguments.source
    try:
        if not source.is_file():
            raise ContentError(Problem(source, 1, "no such file", "check the path"))
        imported = import_file(source)
    except ContentError as error:
        errors.print(str(error.problem), markup=False)
        return 1
    except Exception as error:  # noqa: BLE001 - a file we cannot read is one line, not a traceback
        errors.print(str(Problem(source, 1, f"cannot be read as {_reader(source)[0]} "
                                 f"({type(error).__name__}: {error})",
                                 "save it again as .txt, .html, .docx or .vtt")), markup=False)
        return 1
    target = arguments.output or arguments.content / f"{imported.name}.md"
    if target.exists() and not arguments.force:
        errors.print(str(Problem(target, 1, "already exists and was not overwritten",
                                 "choose another name with -o, or add --force")), markup=False)
        return 1
    write_atomic(target, imported.document.markdown().encode("utf-8"))
    report = imported.report
    out.print(f"Imported {display_path(source)} ({report.kind}) into {display_path(target)}",
              markup=False)
    for line in report.lines():
        out.print("  " + line, markup=False)
    return 0
