"""A batch: find the interviews, read them, and build what changed, in parallel.

One interview's failure never stops the others; each result carries its
problems as editor-facing lines. An edition is rebuilt only when something it
was built from changed (see ``cache.py``); workers stay warm across documents.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, as_completed, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .batch import Batch, Row
from .cache import BuildCache, digest, file_digest, folder_digest, toolchain_digest
from .errors import ContentError, Problem, unexpected_problem
from .crossfile import Listed, duplicate_slug, unknown_original
from .edition import Edition, Settings, Skipped, Written
from .formats import edition_registry, load_editions
from .glyphs import FontCoverage, missing_glyph_problems
from .load import (discover, find_series, read_text,  # noqa: F401 (exporters.discover)
                   series_claims, template_folders)
from .output import UnsafeOutput, cache_path, exclusive, remove_leftovers

# What only building needs (Markdown, Jinja, the series' volumes, worker processes) is
# imported where a document is read or built: a rebuild with nothing to do stays light.
if TYPE_CHECKING:
    from .cluster import Session
    from .model import Interview
    from .render import Templates
    from .series import Volume


T = TypeVar("T")


@dataclass
class Result:
    """What happened to one interview file."""

    source: Path
    written: list[Written] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    up_to_date: list[Written] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


@dataclass(frozen=True)
class BuildConfig:
    """Everything a worker process needs to make the exporters; plain values only."""

    formats: tuple[str, ...]
    out_dir: Path
    content_root: Path
    templates: Path | None = None
    options: tuple[tuple[str, object], ...] = ()
    """Theme options given on the command line (``--preset``), over theme.yml's."""
    source_date_epoch: int | None = None
    generator: str = ""

    def make_templates(self) -> Templates:
        from .render import Templates

        return Templates(self.templates, dict(self.options))

    def settings(self) -> Settings:
        return Settings(templates=self.make_templates(), out_dir=self.out_dir,
                        content_root=self.content_root,
                        source_date_epoch=self.source_date_epoch, generator=self.generator)


PARSED_BUDGET = 4_000_000
"""Bytes of sources whose parse, made while planning, is kept for their build: a batch of
ordinary size parses each file once; a batch of any size holds at most this much of them
(a parsed interview takes about five times its source)."""


@dataclass
class Parsed:
    """Interviews parsed while planning, each kept until its build takes it."""

    budget: int
    kept: dict[Path, Interview] = field(default_factory=dict)

    def keep(self, path: Path, size: int, interview: Interview) -> None:
        if size <= self.budget:
            self.budget -= size
            self.kept[path] = interview

    def take(self, path: Path) -> Interview | None:
        return self.kept.pop(path, None)

    def drop(self, path: Path) -> None:
        """Let go of the parse of a file that will not be built (up to date, or refused)."""
        self.kept.pop(path, None)


def _read_interview(path: Path, content_root: Path) -> Interview:
    from .model import read_interview, root_for

    return read_interview(path, root_for(path, content_root))


def _read_linked(path: Path, content_root: Path, batch: Batch,
                 parsed: Parsed | None = None) -> Interview:
    """The parsed interview (as planning parsed it, if that was kept), linked to its original
    when it is a translation."""
    from .model import Original

    kept = parsed.take(path) if parsed is not None else None
    interview = kept or _read_interview(path, content_root)
    wanted = interview.meta.translation_of
    if wanted and interview.original is None:  # read_all checked that it is there
        other = batch.original(wanted)
        if other is None:
            raise KeyError(wanted)
        original = _read_interview(other.path, content_root).meta  # for its title only
        interview = replace(interview, original=Original(original.slug, original.title,
                                                         original.lang, other.path))
    return interview


def read_all(files: Iterable[Path], content_root: Path, cache: BuildCache, batch: Batch,
             parsed: Parsed | None = None) -> None:
    """Read and validate every file into a row of ``batch``, once however often it is named;
    unchanged files are known from ``cache``, not parsed again, and what is parsed goes to
    ``parsed``. A file that cannot be built is ``failed``, with its problems."""
    position = 0
    for path in files:
        if not batch.has_path(path):
            batch.put(_read_source(position, path, content_root, cache, parsed))
            position += 1
    for row in batch.rows("slug IS NOT NULL"):
        listed = Listed(row.path, row.slug or "", row.translation_of)
        refused = (duplicate_slug(listed, batch.first_with_slug(listed.slug, row.position))
                   or unknown_original(listed, batch.has_slug(listed.translation_of)))
        if refused:
            batch.put(replace(row, failed=True, problems=(*row.problems, refused)))
    for row in batch.rows("fresh AND translation_of != '' AND NOT failed"):
        result = _result(row)
        if attempt(result, row.path, "linking the translation",
                   lambda: _read_linked(row.path, content_root, batch)) is None:
            batch.put(replace(row, failed=True, problems=tuple(result.problems)))


