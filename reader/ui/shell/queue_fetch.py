"""The fetch queue, run by the window: the pages of imported addresses arrive while the
person reads, with the progress in the status bar.

It starts after an import that queued pages, and when the window opens on a library
whose queue was left unfinished (quit, crash). The runner (reader.service.fetching) runs
in a child process (reader.service.fetch_child, over reader.service.child_process): fetching
and extracting pages holds the GIL, and on a thread of the window's process it stalled the
window. A thread here only waits on the child's pipe; its commits reach the library list
through the library watch, as a terminal's `reader fetch` would. Only one runner fetches
a library at a time: while `reader fetch` runs in a terminal, the window leaves the
queue to it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal

from reader.ui.shell.status_line import STATUS_TIMEOUT_MS

if TYPE_CHECKING:
    from reader.service.fetching import FetchEvent, FetchSummary
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.presenter.tasks import Relay, Task
    from reader.ui.shell.messages import MessageBar
    from reader.ui.shell.status_line import StatusLine

STOP_WAIT_MS = 5000  # at quit: fetches in flight stop at their next read, well within this


class QueueFetch(QObject):
    """``start()`` fetches the queue until it is empty; ``stop()`` at quit. ``ended``: a
    run is over (the queue view reads the queue again)."""

    ended = Signal()

    def __init__(
        self,
        *,
        library: LibraryService,
        library_path: Path | None,
        relay: Relay,
        status: StatusLine,
        messages: MessageBar,
    ) -> None:
        super().__init__()
        self.library, self.library_path = library, library_path
        self.relay, self.status, self.messages = relay, status, messages
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(1)
        self.cancel = threading.Event()
        self.task: Task | None = None
        self.last: FetchSummary | None = None  # tests read what the last run did
        self._start_done = 0  # pages finished before this run, so progress counts from 0
        relay.fetch_event.connect(self._heard)

    def running(self) -> bool:
        return self.task is not None

    def resume(self) -> None:
        """The window opened: carry on with a queue an earlier session left."""
        self.library.read(
            lambda library: library.fetch_counts().waiting,
            lambda waiting: self.start() if waiting else None,
        )

    def start(self) -> None:
        if self.task is not None:
            return  # the running one fetches the new pages too
        from reader.service.fetch_child import fetch_in_child
        from reader.store import Library
        from reader.ui.presenter.tasks import run_task

        self.cancel = threading.Event()
        cancel, relay, path = self.cancel, self.relay, self.library_path

        def work() -> FetchSummary:
            with Library(path) as library:
                counts = library.fetch_counts()
            self._start_done = counts.fetched + counts.failed + counts.login
            return fetch_in_child(path, relay.fetch_event.emit, cancel)

        self.status.show("Fetching the pages of imported articles…")
        self.task = run_task(work, self._done, self._failed, pool=self.pool)

    def stop(self) -> None:
        """The window closes: fetches in flight stop, what was fetched is kept, the rest
        waits for next time."""
        self.cancel.set()
        if self.task is not None:
            self.task.cancel()
            self.pool.waitForDone(STOP_WAIT_MS)

    def _heard(self, event: FetchEvent) -> None:
        counts = event.counts
        done = counts.fetched + counts.failed + counts.login - self._start_done
        total = done + counts.waiting
        self.status.advance(done, total)
        self.status.progress.show()
        self.status.show(f"Fetching imported pages: {done} of {total}")

    def _done(self, summary: FetchSummary) -> None:
        self.task, self.last = None, summary
        self.status.end()
        self.ended.emit()
        if summary.cancelled:
            return
        text = f"Fetched {pages(summary.fetched)}"
        problems = summary.failed + summary.login
        if problems:
            text += f"; {pages(problems)} could not be fetched (File ▸ Imported Pages says why)"
        self.status.show(text + ".", STATUS_TIMEOUT_MS)
        self.resume()  # pages queued again while this run was ending

    def _failed(self, error: BaseException) -> None:
        from reader.service.fetching import FetchBusy

        self.task = None
        self.status.end()
        self.ended.emit()
        if isinstance(error, FetchBusy):  # a terminal's `reader fetch` has the queue
            self.status.show("Another Reader is fetching the imported pages.", STATUS_TIMEOUT_MS)
        else:
            self.messages.show_error(f"Imported pages not fetched: {error}")


def pages(count: int) -> str:
    return f"{count} page{'' if count == 1 else 's'}"
