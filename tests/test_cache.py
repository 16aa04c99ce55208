"""Incremental builds: only what changed is rebuilt, and a bad cache only costs a rebuild."""

import contextlib
import hashlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys

from conftest import EPOCH, GOOD, REPO, make, outputs


def stamps(project):
    return {p.relative_to(project): p.stat().st_mtime_ns for p in outputs(project / "dist")}


def hashes(folder):
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in outputs(folder)}


def test_nothing_changed_means_nothing_built(project, write):
    write("a.md", GOOD)
    write("b.md", GOOD)
    assert make(cwd=project).code == 0
    before = stamps(project)
    run = make(cwd=project)
    assert run.code == 0 and "0 of 2 document(s) built, 2 up to date" in run.stdout
    assert stamps(project) == before


def test_editing_one_interview_rebuilds_only_its_editions(project, write):
    write("a.md", GOOD)
    path = write("b.md", GOOD)
    assert make(cwd=project).code == 0
    before = stamps(project)
    path.write_text(GOOD.replace("This is the answer.", "A new answer."))
    run = make(cwd=project)
    assert run.code == 0 and "1 of 2 document(s) built, 1 up to date" in run.stdout
    after = stamps(project)
    changed = {str(p) for p in after if after[p] != before[p]}
    assert changed == {"dist/b/b.html", "dist/b/b.pdf", "dist/b/b.epub", "dist/b/b-print.pdf",
                       "dist/b/b-booklet.pdf"}


def test_template_change_deleted_output_and_force_rebuild(project, write):
    write("a.md", GOOD)
    theme = project / "theme"
    (theme / "html").mkdir(parents=True)
    assert make("build", "--templates", "theme", cwd=project).code == 0
    (theme / "theme.yml").write_text("speaker_labels: label\n")
    assert "1 of 1 document(s) built" in make("build", "--templates", "theme", cwd=project).stdout
    (project / "dist/a/a.pdf").unlink()
    run = make("build", "--templates", "theme", cwd=project)
    assert (project / "dist/a/a.pdf").is_file() and "dist/a/a.pdf" in run.stdout
    assert "dist/a/a.html" not in run.stdout
    run = make("build", "--templates", "theme", "--force", cwd=project)
    assert "dist/a/a.html" in run.stdout and "dist/a/a.epub" in run.stdout


def cache_rows(project, table: str) -> dict[str, object]:
    with contextlib.closing(sqlite3.connect(project / "dist/.cache/builds.sqlite")) as database:
        return {name: json.loads(value)
                for name, value in database.execute(f"SELECT * FROM {table}")}


def put_cache_rows(project, table: str, rows: dict[str, object]) -> None:
    with contextlib.closing(sqlite3.connect(project / "dist/.cache/builds.sqlite")) as database:
        database.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)",
                             [(name, value if isinstance(value, str) else json.dumps(value))
                              for name, value in rows.items()])
        database.commit()


def test_corrupt_cache_is_not_trusted(project, write):
    write("a.md", GOOD)
    assert make(cwd=project).code == 0
    (project / "dist/.cache/builds.sqlite").write_text("{not json")
    run = make(cwd=project)
    assert run.code == 0 and "1 of 1 document(s) built" in run.stdout
    assert make(cwd=project).stdout.count("1 up to date") == 1  # and the cache was remade
    with contextlib.closing(sqlite3.connect(project / "dist/.cache/builds.sqlite")) as database:
        database.executescript("DROP TABLE sources; CREATE TABLE sources (x);")
    run = make(cwd=project)
    assert run.code == 0 and "1 of 1 document(s) built" in run.stdout and run.stderr == ""


def test_a_cache_of_any_shape_only_causes_a_rebuild(project, write):
    """Every row the build cache keeps (the sources, a series' reading, the editions'
    template folders), each in a shape the build never writes: one line or none, never a
    traceback, and the outputs made again."""
    write("s/series.yml", "title: Field Notes\n")
    write("s/a.md", GOOD)
    assert make("build", "--format", "html", cwd=project).code == 0
    sources, editions = cache_rows(project, "sources"), cache_rows(project, "editions")
    series = next(key for key in sources if key.endswith("series.yml"))
    shapes = [
        ("editions", {"html": []}),
        ("editions", {"html": {"code": 1, "folders": "html"}}),
        ("editions", {"html": {"code": editions["html"]["code"], "folders": [3]}}),
        ("editions", {"html": "{not json"}),
        ("sources", {series: {"source": sources[series]["source"], "slug": "s"}}),
        ("sources", {series: {**sources[series], "images": {"/nowhere/_f.md": "x"}}}),
        ("sources", {name: "[1, 2]" for name in sources}),
        ("sources", {name: {"x": 5, "editions": {"html": 5}} for name in sources}),
    ]
    for table, rows in shapes:
        put_cache_rows(project, table, rows)
        run = make("build", "--format", "html", cwd=project)
        assert run.code == 0 and "Traceback" not in run.stderr, (rows, run.stderr)
        assert (project / "dist/s/s.html").is_file() and (project / "dist/a/a.html").is_file()


def test_a_killed_build_keeps_what_it_finished(project, write):
    """Each document is recorded in the cache as soon as its editions are written: a build
    killed part-way is not done again from the start."""
    for name in "abcdef":
        write(f"{name}.md", GOOD)
    build = subprocess.Popen([sys.executable, str(REPO / "make.py"), "build", "--format", "html",
                              "--jobs", "1"], cwd=project, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    for line in build.stdout:
        if line.startswith("built "):  # the first document is written and recorded
            build.send_signal(signal.SIGKILL)
            break
    build.wait()
    run = make("build", "--format", "html", cwd=project)
    assert run.code == 0
    assert re.search(r"([0-5]) of 6 document\(s\) built, ([1-6]) up to date", run.stdout), \
        run.stdout


def test_warnings_are_repeated_when_nothing_is_rebuilt(project, write):
    write("a.md", GOOD.replace("An introduction.", "**XY:** looks like a label."))
    first = make(cwd=project)
    second = make(cwd=project)
    assert "'XY:'" in first.stderr and second.stderr == first.stderr


def test_parallel_and_serial_builds_give_the_same_bytes(project, write, tmp_path):
    for name in ("a", "b", "c"):
        write(f"{name}.md", GOOD.replace("A Good Interview", f"Interview {name}"))
    assert make("build", "--jobs", "2", cwd=project).code == 0
    parallel = hashes(project / "dist")
    assert make("build", "--jobs", "1", "--force", cwd=project).code == 0
    assert hashes(project / "dist") == parallel