def _read_source(position: int, path: Path, content_root: Path, cache: BuildCache,
                 parsed: Parsed | None) -> Row:
    """The row of the file at ``path``: what planning needs of it, or why it failed."""
    result = Result(path)
    failed = Row(position, path, failed=True, problems=())
    if not path.exists():
        return replace(failed, problems=(Problem(path, 1, "no such file", "check the path"),))
    source_hash = attempt(result, path, "reading the file", lambda: file_digest(path))
    if source_hash is None:
        return replace(failed, problems=tuple(result.problems))
    known = cache.known(path, source_hash)
    if known:
        return Row(position, path, source_hash, known["slug"], known.get("series", ""),
                   known.get("translation_of", ""),
                   problems=tuple(BuildCache.cached_warnings(known)))
    interview = attempt(result, path, "reading the file",
                        lambda: _read_interview(path, content_root))
    if interview is None:
        return replace(failed, problems=tuple(result.problems))
    if parsed is not None:
        parsed.keep(path, path.stat().st_size, interview)
    meta = interview.meta
    # every file besides the text whose change rebuilds it: images, the recording
    images = [*interview.body.images.values(), *filter(None, [meta.audio])]
    warnings = sorted(interview.warnings, key=lambda p: p.line)
    cache.remember_reading(path, source_hash, meta.slug, meta.series, meta.translation_of,
                           images, warnings)
    return Row(position, path, source_hash, meta.slug, meta.series, meta.translation_of,
               fresh=True, problems=tuple(warnings))


def _result(row: Row) -> Result:
    """The result of ``row``'s file so far."""
    return Result(row.path, problems=list(row.problems), up_to_date=list(row.up_to_date))


def build(files: Iterable[Path], config: BuildConfig, jobs: int = 1, force: bool = False,
          on_result: Callable[[Result], None] = lambda result: None,
          volumes: bool = True, cluster: Session | None = None,
          keep_results: bool = True,
          on_count: Callable[[int], None] = lambda count: None) -> list[Result]:
    """Build the chosen editions of every file (a file named twice is built once), and of
    every series volume when ``volumes``; each result, one per interview file and per series,
    goes to ``on_result`` once settled, and is returned at the end, in that order, when
    ``keep_results`` (else none is kept: ``files`` may be walked as it is read, a batch of any
    size). ``on_count`` hears how many results will come, before the first. With ``cluster``
    (see ``cluster.py``) the documents are exported on its workers and ``jobs`` is ignored."""
    with exclusive(config.out_dir), contextlib.closing(Batch()) as batch:
        try:
            return _build(files, config, batch, jobs, force, on_result, volumes, cluster,
                          keep_results, on_count)
        finally:  # what the workers, gone now, could not remove (see scratch_folder)
            remove_leftovers(cache_path(config.out_dir, ""))


