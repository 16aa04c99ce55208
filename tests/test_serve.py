"""make.py serve: a real browser on 127.0.0.1 reloads when the file changes; errors show in it."""

from __future__ import annotations

import html
import json
import logging
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from urllib.parse import quote, urldefrag, urljoin

import pytest

from conftest import GOOD, REPO
from exporters import serve
from validators import CHROMIUM


class Server:
    """``make.py serve --port 0`` in a project, its output read line by line."""

    def __init__(self, cwd, *options: str):
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "make.py"), "serve", "--port", "0", *options], cwd=cwd,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stdout],
                         daemon=True).start()
        self.url = self.wait(r"Preview on (http://127\.0\.0\.1:\d+/)")[1]

    def wait(self, pattern: str, seconds: float = 180) -> re.Match:
        """The first output line matching ``pattern`` within ``seconds`` (a full test run keeps
        both cores busy: a Chromium start or a build then takes many times longer)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the server stopped"
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            match = re.search(pattern, line)
            if match:
                return match
        raise AssertionError(f"no line matching {pattern!r} within {seconds} s")

    def get(self, path: str) -> tuple[str, bytes]:
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            return response.headers["Content-Type"], response.read()

    def version(self, key: str) -> int:
        return json.loads(self.get("__version/" + quote(key))[1])["version"]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Chromium is not installed")
def test_the_open_page_reloads_on_save_and_shows_build_errors(project, write, tmp_path):
    path = write("good.md", GOOD)
    server = Server(project)
    browser = None
    try:
        server.wait(r"^built good$")
        kind, page = server.get("good/")
        assert kind.startswith("text/html") and b"This is the answer." in page
        assert b'"/__version/good"' in page
        served = (project / "dist/good/good.html").read_text()
        assert "This is the answer." in served and "__version" not in served  # dist/ stays clean
        server.wait(r"served /good/ \(version 1\)")

        browser = subprocess.Popen(
            # without the background services, which this machine's closed network makes
            # Chromium retry, slowly, at every start
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-quic", f"--user-data-dir={tmp_path / 'profile'}", server.url + "good/"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server.wait(r"served /good/ \(version 1\)")  # the browser opened the page

        path.write_text(GOOD.replace("This is the answer.", "A changed answer."))
        server.wait(r"served /good/ \(version 2\)")  # the browser reloaded by itself
        assert b"A changed answer." in server.get("good/")[1]

        path.write_text(GOOD.replace("date: 2026-02-03", "date: soon"))
        server.wait(r"served /good/ \(version 3\)")
        error_page = server.get("good/")[1].decode()
        assert "could not be built" in error_page
        assert "content/good.md:3: &#x27;date: soon&#x27; is not a date" in error_page

        path.write_text(GOOD)
        server.wait(r"served /good/ \(version 4\)")
        assert b"This is the answer." in server.get("good/")[1]

        kind, pdf = server.get("good/pdf")  # built on request
        assert kind == "application/pdf" and pdf.startswith(b"%PDF")
        assert (project / "dist/good/good.pdf").is_file()
        assert b'href="/good/"' in server.get("")[1]
    finally:
        if browser is not None:
            browser.terminate()
            browser.wait(timeout=10)
        server.stop()


def test_a_broken_theme_is_shown_and_the_preview_recovers_when_it_is_fixed(project, write):
    write("good.md", GOOD)
    theme = project / "templates" / "theme.yml"
    theme.parent.mkdir()
    theme.write_text("speaker_labels: name\n")
    server = Server(project, "--templates", "templates")
    try:
        server.wait(r"^built good$")
        version = server.version("good")
        for broken, line in (
                ("speaker_labels: name\n  page_size: A5\n",  # invalid YAML
                 r"^templates/theme\.yml:2: .*not valid YAML.*; \S"),
                ("speaker_labels: name\ncolour: red\n",  # an unknown option
                 r"^templates/theme\.yml:\d+: unknown theme option 'colour'; \S")):
            theme.write_text(broken)
            problem = server.wait(line)[0]  # one line on stderr, and the server goes on
            server.wait(r"^built good$")
            page = server.get("good/")[1].decode()
            assert "could not be built" in page and html.escape(problem.strip()) in page
            assert html.escape(problem.strip()) in server.get("")[1].decode()
            assert server.version("good") > version  # the open page reloads to show it
            version = server.version("good")

        theme.write_text("speaker_labels: label\n")  # fixed: the next save rebuilds
        server.wait(r"^built good$")
        page = server.get("good/")[1].decode()
        assert "could not be built" not in page and "This is the answer." in page
        assert server.version("good") > version

        shutil.rmtree(project / "dist")  # the output deleted meanwhile: built again on request
        assert b"This is the answer." in server.get("good/")[1]
    finally:
        server.stop()


NAMES = ("o'brien", "two words #1 & 50%", "کار")


def browser_url(base: str, reference: str) -> str:
    """What a browser asks for, given a link or a fetch() URL: resolved against the page,
    without its #fragment, spaces and other letters percent-encoded."""
    return quote(urldefrag(urljoin(base, reference))[0], safe="/:?&=%'@!$()*+,;~")


