"""Opening: files, web addresses (with progress, Esc and logins) and saved articles.

Every open is one worker task: the application layer loads, extracts (a big page in a child
process: reader.service.read_child) and keeps the article (its library writes go to the
library service's writer thread), then the article is prepared for the view, still in the
worker; the GUI thread only lays it out and tells the current document. The newest
request wins; a failure keeps the article on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from reader.ui.shell.status_line import STATUS_TIMEOUT_MS

if TYPE_CHECKING:
    import threading

    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QWidget

    from reader.errors import LoginRequired
    from reader.service.reading import Document
    from reader.store import ArticleRow
    from reader.ui.dialogs.login_dialog import LoginAnswer
    from reader.ui.presenter.document import CurrentDocument
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.presenter.tasks import Relay, Task
    from reader.ui.reading.prepare import Prepared
    from reader.ui.reading.progress import ReadingProgress
    from reader.ui.reading.reading_view import ReadingView
    from reader.ui.shell.dialog_host import DialogHost
    from reader.ui.shell.messages import MessageBar
    from reader.ui.shell.startup import EarlyOpen
    from reader.ui.shell.status_line import StatusLine

log = logging.getLogger(__name__)
T = TypeVar("T")

# A "preparing…" page is shown first for articles this long, then they are laid out.
LONG_ARTICLE_WORDS = 100_000
PREPARING_DELAY_MS = 30  # long enough for the notice to reach the screen
EMPTY_NOTICE = "Open a saved page with Ctrl+O, or drop one on this window."


class Opening(QObject):
    """Starts opens, shows what they bring, and keeps the busy state of the window."""

    #: an article was added to the library in the background (lists and counts follow)
    library_changed = Signal()

    def __init__(
        self,
        *,
        view: ReadingView,
        reading_progress: ReadingProgress,
        current: CurrentDocument,
        library: LibraryService,
        status: StatusLine,
        messages: MessageBar,
        dialogs: DialogHost,
        relay: Relay,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.reading_progress = reading_progress
        self.current = current
        self.library = library
        self.status = status
        self.messages = messages
        self.dialogs = dialogs
        self._task: Task | None = None
        self._cancel: threading.Event | None = None
        self._background: list[Task] = []
        self._relay = relay
        self._marks: tuple[str, ...] = ()  # the header's marks of the article shown
        self._marks_task: Task | None = None  # the header laid out again (star, tags...)
        self._stopped = False  # the window closed: nothing more is laid out
        # made way for, shown in the next turn (_show), the window's paint held till then
        self._showing: tuple[Prepared, QTextDocument] | None = None
        self._paint_held = False
        relay.fetch_progress.connect(self.fetch_progress)
        current.changed.connect(self._refresh_marks)

    # -- starting --------------------------------------------------------------------------
    def start(self, sources: list[str], early: EarlyOpen | None = None) -> None:
        """Called once the window is built: open the sources, or the last article. The
        first may be on its way already (``early``, started with the process)."""
        if early is not None and early.task is not None:
            self._task, self._cancel = early.task, early.cancel
            if early.source is None:
                self.status.begin("Opening your library…")
                early.hand_over(self._start_done, self._start_failed)
            else:
                source = early.source
                self.status.begin(f"Opening {Path(source).name or source}…")
                early.hand_over(self._early_done, lambda error: self._open_failed(source, error))
            for source in sources[1:]:
                self._import_in_background(source)
            return
        if sources:
            self.open_sources(sources)
            return
        from reader.service import reading
        from reader.ui.presenter.tasks import run_task
        from reader.ui.reading.prepare import marks_of, prepare

        self.status.begin("Opening your library…")
        width, stop = self.view.image_width(), self._new_cancel()
        writes = self.library.writes

        def work() -> Prepared | None:
            document = reading.open_start(writes)
            if document is None:
                return None
            return prepare(document, width, stop.is_set, marks_of(document, writes))

        self._task = run_task(work, self._start_done, self._start_failed)

    def _early_done(self, prepared: Prepared | None) -> None:
        assert prepared is not None  # a source always gives an article, or fails
        self.show_opened(prepared)

    def _start_done(self, prepared: Prepared | None) -> None:
        self._task = None
        self.status.end()
        if prepared is None:
            self.view.show_notice(EMPTY_NOTICE)
            return
        self.show_opened(prepared)

    def _start_failed(self, error: BaseException) -> None:
        from reader.ui.shell.messages import describe_error

        self._task = None
        self.status.end()
        self.messages.show_error(describe_error("your library", error))
        self.view.show_notice(EMPTY_NOTICE)

    # -- opening ---------------------------------------------------------------------------
    def open_sources(self, sources: list[str]) -> None:
        """Show the first source; the others are read into the library in the background."""
        if not sources:
            return
        from reader.urls import without_login

        self.open_source(sources[0])
        for source in sources[1:]:
            self._import_in_background(without_login(source)[0])

    def open_source(self, source: str, login: LoginAnswer | None = None) -> None:
        """Open a file or a URL. URLs are fetched here, with progress, Esc and logins."""
        from reader.service import reading
        from reader.service.read_child import read_apart
        from reader.ui.presenter.tasks import run_task
        from reader.ui.reading.prepare import marks_of, prepare
        from reader.urls import is_url, without_login

        # A login written into the address is never kept, shown or sent (reader.urls).
        source, login_host = without_login(source)
        self.cancel_loading(quiet=True)  # the newest request wins
        fetch: reading.FetchOptions | None = None
        cancel = self._new_cancel()
        if is_url(source):
            relay_progress = self._relay_progress()
            fetch = reading.FetchOptions(cancel=cancel, progress=relay_progress)
            if login is not None:
                from reader.ui.dialogs.login_dialog import credentials_from

                fetch.credentials = credentials_from(login)
                fetch.allow_http_login = login.allow_http
            left_out = " (the login written into the address was left out)" if login_host else ""
            self.status.begin(f"Fetching {_host(source)}…{left_out} (Esc to stop)")
        else:
            self.status.begin(f"Opening {Path(source).name or source}…")
        writes, width = self.library.writes, self.view.image_width()

        def work() -> Prepared:
            document = reading.open_source(source, writes, fetch=fetch, read=read_apart)
            return prepare(document, width, cancel.is_set, marks_of(document, writes))

        self._task = run_task(
            work, self.show_opened, lambda error: self._open_failed(source, error)
        )

    def _relay_progress(self) -> Callable[[int, int | None], None]:
        relay = self._relay
        return lambda done, total: relay.fetch_progress.emit(done, total)

    def open_article(self, article_id: int) -> None:
        from reader.service import reading
        from reader.ui.presenter.tasks import run_task
        from reader.ui.reading.prepare import marks_of, prepare

        self.cancel_loading(quiet=True)
        self.status.begin("Opening from your library…")
        writes, width = self.library.writes, self.view.image_width()
        stop = self._new_cancel()

        def work() -> Prepared:
            document = writes(lambda library: reading.open_stored(library, article_id))
            return prepare(document, width, stop.is_set, marks_of(document, writes))

        self._task = run_task(
            work, self.show_opened, lambda error: self._open_failed("the saved article", error)
        )

    def _new_cancel(self) -> threading.Event:
        """Esc or the next open sets it: the fetch stops and image decoding ends early."""
        import threading

        self._cancel = threading.Event()
        return self._cancel

    def cancel_loading(self, quiet: bool = False) -> bool:
        """Esc while fetching: stop the download and keep the article on screen."""
        if self._task is None:
            return False
        self._task.cancel()
        self._task = None
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None
        self.status.end()
        if not quiet:
            self.status.show("Stopped loading", STATUS_TIMEOUT_MS)
        return True

    def stop_all(self) -> None:
        """The window closes: nothing started here reports back any more."""
        self._stopped = True
        self.cancel_loading(quiet=True)
        for task in (*self._background, self._marks_task):
            if task is not None:
                task.cancel()

    def is_busy(self) -> bool:
        return (
            self._task is not None
            or bool(self._background)
            or self.view.is_parsing()
            or self._showing is not None
            or self.current.announcing()
        )

    def background_task(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Work that does not replace the article (imports, keeping a login); counts as busy."""
        from reader.ui.presenter.tasks import run_task

        def finished(result: T) -> None:
            self._background.remove(task)
            done(result)

        def broke(error: BaseException) -> None:
            self._background.remove(task)
            failed(error)

        task = run_task(work, finished, broke)
        self._background.append(task)

    def _import_in_background(self, source: str) -> None:
        from reader.service import reading
        from reader.service.read_child import read_apart
        from reader.ui.shell.messages import describe_error

        def done(_document: Document) -> None:
            self.status.show(f"Saved {Path(source).name} to the library", 4000)
            self.library_changed.emit()

        def failed(error: BaseException) -> None:
            self.messages.show_error(describe_error(source, error))

        writes = self.library.writes
        self.background_task(
            lambda: reading.open_source(source, writes, read=read_apart), done, failed
        )

    def _open_failed(self, source: str, error: BaseException) -> None:
        """The previous article stays; the reason shows above it and in the status bar."""
        from reader.errors import FetchCancelled, LoginRequired
        from reader.ui.shell.messages import describe_error

        self._task = None
        self._cancel = None
        self.status.end()
        if isinstance(error, FetchCancelled):
            self.status.show("Stopped loading", STATUS_TIMEOUT_MS)
            return
        if isinstance(error, LoginRequired):
            self._ask_login(source, error)
            return
        self.messages.show_error(describe_error(source, error))  # once: not in the status bar

    def _ask_login(self, url: str, error: LoginRequired) -> None:
        """401/407: ask, keep the login if asked to (off the GUI thread), fetch again."""
        from reader.ui.dialogs.login_dialog import ask_after, store_answer
        from reader.ui.presenter.tasks import run_task
        from reader.ui.shell.messages import describe_error

        answer = ask_after(error, url, self.dialogs.window)
        if answer is None:
            self.status.show(f"No login given for {error.host}", STATUS_TIMEOUT_MS)
            return

        def stored(_row: object) -> None:
            self.open_source(url, login=answer)

        def not_stored(problem: BaseException) -> None:
            self.messages.show_error(describe_error(url, problem))
            self.open_source(url, login=answer)  # still good for this fetch

        if answer.remember:
            self.background_task(lambda: store_answer(answer), stored, not_stored)
        else:
            run_task(lambda: None, stored, not_stored)

    def fetch_progress(self, done: int, total: object) -> None:
        if self._cancel is None:
            return
        if isinstance(total, int) and total > 0:
            self.status.advance(done, total)
        self.status.show(f"Fetching… {done // 1024:,} KB (Esc to stop)")

    # -- showing ---------------------------------------------------------------------------
    def show_opened(self, prepared: Prepared) -> None:
        self._task = None
        self._cancel = None
        document = prepared.document
        if document.words > LONG_ARTICLE_WORDS:
            self.save_position()
            self.view.show_notice(
                f"Preparing “{document.article.title}” ({document.words:,} words)…"
            )
            self.status.set_length("Preparing a long article…")
            QTimer.singleShot(PREPARING_DELAY_MS, lambda: self.display(prepared))
            return
        self.display(prepared)

    def display(self, prepared: Prepared) -> None:
        """Parse the prepared article (a long one over several event-loop turns), then put
        it on screen and tell the current document."""
        self.status.end()
        self.view.parse(
            prepared.html,
            prepared.chunks,
            prepared.images,
            lambda parsed: self._show(prepared, parsed),
        )

    def _show(self, prepared: Prepared, parsed: QTextDocument) -> None:
        """Two turns: here the page makes way, the sidebar and the title take the article
        (settling the view's width) and Qt makes the document's layout at that width; the
        next turn shows it. The window does not paint in between: what a person sees goes
        from the last article straight to this one, as in one turn."""
        self.save_position()
        window = self.view.window()
        if self._showing is None and window.updatesEnabled():  # (start-up may hold it)
            window.setUpdatesEnabled(False)
            self._paint_held = True
        self.reading_progress.start_article(0)  # no "end reached" while the page changes
        self.view.make_way()
        self.current.arrive(prepared.document)  # the sidebar settles the view's width first
        self.view.ready_layout(parsed)
        self._showing = showing = (prepared, parsed)
        QTimer.singleShot(0, self, lambda: self._put_on_screen(showing, window))

    def _put_on_screen(self, showing: tuple[Prepared, QTextDocument], window: QWidget) -> None:
        if showing is not self._showing:
            return  # a newer article made way meanwhile: it is the one shown next
        self._showing = None
        prepared, parsed = showing
        if not self._stopped:
            self._put(prepared, parsed)
        if self._paint_held:
            self._paint_held = False
            window.setUpdatesEnabled(True)

    def _put(self, prepared: Prepared, parsed: QTextDocument) -> None:
        document = prepared.document
        article = document.article
        view = self.view
        self._marks = prepared.marks
        view.show_document(parsed, prepared.html, prepared.images)
        view.verticalScrollBar().setValue(0)
        if document.position:
            view.restore_anchor(document.position)
        self.reading_progress.start_article(article.reading_minutes)
        minutes = max(1, article.reading_minutes)
        self.status.set_length(f"{article.word_count:,} words · {minutes} min read")
        if document.save_error:
            self.messages.show_error(f"Not saved to the library: {document.save_error}")
        else:
            self.messages.hide()
        self.current.open(document)
        view.setFocus()

    def _refresh_marks(self, _changed: Document) -> None:
        """Starred, archived or tagged: the header says so. Read once the change has
        queued its write (a change tells the window first), on the writer thread (after
        that write), then laid out again in a worker; the reader stays where they were."""
        QTimer.singleShot(0, self._reread_marks)

    def _reread_marks(self) -> None:
        from reader.ui.reading.render import article_marks

        document = self.current.document
        if document is None or document.article_id is None:
            return
        article_id = document.article_id

        def read(row: ArticleRow) -> None:
            marks = article_marks(row.starred, row.archived, row.tags)
            if marks != self._marks and self.current.article_id == article_id:
                self._show_marks(document, marks)

        self.library.write(
            lambda library: library.row(article_id),
            read,
            lambda error: log.info("marks not read: %s", error),
        )

    def _show_marks(self, document: Document, marks: tuple[str, ...]) -> None:
        from reader.ui.presenter.tasks import run_task
        from reader.ui.reading.prepare import prepare

        if self._stopped:
            return  # the answer came from the library after the window closed
        width = self.view.image_width()

        def done(prepared: Prepared) -> None:
            self._marks_task = None
            if (
                self._task
                or self.view.is_parsing()
                or self.current.article_id != document.article_id
            ):
                return  # another article is on its way or on screen
            self._marks = prepared.marks
            self.view.parse(
                prepared.html,
                prepared.chunks,
                prepared.images,
                lambda parsed: self.view.show_document_in_place(
                    parsed, prepared.html, prepared.images
                ),
            )

        self._marks_task = run_task(
            lambda: prepare(document, width, marks=marks),
            done,
            lambda error: log.info("marks not shown: %s", error),
        )

    def save_position(self) -> None:
        """Where the reader is in the current article, kept in the library (on its writer
        thread: the window does not wait for it)."""
        article_id = self.current.article_id
        if article_id is None or not self.view.current_html():
            return  # nothing saved on screen, or a notice ("preparing…") rather than it
        anchor = self.view.anchor() or None
        self.library.write(
            lambda library: library.save_position(article_id, anchor),
            failed=lambda error: log.warning("reading position not saved: %s", error),
        )


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or url
