"""The front-matter schema as an editor meets it."""

import re
import zipfile

import pytest

from conftest import GOOD, make
from test_load import assert_one_line


@pytest.mark.parametrize("field, message", [
    ("title", "'title' is missing"),
    ("date", "'date' is missing"),
    ("interviewee", "'interviewee' is missing"),
])
def test_missing_required_field(project, write, field, message):
    lines = [line for line in GOOD.splitlines() if not line.startswith(f"{field}:")]
    write("missing.md", "\n".join(lines) + "\n")
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/missing.md:1:", message, "add")


def test_date_that_is_not_a_date(project, write):
    write("when.md", GOOD.replace("date: 2026-02-03", "date: last spring"))
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/when.md:3:", "'date: last spring' is not a date", "YYYY-MM-DD")


def test_unknown_language_tag(project, write):
    write("lang.md", GOOD.replace("date: 2026-02-03", "date: 2026-02-03\nlang: xx-yy"))
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/lang.md:4:", "'xx-yy' is not a known language tag", "BCP 47")


def test_misspelt_field_gets_a_suggestion(project, write):
    write("typo.md", GOOD.replace("date: 2026-02-03", "date: 2026-02-03\nsubtitel: x"))
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/typo.md:4:", "unknown field 'subtitel'", "'subtitle'")


def test_speaker_with_an_unknown_role(project, write):
    write("panel.md", GOOD.replace(
        "interviewer: Ana Field\ninterviewee: Ben Stone",
        "speakers:\n  AF: {name: Ana Field, role: interviewer}\n  BS: {name: Ben Stone, role: host}"))
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/panel.md:6:", "'host' is not a speaker role")


def test_template_syntax_in_front_matter_stays_literal_in_every_edition(project, write):
    write("inject.md", GOOD.replace('"A Good Interview"', '"Seven {{ 7*7 }} {% raw %}"')
          .replace("Ben Stone", "Ben {{ config }}"))
    run = make(cwd=project)
    assert run.code == 0, run.stderr
    html = (project / "dist/inject/inject.html").read_text()
    assert "Seven {{ 7*7 }} {% raw %}" in html and "Ben {{ config }}" in html
    assert "Seven 49" not in html
    from validators import pdf_text
    assert "Seven {{ 7*7 }}" in pdf_text(project / "dist/inject/inject.pdf")
    import zipfile
    with zipfile.ZipFile(project / "dist/inject/inject.epub") as epub:
        page = epub.read("EPUB/interview.xhtml").decode()
        opf = epub.read("EPUB/content.opf").decode()
    assert "Seven {{ 7*7 }} {% raw %}" in page and "Seven {{ 7*7 }}" in opf


def test_identifier_is_stable_and_can_be_set(project, write):
    write("a.md", GOOD)
    write("b.md", GOOD.replace("date: 2026-02-03", "date: 2026-02-03\nidentifier: urn:isbn:9780000000002"))
    assert make("build", "--format", "epub", cwd=project).code == 0
    import zipfile
    opf_a = zipfile.ZipFile(project / "dist/a/a.epub").read("EPUB/content.opf").decode()
    opf_b = zipfile.ZipFile(project / "dist/b/b.epub").read("EPUB/content.opf").decode()
    assert "urn:uuid:" in opf_a and "urn:isbn:9780000000002" in opf_b
    from exporters.metadata import default_identifier
    assert default_identifier("a") in opf_a


@pytest.mark.parametrize("tags", ["labour, ports", "[labour, ports]"])
def test_keywords_as_a_list_or_one_line_with_commas(project, write, tags):
    """'tags: labour, ports', as a writer who knows no YAML lists types it, is two keywords."""
    write("kw.md", GOOD.replace("date:", f"tags: {tags}\ndate:"))
    run = make("build", "--format", "epub", cwd=project)
    assert run.code == 0, run.stderr
    with zipfile.ZipFile(project / "dist/kw/kw.epub") as book:
        opf = next(book.read(name).decode() for name in book.namelist() if name.endswith(".opf"))
    assert re.findall(r"<dc:subject>([^<]*)</dc:subject>", opf) == ["labour", "ports"]


def test_a_date_in_persian_digits_is_read(project, write):
    """'date: ۲۰۲۶-۰۴-۰۲', as a Persian keyboard types it, is 2 April 2026 (it was refused with
    'write it as YYYY-MM-DD', which is what the editor wrote)."""
    write("fa.md", GOOD.replace("date: 2026-02-03", "date: ۲۰۲۶-۰۴-۰۲"))
    run = make("build", "--format", "epub", cwd=project)
    assert run.code == 0, run.stderr
    with zipfile.ZipFile(project / "dist/fa/fa.epub") as book:
        opf = next(book.read(name).decode() for name in book.namelist() if name.endswith(".opf"))
    assert "<dc:date>2026-04-02" in opf, opf
