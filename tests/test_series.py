"""Series and their collected volumes, read as a reader of the volume would."""

import re

from pypdf import PdfReader

from conftest import GOOD, make, outputs
from test_load import assert_one_line
from validators import vnu_errors

SERIES = "title: Field Notes\neditors: [Ana Field]\npublisher: Small Press\n"


def interview(title: str, number: int | None, date: str, person: str) -> str:
    text = (GOOD.replace("A Good Interview", title).replace("2026-02-03", date)
            .replace("Ben Stone", person).replace("This is the answer.", f"{person} answers.[^n]"))
    if number:
        text = text.replace("date:", f"series_number: {number}\ndate:", 1)
    return text + f"\n[^n]: A note by {person}.\n"


def test_volume_editions_keep_each_interviews_own_metadata(samples):
    folder = samples / "working-lives"
    assert {p.name for p in outputs(folder)} >= {"index.html", "working-lives.html",
                                                  "working-lives.pdf"}
    assert vnu_errors([folder / "index.html", folder / "working-lives.html"]) == ""
    index = (folder / "index.html").read_text()
    titles = re.findall(r'class="contents-title" href="([^"]+)">([^<]+)<', index)
    assert titles == [("../night-shift/night-shift.html", "The Night Shift at the Harbour"),
                      ("../three-kitchens/three-kitchens.html", "Three Kitchens, One Street"),
                      ("../river-school/river-school.html", "The School by the River"),
                      ("../bookbinder-en/bookbinder-en.html",
                       "The Hands That Bring Books Back to Life")]
    assert "Tomas Lind · " in index and "14 March 2026" in index
    whole = (folder / "working-lives.html").read_text()
    ids = re.findall(r'\sid="([^"]+)"', whole)
    assert len(ids) == len(set(ids))
    assert "night-shift-note-1" in ids and "river-school-note-1" in ids
    assert "Dolores Marchetti:" in whole and "Owen Prys:" in whole


def test_volume_pdf_front_matter_contents_and_running_heads(samples):
    pdf = samples / "working-lives/working-lives.pdf"
    reader = PdfReader(pdf)
    pages = [page.extract_text() for page in reader.pages]
    folios = [(page.strip().splitlines() or [""])[-1].strip() for page in pages]
    first_body = next(n for n, page in enumerate(pages) if "Working Lives · 1" in page)
    roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    front = [(n, folio) for n, folio in enumerate(folios[:first_body]) if pages[n].strip()]
    display = {0: "Working Lives", 2: "The Lantern Quarterly"}  # half-title, title page
    assert front and all(folio == display.get(n, roman[n]) for n, folio in front), front
    # the half-title and the title page carry no folio, blank pages none, the rest roman
    assert first_body % 2 == 0  # the first interview opens on a recto
    assert folios[first_body] == "1"
    contents = next(page for page in pages if page.startswith("Contents"))
    for title in ("The Night Shift at the Harbour", "Three Kitchens, One Street",
                  "The School by the River"):
        number = re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", contents, re.M)
        assert number, (title, contents)
        page = pages[first_body + int(number[1]) - 1]
        assert title in page and "Working Lives · " in page, title  # the interview's first page
    second = next(n for n, page in enumerate(pages) if "Working Lives · 2" in page)
    assert "Three Kitchens, One Street" in pages[second + 1]  # its running head
    outline = reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == ["Contents", "Foreword", "The Night Shift at the Harbour",
                   "Three Kitchens, One Street", "The School by the River",
                   "The Hands That Bring Books Back to Life"]
    night_parts = outline[outline.index(next(i for i in outline if not isinstance(i, list)
                                             and i.title == top[2])) + 1]
    assert [part.title for part in night_parts][:3] == [
        "Getting up there", "The weight of the box", "What the port became"]


def test_order_from_series_number_then_date_and_explicit_order(project, write):
    write("s/series.yml", SERIES)
    write("s/b.md", interview("Second", 2, "2026-01-01", "Cy Bo"))
    write("s/a.md", interview("First", 1, "2026-05-01", "Di Ax"))
    write("s/c.md", interview("Third", None, "2025-01-01", "Ed Cu"))
    run = make("build", "--format", "html", cwd=project)
    assert run.code == 0, run.stderr
    index = (project / "dist/s/index.html").read_text()
    assert re.findall(r'class="contents-title"[^>]*>([^<]+)<', index) == ["First", "Second", "Third"]
    write("s/series.yml", SERIES + "order: [c, a]\n")
    assert make("build", "--format", "html", cwd=project).code == 0
    index = (project / "dist/s/index.html").read_text()
    assert re.findall(r'class="contents-title"[^>]*>([^<]+)<', index) == ["Third", "First", "Second"]


def test_interview_elsewhere_can_join_by_naming_the_series(project, write):
    write("s/series.yml", SERIES)
    write("s/a.md", interview("First", 1, "2026-05-01", "Di Ax"))
    write("other.md", interview("Guest", 2, "2026-05-02", "Gu Est").replace(
        "date:", "series: Field Notes\ndate:", 1))
    assert make("build", "--format", "html", cwd=project).code == 0
    index = (project / "dist/s/index.html").read_text()
    assert re.findall(r'class="contents-title"[^>]*>([^<]+)<', index) == ["First", "Guest"]


