"""BENCHMARKS.md's generated tables: each benchmark writes its own between its own marks, and
everything outside the marks is written by hand."""

from __future__ import annotations

from pathlib import Path


def place(path: Path, text: str, begin: str, end: str, heading: str = "") -> None:
    """Put ``text`` between ``begin`` and ``end`` in ``path``, replacing what was there; a file
    without the marks gets them at its end (under ``## heading`` if given), never loses text."""
    block = f"{begin}\n{text}\n{end}"
    old = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmarks\n"
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        new = head + block + rest.split(end, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + (f"## {heading}\n\n" if heading else "") + block + "\n"
    path.write_text(new, encoding="utf-8")


def publish(text: str, target: Path | None, begin: str, end: str, heading: str = "") -> None:
    """Print a benchmark's table, and place it in ``target`` when one is given (``--write``)."""
    print(text)
    if target:
        place(target, text, begin, end, heading)
        print(f"\nwrote {target}")
