"""Measure the toolchain on one synthetic corpus, side by side with pandoc and raw WeasyPrint.

``python benchmarks/run.py [--count 100] [--jobs 2] [--write]`` generates the corpus
(``generate.py``) into a temporary folder and, in the same run, times:

(a)  a cold build of HTML, PDF and EPUB, and a cold build of every edition;
(b)  pandoc making EPUB, standalone HTML and PDF (through WeasyPrint) per file;
(c)  raw WeasyPrint rendering the HTML edition of (a) to PDF in warm workers,
     against the PDF share of (a): a cold build of the PDF edition alone;
(d)  a rebuild with nothing changed;
(e)  a rebuild after one interview changed, checking what was rewritten;
(f)  the collected volume of the series, when the checkout builds volumes.

Every step runs as a child process; its peak memory is the largest resident set
of that process and its descendants (``ru_maxrss`` from ``wait4``). ``--write``
puts the table, the machine and the date into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import ctypes.util
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from generate import SERIES_SLUG, generate
from marks import publish

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
TARGET_SPEEDUP = 3.0
TARGET_BESIDE_PDF = 1.15
COLD_REPEATS = 2
"""Runs of (a) and of (a-pdf), in turn; each row keeps the one with the least CPU."""
CHECK_REPEATS = 3
"""Runs of the check that reads every file (g-cold); the row keeps the quickest: other work on
the machine only ever adds time."""
"""The HTML and EPUB editions beside the PDF: at most this share more CPU than the PDF alone."""
TARGET_PDF_SHARE = 1.2
TARGET_CHECK = 0.5
TARGET_NO_CHANGE = 0.5
TARGET_MEMORY = 1024 ** 3
BEGIN = "<!-- results: written by `python benchmarks/run.py --write`; edit outside these marks -->"
END = "<!-- end of results -->"


@dataclass
class Run:
    """One child process (or a batch of them): wall time, peak memory, outcome."""

    seconds: float
    peak: int
    """Bytes: the largest resident set of the process or any descendant it waited for."""
    cpu: float = 0.0
    """Seconds of CPU (user + system) of the process and the descendants it waited for."""
    code: int = 0
    stdout: str = ""
    stderr: str = ""

    @property
    def failure(self) -> str:
        last = (self.stderr.strip().splitlines() or ["(no message)"])[-1]
        return f"exit {self.code}: {last}"


@dataclass
class Row:
    step: str
    what: str
    run: Run | None = None
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    met: bool | None = None
    notes: list[str] = field(default_factory=list)


def run(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run ``command`` to the end; time it and read its peak memory from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime,
                   process.returncode, out.read().decode(errors="replace"),
                   err.read().decode(errors="replace"))


def run_parallel(commands: list[list[str]], cwd: Path, env: dict[str, str], jobs: int) -> Run:
    """Run ``commands``, ``jobs`` at a time, as ``xargs -P`` would."""
    start = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        runs = list(pool.map(lambda command: run(command, cwd, env), commands))
    failed = [r for r in runs if r.code]
    return Run(time.perf_counter() - start, max((r.peak for r in runs), default=0),
               sum(r.cpu for r in runs), failed[0].code if failed else 0, "",
               "\n".join(r.stderr for r in failed))


def snapshot(folder: Path) -> dict[str, int]:
    """Every output under ``folder`` (not the build cache), with its modification time."""
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file() and ".cache" not in p.parts}


def listed(stdout: str, out_name: str) -> set[str]:
    """The outputs a build's summary table lists, relative to its output folder."""
    prefix = out_name + "/"
    return {line.split()[0][len(prefix):] for line in stdout.splitlines()
            if line.startswith(prefix)}


def pdf_pages(stdout: str) -> list[int]:
    return [int(m[1]) for m in re.finditer(r"^\S+\.pdf\s+(\d+)\s", stdout, re.MULTILINE)]


def pandoc_binary() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


