"""No more than two hyphenated lines in a row: the rule books keep and WeasyPrint lacks.

CSS has ``hyphenate-limit-lines`` for it, which WeasyPrint does not implement. So the laid
out pages are read: where a paragraph's third line in a row ends in a hyphen that the
hyphenation put there, the word broken on it is kept whole (``hyphens: manual`` on that
word alone), and the document is laid out again. Most documents have no such ladder and
are laid out once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

CONSECUTIVE_HYPHENS = 2
"""The most lines in a row of one paragraph that may end in a hyphenated word."""
PASSES = 3
"""Layouts after the first at most: keeping a word whole can move a ladder further down."""
KEEP_WHOLE = "hyphens: manual"


@dataclass(frozen=True)
class Ladder:
    """A word broken at the end of a line that is one hyphenated line too many."""

    element: Any
    """The element (of the document's element tree) whose own text holds the word."""
    word: str


def ladders(document: Any, limit: int = CONSECUTIVE_HYPHENS) -> list[Ladder]:
    """The words a laid-out WeasyPrint document breaks once too often in a row."""
    from weasyprint.formatting_structure.boxes import TextBox

    found = []
    for lines in _paragraph_lines(document):
        run = 0
        for index, line in enumerate(lines):
            texts = [box for box in line.descendants() if isinstance(box, TextBox)]
            last = texts[-1] if texts else None
            mark = last.style["hyphenate_character"] if last is not None else ""
            if last is None or not mark or not last.text.endswith(mark):
                run = 0
                continue
            run += 1
            if run > limit and index + 1 < len(lines):
                head = last.text[: -len(mark)].split()[-1:]
                following = [box for box in lines[index + 1].descendants()
                             if isinstance(box, TextBox)]
                tail = following[0].text.split()[:1] if following else []
                if head and tail:
                    found.append(Ladder(last.element, _word(head[0] + tail[0])))
                    run = 0
    return found


def _paragraph_lines(document: Any) -> Iterator[list[Any]]:
    from weasyprint.formatting_structure.boxes import BlockContainerBox, LineBox

    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, BlockContainerBox):
                lines = [child for child in box.children if isinstance(child, LineBox)]
                if len(lines) > CONSECUTIVE_HYPHENS:
                    yield lines


def _word(text: str) -> str:
    """The word itself, without the punctuation around it."""
    return re.sub(r"^\W+|\W+$", "", text)


def keep_whole(ladder: Ladder) -> bool:
    """Wrap each occurrence of the ladder's word in its element's own text in a span that is
    not hyphenated; False when the word is not found there."""
    if not ladder.word:
        return False
    pattern = re.compile(rf"(?<!\w){re.escape(ladder.word)}(?!\w)")
    element = ladder.element
    changed = False
    if element.text and pattern.search(element.text):
        pieces = _split(element.text, pattern)
        element.text = pieces[0]
        for position, span in enumerate(pieces[1]):
            element.insert(position, span)
        changed = True
    for child in list(element):
        if not child.tail or not pattern.search(child.tail):
            continue
        pieces = _split(child.tail, pattern)
        child.tail = pieces[0]
        at = list(element).index(child) + 1
        for offset, span in enumerate(pieces[1]):
            element.insert(at + offset, span)
        changed = True
    return changed


def _split(text: str, pattern: re.Pattern[str]) -> tuple[str, list[Any]]:
    """``text`` as the text before the first match and the spans (with their tails) after."""
    matches = list(pattern.finditer(text))
    spans = []
    for index, match in enumerate(matches):
        span = ElementTree.Element("span", {"style": KEEP_WHOLE})
        span.text = match.group()
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        span.tail = text[match.end():end]
        spans.append(span)
    return text[: matches[0].start()], spans


def without_ladders(html_document: Any, **options: Any) -> Any:
    """``html_document`` (a WeasyPrint ``HTML``) laid out with ``options``, again with the
    ladders' words kept whole while it has any (at most :data:`PASSES` more times)."""
    import cssselect2

    laid = html_document.render(**options)
    for _ in range(PASSES):
        changed = [keep_whole(ladder) for ladder in ladders(laid)]
        if not any(changed):
            break
        laid = None  # let go of the old layout before making the new one: a volume's is large
        html_document.wrapper_element = cssselect2.ElementWrapper.from_html_root(
            html_document.etree_element)
        laid = html_document.render(**options)
    return laid
