"""The read-along e-book: an interview with its recording and timed turns gets EPUB 3 Media
Overlays. Read from the built EPUB as a reading system would (package document, SMIL,
content documents) and checked against the Markdown's times and the MP3 itself."""

from __future__ import annotations

import re
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from mutagen.mp3 import MP3

from conftest import GOOD, SAMPLES, make
from validators import ace_violations, epubcheck_messages

RECORDED = SAMPLES / "recorded" / "harbour-pilot.md"
RECORDING = RECORDED.with_suffix(".mp3")
OPF = {"opf": "http://www.idpf.org/2007/opf"}
SMIL = {"smil": "http://www.w3.org/ns/SMIL"}
XHTML = {"x": "http://www.w3.org/1999/xhtml"}
TIME = re.compile(r"^(?:\*\*)?([^\s\[:*]+(?: [^\s\[:*]+)*) \[([\d:.]+)\]:(?:\*\*)? *(.*)$", re.M)
SERIES = "title: Field Notes\neditors: [Ana Field]\npublisher: Small Press\n"


def seconds(written: str) -> float:
    """``[MM:SS]``, ``[HH:MM:SS]`` as the Markdown gives them, or a SMIL clock value
    (``H:MM:SS.mmm``, ``MM:SS.mmm``), in seconds."""
    total = 0.0
    for part in written.split(":"):
        total = total * 60 + float(part)
    return total


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist()}


