"""``make.py serve``: a preview on 127.0.0.1 that rebuilds what changed and reloads the page.

A watcher thread polls the interview files, their images and the template
folders. A changed interview gets its HTML edition rebuilt at once (the PDF
and EPUB when asked for); a changed image or template rebuilds every one. The
page asks ``/__version/<name>`` twice a second and reloads when the number
changes. That script is added to the page as it is sent, never to the file in
the output folder. A build error is shown in the page; the server keeps going.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

import jinja2

from . import __version__
from .build import discover, template_problem
from .model import root_for
from .errors import ContentError, Problem, display_path
from .formats import Settings, available
from .model import read_interview
from .render import Templates

HOST = "127.0.0.1"
POLL_SECONDS = 0.3
RELOAD_SCRIPT = """<script>
(() => {{
  const url = "/__version/{key}";
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


@dataclass
class Entry:
    """One interview file as the preview knows it."""

    path: Path
    key: str
    version: int = 0
    problems: list[Problem] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
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
        self.lock = threading.RLock()
        self.entries: dict[str, Entry] = {}
        self.stamps: dict[Path, float] = {}
        self.generation = 0.0
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        self._settings()

    def _settings(self) -> None:
        self.settings = Settings(templates=Templates(self.template_dir), out_dir=self.out_dir,
                                 content_root=self.content_root,
                                 generator=f"interview-press {__version__}")
        self.exporters: dict[str, object] = {}

    def exporter(self, name: str):
        if name not in self.exporters:
            self.exporters[name] = available()[name].Exporter(self.settings)
        return self.exporters[name]

    def key(self, path: Path) -> str:
        root = self.content_root.resolve()
        resolved = path.resolve()
        relative = resolved.relative_to(root) if resolved.is_relative_to(root) else Path(path.name)
        return relative.with_suffix("").as_posix()

    def watched(self) -> dict[Path, float]:
        """Every file whose change matters, with its modification time."""
        files = set(discover(self.paths, self.content_root))
        if self.content_root.is_dir():
            files |= {p for p in self.content_root.rglob("*") if p.is_file()}
        for folder in self.settings.templates.folders:
            files |= {p for p in folder.rglob("*") if p.is_file()}
        stamps = {}
        for path in files:
            try:
                stamps[path] = path.stat().st_mtime_ns
            except OSError:
                continue
        return stamps

    def refresh(self) -> list[str]:
        """Rebuild the HTML of what changed since the last look; the keys rebuilt."""
        stamps = self.watched()
        with self.lock:
            changed = {p for p in stamps.keys() | self.stamps.keys()
                       if stamps.get(p) != self.stamps.get(p)}
            if not changed:
                return []
            interviews = set(discover(self.paths, self.content_root))
            everything = any(p not in interviews for p in changed) or not self.stamps
            if any(p.resolve().is_relative_to(folder) for p in changed
                   for folder in self.settings.templates.folders):
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
            return rebuilt

    def build(self, path: Path, edition: str) -> Entry:
        """Build one edition of one file; problems are kept in the entry, never raised."""
        with self.lock:
            key = self.key(path)
            entry = self.entries.setdefault(key, Entry(path, key))
            if edition == "html":
                entry.version += 1
                entry.outputs.clear()
                entry.built_from.clear()
            entry.problems = []
            try:
                interview = read_interview(path, root_for(path, self.content_root))
                entry.problems = list(interview.warnings)
                for written in self.exporter(edition).export(interview):
                    entry.outputs[edition] = written.path
                entry.built_from[edition] = self.generation
            except ContentError as error:
                entry.problems.append(error.problem)
            except jinja2.TemplateError as error:
                entry.problems.append(template_problem(error))
            except Exception as error:  # noqa: BLE001 - the preview must survive any bug
                logging.getLogger(__name__).debug("preview build failed", exc_info=True)
                entry.problems.append(Problem(path, 1, f"the {edition} edition failed "
                                              f"({type(error).__name__}: {error})"))
            for problem in entry.problems:
                logging.getLogger(__name__).warning("%s", problem)
            return entry

    def edition(self, key: str, name: str) -> Entry | None:
        """The entry with edition ``name`` built from the current sources (built on request)."""
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None and not entry.failed and \
                    entry.built_from.get(name) != self.generation:
                self.build(entry.path, name)
            return entry


def page(entry: Entry) -> bytes:
    """The HTML edition with the reload script, or the problems, as one page."""
    script = RELOAD_SCRIPT.format(key=html.escape(entry.key), version=entry.version)
    if entry.failed or "html" not in entry.outputs:
        items = "".join(f"<li><pre>{html.escape(str(p))}</pre></li>" for p in entry.problems)
        body = (f"<p>{html.escape(display_path(entry.path))} could not be built. Fix it and "
                f"save: this page reloads by itself.</p><ul>{items}</ul>")
        return (ERROR_PAGE.format(title="Build error", body=body)
                .replace("</body>", script + "</body>")).encode("utf-8")
    text = entry.outputs["html"].read_text(encoding="utf-8")
    at = text.rfind("</body>")
    return (text[:at] + script + text[at:] if at >= 0 else text + script).encode("utf-8")


def index(preview: Preview) -> bytes:
    rows = []
    for key, entry in sorted(preview.entries.items()):
        name = html.escape(key)
        status = "error" if entry.failed else "ok"
        rows.append(f'<li><a href="/{name}/">{name}</a> ({status}) · '
                    f'<a href="/{name}/pdf">PDF</a> · <a href="/{name}/epub">EPUB</a></li>')
    body = f"<ul>{''.join(rows)}</ul>" if rows else "<p>No interviews found.</p>"
    return ERROR_PAGE.format(title="Interviews", body=body).encode("utf-8")


def handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = f"interview-press/{__version__}"

        def do_GET(self) -> None:  # noqa: N802 - the http.server name
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
            key, _, edition = route.strip("/").rpartition("/")
            if edition in ("pdf", "epub") and key in preview.entries:
                entry = preview.edition(key, edition)
                if entry.failed or edition not in entry.outputs:
                    return self.send(page(entry), "text/html; charset=utf-8")
                media = "application/pdf" if edition == "pdf" else "application/epub+zip"
                return self.send(entry.outputs[edition].read_bytes(), media)
            entry = preview.entries.get(route.strip("/"))
            if entry is None:
                return self.send(b"not found", "text/plain", HTTPStatus.NOT_FOUND)
            print(f"served /{entry.key}/ (version {entry.version})", flush=True)
            return self.send(page(entry), "text/html; charset=utf-8")

        def send(self, data: bytes, media: str, status: HTTPStatus = HTTPStatus.OK) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet: no log per poll
            pass

    return Handler


def watch(preview: Preview, stop: threading.Event) -> None:
    while True:
        for key in preview.refresh():
            print(f"built {key}", flush=True)
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
