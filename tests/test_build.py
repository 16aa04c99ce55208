"""make.py as a whole: commands, exit codes, output layout, summary, safety of dist/."""

import os
from pathlib import Path
import signal
import subprocess
import sys
import time

from conftest import GOOD, REPO, make, outputs


def test_default_command_builds_every_edition_with_a_summary(project, write):
    write("one.md", GOOD)
    write("series/two.md", GOOD.replace("A Good Interview", "Second"))
    run = make(cwd=project)
    assert run.code == 0, run.stderr
    for slug in ("one", "two"):
        for name in ("html", "pdf", "epub", "print.pdf", "booklet.pdf"):
            assert (project / f"dist/{slug}/{slug}{'-' if '.' in name else '.'}{name}").is_file()
    assert "dist/one/one.pdf" in run.stdout and "2 of 2 document(s) built" in run.stdout
    assert "KB" in run.stdout


def test_format_out_and_paths(project, write):
    write("one.md", GOOD)
    write("two.md", GOOD)
    run = make("build", "content/one.md", "--format", "epub", "--out", "public", cwd=project)
    assert run.code == 0, run.stderr
    assert sorted(p.name for p in outputs(project / "public")) == ["one.epub"]


def test_format_given_twice_builds_both(project, write):
    """'--format html --format epub' builds both, as 'html,epub' does (the last alone was built)."""
    write("one.md", GOOD)
    run = make("build", "--format", "html", "--format", "epub", cwd=project)
    assert run.code == 0, run.stderr
    assert sorted(p.name for p in outputs(project / "dist")) == ["one.epub", "one.html"]


def test_usage_errors_exit_2(project):
    assert make("build", "--format", "docx", cwd=project).code == 2
    assert make("build", "--templates", "nowhere", cwd=project).code == 2
    assert make("--no-such-option", cwd=project).code == 2


def test_help_on_every_command(project):
    for command in ([], ["build"], ["check"]):
        run = make(*command, "--help", cwd=project)
        assert run.code == 0 and "usage: make.py" in run.stdout


def test_one_bad_file_fails_the_batch_but_not_the_others(project, write):
    write("good.md", GOOD)
    write("bad.md", GOOD.replace("date: 2026-02-03", "date: soon"))
    run = make(cwd=project)
    assert run.code == 1
    assert (project / "dist/good/good.pdf").is_file()
    assert not (project / "dist/bad").exists()
    assert "failed: content/bad.md" in run.stdout


def test_duplicate_slugs(project, write):
    write("a/same.md", GOOD)
    write("b/same.md", GOOD)
    run = make("check", cwd=project)
    assert run.code == 1
    assert [line for line in run.lines if "content/b/same.md:1:" in line and
            "already used by content/a/same.md" in line]


def test_check_builds_nothing(project, write):
    write("good.md", GOOD)
    run = make("check", cwd=project)
    assert run.code == 0 and not (project / "dist").exists()


def test_templates_override_built_in_files_by_name(project, write):
    write("good.md", GOOD)
    custom = project / "mytheme"
    (custom / "html").mkdir(parents=True)
    (custom / "theme.yml").write_text("speaker_labels: label\n")
    builtin = (REPO / "templates/html/style.css").read_text()
    (custom / "html/style.css").write_text(builtin + "\nbody { color: rebeccapurple; }\n")
    run = make("build", "--templates", "mytheme", "--format", "html,pdf", cwd=project)
    assert run.code == 0, run.stderr
    html = (project / "dist/good/good.html").read_text()
    assert "rebeccapurple" in html
    assert '<b class="speaker">Q:</b>' in html


def test_broken_override_template_is_one_line(project, write):
    write("good.md", GOOD)
    (project / "t/html").mkdir(parents=True)
    (project / "t/html/document.html").write_text("{% if %}\n")
    run = make("build", "--templates", "t", "--format", "html", cwd=project)
    assert run.code == 1 and "Traceback" not in run.stderr
    assert "document.html:1: template error" in run.stderr


