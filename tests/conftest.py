"""Shared fixtures: run make.py as an editor would, on real files, and read the results."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "content"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def make(*args: str, cwd: Path, env: dict | None = None, timeout: int = 300,
         isolated: bool = False) -> Run:
    """Run ``python make.py ARGS`` in ``cwd`` and capture what an editor would see.

    A build, check, import or new without a time limit of its own runs in this process, through
    the same ``main(argv)`` make.py calls, with one job (a pool would fork the test worker);
    the rest (``isolated``, a time limit, ``--jobs``, ``serve``, an environment of its own)
    runs ``make.py`` in a new process, as an editor does."""
    changes = {"SOURCE_DATE_EPOCH": EPOCH, "COLUMNS": "200", **(env or {})}
    argv = None if isolated or env or timeout != 300 else in_process_argv(list(args))
    if argv is not None:
        return run_in_process(argv, cwd, changes)
    done = subprocess.run([sys.executable, str(REPO / "make.py"), *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, **changes},
                          timeout=timeout)
    return Run(done.returncode, done.stdout, done.stderr)


def in_process_argv(args: list[str]) -> list[str] | None:
    """``args`` as the in-process run takes them, or None when it needs a process of its own."""
    from exporters.cli import COMMANDS

    if any(arg in ("--jobs", "-j", "serve") or arg.startswith("--jobs=") for arg in args):
        return None
    if args and args[0] in COMMANDS:
        command, rest = args[0], args[1:]
    elif args and args[0] in ("-h", "--help", "--version"):
        return args
    else:
        command, rest = "build", args
    return [command, "--jobs", "1", *rest] if command == "build" else [command, *rest]


def run_in_process(argv: list[str], cwd: Path, environment: dict[str, str]) -> Run:
    from exporters import cli

    out, err = io.StringIO(), io.StringIO()
    saved = dict(os.environ)
    os.environ.update(environment)
    try:
        with contextlib.chdir(cwd), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv, prog="make.py")
            except SystemExit as exit:  # argparse's usage errors, --help and --version
                code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder with a content/ folder."""
    (tmp_path / "content").mkdir()
    return tmp_path


@pytest.fixture
def write(project: Path):
    """Write an interview file into the project's content folder."""

    def write_file(name: str, text: str | bytes) -> Path:
        path = project / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write_file


@pytest.fixture(scope="session")
def samples(tmp_path_factory) -> Path:
    """The bundled sample content built once, every edition, into a temporary dist/."""
    root = tmp_path_factory.mktemp("samples")
    shutil.copytree(SAMPLES, root / "content")
    run = make(cwd=root)
    assert run.code == 0, run.stderr
    return root / "dist"


def outputs(folder: Path) -> list[Path]:
    """The built files under ``folder``, without the build cache."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and ".cache" not in p.parts)


def sample_slugs() -> list[str]:
    return sorted(path.stem for path in SAMPLES.rglob("*.md") if not path.name.startswith("_"))


def source_of(slug: str) -> Path:
    return next(SAMPLES.rglob(f"{slug}.md"))


GOOD = """---
title: "A Good Interview"
date: 2026-02-03
interviewer: Ana Field
interviewee: Ben Stone
---
An introduction.

Q: What is the question?

A: This is the answer.
"""
