"""``make.py serve``: a preview on 127.0.0.1 that rebuilds what changed and reloads the page.

A watcher thread polls the interview files, their images and the template
folders. A changed interview gets its HTML edition rebuilt at once (the PDF
and EPUB when asked for); a changed image or template rebuilds every one. The
page asks ``/__version/<name>`` twice a second and reloads when the number
changes. That script is added to the page as it is sent, never to the file in
the output folder. A build error is shown in the page; the server keeps going.
The files the HTML edition writes beside a page (an interview's recording) are served at
``/<name>/<file>``, where the page's links find them, and only those: a URL names one by
its file name among what the last build of that interview wrote, never by a path.

Nothing stops the server or the watcher: a broken ``theme.yml`` or template, an
unreadable file, or a bug is one problem line (``file:LINE: what; what to do``)
on stderr and in the page, and the next save that fixes it rebuilds and reloads.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from . import __version__
from .assets import media_type
from .build import discover
from .load import template_folders
from .model import root_for
from .errors import ContentError, Problem, display_path, unexpected_problem
from .edition import Settings
from .formats import load_editions
from .model import read_interview
from .render import Templates

HOST = "127.0.0.1"
POLL_SECONDS = 0.3
RELOAD_SCRIPT = """<script>
(() => {{
  const url = {url};
  let seen = {version};
  setInterval(() => fetch(url, {{cache: "no-store"}}).then(r => r.json()).then(state => {{
    if (state.version !== seen) location.reload();
  }}).catch(() => {{}}), 500);
}})();
</script>
"""
ERROR_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font:16px/1.5 sans-serif;margin:2em auto;max-width:50em;padding:0 1em}}
pre{{white-space:pre-wrap;background:#fee;border-left:4px solid #c00;padding:1em}}
li{{margin:.3em 0}}</style></head>
<body><h1>{title}</h1>{body}</body></html>
"""


log = logging.getLogger(__name__)


