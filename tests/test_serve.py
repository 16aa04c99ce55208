"""make.py serve: a real browser on 127.0.0.1 reloads when the file changes; errors show in it."""

from __future__ import annotations

import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from conftest import GOOD, REPO
from validators import CHROMIUM


class Server:
    """``make.py serve --port 0`` in a project, its output read line by line."""

    def __init__(self, cwd):
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "make.py"), "serve", "--port", "0"], cwd=cwd,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stdout],
                         daemon=True).start()
        self.url = self.wait(r"Preview on (http://127\.0\.0\.1:\d+/)")[1]

    def wait(self, pattern: str, seconds: float = 60) -> re.Match:
        """The first output line matching ``pattern`` within ``seconds``."""
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
            [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             f"--user-data-dir={tmp_path / 'profile'}", server.url + "good/"],
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
