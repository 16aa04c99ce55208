"""Where outputs go, when the disk is full, and two builds into one folder at once."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EPOCH, GOOD, REPO, make


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A small file system of its own, to fill up."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount_point)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=False)


def test_a_full_disk_is_one_line_and_keeps_the_previous_outputs(project, write, tiny_disk):
    write("a.md", GOOD)
    out = tiny_disk / "dist"
    first = make("build", "--format", "epub", "--out", str(out), cwd=project)
    assert first.code == 0, first.stderr
    epub = out / "a" / "a.epub"
    before = epub.read_bytes()
    free = os.statvfs(tiny_disk)
    (tiny_disk / "filler").write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 8192))

    run = make("build", "--format", "epub,html,pdf", "--force", "--out", str(out), cwd=project)

    assert run.code == 1
    assert "Traceback" not in run.stderr
    assert any(line.startswith("content/a.md:1: the disk is full (making the ")
               and line.endswith("; free some space and build again; the previous outputs "
                                 "were kept") for line in run.lines), run.lines
    assert epub.read_bytes() == before
    assert not list(out.rglob(".partial-*"))


def test_a_build_leaves_nothing_in_the_system_temporary_folder(project, write, tmp_path):
    """WeasyPrint copies the fonts of every worker into a temporary folder it never removes
    from a worker process; the build keeps them in its output folder and removes them."""
    for name in ("a", "b", "c"):  # more than one: the build starts its worker processes
        write(f"{name}.md", GOOD)
    temporary = tmp_path / "system-temp"
    temporary.mkdir()
    run = make("build", "--format", "pdf,html", "--jobs", "2", cwd=project,
               env={"TMPDIR": str(temporary)})
    assert run.code == 0, run.stderr
    assert all((project / "dist" / name / f"{name}.pdf").is_file() for name in ("a", "b", "c"))
    assert list(temporary.iterdir()) == []
    assert not list((project / "dist").rglob(".partial-*"))


def test_a_second_build_into_the_same_folder_waits_for_the_first(project, write):
    write("a.md", GOOD)
    lock_path = project / "dist" / ".cache" / "lock"
    lock_path.parent.mkdir(parents=True)
    with open(lock_path, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a first build is running
        waiting = subprocess.Popen(
            [sys.executable, str(REPO / "make.py"), "build", "--format", "epub"], cwd=project,
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH}, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert waiting.poll() is None, waiting.communicate()
        assert not (project / "dist" / "a").exists()
    out, err = waiting.communicate(timeout=120)

    assert waiting.returncode == 0, err
    assert err.strip() == "waiting for another build into dist to finish"
    assert (project / "dist" / "a" / "a.epub").is_file()