def _build(files: Iterable[Path], config: BuildConfig, batch: Batch, jobs: int, force: bool,
           on_result: Callable[[Result], None], volumes: bool,
           cluster: Session | None, keep_results: bool,
           on_count: Callable[[int], None]) -> list[Result]:
    remove_leftovers(config.out_dir)
    cache = BuildCache(config.out_dir)
    parsed = Parsed(PARSED_BUDGET)
    read_all(files, config.content_root, cache, batch, parsed)
    series_files = find_series(config.content_root) if volumes else []
    interviews = batch.count()
    on_count(interviews + len(series_files))
    folders = template_folders(config.templates)
    templates = functools.cache(config.make_templates)  # made when a document is to be built

    @functools.cache
    def fonts() -> FontCoverage:  # read only when a document is to be built: it costs ~0.2 s
        return FontCoverage(folders)

    edition_keys = _edition_keys(config, folders, cache)
    kept: list[tuple[int, Result]] = []

    def report(position: int, result: Result) -> None:
        parsed.drop(result.source)  # settled: a parse kept for its build is not needed
        on_result(result)
        if keep_results:
            kept.append((position, result))

    def plan(path: Path, result: Result, inputs: Iterable[str]) -> _Task | None:
        """The task of the document at ``path`` if any edition of it is stale; if none is, its
        result is settled."""
        keys = {edition: digest(edition_keys[edition], *inputs) for edition in config.formats}
        stale = _stale(path, result, keys, config.formats, cache, force)
        return _Task(-1, path, result, keys, stale) if stale else None

    # What is settled before any document is built (refused while reading, up to date) is
    # reported first, so that the progress counts only the documents still to build.
    for row in batch.rows("failed"):
        report(row.position, _result(row))
    # Only what is built has its characters checked: an up-to-date edition was checked against
    # these very fonts (their files are part of its key) when it was built.
    queued = 0
    stale_editions: set[str] = set()
    for row in batch.rows("NOT failed"):
        result = _result(row)
        original = batch.original(row.translation_of) if row.translation_of else None
        task = plan(row.path, result, (row.hash, *_image_digests(cache, row.path),
                                       *([original.hash] if original else [])))
        if task is None:
            report(row.position, result)
        elif not _drawable(result, row.path, fonts()):
            batch.put(replace(row, undrawable=True))
            report(row.position, result)
        else:  # the task is made again when its turn comes, from the row
            batch.put(replace(row, stale=task.stale, keys=task.keys,
                              problems=tuple(result.problems), up_to_date=tuple(result.up_to_date)))
            queued += 1
            stale_editions.update(task.stale)
    volume_tasks: deque[_Task] = deque()
    for number, series_path in enumerate(series_files, start=interviews):
        result = Result(series_path)
        series = attempt(result, series_path, "reading the series",
                         lambda: _series_reading(series_path, config.content_root, cache))
        if series is None:
            report(number, result)
            continue
        title, slug = series.get("series", ""), series["slug"]
        members = [(row.hash, _image_digests(cache, row.path))
                   for row in _members(batch, series_path, title, slug)]
        task = plan(series_path, result,
                    (series["source"], *(source_hash for source_hash, _ in members),
                     *(image for _, images in members for image in images),
                     *sorted(series.get("images", {}).values())))
        del members
        if task is None:
            report(number, result)
        elif not all(_drawable(result, Path(path), fonts())
                     for path in (series_path, series.get("foreword", "")) if path):
            report(number, result)
        else:
            volume_tasks.append(replace(task, position=number, volume=True, title=title,
                                        slug=slug))
            stale_editions.update(task.stale)
    queued += len(volume_tasks)
    if queued:
        templates()  # a broken theme.yml stops the build here, before any document is built

    def tasks() -> Iterator[_Task]:
        """The documents to build, in order: each is made when its turn comes, and a volume's
        task is dropped once handed on."""
        for row in batch.rows("stale != '[]' AND NOT failed"):
            yield _Task(row.position, row.path, _result(row), row.keys, row.stale)
        while volume_tasks:
            yield volume_tasks.popleft()

    def finish(task: _Task, done: dict[str, list[Written]], problems: list[Problem],
               notices: dict[str, Problem]) -> None:
        task.result.problems += problems + list(notices.values())
        for edition, written in done.items():
            task.result.written += written
            cache.remember_edition(task.path, edition, task.keys[edition],
                                   [{"path": str(w.path), "pages": w.pages} for w in written])
        for edition, notice in notices.items():  # rightly not made: not tried again until stale
            cache.remember_edition(task.path, edition, task.keys[edition], [], notice)
        attempt(task.result, cache.path, "saving the build cache", cache.save)
        report(task.position, task.result)

    def load(task: _Task) -> Interview | list[Volume]:
        if task.volume:  # a volume reads its interviews again
            return _volume(task.path, config,
                           [_read_linked(row.path, config.content_root, batch)
                            for row in _members(batch, task.path, task.title, task.slug)],
                           templates())
        return _read_linked(task.path, config.content_root, batch, parsed)

    def documents() -> Iterator[tuple[_Task, Interview | list[Volume]]]:
        """Each task's document, read when its turn comes and let go once handed on, so that
        a batch of any size holds a few documents, and a volume's interviews while it is
        sent, never all of them."""
        for task in tasks():
            document = attempt(task.result, task.path, "reading the document",
                               lambda: load(task))
            if document is None:
                report(task.position, task.result)
            else:
                yield task, document
            del document

    def collect(task: _Task, export: Callable[[], tuple]) -> None:
        exported = attempt(task.result, task.path, "building its editions", export)
        if exported is None:
            report(task.position, task.result)
        else:
            finish(task, *exported)

    try:
        if cluster is not None:  # --cluster: workers export, this process writes the outputs
            cluster.dispatch(config, documents(), collect)
        elif jobs > 1 and queued > 1:
            workers = min(jobs, queued)
            from .workers import worker_pool

            start = _worker_start(config, stale_editions)
            with worker_pool(workers, _start_worker, start) as pool:
                running: dict[Future, _Task] = {}
                for task, document in documents():
                    running[pool.submit(_export, document, task.stale)] = task
                    del document
                    while len(running) >= 2 * workers:  # a few queued: read ahead no further
                        for future in wait(running, return_when=FIRST_COMPLETED).done:
                            collect(running.pop(future), future.result)
                for future in as_completed(list(running)):
                    collect(running.pop(future), future.result)
        else:
            exporters: _Exporters | None = None
            for task, document in documents():
                exporters = exporters or _Exporters(config)
                collect(task, lambda e=exporters, d=document, t=task: e.export(d, t.stale))
    finally:
        saved = Result(cache.path)
        if cache.changed:
            attempt(saved, cache.path, "saving the build cache", cache.save)
        cache.close()
        if saved.problems:
            report(interviews + len(series_files), saved)
    return [result for _, result in sorted(kept, key=lambda pair: pair[0])]


