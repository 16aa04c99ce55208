"""Measure ``build --cluster`` against a local build, and what the client costs per document.

``python benchmarks/cluster.py [--count 20] [--write]`` generates ``--count`` interviews
(``generate.py``) into a temporary folder and builds every edition of them (no volume: one
volume is one task, which no number of workers shares) four times, each into an empty folder:

- ``--jobs 2``: the local build, a pool of 2 processes;
- ``--cluster local:1`` and ``--cluster local:2``: a local Dask cluster started by the build
  (its scheduler runs in the client's process);
- ``--cluster tcp://...`` with a ``dask scheduler`` and ``dask worker --nworkers 2 --nthreads 1``
  started by this script just before (and stopped after), so that the client's process is
  the client alone; the scheduler's and the workers' CPU are read from their processes.

All of them run a copy of the package made at the start (the same code in every build and
worker, even while the checkout is edited). Each build runs in a child process that reports
its own CPU time (``RUSAGE_SELF``: the client, without the worker processes) and that of its
waited-for descendants (a local pool or cluster). Every build's outputs are compared with
those of ``--jobs 2`` (SOURCE_DATE_EPOCH set).

The client's cost per document, from the ``tcp`` build: its CPU time less that of a build with
nothing to do, divided by the count; plus the time to write one document's outputs atomically
(``write_atomic``, with its fsync), replayed from the built files. ``--write`` puts the tables
into BENCHMARKS.md between the cluster marks.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import os
import platform
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1767225600"
BEGIN = "<!-- cluster results: written by `python benchmarks/cluster.py --write` -->"
END = "<!-- end of cluster results -->"
WORKER_COUNTS = (1, 2, 4, 8, 16, 32, 64)
BATCHES = (10_000, 100_000)


@dataclass(frozen=True)
class Measured:
    """One build: wall time, the client's own CPU, its descendants' CPU, its peak memory."""

    what: str
    wall: float
    client_cpu: float
    children_cpu: float
    client_peak: int
    code: int
    identical: bool | None = None
    cluster_cpu: float | None = None
    """The CPU of a separately started scheduler and workers, for the tcp build."""
    idle_client_cpu: float | None = None
    """The client's CPU for the same build again with nothing to do, for the tcp build."""


def client_main(result: Path, toolchain: Path, argv: list[str]) -> int:
    """Run ``make.py`` of ``toolchain`` in this process (the client) and write its times to
    ``result``."""
    sys.path.insert(0, str(toolchain))
    from exporters.cli import main

    start = time.perf_counter()
    try:
        code = main(argv, prog="make.py")
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    wall = time.perf_counter() - start
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result.write_text(json.dumps({
        "code": code, "wall": wall, "client_cpu": me.ru_utime + me.ru_stime,
        "children_cpu": children.ru_utime + children.ru_stime,
        "client_peak": me.ru_maxrss * 1024}))
    return code


