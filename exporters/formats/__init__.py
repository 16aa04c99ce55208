"""The editions. Each module here is one output format.

A format module defines ``NAME`` (the name ``--format`` takes), ``ORDER`` (its
place in the build) and an ``Exporter`` class: built once per worker with the
build's :class:`Settings`, then called once per interview. Adding a format is
adding a module here and a template folder of the same name.
"""

from __future__ import annotations

import datetime as dt
import importlib
from functools import lru_cache
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Protocol

from ..model import Interview
from ..output import output_path
from ..render import Templates


@dataclass(frozen=True)
class Settings:
    templates: Templates
    out_dir: Path
    content_root: Path
    source_date_epoch: int | None = None
    generator: str = ""
    shared: dict = field(default_factory=dict, compare=False, repr=False)
    """What the exporters of one worker share, e.g. one PDF layout per interview."""

    def timestamp(self, interview: Interview) -> dt.datetime:
        """The build's date: SOURCE_DATE_EPOCH, else the interview's last git commit, else the
        newest modification time of its files."""
        from ..sourcedate import source_time

        return source_time([interview.path, *interview.body.images.values()],
                           self.source_date_epoch)

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

    def __init__(self, problem):
        super().__init__(str(problem))
        self.problem = problem


class Exporter(Protocol):
    def __init__(self, settings: Settings) -> None: ...

    def export(self, interview: Interview) -> list[Written]: ...


@lru_cache(maxsize=1)
def available() -> dict[str, ModuleType]:
    """Every format module, by name, in build order."""
    modules = [importlib.import_module(f"{__name__}.{info.name}")
               for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")]
    return {module.NAME: module for module in sorted(modules, key=lambda m: m.ORDER)}