@dataclass(frozen=True)
class _Task:
    """One document (an interview or a volume) and the editions of it to build."""

    position: int
    """Its place among the results: the interview's in the files, a volume's after them."""
    path: Path
    result: Result
    keys: dict[str, str]
    """Per edition, what the cache files its outputs under: it changes when any input does."""
    stale: tuple[str, ...]
    volume: bool = False
    title: str = ""
    """A volume's series' title and slug, by which its interviews claim it."""
    slug: str = ""


def _members(batch: Batch, series_path: Path, title: str, slug: str) -> Iterator[Row]:
    """The rows of the interviews of the series at ``series_path``: those to be built whose
    characters the fonts have."""
    return (row for row in batch.near_series(series_path.parent, (title, slug))
            if series_claims(series_path, title, slug, row.path, row.series))


def _image_digests(cache: BuildCache, path: Path) -> list[str]:
    """The digests of the files the interview at ``path`` names, in a stable order."""
    return sorted(cache.entry(path)["images"].values())


def _series_reading(path: Path, content_root: Path, cache: BuildCache) -> dict:
    """What planning needs of a series: its slug, its title (as ``series``), its foreword, and
    the files it names (as ``images``: foreword and cover). They come from the cache while
    ``series.yml`` and those files are unchanged; else it is read and checked again."""
    source = file_digest(path)
    known = cache.known(path, source)
    if known is None or "foreword" not in known or not all(
            map(Path.is_file, map(Path, known.get("images", {})))):
        from .series import read_series

        meta = read_series(path, content_root)
        cache.remember_reading(path, source, meta.slug, meta.title, "",
                               [file for file in (meta.foreword, meta.cover) if file], [],
                               foreword=str(meta.foreword or ""))
        known = cache.entry(path)
    return known


def _volume(path: Path, config: BuildConfig, interviews: list[Interview],
            templates: Templates) -> list[Volume]:
    """The volumes of the series at ``path``, refused before layout when the first would pass
    the theme's page budget."""
    from .series import assemble, read_series, within_page_budget

    return within_page_budget(assemble(read_series(path, config.content_root), interviews),
                              templates.theme.volume_page_budget, _words_per_page(templates))


def _words_per_page(templates: Templates) -> float:
    """Words a page of the theme's volumes holds: of its smallest page (the trim, or the
    screen edition's own size), at its type size."""
    from .paper import length
    from .series import words_per_page

    paper = templates.paper
    page = min((paper.trim, paper.screen or paper.trim), key=lambda size: size.width * size.height)
    return words_per_page(page.width, page.height, length(templates.theme.font_size, "font_size"))


def _stale(path: Path, result: Result, keys: dict[str, str], editions: tuple[str, ...],
           cache: BuildCache, force: bool) -> tuple[str, ...]:
    """The editions of the document at ``path`` to build; the outputs and notices of the others,
    up to date, go into ``result``."""
    stale = []
    for edition in editions:
        outputs = None if force else cache.up_to_date(path, edition, keys[edition])
        if outputs is None:
            stale.append(edition)
        else:
            result.up_to_date += [Written(Path(o["path"]), o.get("pages")) for o in outputs]
            result.problems += cache.notices(path, edition)
    return tuple(stale)


def _drawable(result: Result, path: Path, coverage: FontCoverage) -> bool:
    """Whether the fonts have every character of the file; if not, the problems go into
    ``result`` and the document is not built (it would print empty boxes)."""
    problems = attempt(result, path, "checking its characters",
                       lambda: missing_glyph_problems(path, read_text(path), coverage))
    result.problems += problems or []
    return problems == []