class Bench:
    def __init__(self, work: Path, count: int, jobs: int):
        self.work = work
        self.count = count
        self.jobs = jobs
        self.env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "COLUMNS": "250"}
        self.series = generate(count, work / "content")
        self.interviews = sorted(self.series.glob("*.md"))
        self.rows: dict[str, Row] = {}
        self.load = os.getloadavg()
        self.notes: list[str] = []

    def make(self, out: str, *options: str) -> Run:
        return run([sys.executable, str(REPO / "make.py"), "build", "--jobs", str(self.jobs),
                    "--out", out, *options], self.work, self.env)

    def volume(self, out: str) -> Path:
        return self.work / out / SERIES_SLUG / f"{SERIES_SLUG}.pdf"

    def row(self, step: str, what: str, result: Run | None) -> Row:
        row = self.rows[step] = Row(step, what, result)
        if result is not None and result.code:
            row.notes.append(f"failed, {result.failure}")
        return row

    def measure_all(self) -> None:
        # An installed package has its bytecode compiled (pip does it; Python does it on first
        # use), but a machine that sets PYTHONDONTWRITEBYTECODE would compile the package's
        # source again in every timed process: compile it once, as an install would have.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "exporters")],
                       check=True, stdout=subprocess.DEVNULL)
        # Checking first also warms the disk cache, so that the first timed build is not penalised.
        check = run([sys.executable, str(REPO / "make.py"), "check"], self.work, self.env)
        if check.code:
            raise SystemExit(f"the generated corpus does not pass make.py check:\n{check.stderr}")
        self.cold_builds()
        self.check()
        self.pandoc()
        self.raw_weasyprint()
        self.no_change()
        self.one_change()
        self.volume_pdf()
        self.compare()

    def cold_builds(self) -> None:
        """(a) and (a-pdf) one after the other, twice, each row keeping its run with the least
        CPU: other work on the machine only ever adds CPU time, and the ratio of the two is
        the target that sits closest to its bound."""
        runs: dict[str, list[Run]] = {"a": [], "a-pdf": []}
        for _ in range(COLD_REPEATS):
            for key, out, formats in (("a", "dist-a", "html,pdf,epub"), ("a-pdf", "dist-pdf", "pdf")):
                shutil.rmtree(self.work / out, ignore_errors=True)
                runs[key].append(self.make(out, "--format", formats, "--no-volumes"))
        a, share = (min(found, key=lambda r: (r.code != 0, r.cpu)) for found in runs.values())
        self.row("a", f"cold build of the interviews (no volume, as pandoc), HTML + PDF + EPUB, "
                      f"--jobs {self.jobs}", a)
        self.row("a-pdf", f"PDF share of (a): cold build of the PDF edition alone, "
                          f"--jobs {self.jobs}", share)
        if COLD_REPEATS > 1:
            for key, found in runs.items():
                self.rows[key].notes.append(
                    f"least CPU of {len(found)} runs, taken in turn with "
                    f"{'(a-pdf)' if key == 'a' else '(a)'}: "
                    + ", ".join(f"{r.cpu:.1f} s" for r in found))
        pages = pdf_pages(a.stdout)
        if pages:
            self.notes.append(f"The corpus: {self.count} interviews of "
                              f"{self.words()} words and 8 questions each, "
                              f"{min(pages)}–{max(pages)} PDF pages each.")
        every = self.row("a*", f"cold build, every edition, --jobs {self.jobs}",
                         self.make("dist"))
        built = snapshot(self.work / "dist")
        every.notes.append(f"{len(built)} files")
        if self.volume("dist").is_file():
            every.notes.append("includes the series volume")

    def check(self) -> None:
        """(g): ``check`` once a build has made dist/, where it keeps the results of the
        files that passed; the first check after the build reads every file."""
        command = [sys.executable, str(REPO / "make.py"), "check", "--jobs", str(self.jobs)]
        first = run(command, self.work, self.env)
        row = self.row("g", "check every interview (no build), after a build: its check cache "
                            "warm", run(command, self.work, self.env))
        row.notes.append(f"the first check after the build, every file read: "
                         f"{first.seconds:.2f} s, CPU {first.cpu:.1f} s")
        afresh = [run(command + ["--no-cache"], self.work, self.env) for _ in range(CHECK_REPEATS)]
        cold = self.row("g-cold", "check every interview afresh (--no-cache: every file read), "
                                  f"--jobs {self.jobs}", min(afresh, key=lambda r: (r.code != 0,
                                                                                       r.seconds)))
        cold.notes.append(f"least wall time of {len(afresh)} runs: "
                          + ", ".join(f"{r.seconds:.2f} s" for r in afresh))

    def words(self) -> str:
        counts = sorted(len(path.read_text(encoding="utf-8").split("\n---\n", 1)[1].split())
                        for path in self.interviews)
        return f"{counts[0]:,}–{counts[-1]:,}"

    def pandoc(self) -> None:
        pandoc = pandoc_binary()
        if pandoc is None:
            row = self.row("b", "pandoc, per file", None)
            row.notes.append("not measured: pandoc not found (pip install pypandoc-binary)")
            return
        out = self.work / "pandoc"
        out.mkdir(exist_ok=True)
        commands = []
        for path in self.interviews:
            source = str(path.relative_to(self.work))
            commands += [
                [pandoc, source, "-o", str(out / f"{path.stem}.epub")],
                [pandoc, source, "--standalone", "-o", str(out / f"{path.stem}.html")],
                [pandoc, source, "--pdf-engine=weasyprint", "-o", str(out / f"{path.stem}.pdf")],
            ]
        self.row("b", f"pandoc per file: EPUB, standalone HTML, PDF via WeasyPrint, "
                      f"{self.jobs} at a time", run_parallel(commands, self.work, self.env, self.jobs))

    def raw_weasyprint(self) -> None:
        html = sorted((self.work / "dist-a").glob("*/*.html"))
        self.row("c", f"raw WeasyPrint, the HTML edition of (a) to PDF, {self.jobs} warm workers",
                 run([sys.executable, str(HERE / "raw_weasyprint.py"), "--jobs", str(self.jobs),
                      "--out", str(self.work / "raw"), *map(str, html)], self.work, self.env))

    def no_change(self) -> None:
        before = snapshot(self.work / "dist")
        row = self.row("d", "rebuild, nothing changed", self.make("dist"))
        changed = sorted(p for p, mtime in snapshot(self.work / "dist").items()
                         if before.get(p) != mtime)
        row.notes.append(f"{len(changed)} files rewritten" + (f": {', '.join(changed[:3])}"
                                                               if changed else ""))

    def one_change(self) -> None:
        path = self.interviews[len(self.interviews) // 2]
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\n## ", "\nOne sentence added for the benchmark.\n\n## ", 1),
                        encoding="utf-8")
        before = snapshot(self.work / "dist")
        result = self.make("dist")
        row = self.row("e", f"rebuild after one interview changed ({path.name})", result)
        after = snapshot(self.work / "dist")
        changed = {p for p, mtime in after.items() if before.get(p) != mtime}
        slug = path.stem
        expected = {p for p in after if p.startswith(f"{slug}/")}
        if self.volume("dist").is_file():
            expected |= {p for p in after if p.startswith(f"{SERIES_SLUG}/")}
        row.met = changed == expected and not result.code
        row.target = "exactly its editions" + (" and the volume" if self.volume("dist").is_file()
                                               else " (no volume yet)")
        row.notes.append(f"rewritten: {describe(changed, slug)}")
        if changed != expected:
            row.notes.append(f"expected: {describe(expected, slug)}")
        shown = listed(result.stdout, "dist")
        if shown != changed:
            row.notes.append(f"the summary lists {describe(shown, slug)}")
        line = [ln for ln in result.stdout.splitlines() if "document(s) built" in ln]
        if line:
            row.notes.append(f"summary: “{line[-1].strip()}”")

    def volume_pdf(self) -> None:
        volume = self.volume("dist")
        if not volume.is_file():
            row = self.row("f", f"the collected volume PDF of {self.count} interviews", None)
            row.notes.append(f"not available yet: this checkout built no "
                             f"dist/{SERIES_SLUG}/{SERIES_SLUG}.pdf")
            row.target = "peak memory < 1 GB"
            return
        for output in (self.work / "dist" / SERIES_SLUG).iterdir():
            if output.is_file():
                output.unlink()
        result = self.make("dist")
        how = "rebuild with the volume's outputs deleted"
        if not volume.is_file():  # the build did not notice; measure a forced full build instead
            result = self.make("dist", "--force")
            how = "forced full rebuild (deleting the volume did not rebuild it)"
        row = self.row("f", f"the collected volume PDF of {self.count} interviews: {how}", result)
        row.baseline = "1 GB"
        row.ratio = f"{result.peak / TARGET_MEMORY:.2f}× of it"
        row.target = "peak memory < 1 GB"
        row.met = result.peak < TARGET_MEMORY and volume.is_file()
        if volume.is_file():
            from pypdf import PdfReader

            row.notes.append(f"{len(PdfReader(volume).pages)} pages, "
                             f"{volume.stat().st_size / 1e6:.1f} MB")

    def compare(self) -> None:
        """Ratios to the baselines. Speed targets are judged on CPU time: on a shared machine
        other work stretches wall times unevenly, while both sides of each comparison run
        the same number of processes at once, so on an idle machine the wall-time ratio
        comes close to the CPU-time ratio."""
        rows = self.rows
        ok = {key: row.run for key, row in rows.items() if row.run and not row.run.code}
        b, c, every = ok.get("b"), ok.get("c"), ok.get("a*")
        for key in ("a", "a*", "a-pdf"):
            if key in ok and b:
                row, mine = rows[key], ok[key]
                row.baseline = f"(b) {b.seconds:.1f} s, CPU {b.cpu:.1f} s"
                row.ratio = (f"{b.cpu / mine.cpu:.1f}× faster in CPU "
                             f"({b.seconds / mine.seconds:.1f}× in wall time)")
        if "a" in ok and b:
            rows["a"].target = f"≥ {TARGET_SPEEDUP:.0f}× faster than (b)"
            rows["a"].met = b.cpu / ok["a"].cpu >= TARGET_SPEEDUP
        if "a" in ok and "a-pdf" in ok:
            beside = ok["a"].cpu / ok["a-pdf"].cpu
            rows["a"].notes.append(f"{beside:.2f}× the CPU of the PDF edition alone (a-pdf)")
            rows["a"].target += f"; ≤ {TARGET_BESIDE_PDF}× the CPU of (a-pdf)"
            rows["a"].met = bool(rows["a"].met) and beside <= TARGET_BESIDE_PDF
        for step in ("g", "g-cold"):
            if step in ok:
                rows[step].target = f"≤ {TARGET_CHECK} s wall time"
                rows[step].met = ok[step].seconds <= TARGET_CHECK
        if "a-pdf" in ok and c:
            share = rows["a-pdf"]
            if b:
                share.notes.append(f"against (b): {share.ratio}")
            ratio = ok["a-pdf"].cpu / c.cpu
            share.baseline = f"(c) {c.seconds:.1f} s, CPU {c.cpu:.1f} s"
            share.ratio = (f"{ratio:.2f}× its CPU time "
                           f"({ok['a-pdf'].seconds / c.seconds:.2f}× in wall time)")
            share.target, share.met = f"≤ {TARGET_PDF_SHARE}× of (c)", ratio <= TARGET_PDF_SHARE
        if "d" in ok and every:
            rows["d"].baseline = f"(a*) {every.seconds:.1f} s"
            rows["d"].ratio = f"{ok['d'].seconds / every.seconds:.1%} of it"
            rows["d"].target = f"< {TARGET_NO_CHANGE} s wall time"
            rows["d"].met = ok["d"].seconds < TARGET_NO_CHANGE
        if "e" in ok and every:
            rows["e"].baseline = f"(a*) {every.seconds:.1f} s"
            rows["e"].ratio = f"{ok['e'].seconds / every.seconds:.1%} of it"


