"""Fit the weights that tell a roundtable's hosts from its guests (``exporters/importers/panel.py``)
on half of The Changelog's catalogue, and measure them on the other half.

``python benchmarks/fit_panel.py thechangelog/transcripts=GIT_DIR [--jobs N]`` exports the
shows that ``regulars_hosts.yml`` lists, imports each file alone, reads the signs of every
roundtable speaker (``panel.signs``) and whether the hosts list names them, fits a logistic
model with a small ridge on split a (Newton's method, no library needed), and prints the weights
as Python to paste into ``panel.py``, and how many speakers the weights alone get wrong in
split a and split b (the split it was not fitted on). The corpus's held-out files are left out.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from unittest import mock

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from regulars import HOSTS, export, held_out_paths, in_split

from exporters.importers import panel

RIDGE = 0.01
"""The penalty on the weights (of standardised signs), against fitting single files."""


def speaker_rows(job: tuple[Path, frozenset[str]]) -> list[tuple[list[float], bool]]:
    """Each roundtable speaker's signs and whether they host, for one file: the signs as the
    import reads them, from the turns it hands to :func:`panel.signs` before it gives any
    speaker a role (read from the written document instead, they would depend on the roles
    the weights chose)."""
    from exporters.importers import import_file
    path, hosts = job
    read: list[tuple[dict[str, panel.Signs], dict[str, str]]] = []

    def reading(turns, speaking, names):
        found = signs_of(turns, speaking, names)
        read.append((found, dict(names)))
        return found

    signs_of = panel.signs
    with mock.patch.object(panel, "signs", reading):
        try:
            import_file(path)
        except Exception:
            return []
    if not read:
        return []
    found, names = read[0]
    is_host = {label: names.get(label, label) in hosts for label in found}
    if all(is_host.values()) or not any(is_host.values()):
        return []
    return [([getattr(found[label], name) for name in panel.SIGN_NAMES], is_host[label])
            for label in found]


def fit(rows: list[tuple[list[float], bool]]) -> tuple[list[float], float]:
    """Weights and constant term of a ridge logistic model, on the signs as they are."""
    count = len(rows[0][0])
    means = [sum(x[i] for x, _ in rows) / len(rows) for i in range(count)]
    spreads = [math.sqrt(sum((x[i] - means[i]) ** 2 for x, _ in rows) / len(rows)) or 1.0
               for i in range(count)]
    data = [([(x[i] - means[i]) / spreads[i] for i in range(count)] + [1.0], float(y))
            for x, y in rows]
    weights = [0.0] * (count + 1)
    for _ in range(25):
        gradient = [0.0] * (count + 1)
        hessian = [[0.0] * (count + 1) for _ in range(count + 1)]
        for x, y in data:
            p = 1 / (1 + math.exp(-sum(w * v for w, v in zip(weights, x))))
            for i in range(count + 1):
                gradient[i] += (p - y) * x[i] / len(data)
                for j in range(count + 1):
                    hessian[i][j] += p * (1 - p) * x[i] * x[j] / len(data)
        for i in range(count):
            gradient[i] += RIDGE * weights[i]
            hessian[i][i] += RIDGE
        step = _solve(hessian, gradient)
        weights = [w - s for w, s in zip(weights, step)]
        if max(map(abs, step)) < 1e-9:
            break
    raw = [weights[i] / spreads[i] for i in range(count)]
    return raw, weights[count] - sum(raw[i] * means[i] for i in range(count))


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    size = len(vector)
    rows = [matrix[i][:] + [vector[i]] for i in range(size)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(col + 1, size):
            factor = rows[r][col] / rows[col][col]
            rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col])]
    solution = [0.0] * size
    for r in reversed(range(size)):
        solution[r] = (rows[r][size] - sum(rows[r][c] * solution[c]
                                           for c in range(r + 1, size))) / rows[r][r]
    return solution


def wrong(rows: list[tuple[list[float], bool]], weights: list[float], intercept: float) -> int:
    return sum((intercept + sum(w * v for w, v in zip(weights, x)) > 0) != y for x, y in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repository", metavar="thechangelog/transcripts=GIT_DIR")
    parser.add_argument("--jobs", type=int, default=2)
    arguments = parser.parse_args(argv)
    name, git_dir = arguments.repository.split("=", 1)
    shows = yaml.safe_load(HOSTS.read_text(encoding="utf-8"))
    by_split: dict[str, list[tuple[list[float], bool]]] = {"a": [], "b": []}
    with tempfile.TemporaryDirectory() as folder, ProcessPoolExecutor(arguments.jobs) as pool:
        for show, listed in shows.items():
            if listed["repo"] != name:
                continue
            root = Path(folder) / show
            files = export(Path(git_dir), listed["files"], root, held_out_paths())
            hosts = frozenset(listed["hosts"])
            for split in by_split:
                jobs = [(path, hosts) for path in files if in_split(path, root, split)]
                for rows in pool.map(speaker_rows, jobs, chunksize=8):
                    by_split[split] += rows
    weights, intercept = fit(by_split["a"])
    print("WEIGHTS = Signs(")
    print(",\n".join(f"    {sign}={weight:.4g}" for sign, weight in zip(panel.SIGN_NAMES, weights))
          + ")")
    print(f"INTERCEPT = {intercept:.4g}")
    for split, rows in by_split.items():
        print(f"split {split}: {len(rows)} speakers, {wrong(rows, weights, intercept)} wrong "
              f"by the weights alone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
