"""An interview with its recording, played from its pages: the HTML page's player and time
links (with and without JavaScript, in headless Chromium), and the times the PDF editions
print in the margin beside each turn (``times_in_margin``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SAMPLES, make
from validators import CHROMIUM, VNU_JAR, vnu_errors

TOOLS = Path(__file__).resolve().parent / "tools"
SAMPLE_TIMES = ["00:00", "00:03", "00:14", "00:16", "00:27", "00:30"]
"""The times the sample's turns are written with, in order."""
TIMED = """---
title: Timed
date: 2026-02-03
lang: {lang}
interviewer: Ana Field
interviewee: Ben Stone
---
An introduction.

Q [00:05]: {question}

A [01:02:03.5]: {answer}
"""


# ---- what the pages hold --------------------------------------------------------------------

@dataclass(frozen=True)
class Element:
    tag: str
    attributes: dict[str, str]
    text: str


class Elements(HTMLParser):
    """Every element of a page with its attributes and its own text (its children's
    included), enough to read what a reader sees of the times."""

    def __init__(self, markup: str):
        super().__init__()
        self.found: list[Element] = []
        self._open: list[tuple[str, dict[str, str], list[str]]] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag in ("meta", "link", "br", "img", "source", "input"):
            self.found.append(Element(tag, attributes, ""))
        else:
            self._open.append((tag, attributes, []))

    def handle_endtag(self, tag):
        while self._open:
            name, attributes, text = self._open.pop()
            self.found.append(Element(name, attributes, "".join(text)))
            if self._open:
                self._open[-1][2].extend(text)
            if name == tag:
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)

    def having(self, tag: str, cls: str = "") -> list[Element]:
        return [e for e in self.found if e.tag == tag
                and (not cls or cls in e.attributes.get("class", "").split())]