def test_bad_series_file_is_one_line_and_the_rest_builds(project, write):
    write("s/series.yml", SERIES + "colour: blue\n")
    write("s/a.md", interview("First", 1, "2026-05-01", "Di Ax"))
    run = make("build", "--format", "html", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/s/series.yml:4:", "unknown series field 'colour'")
    assert (project / "dist/a/a.html").is_file()
    write("s/series.yml", SERIES + "order: [zz]\n")
    run = make("check", cwd=project)
    assert run.code == 1
    assert_one_line(run, "content/s/series.yml:1:", "'order' names 'zz'")


def test_editing_one_interview_rebuilds_it_and_its_volume_only(project, write):
    write("s/series.yml", SERIES)
    path = write("s/a.md", interview("First", 1, "2026-05-01", "Di Ax"))
    write("s/b.md", interview("Second", 2, "2026-05-02", "Cy Bo"))
    write("solo.md", interview("Solo", None, "2026-05-03", "So Lo"))
    assert make("build", "--format", "html,pdf", cwd=project).code == 0
    path.write_text(path.read_text().replace("Di Ax answers.", "Di Ax answers again."))
    run = make("build", "--format", "html,pdf", cwd=project)
    assert run.code == 0
    rebuilt = set(re.findall(r"^(dist/\S+)", run.stdout, re.M))
    assert rebuilt == {"dist/a/a.html", "dist/a/a.pdf", "dist/s/s.html", "dist/s/index.html",
                       "dist/s/s.pdf"}


def test_a_series_read_from_the_cache_still_sees_its_foreword_and_its_title_change(
        project, write):
    """A rebuild takes a series' slug, title and foreword from the build cache while its files
    are unchanged: an edited foreword rebuilds the volume, and a new title lets go of the
    interview that named the old one."""
    from PIL import Image

    write("s/series.yml", SERIES + "foreword: _foreword.md\ncover: Cover.png\n")
    foreword = write("s/_foreword.md", "A first word.\n")
    Image.new("RGB", (1600, 2560), "white").save(project / "content/s/Cover.png")
    write("s/a.md", interview("First", 1, "2026-05-01", "Di Ax"))
    write("solo.md", interview("Solo", None, "2026-05-03", "So Lo").replace(
        "date:", "series: Field Notes\ndate:", 1))
    assert make("build", "--format", "html", cwd=project).code == 0
    assert "So Lo answers" in (project / "dist/s/s.html").read_text()
    assert "0 of 3 document(s) built, 3 up to date" in make(
        "build", "--format", "html", cwd=project).stdout
    foreword.write_text("A second word.\n")
    run = make("build", "--format", "html", cwd=project)
    assert set(re.findall(r"^(dist/\S+)", run.stdout, re.M)) == {"dist/s/s.html",
                                                                  "dist/s/index.html"}
    assert "A second word." in (project / "dist/s/s.html").read_text()
    write("s/series.yml", SERIES.replace("Field Notes", "Other Notes") +
          "foreword: _foreword.md\ncover: Cover.png\n")
    assert make("build", "--format", "html", cwd=project).code == 0
    volume = (project / "dist/s/s.html").read_text()
    assert "Other Notes" in volume and "So Lo answers" not in volume and "Di Ax answers" in volume


def test_a_foreword_s_notes_link_to_their_references_and_back(project, write):
    """A note in a series' foreword: its reference links to the note and the note back to
    the reference, in the volume's HTML and EPUB (the note was 'fn1', back to '#fnref1', which
    no element had: broken links, and EPUBCheck's RSC-012)."""
    import zipfile

    write("s/series.yml", SERIES + "foreword: _foreword.md\n")
    write("s/_foreword.md", "The series began in 2026.[^f] It goes on.[^f]\n\n"
                            "[^f]: With thanks to the harbour.\n")
    write("s/a.md", interview("First", 1, "2026-05-01", "Di Ax"))
    assert make("build", "--format", "html,epub", cwd=project).code == 0
    with zipfile.ZipFile(project / "dist/s/s.epub") as book:
        foreword = next(book.read(name).decode() for name in book.namelist()
                        if "foreword" in name)
    for page in ((project / "dist/s/s.html").read_text(), foreword):
        links = set(re.findall(r'href="#([^"]*foreword[^"]*)"', page))
        ids = set(re.findall(r'id="([^"]+)"', page))
        assert links and links <= ids, (links - ids, page[-1500:])


def test_a_series_field_that_names_another_series_or_a_near_miss_is_warned_about(project,
                                                                                  write):
    """An interview in one series' folder that names another joined both volumes, and a
    misspelt series name printed on its pamphlet: check said nothing of either."""
    write("s/series.yml", SERIES)
    write("t/series.yml", SERIES.replace("Field Notes", "Harbour Notes"))
    write("s/a.md", interview("First", 1, "2026-05-01", "Di Ax").replace(
        "date:", "series: Harbour Notes\ndate:", 1))
    write("solo.md", interview("Solo", None, "2026-05-03", "So Lo").replace(
        "date:", "series: Field Note\ndate:", 1))
    write("t/b.md", interview("Second", 1, "2026-05-02", "Bo Ba"))
    check = make("check", cwd=project)
    assert check.code == 0, check.stderr
    warned = [line for line in check.lines if "[series-name]" in line]
    assert any(line.startswith("content/s/a.md:") and "'Field Notes', the series of its folder"
               in line and "both volumes" in line for line in warned), warned
    assert any(line.startswith("content/solo.md:") and "did you mean 'Field Notes'?" in line
               for line in warned), warned
    assert len(warned) == 2, warned


def test_a_series_file_named_to_build_or_check_says_what_it_is(project, write):
    """'build content/s/series.yml' said "no front matter found; begin the file with a line
    '---'", which would tell an editor to ruin the file."""
    write("s/series.yml", SERIES)
    write("s/a.md", interview("First", 1, "2026-05-01", "Di Ax"))
    for command in ("build", "check"):
        run = make(command, "content/s/series.yml", cwd=project)
        assert run.code == 1
        assert_one_line(run, "content/s/series.yml:1:", "a series' file, not an interview",
                        "with no file named")
