"""The e-books as Calibre (Debian's) reads them: what its library shows, and its Kindle
conversion, the way a store or a Kindle owner meets them. One conversion per book."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("ebook-convert") is None,
                                reason="Calibre is not installed (tests/tools/install.sh)")

BOOKS = {  # book -> (authors as Calibre lists them, title, language, direction)
    "last-bookshop/last-bookshop.epub": ("Hettie Crane", "The Last Bookshop on Mill Street",
                                         "eng", "ltr"),
    "bookbinder-fa/bookbinder-fa.epub": (None, None, "fas", "rtl"),
    "night-shift/night-shift.epub": (None, None, "eng", "ltr"),
}


def metadata(book: Path) -> dict[str, str]:
    shown = subprocess.run(["ebook-meta", str(book)], capture_output=True, text=True,
                           check=True).stdout
    return {key.strip(): value.strip() for key, _, value in
            (line.partition(":") for line in shown.splitlines()) if value}


@pytest.mark.parametrize("name", sorted(BOOKS))
def test_calibre_shows_the_interviewees_as_authors(samples, name):
    authors, title, language, _ = BOOKS[name]
    shown = metadata(samples / name)
    assert shown["Author(s)"] != "Unknown"
    assert "Unknown" not in shown["Author(s)"]
    if authors:
        assert shown["Author(s)"].startswith(authors)
    if title:
        assert shown["Title"] == title
    assert shown["Languages"] == language


@pytest.mark.parametrize("name", sorted(BOOKS))
def test_kindle_conversion_has_no_warnings_and_keeps_the_direction(samples, name, tmp_path):
    converted = tmp_path / "book.azw3"
    run = subprocess.run(["ebook-convert", str(samples / name), str(converted)],
                         capture_output=True, text=True, timeout=300)
    log = run.stdout + run.stderr
    assert run.returncode == 0, log
    complaints = [line for line in log.splitlines()
                  if re.search(r"invalid|warning|error|unknown|failed", line, re.I)]
    assert complaints == []
    if BOOKS[name][3] == "rtl":  # read the Kindle book back as Calibre reads it
        back = tmp_path / "back.epub"
        subprocess.run(["ebook-convert", str(converted), str(back)], capture_output=True,
                       check=True, timeout=300)
        with zipfile.ZipFile(back) as book:
            # the book's own pages; Calibre adds a cover page of its own (titlepage.xhtml)
            bodies = [tag for member in book.namelist()
                      if member.endswith((".html", ".xhtml")) and member != "titlepage.xhtml"
                      for tag in re.findall(r"<body[^>]*>", book.read(member).decode())]
        assert bodies and all('dir="rtl"' in body for body in bodies), bodies
