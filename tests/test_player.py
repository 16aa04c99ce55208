"""An interview with its recording, played from its pages: the HTML page's player and time
links (with and without JavaScript, in headless Chromium), and the times the PDF editions
print in the margin beside each turn (``times_in_margin``); the same in a collected volume,
whose page plays each interview's own recording; and the preview serving the recording."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
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
SERIES_TALK = """---
title: {title}
date: 2026-02-0{number}
interviewer: {asker}
interviewee: {teller}
audio: {audio}
series_number: {number}
---
An introduction.

Q [{question}]: A question?

A [{answer}]: An answer.
"""
VOLUME_TALKS = {
    # slug: (title, interviewer, interviewee, recording, the two turns' times)
    "first": ("The First Talk", "Ana Field", "Ben Stone", "first/talk.mp3", ("00:05", "00:14")),
    "second": ("The Second Talk", "Cleo Marsh", "Dan Reed", "second/talk.mp3", ("00:07", "00:16")),
    "third": ("The Third Talk", "Eva Holt", "Finn Roe", "first/talk.mp3", ("00:20", "00:30")),
}
"""A series of three timed interviews: two recordings of the same file name in two folders,
the third interview made from the first's recording."""
ID3V1 = b"TAG" + b"Second".ljust(30, b"\0") + bytes(94) + b"\xff"
"""A tag at the end of an MP3: makes the second recording another file than the first."""


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


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """The status, headers and body of a GET, errors included."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                    timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_preview_serves_the_page_with_its_player_and_its_recording(tmp_path):
    from test_serve import Server

    shutil.copytree(SAMPLES / "recorded", tmp_path / "content")
    (tmp_path / "content" / "notes.txt").write_text("not for the web", encoding="utf-8")
    server = Server(tmp_path)
    try:
        server.wait(r"^built harbour-pilot$")  # the page is there once its build is done
        media, body = server.get("harbour-pilot/")
        page = Elements(body.decode("utf-8"))
        [audio] = page.having("audio")
        # where the page's player and links find the recording: beside the page
        status, headers, recording = fetch(server.url + "harbour-pilot/" + audio.attributes["src"])
        partial, ranged, seeking = fetch(server.url + "harbour-pilot/harbour-pilot.mp3",
                                         Range="bytes=1000-1999")
        refused = [fetch(server.url + path)[0] for path in (
            "harbour-pilot/harbour-pilot.md", "harbour-pilot/notes.txt",
            "harbour-pilot/..%2Fharbour-pilot.mp3", "harbour-pilot/%2E%2E/notes.txt",
            "harbour-pilot/.cache", "harbour-pilot.mp3", "harbour-pilot/harbour-pilot.pdf.mp3")]
    finally:
        server.stop()
    assert media.startswith("text/html")
    assert page.having("audio") and len(page.having("a", "turn-time")) == 6
    original = (SAMPLES / "recorded" / "harbour-pilot.mp3").read_bytes()
    assert (status, headers["Content-Type"], recording) == (200, "audio/mpeg", original)
    assert headers["Accept-Ranges"] == "bytes"
    # a player seeking asks for a part of it
    assert (partial, ranged["Content-Range"], seeking) == (
        206, f"bytes 1000-1999/{len(original)}", original[1000:2000])
    assert refused == [404] * 7


@pytest.mark.parametrize("header, sent", [
    (None, None), ("bytes=0-", range(0, 100)), ("bytes=10-19", range(10, 20)),
    ("bytes=-5", range(95, 100)), ("bytes=90-500", range(90, 100)),
    ("bytes=100-", range(0)),           # nothing there: 416
    ("bytes=0-5,10-15", None), ("bytes=9-3", None), ("lines=0-5", None),  # the whole file
])
def test_the_preview_sends_the_part_of_a_recording_a_player_asks_for(header, sent):
    from exporters.serve import byte_range

    assert byte_range(header, 100) == sent


# ---- a collected volume ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def volume(tmp_path_factory) -> Path:
    """A series of three timed interviews with their recordings (:data:`VOLUME_TALKS`), built
    as pages and screen PDFs; the volume's folder."""
    root = tmp_path_factory.mktemp("volume")
    series = root / "content" / "talks"
    for folder in ("first", "second"):
        (series / folder).mkdir(parents=True)
    shutil.copy(SAMPLES / "recorded" / "harbour-pilot.mp3", series / "first" / "talk.mp3")
    (series / "second" / "talk.mp3").write_bytes(
        (SAMPLES / "recorded" / "harbour-pilot.mp3").read_bytes() + ID3V1)
    (series / "series.yml").write_text("title: Talks\n", encoding="utf-8")
    for number, (slug, (title, asker, teller, audio, (question, answer))) in enumerate(
            VOLUME_TALKS.items(), 1):
        (series / f"{slug}.md").write_text(SERIES_TALK.format(
            title=title, number=number, asker=asker, teller=teller, audio=audio,
            question=question, answer=answer), encoding="utf-8")
    run = make("build", "--format", "html,pdf", cwd=root)
    assert run.code == 0, run.stderr
    return root / "dist" / "talks"


