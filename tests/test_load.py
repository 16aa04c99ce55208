"""Files that are not readable interviews: one clear line each, and the batch goes on."""

import pytest

from conftest import GOOD, make


def assert_one_line(run, where: str, *words: str) -> None:
    errors = [line for line in run.lines if where in line]
    assert len(errors) == 1, run.stderr
    assert "Traceback" not in run.stderr
    for word in words:
        assert word in errors[0], errors[0]


def test_malformed_yaml_names_the_line(project, write):
    write("good.md", GOOD)
    write("bad.md", '---\ntitle: "Unclosed\ndate: 2026-01-01\n---\nQ: x\n\nA: y\n')
    run = make("build", "--format", "html", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/bad.md:", "not valid YAML", ";")
    assert (project / "dist/good/good.html").is_file()


def test_non_utf8_file_names_the_line_of_the_bad_byte(project, write):
    write("latin1.md", GOOD.replace("An introduction.", "Caf\xe9 talk.").encode("latin-1"))
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/latin1.md:7:", "not UTF-8", "save the file as UTF-8")


def test_binary_file_is_refused(project, write):
    write("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/photo.md:1:", "binary file")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_file_saved_as_utf16_is_told_to_be_saved_as_utf8(project, write, encoding):
    """Windows' "Unicode" is UTF-16: the file is the interview, in the wrong encoding, not a
    binary file to take out of content/."""
    write("unicode.md", GOOD.encode(encoding))
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/unicode.md:1:", "UTF-16", "save the file as UTF-8")


def test_file_without_front_matter(project, write):
    write("plain.md", "Q: Hello?\n\nA: Hi.\n")
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/plain.md:1:", "no front matter", "'---'")


def test_front_matter_that_is_not_a_mapping(project, write):
    write("list.md", "---\n- one\n- two\n---\nQ: x\n")
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/list.md:", "not a list of fields")
