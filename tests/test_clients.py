"""The samples opened in the clients readers use: epub.js, axe-core and pdf.js.

``tests/tools/clients.mjs`` opens every output of the sample build in one headless Chromium
(epub.js for the EPUBs, axe-core on every HTML page and every XHTML file inside the EPUBs) and
reads the screen PDFs with pdf.js; it writes what each client saw to one JSON report, made once
per test session (and shared between xdist workers). The tests below assert on that report.
"""

from __future__ import annotations

import collections
import fcntl
import itertools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import frontmatter
import pytest

from conftest import SAMPLES, make, sample_slugs, source_of

TOOLS = Path(__file__).resolve().parent / "tools"
SCRIPT = TOOLS / "clients.mjs"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
MODULES = ("puppeteer-core", "epubjs", "jszip", "axe-core", "pdfjs-dist")
RTL_BOOKS = ("bookbinder-fa/bookbinder-fa.epub", "working-lives-fa/working-lives-fa.epub")
VOLUMES = ("working-lives", "working-lives-fa")


def missing_tools() -> str | None:
    if not shutil.which("node"):
        return "Node.js is not installed (bash tests/tools/install.sh)"
    if not Path(CHROMIUM).exists():
        return f"Chromium is not installed at {CHROMIUM} (bash tests/tools/install.sh)"
    absent = [name for name in MODULES if not (TOOLS / "node_modules" / name).is_dir()]
    if absent:
        return (f"npm packages missing in tests/tools: {', '.join(absent)} "
                "(bash tests/tools/install.sh)")
    return None


