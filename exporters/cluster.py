"""Batch builds on a Dask cluster: ``build --cluster tcp://HOST:8786`` or ``--cluster local:N``.

The client (the machine that runs ``build``) does what a local build does, except the export
itself: it reads the sources, plans what is stale, then sends each document to the cluster as a
:class:`Parcel` that carries everything the export reads (the document, the bytes of its files,
the date to stamp on it). A worker needs nothing but the package: no shared file system, no
git. It mirrors the client's paths under a folder of its own, exports into that folder, and
sends back the outputs' bytes; the client writes them atomically into the output folder and
records them in the build cache, as a local build does. A worker that dies mid-task has written
nothing on the client, and the scheduler gives its task to another worker.

The ``--templates`` folder goes once per build to every worker, in a worker plugin, which also
holds the worker's warm exporters (WeasyPrint, fonts, stylesheets) across its tasks. Workers of
another toolchain are refused before any work is sent: outputs must not depend on which worker
made them.

This module imports ``distributed``; the rest of the package imports it only for ``--cluster``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import io
import logging
import os
import pickle
import shutil
import socket
import tempfile
import threading
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

import distributed
from distributed.diagnostics.plugin import WorkerPlugin

from . import __version__
from .cache import digest, folder_digest
from .edition import Settings, Written
from .errors import ContentError, Problem
from .output import UnsafeOutput, write_atomic
from .load import BUILTIN_TEMPLATES

if TYPE_CHECKING:
    from .build import BuildConfig, _Exporters

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a remote scheduler to answer, and for it to have a worker."""
IN_FLIGHT_PER_THREAD = 2
"""Documents sent ahead per worker thread: enough to keep workers busy, few enough that the
client holds a handful of documents, not the batch."""
RETRIES = 2
"""Times a task that raised is tried again (a worker that dies is retried by the scheduler)."""

Exported = tuple[dict[str, list[Written]], list[Problem], dict[str, Problem]]
"""What ``_Exporters.export`` returns: the outputs per edition, the problems, the notices."""


class ClusterError(Exception):
    """The cluster cannot be used; its message is one line naming ``--cluster``."""


@dataclass(frozen=True)
class Address:
    """What ``--cluster`` names: a scheduler's address, or a local cluster of N workers."""

    text: str
    local_workers: int = 0
    """N for ``local:N``; 0 for a remote scheduler."""

    @property
    def is_local(self) -> bool:
        return self.local_workers > 0


@dataclass(frozen=True)
class Toolchain:
    """The version a machine builds with: the package version and a digest of its code and
    built-in templates (equal digests make byte-identical outputs)."""

    version: str
    digest: str

    def __str__(self) -> str:
        return f"interview-press {self.version} (toolchain {self.digest[:12]})"


@dataclass(frozen=True)
class ShippedFile:
    """A file the export reads, as the client has it: its path there, bytes and mtime."""

    path: str
    data: bytes
    mtime: float


@dataclass(frozen=True)
class Shipment:
    """What every worker receives once per build: the configuration, with the client's
    absolute paths, and the files of ``--templates``."""

    config: BuildConfig
    templates: tuple[ShippedFile, ...]


@dataclass(frozen=True)
class Parcel:
    """One document and the editions to make of it. ``payload`` is the pickled document and
    its dated sources, its paths kept as the client's absolute paths; ``files`` are every file
    among them."""

    payload: bytes
    files: tuple[ShippedFile, ...]
    editions: tuple[str, ...]
    toolchain: Toolchain


def parse_address(text: str) -> Address:
    """The ``--cluster`` value as an :class:`Address`; :class:`ClusterError` if it is none."""
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ClusterError(f"--cluster: '{text}' needs a number of workers, e.g. local:4")
        return Address(text, int(count))
    scheme, _, rest = text.rpartition("://")
    if not rest or ":" not in rest or not rest.rsplit(":", 1)[1].isdigit():
        raise ClusterError(f"--cluster: '{text}' is not a scheduler address; give "
                           "tcp://HOST:8786, or local:N for N workers on this machine")
    return Address(text if scheme else f"tcp://{text}")


@functools.cache
def local_toolchain() -> Toolchain:
    """This process's toolchain, computed once: a package upgraded under a running worker is
    not the code that worker runs, so it must be restarted to count as upgraded."""
    import exporters
    from . import cache

    version = getattr(exporters, "__version__", __version__)
    return Toolchain(version, digest(cache.toolchain_digest(), folder_digest([BUILTIN_TEMPLATES])))


