"""One schema for front matter, series.yml and theme.yml: every mistake of a file reported at
once, each at its own line, and the allowed values declared in one place (exporters.schema)
that the command line and the README follow.

In-process, as test_bad_input.py: the loaders are called directly and the command line through
``cli.main``; the expected lines are exact (path:line: message; hint).
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from exporters import cli
from exporters.errors import ContentError
from exporters.load import parse_yaml
from exporters.paper import print_setup
from exporters.render import Templates, Theme
from exporters.schema import FRONT_MATTER, SERIES, SPEAKER, THEME
from exporters.series import read_series

from conftest import GOOD

REPO = Path(__file__).resolve().parent.parent
BODY = "\nQ: Why?\n\nA: Because.\n"
QUOTE = ("the front matter is not valid YAML (the quote \" opened on this line is not closed); "
         "close the quote: add \" at the end of the value")
PAGE_SIZE_HINT = "use A5, A6, half-letter, 6x9, letter, A4 or 'WIDTH HEIGHT' such as '6in 9in'"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """An empty project folder, the working folder, so that paths show relative to it."""
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: str, text: str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def run(capsys, *argv: str) -> tuple[int, list[str]]:
    """``cli.main(argv)``: the exit status and the lines on stderr."""
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, [line for line in captured.err.splitlines() if line.strip()]


def theme_problems(options: dict | None = None) -> list[str]:
    """The lines Templates reports for ``theme/`` (a --templates folder)."""
    with pytest.raises(ContentError) as raised:
        Templates(Path("theme"), options)
    return [str(problem) for problem in raised.value.problems]


# theme.yml

THREE_MISTAKES = "# house style\npage_sise: A5\ncrop_marks: maybe\nfont_size: 11pt\npage_size: 12\n"
THREE_LINES = [
    "theme/theme.yml:2: unknown theme option 'page_sise'; did you mean 'page_size'?",
    "theme/theme.yml:3: crop_marks: 'maybe' is not true or false; write true or false",
    f"theme/theme.yml:5: page_size: '12' is not a page size; {PAGE_SIZE_HINT}",
]


def test_every_theme_mistake_is_reported_at_its_own_line(project):
    write("theme/theme.yml", THREE_MISTAKES)
    assert theme_problems() == THREE_LINES


def test_the_build_reports_them_all_and_builds_nothing(project, capsys):
    write("content/good.md", GOOD)
    write("theme/theme.yml", THREE_MISTAKES)
    code, lines = run(capsys, "build", "--format", "epub", "--jobs", "1", "--templates", "theme")
    assert (code, lines) == (1, THREE_LINES)
    assert not Path("dist/good").exists()


@pytest.mark.parametrize("text, expected", [
    ("- page_size: A5\n", "theme/theme.yml:1: expected 'option: value' lines; write one option a "
                          "line, e.g. page_size: A5 (see the README)"),
    ('font_size: 11pt\nspeaker_labels: "label\nbleed: 3mm\n',
     "theme/theme.yml:2: the file is not valid YAML (the quote \" opened on this line is not "
     "closed); close the quote: add \" at the end of the value"),
    ("page_size: [A5, A6\n", "theme/theme.yml:1: the file is not valid YAML (the bracket [ "
                             "opened on this line is not closed); close the bracket: add ] at "
                             "the end of the value"),
    ("bleed: 3mm\nspeaker_labels: [name, label]\n",
     "theme/theme.yml:2: speaker_labels should be one value, not a list; write e.g. "
     "speaker_labels: name"),
    ("speaker_labels: bold\n", "theme/theme.yml:1: speaker_labels: 'bold' is not a style; use "
                               "one of name, label, none"),
    ("pdf_standard: pdf/a-3\n", "theme/theme.yml:1: pdf_standard: 'pdf/a-3' is not a supported "
                                "PDF standard; use one of none, pdf/x-4, pdf/x-1a"),
    ("embed_fonts_in_epub: 1\n", "theme/theme.yml:1: embed_fonts_in_epub: '1' is not true or "
                                 "false; write true or false"),
    ("font_size: large\n", "theme/theme.yml:1: font_size: 'large' is not a length; write e.g. "
                           "3mm or 0.125in"),
    ("creep:\n", "theme/theme.yml:1: 'creep' has no value; write e.g. creep: 0mm"),
    ("booklet_sheet: huge\n", f"theme/theme.yml:1: booklet_sheet: 'huge' is not a page size; "
                              f"{PAGE_SIZE_HINT}, or auto"),
    ("volume_page_budget: 0\n", "theme/theme.yml:1: volume_page_budget: '0' is not a number of "
                                "pages; write a whole number, e.g. volume_page_budget: 3000"),
    ("bleed: 5cm\ncreep: 2mm\n", "theme/theme.yml:1: bleed: '5cm' is more than 10mm; printers ask "
                                 "for 3mm or 0.125in\ntheme/theme.yml:2: creep: '2mm' is more "
                                 "than 1mm; paper is about 0.1mm thick"),
    ("crop_marks: true\nprint_preset: kdp\n",
     "theme/theme.yml:1: crop_marks: kdp does not accept printer marks; turn crop_marks off or "
     "use print_preset: none"),
])
def test_a_bad_theme_is_lines_never_a_traceback(project, text, expected):
    write("theme/theme.yml", text)
    assert theme_problems() == expected.split("\n")


def test_words_are_read_in_any_case_and_defaults_fill_the_rest(project):
    write("theme/theme.yml", "speaker_labels: Label\npdf_standard: PDF/X-4\nbooklet_sheet: AUTO\n")
    templates = Templates(Path("theme"), {"print_preset": "kdp"})
    assert templates.theme == Theme(**{**THEME.values({}), "speaker_labels": "label",
                                       "pdf_standard": "pdf/x-4", "print_preset": "kdp"})
    assert templates.paper.standard == "pdf/x-4" and not templates.paper.bookmarks


def test_options_from_the_command_line_are_checked_by_the_same_schema(project, capsys):
    write("theme/theme.yml", "")
    assert theme_problems({"print_preset": "kpd", "crop_marks": "yes", "colour": "red"}) == [
        "command line:1: unknown theme option 'colour'; use one of "
        + ", ".join(sorted(THEME.names)),
        "command line:1: crop_marks: 'yes' is not true or false; write true or false",
        "command line:1: print_preset: 'kpd' is not a preset; use one of none, kdp, lulu",
    ]
    write("content/good.md", GOOD)
    write("theme/theme.yml", "# print\nprint_preset: kdp\n")
    code, lines = run(capsys, "build", "--format", "epub", "--jobs", "1", "--templates", "theme",
                      "--crop-marks")
    assert (code, lines) == (1, ["command line:1: crop_marks: kdp does not accept printer marks; "
                                 "turn crop_marks off or use print_preset: none"])


def test_the_command_line_takes_its_preset_choices_from_the_schema(project, capsys):
    choices = ", ".join(f"'{choice}'" for choice in THEME["print_preset"].choices)
    with pytest.raises(SystemExit) as exit:
        cli.main(["build", "--preset", "kpd"])
    assert exit.value.code == 2
    assert f"invalid choice: 'kpd' (choose from {choices})" in capsys.readouterr().err


def test_the_theme_class_and_the_built_in_theme_have_exactly_the_schemas_options():
    assert [field.name for field in fields(Theme)] == [option.name for option in THEME]
    data, _ = parse_yaml((REPO / "templates/theme.yml").read_text(), Path("theme.yml"))
    assert data == {option.name: option.default for option in THEME
                    if option.name != "volume_page_budget"}


def test_print_setup_checks_values_with_the_schema():
    with pytest.raises(ValueError, match="print_preset: 'kpd' is not a preset; use one of none"):
        print_setup({"print_preset": "kpd"})
    with pytest.raises(ValueError, match="booklet_sheet should be one value, not a list"):
        print_setup({"booklet_sheet": ["A4"]})


def test_readme_theme_table_lists_exactly_the_schemas_options_and_their_values():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| option | allowed values | default |"):]
    rows = [row.split("|")[1:4] for row in table[: table.index("\n\n")].splitlines()[2:]]
    documented = {re.findall(r"`([a-z_]+)`", name)[0]: (values, default)
                  for name, values, default in rows}
    assert list(documented) == [option.name for option in THEME]
    for option in THEME:
        values, default = documented[option.name]
        shown = str(option.default).lower() if option.kind == "bool" else option.default
        assert default.strip() == f"`{shown}`", option.name
        for choice in option.choices:
            assert f"`{choice}`" in values, (option.name, choice)
        if option.most:
            assert f"at most `{option.most}`" in values, option.name
        if option.least:
            assert f"at least `{option.least}`" in values, option.name
        if option.kind == "bool":
            assert "`true` or `false`" in values, option.name


# Front matter

FRONT_THREE = ("---\ntitle: X\ndate: last spring\ninterviewer: Ana\ninterviewee: Ben\n"
               "titel: Y\nlang: klingon-xx\n---\n" + BODY)
FRONT_LINES = [
    "content/bad.md:3: 'date: last spring' is not a date; write it as YYYY-MM-DD, for example "
    "date: 2026-03-14",
    "content/bad.md:6: unknown field 'titel'; did you mean 'title'?",
    "content/bad.md:7: 'klingon-xx' is not a known language tag; use a BCP 47 tag such as en, "
    "fr, es-MX or fa",
]


def test_three_front_matter_mistakes_are_three_lines_in_check_and_build(project, capsys):
    write("content/bad.md", FRONT_THREE)
    code, lines = run(capsys, "check")
    assert (code, lines) == (1, [line.replace(": ", ": [schema] ", 1) for line in FRONT_LINES])
    code, lines = run(capsys, "build", "--format", "epub", "--jobs", "1")
    assert (code, lines) == (1, FRONT_LINES)


@pytest.mark.parametrize("front", [
    '---\ntitle: "Unclosed\ndate: 2026-01-02\ninterviewer: Ana\ninterviewee: Ben\n---\n',
    '---\ntitle: "Unclosed\nsummary: "Closed"\ndate: 2026-01-02\ninterviewer: Ana\n'
    'interviewee: Ben\n---\n',
    "---\ntitle: 'Unclosed\ndate: 2026-01-02\ninterviewer: Ana\ninterviewee: Ben\n---\n",
], ids=["to the end", "closed by a later quote", "single quote"])
def test_an_unclosed_quote_is_reported_where_it_opens(project, capsys, front):
    write("content/bad.md", front + BODY)
    code, lines = run(capsys, "check")
    expected = QUOTE.replace('"', "'") if "'Unclosed" in front else QUOTE
    assert (code, lines) == (1, [f"content/bad.md:2: [front-matter] {expected}"])


def test_unknown_speaker_field_gets_a_suggestion(project, capsys):
    write("content/bad.md", "---\ntitle: X\ndate: 2026-01-02\nspeakers:\n  Q: {name: Ana, "
                            "role: interviewer}\n  A:\n    name: Ben\n    boi: A baker\n---\n"
          + BODY)
    code, lines = run(capsys, "check")
    assert (code, lines) == (1, ["content/bad.md:8: [schema] unknown speaker field 'boi'; did you "
                                 "mean 'bio'?"])


# series.yml

SERIES_THREE = "title: S\nlang: klingon-xx\ncolour: blue\ndate: soon\n"
SERIES_LINES = [
    "content/s/series.yml:2: 'klingon-xx' is not a known language tag; use a BCP 47 tag such as "
    "en, fr, es-MX or fa",
    "content/s/series.yml:3: unknown series field 'colour'; use one of " +
    ", ".join(sorted(SERIES.names)),
    "content/s/series.yml:4: 'date: soon' is not a date; write it as YYYY-MM-DD, for example "
    "date: 2026-03-14",
]


def test_three_series_mistakes_are_three_lines(project, capsys):
    path = write("content/s/series.yml", SERIES_THREE)
    with pytest.raises(ContentError) as raised:
        read_series(path, Path("content"))
    assert [str(problem) for problem in raised.value.problems] == SERIES_LINES
    code, lines = run(capsys, "check")
    assert (code, lines) == (1, [line.replace(": ", ": [series] ", 1) for line in SERIES_LINES])


def test_an_unclosed_quote_in_series_yml_is_reported_where_it_opens(project):
    path = write("content/s/series.yml", 'title: S\nsubtitle: "Unclosed\nlang: en\n')
    with pytest.raises(ContentError) as raised:
        read_series(path, Path("content"))
    assert [str(problem) for problem in raised.value.problems] == [
        "content/s/series.yml:2: " + QUOTE.replace("the front matter", "the file")]


# The schema itself

def test_the_front_matter_and_series_field_names_come_from_the_schema():
    from exporters.metadata import FIELDS, ROLES, SPEAKER_FIELDS
    from exporters.series import SERIES_FIELDS

    assert FIELDS == FRONT_MATTER.names and SPEAKER_FIELDS == SPEAKER.names
    assert SERIES_FIELDS == SERIES.names and ROLES == SPEAKER["role"].choices


def test_unknown_keys_suggest_the_nearest_name_at_the_keys_line():
    problems = THEME.unknown_keys({"crop_mark": True, "zzz": 1}, {"crop_mark": 4, "zzz": 5},
                                  Path("t.yml"))
    assert [(p.line, p.message, p.hint) for p in problems] == [
        (4, "unknown theme option 'crop_mark'", "did you mean 'crop_marks'?"),
        (5, "unknown theme option 'zzz'", "use one of " + ", ".join(sorted(THEME.names)))]


@pytest.mark.parametrize(("size", "message"), [
    ("0pt", "font_size: '0pt' is less than 6pt; write at least 6pt"),
    ("200pt", "font_size: '200pt' is more than 24pt; write at most 24pt")])
def test_a_body_size_no_page_can_hold_is_refused(size, message):
    """font_size: 0pt made blank pages and 200pt 191 pages without a word, both built."""
    faults = THEME.faults({"font_size": size})
    assert [f"{fault.message}; {fault.hint}" for fault in faults] == [message]