def _edition_keys(config: BuildConfig, folders: list[Path], cache: BuildCache
                  ) -> dict[str, str]:
    """Per edition: a hash of the toolchain, the settings and the template files it uses."""
    toolchain = toolchain_digest()
    used_by = _edition_folders(config.formats, toolchain, cache)
    folder_digests: dict[Path, str] = {}  # the shared folders (common, fonts) are hashed once
    themes = [folder / "theme.yml" for folder in folders if (folder / "theme.yml").is_file()]
    keys = {}
    for edition in config.formats:
        used = [folder / name for folder in folders
                for name in ("common", "fonts", *used_by[edition]) if (folder / name).is_dir()]
        for folder in used:
            if folder not in folder_digests:
                folder_digests[folder] = folder_digest([folder])
        keys[edition] = digest(toolchain, *(folder_digests[f] for f in used),
                               *map(file_digest, themes),
                               edition, str(config.source_date_epoch), config.generator,
                               repr(config.options))
    return keys


def _edition_folders(names: tuple[str, ...], toolchain: str, cache: BuildCache
                     ) -> dict[str, list[str]]:
    """The template folders each edition uses. They are learnt by importing the edition, once
    per version of its code: a rebuild with nothing to do imports none."""
    registry = edition_registry()
    codes = {name: digest(toolchain, registry.get(name, "")) for name in names}
    known = {name: cache.edition_folders(name, codes[name]) for name in names}
    missing = [name for name, folders in known.items() if folders is None]
    for name, edition in (load_editions(missing) if missing else {}).items():
        known[name] = list(edition.folders())
        cache.remember_edition_folders(name, codes[name], known[name])
    return {name: folders or [] for name, folders in known.items()}


class _Exporters:
    """The exporters of one process, made once and reused for every document."""

    def __init__(self, config: BuildConfig):
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        self.settings = config.settings()
        self.classes = load_editions(config.formats)
        self.editions: dict[str, Edition] = {}

    def export(self, document: Interview | list[Volume], editions: tuple[str, ...]
               ) -> tuple[dict[str, list[Written]], list[Problem], dict[str, Problem]]:
        """The outputs of each edition made, the problems, and the notice of each edition
        rightly not made (a volume too long to staple)."""
        done: dict[str, list[Written]] = {}
        problems: list[Problem] = []
        notices: dict[str, Problem] = {}
        documents = document if isinstance(document, list) else [document]
        path = documents[0].path
        for name in editions:
            try:
                if name not in self.editions:
                    self.editions[name] = self.classes[name](self.settings)
                done[name] = [written for each in documents
                              for written in self.editions[name].export(each)]
            except Skipped as skipped:
                notices[name] = skipped.problem
            except ContentError as error:
                problems += error.problems
            except UnsafeOutput as error:
                problems.append(Problem(path, 1, f"{error}; nothing was written",
                                        "check the 'slug:' field and what --out names"))
            except Exception as error:  # one edition's failure must not stop the batch
                problems.append(unexpected_problem(path, error, f"making the {name} edition"))
        return done, problems, notices

    def warmed(self, editions: Iterable[str]) -> _Exporters:
        """These exporters with ``editions`` made (their dear modules imported, the PDF's
        stylesheets parsed, its fonts set up, the e-book's stylesheets written), as a worker
        makes them for its first document. Made here before the workers fork, they start with
        them, instead of each making its own."""
        from importlib import import_module

        for name, edition in self.classes.items():
            if name not in editions:
                continue
            try:
                for module in edition.imports:
                    import_module(module)
                self.editions.setdefault(name, edition(self.settings))
            except Exception:  # a worker meets it again on its first document, and says so
                continue
        return self


_worker: _Exporters | None = None  # one per worker process, made by _start_worker


def _start_worker(made: _Exporters | BuildConfig) -> None:
    global _worker
    _worker = made if isinstance(made, _Exporters) else _Exporters(made)


def _worker_start(config: BuildConfig, editions: Iterable[str]) -> _Exporters | BuildConfig:
    """What each worker starts from: exporters with ``editions`` made, where the workers fork
    (they share a copy of them); else the configuration, from which each makes its own."""
    import multiprocessing

    if multiprocessing.get_start_method() == "fork":
        return _Exporters(config).warmed(editions)
    return config


def _export(document: Interview | list[Volume], editions: tuple[str, ...]):
    assert _worker is not None
    return _worker.export(document, editions)


def attempt(result: Result, path: Path, doing: str, step: Callable[[], T]) -> T | None:
    """The boundary around each step of one document: ``step()``, or None with its problem
    added to ``result``. Whatever goes wrong with one document, the batch goes on."""
    try:
        return step()
    except ContentError as error:
        result.problems += error.problems
    except Exception as error:  # the boundary: every unforeseen failure becomes one line
        result.problems.append(unexpected_problem(path, error, doing))
    return None

