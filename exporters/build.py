"""A batch: find the interviews, read them, and run every chosen edition on each.

One interview's failure never stops the others; each result carries its
problems as editor-facing lines.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import jinja2

from .errors import ContentError, Problem, display_path
from .formats import Settings, Written
from .model import Interview, read_interview
from .output import remove_leftovers


@dataclass
class Result:
    """What happened to one interview file."""

    source: Path
    written: list[Written] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


def discover(paths: Iterable[Path], content_root: Path) -> list[Path]:
    """Every interview file named by ``paths`` (files or folders), or all under the content root."""
    found: list[Path] = []
    for path in list(paths) or [content_root]:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.md") if not p.name.startswith("."))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def root_for(path: Path, content_root: Path) -> Path:
    """The folder a file's images must stay inside: the content root, or the file's own folder."""
    return content_root if path.resolve().is_relative_to(content_root.resolve()) else path.parent


def read_all(files: list[Path], content_root: Path) -> tuple[list[Interview], list[Result]]:
    """Read and validate every file; the results list every file with its problems."""
    interviews: list[Interview] = []
    results: list[Result] = []
    slugs: dict[str, Path] = {}
    for path in files:
        result = Result(path)
        results.append(result)
        if not path.is_file():
            result.problems.append(Problem(path, 1, "no such file", "check the path"))
            continue
        try:
            interview = read_interview(path, root_for(path, content_root))
        except ContentError as error:
            result.problems.append(error.problem)
            continue
        result.problems += sorted(interview.warnings, key=lambda p: p.line)
        slug = interview.meta.slug
        if slug in slugs:
            result.problems.append(Problem(
                path, 1, f"the slug '{slug}' is already used by {display_path(slugs[slug])}",
                "give one of them another file name or a 'slug:' field"))
            continue
        slugs[slug] = path
        interviews.append(interview)
    return interviews, results


def build(files: list[Path], formats: dict[str, ModuleType], settings: Settings,
          on_result: Callable[[Result], None] = lambda result: None) -> list[Result]:
    """Build every edition in ``formats`` of every file; returns one result per file."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    remove_leftovers(settings.out_dir)
    interviews, results = read_all(files, settings.content_root)
    by_path = {result.source: result for result in results}
    exporters = {name: module.Exporter(settings) for name, module in formats.items()}
    for interview in interviews:
        result = by_path[interview.path]
        for name, exporter in exporters.items():
            try:
                result.written += exporter.export(interview)
            except ContentError as error:
                result.problems.append(error.problem)
            except jinja2.TemplateError as error:
                result.problems.append(template_problem(error))
            except Exception as error:  # noqa: BLE001 - one edition's bug must not stop the batch
                logging.getLogger(__name__).debug("edition %s failed", name, exc_info=True)
                result.problems.append(Problem(
                    interview.path, 1,
                    f"the {name} edition failed ({type(error).__name__}: {error})",
                    "run again with --verbose to see where, and report it if the content looks right"))
    for result in results:
        on_result(result)
    return results


def template_problem(error: jinja2.TemplateError) -> Problem:
    filename = getattr(error, "filename", None) or getattr(error, "name", None) or "template"
    line = getattr(error, "lineno", None) or 1
    return Problem(Path(filename), line, f"template error: {error.message or error}",
                   "fix the template, or remove it from --templates to use the built-in one")