@pytest.fixture(scope="session")
def clients(request, tmp_path_factory) -> dict:
    """What epub.js, axe-core and pdf.js saw of the sample build: clients.mjs's report."""
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    # one report for the whole run: xdist workers share the base temporary folder's parent
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    report = shared / "clients-report.json"
    with open(shared / "clients-report.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not report.exists():
            dist = request.getfixturevalue("samples")
            partial = report.with_suffix(".partial")
            done = subprocess.run(["node", str(SCRIPT), str(dist), str(partial)],
                                  capture_output=True, text=True, timeout=240)
            assert done.returncode == 0, done.stdout + done.stderr
            partial.rename(report)
    return json.loads(report.read_text(encoding="utf-8"))


# ---- epub.js ------------------------------------------------------------------------------

def test_epubjs_renders_every_spine_item_of_every_book(clients):
    assert {f"{slug}/{slug}.epub" for slug in sample_slugs()} <= set(clients["epubs"])
    assert set(clients["epubs"]) == set(clients["files"]["epubs"])
    problems = []
    for book, seen in clients["epubs"].items():
        if seen.get("error") or seen.get("pageErrors") or seen.get("errors"):
            problems.append(f"{book}: {seen.get('error')} {seen.get('pageErrors')} "
                            f"{seen.get('errors')}")
            continue
        assert [item["href"] for item in seen["spine"]][:3] == \
            ["cover.xhtml", "titlepage.xhtml", "nav.xhtml"], book
        for item in seen["spine"]:
            shows_something = item.get("textNodes") or (
                item.get("images") and item["imagesLoaded"] == item["images"])
            if item.get("error") or not item["rendered"] or not shows_something:
                problems.append(f"{book} {item['href']}: {item}")
            elif item["imagesLoaded"] != item["images"]:
                problems.append(f"{book} {item['href']}: an image did not load")
    assert not problems, "\n".join(problems)


def test_epubjs_lands_every_contents_entry_on_its_heading(clients):
    problems, followed = [], 0
    for book, seen in clients["epubs"].items():
        spine = [item["href"] for item in seen["spine"]]
        assert len(seen["toc"]) >= 3, book
        for entry in seen["toc"]:
            followed += 1
            file = entry["href"].split("#")[0]
            ok = (not entry.get("error") and entry["section"] == file
                  and entry["index"] == spine.index(file)
                  and entry["targetFound"] and entry["targetVisible"]
                  and entry.get("headingVisible") is not False)
            if "#" in entry["href"]:
                # a link to a part lands on the page that shows the part's heading
                ok = ok and entry["targetTag"] in ("h1", "h2", "h3")
            if not ok:
                problems.append(f"{book} {entry['label']!r} -> {entry['href']}: landed on "
                                f"{entry.get('section')} page {entry.get('page')}, first text "
                                f"{entry.get('firstText')!r}, {entry}")
    assert followed >= 3 * len(clients["epubs"])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("book", RTL_BOOKS)
def test_epubjs_reads_the_persian_books_right_to_left_with_every_page_in_order(clients, book):
    seen = clients["epubs"][book]
    assert seen["direction"] == "rtl"  # the spine's page-progression-direction
    assert seen["renditionDirection"] == "rtl"
    pages = seen["pages"]
    spine = [item["href"] for item in seen["spine"]]
    # "next page" from the cover visits every spine item once, in order, and ends at the end
    sections = list(dict.fromkeys(page["section"] for page in pages))
    assert sections == spine
    assert [page["index"] for page in pages] == sorted(page["index"] for page in pages)
    assert pages[-1]["atEnd"] and not any(page["atEnd"] for page in pages[:-1])
    for section in spine:
        own = [page for page in pages if page["section"] == section]
        assert [page["page"] for page in own] == list(range(1, own[0]["pages"] + 1)), section
        # each page goes on where the one before it stopped: no text skipped, none repeated
        seen_text: list[int] = []
        for page in own:
            assert not seen_text or not page["visible"] or page["visible"][0] > seen_text[-1], \
                f"{section} page {page['page']} goes back: {page['firstText']!r}"
            seen_text += page["visible"]
        assert seen_text == own[0]["laidOut"], f"{section}: some text is on no page"
        # and the pages advance to the left, as a right-to-left book's do
        scroll = [page["scrollLeft"] for page in own]
        assert scroll == sorted(scroll, reverse=True) and all(x <= 0 for x in scroll), section
    interview = next(item for item in seen["spine"] if item["href"].endswith(
        ("interview.xhtml", "bookbinder-fa.xhtml")))
    assert interview["pages"] >= 2  # the order was checked across real page turns


# ---- axe-core -----------------------------------------------------------------------------
# Violations axe-core finds in the current outputs, to be fixed in the templates: rule -> the
# files (a pattern on the report's name, "DIR/FILE.epub!/EPUB/NAME.xhtml" inside an EPUB) and
# the element. Ace by DAISY turns "region" and "page-has-heading-one" off for EPUBs; axe-core's
# defaults, which this issue asks for, keep them on.
KNOWN_AXE = {
    # every XHTML file of every EPUB: no <main> (nor role="main") landmark, target "html"
    ("landmark-one-main", r"\.epub!/EPUB/[^/]+\.xhtml$"),
    # the interview files: <article class="interview" id="SLUG"> lies outside any landmark
    ("region", r"\.epub!/EPUB/(interview|night-shift|three-kitchens|river-school|"
               r"bookbinder-en|bookbinder-fa)\.xhtml$"),
    # cover.xhtml has no <h1> (only the cover image)
    ("page-has-heading-one", r"\.epub!/EPUB/cover\.xhtml$"),
    # the volume's HTML: three <section class="notes" role="doc-endnotes"> all named "Notes"
    # (aria-labelledby="night-shift-notes", "river-school-notes", "bookbinder-en-notes")
    ("landmark-unique", r"^working-lives/working-lives\.html$"),
}


def axe_lines(clients, keep) -> list[str]:
    return [
        f"{name}: {violation['id']} ({violation['impact']}) {violation['help']}: "
        f"{node['target']} {node['html'][:120]!r}"
        for name, result in sorted(clients["axe"].items())
        for violation in result["violations"] if keep(name, violation["id"])
        for node in violation["nodes"]
    ]


def known(name: str, rule: str) -> bool:
    return any(rule == known_rule and re.search(pattern, name) for known_rule, pattern in KNOWN_AXE)


def test_axe_core_ran_on_every_html_page_and_every_xhtml_file_in_the_epubs(clients):
    results = clients["axe"]
    assert not {name: r["error"] for name, r in results.items() if r.get("error")}
    files = clients["files"]
    html = [name for name in results if name.endswith(".html")]
    xhtml = [name for name in results if ".epub!/" in name]
    assert sorted(html) == sorted(files["htmls"])
    assert sorted(xhtml) == sorted(name.replace(".epub/", ".epub!/") for name in files["xhtmls"])
    assert {f"{slug}/{slug}.html" for slug in sample_slugs()} <= set(html)
    assert {f"{volume}/index.html" for volume in VOLUMES} <= set(html)
    assert len(xhtml) >= 5 * len(files["epubs"])
    # inside an EPUB, axe ran on an XML document, as reading systems parse it
    assert {results[name]["contentType"] for name in xhtml} == {"application/xhtml+xml"}
    assert {results[name]["contentType"] for name in html} == {"text/html"}


def test_chromium_loads_every_font_of_every_html_page_and_epub_file(clients):
    """The HTML edition's fonts, cut and wrapped as WOFF by exporters.assets, and the EPUBs'
    WOFF2 fonts load in Chromium: none fails, and each page loads its text face."""
    results = clients["axe"]
    failed = {name: status for name, result in results.items()
              for status in result.get("fonts", []) if not status.endswith(": loaded")
              and not status.endswith(": unloaded")}
    assert not failed, failed
    for name in (f"{slug}/{slug}.html" for slug in sample_slugs()):
        assert any(status.endswith("400: loaded") for status in results[name]["fonts"]), name


def test_axe_core_finds_no_violation_beyond_the_known_ones(clients):
    new = axe_lines(clients, lambda name, rule: not known(name, rule))
    assert not new, "axe-core violations:\n" + "\n".join(new)


def test_axe_core_finds_no_violations(clients):
    found = axe_lines(clients, lambda name, rule: True)
    print("\n".join(found))
    assert not found, f"{len(found)} axe-core violations:\n" + "\n".join(found)


# ---- pdf.js -------------------------------------------------------------------------------

def plain(text: str) -> str:
    """Text as pdf.js and the source both give it, without typography or line breaks."""
    text = text.replace("\u2010\n", "").replace("\u00ad", "")  # hyphenation at a line's end
    for fancy, simple in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("—", "--"),
                          ("–", "-"), ("…", "...")):
        text = text.replace(fancy, simple)
    return " ".join(text.split())