def test_any_file_name_gets_a_working_page_that_does_not_reload_forever(project, write):
    for name in NAMES:
        write(f"{name}.md", GOOD)
    server = Server(project)
    try:
        for name in sorted(NAMES):
            server.wait(rf"^built {re.escape(name)}$")
        listing = server.get("")[1].decode()
        for name in NAMES:
            href = re.search(rf'<a href="([^"]+)">{re.escape(html.escape(name))}</a>', listing)
            assert href, f"no link to {name} in the list"
            page_url = browser_url(server.url, html.unescape(href[1]))
            with urllib.request.urlopen(page_url, timeout=60) as response:
                page = response.read().decode()
            assert "This is the answer." in page, name
            script = re.search(r'const url = ("[^"\n]*");\s*let seen = (-?\d+);', page)
            version_url, seen = browser_url(page_url, json.loads(script[1])), int(script[2])
            deadline = time.monotonic() + 1  # the page asks twice a second; ask a few times
            while time.monotonic() < deadline:
                with urllib.request.urlopen(version_url, timeout=60) as response:
                    assert json.load(response)["version"] == seen, f"{name}: the page reloads"
                time.sleep(0.2)
    finally:
        server.stop()


def test_the_watcher_outlives_an_unexpected_error(project, write, monkeypatch, caplog):
    monkeypatch.chdir(project)
    write("good.md", GOOD)
    preview = serve.Preview([], project / "content", project / "dist", None)
    stop = threading.Event()
    watcher = threading.Thread(target=serve.watch, args=(preview, stop), daemon=True)

    def until(condition, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            assert watcher.is_alive(), "the watcher stopped"
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.05)

    discover = serve.discover

    def broken(*args):
        raise RuntimeError("a bug\nover two lines")

    watcher.start()
    try:
        until(lambda: "good" in preview.entries and preview.entries["good"].version == 1)
        with caplog.at_level(logging.DEBUG, logger="exporters.serve"):  # as with --verbose
            monkeypatch.setattr(serve, "discover", broken)
            until(lambda: getattr(preview, "failure", None) is not None)
            time.sleep(4 * serve.POLL_SECONDS)  # it fails on every look: shown once
            failures = [r for r in caplog.records if r.levelno == logging.WARNING]
            tracebacks = [r for r in caplog.records if r.levelno == logging.DEBUG and r.exc_info]
        assert len(failures) == 1 and failures[0].exc_info is None  # one line ...
        assert tracebacks and tracebacks[0].exc_info[0] is RuntimeError  # ... the rest --verbose
        assert failures[0].getMessage() == (
            "content:1: the preview failed here (RuntimeError: a bug over two lines); fix the "
            "file and save it again; run with --verbose to see the traceback")
        entry = preview.entries["good"]
        assert entry.version == 2  # the open page reloaded once, to show it
        shown = serve.page(entry, preview.problems()).decode()
        assert "RuntimeError: a bug over two lines" in shown

        monkeypatch.setattr(serve, "discover", discover)
        until(lambda: preview.failure is None)
        assert entry.version == 3 and "html" in entry.outputs and not entry.failed
        assert watcher.is_alive()
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert not watcher.is_alive()


def test_unreadable_files_and_broken_templates_are_problems_in_the_page(project, write,
                                                                        monkeypatch):
    monkeypatch.chdir(project)
    write("good.md", GOOD)
    write("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00")
    write("latin.md", GOOD.replace("Ben Stone", "Ben St\xf6ne").encode("latin-1"))
    (project / "content" / "folder.md").mkdir()
    templates = project / "templates"
    (templates / "html").mkdir(parents=True)
    preview = serve.Preview([], project / "content", project / "dist", templates)
    preview.refresh()
    preview.build(project / "content" / "folder.md", "html")  # were it listed as an interview
    problems = {key: [str(p) for p in entry.problems] for key, entry in preview.entries.items()}
    assert problems["good"] == []
    assert problems["binary"] == ["content/binary.md:1: this is a binary file, not Markdown "
                                  "text; keep only interview .md files and their images in "
                                  "content/"]
    assert re.fullmatch(r"content/latin\.md:5: .*not UTF-8.*; .+", problems["latin"][0])
    assert re.fullmatch(r"content/folder\.md:1: .*folder.*; .+", problems["folder"][0])
    for key in problems.keys() - {"good"}:
        assert b"could not be built" in serve.page(preview.entries[key])

    (templates / "html" / "document.html").write_text("{% if %}\n")  # a template error
    preview.refresh()
    good = preview.entries["good"]
    assert good.failed and "template" in str(good.problems[0])
    assert b"could not be built" in serve.page(good)
    (templates / "html" / "document.html").unlink()
    preview.refresh()
    assert not preview.entries["good"].failed
