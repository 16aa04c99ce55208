"""When a source last changed: the time stamped inside reproducible outputs.

``SOURCE_DATE_EPOCH`` wins; otherwise the last commit of the source files when
they are in a git repository (the same on every checkout), else their newest
modification time.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path


def last_commit_time(files: list[Path]) -> int | None:
    """The time of the last commit touching any of ``files``; None outside git or if untracked."""
    git = shutil.which("git")
    if git is None or not files:
        return None
    try:
        done = subprocess.run(
            [git, "log", "-1", "--format=%ct", "--", *(str(path.resolve()) for path in files)],
            cwd=files[0].resolve().parent, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    value = done.stdout.strip()
    return int(value) if done.returncode == 0 and value.isdigit() else None


def source_time(files: list[Path], source_date_epoch: int | None) -> dt.datetime:
    """The date to stamp on an output made from ``files``, in UTC."""
    if source_date_epoch is not None:
        seconds = source_date_epoch
    else:
        seconds = last_commit_time(files)
        if seconds is None:
            seconds = int(max(os.stat(path).st_mtime for path in files))
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
