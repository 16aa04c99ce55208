"""Incremental builds: what each output was built from, by content hash.

The cache is one SQLite file in the output folder (``.cache/builds.sqlite``): a row per
source file, read when that file's turn comes and written as soon as its editions are, so
that a batch of any size holds none of it in memory, and a build that is killed keeps what
it finished. It is safe to delete, and a file or row that cannot be read is treated as
empty: the worst a bad cache can do is cause a rebuild.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import fields
from pathlib import Path
from typing import Any

from . import __version__
from .errors import Problem, problem_from_record, problem_record
from .output import UnsafeOutput, cache_path, write_atomic

PACKAGE = Path(__file__).resolve().parent
CACHE_VERSION = 2
PROBLEM_FIELDS = {field.name for field in fields(Problem)}
CACHE_TABLES = ("CREATE TABLE IF NOT EXISTS sources (name TEXT PRIMARY KEY, entry TEXT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS editions (name TEXT PRIMARY KEY, record TEXT NOT NULL)")


def digest(*parts: bytes | str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode() if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    return digest(path.read_bytes())


def folder_digest(folders: list[Path], pattern: str = "*") -> str:
    """One hash of every file matching ``pattern`` under ``folders`` (names and contents)."""
    parts: list[str] = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
            parts += [path.relative_to(folder).as_posix(), file_digest(path)]
    return digest(*parts)


def toolchain_digest() -> str:
    """The toolchain's version: its version number and the code of the package (the
    templates are hashed per edition, with those of --templates)."""
    return digest(__version__, folder_digest([PACKAGE], "*.py"))


def open_cache_database(out_dir: Path) -> sqlite3.Connection:
    """The cache's database in ``<out>/.cache``, made afresh when it is missing, damaged, or
    of another version. The journal SQLite writes beside it is checked like every output."""
    path = cache_path(out_dir, "builds.sqlite")
    cache_path(out_dir, "builds.sqlite-journal")  # raises if it would land outside <out>
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(2):
        database = sqlite3.connect(path, check_same_thread=False)
        try:
            database.execute("PRAGMA synchronous = OFF")  # a lost row is only a rebuild
            if database.execute("PRAGMA user_version").fetchone()[0] != CACHE_VERSION:
                database.executescript("DROP TABLE IF EXISTS sources; DROP TABLE IF EXISTS "
                                       f"editions; PRAGMA user_version = {CACHE_VERSION};")
            for table in CACHE_TABLES:
                database.execute(table)
            found = {row[0] for row in database.execute("SELECT sql FROM sqlite_master")}
            if not found >= {table.replace(" IF NOT EXISTS", "") for table in CACHE_TABLES}:
                raise sqlite3.DatabaseError("tables of another shape")
            database.commit()
            return database
        except sqlite3.DatabaseError:  # not a database, or a damaged one: start again
            database.close()
            if attempt == 0:
                path.unlink(missing_ok=True)
                cache_path(out_dir, "builds.sqlite-journal").unlink(missing_ok=True)
    return sqlite3.connect(":memory:", check_same_thread=False)  # could not be remade there


class BuildCache:
    """Per source file: its hash, slug, warnings, images, and each edition's inputs and outputs.

    ``changed`` says whether anything was remembered since the last ``save``; ``save``
    commits it. Rows are read one source at a time, the last one kept at hand."""

    def __init__(self, out_dir: Path):
        self.path = cache_path(out_dir, "builds.sqlite")
        self._database = open_cache_database(out_dir)
        (out_dir / ".cache" / "builds.json").unlink(missing_ok=True)  # an earlier version's cache
        self._recent: tuple[str, dict[str, Any]] | None = None
        self.changed = False

    def _name(self, source: Path) -> str:
        """The key of ``source``'s entry: its path, symbolic links followed."""
        return str(source.resolve())

    def _row(self, table: str, name: str) -> Any:
        try:
            found = self._database.execute(
                f"SELECT {'entry' if table == 'sources' else 'record'} FROM {table} "
                "WHERE name = ?", (name,)).fetchone()
            return json.loads(found[0]) if found else None
        except (sqlite3.DatabaseError, ValueError, TypeError):
            return None

    def _write(self, table: str, name: str, value: Any) -> None:
        self.changed = True
        try:
            self._database.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)",
                                   (name, json.dumps(value, sort_keys=True)))
        except sqlite3.DatabaseError:  # e.g. a full disk: not remembered, so built again
            pass

    def _entry(self, source: Path) -> tuple[str, dict[str, Any]]:
        name = self._name(source)
        if self._recent is None or self._recent[0] != name:
            entry = self._row("sources", name)
            self._recent = (name, entry if _well_formed(entry) else {})
        return self._recent

    def _store(self, name: str, entry: dict[str, Any]) -> None:
        self._recent = (name, entry)
        self._write("sources", name, entry)

    def save(self) -> None:
        """Commit what was remembered since the last save."""
        self._database.commit()
        self.changed = False

    def close(self) -> None:
        self._database.close()

    def edition_folders(self, name: str, code: str) -> list[str] | None:
        """The template folders ``name`` uses, as learnt from this very code (``code``: the
        toolchain's digest and the edition's registration), without importing it."""
        record = self._row("editions", name)
        return record["folders"] if _edition_record(record) and record["code"] == code else None

    def remember_edition_folders(self, name: str, code: str, folders: list[str]) -> None:
        self._write("editions", name, {"code": code, "folders": folders})

    def entry(self, source: Path) -> dict[str, Any]:
        """What is remembered of ``source`` (a copy: remember_* change it)."""
        return dict(self._entry(source)[1])

    def known(self, source: Path, source_hash: str) -> dict[str, Any] | None:
        """The cached reading of ``source`` if the file and its images are unchanged."""
        entry = self.entry(source)
        if not entry or entry.get("source") != source_hash:
            return None
        try:
            for image, image_hash in entry.get("images", {}).items():
                if file_digest(Path(image)) != image_hash:
                    return None
        except OSError:
            return None
        return entry

    def remember_reading(self, source: Path, source_hash: str, slug: str, series: str,
                         translation_of: str, images: list[Path],
                         warnings: list[Problem], foreword: str | None = None) -> None:
        name, entry = self._entry(source)
        entry = {**entry, "editions": entry.get("editions", {})
                 if entry.get("source") == source_hash else {}}
        entry.update(source=source_hash, slug=slug, series=series, translation_of=translation_of,
                     images={str(p): file_digest(p) for p in images},
                     warnings=list(map(problem_record, warnings)))
        if foreword is not None:
            entry["foreword"] = foreword
        self._store(name, entry)

    @staticmethod
    def cached_warnings(entry: dict[str, Any]) -> list[Problem]:
        return list(map(problem_from_record, entry.get("warnings", [])))

    def up_to_date(self, source: Path, edition: str, key: str) -> list[dict] | None:
        """The outputs recorded for ``edition`` if built from ``key`` and still on disk."""
        record = self._entry(source)[1].get("editions", {}).get(edition)
        if not record or record.get("key") != key:
            return None
        if not all(Path(output["path"]).is_file() for output in record.get("outputs", [])):
            return None
        return record["outputs"]

    def remember_edition(self, source: Path, edition: str, key: str, outputs: list[dict],
                         notice: Problem | None = None) -> None:
        record: dict[str, Any] = {"key": key, "outputs": outputs}
        if notice is not None:
            record["notice"] = problem_record(notice)
        name, entry = self._entry(source)
        self._store(name, {**entry, "editions": {**entry.get("editions", {}), edition: record}})

    def notices(self, source: Path, edition: str) -> list[Problem]:
        """The notice recorded for an edition that was rightly not made, if any."""
        record = self._entry(source)[1].get("editions", {}).get(edition, {})
        notice = record.get("notice")
        return [problem_from_record(notice)] if notice else []