def test_a_template_of_an_earlier_version_is_named_not_silently_ignored(project, write):
    write("good.md", GOOD)
    (project / "t/html").mkdir(parents=True)
    (project / "t/epub").mkdir(parents=True)
    (project / "t/html/interview.html").write_text("{{ meta.title }} in house style\n")
    (project / "t/epub/volume-colophon.xhtml").write_text("old\n")
    run = make("build", "--templates", "t", "--format", "html", cwd=project)
    assert run.code == 1 and "Traceback" not in run.stderr
    assert "t/html/interview.html:1: 'html/interview.html' is no longer used: interviews and " \
           "volumes are both made from 'html/document.html'; move your changes into " \
           "html/document.html" in run.stderr
    assert "t/epub/volume-colophon.xhtml:1: 'epub/volume-colophon.xhtml' is no longer used" \
           in run.stderr
    assert not (project / "dist/good/good.html").exists()


def test_failed_build_never_truncates_or_deletes_an_earlier_output(project, write):
    path = write("good.md", GOOD)
    assert make(cwd=project).code == 0
    before = {p: p.read_bytes() for p in outputs(project / "dist")}
    path.write_text(GOOD.replace("date: 2026-02-03", "date: tomorrow"))
    assert make(cwd=project).code == 1
    assert {p: p.read_bytes() for p in outputs(project / "dist")} == before
    assert path.read_text().count("tomorrow") == 1  # the source is untouched


def test_killed_build_leaves_no_partial_file(project, write):
    for number in range(6):
        write(f"i{number}.md", GOOD)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    process = subprocess.Popen([sys.executable, str(REPO / "make.py")], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not list((project / "dist").rglob("*.pdf")):
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    time.sleep(1)
    workers = subprocess.run(["pgrep", "-f", f"{REPO / 'make.py'}"], capture_output=True,
                             text=True).stdout.split()
    orphans = [pid for pid in workers
               if Path(f"/proc/{pid}/cwd").exists() and Path(f"/proc/{pid}/cwd").resolve() == project]
    assert not orphans  # the workers of a killed build end with it
    from pypdf import PdfReader
    for pdf in (project / "dist").rglob("*.pdf"):
        assert len(PdfReader(pdf).pages) >= 1
    leftovers = [p for p in (project / "dist").rglob(".partial-*")]
    assert make("build", "--format", "html", cwd=project).code == 0
    assert not list((project / "dist").rglob(".partial-*")), leftovers


def test_workers_started_from_the_parents_editions_write_what_one_process_writes(project, write):
    """With --jobs 2 the workers fork from a parent that has made the editions already (the
    PDF's stylesheets and fonts, the e-book's stylesheets): every file they write is the file
    a build in one process writes, byte for byte."""
    for number in range(1, 4):
        write(f"talk-{number}.md", GOOD.replace("A Good Interview", f"Talk number {number}"))
    one = make("build", "--jobs", "1", "--out", "one", cwd=project)
    two = make("build", "--jobs", "2", "--out", "two", cwd=project)
    assert one.code == 0 and two.code == 0, one.stderr + two.stderr
    written = {path.relative_to(project / "one"): path.read_bytes()
               for path in outputs(project / "one")}
    assert len(written) >= 12
    assert {path.relative_to(project / "two"): path.read_bytes()
            for path in outputs(project / "two")} == written


def test_the_summary_folds_long_paths_in_a_narrow_terminal():
    """In an 80-column terminal or a log the paths of the outputs were cut with '…', so the
    HTML, PDF and EPUB rows of one interview looked the same; they fold onto a second line."""
    import io

    from rich.console import Console

    from exporters.cli import Tally, summary

    tally = Tally()
    long = Path("dist/interview-with-davor-cubranic/interview-with-davor-cubranic")
    tally.listed = [(long.with_suffix(suffix), 3, 1000) for suffix in (".html", ".pdf", ".epub")]
    written = io.StringIO()
    summary(tally, Console(file=written, width=50, highlight=False))
    shown = written.getvalue()
    assert "…" not in shown, shown
    assert all(f"{long.name}{suffix}" in shown for suffix in (".html", ".pdf", ".epub")), shown
