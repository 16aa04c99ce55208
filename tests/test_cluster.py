"""Builds on a Dask cluster (``build --cluster``): the same bytes as a local build, a worker's
death loses nothing, a worker of another toolchain and an unreachable scheduler are one line.

Every cluster build runs ``make.py`` in a process of its own, with ``--cluster local:N``;
a worker is made to die, or to claim another version, by a Dask preload script that the test
hands to the workers through Dask's configuration (``DASK_DISTRIBUTED__WORKER__PRELOAD``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SAMPLES, make, outputs

pytest.importorskip("distributed")

DIES_ONCE = '''
"""Worker preload: the first task of the whole cluster kills its worker once it has built
the document, before it answers (the marker file says it has happened)."""
import os
from pathlib import Path

from exporters import cluster

MARKER = Path({marker!r})
build_and_answer = getattr(cluster, "build_and_answer", cluster.run_task)  # preloaded twice
cluster.build_and_answer = build_and_answer


def run_task(*args):
    answer = build_and_answer(*args)
    try:
        os.close(os.open(MARKER, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return answer
    os._exit(1)


cluster.run_task = run_task
'''

OTHER_VERSION = '''
"""Worker preload: this worker claims another version of the toolchain."""
import exporters
from exporters import cache

exporters.__version__ = "0.0.1"
cache.toolchain_digest = lambda: "another toolchain"
'''


def preloaded(script: Path) -> dict[str, str]:
    """The environment that has every Dask worker run ``script`` when it starts."""
    return {"DASK_DISTRIBUTED__WORKER__PRELOAD": json.dumps([str(script)])}


@pytest.fixture(scope="module")
def local_build(tmp_path_factory) -> Path:
    """The samples built locally with one job (SOURCE_DATE_EPOCH set by ``make``)."""
    root = tmp_path_factory.mktemp("local")
    shutil.copytree(SAMPLES, root / "content")
    run = make("build", cwd=root)
    assert run.code == 0, run.stderr
    return root / "dist"


def sample_project(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLES, tmp_path / "content")
    return tmp_path


def same_files(built: Path, reference: Path, editions: tuple[str, ...] = ()) -> None:
    """Every output of ``reference`` (of the ``editions``, given as the file extension of
    ``<slug>/<slug>.<extension>``) is in ``built`` with the same bytes, and no other."""
    names = [path.relative_to(reference) for path in outputs(reference)
             if not editions or path.name in {f"{path.parent.name}.{e}" for e in editions}]
    assert [path.relative_to(built) for path in outputs(built)] == names
    differing = [str(name) for name in names
                 if (built / name).read_bytes() != (reference / name).read_bytes()]
    assert not differing, f"not byte-identical to the local build: {differing}"


def recorded(dist: Path, project: Path) -> str:
    """The build cache, its paths relative to the project and without the editions' keys
    (they hash the package's code, which may change between two builds of a working tree)."""
    with contextlib.closing(sqlite3.connect(dist / ".cache" / "builds.sqlite")) as database:
        data = {name: json.loads(entry)
                for name, entry in database.execute("SELECT name, entry FROM sources")}
    for entry in data.values():
        for edition in entry.get("editions", {}).values():
            edition.pop("key")
    return json.dumps(data, sort_keys=True).replace(str(project), "PROJECT")


def test_cluster_build_is_byte_identical_to_a_local_build(tmp_path, local_build):
    project = sample_project(tmp_path)
    run = make("build", "--cluster", "local:2", cwd=project, isolated=True)

    assert run.code == 0, run.stderr
    assert run.stderr == ""
    same_files(project / "dist", local_build)
    assert recorded(project / "dist", project) == recorded(local_build, local_build.parent)
    again = make("build", cwd=project)  # a local build finds what the cluster build recorded
    assert again.code == 0, again.stderr
    assert re.search(r"^0 of (\d+) document\(s\) built, \1 up to date$", again.stdout, re.M), \
        again.stdout


def test_a_worker_that_dies_mid_task_loses_nothing(tmp_path, local_build):
    project = sample_project(tmp_path)
    marker = tmp_path / "a-worker-died"
    script = tmp_path / "dies_once.py"
    script.write_text(DIES_ONCE.format(marker=str(marker)), encoding="utf-8")

    run = make("build", "--cluster", "local:2", "--format", "pdf,epub", cwd=project,
               isolated=True, env=preloaded(script))

    assert marker.exists(), "no worker died: the test proves nothing"
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert not [p for p in (project / "dist").rglob("*") if p.name.startswith(".partial-")]
    same_files(project / "dist", local_build, ("pdf", "epub"))


def test_a_worker_of_another_toolchain_is_refused_in_one_line(tmp_path):
    project = sample_project(tmp_path)
    script = tmp_path / "other_version.py"
    script.write_text(OTHER_VERSION, encoding="utf-8")

    run = make("build", "--cluster", "local:1", cwd=project, isolated=True,
               env=preloaded(script))

    assert run.code == 2, run.stderr
    assert "Traceback" not in run.stderr
    refusals = [line for line in run.lines if "--cluster" in line]
    assert len(refusals) == 1, run.stderr
    line = refusals[0]
    assert line.startswith("make.py: error: --cluster: worker tcp://127.0.0.1:"), line
    assert "interview-press 0.0.1" in line and "this build interview-press 0.1.0" in line
    assert "refused" in line and "pip install" in line
    assert not (project / "dist").exists() or not outputs(project / "dist")


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    project = sample_project(tmp_path)

    run = make("build", "--cluster", "tcp://127.0.0.1:1", cwd=project, isolated=True)

    assert run.code == 2
    assert "Traceback" not in run.stderr
    assert run.lines[-1] == (
        "make.py: error: --cluster: cannot reach a Dask scheduler at tcp://127.0.0.1:1 "
        "(connection refused); start one there with 'dask scheduler' and workers with "
        "'dask worker tcp://127.0.0.1:1', or fix the address"), run.stderr
    assert [line for line in run.lines if "--cluster" in line] == run.lines[-1:]
    assert not (project / "dist").exists()


def test_builds_without_cluster_do_not_import_distributed(tmp_path):
    project = sample_project(tmp_path)
    script = ("import sys\n"
              "from exporters.cli import main\n"
              "codes = [main(['check']), main(['build', '--jobs', '1', '--format', 'html',\n"
              "                                'content/last-bookshop.md'])]\n"
              "print(codes, 'distributed' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)

    assert done.stdout.splitlines()[-1] == "[0, 0] False", done.stdout + done.stderr
