"""Incremental builds: only what changed is rebuilt, and a bad cache only costs a rebuild."""

import hashlib

from conftest import GOOD, make, outputs


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


def test_corrupt_cache_is_not_trusted(project, write):
    write("a.md", GOOD)
    assert make(cwd=project).code == 0
    (project / "dist/.cache/builds.json").write_text("{not json")
    run = make(cwd=project)
    assert run.code == 0 and "1 of 1 document(s) built" in run.stdout
    (project / "dist/.cache/builds.json").write_text('{"version": 1, "sources": []}')
    assert make(cwd=project).code == 0


def test_a_cache_of_any_shape_only_causes_a_rebuild(project, write):
    """Every section the build cache keeps (the sources, a series' reading, the editions'
    template folders), each in a shape the build never writes: one line or none, never a
    traceback, and the outputs made again."""
    import json

    write("s/series.yml", "title: Field Notes\n")
    write("s/a.md", GOOD)
    assert make("build", "--format", "html", cwd=project).code == 0
    cache = project / "dist/.cache/builds.json"
    good = json.loads(cache.read_text())
    series = next(key for key in good["sources"] if key.endswith("series.yml"))
    shapes = [
        {**good, "editions": []},
        {**good, "editions": {"html": {"code": 1, "folders": "html"}}},
        {**good, "editions": {"html": {"code": good["editions"]["html"]["code"],
                                       "folders": [3]}}},
        {**good, "sources": {**good["sources"], series: {"source": good["sources"][series]
                                                          ["source"], "slug": "s"}}},
        {**good, "sources": {**good["sources"], series: {
            **good["sources"][series], "images": {"/nowhere/_f.md": "x"}}}},
    ]
    for shape in shapes:
        cache.write_text(json.dumps(shape))
        run = make("build", "--format", "html", cwd=project)
        assert run.code == 0 and "Traceback" not in run.stderr, (shape, run.stderr)
        assert (project / "dist/s/s.html").is_file() and (project / "dist/a/a.html").is_file()


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
