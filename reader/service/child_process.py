"""Long Python work of the window (extracting, writing the library) run in a child process.

Extraction and the library's writes are Python that holds the GIL. Run in a thread of the
window's process, they take turns with the GUI thread: re-extracting a library from a
worker thread (its extraction already in processes) stalled the window 160-335 ms at a
time (tests/benchmarks/reextract_window.py). A child process has a GIL of its own; the
window's thread only waits on a pipe (no GIL held) for the child's events and its
result, both pickled. This is reader.service.read_ahead's pattern made general for any
work started after the window is up:

- the child is *spawned* (a fresh interpreter), never forked: the window has threads, and
  a fork could copy a lock one of them held. ``work`` must therefore be picklable (a
  module-level function, or a functools.partial of one);
- it runs at NICENESS, so when the cores are busy the window's process is served first
  (the pool workers it forks inherit it);
- it is bound to this process (reader.lifeline): killed with it, never orphaned;
- ``cancel`` (set in this process) reaches it as the ``stop`` flag ``work`` is given;
  what it had finished stays finished.

Errors come back as they were raised (a ReaderError keeps its type and one-line message);
a child that dies without a word raises ChildFailed.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from reader.errors import ReaderError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess
    from multiprocessing.synchronize import Event

NICENESS = 10  # background work yields the cores to the window (stall 335 -> 126 ms)
POLL_SECONDS = 0.2  # how often the waiting thread looks at ``cancel`` and the child
STOP_SECONDS = 10.0  # after the result or a cancel: how long the child may take to end

Result = TypeVar("Result")


class StopFlag(Protocol):
    """What the work polls to know it should stop (a threading or multiprocessing Event)."""

    def is_set(self) -> bool: ...


Report = Callable[[object], None]


class ChildFailed(ReaderError):
    """The child process ended without a result (killed, or out of memory)."""


def run_in_child(
    work: Callable[[Report, StopFlag], Result],
    *,
    progress: Callable[[object], None] | None = None,
    cancel: threading.Event | None = None,
    name: str = "reader-background",
) -> Result:
    """``work(report, stop)`` in a child process; returns what it returned.

    Blocks the calling thread (a worker thread of the window, never the GUI thread) until
    the child is done. Each ``report(event)`` in the child calls ``progress(event)`` here,
    on the calling thread."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    stop = context.Event()
    child = context.Process(target=_child_main, args=(work, sending, stop, os.getpid()), name=name)
    child.start()
    sending.close()  # ours: the child's end closes when it exits, so a dead child is seen
    try:
        while True:
            if cancel is not None and cancel.is_set():
                stop.set()
            if not receiving.poll(POLL_SECONDS):
                continue
            try:
                kind, payload = receiving.recv()
            except (EOFError, OSError):
                raise ChildFailed(_ended(child)) from None
            if kind == "event":
                if progress is not None:
                    progress(payload)
            elif kind == "error":
                raise payload
            else:
                return payload
    finally:
        receiving.close()
        _end(child, stop)


def _ended(child: BaseProcess) -> str:
    child.join(STOP_SECONDS)
    code = child.exitcode
    how = "was killed" if code is not None and code < 0 else f"ended ({code})"
    return f"the background process {how} before it finished"


def _end(child: BaseProcess, stop: Event) -> None:
    """The child ends by itself after its result; after an error here it is told to
    stop, and killed if it does not."""
    if child.is_alive():
        stop.set()
        child.join(STOP_SECONDS)
    if child.is_alive():
        child.kill()
        child.join()
    with contextlib.suppress(ValueError):
        child.close()


def _child_main(
    work: Callable[[Report, StopFlag], object], pipe: Connection, stop: StopFlag, parent: int
) -> None:
    from reader.lifeline import bind_to_parent

    bind_to_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    with contextlib.suppress(OSError):
        os.nice(NICENESS)

    def report(event: object) -> None:
        pipe.send(("event", event))

    try:
        outcome: tuple[str, object] = ("result", work(report, stop))
    except BaseException as error:  # handed to the parent, which words it
        outcome = ("error", _picklable(error))
    try:
        pipe.send(outcome)
    except OSError:  # the parent is gone: nobody to tell
        return
    except Exception as error:  # a result that cannot be pickled
        pipe.send(("error", ReaderError(f"unexpected result: {error}")))
    pipe.close()


def _picklable(error: BaseException) -> BaseException:
    """The error itself when it survives pickling, else a ReaderError that says what it was."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return ReaderError(f"unexpected {type(error).__name__}: {error}")
    return error
