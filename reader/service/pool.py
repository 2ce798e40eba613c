"""Extraction spread over processes: a bounded window of work, results in the caller.

Workers only compute (load, extract: pure CPU, no database); the caller's ``finish``
gets each result in this process as it arrives and writes it, so a crash or a cancel
loses only what is still being computed. Workers are bound to this process
(reader.lifeline): killed with it, they never linger.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from reader.service.child_process import StopFlag

IN_FLIGHT_PER_WORKER = 4  # enough queued work to keep every core busy, bounded memory
CRASHED = "the extraction process crashed"
# Modules a worker needs; imported here before forking so that workers start warm.
PRELOAD_MODULES = ("reader.extract.pipeline", "reader.load.files", "lxml.html", "readability")

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def run_in_processes(
    items: Iterable[Item],
    work: Callable[[Item], Result],
    finish: Callable[[Item, Result | None, str | None], None],
    *,
    workers: int,
    cancel: StopFlag | None = None,
    fork_safe: bool = True,
) -> bool:
    """``work`` (a module-level function) on every item, in ``workers`` processes (here,
    one after the other, when ``workers`` <= 1); ``finish(item, result, None)`` for each
    in order of completion, ``finish(item, None, reason)`` when its process crashed.
    Returns True when ``cancel`` stopped it (what was computed is finished all the same).
    ``fork_safe``: False in a process with threads of its own (the window)."""
    if workers <= 1:
        for item in items:
            if cancel is not None and cancel.is_set():
                return True
            finish(item, work(item), None)
        return False
    context = _pool_context(fork_safe)
    if context.get_start_method() == "fork":
        _preload()
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    try:
        return _run_pool(pool, items, workers, work, finish, cancel)
    finally:
        # Done, cancelled or interrupted: what is queued is dropped, each worker ends the
        # page it is on (thrown away: nothing of it was committed), and the pool is gone
        # before this returns. Workers are not killed: one killed while it writes a result
        # leaves half a message in the pipe, and the executor's thread waits for the rest
        # for good (seen: `reader import` hanging after SIGHUP). Nor is the pool left to
        # end on its own: its thread is then joined at interpreter exit, where a second
        # Ctrl+C interrupts the join and the exit hangs.
        pool.shutdown(wait=True, cancel_futures=True)


def _pool_context(fork_safe: bool) -> multiprocessing.context.BaseContext:
    """fork is cheapest (workers inherit imported modules) but unsafe in a process with
    threads of its own (a GUI): the caller says which it is."""
    if sys.platform.startswith("linux") and fork_safe:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _preload() -> None:
    import importlib

    for name in PRELOAD_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _start_worker(parent_pid: int) -> None:
    """Workers leave Ctrl+C to the main process (which stops them), and end by themselves
    when it dies, even by SIGKILL (reader.lifeline)."""
    from reader.lifeline import bind_to_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    bind_to_parent(parent_pid)


def _run_pool(
    pool: Executor,
    items: Iterable[Item],
    workers: int,
    work: Callable[[Item], Result],
    finish: Callable[[Item, Result | None, str | None], None],
    cancel: StopFlag | None,
) -> bool:
    """Feed the pool a bounded window of items; returns True when cancelled."""
    queue = iter(items)
    running: dict[Future[Result], Item] = {}

    def refill() -> None:
        while len(running) < workers * IN_FLIGHT_PER_WORKER:
            item = next(queue, None)
            if item is None:
                return
            try:
                running[pool.submit(work, item)] = item
            except BrokenProcessPool:
                finish(item, None, CRASHED)

    refill()
    while running:
        finished, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
        for future in finished:  # what is computed is kept, even when cancelling
            item = running.pop(future)
            try:
                result = future.result()
            except BrokenProcessPool:
                finish(item, None, CRASHED)
                continue
            except Exception as error:  # unpicklable result and the like
                finish(item, None, f"unexpected {type(error).__name__}: {error}")
                continue
            finish(item, result, None)
        if cancel is not None and cancel.is_set():
            return True
        refill()
    return False
