"""Writing outputs so that ``dist/`` never holds a half-written file.

Each file is written to a hidden temporary file in the same folder, flushed to
disk, then renamed over the target in one step.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import display_path

TEMPORARY_PREFIX = ".partial-"


class UnsafeOutput(Exception):
    """An output path that would land outside the output folder, or in a source folder."""


def output_path(out_dir: Path, protected: Iterable[Path], *parts: str) -> Path:
    """``out_dir/parts...``, checked after symbolic links are followed: inside ``out_dir``, and
    in none of the ``protected`` folders (content, templates). Every output goes through here."""
    root = out_dir.resolve()
    path = root.joinpath(*parts).resolve()
    if path == root or not path.is_relative_to(root):
        raise UnsafeOutput(f"'{Path(*parts)}' would be written outside the output folder "
                           f"{display_path(out_dir)}")
    for folder in protected:
        if path.is_relative_to(folder.resolve()):
            raise UnsafeOutput(f"'{Path(*parts)}' would be written into {display_path(folder)}")
    return path


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; it replaces ``target`` only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=TEMPORARY_PREFIX + target.name + ".",
                                    dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb+") as stream:
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)


def cache_path(out_dir: Path, name: str) -> Path:
    """A file of the build's own in ``<out>/.cache/``, checked like every output."""
    return output_path(out_dir, (), ".cache", name)


@contextmanager
def exclusive(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock: a second build into the same folder waits for the first,
    so that neither deletes the other's temporary files."""
    lock_path = cache_path(out_dir, "lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            logging.getLogger("exporters").warning(
                "waiting for another build into %s to finish", display_path(out_dir))
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def scratch_folder(out_dir: Path, name: str) -> Path:
    """A new folder in ``<out>/.cache/`` for files a library writes while it works, named as
    a temporary file: the build removes it when it ends, or the next one if it is killed."""
    parent = cache_path(out_dir, "")
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{TEMPORARY_PREFIX}{name}.", dir=parent))


def remove_leftovers(folder: Path) -> None:
    """Delete the temporary files and folders left in ``folder`` by a build that was killed
    (or by worker processes, which end without cleaning up)."""
    if folder.is_dir():
        for leftover in list(folder.rglob(TEMPORARY_PREFIX + "*")):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
