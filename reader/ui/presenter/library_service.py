"""The window's one way to the library: reads on reader threads, writes on one writer thread.

The GUI thread never touches a connection, so a long search or a big save can never freeze
the window. Every thread that works on the library has a connection of its own (SQLite
connections belong to one thread; WAL lets the readers read while the writer writes):

- ``read(work, done)``: ``work(library)`` on one of READERS reader threads;
- ``write(work, done)``: on the one writer thread, so writes are serialized in the order
  they were asked for and a read asked for in a write's ``done`` sees that write;
- ``writes(work)`` / ``reads(work)``: the same from a worker thread that waits for the
  answer (the application layer's ``Writes``, e.g. opening: extract in a worker, save on
  the writer, render back in the worker).

``done`` and ``failed`` run on the GUI thread, and not at all once the receiver they belong
to (``owner``) was deleted.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QThreadPool

from reader.ui.presenter import tasks

if TYPE_CHECKING:
    from reader.store import Library

log = logging.getLogger(__name__)

T = TypeVar("T")
READERS = 2  # a search and a page of the list at once; more would only wait on the disk
# Waiting for the writer at close: what a save of a long article with its images can take.
CLOSE_WAIT_MS = 10_000


class LibraryService(QObject):
    """Owns the threads and connections the window uses for the library (one file)."""

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(READERS)
        self._readers.setExpiryTimeout(-1)  # a thread keeps its connection: never expire
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._writer.setExpiryTimeout(-1)
        # This thread's connection, by OS thread id: threading.local would not do, as PySide
        # gives a pool thread a fresh Python thread state for every task it runs.
        self._held: dict[int, tuple[int, Library]] = {}
        self._open: list[Library] = []
        self._lock = threading.Lock()
        self._generation = 0  # close() starts a new one: threads then open fresh connections

    @property
    def path(self) -> Path | None:
        """The library file (None: the default one)."""
        return self._path

    # -- asked from the GUI thread ---------------------------------------------------------
    def read(
        self,
        work: Callable[[Library], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> tasks.Task:
        """Run ``work`` on a reader thread; ``done(result)`` (or ``failed``) on the GUI."""
        return self._start(self._readers, work, done, failed, owner)

    def write(
        self,
        work: Callable[[Library], T],
        done: Callable[[T], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> tasks.Task:
        """Run ``work`` on the writer thread, after every write asked for before it."""
        return self._start(self._writer, work, done or _ignore, failed, owner)

    def warm(self) -> None:
        """Open the writer's connection now (migrations, clean-up), ahead of a first write
        that someone will wait for."""
        self.write(lambda _library: None)

    # -- asked from a worker thread, which waits ------------------------------------------
    def writes(self, work: Callable[[Library], T]) -> T:
        """Run ``work`` on the writer thread and wait for it (a worker's save)."""
        return self._wait(self._writer, work)

    def reads(self, work: Callable[[Library], T]) -> T:
        return self._wait(self._readers, work)

    # -- lifetime -------------------------------------------------------------------------
    def wait_idle(self, msecs: int = CLOSE_WAIT_MS) -> bool:
        """Block until the queued work ran (shutdown, tests)."""
        return self._writer.waitForDone(msecs) and self._readers.waitForDone(msecs)

    def close(self) -> None:
        """Let the queued writes finish, then close every connection."""
        self.wait_idle()
        with self._lock:
            libraries, self._open = self._open, []
            self._generation += 1
        for library in libraries:
            try:
                library.close()
            except Exception as error:  # closing must never stop the window from closing
                log.warning("library not closed cleanly: %s", error)

    # -- inside -----------------------------------------------------------------------------
    def _library(self) -> Library:
        """This thread's connection, opened on first use (migrations run on the first)."""
        thread = threading.get_ident()
        held = self._held.get(thread)
        if held is not None and held[0] == self._generation:
            return held[1]
        from reader.store import Library

        library = Library(self._path)
        with self._lock:
            self._held[thread] = (self._generation, library)
            self._open.append(library)
        return library

    def _start(
        self,
        pool: QThreadPool,
        work: Callable[[Library], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None,
        owner: QObject | None,
    ) -> tasks.Task:
        def on_done(result: T) -> None:
            if owner is None or shiboken6.isValid(owner):
                done(result)

        def on_failed(error: BaseException) -> None:
            if failed is not None and (owner is None or shiboken6.isValid(owner)):
                failed(error)

        return tasks.run_task(lambda: work(self._library()), on_done, on_failed, pool=pool)

    def _wait(self, pool: QThreadPool, work: Callable[[Library], T]) -> T:
        application = QCoreApplication.instance()
        if application is not None and QThread.currentThread() is application.thread():
            raise RuntimeError("the GUI thread never waits on the library")
        answer: Future[T] = Future()

        def run() -> None:
            try:
                answer.set_result(work(self._library()))
            except BaseException as error:
                answer.set_exception(error)

        pool.start(_Call(run))
        return answer.result()


class _Call(QRunnable):
    """A plain callable as a QRunnable (the waiting side collects the result itself)."""

    def __init__(self, call: Callable[[], None]) -> None:
        super().__init__()
        self._call = call

    def run(self) -> None:
        self._call()


def _ignore(_result: object) -> None:
    """A write nobody waits for (a reading position, a read mark)."""