@dataclass
class Entry:
    """One interview file as the preview knows it."""

    path: Path
    key: str
    version: int = 0
    problems: list[Problem] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    beside: dict[str, Path] = field(default_factory=dict)
    """The other files the HTML edition wrote beside the page (its recording), by name."""
    built_from: dict[str, float] = field(default_factory=dict)
    """Edition name to the source stamp it was built from."""

    @property
    def failed(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


class Preview:
    """The interviews, their latest builds, and a watcher that keeps them current."""

    def __init__(self, paths: list[Path], content_root: Path, out_dir: Path,
                 templates: Path | None):
        self.paths, self.content_root, self.out_dir = paths, content_root, out_dir
        self.template_dir = templates
        self.folders = template_folders(templates)
        """The template folders, as :class:`Templates` searches them (watched even when broken)."""
        self.lock = threading.RLock()
        self.entries: dict[str, Entry] = {}
        self.stamps: dict[Path, tuple[int, int]] = {}
        self.generation = 0.0
        self.settings: Settings | None = None
        self.settings_problems: tuple[Problem, ...] = ()
        """What is wrong with theme.yml or the templates; every page shows it until fixed."""
        self.failure: Problem | None = None
        """An unexpected error of the watcher; every page shows it until the next save."""
        self.failed_stamps: dict[Path, tuple[int, int]] | None = None
        self.seen: dict[Path, tuple[int, int]] | None = None
        """The stamps the refresh under way works from."""
        self.current: Path | None = None
        """The file the watcher is working on, named when something unexpected fails."""
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        self._settings()

    def _settings(self) -> None:
        """Load the templates and theme.yml (again); never raises: a problem is kept instead."""
        self.exporters: dict[str, object] = {}
        self.settings, self.settings_problems = None, ()
        problems: tuple[Problem, ...] = ()
        try:
            self.settings = Settings(templates=Templates(self.template_dir),
                                     out_dir=self.out_dir, content_root=self.content_root,
                                     generator=f"interview-press {__version__}")
        except ContentError as error:
            problems = tuple(error.problems)
        except Exception as error:  # the boundary: e.g. a theme value of the wrong type
            problems = (unexpected_problem(self.theme_file(), error, "loading the templates"),)
        self.settings_problems = problems
        for problem in problems:
            log.warning("%s", problem)  # once here, not once per interview

    def theme_file(self) -> Path:
        """The theme.yml that wins: in --templates when it has one."""
        themes = [folder / "theme.yml" for folder in self.folders]
        return next((path for path in themes if path.is_file()), themes[0])

    def exporter(self, name: str):
        if name not in self.exporters:
            self.exporters[name] = load_editions([name])[name](self.settings)
        return self.exporters[name]

    def key(self, path: Path) -> str:
        """The file's name in URLs: its path under the content root, without ``.md``."""
        root = self.content_root.resolve()
        resolved = path.resolve()
        inside = resolved != root and resolved.is_relative_to(root)
        relative = resolved.relative_to(root) if inside else Path(path.name or resolved.name)
        name = relative.as_posix()
        return name.removesuffix(relative.suffix) if relative.suffix else name

    def interviews(self) -> list[Path]:
        return discover(self.paths, self.content_root)

    def watched(self) -> dict[Path, tuple[int, int]]:
        """Every file whose change matters, with its modification time and size."""
        files = set(self.interviews())
        if self.content_root.is_dir():
            files |= {p for p in self.content_root.rglob("*") if p.is_file()}
        for folder in self.folders:
            files |= {p for p in folder.rglob("*") if p.is_file()}
        stamps = {}
        for path in files:
            try:
                stat = path.stat()
            except OSError:  # deleted meanwhile
                continue
            stamps[path] = (stat.st_mtime_ns, stat.st_size)
        return stamps

    def refresh(self) -> list[str]:
        """Rebuild the HTML of what changed since the last look; the keys rebuilt.

        After a :meth:`fail`, nothing is tried again until a file changes; then everything
        is rebuilt, which also takes the failure off the pages.
        """
        self.seen, self.current = None, None
        stamps = self.watched()
        with self.lock:
            self.seen = stamps
            recovering = self.failure is not None
            if recovering and stamps == self.failed_stamps:
                return []
            changed = {p for p in stamps.keys() | self.stamps.keys()
                       if stamps.get(p) != self.stamps.get(p)}
            if not changed and not recovering:
                return []
            interviews = set(self.interviews())
            everything = (recovering or not self.stamps
                          or any(p not in interviews for p in changed))
            if recovering or any(p.resolve().is_relative_to(folder) for p in changed
                                 for folder in self.folders):
                self._settings()
            self.stamps = stamps
            self.generation = time.time()
            keys = {self.key(p): p for p in interviews}
            for key in list(self.entries):
                if key not in keys:
                    del self.entries[key]
            rebuilt = []
            for key, path in sorted(keys.items()):
                if everything or path in changed or key not in self.entries:
                    self.build(path, "html")
                    rebuilt.append(key)
            self.failure = self.failed_stamps = None
            self.current = None
            return rebuilt

    def fail(self, error: Exception) -> Problem:
        """An unexpected error of the watcher as one problem, on stderr and in every page."""
        log.debug("the preview failed", exc_info=error)  # the traceback, with --verbose
        with self.lock:
            problem = Problem(self.current or self.content_root, 1,
                              f"the preview failed here ({one_line(error)})",
                              "fix the file and save it again; run with --verbose to see the "
                              "traceback")
            self.failed_stamps, self.current = self.seen, None
            if self.failure is None or str(problem) != str(self.failure):
                self.failure = problem
                log.warning("%s", problem)  # once, not on every look
                for entry in self.entries.values():
                    entry.version += 1  # the open pages reload and show it
        return problem

    def build(self, path: Path, edition: str) -> Entry:
        """Build one edition of one file; problems are kept in the entry, never raised."""
        with self.lock:
            key = self.key(path)
            entry = self.entries.setdefault(key, Entry(path, key))
            if edition == "html":
                entry.version += 1
                entry.outputs.clear()
                entry.beside.clear()
                entry.built_from.clear()
            entry.problems = []
            if self.settings is None:  # reported once, when theme.yml was read
                entry.problems.extend(self.settings_problems)
                return entry
            self.current = path
            try:
                if not path.is_file():
                    raise ContentError(
                        Problem(path, 1, "this is a folder, not an interview file",
                                "rename the folder so that its name does not end in .md")
                        if path.is_dir() else Problem(path, 1, "no such file", "check the path"))
                interview = read_interview(path, root_for(path, self.content_root))
                entry.problems = list(interview.warnings)
                written = [found.path for found in self.exporter(edition).export(interview)]
                if written:
                    entry.outputs[edition] = written[-1]  # the edition's last file: the page
                if edition == "html":
                    entry.beside = {path.name: path for path in written[:-1]}
                entry.built_from[edition] = self.generation
            except ContentError as error:
                entry.problems += error.problems
            except Exception as error:  # noqa: BLE001 - the preview must survive any bug
                log.debug("preview build failed", exc_info=True)
                entry.problems.append(Problem(path, 1, f"the {edition} edition failed "
                                              f"({one_line(error)})",
                                              "run with --verbose to see the traceback"))
            for problem in entry.problems:
                log.warning("%s", problem)
            return entry

    def edition(self, key: str, name: str) -> Entry | None:
        """The entry with edition ``name`` built from the current sources (built on request,
        and built again when its file was deleted from the output folder)."""
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry.failed:
                return entry
            output = entry.outputs.get(name)
            stale = name != "html" and entry.built_from.get(name) != self.generation
            if stale or (output is not None and not output.is_file()):
                self.build(entry.path, name)
            return entry

    def beside(self, key: str, name: str) -> Path | None:
        """The file ``name`` the HTML edition of ``key`` wrote beside its page, if it did
        (built again when it was deleted from the output folder); None otherwise."""
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry.failed or name not in entry.beside:
                return None
            if not entry.beside[name].is_file():
                entry = self.build(entry.path, "html")
            found = entry.beside.get(name)
            return found if found is not None and found.is_file() else None

    def problems(self) -> list[Problem]:
        """What every page shows: a broken theme or templates, a failure of the watcher."""
        return [*self.settings_problems, *([self.failure] if self.failure else [])]


def byte_range(header: str | None, size: int) -> range | None:
    """The bytes of a file of ``size`` bytes that a ``Range`` header asks for (a player
    seeking in its recording): None to send the whole file (no header, or one this server
    does not serve, such as several ranges), an empty range when none of them exists."""
    unit, _, spec = (header or "").partition("=")
    first, dash, last = spec.strip().partition("-")
    if unit.strip().lower() != "bytes" or not dash or not (first + last).isdigit() or \
            (first and last and int(last) < int(first)):
        return None
    if not first:  # the last N bytes
        return range(max(size - int(last), 0), size)
    start = int(first)
    return range(start, min(int(last) + 1 if last else size, size)) if start < size else range(0)


def one_line(error: BaseException) -> str:
    """An exception as ``Type: message`` on one line."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def say(text: str) -> None:
    """One line on stdout, in what its encoding can show; a closed stdout is no error."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        print(text.encode(encoding, "backslashreplace").decode(encoding), flush=True)
    except (OSError, ValueError):
        pass


def url_of(key: str, suffix: str = "") -> str:
    """The path of an interview's page, quoted: any file name makes a working URL."""
    return "/" + quote(key, safe="/") + suffix


def reload_script(entry: Entry) -> str:
    # A JavaScript string (JSON) of a quoted URL: no HTML escaping inside <script>.
    url = json.dumps("/__version" + url_of(entry.key)).replace("<", "\\u003c")
    return RELOAD_SCRIPT.format(url=url, version=entry.version)


def problem_list(problems: list[Problem]) -> str:
    items = "".join(f"<li><pre>{html.escape(str(p))}</pre></li>" for p in problems)
    return f"<ul>{items}</ul>"


def page(entry: Entry, shown: list[Problem] | tuple = ()) -> bytes:
    """The HTML edition with the reload script, or the problems, as one page.

    ``shown``: problems of the whole preview (a broken theme.yml), shown on every page."""
    script = reload_script(entry)
    problems = [*shown, *(p for p in entry.problems if p not in shown)]
    if shown or entry.failed or "html" not in entry.outputs:
        body = (f"<p>{html.escape(display_path(entry.path))} could not be built. Fix what is "
                f"named below and save: this page reloads by itself.</p>{problem_list(problems)}")
        return (ERROR_PAGE.format(title="Build error", body=body)
                .replace("</body>", script + "</body>")).encode("utf-8")
    text = entry.outputs["html"].read_text(encoding="utf-8")
    at = text.rfind("</body>")
    return (text[:at] + script + text[at:] if at >= 0 else text + script).encode("utf-8")


def index(preview: Preview) -> bytes:
    with preview.lock:
        entries = sorted(preview.entries.items())
        problems = preview.problems()
    rows = []
    for key, entry in entries:
        name, href = html.escape(key), html.escape(url_of(key))
        status = "error" if entry.failed else "ok"
        rows.append(f'<li><a href="{href}/">{name}</a> ({status}) · '
                    f'<a href="{href}/pdf">PDF</a> · <a href="{href}/epub">EPUB</a></li>')
    body = f"<ul>{''.join(rows)}</ul>" if rows else "<p>No interviews found.</p>"
    if problems:
        body = f"<p>Nothing builds until this is fixed:</p>{problem_list(problems)}{body}"
    return ERROR_PAGE.format(title="Interviews", body=body).encode("utf-8")


def handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = f"interview-press/{__version__}"

        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            self.entry: Entry | None = None
            try:
                self.answer()
            except ConnectionError:  # the browser went away
                pass
            except Exception as error:  # noqa: BLE001 - a request must never stop the server
                log.debug("serving %s failed", self.path, exc_info=True)
                where = self.entry.path if self.entry else preview.content_root
                problem = Problem(where, 1, f"could not serve {unquote(self.path)} "
                                  f"({one_line(error)})",
                                  "save the file again to rebuild it; run with --verbose to see "
                                  "the traceback")
                log.warning("%s", problem)
                body = ERROR_PAGE.format(title="Preview error", body=problem_list([problem]))
                if self.entry is not None:
                    body = body.replace("</body>", reload_script(self.entry) + "</body>")
                try:
                    self.send(body.encode("utf-8"), "text/html; charset=utf-8",
                              HTTPStatus.INTERNAL_SERVER_ERROR)
                except OSError:
                    pass

        def answer(self) -> None:
            if not self.path.startswith("/__version/"):
                with preview.lock:  # wait for a build in progress
                    pass
            route = unquote(urlparse(self.path).path)
            if route == "/":
                return self.send(index(preview), "text/html; charset=utf-8")
            if route.startswith("/__version/"):
                entry = preview.entries.get(route.removeprefix("/__version/"))
                state = {"version": entry.version if entry else -1}
                return self.send(json.dumps(state).encode(), "application/json")
            name = route.strip("/")
            key, _, edition = name.rpartition("/")
            if edition in ("pdf", "epub") and key in preview.entries and \
                    not (route.endswith("/") and name in preview.entries):
                self.entry = entry = preview.edition(key, edition)
                if preview.problems() or entry.failed or edition not in entry.outputs:
                    return self.send(page(entry, preview.problems()), "text/html; charset=utf-8")
                media = "application/pdf" if edition == "pdf" else "application/epub+zip"
                return self.send(entry.outputs[edition].read_bytes(), media)
            if key in preview.entries and not (route.endswith("/") and name in preview.entries):
                found = preview.beside(key, edition)
                if found is not None:
                    return self.send_file(found)
            self.entry = entry = preview.edition(name, "html")
            if entry is None:
                return self.send(b"not found; the interviews are listed at /", "text/plain",
                                 HTTPStatus.NOT_FOUND)
            say(f"served /{entry.key}/ (version {entry.version})")
            return self.send(page(entry, preview.problems()), "text/html; charset=utf-8")

        def send_file(self, path: Path) -> None:
            """A file beside a page, whole or the range of it asked for."""
            data = path.read_bytes()
            wanted = byte_range(self.headers.get("Range"), len(data))
            if wanted is None:
                return self.send(data, media_type(path), headers={"Accept-Ranges": "bytes"})
            if not wanted:
                return self.send(b"", media_type(path), HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                                 {"Content-Range": f"bytes */{len(data)}"})
            return self.send(data[wanted.start:wanted.stop], media_type(path),
                             HTTPStatus.PARTIAL_CONTENT,
                             {"Accept-Ranges": "bytes", "Content-Range":
                              f"bytes {wanted.start}-{wanted.stop - 1}/{len(data)}"})

        def send(self, data: bytes, media: str, status: HTTPStatus = HTTPStatus.OK,
                 headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet: no log per poll
            pass

    return Handler


def watch(preview: Preview, stop: threading.Event) -> None:
    """Rebuild what changes until ``stop``. Nothing ends it: the one boundary below turns
    any unexpected error into a problem naming the file, shown until the next save."""
    while True:
        try:
            for key in preview.refresh():
                say(f"built {key}")
        except Exception as error:  # noqa: BLE001 - the watcher must outlive any bug
            preview.fail(error)
        if stop.wait(POLL_SECONDS):
            return


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--port", type=int, default=8000, metavar="N",
                         help="the port on 127.0.0.1 (default: 8000; 0: any free port)")
    command.add_argument("--out", type=Path, default=Path("dist"), metavar="DIR",
                         help="output folder (default: dist)")
    command.add_argument("--templates", type=Path, metavar="DIR",
                         help="a folder whose files override the built-in templates")


def run(arguments: argparse.Namespace, out, errors) -> int:
    if not 0 <= arguments.port <= 65535:
        errors.print("make.py serve: --port must be between 0 and 65535", markup=False)
        return 2
    if arguments.templates and not arguments.templates.is_dir():
        errors.print(f"make.py serve: --templates: {arguments.templates} is not a folder",
                     markup=False)
        return 2
    preview = Preview(arguments.paths, arguments.content, arguments.out, arguments.templates)
    try:
        server = ThreadingHTTPServer((HOST, arguments.port), handler(preview))
    except OSError as error:
        errors.print(f"make.py serve: cannot listen on {HOST}:{arguments.port} ({error.strerror}); "
                     "choose another --port", markup=False)
        return 1
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop), daemon=True)
    watcher.start()
    print(f"Preview on http://{HOST}:{server.server_address[1]}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0
