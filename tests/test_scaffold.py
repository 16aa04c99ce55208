"""make.py new: a file with every front-matter field, optional ones commented, that builds."""

import datetime as dt

import yaml

from conftest import GOOD, make
from exporters.metadata import FIELDS


def test_new_file_has_every_field_and_builds(project, write):
    write("first.md", GOOD.replace("interviewee: Ben Stone",
                                   "interviewee: Ben Stone\nseries: Working Lives\nseries_number: 4"))
    run = make("new", "The Lock Keeper's Daughter", "--series", "Working Lives", cwd=project)
    assert run.code == 0, run.stderr
    path = project / "content/the-lock-keepers-daughter.md"
    assert "Wrote content/the-lock-keepers-daughter.md" in run.stdout
    text = path.read_text()
    front = text.split("---")[1]
    for name in FIELDS:
        assert f"\n{name}:" in front or f"\n# {name}:" in front, name
    values = yaml.safe_load(front)
    assert values == {"title": "The Lock Keeper's Daughter", "date": dt.date.today(),
                      "lang": "en", "interviewer": "TODO", "interviewee": "TODO",
                      "series": "Working Lives", "series_number": 5}
    assert make("build", "--format", "html", str(path), cwd=project).code == 0
    check = make("check", str(path), cwd=project)
    assert check.code == 0
    assert all("[todo]" in line for line in check.lines) and len(check.lines) == 5
    assert make("check", "--strict", str(path), cwd=project).code == 1


def test_new_never_overwrites(project, write):
    path = write("taken.md", GOOD)
    run = make("new", "Taken", cwd=project)
    assert run.code == 1 and path.read_text() == GOOD
    assert "content/taken.md:1: already exists" in run.stderr
    assert make("new", "Taken", "-o", "content/other.md", cwd=project).code == 0
    assert make("new", "???", cwd=project).code == 2


def test_a_title_in_persian_or_arabic_gets_its_language(project):
    for title, lang in (("گفت‌وگو با ماهیگیر", "fa"), ("حوار مع صياد", "ar")):
        run = make("new", title, cwd=project)
        assert run.code == 0, run.stderr
        written = next(project.glob("content/*.md"))
        assert yaml.safe_load(written.read_text().split("---")[1])["lang"] == lang
        written.unlink()


def test_a_text_in_arabic_script_under_a_latin_language_is_warned_about(project, write):
    """A Persian text left at 'lang: en' came out shaped and ordered as English, its generated
    words English, and check said nothing."""
    from conftest import source_of

    persian = source_of("bookbinder-fa").read_text(encoding="utf-8")
    write("x.md", persian.replace("lang: fa\n", ""))
    check = make("check", cwd=project)
    assert check.code == 0
    assert any("[lang-script]" in line and "set lang: fa" in line for line in check.lines), \
        check.lines
    write("x.md", persian)
    assert not any("[lang-script]" in line for line in make("check", cwd=project).lines)