def describe(paths: set[str], slug: str) -> str:
    if not paths:
        return "nothing"
    folders = sorted({p.split("/")[0] for p in paths})
    return "; ".join(f"{folder}/ " + ", ".join(sorted(p.split("/", 1)[1] for p in paths
                                                      if p.startswith(folder + "/")))
                     for folder in folders)


def table(rows: list[Row]) -> str:
    lines = ["| step | what | time | CPU | peak memory | baseline | ratio | target | met | notes |",
             "|---|---|--:|--:|--:|---|---|---|---|---|"]
    for row in rows:
        measured = row.run is not None and not row.run.code
        time_ = f"{row.run.seconds:.2f} s" if measured else "—"
        cpu = f"{row.run.cpu:.1f} s" if measured else "—"
        peak = f"{row.run.peak / 2 ** 20:.0f} MB" if measured else "—"
        met = {True: "yes", False: "**no**", None: ""}[row.met]
        lines.append(f"| ({row.step}) | {row.what} | {time_} | {cpu} | {peak} | {row.baseline} | "
                     f"{row.ratio} | {row.target} | {met} | {'; '.join(row.notes)} |")
    return "\n".join(lines)


def machine() -> str:
    def output(*command: str) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.strip("\n")
        except OSError:
            return "not found"

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    pandoc = pandoc_binary()
    harfbuzz = "yes" if ctypes.util.find_library("harfbuzz-subset") else "no (PDF writing ~3× slower)"
    return "\n".join([
        f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- `nproc`: {output('nproc')}; CPU: {cpu}",
        f"- system: {platform.platform()}",
        f"- Python {platform.python_version()}, WeasyPrint {metadata.version('weasyprint')}, "
        f"pandoc {output(pandoc, '--version').splitlines()[0].split()[-1] if pandoc else 'not found'}"
        f" (pypandoc-binary {version('pypandoc-binary')}), libharfbuzz-subset: {harfbuzz}",
        "- `free -h`:",
        "",
        "```text",
        output("free", "-h"),
        "```",
    ])


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def report(bench: Bench) -> str:
    order = ["a", "a*", "a-pdf", "b", "c", "d", "e", "f", "g", "g-cold"]
    rows = [bench.rows[key] for key in order if key in bench.rows]
    return "\n".join([
        f"Measured with `python benchmarks/run.py --count {bench.count} --jobs {bench.jobs}`, "
        f"all steps in one run on one corpus, `SOURCE_DATE_EPOCH={EPOCH}`.",
        "",
        machine(),
        "",
        *bench.notes,
        "",
        table(rows),
        "",
        f"Load average (1 min) at the start and end of the run: {bench.load[0]:.1f}, "
        f"{os.getloadavg()[0]:.1f}. Other work on a shared machine stretches wall times "
        "unevenly; CPU time (user + system of the step's processes and their children) "
        "hardly, so the speed targets are judged on CPU-time ratios (both sides of each "
        "comparison run the same number of processes at once).",
        "Peak memory: the largest resident set of the step's process or any of its children "
        "(`ru_maxrss` from `wait4`), not the sum of the parallel workers.",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100, help="interviews (default 100)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel jobs everywhere (default 2)")
    parser.add_argument("--write", nargs="?", const=REPO / "BENCHMARKS.md", type=Path,
                        metavar="FILE", help="write the results into FILE (default BENCHMARKS.md)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="work in DIR and keep the corpus and outputs there")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="interview-press-bench-") as temporary:
        work = arguments.keep or Path(temporary)
        if arguments.keep:
            shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True, exist_ok=True)
        bench = Bench(work, arguments.count, arguments.jobs)
        bench.measure_all()
    publish(report(bench), arguments.write, BEGIN, END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