def unmarked(markdown: str) -> str:
    """A Markdown line's text: footnote marks, attributes, links and emphasis removed."""
    markdown = re.sub(r"\[\^[^\]]*\]:?", "", markdown)
    markdown = re.sub(r"\{[^}]*\}", "", markdown)
    markdown = re.sub(r"\]\([^)]*\)", "", markdown)
    return re.sub(r"[\[\]*_]", "", markdown)


@pytest.mark.parametrize("slug", ["last-bookshop", "night-shift", "river-school", "bookbinder-en"])
def test_pdfjs_reads_the_questions_in_the_order_they_were_asked(clients, slug):
    pdf = clients["pdfs"][f"{slug}/{slug}.pdf"]
    text = plain("\n".join(pdf["pages"]))
    source = source_of(slug).read_text(encoding="utf-8")
    questions = [plain(unmarked(line[2:])) for line in source.splitlines()
                 if line.startswith("Q:")]
    assert len(questions) >= 7
    position = 0
    for question in questions:
        found = text.find(question, position)
        assert found >= 0, f"{question!r} is not in pdf.js's text after {text[position:][:200]!r}"
        position = found + len(question)
    assert pdf["markInfo"]["Marked"] and pdf["outline"][0]["title"] == pdf["title"]


def volume_interviews(lang: str) -> list[str]:
    posts = [frontmatter.load(path) for path in (SAMPLES / "working-lives").glob("[!_]*.md")]
    return [post["title"] for post in sorted(posts, key=lambda p: p["series_number"])
            if post["lang"] == lang]


