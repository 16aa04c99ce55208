"""Local worker processes for ``build`` and ``check``, which Ctrl-C stops at once.

A terminal sends Ctrl-C to every process of the command, workers too. A worker that took it
printed a traceback as it died, and the command could then wait forever on the pool it broke.
So workers ignore it: the command alone handles it, ends its workers and says "stopped". A
worker writes nothing that a reader sees (the command writes each output, whole, by renaming
it into place), so ending one mid-task loses only its unfinished document, built next time.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


@contextmanager
def worker_pool(workers: int, start: Callable[..., None], *arguments: object
                ) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes, each started by ``start(*arguments)``, that ignore
    Ctrl-C and die with the command; on any way out but the normal one (Ctrl-C, an error) the
    workers are ended at once rather than waited for."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_started,
                               initargs=(start, arguments))
    try:
        yield pool
    except BaseException:
        _end(pool)
        raise
    pool.shutdown(wait=True)


def _started(start: Callable[..., None], arguments: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    start(*arguments)


def _end(pool: ProcessPoolExecutor) -> None:
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()  # the pool has no public way to end a worker mid-task
    # with its workers gone the pool's own thread ends at once; waiting for it leaves nothing
    # for the interpreter's exit to wake through a pipe already closed
    pool.shutdown(wait=True, cancel_futures=True)


def _die_with_parent() -> None:
    """Have Linux end this worker when the command that started it is killed, so that a killed
    build leaves no idle workers behind."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
