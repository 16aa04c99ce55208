"""A batch at scale: N interviews in several series, built cold, time and memory per interview.

``python benchmarks/scale.py --counts 100,1000`` generates, for each count, that many
interviews (``generate.py``, ``--series-size`` to a series, so 1,000 make 10 series and 10
collected volumes) and builds them into an empty folder with the machine's default
``--jobs``, every edition unless ``--format`` says otherwise. It records, per count: the wall
time and the CPU time (the build process and its workers, user + system) in all and per
interview, the peak resident memory of the build's own process (the parent, which reads
every document and writes every output) and of its largest worker, and the build's last
progress line. ``--write`` puts the table into BENCHMARKS.md between its marks.

The parent's figures come from the build process itself: each build runs in a fresh Python
process (``--child``) that calls the command line's ``main`` and then reads
``getrusage(RUSAGE_SELF)`` (itself) and ``getrusage(RUSAGE_CHILDREN)`` (its workers).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from generate import generate  # noqa: E402
from marks import publish  # noqa: E402

EPOCH = "1767225600"
BEGIN = "<!-- scale results: written by `python benchmarks/scale.py --write`; edit outside these marks -->"
END = "<!-- end of scale results -->"
PARENT_BUDGET_MB = 500


@dataclass(frozen=True)
class Measured:
    """One cold build of ``count`` interviews."""

    count: int
    series: int
    wall: float
    cpu_parent: float
    cpu_workers: float
    parent_peak_mb: float
    worker_peak_mb: float
    code: int
    outputs: int
    last_progress: str
    summary: str

    @property
    def cpu(self) -> float:
        return self.cpu_parent + self.cpu_workers


def child(report: Path, argv: list[str]) -> int:
    """Run the build in this process and write what it cost into ``report``."""
    from exporters.cli import main

    started = time.monotonic()
    with open(report.with_suffix(".out"), "w", encoding="utf-8") as out, \
            contextlib.redirect_stdout(out):
        code = main(argv, prog="make.py")
    wall = time.monotonic() - started
    me = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    report.write_text(json.dumps({
        "code": code, "wall": wall,
        "cpu_parent": me.ru_utime + me.ru_stime, "cpu_workers": workers.ru_utime + workers.ru_stime,
        "parent_peak_mb": me.ru_maxrss / 1024, "worker_peak_mb": workers.ru_maxrss / 1024,
    }), encoding="utf-8")
    return 0


def measure(work: Path, count: int, series_size: int, formats: str | None,
            jobs: int | None) -> Measured:
    series = max(1, -(-count // series_size))
    folder = work / str(count)
    shutil.rmtree(folder, ignore_errors=True)
    generate(count, folder / "content", series)
    report = folder / "report.json"
    argv = ["build", "--out", "dist", *(["--format", formats] if formats else []),
            *(["--jobs", str(jobs)] if jobs else [])]
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO)}
    errors = report.with_suffix(".err")
    with open(errors, "w", encoding="utf-8") as stderr:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child",
                               str(report), "--", *argv], cwd=folder, env=env, stderr=stderr)
    if done.returncode or not report.is_file():
        raise SystemExit(f"the build of {count} interviews did not finish:\n"
                         f"{errors.read_text(encoding='utf-8')[-2000:]}")
    figures = json.loads(report.read_text(encoding="utf-8"))
    if figures["code"]:  # a document failed: the figures would not be of this batch
        raise SystemExit(f"the build of {count} interviews failed (exit {figures['code']}); "
                         f"its problems: {errors}\n{errors.read_text(encoding='utf-8')[:2000]}")
    lines = report.with_suffix(".out").read_text(encoding="utf-8").splitlines()
    progress = [line for line in lines if line.startswith("built ")]
    summary = next((line for line in reversed(lines) if "document(s) built" in line), "")
    outputs = sum(1 for path in (folder / "dist").rglob("*")
                  if path.is_file() and ".cache" not in path.parts)
    return Measured(count, series, figures["wall"], figures["cpu_parent"], figures["cpu_workers"],
                    figures["parent_peak_mb"], figures["worker_peak_mb"], figures["code"], outputs,
                    progress[-1] if progress else "", summary)


def table(rows: list[Measured]) -> str:
    lines = ["| interviews | series (volumes) | wall | wall per interview | CPU | CPU per interview "
             "| parent's CPU | parent's peak memory | largest worker's peak | outputs | "
             "last progress line |",
             "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    for row in rows:
        lines.append(
            f"| {row.count:,} | {row.series} | {row.wall / 60:.1f} min | {row.wall / row.count:.2f} s "
            f"| {row.cpu / 60:.1f} min | {row.cpu / row.count:.2f} s "
            f"| {row.cpu_parent:.0f} s ({row.cpu_parent / row.count * 1000:.0f} ms each) "
            f"| {row.parent_peak_mb:.0f} MB | {row.worker_peak_mb:.0f} MB | {row.outputs:,} "
            f"| `{row.last_progress}` |")
    return "\n".join(lines)


def report(rows: list[Measured], formats: str | None, jobs: int, series_size: int) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    first, last = rows[0], rows[-1]
    growth = (last.cpu / last.count) / (first.cpu / first.count)
    within = all(row.parent_peak_mb <= PARENT_BUDGET_MB for row in rows)
    return "\n".join([
        f"Measured with `python benchmarks/scale.py --counts "
        f"{','.join(str(r.count) for r in rows)}"
        f"{' --format ' + formats if formats else ''}` ({series_size} interviews a series, "
        f"--jobs {jobs}, the default here; editions: {formats or 'all'}), "
        f"`SOURCE_DATE_EPOCH={EPOCH}`.",
        "",
        f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {os.cpu_count()} cores ({cpu}), {platform.platform()}, "
        f"Python {platform.python_version()}",
        f"- load average (1, 5, 15 min) at the end: "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}",
        "",
        table(rows),
        "",
        f"CPU per interview at {last.count:,} is {growth:.2f}× that at {first.count:,} "
        f"(1.00 = linear). The parent's peak memory stays "
        f"{'within' if within else '**over**'} {PARENT_BUDGET_MB} MB "
        f"({', '.join(f'{r.parent_peak_mb:.0f} MB' for r in rows)}). Times include the "
        "collected volumes. CPU time (user + system of the build and its workers) is the "
        "figure to compare: this 2-core machine is shared, so wall times stretch with other work.",
    ])


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        return child(Path(argv[1]), argv[3:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", default="100,1000",
                        help="comma-separated numbers of interviews (default 100,1000)")
    parser.add_argument("--series-size", type=int, default=100, metavar="N",
                        help="interviews a series (default 100)")
    parser.add_argument("--format", metavar="LIST", help="editions to build (default: all)")
    parser.add_argument("--jobs", type=int, help="--jobs of the build (default: its own)")
    parser.add_argument("--write", nargs="?", const=REPO / "BENCHMARKS.md", type=Path,
                        metavar="FILE", help="write the results into FILE (default BENCHMARKS.md)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep it")
    arguments = parser.parse_args(argv)
    counts = [int(part) for part in arguments.counts.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="interview-press-scale-") as temporary:
        work = arguments.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        for count in counts:
            row = measure(work, count, arguments.series_size, arguments.format, arguments.jobs)
            print(f"{count} interviews: {row.wall:.0f} s wall, {row.cpu:.0f} s CPU, parent "
                  f"{row.parent_peak_mb:.0f} MB; {row.summary}", flush=True)
            rows.append(row)
    from exporters.cli import default_jobs

    publish(report(rows, arguments.format, arguments.jobs or default_jobs(), arguments.series_size),
            arguments.write, BEGIN, END, "A thousand interviews")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
