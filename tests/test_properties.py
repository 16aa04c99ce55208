"""Property-based tests of the promise made to editors: whatever bytes a content file holds,
reading and checking it either succeeds or gives one-line problems ``file:LINE: what; what to
do`` (a :class:`ContentError`), never another exception, never a hang; and a build beside a
good interview still builds the good one and never touches content/.

Generated inputs: front matter (known and unknown keys, values of every YAML kind, odd
Unicode, control characters, lone surrogates, deep nesting, dates real and impossible, raw
YAML with anchors, aliases and tags), Markdown bodies (labels, headings, lists, quotes, raw
HTML, footnotes, images, pathological nesting) and random or mutated bytes.

Reproducible: ``derandomize=True`` and no example database, so CI sees the same examples.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import resource
import signal
import struct
import tempfile
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, note, settings
from hypothesis import strategies as st

from exporters import cli
from exporters.errors import ContentError, Problem, display_path
from exporters.lint import lint_file
from exporters.metadata import FIELDS, SPEAKER_FIELDS
from exporters.model import read_interview

from conftest import GOOD

DEADLINE_MS = 3000
"""The longest one in-process example may take: the slowest take about 0.3 s alone; the margin
is for two shared cores under load (a slower run is reported as a flaky failure)."""
HANG_SECONDS = 20
"""An example that runs this long is a hang (its deadline is far shorter)."""
MEMORY_GROWTH_KB = 1024 * 1024
"""The most the test process's peak memory may grow over the examples (1 GB)."""

PHASES = [Phase.explicit, Phase.generate]
if os.environ.get("PROPERTIES_SHRINK"):
    PHASES.append(Phase.shrink)
"""Shrinking a failure to its smallest form can take minutes: set PROPERTIES_SHRINK=1 to have
it. Without, the first failing example is shown as drawn; the smallest found so far are in FOUND
and FOUND_IN_BUILDS below."""
FAST = settings(max_examples=200, deadline=DEADLINE_MS, derandomize=True, database=None,
                phases=PHASES, suppress_health_check=[
                    HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
LINE = re.compile(r"^(?P<path>\S.*?):(?P<line>\d+): \S")
BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85]")
"""What ends a line on a terminal or in a CI log (U+2028 and U+2029 are left to the fonts)."""
CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
"""Other control characters: printed raw, ESC and its kin rewrite the editor's terminal."""
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ------------------------------------------------------------------------------------------
# Strategies


def weighted(*choices: tuple[int, st.SearchStrategy]) -> st.SearchStrategy:
    """One of the strategies, each drawn about ``weight`` times in ``sum(weights)``."""
    return st.sampled_from([strategy for weight, strategy in choices
                            for _ in range(weight)]).flatmap(lambda strategy: strategy)


ODD_TEXT = [
    "", " ", "x", "Ana", "Q", "A", "{{ 7*7 }}", "{% raw %}", "<script>alert(1)</script>",
    "--", "...", "'", '"', "\"'unbalanced", "a: b", "- a", "# not a comment", "&amp;", "&#0;",
    "\u202eevil\u202c", "\u200f\u200e", "\u2066isolate\u2069", "e\u0301\u0301\u0301",
    "a" + "\u0300" * 200, "\u200b\u200d\ufeff", "\u00a0\u2028\u2029\u0085", "\ufffd",
    "کارگر بندر", "مرحبا بالعالم", "עברית", "日本語のテキスト", "👩‍👩‍👧‍👦🏳️‍🌈", "\U0010ffff",
    "line\nbreak", "cr\rhere", "crlf\r\nhere", "tab\there", "x" * 3000, "[^1]",
    "![x](images/a.png)", "**Q:**", "javascript:alert(1)", "https://example.org/a b",
    "../../etc/passwd", "/etc/passwd", "%00", "\\", "~", "null", "  padded  ", "x\n\ny",
]
"""Text that has broken software before: bidi controls, combining marks, scripts without a
bundled font, line separators, markup, templates, paths."""
CONTROL_TEXT = ["\x00", "a\x00b", "\x07bell", "\x1b[31m", "\x7f", "\ufffe", "\uffff", "\x0b",
                "\x0c", "\x1f"]
"""Characters that XML cannot hold: refused when typed into the file, but reachable through
YAML escapes ("\\0")."""

clean_text = weighted(
    (3, st.sampled_from(ODD_TEXT)),
    (2, st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Cn"]),
                max_size=30)),
    (1, st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7e), max_size=30)),
    (1, st.text(st.characters(min_codepoint=0x590, max_codepoint=0x6ff), max_size=20)),  # RTL
    (1, st.text(st.characters(categories=["Mn", "Me", "Cf", "Zl", "Zp", "Zs"]), max_size=10)),
)
"""Text that can be typed into a file as it is."""
odd_text = weighted(
    (8, clean_text),
    (1, st.sampled_from(CONTROL_TEXT)),
    (1, st.text(max_size=20)),  # anything, control characters included
    (1, st.text(st.characters(categories=["Cs", "Co", "Cn"]), min_size=1, max_size=3)),
)
"""Text for values: may hold control characters and lone surrogates (which become bytes that
are not UTF-8 when written into the file, and real characters when written as YAML escapes)."""

