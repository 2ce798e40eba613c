"""Re-extracting saved articles from the window, in the background (issue 18).

File ▸ Re-extract This Site's Articles (the site of the article on screen) and
File ▸ Re-extract the Whole Library run reader.service.reextract in a child process
(reader.service.child_process: its extraction and its writes hold a GIL of their own, so
the window is not stalled), with its own library connection, exactly as ``reader
reextract`` does in a terminal; the window only hears one event per article (progress
in the status bar) and the summary at the end. The library watch rests while
it runs and reloads the list once at the end: reloading the list and For you every
second of a long run is what stalled the window (tests/benchmarks/reextract_window.py).
The article on screen is shown again when its text changed. Quitting stops the run: what
was done is kept, the rest keeps its old text.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal

from reader.ui.actions.registry import handles
from reader.ui.actions.table import FILE_REEXTRACT_ALL, FILE_REEXTRACT_SITE, FILE_SITE_RULES
from reader.ui.shell.status_line import STATUS_TIMEOUT_MS

if TYPE_CHECKING:
    from reader.service.reading import Document
    from reader.service.reextract import ReextractEvent, ReextractSummary
    from reader.ui.presenter.document import CurrentDocument
    from reader.ui.presenter.library_watch import LibraryWatch
    from reader.ui.presenter.tasks import Task
    from reader.ui.shell.dialog_host import DialogHost
    from reader.ui.shell.messages import MessageBar
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.status_line import StatusLine

STOP_WAIT_MS = 10000  # at quit: the articles being extracted finish, the rest waits
REPORT_MS = 2 * STATUS_TIMEOUT_MS  # a run's summary stays long enough to be read


class _Events(QObject):
    """Carries the worker's per-article events to the GUI thread."""

    heard = Signal(object)  # reader.service.reextract.ReextractEvent


class Reextracting:
    """The menu's re-extract commands and the Site Rules dialog that offers them."""

    def __init__(
        self,
        *,
        library_path: Path | None,
        watch: LibraryWatch,
        current: CurrentDocument,
        opening: Opening,
        dialogs: DialogHost,
        status: StatusLine,
        messages: MessageBar,
    ) -> None:
        self.library_path = library_path  # None: the default library
        self.watch = watch
        self.current, self.opening, self.dialogs = current, opening, dialogs
        self.status, self.messages = status, messages
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(1)
        self.cancel = threading.Event()
        self.task: Task | None = None
        self.what = ""
        self.changed: set[int] = set()
        self.last: ReextractSummary | None = None  # tests and the benchmark read it
        self.events = _Events()
        self.events.heard.connect(self._heard)

    def running(self) -> bool:
        return self.task is not None

    @handles(FILE_REEXTRACT_SITE)
    def reextract_site(self) -> None:
        from reader.service.site_rules import host_of

        article = self.current.article
        host = None if article is None else host_of(article.url or article.source)
        if host is None:
            self.status.show("This article has no site to re-extract", STATUS_TIMEOUT_MS)
            return
        self.start(host)

    @handles(FILE_REEXTRACT_ALL)
    def reextract_all(self) -> None:
        self.start(None)

    @handles(FILE_SITE_RULES)
    def site_rules(self) -> None:
        from reader.service.site_rules import host_of
        from reader.ui.dialogs.rules_editor import RulesEditor

        article = self.current.article
        host = None if article is None else host_of(article.url or article.source)
        dialog = RulesEditor(self.dialogs.window, current_host=host, reextract=self.start)
        self.dialogs.open("site_rules", dialog)

    def start(self, host: str | None) -> None:
        """Re-extract the articles of ``host`` (None: all) in the background."""
        if self.task is not None:
            self.status.show(f"Already re-extracting {self.what}", STATUS_TIMEOUT_MS)
            return
        from functools import partial

        from reader.service.child_process import run_in_child
        from reader.service.reextract import reextract_saved
        from reader.ui.presenter.tasks import run_task

        self.cancel = threading.Event()
        self.changed = set()
        self.what = "the whole library" if host is None else f"the articles of {host}"
        cancel, emit, path = self.cancel, self.events.heard.emit, self.library_path

        def work() -> ReextractSummary:
            run = partial(reextract_saved, path, host)
            return run_in_child(run, progress=emit, cancel=cancel, name="reader-reextract")

        self.status.begin(f"Re-extracting {self.what}…")
        self.watch.stop()
        self.task = run_task(work, self._done, self._failed, pool=self.pool)

    def stop(self) -> None:
        """The window closes: the run stops after the articles in hand."""
        self.cancel.set()
        if self.task is not None:
            self.task.cancel()
            self.pool.waitForDone(STOP_WAIT_MS)

    def _heard(self, event: ReextractEvent) -> None:
        if event.outcome == "reextracted":
            self.changed.add(event.article_id)
        self.status.advance(event.done, event.total)
        self.status.show(f"Re-extracting {self.what}: {event.done} of {event.total}")

    def _done(self, summary: ReextractSummary) -> None:
        self.task, self.last = None, summary
        self.watch.start()  # sees the run's commits: the list reloads once
        self.status.end()
        text = f"Re-extracted {self.what}: {summary.line()}."
        if summary.failures:
            text += " `reader reextract -v` lists the failures."
        self.status.show(text, REPORT_MS)
        article_id = self.current.article_id
        if article_id in self.changed and not self.opening.is_busy():
            self._show_again(article_id, text)

    def _show_again(self, article_id: int, report: str) -> None:
        """The article on screen has a new text: show it, then the report again (opening
        an article clears the status bar)."""

        def shown(document: Document) -> None:
            self.current.opened.disconnect(shown)
            if document.article_id == article_id:
                self.status.show(report, REPORT_MS)

        self.current.opened.connect(shown)
        self.opening.open_article(article_id)

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.watch.start()
        self.status.end()
        self.messages.show_error(f"Not re-extracted: {error}")
