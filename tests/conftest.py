"""Shared fixtures: run make.py as an editor would, on real files, and read the results."""

from __future__ import annotations

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


def make(*args: str, cwd: Path, env: dict | None = None, timeout: int = 300) -> Run:
    """Run ``python make.py ARGS`` in ``cwd`` and capture what an editor would see."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "COLUMNS": "200", **(env or {})}
    done = subprocess.run([sys.executable, str(REPO / "make.py"), *args], cwd=cwd,
                          capture_output=True, text=True, env=environment, timeout=timeout)
    return Run(done.returncode, done.stdout, done.stderr)


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