known_keys = st.sampled_from(sorted(FIELDS))
key_names = weighted(
    (8, known_keys),
    (1, st.sampled_from(sorted(SPEAKER_FIELDS) + ["titel", "Title", "<<", "? x", "-", "1", "~"])),
    (1, odd_text),
)

dates = st.one_of(st.dates(), st.datetimes())
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-3, 3),
    st.integers(min_value=2**63, max_value=2**200), st.floats(), dates, odd_text, odd_text,
)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(key_names, st.integers(), st.none()),
                                            inner, max_size=4)),
    max_leaves=10,
)


@st.composite
def deep(draw):
    """A list or map nested 15 to 40 deep (the limit is 20)."""
    value = draw(scalars)
    for _ in range(draw(st.integers(15, 40))):
        value = [value] if draw(st.booleans()) else {draw(key_names): value}
    return value


speaker_entries = st.one_of(
    odd_text,
    st.fixed_dictionaries({"name": odd_text},
                          optional={"role": st.one_of(st.sampled_from(
                              ["interviewer", "interviewee", "host"]), yaml_values),
                              "bio": odd_text}),
    st.fixed_dictionaries({"name": odd_text, "role": st.just("interviewer")}),
    st.fixed_dictionaries({"name": odd_text}, optional={"age": yaml_values}),
    yaml_values,
)


@st.composite
def speakers(draw):
    labels = draw(st.lists(weighted((3, st.sampled_from(["Q", "A", "MO", "TL", "Ana", "Ben"])),
                                    (1, odd_text)), max_size=4))
    return {label: draw(speaker_entries) for label in labels}


field_values = weighted(
    (6, odd_text), (4, yaml_values), (1, deep()), (1, dates),
    (1, st.lists(odd_text, max_size=3)),
)


@st.composite
def front_matter_data(draw) -> dict:
    """A mapping, mostly valid at the start so that later checks are reached too."""
    data: dict = {}
    if draw(st.integers(0, 3)):
        data.update({"title": "T", "date": dt.date(2026, 1, 2), "interviewer": "Ana",
                     "interviewee": "Ben"})
    for _ in range(draw(st.integers(0, 4))):
        key = draw(key_names)
        data[key] = draw(speakers() if key == "speakers" else field_values)
    return data


RAW_VALUES = [
    "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "2026-01-02 25:00:00",
    "2026-01-02T10:00:00+25:00", "25:00:00", "1:2:3:4", "0x1F", "0o17", "1_000", "1e400",
    ".nan", "-.inf", "~", "null", "yes", "no", "on", "'single'", '"double"', '"\\x00"',
    '"\\ud800"', '"\\udfff tail"', '"\\U0010FFFF"', '"\\0\\a\\e"', '"\\N\\_\\L\\P"',
    '"a\\nb"', "&a [x, y]", "*a", "*undefined", "&a value", "!!binary '%%%'", "!!binary aGVsbG8=",
    "!!python/object/apply:os.system [ls]", "!!python/name:os.system", "!!timestamp 2026-02-30",
    "!!int x", "!!float y", "!!bool maybe", "!!set {a, b}", "!!omap [a: 1]", "!!pairs [a: 1]",
    "!!str", "!!null x", "!<tag:yaml.org,2002:map> []", "!local x", "{a: b", "[a, [b", "'open",
    '"open', "|\n  block\n  text", ">-\n  folded\n\n  more", "|-\n", "[" * 60 + "]" * 60,
    "{" * 30 + "}" * 30, "? [a, b]\n  : c", "{[a]: b}", "{{a: b}: c}", "<<: *a", "a: b: c",
    "- a\n- b", "%YAML 1.1", "--- x", "... x", "@reserved", "`reserved", "\t tab",
]


@st.composite
def raw_front_matter(draw) -> str:
    """YAML written as text: anchors, aliases, tags, merges, impossible dates, broken quoting."""
    lines = []
    if draw(st.integers(0, 3)):
        lines += ["title: T", "date: 2026-01-02", "interviewer: Ana", "interviewee: Ben"]
    anchors = ["a", "x"]
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.integers(0, 7))
        key = draw(st.sampled_from(sorted(FIELDS) + ["speakers", "<<", "x", "titel"]))
        if kind <= 1:
            lines.append(f"{key}: {draw(st.sampled_from(RAW_VALUES))}")
        elif kind == 2:
            name = draw(st.sampled_from(anchors))
            lines.append(f"{key}: &{name} {draw(st.sampled_from(RAW_VALUES))}")
        elif kind == 3:
            lines.append(f"{key}: *{draw(st.sampled_from(anchors))}")
        elif kind == 4:
            lines.append("<<: " + draw(st.sampled_from(["*a", "{title: M}", "[*a, *x]", "1"])))
        elif kind == 5:
            lines.append(f"{key}: {draw(clean_text)}")
        elif kind == 6:  # a map indented in blocks, perhaps too deep
            depth = draw(st.integers(1, 30))
            lines += ["  " * i + f"k{i}:" for i in range(depth)]
            lines[-1] += " x"
        else:
            lines.append(f"speakers:\n  {draw(clean_text)}: {{name: {draw(clean_text)}, "
                         f"role: {draw(st.sampled_from(['interviewer', 'interviewee', 'x']))}}}")
    return "\n".join(lines) + "\n"