def worker_toolchain() -> tuple[str, str]:
    """Run on each worker before work is sent: its toolchain, as plain strings (so that a
    worker of another version can answer)."""
    toolchain = local_toolchain()
    return toolchain.version, toolchain.digest


@dataclass(frozen=True)
class Session:
    """A connected cluster: the Dask client, and the local cluster it started, if any."""

    address: Address
    client: distributed.Client
    local: distributed.LocalCluster | None = None

    def close(self) -> None:
        _quiet_dask()
        self.client.close()
        if self.local is not None:
            self.local.close()

    def dispatch(self, config: BuildConfig, documents: Iterable[tuple[Any, Any]],
                 collect: Callable[[Any, Callable[[], Exported]], None]) -> None:
        """Build each ``(task, document)`` on the cluster; ``collect(task, export)`` takes each
        result as it arrives, ``export()`` giving what a local export gives, its outputs
        written. At most a few documents per worker thread are in flight."""
        documents = iter(documents)
        first = next(documents, None)
        if first is None:
            return
        settings = config.settings()  # the client's: where outputs go, and the path check
        with self._plugin(config) as name:
            limit = IN_FLIGHT_PER_THREAD * max(1, sum(self.client.nthreads().values()))
            running: dict[distributed.Future, tuple[Any, dict[str, PurePath]]] = {}

            def receive(future: distributed.Future) -> None:
                task, paths = running.pop(future)
                collect(task, lambda: unpack_result(_answer(future, task.path), paths,
                                                    settings, task.path))

            for task, document in _chain(first, documents):
                try:
                    parcel, paths = pack(document, task.stale, config)
                except Exception as error:  # a file that cannot be read: this document fails
                    collect(task, functools.partial(_raise, error))
                    continue
                del document
                running[self._submit(name, parcel)] = (task, paths)
                while len(running) >= limit:
                    for future in distributed.wait(list(running),
                                                   return_when="FIRST_COMPLETED").done:
                        receive(future)
            for future in distributed.as_completed(list(running)):
                receive(future)

    def _submit(self, plugin: str, parcel: Parcel) -> distributed.Future:
        with warnings.catch_warnings():  # "large object in task graph": a document with images
            warnings.simplefilter("ignore", UserWarning)
            return self.client.submit(run_task, plugin, parcel, pure=False, retries=RETRIES,
                                      key=f"interview-press-{uuid.uuid4().hex}")

    @contextlib.contextmanager
    def _plugin(self, config: BuildConfig) -> Iterator[str]:
        """The build's worker plugin, registered on every worker (and on those that join
        later, e.g. one restarted after a crash) for the duration of the block."""
        name = f"interview-press-{uuid.uuid4().hex}"
        self.client.register_plugin(BuildPlugin(shipment(config)), name=name)
        try:
            yield name
        finally:
            with contextlib.suppress(Exception):
                self.client.unregister_worker_plugin(name)


def _answer(future: distributed.Future, source: Path) -> bytes:
    """The task's result; a document that killed every worker that tried it is a
    :class:`~exporters.errors.ContentError` of that document, in one line."""
    try:
        return future.result()
    except distributed.KilledWorker as error:
        last = getattr(error.last_worker, "address", error.last_worker)
        raise ContentError(Problem(
            source, 1, f"each of the {error.allowed_failures + 1} workers that tried to build "
                       f"it died (the last: {last})",
            "build it alone without --cluster to see why; a worker that runs out of memory "
            "needs a machine with more")) from None


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _raise(error: Exception) -> Exported:
    raise error


def connect(text: str) -> Session:
    """A session on the cluster ``--cluster`` names, its workers checked; :class:`ClusterError`
    (one line) when it cannot be reached, has no worker, or has a worker of another toolchain."""
    address = parse_address(text)
    _quiet_dask()
    session = _start_local(address) if address.is_local else _connect_remote(address)
    try:
        check_workers(session.client, address)
    except BaseException:
        session.close()
        raise
    return session


def _start_local(address: Address) -> Session:
    """A local cluster of ``local:N`` worker processes, one thread each."""
    try:
        local = distributed.LocalCluster(
            n_workers=address.local_workers, threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=_dask_log_level())
        return Session(address, distributed.Client(local), local)
    except Exception as error:
        raise ClusterError(f"--cluster: could not start {address.local_workers} local "
                           f"worker(s) ({type(error).__name__}: {error}); try fewer, or "
                           "--jobs N without --cluster") from None


