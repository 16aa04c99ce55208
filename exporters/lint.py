"""``make.py check``: the build's own checks plus an editor's checklist, each with a rule id.

Every problem is one line, ``file:LINE: [rule] text``. Errors stop a build;
warnings do not, unless ``--strict``. The rules are listed in :data:`exporters.errors.RULES`.
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from .cache import PACKAGE, CheckCache, digest, file_digest
from .crossfile import (Listed, SeriesName, duplicate_slugs, series_names,
                        shared_series_numbers, unknown_originals)
from .errors import ContentError, Problem, unexpected_problem
from .glyphs import FontCoverage, missing_glyph_problems
from .load import (Source, discover, find_series, folder_slug, parse_yaml, read_source,
                   read_text)

if TYPE_CHECKING:
    from .body import Block, Body
    from .metadata import Metadata

# The Markdown parser and the front-matter schema (body.py, metadata.py, with markdown-it,
# nh3 and langcodes) are imported by lint_file and _series when a file must be read: a
# check whose files are all unchanged since they passed (the cache) never loads them.

TEMPLATES = PACKAGE / "templates"
"""The built-in templates, whose fonts ``missing-glyph`` checks against."""

_TAGS = re.compile(r"<[^>]+>")
_CODE = re.compile(r"<(code|pre)\b.*?</\1>", re.S)
_HREF = re.compile(r'\bhref="([^"]*)"')
_IDS = re.compile(r'\bid="([^"]*)"')
_NOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
_CODE_SPAN = re.compile(r"`[^`]*`")
_DOUBLE_SPACE = re.compile(r"\S {2,}\S")
_TODO = re.compile(r"\bTODO\b")


@dataclass
class Checked:
    """One file and what was found in it."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    listed: Listed | None = None
    """What the checks across files need of it (slug, series, language...)."""
    depends: list[Path] = field(default_factory=list)
    """The other files its result depends on: images, recording, cover, linked files."""

    @property
    def failed(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


def lint(paths: list[Path], content_root: Path, strict: bool = False,
         cache: CheckCache | None = None, jobs: int = 1) -> list[Checked]:
    """Check every file, ``jobs`` at once; cross-file rules (slugs, series numbers) run over the
    batch. With a ``cache``, a file (or series) unchanged since it last passed is not read
    again."""
    found = discover(paths, content_root)
    known = [_cached(path, cache) for path in found]
    checked = iter(_check_files([p for p, k in zip(found, known) if k is None], content_root,
                                jobs))
    results = [result or _remembered(next(checked), cache) for result in known]
    _cross_file(results, content_root)
    if not paths:
        results += _series(content_root, [r.listed for r in results if r.listed], cache)
    if cache is not None:
        cache.save()
    for result in results:
        if strict:
            result.problems = [dataclasses.replace(p, severity="error") for p in result.problems]
        result.problems.sort(key=lambda problem: problem.line)
    return results


FILES_WORTH_A_POOL = 16
"""Fewer files than this are checked in this process: starting workers would cost more."""


def _check_files(paths: list[Path], content_root: Path, jobs: int) -> list[Checked]:
    """:func:`lint_file` on each of ``paths``, in order, in ``jobs`` processes."""
    if not paths:
        return []
    coverage = FontCoverage([TEMPLATES])  # the fonts' character maps, read once
    if jobs < 2 or len(paths) < FILES_WORTH_A_POOL:
        return [_lint_within_bounds(path, content_root, coverage) for path in paths]
    from concurrent.futures.process import BrokenProcessPool

    import langcodes  # noqa: F401 (imported once here, the workers inherit it where they fork)

    from . import body, metadata, model  # noqa: F401
    from .workers import worker_pool

    workers = min(jobs, len(paths) // (FILES_WORTH_A_POOL // 2))
    try:
        with worker_pool(workers, _start_checker, coverage) as pool:
            return list(pool.map(_check_in_worker, paths, [content_root] * len(paths),
                                 chunksize=max(1, len(paths) // (4 * workers))))
    except BrokenProcessPool:  # a worker was killed (out of memory, a signal): check here
        return [_lint_within_bounds(path, content_root, coverage) for path in paths]


_coverage: FontCoverage | None = None  # one per worker process, given by _start_checker


def _start_checker(coverage: FontCoverage) -> None:
    global _coverage
    _coverage = coverage


def _check_in_worker(path: Path, content_root: Path) -> Checked:
    assert _coverage is not None
    return _lint_within_bounds(path, content_root, _coverage)


def _cached(path: Path, cache: CheckCache | None) -> Checked | None:
    """The result of ``path`` from ``cache``, if it is unchanged since it last passed."""
    if cache is None or not path.is_file():
        return None
    try:
        entry = cache.known(str(path), file_digest(path))
    except OSError:
        return None
    if entry is None:
        return None
    listed = entry["listed"]
    return Checked(path, CheckCache.problems(entry),
                   listed=Listed(path, listed["slug"], listed["translation_of"], listed["series"],
                                 listed["lang"], listed["series_number"]))


def _series(content_root: Path, listed: list[Listed], cache: CheckCache | None) -> list[Checked]:
    """Every series.yml, and whether its volumes can be made of the files listed."""
    results = []
    for path in find_series(content_root):
        result = Checked(path)
        try:
            # what a series is made of: its file, and where each interview is and what it says
            inputs = digest(file_digest(path), *(f"{f.path.resolve()}\0{f.slug}\0{f.series}"
                                                 for f in listed))
            if cache is not None and cache.known(f"series:{path}", inputs) is not None:
                results.append(result)  # it passed, and nothing it is made of changed
                continue
            from .series import members, read_series

            meta = read_series(path, content_root)
            members(meta, listed)
            if cache is not None:
                cache.remember(f"series:{path}", inputs,
                               [p for p in (meta.foreword, meta.cover) if p], [], {})
        except ContentError as error:
            result.problems += [dataclasses.replace(p, rule="series") for p in error.problems]
        except Exception as error:  # the boundary around one series
            problem = unexpected_problem(path, error, "checking the series")
            result.problems.append(dataclasses.replace(problem, rule="series"))
        results.append(result)
    return results


def _lint_within_bounds(path: Path, content_root: Path, coverage: FontCoverage) -> Checked:
    """:func:`lint_file`, with any failure it did not foresee turned into one line."""
    try:
        return lint_file(path, content_root, coverage)
    except Exception as error:  # the boundary around one file: the others are still checked
        problem = unexpected_problem(path, error, "checking the file")
        return Checked(path, [dataclasses.replace(problem, rule="file")])


def _remembered(result: Checked, cache: CheckCache | None) -> Checked:
    """``result``, kept in ``cache`` if it has no errors."""
    if cache is not None and result.listed is not None and not result.failed:
        try:
            cache.remember(str(result.path), file_digest(result.path), result.depends,
                           result.problems, dataclasses.asdict(result.listed) | {"path": None})
        except OSError:
            pass
    return result


def lint_file(path: Path, content_root: Path, coverage: FontCoverage | None = None) -> Checked:
    from .body import parse_body
    from .metadata import read_metadata
    from .model import root_for

    result = Checked(path)
    if not path.exists():
        result.problems.append(Problem(path, 1, "no such file", "check the path", rule="file"))
        return result
    stage = "front-matter"
    try:
        source = read_source(path, root_for(path, content_root))
        text = read_text(path)
        result.problems += _todo(path, text)
        if coverage is not None:
            result.problems += missing_glyph_problems(path, text, coverage)
        stage = "schema"
        meta = read_metadata(source)
        stage = "body"
        body = parse_body(source, meta)
    except ContentError as error:
        for problem in error.problems:
            rule = problem.rule or ("image-file" if stage == "body" and "image" in problem.message
                                    else stage)
            result.problems.append(dataclasses.replace(problem, rule=rule))
        return result
    result.listed = Listed(path, meta.slug, meta.translation_of, meta.series, meta.lang,
                           meta.series_number)
    result.problems += body.errors
    result.problems += body.warnings
    result.problems += _sequence(path, body)
    links, linked = _links(path, body)
    result.problems += links
    result.problems += _typography(source, meta, body)
    result.problems += _language_of_the_script(source, meta)
    result.depends = [*body.images.values(), *filter(None, [meta.audio, meta.cover]), *linked]
    return result


def _warning(path: Path, line: int, rule: str, message: str, hint: str) -> Problem:
    return Problem(path, line, message, hint, "warning", rule)


def _sequence(path: Path, body: Body) -> list[Problem]:
    problems = []
    for part_index, part in enumerate(body.parts):
        for index, turn in enumerate(part.turns):
            if turn.kind != "question":
                continue
            following = part.turns[index + 1] if index + 1 < len(part.turns) else None
            if following is not None and following.kind == "question":
                problems.append(_warning(
                    path, following.line, "two-questions",
                    f"two questions in a row: the question on line {turn.line} has no answer",
                    "add the answer between them, or join them into one question"))
            elif following is None:
                where = "interview" if part_index == len(body.parts) - 1 else "part"
                problems.append(_warning(
                    path, turn.line, "no-answer", f"this question ends the {where} with no answer",
                    "add the answer, remove the question, or, for a closing remark, set it after a "
                    "'* * *' line at the end of the last answer"))
    return problems


def _blocks(body: Body) -> list[Block]:
    blocks = list(body.introduction)
    for part in body.parts:
        blocks += part.intro
        for turn in part.turns:
            blocks += turn.blocks
    return blocks + list(body.closing)


def _links(path: Path, body: Body) -> tuple[list[Problem], list[Path]]:
    """The links that point to nothing, and the files the links name (whether or not they
    exist: the result depends on it)."""
    ids = {part.id for part in body.parts} | {note.id for note in body.notes} | \
        {note.ref_id for note in body.notes}
    for block in _blocks(body):
        ids.update(_IDS.findall(block.html))
    problems = []
    linked = []
    for block in _blocks(body):
        for href in map(html.unescape, _HREF.findall(block.html)):
            target = urlparse(href)
            if href.startswith("#"):
                if href[1:] not in ids:
                    problems.append(_warning(path, block.line, "broken-link",
                                             f"the link '{href}' points to nothing in this interview",
                                             f"use an existing anchor such as #{body.parts[0].id}"))
            elif not target.scheme and not target.netloc and target.path:
                linked.append(path.parent / unquote(target.path))
                if not linked[-1].exists():
                    problems.append(_warning(path, block.line, "broken-link",
                                             f"the link '{href}' names a file that does not exist",
                                             "check the file name, relative to this file"))
        for name in _NOTE_REFERENCE.findall(_text(block.html)) if "^" in block.html else ():
            problems.append(_warning(path, block.line, "broken-link",
                                     f"the note reference [^{name}] has no note",
                                     f"add a line '[^{name}]: the note' at the end of the file"))
    return problems, linked


def _text(block_html: str) -> str:
    return html.unescape(_TAGS.sub("", _CODE.sub("", block_html)))


def _typography(source: Source, meta: Metadata, body: Body) -> list[Problem]:
    path = source.path
    texts = [(block.line, _text(block.html)) for block in _blocks(body)]
    for key in ("title", "subtitle", "summary", "publication", "series", "rights"):
        texts.append((source.line_of(key), getattr(meta, key)))
    # Names and tags are printed as written: nothing curls their quotes or sets their dashes.
    for key, values in (("interviewer", meta.interviewers), ("interviewee", meta.interviewees),
                        ("translator", meta.translators), ("tags", meta.tags)):
        texts += [(source.line_of(key), value) for value in values]
    for speaker in meta.speakers if "speakers" in source.metadata else ():
        texts.append((source.line_of(f"speakers.{speaker.label}.name"), speaker.name))
        texts.append((source.line_of(f"speakers.{speaker.label}.bio"), speaker.bio))
    problems = []
    for line, text in texts:
        if re.search(r"[\"']", text):
            quote = re.search(r".{0,20}[\"'].{0,20}", text).group(0)
            problems.append(_warning(path, line, "straight-quote",
                                     f"a straight quote was left as typed: '{quote.strip()}'",
                                     "close the quotation, or type the curly quote you mean"))
        if "--" in text:
            problems.append(_warning(path, line, "double-hyphen", "'--' was left in the text",
                                     "write -- between spaces for a dash, or the dash itself"))
    lines = source.body.split("\n")
    for index in sorted(body.text_lines):
        if "  " not in lines[index].strip():
            continue
        text = _CODE_SPAN.sub("code", lines[index]).rstrip()
        if _DOUBLE_SPACE.search(text.lstrip()):
            problems.append(_warning(path, source.body_line + index, "double-space",
                                     "two spaces between words", "use one space"))
    return problems


def _language_of_the_script(source: Source, meta: Metadata) -> list[Problem]:
    """A text in Arabic script whose ``lang`` is written left to right (often the default
    'en', or what 'make.py new' wrote): its words would be shaped and ordered as English, and
    its generated words would be English."""
    from .typography import arabic_script_language, direction, written_in_arabic_script

    if direction(meta.lang) == "rtl" or not written_in_arabic_script(source.body):
        return []
    tag = arabic_script_language(source.body)
    return [_warning(source.path, source.line_of("lang"),
                     "lang-script", f"the text is in Arabic script but its language is "
                                    f"'{meta.lang}'", f"set lang: {tag} (or the tag of the "
                                    f"language it is in)")]


def _todo(path: Path, text: str) -> list[Problem]:
    lines = sorted({text.count("\n", 0, marker.start()) + 1
                    for marker in _TODO.finditer(text)}) if "TODO" in text else []
    return [_warning(path, line, "todo", "a TODO marker is left",
                     "fill in what it asks for and remove the word TODO") for line in lines]


def _cross_file(results: list[Checked], content_root: Path) -> None:
    """The checks across files, as the build makes them (crossfile.py), and whether each
    interview's ``series:`` names its folder's series (crossfile.series_names)."""
    listed = [r.listed for r in results if r.listed]
    series = _series_named(content_root) if any(f.series for f in listed) else []
    problems: dict[Path, list[Problem]] = {}
    for problem in [*duplicate_slugs(listed).values(), *unknown_originals(listed).values(),
                    *shared_series_numbers(listed), *series_names(listed, series)]:
        problems.setdefault(problem.path, []).append(problem)
    for result in results:
        result.problems += problems.get(result.path, [])


def _series_named(content_root: Path) -> list[SeriesName]:
    """Each series.yml's title and slug, as far as it can be read (its own check reports
    what cannot)."""
    series = []
    for path in find_series(content_root):
        try:
            values, _ = parse_yaml(read_text(path), path)
        except ContentError:
            continue
        if isinstance(values, dict) and values.get("title"):
            series.append(SeriesName(path, str(values["title"]),
                                     str(values.get("slug") or folder_slug(path))))
    return series


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--strict", action="store_true", help="treat warnings as errors")
    command.add_argument("--out", type=Path, default=Path("dist"), metavar="DIR",
                         help="the build's output folder: once a build has made it, its "
                              ".cache/ keeps the results of the files that passed, so that "
                              "unchanged files are not read again (default: dist)")
    from .cli import positive

    command.add_argument("--jobs", "-j", type=positive, metavar="N",
                         help="check N files at once (default: the number of cores)")
    command.add_argument("--no-cache", action="store_true",
                         help="check every file afresh, and keep nothing")


def _cache(out: Path, content_root: Path) -> CheckCache | None:
    """The check cache in ``out``, or None when there is no build's output folder to keep it
    in (a check makes no folder), or it would be inside the content, which is never written."""
    if not out.is_dir() or out.resolve().is_relative_to(content_root.resolve()):
        return None
    return CheckCache(out, content_root, TEMPLATES / "fonts")


def run(arguments: argparse.Namespace, out, errors) -> int:
    cache = None if arguments.no_cache else _cache(arguments.out, arguments.content)
    from .cli import default_jobs

    results = lint(arguments.paths, arguments.content, arguments.strict, cache,
                   arguments.jobs or default_jobs())
    for result in results:
        for problem in result.problems:
            style = "red" if problem.severity == "error" else "yellow"
            errors.print(str(problem), style=style, markup=False)
    failed = sum(result.failed for result in results)
    warnings = sum(p.severity == "warning" for r in results for p in r.problems)
    out.print(f"Checked {len(results)} file(s): {failed} with errors, {warnings} warning(s).",
              markup=False)
    return 1 if failed else 0
