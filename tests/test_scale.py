"""Large batches: the progress a user reads, the page budget of a volume, and check's cache.

The corpus is the benchmark's generator (``benchmarks/generate.py``), a few interviews of
about 1,800 words each: enough to make a volume of a few dozen pages.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import GOOD, REPO, make

sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate  # noqa: E402


def test_progress_says_done_of_all_the_rate_and_the_time_left(project):
    generate(3, project / "content")
    run = make("build", "--format", "html", cwd=project)
    assert run.code == 0, run.stderr
    progress = [line for line in run.stdout.splitlines() if line.startswith("built ")]
    assert len(progress) == 4, run.stdout  # three interviews and the series
    for number, line in enumerate(progress[:-1], 1):
        assert re.fullmatch(rf"built content/field-notes/\S+\.md \({number}/4, [\d.]+ a minute, "
                            r"about \d+ (s|min|h \d\d min) left\)", line), line
    assert re.fullmatch(r"built content/field-notes/series\.yml \(4/4, [\d.]+ a minute\)",
                        progress[-1]), progress[-1]


def test_a_file_named_twice_is_built_once_and_counted_once(project):
    generate(3, project / "content")
    one = "content/field-notes/002-ferry-captain.md"
    run = make("build", "--format", "html", one, "content/field-notes", one, cwd=project)
    assert run.code == 0, run.stderr
    progress = [line.split(" (")[0].removeprefix("built ") + " " + line.split(" (")[1][:3]
                for line in run.stdout.splitlines() if line.startswith("built ")]
    assert progress == [f"{one} 1/3", "content/field-notes/001-beekeeper.md 2/3",
                        "content/field-notes/003-night-baker.md 3/3"], run.stdout


def test_a_batch_reads_its_files_as_they_are_walked(project):
    """build() takes the files as an iterator, read once: the list of a batch is not held."""
    from exporters.build import BuildConfig, build
    from exporters.load import each_interview

    generate(3, project / "content")
    counted = []
    config = BuildConfig(formats=("html",), out_dir=project / "dist",
                         content_root=project / "content")
    results = build(each_interview([], config.content_root), config, on_count=counted.append)
    assert counted == [4]
    assert [result.source.name for result in results] == [
        "001-beekeeper.md", "002-ferry-captain.md", "003-night-baker.md", "series.yml"]


def test_up_to_date_documents_are_counted_first_and_not_in_the_rate(project):
    generate(3, project / "content")
    assert make("build", "--format", "html", cwd=project).code == 0
    changed = project / "content/field-notes/002-ferry-captain.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "\n## ", "\nOne more sentence.\n\n## ", 1), encoding="utf-8")
    run = make("build", "--format", "html", cwd=project)
    progress = [line for line in run.stdout.splitlines() if line.startswith("built ")]
    # the two unchanged interviews are reported first; then the edited one and the volume
    assert [line.split(" (")[0] for line in progress] == [
        "built content/field-notes/002-ferry-captain.md", "built content/field-notes/series.yml"]
    assert progress[0].startswith("built content/field-notes/002-ferry-captain.md (3/4, ")


def test_a_volume_over_the_page_budget_is_refused_before_layout_in_one_line(project):
    generate(3, project / "content")
    (project / "theme").mkdir()
    (project / "theme/theme.yml").write_text("volume_page_budget: 20\n", encoding="utf-8")
    run = make("build", "--format", "pdf", "--templates", "theme", cwd=project)
    assert run.code == 1
    assert len(run.lines) == 1, run.lines
    assert re.fullmatch(
        r"content/field-notes/series\.yml:1: the volume 'field-notes' would have about (\d+) "
        r"pages, over the budget of 20 \(volume_page_budget in theme\.yml\); split the series "
        r"into several folders, or raise volume_page_budget", run.lines[0]), run.lines[0]
    assert not (project / "dist/field-notes").exists()
    assert len(list((project / "dist").glob("*/*.pdf"))) == 3  # the interviews still build


def test_the_page_estimate_errs_a_little_on_the_long_side(project):
    """The estimate that the budget is judged by, against the pages of the volume made."""
    generate(3, project / "content")
    (project / "theme").mkdir()
    theme = project / "theme/theme.yml"
    theme.write_text("volume_page_budget: 20\n", encoding="utf-8")
    refused = make("build", "--format", "pdf", "--templates", "theme", cwd=project)
    estimate = int(re.search(r"about (\d+) pages", refused.stderr)[1])
    theme.write_text(f"volume_page_budget: {estimate}\n", encoding="utf-8")
    run = make("build", "--format", "pdf", "--templates", "theme", cwd=project)
    assert run.code == 0, run.stderr
    pages = len(PdfReader(project / "dist/field-notes/field-notes.pdf").pages)
    assert pages <= estimate <= 1.3 * pages, (pages, estimate)


def test_a_larger_page_holds_more_words_so_the_estimate_falls(project):
    generate(3, project / "content")
    (project / "theme").mkdir()
    theme = project / "theme/theme.yml"
    estimates = []
    for size in ("A5", "A4"):
        theme.write_text(f"volume_page_budget: 5\npage_size: {size}\n", encoding="utf-8")
        run = make("build", "--format", "html", "--templates", "theme", cwd=project)
        estimates.append(int(re.search(r"about (\d+) pages", run.stderr)[1]))
    assert estimates[1] < estimates[0] * 0.7, estimates


def check_lines(project: Path, *args: str) -> tuple[int, list[str], str]:
    (project / "dist").mkdir(exist_ok=True)  # as a build leaves it: check keeps its cache there
    run = make("check", *args, cwd=project)
    return run.code, run.lines, run.stdout


def test_check_gives_the_same_answer_from_its_cache(project, write):
    generate(4, project / "content")
    write("field-notes/005-extra.md", GOOD.replace("This is the answer.",
                                                   "This is  the answer, see [x](notes.md)."))
    first = check_lines(project)
    assert (project / "dist/.cache/check.json").is_file()
    assert check_lines(project) == first
    assert check_lines(project, "--no-cache") == first
    assert any("[double-space]" in line for line in first[1])
    assert any("the link 'notes.md' names a file that does not exist" in line
               for line in first[1])


def test_check_in_several_processes_says_what_one_process_says(project, write):
    """Enough files for check to share them out among workers: the same lines, in the same
    order, the same failure, and a cache that answers the same afterwards."""
    generate(20, project / "content")
    write("field-notes/021-extra.md", GOOD.replace("This is the answer.",
                                                   "This is  the answer. TODO"))
    write("field-notes/022-broken.md", "---\ntitle: [unclosed\n---\n\nQ: Why?\n")
    one = check_lines(project, "--no-cache", "--jobs", "1")
    two = check_lines(project, "--no-cache", "--jobs", "2")
    assert two == one
    assert one[0] == 1 and "Checked 23 file(s): 1 with errors" in one[2]
    assert [line.split(":")[0] for line in one[1]] == sorted(
        line.split(":")[0] for line in one[1])
    assert any("[double-space]" in line for line in one[1])
    assert any("022-broken.md:2:" in line for line in one[1])
    assert check_lines(project, "--jobs", "2") == one  # the cache is filled by the workers' results
    assert check_lines(project, "--jobs", "2") == one  # and answers from it


def test_check_sees_a_change_to_any_file_a_result_depends_on(project, write):
    from PIL import Image

    generate(2, project / "content")
    (project / "content/images").mkdir()
    image = project / "content/images/square.png"
    Image.new("RGB", (4, 4)).save(image)
    write("field-notes/003-extra.md", GOOD.replace(
        "This is the answer.", "This is the answer, see [the notes](../notes.txt).\n\n"
        "![A black square.](../images/square.png)"))
    code, lines, _ = check_lines(project)
    assert code == 0 and any("'../notes.txt' names a file that does not exist" in line
                             for line in lines), lines
    assert check_lines(project)[1] == lines  # the same, from the cache
    # the linked file appears: the warning goes, though the interview did not change
    (project / "content/notes.txt").write_text("the notes", encoding="utf-8")
    assert not any("names a file that does not exist" in line for line in check_lines(project)[1])
    # the image goes: an error, though the interview's text did not change
    image.unlink()
    code, lines, _ = check_lines(project)
    assert code == 1
    assert any("content/field-notes/003-extra.md:" in line and "[image-file]" in line
               and "square.png" in line for line in lines), lines


def test_check_sees_a_series_change_through_its_cache(project, write):
    generate(2, project / "content")
    assert check_lines(project)[0] == 0
    series = project / "content/field-notes/series.yml"
    series.write_text(series.read_text(encoding="utf-8") + "order: [zz]\n", encoding="utf-8")
    code, lines, _ = check_lines(project)
    assert code == 1 and any("content/field-notes/series.yml:1: [series] 'order' names 'zz'"
                             in line for line in lines), lines
    series.write_text(series.read_text(encoding="utf-8").replace(
        "order: [zz]", "order: [001-beekeeper]"), encoding="utf-8")
    assert check_lines(project)[0] == 0
    # the interview the order names leaves the series: the series is checked again
    moved = project / "content/001-beekeeper.md"
    (project / "content/field-notes/001-beekeeper.md").rename(moved)
    moved.write_text(moved.read_text(encoding="utf-8").replace(
        'series: "Field Notes"', 'series: "Other"'), encoding="utf-8")
    code, lines, _ = check_lines(project)
    assert code == 1 and any("'order' names '001-beekeeper'" in line for line in lines), lines


def test_check_loads_no_layout_pdf_image_or_template_code(project):
    generate(3, project / "content")
    (project / "dist").mkdir()
    script = ("import sys\nfrom exporters.cli import main\ncode = main(['check'])\n"
              "print(' '.join(sorted(sys.modules)))\n")
    for _ in range(2):  # the first run reads every file; the second answers from the cache
        done = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True,
                              text=True, env={"PYTHONPATH": str(REPO), "PATH": ""})
        assert "Checked 4 file(s): 0 with errors" in done.stdout, done.stderr
        loaded = set(done.stdout.split("\n")[-2].split())
        for heavy in ("weasyprint", "PIL", "pypdf", "jinja2", "ebooklib", "fontTools.subset",
                      "exporters.layout", "exporters.edition", "exporters.render",
                      "exporters.build", "concurrent.futures.process"):
            assert heavy not in loaded, heavy
    # from the cache, not even the Markdown parser or the schema of the front matter
    assert "exporters.body" not in loaded and "exporters.metadata" not in loaded


def test_a_rebuild_with_nothing_to_do_loads_no_markdown_template_or_edition_code(project):
    """The no-change rebuild (the benchmark's (d)) answers from the build cache: it neither
    reads the interviews nor the series, nor imports the editions to learn their folders."""
    generate(3, project / "content")
    script = ("import sys\nfrom exporters.cli import main\n"
              "code = main(['build', '--format', 'html,epub'])\n"
              "print(' '.join(sorted(sys.modules)))\n")
    runs = [subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True,
                           text=True, env={"PYTHONPATH": str(REPO), "PATH": "",
                                           "SOURCE_DATE_EPOCH": "1767225600"})
            for _ in range(2)]
    assert "4 of 4 document(s) built" in runs[0].stdout, runs[0].stderr
    assert "0 of 4 document(s) built, 4 up to date" in runs[1].stdout, runs[1].stderr
    loaded = set(runs[1].stdout.split("\n")[-2].split())
    for heavy in ("markdown_it", "jinja2", "langcodes", "exporters.body", "exporters.series",
                  "exporters.render", "exporters.formats.html", "exporters.formats.epub",
                  "concurrent.futures.process", "weasyprint", "ebooklib"):
        assert heavy not in loaded, heavy
    assert "markdown_it" in set(runs[0].stdout.split("\n")[-2].split())  # the test can fail


def test_a_batch_of_many_files_is_summed_up_by_kind_not_listed(tmp_path):
    import io

    from rich.console import Console

    from exporters.build import Result
    from exporters.cli import LISTED_OUTPUTS, Tally, summary
    from exporters.edition import Written

    def tally(count: int) -> Tally:
        counted = Tally()
        for number in range(count):
            pdf, page = tmp_path / f"{number}.pdf", tmp_path / f"{number}.html"
            pdf.write_bytes(b"%PDF" * 256)
            page.write_bytes(b"<p>" * 10)
            counted.add(Result(tmp_path / f"{number}.md", [Written(pdf, 12), Written(page)]))
        return counted

    def shown(count: int) -> str:
        printed = io.StringIO()
        summary(tally(count), Console(file=printed, width=120))
        return printed.getvalue()

    few = shown(3)
    assert "0.pdf" in few and "2.html" in few and "3 of 3 document(s) built" in few
    many = shown(LISTED_OUTPUTS)  # twice as many files as are listed
    assert "0.pdf" not in many and "199.html" not in many
    assert re.search(r"200 \.html files +5\.9 KB", many) and re.search(
        r"200 \.pdf files +2400 +200\.0 KB", many), many
    assert f"{LISTED_OUTPUTS} of {LISTED_OUTPUTS} document(s) built" in many


def test_generator_shares_interviews_out_into_series_with_the_same_texts(tmp_path):
    generate(5, tmp_path / "one")
    generate(5, tmp_path / "three", 3)
    assert sorted(p.name for p in (tmp_path / "three").iterdir()) == [
        "field-notes-1", "field-notes-2", "field-notes-3"]
    for path in sorted((tmp_path / "one/field-notes").glob("*.md")):
        twin = next((tmp_path / "three").rglob(path.name))
        strip = lambda text: re.sub(r"^series(_number)?: .*\n", "", text, flags=re.M)  # noqa: E731
        assert strip(twin.read_text(encoding="utf-8")) == strip(path.read_text(encoding="utf-8"))
    assert 'title: "Field Notes 2"' in (tmp_path / "three/field-notes-2/series.yml").read_text()


def test_scale_benchmark_measures_each_count_and_writes_its_table(tmp_path):
    page = tmp_path / "BENCHMARKS.md"
    page.write_text("# Benchmarks\n\nkept\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(REPO / "benchmarks/scale.py"), "--counts", "2,3",
                           "--series-size", "2", "--format", "html", "--jobs", "1",
                           "--write", str(page)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if re.match(r"\| [23] \| ", line)]
    assert len(rows) == 2, done.stdout
    assert rows[0].startswith("| 2 | 1 |") and rows[1].startswith("| 3 | 2 |")  # series
    for row in rows:
        assert re.search(r"\| \d+ MB \| \d+ MB \|", row), row  # the parent's and a worker's peak
        assert "document(s)" not in row and "built content/" in row  # the last progress line
    written = page.read_text(encoding="utf-8")
    assert written.startswith("# Benchmarks\n\nkept\n") and "| 3 | 2 |" in written


def test_the_pace_line_reads_as_a_person_would_say_it():
    from exporters.cli import pace

    assert pace(0, 1000, 0, 0.0) == "0/1000"
    assert pace(12, 1000, 12, 18.0) == "12/1000, 40 a minute, about 25 min left"
    assert pace(10, 1000, 2, 60.0) == "10/1000, 2.0 a minute, about 8 h 15 min left"
    assert pace(998, 1000, 998, 600.0) == "998/1000, 100 a minute, about 1 s left"
    assert pace(1000, 1000, 1000, 600.0) == "1000/1000, 100 a minute"


@pytest.mark.parametrize("kept", [0, 2])
def test_a_batch_holds_a_series_of_interviews_at_most_never_all_of_them(project, monkeypatch,
                                                                       kept):
    """Documents are read when their turn comes and let go once built: while 6 interviews in
    2 series build, no more than one series' 3 are in memory at once (its volume's), besides
    those whose parse made while planning is kept for their build, as many as the budget for
    that holds (here the size of ``kept`` files)."""
    import gc

    from exporters import build as batch_build
    from exporters.model import Interview

    generate(6, project / "content", 2)
    sources = sorted((project / "content").rglob("*.md"))
    monkeypatch.setattr(batch_build, "PARSED_BUDGET",
                        sum(sorted(path.stat().st_size for path in sources)[:kept]))
    gc.collect()
    before = sum(type(o) is Interview for o in gc.get_objects())  # other tests' in this process
    most = []
    config = batch_build.BuildConfig(formats=("html",), out_dir=project / "dist",
                                     content_root=project / "content")
    results = batch_build.build(batch_build.discover([], config.content_root), config,
                                on_result=lambda result: most.append(
                                    sum(type(o) is Interview for o in gc.get_objects())))
    assert len(results) == 8 and not any(result.failed for result in results)
    assert max(most) - before <= 3 + kept, (before, most)


def test_a_batch_reported_as_it_goes_keeps_no_result(project):
    """With keep_results=False (as make.py build), each result is handed to on_result and let
    go: while 12 interviews in 2 series build, at most the two volumes' results, queued
    after the interviews, and the one being reported are alive at once."""
    import gc

    from exporters.build import BuildConfig, Result, build, discover

    generate(12, project / "content", 2)
    gc.collect()
    before = sum(type(o) is Result for o in gc.get_objects())  # other tests' in this process
    alive = []
    config = BuildConfig(formats=("html",), out_dir=project / "dist",
                         content_root=project / "content")
    returned = build(discover([], config.content_root), config, keep_results=False,
                     on_result=lambda result: alive.append(
                         sum(type(o) is Result for o in gc.get_objects())))
    assert returned == [] and len(alive) == 14
    assert max(alive) - before <= 3, (before, alive)


def test_check_goes_on_in_its_own_process_when_a_worker_is_killed(project, monkeypatch):
    """A worker that dies mid-check (killed from outside, out of memory) costs time, not the
    answer: the files are checked again in the check's own process."""
    import os

    from exporters import lint

    generate(20, project / "content")
    alone = lint.lint([], project / "content", jobs=1)
    parent, real = os.getpid(), lint.lint_file

    def dying_in_a_worker(path, *args):
        if os.getpid() != parent and path.name.startswith("007"):
            os._exit(9)
        return real(path, *args)

    monkeypatch.setattr(lint, "lint_file", dying_in_a_worker)
    shared = lint.lint([], project / "content", jobs=2)
    assert [(r.path, r.problems) for r in shared] == [(r.path, r.problems) for r in alone]
    assert len(shared) == 21  # 20 interviews and their series