def _connect_remote(address: Address) -> Session:
    """A client of the scheduler at ``address``, once it has answered."""
    url = address.text
    unreachable = _unreachable(url)
    if unreachable:
        raise ClusterError(f"--cluster: cannot reach a Dask scheduler at {url} ({unreachable}); "
                           f"start one there with 'dask scheduler' and workers with 'dask "
                           f"worker {url}', or fix the address")
    try:
        client = distributed.Client(url, timeout=CONNECT_TIMEOUT)
    except Exception as error:
        raise ClusterError(f"--cluster: {url} did not answer as a Dask scheduler "
                           f"({type(error).__name__}: {error}); check that 'dask scheduler' "
                           "runs there and that the port is the scheduler's") from None
    return Session(address, client)


def _unreachable(url: str) -> str:
    """Why nothing listens at a tcp:// or tls:// address, or '' (also for other protocols,
    which the client tries itself)."""
    scheme, _, location = url.partition("://")
    if scheme not in ("tcp", "tls"):
        return ""
    host, _, port = location.rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT).close()
    except socket.gaierror:
        return f"no host named '{host}'"
    except TimeoutError:
        return f"no answer within {CONNECT_TIMEOUT:.0f} s"
    except OSError as error:
        return (error.strerror or str(error)).lower()
    return ""


def check_workers(client: distributed.Client, address: Address) -> None:
    """Wait for a worker, then refuse the cluster if any worker's toolchain is not the
    client's, in one line naming the worker, both versions and what to do."""
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except (TimeoutError, distributed.TimeoutError):
        raise ClusterError(f"--cluster: the scheduler at {address.text} has no worker; start "
                           f"some with 'dask worker {address.text}'") from None
    ours = local_toolchain()
    answers = client.run(worker_toolchain, on_error="return")
    theirs: dict[str, list[str]] = {}
    for worker, answer in sorted(answers.items()):
        if isinstance(answer, tuple) and Toolchain(*answer) == ours:
            continue
        found = str(Toolchain(*answer)) if isinstance(answer, tuple) else \
            f"no usable interview-press ({type(answer).__name__}: {answer})"
        theirs.setdefault(found, []).append(worker)
    if theirs:
        found, workers = next(iter(theirs.items()))
        more = sum(map(len, theirs.values())) - 1
        others = f" (and {more} other worker{'s' * (more > 1)})" if more else ""
        raise ClusterError(
            f"--cluster: worker {workers[0]}{others} runs {found}, this build {ours}; refused: "
            f"install the same version on every worker (pip install "
            f"'interview-press[cluster]=={ours.version}', or the same checkout) and restart "
            f"{'them' if more else 'it'}")


def _dask_log_level() -> int:
    """Dask's own messages (workers restarted, connections lost) only with --verbose: the
    build reports each document's outcome itself."""
    return logging.INFO if logging.getLogger().level <= logging.DEBUG else logging.CRITICAL


def _quiet_dask() -> None:
    """Set Dask's loggers in this process to :func:`_dask_log_level`."""
    level = _dask_log_level()
    for name in ("distributed", "tornado", "asyncio"):
        logging.getLogger(name).setLevel(level)


# The client's side of a document: pack it, and take back what the worker made.

class _Outbound(pickle.Pickler):
    """Pickles a document with every path as the client's absolute path, and records them."""

    def __init__(self, stream: io.BytesIO, cwd: Path):
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        self.cwd = cwd
        self.paths: dict[str, PurePath] = {}

    def persistent_id(self, obj: Any) -> str | None:
        if isinstance(obj, PurePath):
            absolute = str(self.cwd / obj)
            self.paths.setdefault(absolute, obj)
            return absolute
        return None


class _Returned(pickle.Unpickler):
    """Unpickles a worker's result on the client: the worker's mirror of a client path becomes
    that path again (the very object the document had, when it had it)."""

    def __init__(self, data: bytes, paths: dict[str, PurePath]):
        super().__init__(io.BytesIO(data))
        self.paths = paths

    def persistent_load(self, pid: tuple[str, str]) -> PurePath:
        where, path = pid
        if where == "client" and path in self.paths:
            return self.paths[path]
        return Path(path)


