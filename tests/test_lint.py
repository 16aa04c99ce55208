"""make.py check as an editor's linter: every rule, its line, its id, and --strict."""

import re

from conftest import GOOD, REPO, make

LINT = """---
title: "Lint Everything"
date: 2026-02-03
interviewer: Ana Field
interviewee: "Ben -- Stone"
---
An introduction with a "stray quote that never closes.

Q: First question?

Q: Second question right away?

A: An answer with two  spaces. See [the first part](#part-9) and [a file](missing.md).

**RX:** An undeclared label.

A:

Q: Where is the image?

A: Here.[^nope] And <span onclick="x()">raw HTML</span>.

![A black square.](images/pixel.png)

Q: A question with no answer?
"""
RULES = {  # line: rule ids expected there
    5: {"double-hyphen"}, 7: {"straight-quote"}, 11: {"two-questions"},
    13: {"broken-link", "double-space"}, 15: {"undeclared-label"}, 17: {"empty-turn"},
    21: {"broken-link", "raw-html"}, 25: {"no-answer"},
}


def found(run, name: str) -> dict[int, set[str]]:
    lines: dict[int, set[str]] = {}
    for line in run.lines:
        if not line.startswith(f"content/{name}:"):
            continue
        match = re.match(rf"content/{name}:(\d+): \[([a-z-]+)\] ", line)
        assert match, line
        lines.setdefault(int(match[1]), set()).add(match[2])
    return lines


def test_each_rule_names_its_line_and_id(project, write):
    from PIL import Image

    (project / "content/images").mkdir()
    Image.new("RGB", (4, 4)).save(project / "content/images/pixel.png")
    write("lint.md", LINT)
    run = make("check", cwd=project)
    assert run.code == 0, run.stderr  # warnings only
    assert found(run, "lint.md") == RULES
    assert "the question on line 9 has no answer" in run.stderr
    assert "'#part-9' points to nothing" in run.stderr and "'missing.md' names a file" in run.stderr
    assert "[^nope] has no note" in run.stderr
    assert "0 with errors, 11 warning(s)" in run.stdout
    write("lint.md", LINT.replace("![A black square.]", "![]"))
    run = make("check", cwd=project)
    # an error does not hide the other problems of the file: check reports them all
    assert run.code == 1 and found(run, "lint.md") == {**RULES, 23: {"image-alt"}}


def test_strict_turns_warnings_into_errors(project, write):
    write("lint.md", LINT.replace("![A black square.](images/pixel.png)\n", ""))
    run = make("check", "--strict", cwd=project)
    assert run.code == 1
    assert "warning" not in run.stderr and "[two-questions] two questions" in run.stderr
    write("good.md", GOOD)
    assert make("check", "--strict", "content/good.md", cwd=project).code == 0


def test_errors_have_rule_ids(project, write):
    write("schema.md", GOOD.replace("date: 2026-02-03", "date: soon"))
    write("picture.md", GOOD + "\n![A harbour.](images/nothere.png)\n")
    write("yaml.md", GOOD.replace('title: "A Good Interview"', 'title: "unclosed'))
    write("empty.md", GOOD.split("An introduction.")[0])
    run = make("check", cwd=project)
    assert run.code == 1
    assert found(run, "schema.md") == {3: {"schema"}}
    assert found(run, "picture.md") == {13: {"image-file"}}
    assert list(found(run, "yaml.md").values()) == [{"front-matter"}]
    assert list(found(run, "empty.md").values()) == [{"body"}]


def test_duplicate_slugs_and_series_numbers(project, write):
    series = GOOD.replace("interviewee: Ben Stone", "interviewee: Ben Stone\nseries: Harbour\n"
                          "series_number: 2")
    write("a/one.md", series)
    write("b/one.md", GOOD)
    write("two.md", series)
    run = make("check", cwd=project)
    assert run.code == 1
    assert re.search(r"content/b/one.md:1: \[duplicate-slug\] the slug 'one' is already used by "
                     r"content/a/one.md", run.stderr)
    assert re.search(r"content/two.md:1: \[duplicate-series-number\] warning: 'Harbour' number 2 "
                     r"is also content/a/one.md", run.stderr)


def test_clean_file_has_no_messages(project, write):
    write("good.md", GOOD.replace("This is the answer.",
                                  'She said "yes" -- twice. It\'s `a--b` in code.'))
    run = make("check", cwd=project)
    assert run.code == 0 and run.lines == [], run.stderr


def test_every_rule_id_is_in_the_readme_table_and_nothing_else():
    import re

    from exporters.errors import RULES

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| rule | | what it finds |"):]
    table = table[: table.index("\n\n")]
    documented = {name for row in table.splitlines()[2:]
                  for name in re.findall(r"`([a-z-]+)`", row.split("|")[1])}
    assert documented == set(RULES)


def test_a_rule_id_outside_the_registry_is_refused():
    from pathlib import Path

    import pytest

    from exporters.errors import Problem

    with pytest.raises(ValueError):
        Problem(Path("x.md"), 1, "what", rule="no-such-rule")
