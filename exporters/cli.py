"""The command line: ``python make.py [build|check|import|new|serve] [...]``."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from . import __version__
from .errors import ContentError, display_path, unexpected_problem
from .schema import THEME

if TYPE_CHECKING:
    from .build import Result
    from .cluster import Session

# The build's modules (Jinja, the editions, the worker pool) are imported by run_build, when a
# build runs: 'check' and the other commands never load them.

COMMANDS = ("build", "check", "import", "new", "serve")
AUTHORING = {"check": "lint", "import": "importers", "new": "scaffold", "serve": "serve"}
"""The module of each authoring command, imported only when that command runs."""


def authoring(command: str):
    return importlib.import_module(f".{AUTHORING[command]}", __package__)


class UsageError(Exception):
    """A command line that cannot be run: argparse prints it with the usage, exit 2."""


def parser(command: str | None = None, prog: str = "interview-press") -> argparse.ArgumentParser:
    """The command line; the options of an authoring command are added only for ``command``."""
    formats = _edition_names() if command == "build" else []
    main = argparse.ArgumentParser(
        prog=prog,
        description="Build every edition (HTML, PDF, EPUB, print PDF, booklet) of the "
                    "interviews in content/.",
        epilog="Without a command, 'build' runs. Exit status: 0 all built, 1 some document "
               "failed, 2 usage error.")
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="interview files or folders (default: everything in --content)")
    common.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                        help="the content folder; images must stay inside it (default: content)")
    common.add_argument("--verbose", action="store_true", help="show tracebacks of internal errors")

    build_command = commands.add_parser(
        "build", parents=[common], help="build the editions into the output folder",
        description="Build editions of interviews into DIR/<slug>/.")
    build_command.add_argument(
        "--format", action="append", metavar="LIST",
        help=f"comma-separated editions to build, from: {', '.join(formats)}; may be given "
             f"more than once (default: all)")
    build_command.add_argument("--out", type=Path, default=Path("dist"), metavar="DIR",
                               help="output folder (default: dist)")
    build_command.add_argument(
        "--templates", type=Path, metavar="DIR",
        help="a folder whose files override the built-in templates of the same name")
    build_command.add_argument("--jobs", "-j", type=positive, metavar="N",
                               help="build N documents at once (default: the number of cores)")
    build_command.add_argument(
        "--cluster", metavar="ADDRESS",
        help="build on a Dask cluster: tcp://HOST:8786 (a running 'dask scheduler'), or local:N "
             "(N worker processes on this machine); --jobs is then ignored")
    build_command.add_argument("--force", action="store_true",
                               help="rebuild everything, even what is up to date")
    build_command.add_argument("--no-volumes", action="store_true",
                               help="build the interviews only, not the volumes of their series")
    build_command.add_argument(
        "--preset", choices=THEME["print_preset"].choices, metavar="NAME",
        help="print edition for a print-on-demand service: kdp (bleed on top, bottom and "
             "outside edge, no bookmarks), lulu (bleed on all sides) or none "
             "(default: theme.yml's print_preset)")
    build_command.add_argument("--crop-marks", action="store_true",
                               help="crop marks on the print edition, for a print shop")

    check_command = commands.add_parser(
        "check", parents=[common], help="validate content without building",
        description="Validate interviews as an editor's linter: one line per problem, "
                    "file:LINE: [rule] text. Exit 1 if any has an error.")
    if command == "check":
        authoring("check").add_arguments(check_command)
    _authoring_commands(commands, common, command)
    main.set_defaults(known_editions=formats)  # looked up once: run_build needs them too
    return main


def _authoring_commands(commands, common: argparse.ArgumentParser, chosen: str | None) -> None:
    """import, new and serve: each module adds its own options and runs itself."""
    for name, parents, summary in (
            ("import", [], "turn an interview from elsewhere into a content file"),
            ("new", [], "start a new content file with every field"),
            ("serve", [common], "preview on 127.0.0.1, rebuilding and reloading on save")):
        command = commands.add_parser(name, parents=parents, help=summary,
                                      description=summary[0].upper() + summary[1:] + ".")
        if not parents:
            command.add_argument("--verbose", action="store_true", help="show tracebacks")
        if name == chosen:
            authoring(name).add_arguments(command)


def main(argv: list[str] | None = None, prog: str = "interview-press") -> int:
    """The command line; returns the exit status. ``prog`` is the name usage lines show."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in (*COMMANDS, "-h", "--help", "--version"):
        argv.insert(0, "build")
    command_line = parser(argv[0], prog)
    arguments = command_line.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if arguments.verbose else logging.WARNING,
                        format="%(message)s")
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    out = Console(highlight=False, soft_wrap=True)
    try:
        if arguments.command in AUTHORING:
            return authoring(arguments.command).run(arguments, out, errors)
        return run_build(arguments, out, errors)
    except UsageError as error:
        command_line.error(str(error))  # exits with status 2
    except KeyboardInterrupt:
        errors.print("stopped; the outputs already written are whole, the others unchanged",
                     markup=False)
        return 130
    except Exception as error:  # the last boundary: a line, never a traceback
        problem = unexpected_problem(Path(arguments.command or "build"), error, "running")
        errors.print(f"{arguments.command}: {problem.message}; {problem.hint}", markup=False)
        return 1


