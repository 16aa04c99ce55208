"""The plan of one build: a row per interview file, in a temporary SQLite database (a file in
the system's temporary folder, deleted when closed), so that what a batch keeps of each file is
on disk, not in memory, whatever its count. Rows are read back a page at a time, in the order
the files were given. It is apart from the build cache's database, whose writes may fail
(a full disk) or be rolled back without the plan losing a row.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .edition import Written
from .errors import Problem, problem_from_record, problem_record

PAGE = 256
"""Rows read at a time."""
TABLE = """CREATE TABLE batch (
    position INTEGER PRIMARY KEY,  -- the file's place in the list given to the build
    path TEXT NOT NULL,            -- as given
    resolved TEXT NOT NULL,        -- symbolic links followed
    hash TEXT NOT NULL,
    slug TEXT,                     -- NULL when the file could not be read
    series TEXT NOT NULL,
    translation_of TEXT NOT NULL,
    fresh INTEGER NOT NULL,        -- parsed by this build, not known from the cache
    failed INTEGER NOT NULL,       -- not to be built: its problems say why
    undrawable INTEGER NOT NULL,   -- characters the fonts lack: not built, nor in a volume
    stale TEXT NOT NULL,           -- JSON: the editions to build; [] when none
    keys TEXT NOT NULL,            -- JSON: per edition, the key its outputs are filed under
    problems TEXT NOT NULL,        -- JSON: the problems found so far
    up_to_date TEXT NOT NULL       -- JSON: the outputs of the editions already up to date
)"""
COLUMNS = ("position", "path", "resolved", "hash", "slug", "series", "translation_of", "fresh",
           "failed", "undrawable", "stale", "keys", "problems", "up_to_date")


@dataclass(frozen=True)
class Row:
    """What the build knows of one interview file while it plans and builds."""

    position: int
    path: Path
    hash: str = ""
    slug: str | None = None
    series: str = ""
    translation_of: str = ""
    fresh: bool = False
    failed: bool = False
    undrawable: bool = False
    stale: tuple[str, ...] = ()
    keys: dict[str, str] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    up_to_date: tuple[Written, ...] = ()


def _to_sql(row: Row) -> tuple:
    return (row.position, str(row.path), str(row.path.resolve()), row.hash, row.slug,
            row.series, row.translation_of, row.fresh, row.failed, row.undrawable,
            json.dumps(row.stale), json.dumps(row.keys),
            json.dumps(list(map(problem_record, row.problems))),
            json.dumps([{"path": str(w.path), "pages": w.pages} for w in row.up_to_date]))


def _from_sql(values: tuple) -> Row:
    (position, path, _, source_hash, slug, series, translation_of, fresh, failed, undrawable,
     stale, keys, problems, up_to_date) = values
    return Row(position, Path(path), source_hash, slug, series, translation_of, bool(fresh),
               bool(failed), bool(undrawable), tuple(json.loads(stale)), json.loads(keys),
               tuple(map(problem_from_record, json.loads(problems))),
               tuple(Written(Path(w["path"]), w["pages"]) for w in json.loads(up_to_date)))


class Batch:
    """The rows of one build; ``close`` deletes them."""

    def __init__(self) -> None:
        self._database = sqlite3.connect("", check_same_thread=False)  # "": a temporary file
        self._database.execute(TABLE)
        self._database.execute("CREATE INDEX batch_slug ON batch (slug, position)")
        self._database.execute("CREATE INDEX batch_series ON batch (series)")
        self._database.execute("CREATE INDEX batch_resolved ON batch (resolved)")
        self._database.execute("CREATE INDEX batch_path ON batch (path)")

    def close(self) -> None:
        self._database.close()

    def put(self, row: Row) -> None:
        """Add ``row``, or replace the row of its position."""
        self._database.execute(
            f"INSERT OR REPLACE INTO batch VALUES ({', '.join('?' * len(COLUMNS))})", _to_sql(row))

    def rows(self, condition: str = "1", *parameters: Any) -> Iterator[Row]:
        """The rows meeting the SQL ``condition``, in order; a row changed (``put``) while they
        are walked is seen as it is when its page is read."""
        after = -1
        while True:
            page = self._database.execute(
                f"SELECT {', '.join(COLUMNS)} FROM batch WHERE position > ? AND ({condition}) "
                f"ORDER BY position LIMIT {PAGE}", (after, *parameters)).fetchall()
            yield from map(_from_sql, page)
            if len(page) < PAGE:
                return
            after = page[-1][0]

    def count(self) -> int:
        """How many rows there are: one past the last position."""
        last = self._database.execute("SELECT max(position) FROM batch").fetchone()[0]
        return 0 if last is None else last + 1

    def has_path(self, path: Path) -> bool:
        """Whether there is a row of the file named ``path``, as given."""
        return self._database.execute("SELECT 1 FROM batch WHERE path = ? LIMIT 1",
                                      (str(path),)).fetchone() is not None

    def first_with_slug(self, slug: str, before: int) -> Path | None:
        """The first file read before ``before`` whose slug is ``slug``."""
        found = self._database.execute(
            "SELECT path FROM batch WHERE slug = ? AND position < ? ORDER BY position LIMIT 1",
            (slug, before)).fetchone()
        return Path(found[0]) if found else None

    def has_slug(self, slug: str) -> bool:
        """Whether a file that could be read has the slug ``slug``."""
        return self._database.execute("SELECT 1 FROM batch WHERE slug = ? LIMIT 1",
                                      (slug,)).fetchone() is not None

    def original(self, slug: str) -> Row | None:
        """The file to build whose slug is ``slug`` (there is one at most, once files with a
        slug already used are refused)."""
        return next(self.rows("slug = ? AND NOT failed", slug), None)

    def near_series(self, folder: Path, names: tuple[str, ...]) -> Iterator[Row]:
        """The rows to build, with characters the fonts have, of the files in ``folder`` or
        whose series is one of ``names``: those among which a series there finds its own."""
        inside = str(folder.resolve()).rstrip(os.sep) + os.sep
        after = inside[:-1] + chr(ord(os.sep) + 1)  # the first name past those inside
        return self.rows("NOT failed AND NOT undrawable AND (series IN "
                         f"({', '.join('?' * len(names))}) OR (resolved >= ? AND resolved < ?))",
                         *names, inside, after)
