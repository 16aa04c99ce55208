"""Turns, parts, images and raw HTML in the body, as a reader finds them in the output."""

import re
import zipfile

import pytest

from conftest import GOOD, make, outputs
from test_load import assert_one_line

PANEL = """---
title: Panel
date: 2026-02-03
speakers:
  MO: {name: Maya Ortiz, role: interviewer}
  TL: {name: Tomas Lind, role: interviewee}
  RK: {name: Rana Kaur, role: interviewee}
  JB: {name: Jo Bell}
---
Before the first turn: the introduction.

## Opening

MO: First question?

TL: First answer.

A paragraph that continues Tomas's answer.

Note: this paragraph starts with an undeclared word and stays in the answer.

**RK:** Rana, in bold.

Jo Bell: Jo, by full name.
MO: A follow-up on the next line, no blank line.

## Closing

MO: Last question?

> A quotation inside the question.

TL: Last answer.
"""


def turns(html: str) -> list[tuple[str, str, str]]:
    """(speaker label, class, text) of each turn in the HTML edition."""
    found = re.findall(r'<div class="turn (\w+)" data-speaker="([^"]+)"[^>]*>(.*?)</div>',
                       html, re.S)
    return [(speaker, kind, re.sub(r"<[^>]+>", "", body).strip()) for kind, speaker, body in found]


def test_turns_speakers_and_continuations(project, write):
    write("panel.md", PANEL)
    run = make("build", "--format", "html", cwd=project)
    assert run.code == 0, run.stderr
    html = (project / "dist/panel/panel.html").read_text()
    found = turns(html)
    assert [(speaker, kind) for speaker, kind, _ in found] == [
        ("MO", "question"), ("TL", "answer"), ("RK", "answer"), ("JB", "answer"),
        ("MO", "question"), ("MO", "question"), ("TL", "answer")]
    assert "continues Tomas" in found[1][2] and "Note: this paragraph" in found[1][2]
    assert found[0][2].startswith("Maya Ortiz:")  # the name is visible (house style: name)
    assert "<blockquote>" in html.split('data-speaker="MO"')[-1]
    intro = html.index("the introduction")
    assert intro < html.index("First question")
    assert re.findall(r'<h2 id="panel-part-\d">([^<]+)</h2>', html) == ["Opening", "Closing"]
    assert "Jo Bell:" in html and "Rana Kaur:" in html


CLOSED = """---
title: Ferry
date: 2026-02-03
interviewer: Ada Lowe
interviewee: Ben Ruiz
---
Q: When does the ferry leave?

A: At eleven.

* * *

A rule inside an answer that is not the last is the answer's.

Q: And in winter?

A: At ten, when the tide lets it.

* * *

Thank you, Ben. This conversation was edited for length.
"""


def test_a_rule_in_the_last_answer_sets_the_closing_apart(project, write):
    """What follows a rule at the end of the last turn is nobody's turn: the closing, after
    the conversation, in the page and in the e-book; a rule earlier stays in its answer."""
    write("ferry.md", CLOSED)
    run = make("build", "--format", "html,epub", cwd=project)
    assert run.code == 0, run.stderr
    html = (project / "dist/ferry/ferry.html").read_text()
    found = turns(html)
    assert found[-1][2].endswith("At ten, when the tide lets it.")
    assert "A rule inside an answer" in found[1][2]
    closing = re.search(r'<div class="closing">(.*?)</div>', html, re.S)
    assert closing and "Thank you, Ben." in closing.group(1)
    assert html.index("when the tide lets it") < closing.start()
    with zipfile.ZipFile(project / "dist/ferry/ferry.epub") as book:
        xhtml = book.read("EPUB/interview.xhtml").decode()
    assert re.search(r'<div class="closing">\s*<p>Thank you, Ben\.', xhtml)


def test_undeclared_label_is_a_warning(project, write):
    write("panel.md", PANEL.replace("**RK:** Rana", "**RX:** Rana"))
    run = make("check", cwd=project)
    assert run.code == 0
    assert_one_line(run, "content/panel.md:22:", "warning", "'RX:'", "not declared")


@pytest.mark.parametrize(("written", "meant"), [
    ("Rana: Rana, by her first name only.", ("RK", "Rana Kaur")),
    ("RK; Rana, with a semicolon.", ("RK", "Rana Kaur")),
    ("Mo: Maya, her label in other letters.", ("MO", "Maya Ortiz")),
    ("Update: a word before a colon, no speaker's.", None)])