def pack(document: Any, editions: tuple[str, ...], config: BuildConfig
         ) -> tuple[Parcel, dict[str, PurePath]]:
    """The :class:`Parcel` of one document, and its paths by their absolute form (to give the
    results the document's own paths back)."""
    dated = [(each.sources, _seconds(each, config)) for each in _dated(document, config)]
    stream = io.BytesIO()
    pickler = _Outbound(stream, Path.cwd())
    pickler.dump((document, dated))
    files = tuple(_shipped(Path(path)) for path in pickler.paths if Path(path).is_file())
    return Parcel(stream.getvalue(), files, editions, local_toolchain()), pickler.paths


def _dated(document: Any, config: BuildConfig) -> list[Any]:
    """What the editions of ``document`` stamp a date on: the interview or each volume, and the
    original of a translation (the bilingual pamphlet lays it out too)."""
    from .model import Interview, read_interview, root_for

    each = [document] if isinstance(document, Interview) else list(document)
    originals = [read_interview(d.original.path, root_for(d.original.path, config.content_root))
                 for d in each if isinstance(d, Interview) and d.original is not None]
    return each + originals


def _seconds(document: Any, config: BuildConfig) -> int | None:
    """The date the client stamps on ``document`` (its git commit date when SOURCE_DATE_EPOCH
    is not set), so that workers need no git; None when SOURCE_DATE_EPOCH says it."""
    if config.source_date_epoch is not None:
        return None
    from .sourcedate import source_time

    return int(source_time(document.sources, None).timestamp())


def _shipped(path: Path) -> ShippedFile:
    return ShippedFile(str(path), path.read_bytes(), path.stat().st_mtime)


def shipment(config: BuildConfig) -> Shipment:
    """The build's configuration with absolute paths, and the files of ``--templates``."""
    cwd = Path.cwd()
    templates = config.templates.resolve() if config.templates else None
    absolute = dataclasses.replace(config, out_dir=config.out_dir.resolve(),
                                   content_root=cwd / config.content_root, templates=templates)
    files = tuple(_shipped(path) for path in sorted(templates.rglob("*"))
                  if path.is_file()) if templates else ()
    return Shipment(absolute, files)


def unpack_result(data: bytes, paths: dict[str, PurePath], settings: Settings,
                  source: Path) -> Exported:
    """A worker's result, its outputs written atomically where a local build writes them:
    each goes through :meth:`Settings.target`, so nothing lands outside the output folder."""
    done, problems, notices, contents = _Returned(data, paths).load()
    placed: dict[str, list[Written]] = {}
    for edition, written in done.items():
        try:
            targets = [_target(settings, w.path) for w in written]
        except UnsafeOutput as error:
            problems.append(Problem(source, 1, f"{error}; nothing was written",
                                    "check the 'slug:' field and what --out names"))
            continue
        for target, w in zip(targets, written):
            write_atomic(target, contents[w.path])
        placed[edition] = [Written(target, w.pages) for target, w in zip(targets, written)]
    return placed, problems, notices


def _target(settings: Settings, path: Path) -> Path:
    """Where a worker's output ``<out>/<slug>/<name>`` goes on the client, checked."""
    root = settings.out_dir.resolve()
    if not path.is_relative_to(root) or len(path.relative_to(root).parts) != 2:
        raise UnsafeOutput(f"'{path}' is not a file of a document's folder in the output "
                           "folder")
    return settings.target(*path.relative_to(root).parts)


# The worker's side.

@dataclass(frozen=True)
class DatedSettings(Settings):
    """The build's settings on a worker: the date of each document is the one the client
    computed (keyed by the document's sources), not the worker's file times."""

    dates: dict[tuple[str, ...], int] = field(default_factory=dict, compare=False, repr=False)

    def timestamp(self, document: Any) -> dt.datetime:
        seconds = self.dates.get(tuple(map(str, document.sources)))
        if seconds is None:
            return super().timestamp(document)
        return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)


class _Inbound(pickle.Unpickler):
    """Unpickles a parcel on a worker: each client path becomes its mirror there."""

    def __init__(self, data: bytes, mirror: Callable[[str], Path]):
        super().__init__(io.BytesIO(data))
        self.mirror = mirror

    def persistent_load(self, pid: str) -> Path:
        return self.mirror(pid)


