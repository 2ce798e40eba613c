"""Opening: files, web addresses (with progress, Esc and logins) and saved articles.

Every open runs through ``run_task``: the worker loads, extracts and saves; the GUI thread
only shows the result. The newest request wins; a failure keeps the article on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.ui.actions.registry import handles
from reader.ui.actions.table import (
    ARTICLE_ORIGINAL,
    FILE_LOGINS,
    FILE_OPEN,
    FILE_OPEN_URL,
    FILE_PASTE_URL,
)
from reader.ui.shell.controller import Controller

if TYPE_CHECKING:
    import threading

    from PySide6.QtCore import QUrl

    from reader.ui.presenter.tasks import Task
    from reader.ui.reading.prepare import Prepared
    from reader.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

OPEN_FILTERS = (
    "Saved pages (*.html *.htm *.xhtml *.mhtml *.mht *.webarchive *.txt)",
    "HTML pages (*.html *.htm *.xhtml)",
    "Web archives (*.mhtml *.mht *.webarchive)",
    "Text dumps (*.txt)",
    "All files (*)",
)
STATUS_TIMEOUT_MS = 6000
# A "preparing…" page is shown first for articles this long, then they are laid out.
LONG_ARTICLE_WORDS = 100_000
PREPARING_DELAY_MS = 30  # long enough for the notice to reach the screen
EMPTY_NOTICE = "Open a saved page with Ctrl+O, or drop one on this window."


class Opening(Controller):
    """Starts opens, shows what they bring, and keeps the busy state of the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._task: Task | None = None
        self._fetch_cancel: threading.Event | None = None
        self._background: list[Task] = []

    # -- starting --------------------------------------------------------------------------
    def start(self, sources: list[str]) -> None:
        """Called once the window has painted: open the sources, or the last article."""
        if sources:
            self.window.open_sources(sources)
            return
        from reader.ui.presenter.tasks import run_task
        from reader.ui.reading import prepare as jobs

        self._begin("Opening your library…")
        style = self.window.view_actions.view_style()
        self._task = run_task(lambda: jobs.open_start(style), self._start_done, self._start_failed)

    def _start_done(self, prepared: Prepared | None) -> None:
        self._task = None
        self._end()
        if prepared is None:
            self.window.view.show_notice(EMPTY_NOTICE)
            return
        self.show_opened(prepared)

    def _start_failed(self, error: BaseException) -> None:
        from reader.ui.shell.messages import describe_error

        self._task = None
        self._end()
        self.window.message_bar.show_error(describe_error("your library", error))
        self.window.view.show_notice(EMPTY_NOTICE)

    # -- opening ---------------------------------------------------------------------------
    def open_sources(self, sources: list[str]) -> None:
        """Show the first source; the others are read into the library in the background."""
        if not sources:
            return
        self.window.open_source(sources[0])
        for source in sources[1:]:
            self._import_in_background(source)

    def open_source(self, source: str, login: Any = None) -> None:
        """Open a file or a URL. URLs are fetched here, with progress, Esc and logins."""
        import threading

        from reader.service.reading import FetchOptions
        from reader.ui.presenter.tasks import run_task
        from reader.ui.reading import prepare as jobs
        from reader.urls import is_url

        self.cancel_loading(quiet=True)  # the newest request wins
        fetch: FetchOptions | None = None
        if is_url(source):
            cancel = threading.Event()
            self._fetch_cancel = cancel
            relay = self.window.relay
            fetch = FetchOptions(
                cancel=cancel,
                progress=lambda done, total: relay.fetch_progress.emit(done, total),
            )
            if login is not None:
                from reader.ui.dialogs.login_dialog import credentials_from

                fetch.credentials = credentials_from(login)
                fetch.allow_http_login = login.allow_http
            self._begin(f"Fetching {_host(source)}… (Esc to stop)")
        else:
            self._begin(f"Opening {Path(source).name or source}…")
        style = self.window.view_actions.view_style()
        self._task = run_task(
            lambda: jobs.open_source(source, style=style, fetch=fetch),
            self.show_opened,
            lambda error: self._open_failed(source, error),
        )

    def open_article(self, article_id: int) -> None:
        from reader.ui.presenter.tasks import run_task
        from reader.ui.reading import prepare as jobs

        self.cancel_loading(quiet=True)
        self._begin("Opening from your library…")
        style = self.window.view_actions.view_style()
        self._task = run_task(
            lambda: jobs.open_stored(article_id, style),
            self.show_opened,
            lambda error: self._open_failed("the saved article", error),
        )

    def cancel_loading(self, quiet: bool = False) -> bool:
        """Esc while fetching: stop the download and keep the article on screen."""
        if self._task is None:
            return False
        self._task.cancel()
        self._task = None
        if self._fetch_cancel is not None:
            self._fetch_cancel.set()
            self._fetch_cancel = None
        self._end()
        if not quiet:
            self.status("Stopped loading", STATUS_TIMEOUT_MS)
        return True

    def stop_all(self) -> None:
        """The window closes: nothing started here reports back any more."""
        self.cancel_loading(quiet=True)
        for task in self._background:
            task.cancel()

    def is_busy(self) -> bool:
        return self._task is not None or bool(self._background)

    def background_task(
        self,
        work: Callable[[], object],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Work that does not replace the article (imports, keeping a login); counts as busy."""
        from reader.ui.presenter.tasks import run_task

        def finished(result: object) -> None:
            self._background.remove(task)
            done(result)

        def broke(error: BaseException) -> None:
            self._background.remove(task)
            failed(error)

        task = run_task(work, finished, broke)
        self._background.append(task)

    def _import_in_background(self, source: str) -> None:
        from reader.ui.reading import prepare as jobs
        from reader.ui.shell.messages import describe_error

        def done(opened: object) -> None:
            self.status(f"Saved {Path(source).name} to the library", 4000)
            self.reload_library()

        def failed(error: BaseException) -> None:
            self.window.message_bar.show_error(describe_error(source, error))

        self.background_task(lambda: jobs.open_source(source), done, failed)

    def _open_failed(self, source: str, error: BaseException) -> None:
        """The previous article stays; the reason shows above it and in the status bar."""
        from reader.errors import FetchCancelled, LoginRequired
        from reader.ui.shell.messages import describe_error

        self._task = None
        self._fetch_cancel = None
        self._end()
        if isinstance(error, FetchCancelled):
            self.status("Stopped loading", STATUS_TIMEOUT_MS)
            return
        if isinstance(error, LoginRequired):
            self._ask_login(source, error)
            return
        text = describe_error(source, error)
        self.window.message_bar.show_error(text)
        self.status(text, STATUS_TIMEOUT_MS)

    def _ask_login(self, url: str, error: Any) -> None:
        """401/407: ask, keep the login if asked to (off the GUI thread), fetch again."""
        from reader.ui.dialogs.login_dialog import ask_after, store_answer
        from reader.ui.presenter.tasks import run_task
        from reader.ui.shell.messages import describe_error

        answer = ask_after(error, url, self.window)
        if answer is None:
            self.status(f"No login given for {error.host}", STATUS_TIMEOUT_MS)
            return

        def stored(_row: object) -> None:
            self.window.open_source(url, login=answer)

        def not_stored(problem: BaseException) -> None:
            self.window.message_bar.show_error(describe_error(url, problem))
            self.window.open_source(url, login=answer)  # still good for this fetch

        if answer.remember:
            self.background_task(lambda: store_answer(answer), stored, not_stored)
        else:
            run_task(lambda: None, stored, not_stored)

    def fetch_progress(self, done: int, total: object) -> None:
        if self._fetch_cancel is None:
            return
        if isinstance(total, int) and total > 0:
            self.window.progress.setRange(0, total)
            self.window.progress.setValue(min(done, total))
        self.status(f"Fetching… {done // 1024:,} KB (Esc to stop)")

    # -- showing ---------------------------------------------------------------------------
    def show_opened(self, prepared: Prepared) -> None:
        from PySide6.QtCore import QTimer

        self._task = None
        self._fetch_cancel = None
        document = prepared.document
        if document.words > LONG_ARTICLE_WORDS:
            self.save_position()
            self.window.view.show_notice(
                f"Preparing “{document.article.title}” ({document.words:,} words)…"
            )
            self.window.status_text.setText("Preparing a long article…")
            QTimer.singleShot(PREPARING_DELAY_MS, lambda: self.display(prepared))
            return
        self.display(prepared)

    def display(self, prepared: Prepared) -> None:
        from reader.ui.sidebar.story_model import StoryItem

        window = self.window
        self._end()
        self.save_position()
        opened = prepared.document
        article = opened.article
        window.reading_progress.start_article(0)  # no "end reached" while the page changes
        window.article = article
        window.article_id = opened.article_id
        window.source = opened.source
        if prepared.text_document is not None:
            window.view.show_document(prepared.text_document, prepared.html, prepared.images)
        else:
            window.view.show_html(prepared.html, prepared.images)
        window.view.verticalScrollBar().setValue(0)
        if opened.position:
            window.view.restore_anchor(opened.position)
        window.reading_progress.start_article(article.reading_minutes)
        window.sidebar.set_stories(
            list(StoryItem.for_document(opened)), article_id=opened.article_id
        )
        window.setWindowTitle(article.title or "Untitled")
        minutes = max(1, article.reading_minutes)
        window.status_text.setText(f"{article.word_count:,} words · {minutes} min read")
        if opened.save_error:
            window.message_bar.show_error(f"Not saved to the library: {opened.save_error}")
        else:
            window.message_bar.hide()
        if opened.source:
            window.recent.remember(opened.source)
        window.navigation.remember(opened)
        if opened.source is not None:
            self.reload_library()
        if window.library_panel is not None and opened.article_id is not None:
            window.library_panel.select_article(opened.article_id)
        window.view.setFocus()

    def save_position(self) -> None:
        """Where the reader is in the current article, kept in the library."""
        from reader.errors import ReaderError

        window = self.window
        if window.library is None or window.article_id is None:
            return
        if not window.view.current_html():  # a notice ("preparing…") is on screen, not it
            return
        try:
            window.library.save_position(window.article_id, window.view.anchor() or None)
        except ReaderError as error:
            log.warning("reading position not saved: %s", error)

    def _begin(self, text: str) -> None:
        self.window.progress.setRange(0, 0)
        self.window.progress.show()
        self.status(text)

    def _end(self) -> None:
        self.window.progress.hide()
        self.window.statusBar().clearMessage()

    # -- action handlers -------------------------------------------------------------------
    @handles(FILE_OPEN)
    def open_file_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        recent = self.window.settings.recent
        start = str(Path(recent[0]).parent) if recent else ""
        dialog = QFileDialog(self.window, "Open a saved page", start, ";;".join(OPEN_FILTERS))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(self.window.open_sources)
        self.window.file_dialog = dialog
        self.open_dialog(dialog)

    @handles(FILE_OPEN_URL)
    def open_url_dialog(self) -> None:
        from reader.ui.dialogs.open_url_dialog import OpenUrlDialog

        dialog = OpenUrlDialog(self.window)

        def accepted() -> None:
            url = dialog.url()
            if url:
                self.window.open_source(url)

        dialog.accepted.connect(accepted)
        self.window.url_dialog = dialog
        self.open_dialog(dialog)

    @handles(FILE_PASTE_URL)
    def open_clipboard_url(self) -> None:
        from reader.ui.dialogs.open_url_dialog import clipboard_url, parse_url

        url = clipboard_url()
        if url is None:
            from PySide6.QtGui import QGuiApplication

            clipboard = QGuiApplication.clipboard()
            url = parse_url(clipboard.text()) if clipboard is not None else None
        if url is None:
            self.status("The clipboard holds no web address", 3000)
            return
        self.window.open_source(url)

    @handles(FILE_LOGINS)
    def show_site_logins(self) -> None:
        from reader.ui.dialogs.login_dialog import SiteLoginsDialog

        dialog = SiteLoginsDialog(parent=self.window)
        self.window.logins_dialog = dialog
        self.open_dialog(dialog)

    @handles(ARTICLE_ORIGINAL)
    def open_original(self) -> None:
        from PySide6.QtCore import QUrl

        article = self.window.article
        if article is not None and article.url:
            self.open_in_browser(QUrl(article.url))
        else:
            self.status("This article has no web address", 3000)

    # -- links -----------------------------------------------------------------------------
    def link_clicked(self, url: QUrl) -> None:
        """A link in the article opens here (fetched); with Shift, in the browser."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        if url.scheme() not in ("http", "https"):
            return
        if QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.open_in_browser(url)
        else:
            self.window.open_source(url.toString())

    def open_in_browser(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            self.window.open_external(url)
            self.status(f"Opened {url.toString()} in your browser", 3000)

    def show_link_target(self, url: QUrl) -> None:
        if url.isEmpty():
            self.window.statusBar().clearMessage()
        else:
            self.status(url.toString() + "  (Shift+click: in your browser)")


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or url
