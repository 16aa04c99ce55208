"""An oral history in OHMS XML (the Oral History Metadata Synchronizer's export): the record's
title, date, people and recording, and its transcript, WebVTT inside ``<vtt_transcript>`` or
plain text inside ``<transcript>``, read as those formats are.

The XML parser reads no DTD, expands no entity and fetches nothing.
"""

from __future__ import annotations

from pathlib import Path

import lxml.etree

from ..errors import ContentError, Problem
from .infer import find_date
from .recording import named_recording
from .said import Extract, Note
from .text import read_text, refuse_binary
from .transcript import read_vtt

_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                               huge_tree=False, remove_comments=True)
OHMS_MARKS = (b"nunncenter/ohms", b"<vtt_transcript", b"<cms_record_id")
"""Words in the first bytes of a file that say it is an OHMS export."""


def read_xml(path: Path, data: bytes, kind: str, hint: str) -> lxml.etree._Element:
    """The root of an XML file read with no DTD, entity or fetch; a file that is not well
    formed is one line naming ``kind`` and what to do (``hint``)."""
    refuse_binary(path, data)
    try:
        return lxml.etree.fromstring(data, _PARSER)
    except lxml.etree.XMLSyntaxError as error:
        raise ContentError(Problem(path, error.lineno or 1, f"this {kind} cannot be read "
                                                           f"({error.msg})", hint)) from None


def read_ohms(path: Path, data: bytes) -> Extract:
    root = read_xml(path, data, "OHMS XML", "export it again from OHMS")
    record = next(root.iter("{*}record"), root)

    def value(name: str) -> str:
        found = next(record.iter(f"{{*}}{name}"), None)
        return " ".join((found.text or "").split()) if found is not None else ""

    vtt = next(record.iter("{*}vtt_transcript"), None)
    text = next(record.iter("{*}transcript"), None)
    if vtt is not None and (vtt.text or "").strip():
        extract, element = read_vtt(path, vtt.text.strip().encode("utf-8")), vtt
    elif text is not None and (text.text or "").strip():
        extract, element = read_text(path, text.text.encode("utf-8"), False), text
    else:
        raise ContentError(Problem(path, 1, "this OHMS XML has no transcript",
                                   "export it again with its transcript"))
    offset = (element.sourceline or 1) - 1  # the transcript's lines are lines of this file
    for para in extract.paras:
        para.line += offset
    for note in extract.dropped + extract.unsure:
        note.line += offset
    date = next(record.iter("{*}date"), None)
    stated = find_date(date.get("value", "") or (date.text or "")) if date is not None else None
    hints = {"title": value("title"), "date": stated, "interviewer": value("interviewer"),
             "interviewee": value("interviewee"), "lang": value("language"),
             "audio": named_recording(value("file_name")) or named_recording(value("media_url"))}
    extract.hints = {**{key: found for key, found in hints.items() if found}, **extract.hints}
    extract.dropped.append(Note(1, "the OHMS record's other fields (accession, repository, "
                                   "index) were left out"))
    return extract
