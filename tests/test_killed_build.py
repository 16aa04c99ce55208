"""``kill -9`` at random moments of a build: what dist/ holds is always whole.

Outputs are written to ``.partial-*`` temporary files and renamed, so a build killed at any
moment leaves each output either as it was, or new and whole; never cut short. Temporaries may
remain (the next build deletes them) but they never take an output's name. No worker outlives
the build, and the next build completes.

A seeded random draws the moments, so a failure can be run again; each round kills either the
whole process group (``kill -9 -PGID``) or only the build's own process (``kill -9 PID``, as a
CI runner or an impatient editor would), after which its workers must end by themselves. While
each build runs, the files its processes hold open are sampled: an output's own name open for
writing (an output written in place) fails the test even when no kill lands on it.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import EPOCH, GOOD, REPO

SEED = 20260101
ROUNDS = 4
FORMATS = "html,pdf,epub"
TEMPORARY_PREFIX = ".partial-"
SUFFIXES = {".html", ".pdf", ".epub"}
EDITIONS = 4 * len(SUFFIXES)
STARTING = (0.2, 6.0)
"""When the first round is killed, in seconds after its start: a build of four interviews in
three editions spends its first 5 to 10 s on two cores starting up and laying out."""
WRITING = (0.0, 2.5)
"""When the other rounds are killed, in seconds after they write their first file: writing the
twelve outputs takes 2 to 3 s."""
SURVIVOR_WAIT = 5.0
"""How long the workers of a killed build may take to end (they are sent SIGTERM when the
build's process dies)."""

TOPICS = ["the harbour", "the night shift", "the cranes", "the union"]


def interview(number: int) -> str:
    """A small interview of a few pages, each one different."""
    text = GOOD.replace("A Good Interview", f"Interview {number}: {TOPICS[number - 1]}")
    turns = "".join(f"\nQ: What about {TOPICS[number - 1]}, part {turn}?\n\n"
                    f"A: {'A long answer about the work and the people. ' * 12}\n"
                    for turn in range(6))
    return text + turns


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    for number in range(1, 5):
        (tmp_path / "content" / f"interview-{number}.md").write_text(interview(number),
                                                                   encoding="utf-8")
    return tmp_path


def tree_digest(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def whole(path: Path) -> str:
    """'' when ``path`` is a whole output, else what is wrong with it."""
    data = path.read_bytes()
    if path.suffix == ".html":
        return "" if data.rstrip().endswith(b"</html>") else "HTML does not end with </html>"
    if path.suffix == ".pdf":
        if not data.startswith(b"%PDF-") or not data.rstrip().endswith(b"%%EOF"):
            return "PDF does not start with %PDF- and end with %%EOF"
        try:
            pages = len(PdfReader(path, strict=True).pages)
        except Exception as error:  # noqa: BLE001 - any failure to parse is the finding
            return f"PDF does not parse: {type(error).__name__}: {error}"
        return "" if pages >= 1 else "PDF has no pages"
    if path.suffix == ".epub":
        try:
            with zipfile.ZipFile(path) as book:
                names = book.namelist()
                if not names or names[0] != "mimetype":
                    return f"EPUB's first entry is not mimetype: {names[:1]}"
                if book.read("mimetype") != b"application/epub+zip":
                    return "EPUB's mimetype is wrong"
                bad = book.testzip()
                return f"EPUB entry {bad} is damaged" if bad else ""
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            return f"EPUB does not unzip: {error}"
    return f"not an output of this build ({path.suffix or 'no extension'})"


def check_dist(dist: Path) -> tuple[list[Path], list[Path]]:
    """Every file under dist/ but the cache is a whole output or a ``.partial-`` temporary;
    returns (outputs, temporaries)."""
    outputs, temporaries, broken = [], [], []
    for path in sorted(dist.rglob("*")):
        if not path.is_file() or ".cache" in path.relative_to(dist).parts:
            continue
        if path.name.startswith(TEMPORARY_PREFIX):
            temporaries.append(path)
            continue
        problem = whole(path)
        if problem:
            broken.append(f"{path.relative_to(dist)}: {problem} ({path.stat().st_size} bytes)")
        outputs.append(path)
    assert not broken, "outputs cut short or not outputs:\n" + "\n".join(broken)
    return outputs, temporaries


def group_members(group: int) -> list[str]:
    """The processes of a process group that are still running (zombies are dead: whoever
    adopted them may just not have reaped them yet)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, _, rest = stat.partition(" (")[2].rpartition(") ")
        fields = rest.split()
        if int(fields[2]) == group and fields[0] not in ("Z", "X"):
            alive.append(f"{entry.name} {name} ({fields[0]})")
    return alive


def survivors(group: int, wait: float) -> list[str]:
    deadline = time.monotonic() + wait
    while True:
        alive = group_members(group)
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def start_build(project: Path, log: Path, *extra: str) -> subprocess.Popen:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "COLUMNS": "200"}
    with open(log, "wb") as output:
        return subprocess.Popen(
            [sys.executable, str(REPO / "make.py"), "build", "--format", FORMATS, "--jobs", "2",
             *extra], cwd=project, env=environment, stdout=output, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True)


class Watcher:
    """Looks at a running build: what it has written to dist/, and which files its processes
    hold open for writing there. An output's own name open for writing is an output being
    written in place, which a kill would leave cut short."""

    def __init__(self, group: int, dist: Path):
        self.group, self.dist = group, dist.resolve()
        self.members: list[int] = []
        self.refreshed = 0.0
        self.in_place: set[str] = set()

    def sample(self) -> None:
        if time.monotonic() - self.refreshed > 0.05:  # workers come and go; look again
            self.members = [int(member.split()[0]) for member in group_members(self.group)]
            self.refreshed = time.monotonic()
        for pid in self.members:
            try:
                descriptors = os.listdir(f"/proc/{pid}/fd")
            except OSError:
                continue
            for fd in descriptors:
                try:
                    target = Path(os.readlink(f"/proc/{pid}/fd/{fd}"))
                    if not target.is_relative_to(self.dist) or ".cache" in target.parts \
                            or target.name.startswith(TEMPORARY_PREFIX):
                        continue
                    with open(f"/proc/{pid}/fdinfo/{fd}") as info:
                        flags = int(info.read().split("flags:")[1].split()[0], 8)
                except (OSError, IndexError, ValueError):
                    continue
                if flags & (os.O_WRONLY | os.O_RDWR):
                    self.in_place.add(str(target.relative_to(self.dist)))

    def written_since(self, since: int) -> list[Path]:
        """The files of dist/ (not the cache) written after ``since`` (ns), temporaries too."""
        found = []
        # os.walk, not rglob: a directory the build removes while we look is skipped, not raised
        for folder, subfolders, names in os.walk(self.dist):
            subfolders[:] = [name for name in subfolders if name != ".cache"]
            for name in subfolders + names:
                path = Path(folder) / name
                try:
                    if path.stat().st_mtime_ns > since:
                        found.append(path)
                except FileNotFoundError:  # a temporary renamed while we looked
                    continue
        return found


def run_build(project: Path, log: Path, until, whole_group: bool, *extra: str) -> str:
    """Start a build; kill it when ``until(watcher)`` is true (or let it finish), watching it
    all along; check that it wrote no output in place and left nothing running. Returns what
    happened, for the messages."""
    started = time.monotonic()
    build = start_build(project, log, *extra)
    group = build.pid  # start_new_session: the build leads its own group
    watcher = Watcher(group, project / "dist")
    killed, alive = False, []
    try:
        while build.poll() is None and not until(watcher):
            watcher.sample()
            time.sleep(0.002)
        if build.poll() is None:
            if whole_group:
                os.killpg(group, signal.SIGKILL)
            else:
                os.kill(build.pid, signal.SIGKILL)
            killed = True
        code = build.wait(timeout=30)
        alive = survivors(group, SURVIVOR_WAIT)
    finally:
        try:
            os.killpg(group, signal.SIGKILL)  # whatever happens, leave nothing running
        except ProcessLookupError:
            pass
    what = (f"{'killed' if killed else 'finished'} after {time.monotonic() - started:.2f} s"
            + (f" ({'the process group' if whole_group else 'the build process only'})"
               if killed else "") + f", exit {code}")
    assert not watcher.in_place, f"{what}: outputs written in place: {sorted(watcher.in_place)}"
    assert not alive, f"{what}: processes outlived the build: {alive}"
    if not killed:
        assert code == 0, f"{what}\n{log.read_text(errors='replace')}"
    return what


def after_seconds(delay: float):
    start = time.monotonic()
    return lambda watcher: time.monotonic() - start >= delay


def after_first_write(delay: float):
    """True ``delay`` seconds after the build's first file in dist/."""
    since, first = time.time_ns(), []

    def until(watcher: Watcher) -> bool:
        if not first and watcher.written_since(since):
            first.append(time.monotonic())
        return bool(first) and time.monotonic() - first[0] >= delay
    return until


def while_writing_pdf(after: int):
    """True once ``after`` files are written and a PDF is being written (the longest write,
    about 0.1 s)."""
    since = time.time_ns()

    def until(watcher: Watcher) -> bool:
        written = watcher.written_since(since)
        return len(written) >= after and any(
            path.name.startswith(TEMPORARY_PREFIX) and ".pdf." in path.name for path in written)
    return until


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_killed_build_leaves_only_whole_outputs(project: Path):
    dist = project / "dist"
    content_before = tree_digest(project / "content")
    moments = random.Random(SEED)
    history: list[str] = []
    count = 0
    for round_number in range(ROUNDS):
        # the first round is killed while starting (or writing, on a fast machine), the next
        # while writing, so many seconds after their first file, the last while a PDF is being
        # written; all but the first two replace existing outputs
        if round_number == 0:
            until = after_seconds(moments.uniform(*STARTING))
        elif round_number < ROUNDS - 1:
            until = after_first_write(moments.uniform(*WRITING))
        else:
            until = while_writing_pdf(moments.randint(1, EDITIONS // 2))
        whole_group = round_number in (0, ROUNDS - 1)  # else the build process only
        what = run_build(project, project.parent / f"build-{round_number}.log", until,
                         whole_group, *(["--force"] if round_number >= 2 else []))
        outputs, temporaries = check_dist(dist) if dist.exists() else ([], [])
        history.append(f"round {round_number}: {what}; {len(outputs)} whole outputs, "
                       f"{len(temporaries)} temporaries")
        assert len(outputs) >= count, "\n".join(history)  # replaced, never removed
        count = len(outputs)
        assert tree_digest(project / "content") == content_before, f"{what}: content/ changed"

    # the next build, watched to its end, completes the outputs and leaves no temporary
    log = project.parent / "build-last.log"
    history.append("rebuild: " + run_build(project, log, lambda watcher: False, True))
    print("\n".join(history))  # shown with -s, and on failure
    assert "Traceback" not in log.read_text(errors="replace")
    outputs, temporaries = check_dist(dist)
    assert len(outputs) == EDITIONS, ("\n".join(history) + "\n"
                                      + "\n".join(str(p.relative_to(dist)) for p in outputs))
    assert {path.suffix for path in outputs} == SUFFIXES
    assert not temporaries, f"a finished build left temporary files: {temporaries}"
    assert sorted(os.listdir(project)) == ["content", "dist"]
    assert tree_digest(project / "content") == content_before


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_ctrl_c_stops_a_build_with_one_line(project: Path):
    """Ctrl-C in a terminal reaches the build and its workers alike. The build says "stopped"
    in one line and exits 130; no worker prints a traceback, none outlives it, and the build
    does not wait on the pool its workers broke (it once hung there, one time in twelve)."""
    moments = random.Random(SEED)
    for round_number in range(3):
        log = project.parent / f"interrupted-{round_number}.log"
        build = start_build(project, log, "--force")
        until = after_first_write(moments.uniform(*WRITING)) if round_number else \
            after_seconds(moments.uniform(*STARTING))
        watcher = Watcher(build.pid, project / "dist")
        try:
            while build.poll() is None and not until(watcher):
                watcher.sample()
                time.sleep(0.002)
            if build.poll() is None:
                os.killpg(build.pid, signal.SIGINT)
            code = build.wait(timeout=60)  # a hang, not a slow build, fails here
            alive = survivors(build.pid, SURVIVOR_WAIT)
        finally:
            try:
                os.killpg(build.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        said = log.read_text(errors="replace")
        assert "Traceback" not in said, said
        assert not alive, f"processes outlived the build: {alive}"
        assert code == 0 or (code == 130 and "stopped; the outputs already written are whole"
                             in said), f"exit {code}\n{said}"


IDLE_WORKERS_INTERRUPTED = """
import os, signal, time
from exporters.workers import worker_pool

signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, whatever runs the tests

def start():
    pass

try:
    with worker_pool(2, start) as pool:
        list(pool.map(time.sleep, [0.1, 0.1]))
        time.sleep(0.5)  # both workers idle, waiting for work, as at the end of a build
        os.killpg(0, signal.SIGINT)
        time.sleep(30)
except KeyboardInterrupt:
    print("stopped")
"""


def test_ctrl_c_leaves_idle_workers_quiet():
    """A worker waiting for work when Ctrl-C comes printed a traceback as it died; now the
    command alone takes Ctrl-C and ends its workers."""
    done = subprocess.run([sys.executable, "-c", IDLE_WORKERS_INTERRUPTED], cwd=REPO,
                          capture_output=True, text=True, timeout=60, start_new_session=True)
    assert done.stdout.strip() == "stopped", done
    assert "Traceback" not in done.stderr, done.stderr