def _edition_record(record: Any) -> bool:
    return (isinstance(record, dict) and isinstance(record.get("code"), str)
            and isinstance(record.get("folders"), list)
            and all(isinstance(folder, str) for folder in record["folders"]))


def _well_formed(entry: Any) -> bool:
    """Whether a cache entry has the shape this module writes."""
    def problem(value: Any) -> bool:
        return (isinstance(value, dict) and isinstance(value.get("path"), str)
                and isinstance(value.get("line"), int) and isinstance(value.get("message"), str)
                and set(value) <= PROBLEM_FIELDS
                and all(isinstance(value.get(k, ""), str) for k in ("hint", "severity", "rule")))

    def output(value: Any) -> bool:
        return (isinstance(value, dict) and isinstance(value.get("path"), str)
                and isinstance(value.get("pages"), (int, type(None))))

    def edition(value: Any) -> bool:
        return (isinstance(value, dict) and isinstance(value.get("key"), str)
                and isinstance(value.get("outputs"), list) and all(map(output, value["outputs"]))
                and ("notice" not in value or problem(value["notice"])))

    if not isinstance(entry, dict):
        return False
    texts = all(isinstance(entry.get(key, ""), str)
                for key in ("source", "slug", "series", "translation_of", "foreword"))
    images = entry.get("images", {})
    editions = entry.get("editions", {})
    return (texts and ("source" not in entry or "slug" in entry) and isinstance(images, dict)
            and all(isinstance(v, str) for v in images.values())
            and isinstance(entry.get("warnings", []), list)
            and all(map(problem, entry.get("warnings", [])))
            and isinstance(editions, dict) and all(map(edition, editions.values())))


