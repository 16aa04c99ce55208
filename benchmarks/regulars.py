"""Who asks, when a show's whole catalogue is imported in one run: the speakers' roles against
the show's hosts, with and without the run's regulars.

``python benchmarks/regulars.py OWNER/NAME=GIT_DIR... [--split a|b|all] [--jobs N]`` reads
the repositories given (``fetch github:OWNER/NAME``; the commits measured are in BENCHMARKS.md),
imports each show listed in ``regulars_hosts.yml`` as one run, as a podcast network imports its
back catalogue, and counts the speakers whose role is wrong by the hosts listed there (each
show's regular hosts and panelists, as its episodes introduce them). Only roundtables count:
files with three or more speakers of five turns or more, among them a host and someone who is
not. The corpus's held-out files are left out of the runs and of the count. ``--split a`` is
the half of The Changelog's files the rule was chosen on, ``b`` the half it was not (by a hash
of the file's path); the other shows were not looked at when it was chosen.
"""

from __future__ import annotations

import argparse
import fnmatch
import re
import subprocess
import sys
import tempfile
import zlib
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus" / "real"
HOSTS = Path(__file__).with_name("regulars_hosts.yml")
MIN_TURNS = 5
NOT_INTERVIEWS = re.compile(rb"#define|Feud|State of the .log|Gophers Say")
"""Quiz and game-show episodes, where nobody is interviewed."""


@dataclass(frozen=True)
class Tally:
    files: int = 0
    wrong_files: int = 0
    wrong_speakers: int = 0
    speakers: int = 0
    wrong_turns: int = 0
    turns: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(a + b for a, b in zip(self.__dict__.values(), other.__dict__.values())))


def held_out_paths() -> set[str]:
    """The repository paths of the corpus's held-out Changelog files ('gotime/go-time-329.md')."""
    found = set()
    for path in CORPUS.glob("*.truth.yml"):
        truth = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        origin = str(truth.get("origin", ""))
        if truth.get("held_out") and "thechangelog/transcripts" in origin:
            found.add(origin.split("/blob/", 1)[1].split("/", 1)[1])
    return found


def export(git_dir: Path, pattern: str, into: Path, leave_out: set[str]) -> list[Path]:
    """The files of ``git_dir`` that ``pattern`` matches, written under ``into``."""
    names = subprocess.run(["git", "-C", str(git_dir), "ls-tree", "-r", "--name-only", "HEAD"],
                           capture_output=True, text=True, check=True).stdout
    files = []
    for name in sorted(names.split("\n")):
        if not fnmatch.fnmatch(name, pattern) or name in leave_out:
            continue
        text = subprocess.run(["git", "-C", str(git_dir), "show", f"HEAD:{name}"],
                              capture_output=True, check=True).stdout
        if NOT_INTERVIEWS.search(text[:3000]):
            continue
        path = into / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text)
        files.append(path)
    return files


def roles(job: tuple[Path, dict[str, int]]) -> dict[str, tuple[str, int]]:
    """Each speaker's name: their role and number of turns, as the import writes them."""
    from exporters.importers import import_file
    path, regulars = job
    try:
        document = import_file(path, regulars=regulars).document
    except Exception:  # noqa: BLE001 - counted as no roundtable
        return {}
    speakers = document.values.get("speakers") or {}
    turns = Counter(turn.label for turn in document.conversation if hasattr(turn, "label"))
    return {person["name"]: (person["role"], turns[label]) for label, person in speakers.items()}


def tally(found: dict[str, tuple[str, int]], hosts: set[str]) -> Tally:
    speaking = {name: value for name, value in found.items() if value[1] >= MIN_TURNS}
    is_host = {name: name in hosts for name in speaking}
    if len(speaking) < 3 or all(is_host.values()) or not any(is_host.values()):
        return Tally()
    wrong = [name for name, (role, _) in speaking.items()
             if (role == "interviewer") != is_host[name]]
    return Tally(1, int(bool(wrong)), len(wrong), len(speaking),
                 sum(speaking[name][1] for name in wrong),
                 sum(turns for _, turns in speaking.values()))


def in_split(path: Path, root: Path, split: str) -> bool:
    return split == "all" or zlib.crc32(str(path.relative_to(root)).encode()) % 2 == (
        0 if split == "a" else 1)


def main(argv: list[str] | None = None) -> int:
    from exporters.importers import run_regulars
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repositories", nargs="+", metavar="OWNER/NAME=GIT_DIR")
    parser.add_argument("--split", choices=("a", "b", "all"), default="all")
    parser.add_argument("--jobs", type=int, default=2)
    arguments = parser.parse_args(argv)
    git_dirs = dict(argument.split("=", 1) for argument in arguments.repositories)
    shows = yaml.safe_load(HOSTS.read_text(encoding="utf-8"))
    leave_out = held_out_paths()
    rows = ["| show | files in the run | roundtables counted | speakers | wrong speakers, "
            "each file alone | wrong speakers, the show as one run | their turns, alone | "
            "their turns, one run |", "|---|---|---|---|---|---|---|---|"]
    total_alone, total_run = Tally(), Tally()
    with tempfile.TemporaryDirectory() as folder, ProcessPoolExecutor(arguments.jobs) as pool:
        for show, listed in shows.items():
            if listed["repo"] not in git_dirs:
                continue
            root = Path(folder) / show
            files = export(Path(git_dirs[listed["repo"]]), listed["files"], root, leave_out)
            found = run_regulars(files, partial(pool.map, chunksize=8))
            counted = [path for path in files if in_split(path, root, arguments.split)]
            hosts = set(listed["hosts"])
            alone = sum((tally(r, hosts) for r in
                         pool.map(roles, [(p, {}) for p in counted], chunksize=8)), Tally())
            run = sum((tally(r, hosts) for r in
                       pool.map(roles, [(p, found) for p in counted], chunksize=8)), Tally())
            total_alone, total_run = total_alone + alone, total_run + run
            rows.append(f"| {show} | {len(files)} | {alone.files} | {alone.speakers} | "
                        f"{alone.wrong_speakers} | {run.wrong_speakers} | {alone.wrong_turns} | "
                        f"{run.wrong_turns} |")
    rows.append(f"| all ({arguments.split}) | | {total_alone.files} | {total_alone.speakers} | "
                f"{total_alone.wrong_speakers} ({total_alone.wrong_files} files) | "
                f"{total_run.wrong_speakers} ({total_run.wrong_files} files) | "
                f"{total_alone.wrong_turns} of {total_alone.turns} | "
                f"{total_run.wrong_turns} of {total_run.turns} |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