def build(what: str, work: Path, out: str, *options: str) -> Measured:
    """``make.py build --no-volumes --out OUT OPTIONS`` in a child process, measured."""
    result = work / f"{out}.json"
    done = subprocess.run([sys.executable, __file__, "--client", str(result),
                           str(work / "toolchain"), "--", "build", "--no-volumes", "--out", out,
                           *options],
                          cwd=work, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{what} failed:\n{done.stderr}")
    return Measured(what=what, **json.loads(result.read_text()))


def same_outputs(one: Path, other: Path) -> bool:
    files = sorted(p.relative_to(one) for p in one.rglob("*")
                   if p.is_file() and ".cache" not in p.parts)
    others = sorted(p.relative_to(other) for p in other.rglob("*")
                    if p.is_file() and ".cache" not in p.parts)
    return files == others and all((one / f).read_bytes() == (other / f).read_bytes()
                                   for f in files)


class Cluster:
    """A ``dask scheduler`` and ``dask worker --nworkers N --nthreads 1`` on this machine."""

    def __init__(self, workers: int, folder: Path, toolchain: Path):
        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONPATH": str(toolchain)}
        dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
        self.scheduler = subprocess.Popen(
            [*dask, "--port", str(port), "--dashboard-address", ":0"], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.workers = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", self.address,
             "--nworkers", str(workers), "--nthreads", "1", "--local-directory", str(folder)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_for(workers)

    def wait_for(self, workers: int) -> None:
        import distributed

        with distributed.Client(self.address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)

    def cpu(self) -> float:
        """CPU seconds so far of the scheduler, the workers and their processes."""
        import psutil

        total = 0.0
        for root in (self.scheduler, self.workers):
            process = psutil.Process(root.pid)
            for each in (process, *process.children(recursive=True)):
                times = each.cpu_times()
                total += times.user + times.system
        return total

    def around(self, step: Callable[[], Measured]) -> Measured:
        """The build ``step()`` makes, with the scheduler's and workers' CPU during it."""
        before = self.cpu()
        run = step()
        return dataclasses.replace(run, cluster_cpu=self.cpu() - before)

    def stop(self) -> None:
        for process in (self.workers, self.scheduler):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_cost(dist: Path, scratch: Path) -> float:
    """Seconds to write one document's outputs as the client does (atomically, with fsync),
    averaged over the documents of ``dist``."""
    sys.path.insert(0, str(REPO))
    from exporters.output import write_atomic

    folders = [f for f in dist.iterdir() if f.is_dir() and f.name != ".cache"]
    contents = {f.name: [(p.name, p.read_bytes()) for p in f.iterdir() if p.is_file()]
                for f in folders}
    start = time.perf_counter()
    for name, files in contents.items():
        for file, data in files:
            write_atomic(scratch / name / file, data)
    return (time.perf_counter() - start) / len(folders)


def snapshot(folder: Path) -> None:
    """A copy of the package (templates included) to measure: the same code from the first
    build to the last, and in every worker, even while the checkout is being edited."""
    shutil.copytree(REPO / "exporters", folder / "exporters",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "make.py", folder / "make.py")


def on_own_cluster(work: Path, out: str) -> Measured:
    """The build on a scheduler and 2 workers started for it (workers of the same code as
    the client), with their CPU; then the same build again, with nothing to do."""
    cluster = Cluster(2, work / "scratch", work / "toolchain")
    try:
        run = cluster.around(lambda: build(
            "--cluster tcp:// (dask scheduler + 2 workers)", work, out,
            "--cluster", cluster.address))
        idle = build("nothing to build", work, out, "--cluster", cluster.address)
    finally:
        cluster.stop()
    return dataclasses.replace(run, idle_client_cpu=idle.client_cpu)


def measure(count: int, repeat: int) -> tuple[list[Measured], dict[str, float]]:
    """Every build ``repeat`` times, in turns (the order rotated each round, so that a busy
    moment of the machine does not fall on one build only); the fastest of each is kept."""
    from generate import generate

    with tempfile.TemporaryDirectory(prefix="cluster-bench-") as folder:
        work = Path(folder)
        snapshot(work / "toolchain")
        generate(count, work / "content")
        subprocess.run([sys.executable, str(REPO / "make.py"), "check"], cwd=work,
                       capture_output=True)  # warms the disk cache
        builds = {
            "dist-jobs": lambda out: build("local, --jobs 2", work, out, "--jobs", "2"),
            "dist-local1": lambda out: build("--cluster local:1", work, out,
                                             "--cluster", "local:1"),
            "dist-local2": lambda out: build("--cluster local:2", work, out,
                                             "--cluster", "local:2"),
            "dist-tcp": lambda out: on_own_cluster(work, out),
        }
        best: dict[str, Measured] = {}
        for round in range(repeat):
            names = list(builds)
            for out in names[round % len(names):] + names[:round % len(names)]:
                shutil.rmtree(work / out, ignore_errors=True)
                run = builds[out](out)
                if out not in best or run.wall < best[out].wall:
                    best[out] = run
        reference = work / "dist-jobs"
        runs = [dataclasses.replace(best[out], identical=None if out == "dist-jobs" else
                                    same_outputs(work / out, reference)) for out in builds]
        tcp = best["dist-tcp"]
        per_document = {
            "client_cpu": (tcp.client_cpu - (tcp.idle_client_cpu or 0.0)) / count,
            "client_fixed": tcp.idle_client_cpu or 0.0,
            "write": write_cost(work / "dist-tcp", work / "replay"),
            "worker_cpu": (tcp.cluster_cpu or 0.0) / count,
            "local_cpu": (best["dist-jobs"].client_cpu + best["dist-jobs"].children_cpu) / count,
            "files": sum(1 for p in (work / "dist-tcp").rglob("*")
                         if p.is_file() and ".cache" not in p.parts) / count,
        }
    return runs, per_document


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:,.0f} s"


def duration(value: float) -> str:
    if value < 120:
        return f"{value:.0f} s"
    if value < 2 * 3600:
        return f"{value / 60:.0f} min"
    return f"{value / 3600:.1f} h"


def report(count: int, repeat: int, runs: list[Measured], cost: dict[str, float],
           load: tuple[float, float]) -> str:
    lines = [
        f"Measured with `python benchmarks/cluster.py --count {count} --repeat {repeat}`: "
        f"{count} generated interviews, every edition, no volume, each build into an empty "
        f"folder, `SOURCE_DATE_EPOCH={EPOCH}`, the fastest of {repeat} runs; "
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average (1 min) "
        f"{load[0]:.1f} at the start, {load[1]:.1f} at the end.",
        "",
        "| build | wall time | client CPU | CPU of its children | cluster CPU | client peak "
        "memory | same bytes as --jobs 2 |",
        "|---|--:|--:|--:|--:|--:|---|"]
    for run in runs:
        lines.append(
            f"| {run.what} | {seconds(run.wall)} | {seconds(run.client_cpu)} | "
            f"{seconds(run.children_cpu)} | "
            f"{seconds(run.cluster_cpu) if run.cluster_cpu is not None else ''} | "
            f"{run.client_peak / 2**20:.0f} MB | "
            f"{'' if run.identical is None else 'yes' if run.identical else '**no**'} |")
    client = cost["client_cpu"] + cost["write"]
    worker = cost["worker_cpu"]
    lines += [
        "",
        f"Per document ({cost['files']:.0f} files): a worker spends {worker:.2f} s of CPU "
        f"(scheduler included); the client {cost['client_cpu'] * 1000:.0f} ms of CPU (reading, "
        f"checking, packing, unpacking) and {cost['write'] * 1000:.0f} ms writing the outputs "
        f"atomically, {client * 1000:.0f} ms in all, on top of {cost['client_fixed']:.1f} s "
        f"fixed (start, connection, a pass over the sources). A local `--jobs` build spends "
        f"{cost['local_cpu']:.2f} s of CPU per document in all.",
        "",
        "Estimate: with W workers (one core each), a batch takes about "
        "documents × max(worker time / W, client time); the client becomes the bottleneck "
        f"at W ≈ {worker:.2f} / {client:.3f} ≈ {worker / client:.0f} workers.",
        "",
        "| workers | " + " | ".join(f"{n:,} interviews" for n in BATCHES) + " | bound by |",
        "|--:|" + "--:|" * len(BATCHES) + "---|"]
    for workers in WORKER_COUNTS:
        per = max(worker / workers, client)
        bound = "workers" if worker / workers > client else "**client**"
        lines.append(f"| {workers} | " + " | ".join(duration(n * per + cost["client_fixed"])
                                                    for n in BATCHES) + f" | {bound} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--client"]:  # --client RESULT TOOLCHAIN -- ARGS: one measured build
        return client_main(Path(argv[1]), Path(argv[2]), argv[4:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20, help="interviews (default: 20)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each build; the fastest is kept (default: 2)")
    parser.add_argument("--write", action="store_true", help="put the result in BENCHMARKS.md")
    arguments = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    load = os.getloadavg()[0]
    runs, cost = measure(arguments.count, arguments.repeat)
    text = report(arguments.count, arguments.repeat, runs, cost, (load, os.getloadavg()[0]))
    from marks import publish

    publish(text, REPO / "BENCHMARKS.md" if arguments.write else None, BEGIN, END, "Cluster")
    return 0 if all(run.identical is not False for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
