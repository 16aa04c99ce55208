"""A batch: find the interviews, read them, and build what changed, in parallel.

One interview's failure never stops the others; each result carries its
problems as editor-facing lines. An edition is rebuilt only when something it
was built from changed (see ``cache.py``); workers stay warm across documents.
"""

from __future__ import annotations

import functools
import logging
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, as_completed, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .cache import BuildCache, digest, file_digest, folder_digest, toolchain_digest
from .errors import ContentError, Problem, unexpected_problem
from .crossfile import Listed, duplicate_slugs, unknown_originals
from .edition import Edition, Settings, Skipped, Written
from .formats import edition_registry, load_editions
from .glyphs import FontCoverage, missing_glyph_problems
from .load import (discover, find_series, read_text,  # noqa: F401 (exporters.discover)
                   series_claims, template_folders)
from .output import UnsafeOutput, exclusive, remove_leftovers

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
    reported: bool = field(default=False, repr=False, compare=False)
    """Whether the build has handed it on (``on_result``)."""

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


@dataclass
class _Source:
    path: Path
    result: Result
    hash: str = ""
    slug: str = ""
    series: str = ""
    images: list[Path] = field(default_factory=list)
    interview: Interview | None = None

    translation_of: str = ""

    def read(self, content_root: Path, by_slug: dict[str, _Source]) -> Interview:
        """The parsed interview, linked to its original when it is a translation."""
        from .model import Original

        if self.interview is None:
            self.interview = _read_interview(self.path, content_root)
        wanted = self.interview.meta.translation_of
        if wanted and self.interview.original is None:  # read_all checked that it is there
            other = by_slug[wanted]  # read for its title only: not kept unless already held
            original = (other.interview or _read_interview(other.path, content_root)).meta
            self.interview = replace(self.interview,
                                     original=Original(original.slug, original.title, original.lang,
                                                      by_slug[wanted].path))
        return self.interview


def _read_interview(path: Path, content_root: Path) -> Interview:
    from .model import read_interview, root_for

    return read_interview(path, root_for(path, content_root))


def read_all(files: list[Path], content_root: Path,
             cache: BuildCache | None = None) -> tuple[list[_Source], list[Result]]:
    """Read and validate every file. With a cache, unchanged files are not parsed again."""
    sources: list[_Source] = []
    results: list[Result] = []
    fresh: set[Path] = set()
    for path in files:
        source = _Source(path, Result(path))
        results.append(source.result)
        if not path.exists():
            source.result.problems.append(Problem(path, 1, "no such file", "check the path"))
            continue
        digest_of_file = attempt(source.result, path, "reading the file", lambda: file_digest(path))
        if digest_of_file is None:
            continue
        source.hash = digest_of_file
        known = cache.known(path, source.hash) if cache else None
        if known:
            source.slug = known["slug"]
            source.series = known.get("series", "")
            source.translation_of = known.get("translation_of", "")
            source.images = [Path(image) for image in known.get("images", {})]
            source.result.problems += BuildCache.cached_warnings(known)
        else:
            source.interview = attempt(source.result, path, "reading the file",
                                       lambda: _read_interview(path, content_root))
            if source.interview is None:
                continue
            source.slug = source.interview.meta.slug
            source.series = source.interview.meta.series
            source.translation_of = source.interview.meta.translation_of
            # every file besides the text whose change rebuilds it: images, the recording
            source.images = [*source.interview.body.images.values(),
                             *filter(None, [source.interview.meta.audio])]
            warnings = sorted(source.interview.warnings, key=lambda p: p.line)
            source.result.problems += warnings
            if cache:
                cache.remember_reading(path, source.hash, source.slug, source.series,
                                       source.translation_of, source.images, warnings)
            source.interview = None  # read again when its turn comes: a batch of any size
            fresh.add(path)          # holds a few documents at a time, never all of them
        sources.append(source)
    listed = [Listed(s.path, s.slug, s.translation_of) for s in sources]
    refused = {**unknown_originals(listed), **duplicate_slugs(listed)}
    for source in sources:
        if source.path in refused:
            source.result.problems.append(refused[source.path])
    sources = [source for source in sources if source.path not in refused]
    by_slug = {source.slug: source for source in sources}
    for source in list(sources):
        if source.path in fresh and source.translation_of:
            if attempt(source.result, source.path, "linking the translation",
                       lambda: source.read(content_root, by_slug)) is None:
                sources.remove(source)
            source.interview = None
    return sources, results


def build(files: list[Path], config: BuildConfig, jobs: int = 1, force: bool = False,
          on_result: Callable[[Result], None] = lambda result: None,
          volumes: bool = True, cluster: Session | None = None) -> list[Result]:
    """Build the chosen editions of every file, and of every series volume when ``volumes``;
    returns one result per interview file and per series. With ``cluster`` (see
    ``cluster.py``) the documents are exported on its workers and ``jobs`` is ignored."""
    with exclusive(config.out_dir):
        return _build(files, config, jobs, force, on_result, volumes, cluster)


