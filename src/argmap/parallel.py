"""Map a function over independent items on several cores, results in input order.

Crux reports of different theses share nothing but the read-only map, so forked workers see
the parent's memory without pickling it; only the results travel back. Where fork is not the
safe choice (outside Linux) or not allowed (inside a pool worker), the map runs in-process:
the results are the same either way, only slower.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

_JOB: Callable[[Any], Any] | None = None  # in a worker: the function it maps


def cores() -> int:
    """CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def forked_map(fn: Callable[[Any], Any], items: Sequence[Any], workers: int) -> list[Any]:
    """``[fn(x) for x in items]``, computed by up to ``workers`` forked processes.

    ``fn`` reaches the workers through the fork itself (a pool initializer's arguments are not
    pickled under fork), so it may be a closure over large data.
    """
    workers = min(workers, len(items))
    if workers <= 1 or sys.platform != "linux" or mp.current_process().daemon:
        return [fn(x) for x in items]
    with mp.get_context("fork").Pool(workers, initializer=_take, initargs=(fn,)) as pool:
        return pool.map(_call, items, chunksize=1)


def _take(fn: Callable[[Any], Any]) -> None:
    global _JOB
    _JOB = fn


def _call(item: Any) -> Any:
    assert _JOB is not None
    return _JOB(item)


class DeadlineExceeded(Exception):
    """:func:`call_with_deadline` stopped the call: it had not returned within its seconds."""


def call_with_deadline(fn: Callable[[], Any], seconds: float | None) -> Any:
    """``fn()``, run in a forked process that is killed if it has not returned within ``seconds``.

    A thread cannot stop a runaway rdflib query or Oxigraph's Rust code; killing a process can.
    Only the result travels back (pickled); an exception raised by ``fn`` is raised here. Where
    fork is not available, or ``seconds`` is None, ``fn`` runs in this process without a limit.
    """
    if seconds is None or sys.platform != "linux" or mp.current_process().daemon:
        return fn()
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=_answer, args=(fn, send), daemon=True)
    worker.start()
    send.close()
    try:
        if not receive.poll(max(seconds, 0.0)):
            raise DeadlineExceeded(f"no result within {seconds:g} s")
        try:
            ok, value = receive.recv()
        except EOFError:  # the worker died without answering (killed, out of memory)
            worker.join()
            raise RuntimeError(f"the worker process ended without an answer (exit code "
                               f"{worker.exitcode})") from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receive.close()
    if ok:
        return value
    raise value


def _answer(fn: Callable[[], Any], send: Any) -> None:
    try:
        reply = (True, fn())
    except BaseException as exc:  # every failure goes back to the caller
        reply = (False, exc)
    try:
        send.send(reply)
    except Exception as exc:  # an unpicklable result or exception: say so instead
        send.send((False, RuntimeError(f"the worker's answer cannot be sent back: {exc!r}")))
