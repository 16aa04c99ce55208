"""Writing outputs so that ``dist/`` never holds a half-written file.

Each file is written to a hidden temporary file in the same folder, flushed to
disk, then renamed over the target in one step.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMPORARY_PREFIX = ".partial-"


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


def remove_leftovers(folder: Path) -> None:
    """Delete temporary files left in ``folder`` by a build that was killed."""
    if folder.is_dir():
        for leftover in folder.rglob(TEMPORARY_PREFIX + "*"):
            leftover.unlink(missing_ok=True)