def test_a_mistyped_label_is_named_with_the_one_meant(project, write, written, meant):
    """A speaker's first name, or their label with a semicolon, is no label: the paragraph
    joins the turn before it, and check says which label starts the turn meant."""
    write("panel.md", PANEL.replace("**RK:** Rana, in bold.", written))
    run = make("check", cwd=project)
    assert run.code == 0
    if meant:
        assert_one_line(run, "content/panel.md:22:", "warning", f"write '{meant[0]}:'",
                        meant[1])
    else:
        assert "panel.md:22:" not in run.stderr + run.stdout


def test_empty_body(project, write):
    write("empty.md", GOOD.split("An introduction.")[0])
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/empty.md:", "has no text")


def test_no_turns_at_all(project, write):
    write("essay.md", GOOD.replace("Q: ", "").replace("A: ", ""))
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/essay.md:", "no turns found", "'Q:'")


def test_missing_image(project, write):
    write("pic.md", GOOD + "\n![A harbour.](images/nothere.png \"Caption\")\n")
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/pic.md:13:", "'images/nothere.png' was not found")


def test_image_paths_outside_the_project_are_refused(project, write):
    for name, reference in (("up.md", "../../etc/passwd"), ("file.md", "file:///etc/passwd"),
                            ("abs.md", "/etc/passwd")):
        write(name, GOOD + f"\n![Secrets.]({reference})\n")
    run = make("build", cwd=project)
    assert run.code == 1
    for name in ("up.md", "file.md", "abs.md"):
        assert_one_line(run, f"content/{name}:13:", "image")
    assert not (project / "dist").exists() or not outputs(project / "dist")


def test_remote_image_is_not_fetched(project, write):
    write("remote.md", GOOD + "\n![A photo.](https://example.org/photo.jpg)\n")
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/remote.md:13:", "on the web and is not fetched", "download it")


def test_raw_script_is_removed_from_every_edition(project, write):
    write("script.md", GOOD.replace("This is the answer.",
                                    'This is <script>alert("x")</script> the <b onclick="x()">answer</b>.'))
    run = make(cwd=project)
    assert run.code == 0, run.stderr
    assert_one_line(run, "content/script.md:11:", "warning", "removed")
    html = (project / "dist/script/script.html").read_text()
    assert "<script" not in html and "onclick" not in html and "alert" not in html
    assert "<b>answer</b>" in html
    import zipfile
    page = zipfile.ZipFile(project / "dist/script/script.epub").read("EPUB/interview.xhtml").decode()
    assert "<script" not in page and "alert" not in page


def test_image_with_caption_and_alt_text(project, write):
    from PIL import Image

    (project / "content/images").mkdir()
    Image.new("RGB", (40, 30), "navy").save(project / "content/images/box.png")
    write("pic.md", GOOD + '\n![A navy box.](images/box.png "The box, seen from above.")\n')
    run = make("build", "--format", "html,epub", cwd=project)
    assert run.code == 0, run.stderr
    html = (project / "dist/pic/pic.html").read_text()
    assert re.search(r'<figure><img src="data:image/png;base64,[^"]+" alt="A navy box."', html)
    assert "<figcaption>The box, seen from above.</figcaption>" in html
    import zipfile
    epub = zipfile.ZipFile(project / "dist/pic/pic.epub")
    assert "EPUB/images/images-box.png" in epub.namelist()
    assert 'src="images/images-box.png"' in epub.read("EPUB/interview.xhtml").decode()


def test_image_without_alt_text_is_an_error(project, write):
    from PIL import Image

    (project / "content/images").mkdir()
    Image.new("RGB", (40, 30), "navy").save(project / "content/images/box.png")
    write("noalt.md", GOOD + '\n![](images/box.png "A caption is not a description.")\n')
    write("good.md", GOOD)
    for command in ("check", "build"):
        run = make(command, cwd=project)
        assert run.code == 1
        assert_one_line(run, "content/noalt.md:13:", "'images/box.png' has no alt text",
                        "describe the picture")
        assert "warning" not in run.stderr
    assert (project / "dist/good/good.epub").is_file()
    assert not (project / "dist/noalt").exists()