def page_elements(path: Path) -> Elements:
    return Elements(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Path:
    """The sample interview with its recording, built as a page, the PDFs and the e-book."""
    root = tmp_path_factory.mktemp("recorded")
    shutil.copytree(SAMPLES / "recorded", root / "content")
    run = make("build", "--format", "html,pdf,print,epub", cwd=root)
    assert run.code == 0, run.stderr
    return root / "dist" / "harbour-pilot"


def test_the_recording_is_written_beside_the_page_which_plays_it(recorded):
    copy = recorded / "harbour-pilot.mp3"
    assert copy.read_bytes() == (SAMPLES / "recorded" / "harbour-pilot.mp3").read_bytes()
    page = page_elements(recorded / "harbour-pilot.html")
    [audio] = page.having("audio")
    assert audio.attributes["src"] == "harbour-pilot.mp3" and "controls" in audio.attributes
    [caption] = page.having("figcaption")
    assert caption.text == "The recording"


def test_each_turns_time_is_a_link_that_plays_the_recording_from_there(recorded):
    page = page_elements(recorded / "harbour-pilot.html")
    links = page.having("a", "turn-time")
    assert [link.text for link in links] == SAMPLE_TIMES
    assert [link.attributes["href"] for link in links] == [
        "harbour-pilot.mp3#t=0", "harbour-pilot.mp3#t=3", "harbour-pilot.mp3#t=14",
        "harbour-pilot.mp3#t=16", "harbour-pilot.mp3#t=27", "harbour-pilot.mp3#t=30"]
    assert links[2].attributes["aria-label"] == "Play from 00:14"
    # each time stands in its own turn, before the speaker's name
    turns = page.having("div", "turn")
    assert len(turns) == 6
    assert turns[2].text.strip().startswith("00:14 Ines Moreau: How do you get aboard?")


def test_nothing_on_the_page_comes_from_elsewhere(recorded):
    markup = (recorded / "harbour-pilot.html").read_text(encoding="utf-8")
    page = Elements(markup)
    addresses = [value for element in page.found for name, value in element.attributes.items()
                 if name in ("src", "href")]
    assert addresses and all(
        address.startswith(("#", "data:", "harbour-pilot.mp3")) for address in addresses), \
        addresses
    assert re.search(r"\b(fetch|XMLHttpRequest|import)\s*\(", markup) is None
    assert len(page.having("script")) == 1


def test_the_page_with_its_player_passes_the_nu_html_checker(recorded):
    if not VNU_JAR.is_file() or not shutil.which("java"):
        pytest.skip("the Nu Html Checker is not installed (bash tests/tools/install.sh)")
    assert vnu_errors([recorded / "harbour-pilot.html"]) == ""


def test_the_e_book_has_no_links_to_a_recording_it_does_not_hold(recorded):
    with zipfile.ZipFile(recorded / "harbour-pilot.epub") as book:
        names = book.namelist()
        markup = "".join(book.read(name).decode("utf-8") for name in names
                         if name.endswith(".xhtml"))
    assert "turn-time" not in markup and "#t=" not in markup
    for target in re.findall(r'(?:href|src)="([^"#]+)', markup):
        assert target.startswith(("http", "mailto:")) or any(
            name.endswith(target.split("/")[-1]) for name in names), target


def test_times_without_a_recording_are_plain_text_and_no_player(project, write):
    write("timed.md", TIMED.format(lang="en", question="First?", answer="An answer."))
    run = make("build", "--format", "html", cwd=project)
    assert run.code == 0, run.stderr
    out = project / "dist" / "timed"
    assert [p.name for p in out.iterdir()] == ["timed.html"]
    page = page_elements(out / "timed.html")
    assert [span.text for span in page.having("span", "turn-time")] == ["00:05", "01:02:03.5"]
    assert not page.having("a", "turn-time")
    assert not page.having("audio") and not page.having("script")


def test_a_recording_without_times_gets_no_player(project, write):
    shutil.copy(SAMPLES / "recorded" / "harbour-pilot.mp3", project / "content" / "talk.mp3")
    write("talk.md", TIMED.format(lang="en", question="First?", answer="An answer.")
          .replace(" [00:05]", "").replace(" [01:02:03.5]", "")
          .replace("lang: en", "lang: en\naudio: talk.mp3"))
    run = make("build", "--format", "html", cwd=project)
    assert run.code == 0, run.stderr
    assert [p.name for p in (project / "dist" / "talk").iterdir()] == ["talk.html"]
    page = page_elements(project / "dist" / "talk" / "talk.html")
    assert not page.having("audio") and not page.having("span", "turn-time")


def test_a_persian_pages_times_are_in_persian_digits_with_persian_words(project, write):
    shutil.copy(SAMPLES / "recorded" / "harbour-pilot.mp3", project / "content" / "fa.mp3")
    write("fa.md", TIMED.format(lang="fa", question="پرسش نخست؟", answer="پاسخ.")
          .replace("[01:02:03.5]", "[00:20.5]").replace("lang: fa", "lang: fa\naudio: fa.mp3"))
    run = make("build", "--format", "html", cwd=project)
    assert run.code == 0, run.stderr
    page = page_elements(project / "dist" / "fa" / "fa.html")
    links = page.having("a", "turn-time")
    assert [link.text for link in links] == ["۰۰:۰۵", "۰۰:۲۰.۵"]
    assert [link.attributes["href"] for link in links] == ["fa.mp3#t=5", "fa.mp3#t=20.5"]
    assert links[0].attributes["aria-label"] == "پخش از ۰۰:۰۵"


def test_the_preview_serves_the_page_with_its_player(tmp_path):
    from test_serve import Server

    shutil.copytree(SAMPLES / "recorded", tmp_path / "content")
    server = Server(tmp_path)
    try:
        media, body = server.get("harbour-pilot/")
    finally:
        server.stop()
    assert media.startswith("text/html")
    page = Elements(body.decode("utf-8"))
    assert page.having("audio") and len(page.having("a", "turn-time")) == 6


# ---- in Chromium ----------------------------------------------------------------------------

PLAYER_SCRIPT = r"""
const puppeteer = require('puppeteer-core');
const { readFileSync } = require('fs');
const [chromium, profile, url] = process.argv.slice(2);
(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--user-data-dir=${profile}`],
  });
  const seen = {};
  try {
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(url, { waitUntil: 'load' });
    const state = () => page.evaluate(() => ({
      currentTime: document.querySelector('audio').currentTime,
      location: location.href,
      speaking: [...document.querySelectorAll('.turn.speaking')].map((turn) => turn.id),
      current: [...document.querySelectorAll('[aria-current="true"]')].map((turn) => turn.id),
    }));
    seen.before = await state();
    await page.click('#harbour-pilot-turn-3 a.turn-time');
    await page.waitForFunction(() => document.querySelector('audio').currentTime >= 14);
    seen.third = await state();
    await page.click('#harbour-pilot-turn-6 a.turn-time');
    await page.waitForFunction(() => document.querySelector('audio').currentTime >= 30);
    seen.sixth = await state();
    await page.evaluate(() => document.querySelector('audio').pause());
    // the player's own seek marks the turn being heard
    await page.evaluate(() => { document.querySelector('audio').currentTime = 17; });
    await page.waitForFunction(
      () => document.querySelector('.turn.speaking')?.id === 'harbour-pilot-turn-4');
    seen.seeked = await state();
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    seen.axe = await page.evaluate(async () => (await axe.run(document,
      { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`));
    seen.requests = requests;
    seen.errors = errors;

    const plain = await browser.newPage();
    await plain.setJavaScriptEnabled(false);
    await plain.goto(url, { waitUntil: 'load' });
    await Promise.all([plain.waitForNavigation(), plain.click('#harbour-pilot-turn-3 a.turn-time')]);
    seen.withoutScript = { location: plain.url() };
    await plain.setJavaScriptEnabled(true);
    await plain.waitForFunction(() => {
      const media = document.querySelector('video, audio');
      return media && media.readyState >= 1;
    });
    seen.withoutScript.currentTime = await plain.evaluate(
      () => document.querySelector('video, audio').currentTime);
  } catch (error) {
    seen.error = String(error && error.stack || error);
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(seen));
})();
"""


@pytest.fixture(scope="module")
def played(recorded, tmp_path_factory) -> dict:
    """What headless Chromium saw of the page, opened from file://: with its script, clicking
    times and seeking the player, axe-core's violations, then without it, a time followed."""
    if not shutil.which("node") or not Path(CHROMIUM).exists() or not (
            TOOLS / "node_modules" / "puppeteer-core").is_dir():
        pytest.skip("Node.js, Chromium or puppeteer-core is missing (bash tests/tools/install.sh)")
    work = tmp_path_factory.mktemp("player")
    script = work / "player.cjs"
    script.write_text(PLAYER_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        ["node", str(script), CHROMIUM, str(work / "profile"),
         (recorded / "harbour-pilot.html").as_uri()],
        capture_output=True, text=True, timeout=180,
        env={**os.environ, "NODE_PATH": str(TOOLS / "node_modules")})
    assert done.returncode == 0, done.stdout + done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert "error" not in seen, seen["error"]
    return seen


def test_clicking_a_turns_time_seeks_the_pages_own_player_to_it(played, recorded):
    page = (recorded / "harbour-pilot.html").as_uri()
    assert played["before"] == {"currentTime": 0, "location": page, "speaking": [], "current": []}
    assert played["third"]["location"] == page  # the page stays, its player plays
    assert 14 <= played["third"]["currentTime"] < 16
    assert 30 <= played["sixth"]["currentTime"] < 46.1
    assert played["errors"] == []


def test_the_turn_being_heard_is_marked(played):
    assert played["third"]["speaking"] == played["third"]["current"] == ["harbour-pilot-turn-3"]
    assert played["sixth"]["speaking"] == played["sixth"]["current"] == ["harbour-pilot-turn-6"]
    assert played["seeked"]["speaking"] == played["seeked"]["current"] == ["harbour-pilot-turn-4"]


def test_the_playing_page_has_no_axe_violations_and_fetches_nothing_from_elsewhere(played):
    assert played["axe"] == []
    assert played["requests"] and all(url.startswith(("file://", "data:"))
                                      for url in played["requests"]), played["requests"]


def test_without_javascript_a_time_opens_the_recording_there(played, recorded):
    assert played["withoutScript"]["location"] == (recorded / "harbour-pilot.mp3").as_uri() + "#t=14"
    assert 14 <= played["withoutScript"]["currentTime"] < 16  # the browser's player, from there


# ---- the PDF's margin -----------------------------------------------------------------------

@dataclass(frozen=True)
class Word:
    page: int
    left: float
    top: float
    right: float
    bottom: float
    text: str


def pdf_words(pdf: Path) -> list[Word]:
    """Every word of a PDF with its box, as pdftotext -bbox reads them."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    words, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                          r"([^<]*)</word>", line)
        if found:
            words.append(Word(page, *map(float, found.groups()[:4]), found[5]))
    return words


def beside_their_turns(words: list[Word], times: list[str],
                       side: str = "left") -> list[tuple[str, str]]:
    """Each time, and the first word of the line it is printed on a level with, when it stands
    in the margin on ``side``: outside every other word of its page, 3 pt (1 mm) or more
    from that line's first word."""
    pairs = []
    for time in times:
        [printed] = [word for word in words if word.text == time]
        page = [word for word in words if word.page == printed.page and word.text not in times]
        line = [word for word in page if word.top < printed.bottom and printed.top < word.bottom]
        if side == "left":
            first = min(line, key=lambda word: word.left)
            in_margin = printed.right < min(word.left for word in page) - 3
        else:
            first = max(line, key=lambda word: word.right)
            in_margin = printed.left > max(word.right for word in page) + 3
        pairs.append((time, first.text if in_margin else f"not in the margin: {first.text}"))
    return pairs


@pytest.mark.parametrize("edition", ["harbour-pilot.pdf", "harbour-pilot-print.pdf"])
def test_the_pdfs_print_each_time_in_the_margin_beside_its_turn(recorded, edition):
    words = pdf_words(recorded / edition)
    first_words = ["Ines", "Ruth", "Ines", "Ruth", "Ines", "Ruth"]  # the speakers' names
    assert beside_their_turns(words, SAMPLE_TIMES) == list(zip(SAMPLE_TIMES, first_words))


def test_times_in_margin_false_prints_no_times(tmp_path):
    shutil.copytree(SAMPLES / "recorded", tmp_path / "content")
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "theme.yml").write_text("times_in_margin: false\n", encoding="utf-8")
    run = make("build", "--format", "pdf", "--templates", "theme", cwd=tmp_path)
    assert run.code == 0, run.stderr
    words = pdf_words(tmp_path / "dist" / "harbour-pilot" / "harbour-pilot.pdf")
    assert "Ruth" in [word.text for word in words]
    assert not [word.text for word in words if re.fullmatch(r"\d\d:\d\d", word.text)]


def test_a_right_to_left_interview_prints_its_times_in_the_right_margin(project, write):
    write("fa.md", TIMED.format(lang="fa", question="پرسش نخست؟", answer="پاسخ کوتاه."))
    run = make("build", "--format", "pdf", cwd=project)
    assert run.code == 0, run.stderr
    words = pdf_words(project / "dist" / "fa" / "fa.pdf")
    times = ["۰۰:۰۵", "۰۱:۰۲:۰۳.۵"]
    # the speakers' names start the lines, at the right (Ana Field, a left-to-right run)
    assert [first for _, first in beside_their_turns(words, times, side="right")] == [
        "Field", "Stone"]
