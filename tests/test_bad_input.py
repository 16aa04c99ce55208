"""Hostile and careless input: each case gives its exact line and exit code, the other files
still build, and nothing under content/ or outside --out changes.

The builds run in-process (``cli.main``) with the EPUB edition, the cheapest one: what is
tested here is reading, checking and where files go, which every edition shares.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sqlite3
import struct
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from exporters import cli
from exporters.body import MAX_TURNS
from exporters.load import MAX_CONTENT_BYTES

from conftest import GOOD

HEAD = "---\ntitle: X\ndate: 2026-01-02\ninterviewer: Ana\ninterviewee: Ben\n"
BODY = "\nQ: Why?\n\nA: Because.\n"


def interview(front: str = "", body: str = BODY) -> str:
    """An interview whose front matter is HEAD plus ``front`` (line 6 on), then ``body``."""
    return HEAD + front + "---\n" + body


def png(width: int = 8, height: int = 8, *, declared: tuple[int, int] | None = None) -> bytes:
    """A real PNG; with ``declared``, the header claims that size (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    w, h = declared or (width, height)
    rows = zlib.compress(b"\0" * (w // 8 + 1) * min(h, 4096), 9)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", rows) + chunk(b"IEND", b""))


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "JPEG")
    return out.getvalue()


def alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 9):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def cache_database(rows: dict[str, str], version: int = 2) -> bytes:
    """A build cache file whose source rows are ``rows`` (name: the row's text)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "builds.sqlite"
        with contextlib.closing(sqlite3.connect(path)) as database:
            database.executescript(
                "CREATE TABLE sources (name TEXT PRIMARY KEY, entry TEXT NOT NULL);"
                "CREATE TABLE editions (name TEXT PRIMARY KEY, record TEXT NOT NULL);"
                f"PRAGMA user_version = {version};")
            database.executemany("INSERT INTO sources VALUES (?, ?)", rows.items())
            database.commit()
        return path.read_bytes()


def many_turns(count: int) -> str:
    return "\n".join(f"Q: Question {i}?\n\nA: Answer {i}.\n" for i in range(count // 2 + 1))


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes]
    expected: list[str]
    """The exact lines on stderr (paths relative to the project)."""
    code: int = 1
    args: tuple[str, ...] = ()
    built: tuple[str, ...] = ("dist/good/good.epub",)
    """Outputs that must exist after the build: the good interview still builds."""
    absent: tuple[str, ...] = ()
    setup: dict[str, str] = field(default_factory=dict)
    """Symbolic links to make before the build: link path -> target (``OUTSIDE`` is replaced)."""


BAD = "content/bad.md"
DATE_HINT = "write a date that exists, as YYYY-MM-DD"
ALIAS = ("write the value out in full: aliases (&name and *name) are not allowed here")
IMAGE_DAMAGED = ("cannot be read as an image (the file is damaged or not an image); "
                 "open it in an image editor and save it again as PNG or JPEG")
INTERNAL = "run again with --verbose"
GLYPH_HINT = ("add a font that has them to the fonts/ folder of a --templates DIR (see 'Fonts "
              "for other scripts' in the README), or remove the characters")

CASES = [
    # Front matter: YAML that PyYAML refuses or builds wrongly
    Case("impossible date", {BAD: interview().replace("2026-01-02", "2026-02-30")},
         [f"{BAD}:3: '2026-02-30' is not a real date or time (day is out of range for month); "
          f"{DATE_HINT}"]),
    Case("impossible time", {BAD: interview().replace("2026-01-02", "2026-01-02 25:00:00")},
         [f"{BAD}:3: '2026-01-02 25:00:00' is not a real date or time (hour must be in 0..23); "
          f"{DATE_HINT}"]),
    Case("bare time as date", {BAD: interview().replace("2026-01-02", "25:00:00")},
         [f"{BAD}:3: 'date: 90000' is not a date; write it as YYYY-MM-DD, for example "
          "date: 2026-03-14"]),
    Case("control character in front matter", {BAD: interview("summary: a\x07b\n")},
         [f"{BAD}:6: the file holds an invisible control character (U+0007) on this line; "
          "delete it (retype the line if you cannot see it)"]),
    Case("control character in body", {BAD: interview(body="\nQ: Why?\n\nA: Be\x1bcause.\n")},
         [f"{BAD}:10: the file holds an invisible control character (U+001B) on this line; "
          "delete it (retype the line if you cannot see it)"]),
    Case("self-referencing alias", {BAD: interview("tags: &t [a, *t]\n")},
         [f"{BAD}:6: the alias '*t' repeats another value; {ALIAS}"]),
    Case("billion laughs", {BAD: interview(alias_bomb())},
         [f"{BAD}:7: the alias '*a' repeats another value; {ALIAS}"]),
    Case("deep flow nesting", {BAD: interview("tags: " + "[" * 5000 + "]" * 5000 + "\n")},
         [f"{BAD}:6: lists or maps nested more than 20 deep; flatten the value"]),
    Case("deep block nesting",
         {BAD: interview("".join("  " * i + f"k{i}:\n" for i in range(30)))},
         [f"{BAD}:25: lists or maps nested more than 20 deep; flatten the value"]),
    Case("duplicate key", {BAD: interview("title: Y\n")},
         [f"{BAD}:6: 'title' is given twice, on lines 2 and 6; keep one of them: only the last "
          "would count"]),
    Case("duplicate nested key",
         {BAD: "---\ntitle: X\ndate: 2026-01-02\nspeakers:\n  Q: {name: Ana, role: interviewer}\n"
               "  A: Ben\n  Q: Cy\n---\n" + BODY},
         [f"{BAD}:7: 'Q' is given twice, on lines 5 and 7; keep one of them: only the last "
          "would count"]),
    Case("python object tag", {BAD: interview("summary: !!python/object/apply:os.system [ls]\n")},
         [f"{BAD}:6: the front matter is not valid YAML (could not determine a constructor for "
          "the tag 'tag:yaml.org,2002:python/object/apply:os.system'); check the quotes, colons "
          "and indentation on this line; put a value that contains ': ' in double quotes"]),
    Case("bad binary tag", {BAD: interview("summary: !!binary '%%%'\n")},
         [f"{BAD}:6: 'summary' should be text; write it as summary: \"...\""]),
    Case("unclosed quote", {BAD: interview('summary: "never closed\n')},
         [f"{BAD}:6: the front matter is not valid YAML (the quote \" opened on this line is not "
          "closed); close the quote: add \" at the end of the value"]),
    Case("front matter is a list", {BAD: "---\n- a\n- b\n---\n" + BODY},
         [f"{BAD}:1: the front matter is not a list of fields; write one 'field: value' per line"]),
    Case("no front matter", {BAD: BODY},
         [f"{BAD}:1: no front matter found; begin the file with a line '---', then fields such "
          "as 'title: ...' and 'date: 2026-01-31', then another line '---'"]),
    Case("front matter not closed", {BAD: HEAD + BODY},
         [f"{BAD}:1: the front matter is not closed; add a line '---' after the last field"]),
    # Bytes that are not UTF-8 text
    Case("latin-1 byte", {BAD: interview(body="\nQ: Caf\xe9?\n\nA: Oui.\n").encode("latin-1")},
         [f"{BAD}:8: the file is not UTF-8 text (byte 0xE9 on this line); save the file as UTF-8 "
          "in your editor"]),
    Case("UTF-16 file", {BAD: interview().encode("utf-16")},
         [f"{BAD}:1: the file is saved as UTF-16, not UTF-8 text; save the file as UTF-8 in "
          "your editor"]),
    Case("a PNG named .md", {BAD: png()},
         [f"{BAD}:1: this is a binary file, not Markdown text; keep only interview .md files and "
          "their images in content/"]),
    Case("empty file", {BAD: ""},
         [f"{BAD}:1: the file is empty; write the interview in it, or delete it"]),
    Case("file of blank lines", {BAD: "\n  \n\n"},
         [f"{BAD}:1: the file is empty; write the interview in it, or delete it"]),
    Case("lone surrogate escape", {BAD: interview().encode() + b"\xed\xa0\x80\n"},
         [f"{BAD}:11: the file is not UTF-8 text (byte 0xED on this line); save the file as UTF-8 "
          "in your editor"]),
    Case("file over the size limit", {BAD: interview(body=BODY + "x" * (MAX_CONTENT_BYTES + 1))},
         [f"{BAD}:1: the file is 4.0 MB, over the limit of 4 MB for one file; split it into "
          "several interviews (a series keeps them together)"]),
    # The schema
    Case("unknown field", {BAD: interview("titel: Y\n")},
         [f"{BAD}:6: unknown field 'titel'; did you mean 'title'?"]),
    Case("title is a map", {BAD: interview().replace("title: X", "title: {a: b}")},
         [f"{BAD}:2: 'title' should be text; write it as title: \"...\""]),
    Case("date is a list", {BAD: interview().replace("date: 2026-01-02", "date: [1, 2]")},
         [f"{BAD}:3: 'date: [1, 2]' is not a date; write it as YYYY-MM-DD, for example "
          "date: 2026-03-14"]),
    Case("tab before a field", {BAD: interview("\tsummary: A day.\n")},
         [f"{BAD}:6: the front matter is not valid YAML (this line holds a tab, which YAML does "
          "not take for indenting); replace the tab with spaces"]),
    Case("quotes inside a quoted title", {BAD: interview().replace(
        "title: X", 'title: "The "Night" Shift"')},
         [f"{BAD}:2: the front matter is not valid YAML (a \" inside the value ends it early); "
          "put the value in single quotes instead, or use curly quotes inside it"]),
    Case("apostrophe inside a single-quoted title", {BAD: interview().replace(
        "title: X", "title: 'Tomas' boat'")},
         [f"{BAD}:2: the front matter is not valid YAML (a ' inside the value ends it early); "
          "write the apostrophe twice ('') or put the value in double quotes"]),
    Case("colon inside a title", {BAD: interview().replace("title: X", "title: Q&A: the pier")},
         [f"{BAD}:2: the front matter is not valid YAML (the value holds ': ', which YAML reads "
          "as the start of another field); put the whole value in double quotes"]),
    Case("field indented under another", {BAD: interview("  summary: A day.\n")},
         [f"{BAD}:6: the front matter is not valid YAML (this line is indented under a field "
          "that holds a value); start it at the same column as the other fields"]),
    Case("a Persian interview dated in the Persian calendar", {BAD: interview("lang: fa\n").replace(
        "2026-01-02", "1405-01-13")},
         [f"{BAD}:3: 'date: 1405-01-13' looks like a date of the Persian calendar; write the date "
          "in the Gregorian calendar, YYYY-MM-DD; the book prints it in Persian"]),
    Case("date in curly quotes", {BAD: interview().replace("2026-01-02", "“2026-01-02”")},
         [f"{BAD}:3: 'date: “2026-01-02”' is not a date: the curly quotes are part of it; "
          "remove the quotes and write it as YYYY-MM-DD, for example date: 2026-03-14"]),
    Case("name in curly quotes", {BAD: interview().replace("interviewer: Ana",
                                                            "interviewer: ‘Maya Ortiz’")},
         [f"{BAD}:4: the name ‘Maya Ortiz’ is written in curly quotes, which would print as "
          "part of it; remove the quotes, or type straight ones (\"…\" or '…')"]),
    Case("a language's name for its tag", {BAD: interview("lang: English\n")},
         [f"{BAD}:6: 'English' is not a known language tag; write the language's tag: lang: en"]),
    Case("bad language", {BAD: interview("lang: klingon-xx\n")},
         [f"{BAD}:6: 'klingon-xx' is not a known language tag; use a BCP 47 tag such as en, fr, "
          "es-MX or fa"]),
    Case("speakers not a map", {BAD: "---\ntitle: X\ndate: 2026-01-02\nspeakers: [a, b]\n---\n"
                                     + BODY},
         [f"{BAD}:4: 'speakers' should map labels to people; write e.g. speakers: {{Q: {{name: "
          "Maya Ortiz, role: interviewer}}"]),
    Case("negative series number", {BAD: interview("series_number: -1\n")},
         [f"{BAD}:6: 'series_number: -1' is not a positive whole number; write it as "
          "series_number: 3"]),
    Case("script address", {BAD: interview("source_url: 'javascript:alert(1)'\n")},
         [f"{BAD}:6: 'javascript:alert(1)' is not a web address; write the full address, "
          "starting with https://"]),
    Case("no turns", {BAD: interview(body="\nJust some text.\n")},
         [f"{BAD}:7: no turns found: no paragraph starts with a speaker's label; start each "
          "question and answer with one of 'Q:', 'A:', 'Ana:', 'Ben:'"]),
    Case("no body", {BAD: interview(body="")},
         [f"{BAD}:7: the interview has no text; write the conversation below the closing '---'"]),
    Case("too many turns", {BAD: interview(body="\n" + many_turns(MAX_TURNS + 1))},
         [f"{BAD}:{7 + 2 * MAX_TURNS + 1}: the interview has {MAX_TURNS + 2} turns, over the "
          f"limit of {MAX_TURNS} for one file; split it into several interviews (a series keeps "
          "them together)"]),
    Case("translation of nothing", {BAD: interview("translation_of: nowhere\n")},
         [f"{BAD}:6: [translation] translation_of: 'nowhere' is not the slug of another interview; "
          "write the slug of the original interview: its 'slug:' field where it has one, else its "
          "file name without .md"]),
    Case("translation of itself", {BAD: interview("translation_of: bad\n")},
         [f"{BAD}:6: [translation] translation_of: 'bad' is not the slug of another interview; "
          "write the slug of the original interview: its 'slug:' field where it has one, else its "
          "file name without .md"]),
    Case("duplicate slug", {BAD: interview("slug: good\n")},
         ["content/good.md:1: [duplicate-slug] the slug 'good' is already used by content/bad.md; give one of "
          "them another file name or a 'slug:' field"]),
    Case("duplicate slug set by a field", {BAD: interview("slug: good\n"),
                                           "content/good-too.md": interview("slug: good\n")},
         ["content/good-too.md:1: [duplicate-slug] the slug 'good' is already used by "
          "content/bad.md; change the 'slug:' field of one of them",
          "content/good.md:1: [duplicate-slug] the slug 'good' is already used by content/bad.md; "
          "give one of them another file name or a 'slug:' field"]),
    # Names that become paths
    Case("slug climbing out", {BAD: interview("slug: ../../outside/x\n")},
         [f"{BAD}:6: '../../outside/x' cannot be used as a slug; use lowercase letters, digits "
          "and hyphens, e.g. slug: night-shift"], absent=("outside/x",)),
    Case("absolute slug", {BAD: interview("slug: /tmp/x\n")},
         [f"{BAD}:6: '/tmp/x' cannot be used as a slug; use lowercase letters, digits and "
          "hyphens, e.g. slug: night-shift"]),
    Case("slug into content", {BAD: interview("slug: ../content\n")},
         [f"{BAD}:6: '../content' cannot be used as a slug; use lowercase letters, digits and "
          "hyphens, e.g. slug: night-shift"]),
    Case("dot slug", {BAD: interview("slug: .hidden\n")},
         [f"{BAD}:6: '.hidden' cannot be used as a slug; use lowercase letters, digits and "
          "hyphens, e.g. slug: night-shift"]),
    Case("file name without letters", {"content/---.md": interview()},
         ["content/---.md:1: the file name '---.md' gives no usable name for the output files; "
          "add a line such as 'slug: night-shift' to the front matter"]),
    Case("Persian file name", {"content/کارگر.md": interview()}, [], code=0,
         built=("dist/good/good.epub", "dist/krgr/krgr.epub")),
    Case("output folder is a link out", {BAD: interview()},
         [f"{BAD}:1: 'bad/bad.epub' would be written outside the output folder dist; nothing was "
          "written; check the 'slug:' field and what --out names"],
         setup={"dist/bad": "OUTSIDE"}),
    Case("output folder is a link into content", {BAD: interview()},
         [f"{BAD}:1: 'bad/bad.epub' would be written outside the output folder dist; nothing was "
          "written; check the 'slug:' field and what --out names"],
         setup={"dist/bad": "content"}),
    # Characters no bundled font has
    Case("Japanese in the body", {BAD: interview(body="\nQ: Why 日本?\n\nA: Because.\n")},
         [f"{BAD}:8: [missing-glyph] no bundled font has the characters '日' (U+65E5), '本' "
          f"(U+672C); {GLYPH_HINT}"]),
    Case("emoji in the title", {BAD: interview().replace("title: X", "title: X 🙂")},
         [f"{BAD}:2: [missing-glyph] no bundled font has the character '🙂' (U+1F642); "
          f"{GLYPH_HINT}"]),
    Case("Devanagari in a speaker's name", {BAD: interview().replace("Ben", "बेन")},
         [f"{BAD}:5: [missing-glyph] no bundled font has the characters 'ब' (U+092C), 'े' "
          f"(U+0947), 'न' (U+0928); {GLYPH_HINT}"]),
    Case("emoji in a series title",
         {"content/s/series.yml": "title: S 🙂\n", "content/s/one.md": interview()},
         [f"content/s/series.yml:1: [missing-glyph] no bundled font has the character '🙂' "
          f"(U+1F642); {GLYPH_HINT}"],
         built=("dist/good/good.epub", "dist/one/one.epub"), absent=("dist/s",)),
    Case("cache folder is a link out", {},
         ["dist: '.cache/lock' would be written outside the output folder dist; nothing was "
          "written"], built=(), setup={"dist/.cache": "OUTSIDE"}),
    # Images
    Case("cover outside", {BAD: interview("cover: /etc/passwd\n")},
         [f"{BAD}:6: the cover image '/etc/passwd' is outside content/; copy the file under "
          "content/ and write its path relative to this file"]),
    Case("cover climbing out", {BAD: interview("cover: ../secret.png\n")},
         [f"{BAD}:6: the cover image '../secret.png' is outside content/; copy the file under "
          "content/ and write its path relative to this file"]),
    Case("cover on the web", {BAD: interview("cover: https://example.org/c.png\n")},
         [f"{BAD}:6: the cover image 'https://example.org/c.png' is on the web and is not "
          "fetched; download it into content/images/ and write its path, e.g. images/photo.jpg"]),
    Case("missing image", {BAD: interview(body=BODY + "\n![A map](images/none.png)\n")},
         [f"{BAD}:12: [image-file] the image 'images/none.png' was not found (looked for "
          "content/images/none.png); check the file name and folder"]),
    Case("image named in other capitals", {BAD: interview(body=BODY + "\n![A map](images/Map.PNG)\n"),
                                           "content/images/map.png": png()},
         [f"{BAD}:12: [image-file] the image 'images/Map.PNG' was not found (looked for "
          "content/images/Map.PNG); the file there is content/images/map.png: write the name as "
          "it is, capitals and all"]),
    Case("image path with a space", {BAD: interview(
        body=BODY + '\n![A map](images/Harbour Map.png "The harbour")\n'),
                                      "content/images/Harbour Map.png": png()},
         [f"{BAD}:12: [image-file] the image 'images/Harbour Map.png' would show as text: "
          "Markdown reads no path with a space in it; write it in angle brackets, "
          "](<images/Harbour Map.png>), or rename the file without spaces"]),
    Case("image without alt", {BAD: interview(body=BODY + "\n![](images/a.png)\n"),
                               "content/images/a.png": png()},
         [f"{BAD}:12: [image-alt] the image 'images/a.png' has no alt text; describe the picture "
          "between the brackets: ![A crane at night](...)"]),
    Case("image linked out of content", {BAD: interview(body=BODY + "\n![A map](images/a.png)\n")},
         [f"{BAD}:12: [image-file] the image 'images/a.png' is outside content/; copy the file under "
          "content/ and write its path relative to this file"],
         setup={"content/images/a.png": "OUTSIDE/a.png"}),
    Case("raw image on the web",
         {BAD: interview(body=BODY + '\n<img src="https://example.org/x.png" alt="x">\n')},
         [f"{BAD}:12: [image-file] the image 'https://example.org/x.png' is on the web and is not fetched; "
          "download it into content/images/ and write its path, e.g. images/photo.jpg"]),
    Case("raw image without alt", {BAD: interview(body=BODY + "\n<img src=images/a.png>\n"),
                                   "content/images/a.png": png()},
         [f"{BAD}:12: [image-alt] the image 'images/a.png' has no alt text; describe the picture "
          "between the brackets: ![A crane at night](...)"]),
    Case("raw image inline from a file URL",
         {BAD: interview(body="\nQ: Why?\n\nA: See <img src='file:///etc/passwd' alt='x'>.\n")},
         [f"{BAD}:10: [image-file] the image 'file:///etc/passwd' is not a file inside the project; put the "
          "file under content/ and write its path relative to this file"]),
    Case("damaged image", {BAD: interview(body=BODY + "\n![A map](images/a.png)\n"),
                           "content/images/a.png": png()[:60]},
         [f"{BAD}:12: [image-file] the image 'images/a.png' {IMAGE_DAMAGED}"]),
    Case("text named .png", {BAD: interview(body=BODY + "\n![A map](images/a.png)\n"),
                             "content/images/a.png": "not an image"},
         [f"{BAD}:12: [image-file] the image 'images/a.png' {IMAGE_DAMAGED}"]),
    Case("decompression bomb", {BAD: interview(body=BODY + "\n![A map](images/a.png)\n"),
                                "content/images/a.png": png(declared=(30000, 30000))},
         [f"{BAD}:12: [image-file] the image 'images/a.png' has more than the limit of 60 million pixels; "
          "scale it down: print needs about 300 pixels an inch"]),
    Case("JPEG named .png", {BAD: interview(body=BODY + "\n![A map](images/a.png)\n"),
                             "content/images/a.png": jpeg()},
         [f"{BAD}:12: [image-file] the image 'images/a.png' is a JPEG file with a .png name; rename it with "
          "the right extension, or convert it"]),
    # Series
    Case("absolute series slug",
         {"content/s/series.yml": "title: S\nslug: OUTSIDE/vol\n", "content/s/one.md": interview()},
         ["content/s/series.yml:2: 'OUTSIDE/vol' cannot be used as a slug; use lowercase "
          "letters, digits and hyphens, e.g. slug: night-shift"],
         built=("dist/good/good.epub", "dist/one/one.epub")),
    Case("series slug into content",
         {"content/s/series.yml": "title: S\nslug: ../content/other\n",
          "content/s/one.md": interview()},
         ["content/s/series.yml:2: '../content/other' cannot be used as a slug; use lowercase "
          "letters, digits and hyphens, e.g. slug: night-shift"],
         built=("dist/good/good.epub", "dist/one/one.epub")),
    Case("series folder in Persian",
         {"content/کارگران/series.yml": "title: Workers\n", "content/کارگران/one.md": interview()},
         [], code=0, built=("dist/good/good.epub", "dist/krgrn/krgrn.epub")),
    Case("series folder without letters",
         {"content/!!!/series.yml": "title: Workers\n", "content/!!!/one.md": interview()},
         ["content/!!!/series.yml:1: the folder name '!!!' gives no usable file name for the "
          "volume; add a line such as 'slug: working-lives' to series.yml"],
         built=("dist/good/good.epub", "dist/one/one.epub")),
    Case("series alias bomb",
         {"content/s/series.yml": "title: S\n" + alias_bomb(), "content/s/one.md": interview()},
         ["content/s/series.yml:3: the alias '*a' repeats another value; " + ALIAS],
         built=("dist/good/good.epub", "dist/one/one.epub")),
    Case("series not YAML",
         {"content/s/series.yml": "title: [S\n", "content/s/one.md": interview()},
         ["content/s/series.yml:1: the file is not valid YAML (the bracket [ opened on this line "
          "is not closed); close the bracket: add ] at the end of the value"],
         built=("dist/good/good.epub", "dist/one/one.epub")),
    Case("series is a list",
         {"content/s/series.yml": "- a\n", "content/s/one.md": interview()},
         ["content/s/series.yml:1: expected 'field: value' lines; write e.g. title: Working Lives"],
         built=("dist/good/good.epub", "dist/one/one.epub")),
    Case("foreword not UTF-8",
         {"content/s/series.yml": "title: S\nforeword: _f.md\n", "content/s/_f.md": b"\xfe\xab",
          "content/s/one.md": interview()},
         ["content/s/_f.md:1: the file is not UTF-8 text (byte 0xFE on this line); save the file "
          "as UTF-8 in your editor"],
         built=("dist/good/good.epub", "dist/one/one.epub")),
    Case("foreword outside",
         {"content/s/series.yml": "title: S\nforeword: ../../f.md\n",
          "content/s/one.md": interview()},
         ["content/s/series.yml:2: the foreword '../../f.md' was not found; write the path of a "
          "Markdown file next to series.yml"],
         built=("dist/good/good.epub", "dist/one/one.epub")),
    Case("series order unknown",
         {"content/s/series.yml": "title: S\norder: [nobody]\n", "content/s/one.md": interview()},
         ["content/s/series.yml:1: 'order' names 'nobody', which is not in the series; use the "
          "slugs: one"],
         built=("dist/good/good.epub", "dist/one/one.epub")),
    # Theme and the command line
    Case("theme not YAML", {"theme/theme.yml": "page_size: [A5\n"},
         ["theme/theme.yml:1: the file is not valid YAML (the bracket [ opened on this line is "
          "not closed); close the bracket: add ] at the end of the value"],
         args=("--templates", "theme"), built=()),
    Case("theme unknown option", {"theme/theme.yml": "# house style\npage_sise: A5\n"},
         ["theme/theme.yml:2: unknown theme option 'page_sise'; did you mean 'page_size'?"],
         args=("--templates", "theme"), built=()),
    Case("theme bad bleed", {"theme/theme.yml": "bleed: 5cm\n"},
         ["theme/theme.yml:1: bleed: '5cm' is more than 10mm; printers ask for 3mm or 0.125in"],
         args=("--templates", "theme"), built=()),
    Case("theme alias bomb", {"theme/theme.yml": alias_bomb()},
         ["theme/theme.yml:2: the alias '*a' repeats another value; " + ALIAS],
         args=("--templates", "theme"), built=()),
    Case("volume over the page budget",
         {"theme/theme.yml": "volume_page_budget: 5\n", "content/s/series.yml": "title: S\n",
          "content/s/one.md": interview(body="\n" + many_turns(200))},
         ["content/s/series.yml:1: the volume 's' would have about 10 pages, over the budget "
          "of 5 (volume_page_budget in theme.yml); split the series into several folders, or "
          "raise volume_page_budget"], args=("--templates", "theme"),
         built=("dist/good/good.epub", "dist/one/one.epub"), absent=("dist/s",)),
    Case("page budget not a number", {"theme/theme.yml": "volume_page_budget: many\n"},
         ["theme/theme.yml:1: volume_page_budget: 'many' is not a number of pages; write a "
          "whole number, e.g. volume_page_budget: 3000"], args=("--templates", "theme"), built=()),
    Case("out inside content", {}, [], code=2, args=("--out", "content/dist"), built=()),
    Case("out holds content", {}, [], code=2, args=("--out", "."), built=()),
    Case("out is a file", {"notes.txt": "x"}, [], code=2, args=("--out", "notes.txt"), built=()),
    Case("out inside templates", {"theme/theme.yml": ""}, [], code=2,
         args=("--templates", "theme", "--out", "theme/dist"), built=()),
    # A damaged cache is only a rebuild
    Case("cache not a database", {"dist/.cache/builds.sqlite": "{{{"}, [], code=0),
    Case("cache of the wrong shape", {"dist/.cache/builds.sqlite": cache_database({
        "x": "5", "y": '{"editions": {"html": 5}}', "z": '{"source": 3}',
        "w": '{"source": "a", "slug": "w", "warnings": [{"line": "x"}]}'})}, [], code=0),
    Case("cache of another version", {"dist/.cache/builds.sqlite": cache_database({}, 1)}, [],
         code=0),
]


def tree_digest(root: Path, skip: Path | None = None) -> dict[str, str]:
    """A hash of every file under ``root`` (links as their target's text), ``skip`` left out."""
    found = {}
    for path in sorted(root.rglob("*")):
        if skip is not None and path.is_relative_to(skip):
            continue
        if path.is_symlink():
            found[str(path)] = "link:" + str(path.readlink())
        elif path.is_file():
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input(case: Case, tmp_path: Path, monkeypatch, capsys):
    project = tmp_path / "project"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.png").write_bytes(png())
    (project / "content").mkdir(parents=True)
    (project / "content" / "good.md").write_text(GOOD, encoding="utf-8")
    for name, data in case.files.items():
        path = project / name.replace("OUTSIDE", str(outside))
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data.replace("OUTSIDE", str(outside)), encoding="utf-8")
    for link, target in case.setup.items():
        path = project / link
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target.replace("OUTSIDE", str(outside)) if "OUTSIDE" in target
                        else project / target)
    before_project = tree_digest(project, skip=project / "dist")
    before_outside = tree_digest(outside)
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")

    try:
        code = cli.main(["build", "--format", "epub", "--jobs", "1", *case.args])
    except SystemExit as exit:  # argparse's usage errors
        code = exit.code
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]

    assert code == case.code, captured.err
    assert "Traceback" not in captured.err + captured.out
    if case.code == 2:
        assert len(lines) == 2 and lines[1].startswith("interview-press: error: --out"), lines
    else:
        assert lines == [line.replace("OUTSIDE", str(outside)) for line in case.expected]
    for output in case.built:
        assert (project / output).is_file(), f"{output} was not built:\n{captured.err}"
    for output in case.absent:
        assert not (project / output).exists(), f"{output} was made"
    assert tree_digest(project, skip=project / "dist") == before_project
    assert tree_digest(outside) == before_outside
    assert not any(INTERNAL in line for line in lines)
