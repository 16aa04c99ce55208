"""What every edition is given and gives back: the build's settings, the files written, and
the :class:`Edition` base class that built-in and third-party editions derive from.

An edition is made once per worker process with the build's :class:`Settings`, then
given one document after another: an :class:`~exporters.model.Interview` or a series
:class:`~exporters.series.Volume`. Editions register by name in
:mod:`exporters.formats` (built in) or through the ``interview_press.editions`` entry
point group (third party).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from .output import output_path

if TYPE_CHECKING:  # names for the annotations only: listing the editions stays light
    from .errors import Problem
    from .metadata import Metadata
    from .model import Interview
    from .render import Templates
    from .series import SeriesMeta



class Document(Protocol):
    """What an edition exports: an :class:`~exporters.model.Interview`, or a series
    :class:`~exporters.series.Volume`, a book of several. Editions make both the same way,
    from these; ``meta`` is the interview's or the series' metadata."""

    is_volume: ClassVar[bool]
    foreword_html: str

    @property
    def path(self) -> Path:
        """The interview's file, or the series' ``series.yml``."""

    @property
    def meta(self) -> Metadata | SeriesMeta: ...

    @property
    def authors(self) -> tuple[str, ...]:
        """Whom it is by: an interview's interviewees and interviewers, a volume's editors."""

    @property
    def description(self) -> str:
        """A sentence about it: the summary or description, else the subtitle or title."""

    @property
    def interviews(self) -> tuple[Interview, ...]:
        """The interviews in reading order; an interview alone is a book of one."""

    @property
    def images(self) -> dict[str, Path]:
        """Every image of its interviews, by the key the markup refers to it with."""

    @property
    def sources(self) -> list[Path]:
        """The files it is made from, whose last change dates its editions."""


@dataclass(frozen=True)
class Settings:
    templates: Templates
    out_dir: Path
    content_root: Path
    source_date_epoch: int | None = None
    generator: str = ""
    shared: dict = field(default_factory=dict, compare=False, repr=False)
    """What the exporters of one worker share, e.g. one PDF layout per interview."""

    def timestamp(self, document: Document) -> dt.datetime:
        """The date stamped inside its editions: SOURCE_DATE_EPOCH, else the last git commit
        of the document's files, else their newest modification time."""
        from .sourcedate import source_time

        return source_time(document.sources, self.source_date_epoch)

    def target(self, slug: str, name: str) -> Path:
        """The output file ``name`` of the document ``slug``: ``<out>/<slug>/<name>``, refused
        (:class:`~exporters.output.UnsafeOutput`) unless it lies inside the output folder and
        outside the content and template folders, symbolic links followed."""
        return output_path(self.out_dir, (self.content_root, *self.templates.folders), slug, name)


@dataclass(frozen=True)
class Written:
    """One output file and what a reader would want to know about it."""

    path: Path
    pages: int | None = None

    @property
    def size(self) -> int:
        return self.path.stat().st_size


class Skipped(Exception):
    """An edition that is rightly not made for this document (a notice, not a failure)."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class Edition:
    """The base of every edition. A subclass sets :attr:`name` (what ``--format`` takes) and
    :attr:`order` (its place in a build), and implements :meth:`export`."""

    name: ClassVar[str] = ""
    order: ClassVar[int] = 100
    template_folders: ClassVar[tuple[str, ...]] = ()
    """The template folders it is made from, besides ``common/`` and ``fonts/`` (default: a
    folder named as the edition); a change in them rebuilds the edition."""
    imports: ClassVar[tuple[str, ...]] = ()
    """Modules its export needs that are dear to import: a parallel build imports them once,
    before it starts its worker processes, which then share them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @classmethod
    def folders(cls) -> tuple[str, ...]:
        return cls.template_folders or (cls.name,)

    def export(self, document: Document) -> list[Written]:
        """Write this edition of ``document`` and say what was written. Raise
        :class:`~exporters.errors.ContentError` for a problem with the content, and
        :class:`Skipped` when the edition is rightly not made (a volume too long to staple).
        An edition that has nothing to make of a document returns ``[]``."""
        raise NotImplementedError