def test_a_volume_has_each_recording_beside_its_page_once(volume):
    series = volume.parent.parent / "content" / "talks"
    assert sorted(path.name for path in volume.iterdir()) == [
        "first.mp3", "index.html", "second.mp3", "talks.html", "talks.pdf"]
    # named after the first interview made from each: the two talk.mp3 do not collide
    assert (volume / "first.mp3").read_bytes() == (series / "first" / "talk.mp3").read_bytes()
    assert (volume / "second.mp3").read_bytes() == (series / "second" / "talk.mp3").read_bytes()


def test_a_volumes_interviews_each_play_their_own_recording_from_each_time(volume):
    page = page_elements(volume / "talks.html")
    by_id = {element.attributes["id"]: element for element in page.found
             if "id" in element.attributes}
    players, links = {}, {}
    for slug in VOLUME_TALKS:
        article = Elements(_outer_html(volume / "talks.html", slug))
        [audio] = article.having("audio")
        name = " ".join(by_id[part].text.strip()
                        for part in audio.attributes["aria-labelledby"].split())
        players[slug] = (audio.attributes["src"], name)
        links[slug] = [(link.text, link.attributes["href"], link.attributes["aria-label"])
                       for link in article.having("a", "turn-time")]
    assert players == {"first": ("first.mp3", "The recording The First Talk"),
                       "second": ("second.mp3", "The recording The Second Talk"),
                       "third": ("first.mp3", "The recording The Third Talk")}
    assert links == {
        "first": [("00:05", "first.mp3#t=5", "Play from 00:05"),
                  ("00:14", "first.mp3#t=14", "Play from 00:14")],
        "second": [("00:07", "second.mp3#t=7", "Play from 00:07"),
                   ("00:16", "second.mp3#t=16", "Play from 00:16")],
        "third": [("00:20", "first.mp3#t=20", "Play from 00:20"),
                  ("00:30", "first.mp3#t=30", "Play from 00:30")]}
    assert len(page.having("script")) == 1


def test_a_volumes_index_page_has_no_player(volume):
    page = page_elements(volume / "index.html")
    assert not page.having("audio") and not page.having("script")


def test_a_volumes_pages_pass_the_nu_html_checker(volume):
    if not VNU_JAR.is_file() or not shutil.which("java"):
        pytest.skip("the Nu Html Checker is not installed (bash tests/tools/install.sh)")
    assert vnu_errors([volume / "talks.html", volume / "index.html"]) == ""


def test_a_volumes_pdf_prints_each_time_in_the_margin_beside_its_turn(volume):
    words = pdf_words(volume / "talks.pdf")
    times = [time for *_, pair in VOLUME_TALKS.values() for time in pair]
    first_words = ["Ana", "Ben", "Cleo", "Dan", "Eva", "Finn"]  # the speakers' names
    assert beside_their_turns(words, times) == list(zip(times, first_words))