CHECK_VERSION = 1


class CheckCache:
    """``check``'s results per file, by content hash, in ``<out>/.cache/check.json``.

    A file's result is kept only when it has no error, with the hash of every file it
    depends on (its images, recording and cover, and whether each file it links to exists);
    it is used again only when the file, those files, the toolchain, the fonts, the content
    folder and the working folder are all as they were. Anything else is checked afresh, so
    the cache can make a check faster, never different. A series is kept the same way, by
    its ``series.yml``, the files it names and what its interviews say of themselves."""

    def __init__(self, out_dir: Path, content_root: Path, fonts: Path):
        self.path = out_dir / ".cache" / "check.json"
        self.run = digest(toolchain_digest(), folder_digest([fonts]),
                          str(content_root.resolve()), str(Path.cwd()))
        self.entries = self._load()
        self.changed = False

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != CHECK_VERSION \
                or data.get("run") != self.run or not isinstance(data.get("files"), dict):
            return {}
        return {key: entry for key, entry in data["files"].items() if _check_entry(entry)}

    def known(self, name: str, source_hash: str) -> dict[str, Any] | None:
        """The entry of ``name`` (a file's path as given, or a series' key) if its file and
        every file it depends on are unchanged."""
        entry = self.entries.get(name)
        if entry is None or entry["source"] != source_hash:
            return None
        return entry if all(_state(Path(path)) == state
                            for path, state in entry["depends"].items()) else None

    def remember(self, name: str, source_hash: str, depends: list[Path],
                 problems: list[Problem], listed: dict[str, Any]) -> None:
        self.changed = True
        self.entries[name] = {
            "source": source_hash, "depends": {str(path): _state(path) for path in depends},
            "problems": list(map(problem_record, problems)),
            "listed": listed}

    @staticmethod
    def problems(entry: dict[str, Any]) -> list[Problem]:
        return list(map(problem_from_record, entry["problems"]))

    def save(self) -> None:
        """Write the entries, if any changed; a cache that cannot be written is no loss."""
        if not self.changed:
            return
        try:
            path = cache_path(self.path.parent.parent, self.path.name)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(
                {"version": CHECK_VERSION, "run": self.run, "files": self.entries},
                sort_keys=True).encode())
        except (OSError, UnsafeOutput):
            pass


def _state(path: Path) -> str:
    """What of ``path`` a check depends on: its content hash, that it is a folder, or that it
    is not there."""
    try:
        return file_digest(path) if path.is_file() else "folder" if path.is_dir() else "missing"
    except OSError:
        return "missing"


def _check_entry(entry: Any) -> bool:
    """Whether a check cache entry has the shape :class:`CheckCache` writes."""
    return (isinstance(entry, dict) and isinstance(entry.get("source"), str)
            and isinstance(entry.get("depends"), dict)
            and all(isinstance(v, str) for v in entry["depends"].values())
            and isinstance(entry.get("problems"), list)
            and all(isinstance(p, dict) and set(p) <= PROBLEM_FIELDS
                    and isinstance(p.get("path"), str) and isinstance(p.get("line"), int)
                    and isinstance(p.get("message"), str) for p in entry["problems"])
            and isinstance(entry.get("listed"), dict))