def nonblank(text: str) -> str:
    return text.strip() or "x"


@st.composite
def valid_front_matter(draw) -> str:
    """A front matter that passes, with optional fields in many languages and odd text."""
    data: dict = {"title": draw(clean_text.map(nonblank)), "date": draw(st.dates())}
    if draw(st.booleans()):
        data["speakers"] = {
            "Q": {"name": "Ana", "role": "interviewer"},
            "A": {"name": draw(st.sampled_from(["Ben", "رضا", "Ёж"])), "bio": draw(clean_text)},
        }
    else:
        data.update({"interviewer": "Ana", "interviewee": draw(st.sampled_from(
            ["Ben", ["Ben", "Cy"], "کارگر"]))})
    optional = {
        "lang": st.sampled_from(["en", "fa", "ar", "he", "ur", "ckb", "fr", "de", "es-MX", "ja",
                                 "zh-Hant", "sr-Latn", "und", "en-x-private"]),
        "subtitle": clean_text, "summary": clean_text, "publication": clean_text,
        "rights": clean_text, "series": clean_text.map(nonblank),
        "series_number": st.integers(1, 10**6), "tags": st.lists(clean_text.map(nonblank),
                                                                 max_size=3),
        "source_url": st.sampled_from(["https://example.org/x", "http://a.b/c?d#e"]),
        "identifier": clean_text, "translator": clean_text.map(nonblank),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=4)):
        data[key] = draw(optional[key])
    return yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False)


@st.composite
def front_matter(draw) -> str:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(raw_front_matter())
    if choice == 1:
        return draw(valid_front_matter())
    data = draw(front_matter_data())
    try:
        text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False,
                              default_flow_style=draw(st.sampled_from([False, None, True])))
    except (yaml.YAMLError, RecursionError, ValueError):
        text = "title: T\n"
    return "" if text.strip() == "{}" else text


labels = weighted(
    (6, st.sampled_from(["Q:", "A:", "**Q:**", "**A**:", "__Q:__", "Ana:", "Ben:"])),
    (1, st.sampled_from(["MO:", "Note:", "JB:", "**RX:**", "Q :", "q:", "   A:", "    Q:",
                         "A:Q:", "Q:A:", "**Q:**A:"])),
)
IMAGE_PATHS = [
    "images/none.png", "images/a.png \"A caption\"",
    "../../etc/passwd", "/etc/passwd", "https://example.org/x.png", "file:///etc/passwd",
    "data:image/png;base64,AA", "images/%00.png", "images/%2e%2e/%2e%2e/x.png",
    "images/" + "a" * 300 + ".png", "images/" + "a/" * 2000 + "x.png", "images", ".", "",
    "images/a.png?x=1#y", "C:\\x.png", "images/a.txt", "<images/a.png>", "images/a%20b.png",
    "mailto:x@y", "images/a.png \"caption with 'quotes' -- and...\"",
]
RAW_HTML = [
    "<script>alert(1)</script>", "<style>p{}</style>", "<iframe src=x>", "<img src=x onerror=y>",
    '<img src="images/a.png" alt="A">', "<img src=images/a.png>", "<img>", "<img src=''>",
    '<div lang="fa">متن</div>', '<span lang="xx-invalid" dir="sideways">x</span>',
    "<p>unclosed", "</div></div></div>", "<!-- comment", "<![CDATA[ x ]]>", "<?php x ?>",
    "<div>" * 300, "<b>" * 2000, '<a href="javascript:x">x</a>', '<a href="#nowhere">x</a>',
    "<table><tr><td>x", "<svg><script>x</script></svg>", "<math><mi>x</mi></math>",
    "<object data=x></object>", "<form><input></form>", "<meta charset=x>", "<bdo dir=rtl>x</bdo>",
    '<img src="images/%00.png" alt="x">', '<img alt="x" src="data:image/png;base64,AA">',
]
image_paths = weighted((3, st.just("images/a.png")), (1, st.just("images/a.png 'A caption'")),
                       (2, st.sampled_from(IMAGE_PATHS)))
"""Mostly the image that exists, so that what comes after it is reached too."""
inline_images = st.builds(lambda alt, path: f"![{alt}]({path})",
                          st.sampled_from(["x", "x", "A map", ""]), image_paths)
inline_text = st.lists(weighted(
    (6, clean_text),
    (3, st.sampled_from(["*em*", "**strong**", "`code`", "[link](#x)", "[^n]", "[^1]",
                         "[words]{lang=fa}", "[w]{lang=zz-bad}", "<http://x>", "\\",
                         "~~del~~", "_x_", "[x](other.md)", "&nbsp;", "  \n", "[x](%00)",
                         "[x](#a-good-interview-part-1)", "[^x y]", "Q:", "\nA: "])),
    (1, st.sampled_from(RAW_HTML)),
    (1, inline_images),
), max_size=5).map(" ".join)


