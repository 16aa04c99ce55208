"""A word-processor file (DOCX): paragraphs, their bold and italic runs, headings and lists.

Questions are found as in every format: labels (``Q:``), or paragraphs set
wholly in bold or italics. The document's properties give title and language.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.text.paragraph import Paragraph

from .structure import Extract, Note, Para
from .write import escape


def read_docx(path: Path) -> Extract:
    document = docx.Document(str(path))
    properties = document.core_properties
    extract = Extract([], hints={"title": (properties.title or "").strip(),
                                 "lang": (properties.language or "").strip()})
    for number, paragraph in enumerate(document.paragraphs, start=1):
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style == "Title":
            extract.hints["title"] = extract.hints["title"] or paragraph.text.strip()
            extract.dropped.append(Note(number, "the Title paragraph became 'title'"))
            continue
        if style == "Subtitle":
            extract.hints["subtitle"] = paragraph.text.strip()
            continue
        if paragraph._p.xpath(".//w:drawing|.//w:pict"):
            extract.unsure.append(Note(number, "an image was not imported: save it under "
                                       "content/images/ and add ![alt text](images/NAME)"))
        para = _paragraph(paragraph, number, style)
        if para:
            extract.paras.append(para)
    if document.tables:
        extract.unsure.append(Note(0, f"{len(document.tables)} table(s) were not imported"))
    return extract


def _paragraph(paragraph: Paragraph, number: int, style: str) -> Para | None:
    runs: list[tuple[str, str]] = []
    for run in paragraph.runs:
        if not run.text:
            continue
        bold = _on(run.bold, run.style, paragraph, "bold")
        italic = _on(run.italic, run.style, paragraph, "italic")
        runs.append((run.text, "strong" if bold else ("em" if italic else "")))
    text = "".join(t for t, _ in runs)
    if not text.strip():
        return None
    heading = int(style.split()[-1]) if style.startswith("Heading") and style[-1].isdigit() else 0
    if heading:
        return Para(escape(" ".join(text.split())), number, heading=heading)
    styles = {s for t, s in runs if t.strip()}
    emphasis = next(iter(styles)) if len(styles) == 1 and "" not in styles else ""
    markdown = "".join(_mark(t, s) for t, s in _merge(runs)).strip()
    prefix = "- " if style.startswith("List") else ""
    plain = escape(" ".join(text.split())) if emphasis else ""
    return Para(prefix + " ".join(markdown.split(" ")), number, emphasis, plain,
                block=bool(prefix))


def _on(value: bool | None, run_style, paragraph: Paragraph, attribute: str) -> bool:
    """A run's bold/italic, inherited from its character style or paragraph style."""
    if value is not None:
        return value
    for style in (run_style, paragraph.style):
        while style is not None:
            found = getattr(style.font, attribute)
            if found is not None:
                return found
            style = style.base_style
    return False


def _merge(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for text, style in runs:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return merged


def _mark(text: str, style: str) -> str:
    escaped = escape(text)
    if not style or not text.strip():
        return escaped
    mark = "**" if style == "strong" else "*"
    lead = escaped[: len(escaped) - len(escaped.lstrip())]
    trail = escaped[len(escaped.rstrip()):]
    return f"{lead}{mark}{escaped.strip()}{mark}{trail}"
