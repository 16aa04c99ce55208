"""The interview model: everything the templates need, validated, in one object."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from .body import Body, parse_body
from .errors import ContentError, Problem
from .load import read_source
from .metadata import Metadata, read_metadata


@dataclass(frozen=True)
class Original:
    """The interview a translation was made from, as its editions name it."""

    slug: str
    title: str
    lang: str
    path: Path


@dataclass(frozen=True)
class Interview:
    path: Path
    meta: Metadata
    body: Body
    original: Original | None = None
    """Set by the build for a translation (``translation_of``) once every file is read."""

    is_volume: ClassVar[bool] = False
    foreword_html: ClassVar[str] = ""

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.body.warnings

    @property
    def authors(self) -> tuple[str, ...]:
        """Whom the document is by, as a page's or a PDF's metadata credits them."""
        return (*self.meta.interviewees, *self.meta.interviewers)

    @property
    def description(self) -> str:
        return self.meta.summary or self.meta.subtitle or self.meta.title

    @property
    def interviews(self) -> tuple[Interview, ...]:
        """As a document, an interview is a book of one interview."""
        return (self,)

    @property
    def images(self) -> dict[str, Path]:
        return self.body.images

    @property
    def sources(self) -> list[Path]:
        """The files it is made from, whose last change dates its editions."""
        return [self.path, *self.body.images.values(),
                *(path for path in (self.meta.cover, self.meta.audio) if path)]


def read_interview(path: Path, content_root: Path) -> Interview:
    """Load, validate and parse one interview file; raises ContentError on bad input.

    Every id in the body starts with the slug, so that interviews can share one
    page in a collected volume without clashes.
    """
    source = read_source(path, content_root)
    meta = read_metadata(source)
    body = parse_body(source, meta, f"{meta.slug}-")
    if body.errors:
        raise ContentError(*body.errors)
    return Interview(path=path, meta=meta, body=body)


def root_for(path: Path, content_root: Path) -> Path:
    """The folder a file's images must stay inside: the content root, or the file's own folder."""
    return content_root if path.resolve().is_relative_to(content_root.resolve()) else path.parent