@st.composite
def block(draw) -> str:
    kind = draw(st.integers(0, 15))
    text = draw(inline_text)
    if kind <= 4:
        return f"{draw(labels)} {text}"
    if kind == 5:
        return "#" * draw(st.integers(1, 7)) + " " + text
    if kind == 6:
        return "\n".join(draw(st.sampled_from(["- ", "* ", "1. ", "  - ", "    - "])) + item
                         for item in draw(st.lists(inline_text, min_size=1, max_size=4)))
    if kind == 7:
        return ">" * draw(st.integers(1, 5)) + " " + text
    if kind == 8:
        return draw(st.sampled_from(RAW_HTML))
    if kind == 9:
        return f"[^{draw(st.sampled_from(['1', 'n', 'x y', '', '^']))}]: {text}"
    if kind == 10:
        alt = draw(st.sampled_from(["A map", "A map", "", " ", "x" * 500, "[nested]", "*alt*"]))
        return f"![{alt}]({draw(image_paths)})"
    if kind == 11:
        return draw(st.sampled_from(["```", "~~~", "```python"])) + "\n" + text + (
            "\n```" if draw(st.booleans()) else "")
    if kind == 12:
        return "| a | b |\n|---|---|\n| " + text + " | c |"
    if kind == 13:
        return draw(st.sampled_from(["{lang=fa}", "{lang=xx}", "{.class}", "{lang=ar}"])) + \
            "\n" + text
    if kind == 14:  # pathological nesting
        count = draw(st.integers(50, 1000))
        unit = draw(st.sampled_from(["> ", "- ", "[", "*", "_", "![", "<div>", "(", "`", "1. ",
                                     "    ", "[^", "**Q:**", "Q: ", "{lang=fa}\n"]))
        return unit * count + "x"
    return text


@st.composite
def body(draw) -> str:
    blocks = draw(st.lists(block(), max_size=7))
    if draw(st.integers(0, 3)):  # mostly a turn somewhere, so that the turns are read
        turn = f"{draw(labels)} {draw(inline_text)}"
        blocks.insert(draw(st.integers(0, len(blocks))), turn)
    if blocks and draw(st.integers(0, 9)) == 0:  # now and then, any characters at all
        blocks.insert(draw(st.integers(0, len(blocks))), draw(st.text(max_size=10)))
    separator = draw(st.sampled_from(["\n\n", "\n\n", "\n"]))
    return "\n" + separator.join(blocks) + "\n"


@st.composite
def interview_text(draw) -> str:
    """A whole file as text: front matter and body, perhaps with broken fences."""
    head = draw(front_matter())
    fence = draw(weighted((6, st.just("---\n")), (1, st.sampled_from(["--- \n", "----\n", "",
                                                                      "...\n", "---"]))))
    text = "---\n" + head + fence + draw(body())
    if draw(st.integers(0, 9)) == 0:
        text = draw(st.sampled_from(["\ufeff", "\n", " ", "\r\n", "<!-- -->\n"])) + text
    return text


@st.composite
def interview_bytes(draw) -> bytes:
    text = draw(interview_text())
    text = text.replace("\n", draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"])))
    encoding = draw(weighted((12, st.just("utf-8")),
                             (1, st.sampled_from(["utf-8-sig", "utf-16", "latin-1", "cp1252"]))))
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf-8")
                       else "replace")


@st.composite
def mutated_bytes(draw) -> bytes:
    """A good interview with random bytes inserted, deleted or replaced."""
    data = bytearray(GOOD.encode())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.integers(0, 2))
        chunk = draw(st.binary(min_size=1, max_size=8))
        if action == 0:
            data[at:at] = chunk
        elif action == 1:
            del data[at:at + len(chunk)]
        else:
            data[at:at + len(chunk)] = chunk
    return bytes(data)


@st.composite
def mutated_text(draw) -> bytes:
    """A good interview with random characters (not bytes) inserted: still UTF-8."""
    text = GOOD
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(weighted((3, clean_text), (1, st.text(max_size=4)))) + text[at:]
    return text.encode("utf-8", errors="surrogatepass")


any_bytes = weighted(
    (2, st.binary(max_size=2000)),
    (1, st.binary(max_size=500).map(lambda b: b"---\n" + b)),
    (1, st.binary(max_size=500).map(lambda b: b"---\ntitle: x\n---\n" + b)),
    (3, mutated_bytes()),
    (3, mutated_text()),
)
file_names = weighted(
    (6, st.just("interview.md")),
    (1, st.sampled_from(["کارگر.md", "a b.md", "---.md", "UPPER Case.md", "x.y.md", "-.md",
                         "'quote'.md", "%00.md", "日本.md"])),
)


# ------------------------------------------------------------------------------------------
# Harness


class Hang(BaseException):
    """Raised in the test by a timer: an example ran for HANG_SECONDS. A BaseException, so
    that the code under test cannot swallow it with ``except Exception``."""