def _outer_html(page: Path, article_id: str) -> str:
    """The markup of the element ``article_id`` of ``page``: one interview of a volume."""
    markup = page.read_text(encoding="utf-8")
    start = markup.index(f'<article class="interview" id="{article_id}"')
    return markup[start:markup.index("</article>", start) + len("</article>")]


# ---- in Chromium ----------------------------------------------------------------------------

PLAYER_SCRIPT = r"""
const puppeteer = require('puppeteer-core');
const { readFileSync } = require('fs');
const [chromium, profile, url, volumeUrl] = process.argv.slice(2);
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

    // a volume's page: each interview's player, by the article it is in
    const book = await browser.newPage();
    book.on('pageerror', (error) => errors.push(String(error)));
    await book.goto(volumeUrl, { waitUntil: 'load' });
    const players = () => book.evaluate(() => Object.fromEntries(
      [...document.querySelectorAll('article')].map((article) => {
        const audio = article.querySelector('audio');
        return [article.id, { currentTime: audio.currentTime, paused: audio.paused }];
      })));
    const speaking = () => book.evaluate(
      () => [...document.querySelectorAll('.turn.speaking')].map((turn) => turn.id));
    seen.volume = {};
    await book.click('#second-turn-2 a.turn-time');
    await book.waitForFunction(() => document.querySelector('#second audio').currentTime >= 16);
    seen.volume.second = { players: await players(), speaking: await speaking(), location: book.url() };
    await book.click('#third-turn-1 a.turn-time');
    await book.waitForFunction(() => document.querySelector('#third audio').currentTime >= 20
      && document.querySelector('#second audio').paused);
    seen.volume.third = { players: await players(), speaking: await speaking(), location: book.url() };
    await book.evaluate(() => document.querySelector('#third audio').pause());
    await book.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    seen.volume.axe = await book.evaluate(async () => (await axe.run(document,
      { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`));
  } catch (error) {
    seen.error = String(error && error.stack || error);
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(seen));
})();
"""


@pytest.fixture(scope="module")
def played(recorded, volume, tmp_path_factory) -> dict:
    """What headless Chromium saw of the page, opened from file://: with its script, clicking
    times and seeking the player, axe-core's violations, then without it, a time followed;
    then of the volume's page, clicking times of two interviews."""
    if not shutil.which("node") or not Path(CHROMIUM).exists() or not (
            TOOLS / "node_modules" / "puppeteer-core").is_dir():
        pytest.skip("Node.js, Chromium or puppeteer-core is missing (bash tests/tools/install.sh)")
    work = tmp_path_factory.mktemp("player")
    script = work / "player.cjs"
    script.write_text(PLAYER_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        ["node", str(script), CHROMIUM, str(work / "profile"),
         (recorded / "harbour-pilot.html").as_uri(), (volume / "talks.html").as_uri()],
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


def test_in_a_volume_a_time_seeks_its_own_interviews_player_and_pauses_the_others(played, volume):
    second, third = played["volume"]["second"], played["volume"]["third"]
    assert second["location"] == third["location"] == (volume / "talks.html").as_uri()
    assert 16 <= second["players"]["second"]["currentTime"] < 20
    assert not second["players"]["second"]["paused"]
    assert second["players"]["first"] == second["players"]["third"] == {
        "currentTime": 0, "paused": True}
    assert second["speaking"] == ["second-turn-2"]
    # the third interview plays the first's recording, in its own player
    assert 20 <= third["players"]["third"]["currentTime"] < 30
    assert not third["players"]["third"]["paused"] and third["players"]["second"]["paused"]
    assert third["players"]["first"] == {"currentTime": 0, "paused": True}
    assert "third-turn-1" in third["speaking"] and "first-turn-1" not in third["speaking"]
    assert played["volume"]["axe"] == []


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
