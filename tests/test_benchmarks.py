"""benchmarks/: the synthetic corpus is valid and stable, and the runner runs (no timings checked)."""

import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import REPO, make

BENCHMARKS = REPO / "benchmarks"


def generate(count: int, folder) -> None:
    subprocess.run([sys.executable, str(BENCHMARKS / "generate.py"), str(count), str(folder)],
                   check=True, capture_output=True)


def pandoc_available() -> bool:
    try:
        import pypandoc

        return bool(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return shutil.which("pandoc") is not None


def test_corpus_is_deterministic_valid_and_interview_sized(tmp_path):
    generate(3, tmp_path / "one" / "content")
    generate(3, tmp_path / "two" / "content")
    first = sorted((tmp_path / "one/content").rglob("*"))
    assert [p.relative_to(tmp_path / "one") for p in first] == \
        [p.relative_to(tmp_path / "two") for p in sorted((tmp_path / "two/content").rglob("*"))]
    for path in first:
        if path.is_file():
            twin = tmp_path / "two" / path.relative_to(tmp_path / "one")
            assert path.read_bytes() == twin.read_bytes(), path.name

    series = yaml.safe_load((tmp_path / "one/content/field-notes/series.yml").read_text())
    assert {"title", "subtitle", "editors", "description", "publisher", "lang"} <= set(series)
    interviews = sorted((tmp_path / "one/content/field-notes").glob("*.md"))
    assert len(interviews) == 3
    for path in interviews:
        text = path.read_text(encoding="utf-8")
        front, body = text.removeprefix("---\n").split("\n---\n", 1)
        fields = yaml.safe_load(front)
        assert {"title", "date", "interviewer", "interviewee", "summary", "series"} <= set(fields)
        assert fields["series"] == series["title"]
        assert len(re.findall(r"^Q: ", body, re.MULTILINE)) == 8
        assert len(re.findall(r"^A: ", body, re.MULTILINE)) == 8
        assert 2 <= len(re.findall(r"^## ", body, re.MULTILINE)) <= 3
        assert 1 <= len(re.findall(r"^\[\^\w+\]: ", body, re.MULTILINE)) <= 2
        assert 1650 <= len(body.split()) <= 1950

    check = make("check", cwd=tmp_path / "one")
    assert check.code == 0, check.stderr
    assert check.stderr == ""  # not even a warning


@pytest.mark.skipif(not pandoc_available(), reason="pandoc not installed (pip install pypandoc-binary)")
def test_runner_measures_every_step_and_prints_the_table(tmp_path):
    done = subprocess.run([sys.executable, str(BENCHMARKS / "run.py"), "--count", "3",
                           "--write", str(tmp_path / "BENCHMARKS.md")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = {line.split("|")[1].strip(): line for line in done.stdout.splitlines()
            if line.startswith("| (")}
    assert list(rows) == ["(a)", "(a*)", "(a-pdf)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)",
                          "(g-cold)"]
    for step in ("(a)", "(a*)", "(a-pdf)", "(b)", "(c)", "(d)", "(e)", "(g)", "(g-cold)"):
        assert "failed" not in rows[step] and " s |" in rows[step], rows[step]
    assert "| yes |" in rows["(e)"]  # exactly the changed interview's editions were rewritten
    assert "0 files rewritten" in rows["(d)"]
    assert "least CPU of 2 runs, taken in turn with (a-pdf)" in rows["(a)"]
    assert "least wall time of 3 runs" in rows["(g-cold)"]
    written = (tmp_path / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert "| (e) |" in written and "`nproc`" in written


def test_the_import_accuracy_table_keeps_the_rows_and_notes_written_by_hand(tmp_path):
    """--write replaces the measured rows and the per-file table, and leaves each held-out
    part's history row and the notes where they were."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from import_accuracy import write

    notes = tmp_path / "BENCHMARKS.md"
    notes.write_text(
        "# Benchmarks\n\n## Import accuracy\n\n`python benchmarks/import_accuracy.py --write`: "
        "old.\n\n| part | files |\n|---|---|\n| all | 1 |\n| held out, part 2 (by hand) | 9 |\n"
        "| markdown | 1 |\n\nA note by hand.\n\n| file | kind |\n|---|---|\n| a.md | markdown |\n"
        "\n## Next\n\nKept.\n", encoding="utf-8")
    write(["3 real interviews.", "", "| part | files |", "|---|---|", "| all | 3 |",
           "| markdown | 2 |", "| pdf | 1 |", "", "| file | kind |", "|---|---|",
           "| a.md | markdown |", "| b.md | markdown |", "| c.pdf | pdf |"], notes)
    assert notes.read_text(encoding="utf-8") == (  # a kind measured first: after the rest
        "# Benchmarks\n\n## Import accuracy\n\n`python benchmarks/import_accuracy.py --write`: "
        "3 real interviews.\n\n| part | files |\n|---|---|\n| all | 3 |\n"
        "| held out, part 2 (by hand) | 9 |\n| markdown | 2 |\n| pdf | 1 |\n\n"
        "A note by hand.\n\n| file | kind |\n|---|---|\n| a.md | markdown |\n"
        "| b.md | markdown |\n| c.pdf | pdf |\n\n## Next\n\nKept.\n")


def test_people_right_reads_a_truth_s_labels_as_the_people_they_stand_for():
    """A truth lists each speaker's label as the source writes it: 'JB' beside 'Joachim
    Breitner' is him, 'Adam & Jason' both of them, 'Q' and TODO no one; a degree or a page
    name is the same person; a name the import adds, or one it lacks, is wrong."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from import_accuracy import people_right

    truth = {"interviewers": ["Joachim Breitner", "JB", "Adam Lind", "Jason Ek",
                              "Adam Lind & Jason Ek"],
             "interviewees": ["gina-hale"]}
    assert people_right(truth, {"interviewer": ["Joachim Breitner", "Adam Lind", "Jason Ek"],
                                "interviewee": "Gina Hale, Ph.D."})
    assert not people_right(truth, {"interviewer": ["Joachim Breitner", "Adam Lind"],
                                    "interviewee": "Gina Hale"})
    assert not people_right(truth, {"interviewer": ["Joachim Breitner", "Adam Lind", "Jason Ek",
                                                    "Ruth Vale"], "interviewee": "Gina Hale"})
    assert people_right({"interviewers": ["Q"], "interviewees": ["TODO"]}, {})
    assert not people_right({"interviewers": ["Q"], "interviewees": []}, {"interviewer": "Q"})


def test_a_new_column_widens_the_rule_under_the_header(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from import_accuracy import write

    notes = tmp_path / "BENCHMARKS.md"
    notes.write_text("## Import accuracy\n\n| part | files |\n|---|---|\n| all | 1 |\n\n"
                     "| file | kind |\n|---|---|\n| a.md | markdown |\n", encoding="utf-8")
    write(["1 real interview.", "", "| part | files | people right |", "|---|---|---|",
           "| all | 1 | 1/1 |", "", "| file | kind |", "|---|---|", "| a.md | markdown |"], notes)
    assert "| part | files | people right |\n|---|---|---|\n| all | 1 | 1/1 |" in \
        notes.read_text(encoding="utf-8")


@pytest.mark.parametrize(("truth", "values", "right"), [
    ({"interviewers": ["Maya Ortiz"], "interviewees": ["AA"]},
     {"interviewer": "Maya Ortiz", "interviewee": "Andreas Antonopoulos"}, True),
    ({"interviewers": [], "interviewees": ["Ruth Vale"]},
     {"interviewer": "Ruth Vale – Harbour Board", "interviewee": "Ruth Vale"}, False),
    ({"interviewers": [], "interviewees": ["Ruth Vale"]},
     {"interviewer": "TODO", "interviewee": "Ruth Välé"}, True),
    ({"interviewers": ["Maya Ortiz"], "interviewees": ["Ruth Vale", "Tomas Lind"]},
     {"speakers": {"MO": {"name": "Maya Ortiz", "role": "interviewer"},
                   "RV": {"name": "Ruth Vale", "role": "interviewee"}}}, False),
    ({"interviewers": [], "interviewees": ["Ruth Vale", "Tomas Lind"]},
     {"speakers": {"RV": {"name": "Ruth Vale", "role": "interviewee"},
                   "TL": {"name": "Tomas Lind", "role": "interviewee"},
                   "RVTL": {"name": "Ruth Vale and Tomas Lind", "role": "interviewee"}}}, True),
    ({"title": "no people"}, {"interviewer": "Maya Ortiz"}, None)])
def test_people_right_compares_the_names_role_by_role(truth, values, right):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from import_accuracy import people_right

    assert people_right(truth, values) is right


def test_a_benchmark_table_replaces_only_its_own_marks_and_never_loses_hand_text(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from marks import place

    notes = tmp_path / "BENCHMARKS.md"
    notes.write_text("# Benchmarks\n\nWritten by hand.\n", encoding="utf-8")
    place(notes, "first table", "<!-- a -->", "<!-- /a -->", "Cluster")
    place(notes, "other table", "<!-- b -->", "<!-- /b -->")
    place(notes, "second table", "<!-- a -->", "<!-- /a -->", "Cluster")
    assert notes.read_text(encoding="utf-8") == (
        "# Benchmarks\n\nWritten by hand.\n\n## Cluster\n\n<!-- a -->\nsecond table\n"
        "<!-- /a -->\n\n<!-- b -->\nother table\n<!-- /b -->\n")