@contextmanager
def no_hang(seconds: int = HANG_SECONDS):
    def expired(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0\0" * 8)) + chunk(b"IEND", b""))


@contextmanager
def content_folder():
    """A fresh content/ folder with one real image, images/a.png."""
    with tempfile.TemporaryDirectory(prefix="props-") as folder:
        content = Path(folder) / "content"
        (content / "images").mkdir(parents=True)
        (content / "images" / "a.png").write_bytes(png())
        yield content


def file_lines(data: bytes) -> int:
    """How many lines a text editor shows for ``data``."""
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    return text.count("\n") + 1


def check_problem_line(text: str, path: Path | None, data: bytes | None) -> None:
    """``text`` is one problem line: ``file:LINE: ...``, for ``path`` when given, with a line
    number inside the file (one past its end allowed: "nothing after the last line")."""
    assert not BREAKS.search(text), f"a problem on several lines: {text!r}"
    assert not CONTROLS.search(text), f"a control character in a problem line: {text!r}"
    assert "Traceback" not in text, text
    match = LINE.match(text)
    assert match, f"not 'file:LINE: what': {text!r}"
    if path is not None:
        assert match["path"] == display_path(path), f"names another file: {text!r}"
        assert 1 <= int(match["line"]) <= file_lines(data) + 1, \
            f"line {match['line']} is outside the file of {file_lines(data)} lines: {text!r}"


def check_file(name: str, data: bytes, *, in_test: bool = True) -> None:
    """Read and lint ``data`` as content/``name``: results or one-line ContentErrors only."""
    if in_test:
        note(f"file {name!r}: {data!r}")
    with content_folder() as content:
        path = content / name
        path.write_bytes(data)
        with no_hang():
            try:
                interview = read_interview(path, content)
            except ContentError as error:
                assert isinstance(error.problem, Problem)
                if in_test:  # what was reached, for --hypothesis-show-statistics
                    event("refused: " + re.sub(r"\S*/\S*", "PATH", error.problem.hint
                                                or error.problem.message)[:50])
                # one line per problem (a ContentError may carry several, one per line)
                problems = getattr(error, "problems", (error.problem,))
                assert problems and problems[0] == error.problem
                for problem in problems:
                    assert isinstance(problem, Problem)
                    check_problem_line(str(problem), path, data)
                assert str(error).split("\n") == [str(problem) for problem in problems], \
                    f"the error's text is not its problems, one a line: {str(error)!r}"
            else:
                if in_test:
                    event("read")
                for warning in interview.warnings:
                    check_problem_line(str(warning), path, data)
            checked = lint_file(path, content)
        for problem in checked.problems:
            check_problem_line(str(problem), None, data)
            if problem.path == path:
                check_problem_line(str(problem), path, data)
        assert path.read_bytes() == data, "the content file was changed"
        assert sorted(p.name for p in content.rglob("*")) == sorted(["images", "a.png", name])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert peak - START_PEAK_KB < MEMORY_GROWTH_KB, f"peak memory grew to {peak} KB"


@pytest.fixture(scope="module", autouse=True)
def warm_up():
    """Import and cache what the first example would otherwise pay for (languages, Markdown,
    fonts), so that the deadline measures the example."""
    global START_PEAK_KB
    check_file("warm.md", GOOD.encode(), in_test=False)
    with content_folder() as content:
        path = content / "fa.md"
        path.write_text(GOOD.replace("---\ntitle", "---\nlang: fa\ntitle"), encoding="utf-8")
        read_interview(path, content)
        lint_file(path, content)
    START_PEAK_KB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


START_PEAK_KB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# ------------------------------------------------------------------------------------------
# In-process properties: reading and linting one file


@FAST
@given(name=file_names, data=interview_bytes())
def test_generated_interview_reads_or_gives_one_line(name: str, data: bytes):
    check_file(name, data)


@FAST
@given(data=any_bytes)
def test_any_bytes_read_or_give_one_line(data: bytes):
    check_file("interview.md", data)


@settings(FAST, max_examples=100)
@given(head=front_matter(), name=file_names)
def test_front_matter_with_a_good_body(head: str, name: str):
    """A generated front matter above a body that is fine: the schema checks are reached."""
    check_file(name, ("---\n" + head + "---\n\nQ: Why?\n\nA: Because.\n")
               .encode("utf-8", errors="surrogatepass"))


@settings(FAST, max_examples=150)
@given(text=body())
def test_body_under_good_front_matter(text: str):
    """A generated body under a front matter that is fine: the body checks are reached."""
    check_file("interview.md", ("---\ntitle: T\ndate: 2026-01-02\ninterviewer: Ana\n"
                                "interviewee: Ben\n---\n" + text)
               .encode("utf-8", errors="surrogatepass"))


GOOD_HEAD = "---\ntitle: T\ndate: 2026-01-02\ninterviewer: Ana\ninterviewee: Ben\n"
GOOD_BODY = "---\n\nQ: Why?\n\nA: Because.\n"
FOUND = {
    # PyYAML's constructors fail with KeyError, AttributeError or IndexError on some tagged
    # values; only ValueError, TypeError and OverflowError become a problem line
    "bool tag on a word": "---\na: !!bool maybe\n---\n",
    "timestamp tag on a word": "---\na: !!timestamp x\n---\n",
    "int tag on nothing": "---\na: !!int ''\n---\n",
    # an image path that the file system refuses
    "image path with NUL": GOOD_HEAD + GOOD_BODY + "\n![A map](images/%00.png)\n",
    "raw image path with NUL": GOOD_HEAD + GOOD_BODY + '\n<img src="images/%00.png" alt="x">\n',
    "image name too long": GOOD_HEAD + GOOD_BODY + f"\n![A map](images/{'a' * 300}.png)\n",
    # a line break (a YAML escape) echoed into the problem: the line is cut in two
    "key with a line break": '---\n"a\\nb": x\n---\n',
    "date with a line break": GOOD_HEAD.replace("2026-01-02", '"a\\nb"') + GOOD_BODY,
    "lang with a line break": GOOD_HEAD + 'lang: "e\\nn"\n' + GOOD_BODY,
    "slug with a line break": GOOD_HEAD + 'slug: "a\\rb"\n' + GOOD_BODY,
    "key with an escape character": '---\n"\\e[2K": x\n---\n',
    "speaker label with a line break":
        '---\ntitle: T\ndate: 2026-01-02\nspeakers: {"Q\\nA": Ana}\n' + GOOD_BODY,
}
"""The smallest inputs found by the properties above that broke the promise, kept so that they
are checked on every run, whatever the examples drawn."""


@pytest.mark.parametrize("text", FOUND.values(), ids=FOUND.keys())
def test_inputs_found_by_the_properties(text: str):
    check_file("interview.md", text.encode("utf-8"), in_test=False)


# ------------------------------------------------------------------------------------------
# End to end: a build beside a good interview


def tree_digest(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def check_outputs(dist: Path) -> None:
    """Every EPUB is a whole zip, mimetype first, whose XML parses; every HTML page is whole and
    holds no character that XML forbids."""
    from lxml import etree

    for path in sorted(dist.rglob("*")):
        if ".cache" in path.parts or not path.is_file():
            continue
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                assert book.namelist()[0] == "mimetype", f"{path}: mimetype is not first"
                assert book.testzip() is None, f"{path} is damaged"
                for name in book.namelist():
                    if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                        try:
                            etree.fromstring(book.read(name))
                        except etree.XMLSyntaxError as error:
                            raise AssertionError(f"{path}: {name} is not XML: {error}") from None
        elif path.suffix == ".html":
            page = path.read_text(encoding="utf-8")
            assert page.rstrip().endswith("</html>"), f"{path} is cut short"
            bad = XML_FORBIDDEN.search(page)
            assert not bad, f"{path} holds {bad.group()!r}, which no XHTML may hold"


def build_beside_good(name: str, data: bytes, capsys, formats: str = "epub") -> None:
    """Build content/``name`` beside a good interview, in-process, and check the promise."""
    capsys.readouterr()
    with tempfile.TemporaryDirectory(prefix="props-build-") as folder, \
            pytest.MonkeyPatch.context() as patch:
        project = Path(folder) / "project"
        content = project / "content"
        (content / "images").mkdir(parents=True)
        (content / "images" / "a.png").write_bytes(png())
        (content / "good.md").write_text(GOOD, encoding="utf-8")
        (content / name).write_bytes(data)
        before = tree_digest(content)
        around = sorted(os.listdir(folder))
        patch.chdir(project)
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        with no_hang(120):
            try:
                code = cli.main(["build", "--format", formats, "--jobs", "1"])
            except SystemExit as exit:
                code = exit.code
        captured = capsys.readouterr()
        if in_hypothesis():
            note(f"exit {code}\nstderr:\n{captured.err}")
        assert code in (0, 1), captured.err
        assert "Traceback" not in captured.err + captured.out
        lines = [line for line in captured.err.split("\n") if line.strip()]
        for line in lines:
            assert re.match(r"^\S.*:\d+: ", line), f"not a problem line: {line!r}"
            assert not CONTROLS.search(line), f"a control character in a problem line: {line!r}"
        internal = [line for line in lines if "internal error" in line]
        assert not internal, f"an exception no check foresaw: {internal}"
        for edition in formats.split(","):
            assert (project / "dist" / "good" / f"good.{edition}").is_file(), captured.err
        check_outputs(project / "dist")
        assert tree_digest(content) == before, "content/ changed"
        assert sorted(os.listdir(project)) == ["content", "dist"], os.listdir(project)
        assert sorted(os.listdir(folder)) == around, "a file was written beside the project"


def in_hypothesis() -> bool:
    from hypothesis.control import currently_in_test_context

    return currently_in_test_context()


@settings(max_examples=15, deadline=None, derandomize=True, database=None,
          phases=PHASES,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.one_of(interview_bytes(), interview_bytes(), any_bytes), name=file_names)
def test_build_beside_a_good_interview(data: bytes, name: str, capsys):
    note(f"file {name!r}: {data!r}")
    build_beside_good(name, data, capsys)


FOUND_IN_BUILDS = {
    # YAML escapes put characters into values that the file itself may not hold; names and
    # tags are printed as written
    "NEL in a name (EPUB cover)":
        ("epub", GOOD_HEAD.replace("Ben", '"Be\\Nn"') + GOOD_BODY),
    "ESC in the title (EPUB cover)": ("epub", GOOD_HEAD.replace("T", '"T\\e"', 1) + GOOD_BODY),
    "NUL in a tag (HTML)": ("html", GOOD_HEAD + 'tags: ["a\\0b"]\n' + GOOD_BODY),
}
"""Inputs beside which a build broke the promise, found while writing the property above."""


@pytest.mark.parametrize("formats,text", FOUND_IN_BUILDS.values(), ids=FOUND_IN_BUILDS.keys())
def test_builds_found_by_the_properties(formats: str, text: str, capsys):
    build_beside_good("found.md", text.encode("utf-8"), capsys, formats)


LABEL_NAMES = st.text(st.sampled_from("QAJoé ."), min_size=1, max_size=4).map(str.strip).filter(
    lambda name: name and name[0] not in " .")
LINE_PIECES = st.sampled_from(["**", "__", ":", " ", "[", "]", "12:34", "x", "Q", "A", "Jo",
                               "é", "\t", ": ", "[01:02:03]", "*"])


LABELLED_LINES = st.tuples(
    st.sampled_from(["", " ", "   ", "    "]), st.sampled_from(["", "**", "__", "*"]),
    st.one_of(LABEL_NAMES, st.sampled_from(["Q A", "Q ", "Jo Q"])),
    st.sampled_from(["", " [12:34]", "[12:34]", " [note]", "  [1:2]"]),
    st.sampled_from([":", ":**", "**:", ":__", "__:", " :", ""]),
    st.sampled_from(["", " x", ":x", " [02:03] x", " [02:03](y)", "\tx", " **x**"]),
).map("".join)


@FAST
@given(st.lists(LABEL_NAMES, min_size=1, max_size=3, unique=True),
       st.one_of(LABELLED_LINES, st.lists(LINE_PIECES, max_size=12).map("".join)))
def test_one_pattern_finds_the_labels_a_pattern_of_the_file_own_labels_finds(labels, line):
    """The label pattern shared by every file finds the same label, time and text in a line
    as a pattern written out for the file's own labels would (one with a '[' forces that)."""
    from exporters.body import declared_label, label_pattern

    shared = declared_label(label_pattern(labels), line, labels)
    own = declared_label(label_pattern([*labels, "[never]"]), line, labels)
    assert (shared and (shared.group(0), shared.groupdict())) == \
        (own and (own.group(0), own.groupdict()))


# ---- the PDF finishers and the cover's PNG: any content stream, any image -----------------

_OPERATIONS = st.sampled_from([  # alone, or as WeasyPrint shows a raised mark (3 operations)
    (b"BT",), (b"ET",), (b"1 0 0 -1 10 20 Tm",), (b"1 0 0 -1 40 20 Tm",), (b"/F1 12 Tf",),
    (b"/F2 12 Tf",), (b"[<0001>] TJ",), (b"[<00010002>3<0003>] TJ",), (b"[<>] TJ",),
    (b"-1.5 Ts",), (b"0 Ts",), (b"-1.5 Ts", b"[-170<0002>] TJ", b"0 Ts"),
    (b"2 Ts", b"[<0002>] TJ", b"0 Ts"), (b"/Span <</MCID 0>> BDC",), (b"/Artifact BMC",),
    (b"EMC",), (b"q",), (b"Q",), (b"0.1 0.1 0.1 rg",)])
_NOT_IN_A_SPAN = (b"BT", b"ET", b"BDC", b"BMC", b"EMC")


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(_OPERATIONS, max_size=40))
def test_an_actual_text_span_never_changes_or_crosses_what_a_stream_draws(groups):
    """Whatever a content stream holds, raised_marks_extractable's spans only add a BDC and
    its EMC around one run of text: no text object's edge, no other marked content and no
    second text matrix inside one, and the stream without them is the stream as it was."""
    from exporters.mark_text import _spanned

    operations = [operation for group in groups for operation in group]
    texts = {b"F1": {"0001": b"0645", "0002": b"064f", "0003": b"0020"}, b"F2": {}}
    shown = _spanned(operations, texts)
    unwrapped, at = [], 0
    while at < len(shown):
        if shown[at].startswith(b"/Span <</ActualText <feff"):
            end = shown.index(b"EMC", at)
            inside = shown[at + 1:end]
            shows = [index for index, op in enumerate(inside) if op.endswith(b"TJ")]
            assert shows and not any(op.endswith(_NOT_IN_A_SPAN) for op in inside), shown
            assert not any(op.endswith(b"Tm") for op in inside[shows[0]:]), shown  # one run
            unwrapped += inside
            at = end + 1
        else:
            unwrapped.append(shown[at])
            at += 1
    assert unwrapped == operations


def _glyph_positions(operation: bytes, widths: dict[str, float]) -> list[tuple[str, float]]:
    """Each glyph a ``TJ`` shows, with where it is drawn (in thousandths of an em)."""
    from exporters.pdf_text import SHOWN_ITEM, codes_in

    drawn, x = [], 0.0
    for block, number in SHOWN_ITEM.findall(operation[1:-4]):
        if number:
            x -= float(number)
        for code in codes_in(block):
            drawn.append((code, round(x, 6)))
            x += widths[code]
    return drawn


_SHOWN = st.lists(st.one_of(
    st.lists(st.sampled_from(["0006", "01c2", "0004", "0554"]), max_size=5).map(
        lambda codes: b"<%s>" % "".join(codes).encode()),
    st.sampled_from([b"0", b"-12", b"7.5", b"1", b"-20.455323736444925", b"-0.99999"])),
    max_size=12)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(_SHOWN)
def test_a_letter_given_an_advance_is_drawn_where_it_was_in_any_tj(items):
    """Whatever a ``TJ`` shows, once exporters.zero_advance gives the alef drawn with no
    advance (0006) a width of 1 and takes it back, every glyph is drawn where it was."""
    from exporters.zero_advance import _taken_back

    operation = b"[" + b" ".join(items) + b"] TJ"
    widths = {"0006": 0, "01c2": 518, "0004": 253, "0554": 221}
    rewritten = _taken_back(operation, {"0006"})
    assert _glyph_positions(rewritten, {**widths, "0006": 1}) == \
        _glyph_positions(operation, widths)


_CODES = {"0006": b"0627", "01c2": b"0644", "0004": b"0627", "0554": b"0020", "0579": b"0654"}
_W_ENTRY = st.tuples(st.sampled_from(sorted(_CODES)), st.sampled_from([0, 0, 253, 518.5]),
                     st.booleans())


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(_W_ENTRY, max_size=6), st.booleans(),
       st.lists(st.one_of(_SHOWN.map(lambda items: b"[" + b" ".join(items) + b"] TJ"),
                          st.sampled_from([b"BT", b"ET", b"/F1 12 Tf", b"/F2 12 Tf", b"0 Ts",
                                           b"[<0006>] TJ"])), max_size=20))
