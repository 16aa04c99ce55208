"""The EPUB edition: checked by EPUBCheck and Ace, and read back as a reader app would."""

import hashlib
import re
import shutil
import zipfile

import pytest
from ebooklib import epub

from conftest import make, outputs, sample_slugs, source_of
from validators import ace_violations, epubcheck_messages


def test_every_sample_passes_epubcheck_with_no_messages(samples):
    books = sorted(samples.glob("*/*.epub"))
    assert {book.stem for book in books} >= set(sample_slugs())
    counts = epubcheck_messages(books)
    assert all(counts[str(book)] == 0 for book in books), counts["_output"]


def test_epubcheck_reports_a_broken_book(samples, tmp_path):
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(samples / "last-bookshop/last-bookshop.epub") as source, \
            zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("interview.xhtml"):
                data = data.replace(b"</article>", b"")
            target.writestr(item, data)
    assert epubcheck_messages([broken])[str(broken)] > 0


@pytest.mark.parametrize("slug", sample_slugs())
def test_ace_finds_no_violations(samples, slug):
    assert ace_violations(samples / slug / f"{slug}.epub") == []


def read(path):
    return epub.read_epub(str(path), {"ignore_ncx": True})


def test_contents_follow_the_interview_and_metadata_round_trips(samples):
    book = read(samples / "night-shift/night-shift.epub")
    assert book.get_metadata("DC", "title")[0][0] == "The Night Shift at the Harbour"
    assert book.get_metadata("DC", "language")[0][0] == "en"
    assert book.get_metadata("DC", "date")[0][0] == "2026-03-14"
    creators = {name: attrs for name, attrs in book.get_metadata("DC", "creator")}
    assert set(creators) == {"Tomas Lind", "Maya Ortiz"}
    assert book.get_metadata("DC", "source")[0][0].startswith("https://example.org/")
    assert "CC BY-SA" in book.get_metadata("DC", "rights")[0][0]
    opf = zipfile.ZipFile(samples / "night-shift/night-shift.epub").read("EPUB/content.opf").decode()
    assert re.search(r'refines="#creator-1" property="role" scheme="marc:relators">ive<', opf)
    assert re.search(r'refines="#creator-2" property="role" scheme="marc:relators">ivr<', opf)
    assert 'property="dcterms:modified">2026-01-01T00:00:00Z<' in opf
    assert 'property="schema:accessMode">visual<' in opf

    nav = zipfile.ZipFile(samples / "night-shift/night-shift.epub").read("EPUB/nav.xhtml").decode()
    entries = re.findall(r'<a href="interview\.xhtml(?:#[^"]*)?">([^<]+)</a>', nav)
    assert entries == ["The Night Shift at the Harbour", "Getting up there",
                       "The weight of the box", "What the port became"]
    assert zipfile.ZipFile(samples / "night-shift/night-shift.epub").read("EPUB/toc.ncx")


def test_every_question_and_speaker_is_in_the_text(samples):
    source = (source_of("three-kitchens")).read_text()
    page = zipfile.ZipFile(samples / "three-kitchens/three-kitchens.epub").read(
        "EPUB/interview.xhtml").decode()
    text = re.sub(r"<[^>]+>", "", page)
    for name in re.findall(r"name: ([^,}]+)", source):
        assert f"{name.strip()}:" in text
    assert text.count(":") >= len(re.findall(r"^(IW|DM|SH|AN|\*\*\w+):", source, re.M))
    assert page.count('class="turn question"') == len(re.findall(r"^IW:", source, re.M))
    assert 'epub:type="noteref"' in zipfile.ZipFile(
        samples / "night-shift/night-shift.epub").read("EPUB/interview.xhtml").decode()


def test_one_spine_item_and_a_stable_zip(samples):
    with zipfile.ZipFile(samples / "river-school/river-school.epub") as book:
        names = book.namelist()
        opf = book.read("EPUB/content.opf").decode()
        assert names[0] == "mimetype" and book.infolist()[0].compress_type == zipfile.ZIP_STORED
        assert names[1:] == sorted(names[1:])
        assert {info.date_time for info in book.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert len(re.findall(r"<itemref ", opf)) == 1


def test_two_builds_are_byte_identical(tmp_path, samples):
    shutil.copytree(samples.parent / "content", tmp_path / "content")
    assert make(cwd=tmp_path).code == 0
    for built in outputs(samples):
        again = tmp_path / "dist" / built.parent.name / built.name
        assert hashlib.sha256(built.read_bytes()).digest() == \
            hashlib.sha256(again.read_bytes()).digest(), built.name