def text_of(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def said(markdown_text: str) -> str:
    """A turn's words as written, without emphasis marks and note references."""
    return re.sub(r"\[\^[^\]]+\]|[*_]", "", markdown_text).strip()


def package(book: dict[str, bytes]):
    return etree.fromstring(book["EPUB/content.opf"])


def manifest(opf) -> dict[str, dict[str, str]]:
    """Manifest items by id: href, media-type and the other attributes."""
    return {item.get("id"): dict(item.attrib)
            for item in opf.findall("opf:manifest/opf:item", OPF)}


def metas(opf, prop: str) -> list[tuple[str | None, str]]:
    """(refines, value) of each ``<meta property=prop>``."""
    return [(meta.get("refines"), meta.text)
            for meta in opf.findall("opf:metadata/opf:meta", OPF) if meta.get("property") == prop]


def pars(smil: bytes) -> list[tuple[str, str, float, float]]:
    """(text src, audio src, clipBegin, clipEnd) of each ``<par>``, in order."""
    root = etree.fromstring(smil)
    return [(par.find("smil:text", SMIL).get("src"), par.find("smil:audio", SMIL).get("src"),
             seconds(par.find("smil:audio", SMIL).get("clipBegin")),
             seconds(par.find("smil:audio", SMIL).get("clipEnd")))
            for par in root.iterfind(".//smil:par", SMIL)]


def build(project: Path, out: str = "dist") -> Path:
    run = make("build", "--format", "epub", "--out", out, cwd=project)
    assert run.code == 0 and run.lines == [], run.stderr
    return project / out


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Path:
    """The sample interview with its recording, built as an e-book."""
    project = tmp_path_factory.mktemp("recorded")
    shutil.copytree(SAMPLES / "recorded", project / "content")
    return build(project) / "harbour-pilot/harbour-pilot.epub"


@pytest.fixture(scope="module")
def volume(tmp_path_factory) -> Path:
    """A volume of two interviews of one recording (the second with other times) and one
    interview without times."""
    project = tmp_path_factory.mktemp("volume")
    folder = project / "content/notes"
    folder.mkdir(parents=True)
    (folder / "series.yml").write_text(SERIES)
    shutil.copy(RECORDING, folder / "harbour-pilot.mp3")
    text = RECORDED.read_text(encoding="utf-8")
    (folder / "harbour-pilot.md").write_text(
        text.replace("date:", "series_number: 1\ndate:", 1), encoding="utf-8")
    (folder / "second-watch.md").write_text(
        text.replace('"Bringing Them In"', '"Second Watch"')
            .replace("date:", "series_number: 2\ndate:", 1).replace("A [00:03]:", "A [00:05]:"),
        encoding="utf-8")
    (folder / "untimed.md").write_text(
        GOOD.replace("date:", "series_number: 3\ndate:", 1), encoding="utf-8")
    return build(project) / "notes/notes.epub"


def test_each_turn_is_played_from_its_time_to_the_next_turns(recorded):
    """One ``<par>`` per turn, in the order of the text, pointing at the turn and at its
    stretch of the recording: from the time written in the Markdown to the next turn's, the
    last to the end of the MP3."""
    book = members(recorded)
    written = TIME.findall(RECORDED.read_text(encoding="utf-8"))
    assert len(written) == 6
    starts = [seconds(time) for _, time, _ in written]
    ends = starts[1:] + [round(MP3(RECORDING).info.length, 3)]

    found = pars(book["EPUB/interview.smil"])
    assert [(begin, end) for _, _, begin, end in found] == list(zip(starts, ends))
    assert {audio for _, audio, _, _ in found} == {"audio/harbour-pilot.mp3"}

    page = etree.fromstring(book["EPUB/interview.xhtml"])
    turns = page.findall(".//x:div[@class]", XHTML)
    turns = [turn for turn in turns if "turn" in turn.get("class").split()]
    assert [src for src, *_ in found] == [f"interview.xhtml#{turn.get('id')}" for turn in turns]
    speakers = {"Q": "Ines Moreau", "A": "Ruth Okafor"}
    for turn, (label, _, words) in zip(turns, written):
        heard = text_of(turn)
        assert heard.startswith(f"{speakers[label]}:"), heard
        assert " ".join(said(words).split()[:8]) in heard


def test_the_package_carries_the_recording_overlay_and_durations(recorded):
    book = members(recorded)
    opf = package(book)
    items = manifest(opf)
    page = next(item for item in items.values() if item["href"] == "interview.xhtml")
    overlay = items[page["media-overlay"]]
    assert (overlay["href"], overlay["media-type"]) == ("interview.smil", "application/smil+xml")
    recording = next(item for item in items.values() if item["media-type"].startswith("audio/"))
    assert recording == {"id": recording["id"], "href": "audio/harbour-pilot.mp3",
                         "media-type": "audio/mpeg"}
    assert book["EPUB/audio/harbour-pilot.mp3"] == RECORDING.read_bytes()
    assert [item for item in items.values() if "media-overlay" in item] == [page]

    played = sum(end - begin for *_, begin, end in pars(book["EPUB/interview.smil"]))
    durations = metas(opf, "media:duration")
    assert [(refines, seconds(value)) for refines, value in durations] == [
        (None, pytest.approx(played)), (f"#{overlay['id']}", pytest.approx(played))]
    assert played == pytest.approx(MP3(RECORDING).info.length, abs=0.001)


def test_the_turn_being_heard_is_highlighted_with_plain_css(recorded):
    book = members(recorded)
    [(refines, active)] = metas(package(book), "media:active-class")
    assert refines is None and re.fullmatch(r"-?[A-Za-z][\w-]*", active)
    css = book["EPUB/style.css"].decode()
    rule = re.search(rf"(?m)^\.{re.escape(active)} \{{([^}}]*)\}}", css)
    assert rule and "background-color: #" in rule[1] and "var(" not in rule[1]


def test_the_accessibility_metadata_says_it_can_be_heard(recorded):
    opf = package(members(recorded))
    values = {prop: [value for _, value in metas(opf, f"schema:{prop}")]
              for prop in ("accessMode", "accessModeSufficient", "accessibilityFeature")}
    assert values["accessMode"] == ["textual", "auditory"]
    assert values["accessModeSufficient"] == ["textual", "auditory,textual"]
    assert "synchronizedAudioText" in values["accessibilityFeature"]
    [(_, summary)] = metas(opf, "schema:accessibilitySummary")
    assert "recording" in summary and "Media Overlays" in summary


def ogg(codec: str, seconds: int) -> bytes:
    """A silent Ogg recording in ``codec`` (opus or vorbis), as mutagen and the build read
    it: its headers and a last page whose position gives its length."""
    from mutagen.ogg import OggPage

    def page(packet: bytes, sequence: int, position: int) -> bytes:
        made = OggPage()
        made.serial, made.sequence, made.position, made.packets = 7, sequence, position, [packet]
        made.first, made.last = sequence == 0, sequence == 2
        return made.write()

    no_tags = struct.pack("<I", 6) + b"sample" + struct.pack("<I", 0)
    if codec == "opus":
        return (page(b"OpusHead" + bytes([1, 1]) + struct.pack("<HIhB", 0, 48000, 0, 0), 0, 0)
                + page(b"OpusTags" + no_tags, 1, 0) + page(b"\xf8\xff\xfe", 2, 48000 * seconds))
    return (page(b"\x01vorbis" + struct.pack("<IBIiii", 0, 1, 22050, 0, 64000, 0) + b"\xb8\x01",
                 0, 0)
            + page(b"\x03vorbis" + no_tags + b"\x01", 1, 0) + page(b"\x00", 2, 22050 * seconds))


@pytest.fixture(scope="module")
def in_ogg(tmp_path_factory) -> dict:
    """The sample interview with its recording in Opus, and in Vorbis: codec -> EPUB, and the
    build's report lines."""
    project = tmp_path_factory.mktemp("ogg")
    (project / "content").mkdir()
    text = RECORDED.read_text(encoding="utf-8")
    for codec in ("opus", "vorbis"):
        (project / f"content/talk-{codec}.ogg").write_bytes(ogg(codec, 50))
        (project / f"content/{codec}.md").write_text(
            text.replace("audio: harbour-pilot.mp3", f"audio: talk-{codec}.ogg"), encoding="utf-8")
    run = make("build", "--format", "epub", cwd=project)
    assert run.code == 0, run.stderr
    books = {codec: project / "dist" / codec / f"{codec}.epub" for codec in ("opus", "vorbis")}
    return {**books, "lines": run.lines}


def test_an_opus_recording_goes_in_with_its_codec_and_vorbis_stays_out(in_ogg):
    """Opus in Ogg is an audio type EPUB allows, named with its codec; Vorbis is not, and its
    interview's book is an ordinary one."""
    opus = members(in_ogg["opus"])
    items = manifest(package(opus))
    assert [(item["href"], item["media-type"]) for item in items.values()
            if item["href"].startswith("audio/")] == [("audio/opus.ogg", "audio/ogg; codecs=opus")]
    assert pars(opus["EPUB/interview.smil"])[-1][2:] == (30, 50)
    vorbis = members(in_ogg["vorbis"])
    assert not [name for name in vorbis if name.endswith((".smil", ".ogg"))]
    assert b"media:" not in vorbis["EPUB/content.opf"]
    audio_line = RECORDED.read_text(encoding="utf-8").splitlines().index(
        "audio: harbour-pilot.mp3") + 1
    assert in_ogg["lines"] == [
        f"content/vorbis.md:{audio_line}: [recording] warning: the recording 'talk-vorbis.ogg' "
        "is Ogg Vorbis, which an e-book cannot carry: the EPUB will not read along with it; "
        "export the recording as MP3, or as Opus in Ogg"], in_ogg["lines"]


def test_a_volume_voices_the_chapters_with_a_recording(volume):
    book = members(volume)
    opf = package(book)
    items = manifest(opf)
    voiced = {item["href"]: items[item["media-overlay"]]["href"]
              for item in items.values() if "media-overlay" in item}
    assert voiced == {"harbour-pilot.xhtml": "harbour-pilot.smil",
                      "second-watch.xhtml": "second-watch.smil"}
    # one recording, one copy
    assert [item["href"] for item in items.values() if item["media-type"] == "audio/mpeg"] == [
        "audio/harbour-pilot.mp3"]
    second = pars(book["EPUB/second-watch.smil"])
    assert second[0][0] == "second-watch.xhtml#second-watch-turn-1"
    assert [(begin, end) for *_, begin, end in second[:2]] == [(0, 5), (5, 14)]
    page = etree.fromstring(book["EPUB/second-watch.xhtml"])
    assert {src.split("#")[1] for src, *_ in second} <= {
        element.get("id") for element in page.iter() if element.get("id")}

    durations = dict(metas(opf, "media:duration"))
    each = [seconds(durations[f"#{item['id']}"]) for item in items.values()
            if item["media-type"] == "application/smil+xml"]
    assert len(each) == 2 and seconds(durations[None]) == pytest.approx(sum(each))


def test_books_without_a_recording_stay_as_they_were(tmp_path, recorded):
    """Without ``audio:`` the same interview (times and all) is an ordinary e-book: no
    overlay, no recording, no media metadata, the plain stylesheet; and the pages of the
    read-along book are those of the ordinary one."""
    (tmp_path / "content").mkdir()
    text = RECORDED.read_text(encoding="utf-8").replace("audio: harbour-pilot.mp3\n", "")
    (tmp_path / "content/harbour-pilot.md").write_text(text, encoding="utf-8")
    (tmp_path / "content/good.md").write_text(GOOD, encoding="utf-8")
    dist = build(tmp_path)
    plain = members(dist / "harbour-pilot/harbour-pilot.epub")
    assert not [name for name in plain if name.endswith((".smil", ".mp3"))]
    opf = plain["EPUB/content.opf"].decode()
    assert "media:" not in opf and "media-overlay" not in opf and "auditory" not in opf
    assert "synchronizedAudioText" not in opf
    assert plain["EPUB/style.css"] == members(dist / "good/good.epub")["EPUB/style.css"]

    read_along = members(recorded)
    assert {name for name in read_along if name.endswith(".xhtml")} == {
        name for name in plain if name.endswith(".xhtml")}
    for name in plain:
        if name.endswith(".xhtml"):
            assert read_along[name] == plain[name], name
    extra = read_along["EPUB/style.css"].decode().removeprefix(plain["EPUB/style.css"].decode())
    assert extra.count("{") == 1 and "-epub-media-overlay-active" in extra


def test_two_builds_are_byte_identical(recorded):
    again = build(recorded.parents[2], "again") / "harbour-pilot/harbour-pilot.epub"
    assert again.read_bytes() == recorded.read_bytes()


def broken(book: Path, folder: Path, name: str, change) -> Path:
    """A copy of ``book`` with one member changed by ``change``."""
    target = folder / f"{name}.epub"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            copy.writestr(item, change(item.filename, data))
    return target


def test_epubcheck_finds_no_message_and_notices_wrong_overlays(recorded, volume, in_ogg,
                                                               tmp_path):
    """EPUBCheck (as --failonwarnings) passes the read-along books, and fails them when a clip
    ends before it begins or the book's duration is not the sum of its overlays'."""
    backwards = broken(recorded, tmp_path, "backwards", lambda name, data: re.sub(
        rb'clipBegin="([^"]+)" clipEnd="([^"]+)"', rb'clipBegin="\2" clipEnd="\1"', data)
        if name.endswith(".smil") else data)
    too_long = broken(recorded, tmp_path, "too-long", lambda name, data: re.sub(
        rb'(<meta property="media:duration">)[^<]+', rb"\g<1>0:09:00.000", data)
        if name.endswith(".opf") else data)
    valid = [recorded, volume, in_ogg["opus"], in_ogg["vorbis"]]
    counts = epubcheck_messages([*valid, backwards, too_long])
    assert all(counts[str(book)] == 0 for book in valid), counts["_output"]
    assert counts[str(backwards)] > 0 and counts[str(too_long)] > 0, counts["_output"]
    output = str(counts["_output"])
    assert "clipBegin" in output and "total duration should be the sum" in output, output


@pytest.mark.parametrize("which", ["recorded", "volume"])
def test_ace_finds_no_violations(which, request):
    assert ace_violations(request.getfixturevalue(which)) == []


def test_a_new_recording_rebuilds_the_volume_that_carries_it(tmp_path):
    """Changing only the recording makes the volume's e-book carry the new one."""
    folder = tmp_path / "content/notes"
    folder.mkdir(parents=True)
    (folder / "series.yml").write_text(SERIES)
    shutil.copy(RECORDING, folder / "harbour-pilot.mp3")
    (folder / "harbour-pilot.md").write_text(
        RECORDED.read_text(encoding="utf-8").replace("date:", "series_number: 1\ndate:", 1),
        encoding="utf-8")
    book = build(tmp_path) / "notes/notes.epub"
    assert members(book)["EPUB/audio/harbour-pilot.mp3"] == RECORDING.read_bytes()
    # the same sound in new bytes: an ID3v1 tag at the end
    changed = RECORDING.read_bytes() + b"TAG" + b"New take".ljust(30, b"\0") + b"\0" * 94
    (folder / "harbour-pilot.mp3").write_bytes(changed)
    build(tmp_path)
    assert members(book)["EPUB/audio/harbour-pilot.mp3"] == changed