def _edition_names() -> list[str]:
    from .formats import edition_names

    return edition_names()


def run_build(arguments: argparse.Namespace, out: Console, errors: Console) -> int:
    from .build import BuildConfig, build
    from .output import UnsafeOutput
    from .load import each_interview

    formats = arguments.known_editions or _edition_names()
    chosen = list(dict.fromkeys(name.strip() for names in arguments.format or [",".join(formats)]
                                for name in names.split(",") if name.strip()))
    unknown = [name for name in chosen if name not in formats]
    if unknown or not chosen:
        raise UsageError(f"--format: unknown edition {', '.join(unknown) or '(none)'}; "
                       f"choose from {', '.join(formats)}")
    if arguments.templates and not arguments.templates.is_dir():
        raise UsageError(f"--templates: {arguments.templates} is not a folder")
    wrong_out = out_folder_problem(arguments.out, arguments.content, arguments.templates)
    if wrong_out:
        raise UsageError(wrong_out)
    if arguments.crop_marks and arguments.preset not in (None, "none"):
        raise UsageError(f"--crop-marks: {arguments.preset} does not accept printer marks")
    options = {key: value for key, value in (("print_preset", arguments.preset),
                                              ("crop_marks", arguments.crop_marks or None))
               if value is not None}
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.isdigit():
        raise UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds")
    config = BuildConfig(
        formats=tuple(name for name in formats if name in chosen), out_dir=arguments.out,
        content_root=arguments.content, templates=arguments.templates,
        options=tuple(sorted(options.items())),
        source_date_epoch=int(epoch) if epoch is not None else None,
        generator=f"interview-press {__version__}")
    files = each_interview(arguments.paths, arguments.content)  # walked while read, not held
    session = open_cluster(arguments.cluster)
    try:
        with_volumes = not arguments.paths and not arguments.no_volumes
        tally = Tally()
        with Progress(out) as progress:
            def done(result: Result) -> None:
                report(result, errors)
                progress.advance(result)
                tally.add(result)
                result.written, result.up_to_date = [], []  # counted: a batch keeps no lists

            build(files, config, jobs=arguments.jobs or default_jobs(), force=arguments.force,
                  on_result=done, volumes=with_volumes, cluster=session, keep_results=False,
                  on_count=progress.expect)
    except UnsafeOutput as error:  # e.g. dist/.cache is a link to somewhere else
        errors.print(f"{display_path(arguments.out)}: {error}; nothing was written",
                     markup=False)
        return 1
    except ContentError as error:  # the templates' own configuration is broken
        for problem in error.problems:
            errors.print(str(problem), markup=False)
        return 1
    finally:
        if session is not None:
            session.close()
    summary(tally, out)
    return 1 if tally.failed else 0


def open_cluster(address: str | None) -> Session | None:
    """The session of ``--cluster``, or None without it; distributed is imported only then.
    A cluster that cannot be used is a usage error, in one line."""
    if address is None:
        return None
    try:
        from .cluster import ClusterError, connect
    except ImportError as error:
        raise UsageError(f"--cluster needs the package '{error.name}': pip install "
                         "'interview-press[cluster]'") from None
    try:
        return connect(address)
    except ClusterError as error:
        raise UsageError(str(error)) from None


def out_folder_problem(out: Path, content: Path, templates: Path | None) -> str:
    """Why ``--out`` cannot be the output folder, or ''. Builds delete their temporary files
    under it and write nowhere else, so it must be a folder of its own."""
    from .load import BUILTIN_TEMPLATES

    if out.exists() and not out.is_dir():
        return f"--out: {out} is a file, not a folder; name a folder, e.g. --out dist"
    target = out.resolve()
    sources = {"the content folder": content, "the templates folder": templates,
               "the built-in templates": BUILTIN_TEMPLATES,
               "the program's own folder": Path(__file__).parent}
    for what, folder in sources.items():
        if folder is None:
            continue
        folder = folder.resolve()
        if target.is_relative_to(folder) or folder.is_relative_to(target):
            inside = "is inside" if target.is_relative_to(folder) else "holds"
            return (f"--out: {out} {inside} {what} ({display_path(folder)}); "
                    "name a folder of its own, e.g. --out dist")
    return ""


def report(result: Result, errors: Console) -> None:
    for problem in result.problems:
        style = "red" if problem.severity == "error" else "yellow"
        errors.print(str(problem), style=style, markup=False)