def _build(files: list[Path], config: BuildConfig, jobs: int, force: bool,
           on_result: Callable[[Result], None], volumes: bool,
           cluster: Session | None = None) -> list[Result]:
    remove_leftovers(config.out_dir)
    cache = BuildCache(config.out_dir)
    sources, results = read_all(files, config.content_root, cache)
    folders = template_folders(config.templates)
    templates = functools.cache(config.make_templates)  # made when a document is to be built

    @functools.cache
    def fonts() -> FontCoverage:  # read only when a document is to be built: it costs ~0.2 s
        return FontCoverage(folders)

    keys = _edition_keys(config, folders, cache)
    tasks: deque[_Task] = deque()
    by_slug = {source.slug: source for source in sources}

    def report(result: Result) -> None:
        result.reported = True
        on_result(result)

    # What is settled before any document is built (refused while reading, up to date) is
    # reported first, so that the progress counts only the documents still to build.
    for result in results:
        if result.failed:
            report(result)
    # Only what is built has its characters checked: an up-to-date edition was checked against
    # these very fonts (their files are part of its key) when it was built.
    undrawable: set[Path] = set()
    for source in sources:
        inputs = (source.hash, *sorted(cache.entry(source.path)["images"].values()))
        if source.translation_of in by_slug:
            inputs += (by_slug[source.translation_of].hash,)
        task = _Task(source.path, source.result, (source,), inputs)
        if not _plan(task, config, keys, cache, force, tasks):
            report(source.result)
        elif not _drawable(source.result, source.path, fonts()):
            tasks.pop()  # the task _plan has just queued
            undrawable.add(source.path)
            report(source.result)
    if volumes:
        for series_path in find_series(config.content_root):
            result = Result(series_path)
            results.append(result)
            series = attempt(result, series_path, "reading the series",
                             lambda: _series_reading(series_path, config.content_root, cache))
            if series is None:
                report(result)
                continue
            title, slug = series.get("series", ""), series["slug"]
            members = tuple(s for s in sources if s.path not in undrawable
                            and series_claims(series_path, title, slug, s.path, s.series))
            inputs = (series["source"], *(s.hash for s in members),
                      *(digest for s in members
                        for digest in sorted(cache.entry(s.path)["images"].values())),
                      *sorted(series.get("images", {}).values()))
            task = _Task(series_path, result, members, inputs, volume=True)
            if not _plan(task, config, keys, cache, force, tasks):
                report(result)
            elif not all(_drawable(result, Path(path), fonts())
                         for path in (series_path, series.get("foreword", "")) if path):
                tasks.pop()
                report(result)
    if tasks:
        templates()  # a broken theme.yml stops the build here, before any document is built

    def finish(task: _Task, done: dict[str, list[Written]], problems: list[Problem],
               notices: dict[str, Problem]) -> None:
        task.result.problems += problems + list(notices.values())
        for edition, written in done.items():
            task.result.written += written
            cache.remember_edition(task.path, edition, task.key(edition, keys),
                                   [{"path": str(w.path), "pages": w.pages} for w in written])
        for edition, notice in notices.items():  # rightly not made: not tried again until stale
            cache.remember_edition(task.path, edition, task.key(edition, keys), [], notice)
        attempt(task.result, cache.path, "saving the build cache", cache.save)
        report(task.result)

    def load(task: _Task) -> Interview | list[Volume]:
        if task.volume:  # a volume reads its interviews again
            return _volume(task.path, config,
                           [s.read(config.content_root, by_slug) for s in task.members],
                           templates())
        return task.members[0].read(config.content_root, by_slug)

    def documents() -> Iterator[tuple[_Task, Interview | list[Volume]]]:
        """Each task's document, read when its turn comes and let go once handed on, so that
        a batch of any size holds a few documents, and a volume's interviews while it is
        sent, never all of them. A task handed on is dropped from the queue."""
        while tasks:
            task = tasks.popleft()
            document = attempt(task.result, task.path, "reading the document",
                               lambda: load(task))
            if document is None:
                report(task.result)
            else:
                yield task, document
            del document
            _release(task.members)

    def collect(task: _Task, export: Callable[[], tuple]) -> None:
        exported = attempt(task.result, task.path, "building its editions", export)
        if exported is None:
            report(task.result)
        else:
            finish(task, *exported)

    try:
        if cluster is not None:  # --cluster: workers export, this process writes the outputs
            cluster.dispatch(config, documents(), collect)
        elif jobs > 1 and len(tasks) > 1:
            workers = min(jobs, len(tasks))
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                                     initargs=(config,)) as pool:
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
            results.append(saved)
            report(saved)
    for result in results:
        if not result.reported:
            report(result)
    return results


@dataclass
class _Task:
    """One document (an interview or a volume) and the editions of it to build."""

    path: Path
    result: Result
    members: tuple[_Source, ...]
    """The interview, or the interviews of the volume."""
    inputs: tuple[str, ...]
    """The digests of what the document is made from (its sources and images)."""
    volume: bool = False
    stale: tuple[str, ...] = ()

    def key(self, edition: str, edition_keys: dict[str, str]) -> str:
        """What the cache files the edition's outputs under: it changes when any input does."""
        return digest(edition_keys[edition], *self.inputs)


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


def _release(sources: Iterable[_Source]) -> None:
    """Let go of the interviews read for ``sources``; they are read again if needed."""
    for source in sources:
        source.interview = None


def _plan(task: _Task, config: BuildConfig, keys: dict[str, str], cache: BuildCache,
          force: bool, tasks: deque[_Task]) -> bool:
    """Find which editions of ``task`` are stale; queue it if any is, and say whether."""
    stale = []
    for edition in config.formats:
        outputs = None if force else cache.up_to_date(task.path, edition, task.key(edition, keys))
        if outputs is None:
            stale.append(edition)
        else:
            task.result.up_to_date += [Written(Path(o["path"]), o.get("pages")) for o in outputs]
            task.result.problems += cache.notices(task.path, edition)
    if stale:
        task.stale = tuple(stale)
        tasks.append(task)
    return bool(stale)


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


_worker: _Exporters | None = None  # one per worker process, made by _start_worker


def _start_worker(config: BuildConfig) -> None:
    global _worker
    _die_with_parent()
    _worker = _Exporters(config)


def _die_with_parent() -> None:
    """Have Linux end this worker when the build that started it is killed, so that a killed
    build leaves no idle workers behind."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


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


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
