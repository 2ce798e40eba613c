"""Run work off the GUI thread and get the result back on it, by signal.

``run_task(func, on_done, on_error)`` queues ``func()`` on the global QThreadPool. The
signal carrier is created on the GUI thread, so Qt delivers ``done``/``failed`` through
that thread's event loop: callbacks never run on the worker and never need a lock. Every
task reports back, also when its work raises ``SystemExit`` or another ``BaseException``:
a task that never reports would leave its caller waiting for good. For the same reason a
task started from another thread is refused at once (its carrier would live on a thread
without an event loop; moving it to the GUI thread from a worker can deadlock, see
``test_layers``).
"""

import logging
from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    Signal,
    SignalInstance,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Carrier(QObject):
    done = Signal(object)
    failed = Signal(object)


class Relay(QObject):
    """Carries a long task's callbacks (fetch bytes, import events) to the GUI thread."""

    fetch_progress = Signal(int, object)  # bytes so far, total or None
    import_event = Signal(object)  # reader.service.importing.ImportEvent
    fetch_event = Signal(object)  # reader.service.fetching.FetchEvent
    export_progress = Signal(int, int, str)  # articles written, of, the last one's title


class Task(QRunnable):
    """A queued call; ``cancel()`` only drops the result (Python threads cannot be killed)."""

    def __init__(self, func: Callable[[], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it alive until it reported back
        self.work = func
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is not app.thread():
            raise RuntimeError("a task is started from the GUI thread only")
        self.carrier = _Carrier()
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as error:  # reported to the GUI, which words it for the user
            self._report(self.carrier.failed, error)
        else:
            self._report(self.carrier.done, result)

    def _report(self, signal: SignalInstance, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application quit meanwhile: nobody is waiting
            log.debug("a task finished after the application quit")


_running: set[Task] = set()


class RunTask(Protocol):
    """The shape of ``run_task`` without its pool, for who takes a stand-in (tests)."""

    def __call__(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None],
        /,
    ) -> object: ...


def run_task(
    func: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None],
    pool: QThreadPool | None = None,
) -> Task:
    """Run ``func`` in ``pool`` (the global one by default); one callback runs on the GUI."""
    task = Task(func)
    _running.add(task)

    def finished(result: T) -> None:
        _running.discard(task)
        if not task.cancelled:
            on_done(result)

    def failed(error: BaseException) -> None:
        _running.discard(task)
        if not task.cancelled:
            if not _is_expected(error):
                log.error("task failed", exc_info=error)
            on_error(error)

    task.carrier.done.connect(finished)
    task.carrier.failed.connect(failed)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def _is_expected(error: BaseException) -> bool:
    from reader.errors import ReaderError

    return isinstance(error, ReaderError)


def pending() -> int:
    """Tasks started and not yet reported (tests wait for zero)."""
    return len(_running)


def pending_work() -> list[str]:
    """What the tasks not yet reported run, by name: a test that waited for them in vain
    says which (once in a CI run, every later window test waited 30 s for one)."""
    return sorted(getattr(task.work, "__qualname__", repr(task.work)) for task in _running)