class _Outgoing(pickle.Pickler):
    """Pickles a worker's result: a path in the mirror as the client's path."""

    def __init__(self, stream: io.BytesIO, root: Path):
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        self.root = root

    def persistent_id(self, obj: Any) -> tuple[str, str] | None:
        if not isinstance(obj, PurePath):
            return None
        if obj.is_absolute() and obj.is_relative_to(self.root):
            return "client", "/" + obj.relative_to(self.root).as_posix()
        return "worker", str(obj)


class WorkerBuild:
    """One build on one worker process: a folder that mirrors the client's paths, and the
    exporters, made at the first document and kept warm for the next ones."""

    def __init__(self, shipment: Shipment, root: Path):
        self.shipment = shipment
        self.root = root
        self.lock = threading.Lock()  # one document at a time: WeasyPrint's state is per process
        self._exporters: _Exporters | None = None
        for shipped in shipment.templates:
            self._unpack(shipped)

    def mirror(self, client_path: str | Path) -> Path:
        """Where the client's absolute path ``client_path`` is on this worker."""
        return self.root / str(client_path).lstrip("/")

    def _unpack(self, shipped: ShippedFile) -> Path:
        path = self.mirror(shipped.path)
        write_atomic(path, shipped.data)
        os.utime(path, (shipped.mtime, shipped.mtime))
        return path

    def exporters(self) -> _Exporters:
        """The warm exporters, made with the settings the client's paths mirror to."""
        if self._exporters is None:
            from .build import _Exporters

            config = self.shipment.config
            mirrored = dataclasses.replace(
                config, out_dir=self.mirror(config.out_dir), content_root=self.mirror(
                    config.content_root),
                templates=self.mirror(config.templates) if config.templates else None)
            exporters = _Exporters(mirrored)
            base = exporters.settings
            exporters.settings = DatedSettings(**{f.name: getattr(base, f.name)
                                                  for f in dataclasses.fields(Settings)})
            self._exporters = exporters
        return self._exporters

    def build(self, parcel: Parcel) -> bytes:
        """Export one parcel; the outputs come back as bytes, and nothing of it stays here."""
        with self.lock:
            inputs = [self._unpack(shipped) for shipped in parcel.files]
            try:
                exporters = self.exporters()
                document, dated = _Inbound(parcel.payload, self.mirror).load()
                for sources, seconds in dated:
                    if seconds is not None:
                        exporters.settings.dates[tuple(map(str, sources))] = seconds
                done, problems, notices = exporters.export(document, parcel.editions)
                contents = {w.path: w.path.read_bytes() for ws in done.values() for w in ws}
            finally:
                for path in inputs:
                    path.unlink(missing_ok=True)
            for path in contents:
                path.unlink(missing_ok=True)
        stream = io.BytesIO()
        _Outgoing(stream, self.root).dump((done, problems, notices, contents))
        return stream.getvalue()

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class BuildPlugin(WorkerPlugin):
    """Carries the build's :class:`Shipment` to every worker, and holds its
    :class:`WorkerBuild` there, in the worker's own scratch folder (which Dask clears when a
    worker dies)."""

    def __init__(self, shipment: Shipment):
        self.shipment = shipment
        self.build: WorkerBuild | None = None

    def setup(self, worker: distributed.Worker) -> None:
        root = Path(tempfile.mkdtemp(prefix="interview-press-", dir=worker.local_directory))
        self.build = WorkerBuild(self.shipment, root.resolve())

    def teardown(self, worker: distributed.Worker) -> None:
        if self.build is not None:
            self.build.close()


class TaskFailed(Exception):
    """A task that could not run on its worker, as one line (the scheduler tries it again)."""


def run_task(plugin: str, parcel: Parcel) -> bytes:
    """The task: build one parcel with this worker's build of the plugin ``plugin``."""
    worker = distributed.get_worker()
    if parcel.toolchain != local_toolchain():  # a worker that joined after the check
        raise TaskFailed(f"worker {worker.address} runs {local_toolchain()}, this build "
                         f"{parcel.toolchain}; install the same version on it")
    try:
        return worker.plugins[plugin].build.build(parcel)
    except Exception as error:  # a plain error: some tracebacks do not travel back to the client
        logging.getLogger("exporters").debug("task failed on %s", worker.address, exc_info=True)
        raise TaskFailed(f"on worker {worker.address}: {type(error).__name__}: {error}") from None