def roman(number: int) -> str:
    numerals = (("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
    out = ""
    for letters, value in numerals:
        while number >= value:
            out, number = out + letters, number - value
    return out


@pytest.mark.parametrize("volume", VOLUMES)
def test_pdfjs_shows_the_volume_outline_and_page_labels(clients, volume):
    pdf = clients["pdfs"][f"{volume}/{volume}.pdf"]
    titles = volume_interviews("fa" if volume.endswith("-fa") else "en")
    outline = [item["title"] for item in pdf["outline"]]
    assert [title for title in outline if title in titles] == titles
    first = next(item for item in pdf["outline"] if item["title"] == titles[0])["page"]
    labels = pdf["pageLabels"]
    assert len(labels) == pdf["numPages"]
    assert labels[:first - 1] == [roman(n) for n in range(1, first)] and first > 1
    assert labels[first - 1:] == [str(n) for n in range(1, pdf["numPages"] - first + 2)]
    if volume == "working-lives":  # each entry opens the page its interview starts on
        for item in pdf["outline"]:
            if item["title"] in titles:
                assert plain(item["title"]) in plain(pdf["pages"][item["page"] - 1])


PERSIAN_PUNCTUATION = ".,:;!?«»()[]\"'،؛؟…—–-*_#"


def persian_words(text: str) -> list[str]:
    return [w for w in (word.strip(PERSIAN_PUNCTUATION) for word in text.split()) if w]


def persian_source_words() -> list[str]:
    post = frontmatter.load(source_of("bookbinder-fa"))
    body = re.sub(r"^(Q|A):", "", unmarked(post.content), flags=re.M)
    return persian_words(" ".join([post["title"], post["summary"], body]))


def persian_extraction(clients) -> tuple[str, int, collections.Counter]:
    """pdf.js's text of the Persian PDF, the source's word count and the words not found."""
    text = "\n".join(clients["pdfs"]["bookbinder-fa/bookbinder-fa.pdf"]["pages"])
    source = collections.Counter(persian_source_words())
    return text, sum(source.values()), source - collections.Counter(persian_words(text))


def neighbours_in_order(source: list[str], pages: list[str]
                        ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Of the pairs of neighbouring words on the lines of ``pages`` that ``source`` has too,
    those in the source's order and those backwards."""
    neighbours = set(zip(source, source[1:]))
    pairs = [pair for line in "\n".join(pages).splitlines()
             for pair in itertools.pairwise(persian_words(line))]
    return ([pair for pair in pairs if pair in neighbours and pair[::-1] not in neighbours],
            [pair for pair in pairs if pair[::-1] in neighbours and pair not in neighbours])


def test_pdfjs_finds_no_fewer_persian_words_than_measured(clients):
    """What already extracts stays so: الله as written, and at least the words found now."""
    text, total, missing = persian_extraction(clients)
    assert "اهلل" not in text and "یدالله" in text  # the ligature's text, in reading order
    assert "حال ا" not in text and text.count("حالا") == 4  # a lam-alef, whole after a space
    assert total - sum(missing.values()) >= 695, " ".join(sorted(missing))


def test_pdfjs_reads_the_persian_lines_in_reading_order(clients):
    """pdf.js gives each line of the Persian PDF with its words in the source's order: of the
    pairs of neighbouring words it gives that the source has too, none is backwards. (While
    the spaces of Persian text were set in the Latin font, each word was a run of its own,
    pdf.js gave the runs of a line in the order they are drawn, and 438 pairs of 648 came out
    backwards.)"""
    in_order, backwards = neighbours_in_order(
        persian_source_words(), clients["pdfs"]["bookbinder-fa/bookbinder-fa.pdf"]["pages"])
    assert len(in_order) >= 600 and backwards == []


ARABIC = """---
title: "خبز الفجر"
date: 2026-03-01
lang: ar
interviewer: ليلى
interviewee: سمير
---
Q: متى تبدأ العمل كل يوم؟

A: كان المخبز في آخر الشارع يفتح أبوابه قبل الفجر بساعة. يقول الخباز إن العجين يحتاج إلى
صبر أكثر مما يحتاج إلى قوة، وإن أول رغيف في الصباح يخبره كيف سيكون يومه كله. تعلم المهنة
من أبيه، وكان أبوه قد تعلمها من جد لا يعرف أحد اسمه الكامل. في الشتاء يأتي العمال إلى
الباب قبل أن يبرد الخبز، وفي الصيف يقل الزبائن لكن الطلبات الكبيرة للأعراس تعوض الفرق.
لا يكتب الخباز وصفاته على الورق، فهو يقول إن اليد تتذكر ما تنساه العين، وإن كل كيس من
الطحين يختلف قليلا عن الذي قبله.
"""


def test_pdfjs_reads_a_justified_arabic_answer_in_reading_order(project, write):
    """An Arabic interview of our own, its answer set justified over several lines: pdf.js
    gives every line's words in the source's order, and every لا whole (tests/tools/
    pdf_text.mjs, pdf.js in Node, no browser)."""
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    write("baker.md", ARABIC)
    run = make("build", "--format", "pdf", cwd=project)
    assert run.code == 0, run.stderr
    done = subprocess.run(["node", str(TOOLS / "pdf_text.mjs"),
                           str(project / "dist/baker/baker.pdf")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    pages = json.loads(done.stdout)
    in_order, backwards = neighbours_in_order(
        persian_words(ARABIC.split("---", 2)[2].replace("Q:", "").replace("A:", "")), pages)
    assert len(in_order) >= 70 and backwards == []
    # the word لا, a lam-alef drawn as two glyphs, the alef with no advance (zero_advance)
    assert persian_words("\n".join(pages)).count("لا") == 2


def test_pdfjs_keeps_the_persian_zero_width_non_joiners(clients):
    """No word comes out without its ZWNJ (می‌کند as میکند): pdf.js leaves out the text of
    a glyph that is a format character alone, so exporters.joiners gives it to the glyph
    before the ZWNJ."""
    text, _, missing = persian_extraction(clients)
    extracted = set(persian_words(text))
    assert "\ue20c" not in text
    assert [word for word in missing if "\u200c" in word
            and word.replace("\u200c", "") in extracted] == []


@pytest.mark.xfail(strict=True, reason=(
    "WeasyPrint's Persian PDF: pdf.js finds 695 of the source's 720 words intact. Those with a hamza above lose "
    "it (نسخهٔ -> نسخه ٔ: WeasyPrint shows a raised mark as a run of its own, "
    "and pdf.js reads no /ActualText, which gives poppler the word whole; a word's last mark "
    "is drawn right after the space before the word, and pdf.js, which measures gaps from the "
    "last glyph that advanced, puts the space in twice, before the mark and after it), "
    "about 20 are glued to the next run (speaker label, <em>, lang span, footnote mark): "
    "WeasyPrint draws a line's runs in logical order, so in a right-to-left line the next run "
    "starts to the left of the last, and pdf.js's compareWithLastPosition (pdf.worker.mjs) "
    "ends the item there without the space it dropped from the run's edge; drawing the runs "
    "in visual order would put the tags out of reading order, so it is left to pdf.js"))
def test_pdfjs_finds_the_persian_text_as_written(clients):
    """Every word of the Persian source is in pdf.js's text of the PDF, letter for letter."""
    text, total, missing = persian_extraction(clients)
    report = (f"{total - sum(missing.values())} of {total} source words found intact; "
              f"missing: " + " ".join(sorted(missing)))
    print(report)
    assert not missing, report