class Progress:
    """What a batch has done: on a terminal a bar with done/total, the rate and the time left;
    on anything else (CI logs) one plain line per document built, with the same figures."""

    def __init__(self, console: Console, total: int = 0,
                 clock: Callable[[], float] = time.monotonic):
        self.console = console
        self.total = total
        self.done = 0
        self.built = 0
        self.clock = clock
        self.started = clock()
        self.bar = None
        if console.is_terminal:
            from rich.progress import BarColumn, TextColumn
            from rich.progress import Progress as Bar

            self.bar = Bar(TextColumn("building"), BarColumn(), TextColumn("{task.fields[pace]}"),
                           TextColumn("{task.description}"), console=console, transient=True)
            self.task = self.bar.add_task("", total=total, pace=f"0/{total}")

    def __enter__(self) -> Progress:
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar:
            self.bar.stop()

    def expect(self, total: int) -> None:
        """Count ``total`` documents in all, once the batch knows how many it holds."""
        self.total = total
        if self.bar:
            self.bar.update(self.task, total=total, pace=f"{self.done}/{total}")

    def advance(self, result: Result) -> None:
        """Count ``result``; the rate is of documents built, so that those found up to date
        (reported first, at once) do not make the time left look shorter than it is."""
        self.done += 1
        if result.written or result.failed:
            self.built += 1
        name = display_path(result.source)
        figures = pace(self.done, self.total, self.built, self.clock() - self.started)
        if self.bar:
            self.bar.update(self.task, advance=1, description=name, pace=figures)
        elif result.written:
            self.console.print(f"built {name} ({figures})", markup=False)


def pace(done: int, total: int, built: int, seconds: float) -> str:
    """``12/1000, 41 a minute, about 24 min left``: documents done of all, the rate of those
    built so far, and the time the rest would take at that rate."""
    text = f"{done}/{total}"
    if built == 0 or seconds <= 0:
        return text
    per_minute = built * 60 / seconds
    rate = f"{per_minute:.0f} a minute" if per_minute >= 10 else f"{per_minute:.1f} a minute"
    left = (total - done) * 60 / per_minute
    return f"{text}, {rate}, {_duration(left)} left" if done < total else f"{text}, {rate}"


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"about {max(1, round(seconds))} s"
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"about {hours} h {minutes:02d} min" if hours else f"about {minutes} min"


def default_jobs() -> int:
    """How many documents to work on at once: the cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive whole number")
    return int(text)


LISTED_OUTPUTS = 200
"""A batch that wrote more files than this is summed up by kind of file, not listed: a table
of an archive's every file is unreadable, and it would be held whole in memory to be drawn."""


class Tally:
    """The build's summary, counted as each document is reported, so that a batch of any size
    keeps a few numbers (and the list of its files only while it is short enough to show)."""

    def __init__(self) -> None:
        self.documents = 0
        self.built = 0
        self.fresh = 0
        self.failed: list[Path] = []
        self.kinds: dict[str, list[int]] = {}
        """Per file suffix: files, pages, bytes."""
        self.listed: list[tuple[Path, int | None, int]] | None = []
        """Each file written (path, pages, bytes), until there are too many to list: None."""

    def add(self, result: Result) -> None:
        self.documents += 1
        if result.failed:
            self.failed.append(result.source)
        elif result.written:
            self.built += 1
        elif result.up_to_date:
            self.fresh += 1
        for each in result.written:
            size = each.size
            counts = self.kinds.setdefault(each.path.suffix, [0, 0, 0])
            counts[0], counts[1], counts[2] = counts[0] + 1, counts[1] + (each.pages or 0), \
                counts[2] + size
            if self.listed is not None:
                self.listed.append((each.path, each.pages, size))
                if len(self.listed) > LISTED_OUTPUTS:
                    self.listed = None


def summary(tally: Tally, out: Console) -> None:
    from rich.table import Table

    table = Table(title="Built", title_justify="left", box=None, pad_edge=False)
    table.add_column("output" if tally.listed is not None else "files", overflow="fold")
    table.add_column("pages", justify="right")
    table.add_column("size", justify="right")
    if tally.listed is not None:
        for path, pages, size in tally.listed:
            table.add_row(display_path(path), str(pages or ""), human_size(size))
    else:
        for kind, (files, pages, size) in sorted(tally.kinds.items()):
            table.add_row(f"{files} {kind or 'other'} files", str(pages or ""), human_size(size))
    if table.row_count:
        out.print(table)
    line = f"{tally.built} of {tally.documents} document(s) built"
    if tally.fresh:
        line += f", {tally.fresh} up to date"
    if tally.failed:
        line += "; failed: " + ", ".join(display_path(source) for source in tally.failed)
    out.print(line, markup=False)


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"