def test_any_widths_and_stream_keep_every_glyph_where_it_was(entries, truncated, operations):
    """Whatever /W array (either form, cut short or not) and content stream WeasyPrint could
    hand over, exporters.zero_advance only widens letters drawn with no advance (the alefs
    and the lam, never the space 0554 nor the mark 0579), leaves every other operation as
    it was, and every glyph of every TJ in that font is drawn where it was."""
    import pydyf

    from exporters.zero_advance import _widths, zero_advance_letters_extractable

    array: list = []
    for code, width, as_range in entries:
        number = int(code, 16)
        array += [number, number, width] if as_range else [number, [width]]
    if truncated and array:
        array = array[:-1]
    pdf = pydyf.PDF()
    to_unicode = pydyf.Stream([b"%d beginbfchar" % len(_CODES),
                               *(b"<%s> <%s>" % (code.encode(), text)
                                 for code, text in _CODES.items()), b"endbfchar"])
    descendant = pydyf.Dictionary({"Type": "/Font", "W": pydyf.Array(array)})
    content = pydyf.Stream(list(operations))
    for item in (to_unicode, descendant, content):
        pdf.add_object(item)
    pdf.add_object(pydyf.Dictionary({
        "Type": "/Font", "Subtype": "/Type0", "BaseFont": "/F1+Noto-Naskh-Arabic",
        "Encoding": "/Identity-H", "ToUnicode": to_unicode.reference,
        "DescendantFonts": pydyf.Array([descendant.reference])}))
    before = {f"{number:04x}": width for number, width in _widths(array).items()}

    zero_advance_letters_extractable(pdf)

    after = {f"{number:04x}": width for number, width in _widths(descendant["W"]).items()}
    widened = {code for code in before if before[code] != after.get(code)}
    assert widened <= {code for code in ("0006", "01c2", "0004") if before.get(code) == 0}
    assert all(after[code] == 1 for code in widened)
    font = b""
    for old, new in zip(operations, content.stream, strict=True):
        font = old[1:3] if old.endswith(b" Tf") else font
        if font != b"F1" or not old.endswith(b"TJ"):
            assert new == old
            continue
        assert _glyph_positions(new, {**dict.fromkeys(_CODES, 1000), **after}) == \
            _glyph_positions(old, {**dict.fromkeys(_CODES, 1000), **before})


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.integers(1, 37), st.lists(st.integers(0, 3), min_size=1, max_size=300),
       st.randoms(use_true_random=False))
def test_the_covers_png_reads_back_as_drawn_for_any_image(width, rows, rng):
    """Any image of 16 levels, rows repeated or not, bands alike or not: Pillow reads back
    from exporters.cover's PNG every pixel as drawn."""
    import io

    from PIL import Image

    from exporters.cover import _png

    patterns = [bytes(rng.randrange(16) for _ in range(width)) for _ in range(4)]
    image = Image.frombytes("L", (width, len(rows)), b"".join(patterns[row] for row in rows))
    palette = [value for level in range(16) for value in (level * 17, level * 17, 255)]
    image.putpalette(palette, rawmode="RGB")
    decoded = Image.open(io.BytesIO(_png(image, palette)))
    assert decoded.size == image.size and decoded.tobytes() == image.tobytes()
