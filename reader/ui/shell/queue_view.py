"""File ▸ Imported Pages… and File ▸ Site Logins…: the fetch queue page by page, and the
logins that let a "login needed" page through.

The queue view (reader.ui.dialogs.fetch_queue_dialog) is read from the library on a
reader thread and read again as the runner reports pages (at most every REFRESH_MS);
a button in the status bar says how far the queue is and opens the view. Retrying pages
and storing a login both queue pages again and start the runner (reader.ui.shell.
queue_fetch): a login saved in Site Logins queues again the pages of its site that
wanted one, as `reader fetch --retry --host H` does in a terminal.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QToolButton

from reader.ui.actions.registry import handles
from reader.ui.actions.table import FILE_FETCH_QUEUE, FILE_LOGINS
from reader.ui.shell.queue_fetch import pages
from reader.ui.shell.status_line import STATUS_TIMEOUT_MS

if TYPE_CHECKING:
    from reader.service.fetching import FetchEvent
    from reader.store import Library
    from reader.store.fetch_queue import QueueCounts, QueuedFetch
    from reader.ui.dialogs.fetch_queue_dialog import FetchQueueDialog
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.presenter.tasks import Relay
    from reader.ui.shell.dialog_host import DialogHost
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.queue_fetch import QueueFetch
    from reader.ui.shell.status_line import StatusLine

REFRESH_MS = 400  # pages finish many a second: the view is read again at most this often
LISTED_AT_MOST = 5000  # rows in the view (a 10,000-page import lists its first 5,000)

QueueRead = tuple[list["QueuedFetch"], "QueueCounts", float]


class QueueView:
    """See module docstring."""

    def __init__(
        self,
        *,
        library: LibraryService,
        queue_fetch: QueueFetch,
        opening: Opening,
        relay: Relay,
        dialogs: DialogHost,
        status: StatusLine,
    ) -> None:
        self.library, self.queue_fetch, self.opening = library, queue_fetch, opening
        self.dialogs, self.status = dialogs, status
        self.dialog: FetchQueueDialog | None = None
        self.button = QToolButton()
        self.button.setObjectName("fetchQueueButton")
        self.button.setAutoRaise(True)
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.button.setToolTip("Show the imported pages: fetched, waiting, failed")
        self.button.clicked.connect(self.show_queue)
        self.button.hide()
        status.bar.addPermanentWidget(self.button)
        self.refresh_timer = QTimer(status.bar)  # dies with the window
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        relay.fetch_event.connect(self._heard)
        queue_fetch.ended.connect(self.refresh)

    # -- the view --------------------------------------------------------------------------
    @handles(FILE_FETCH_QUEUE)
    def show_queue(self) -> None:
        from reader.ui.dialogs.fetch_queue_dialog import FetchQueueDialog

        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        dialog = self.dialog = FetchQueueDialog(self.dialogs.window)
        dialog.retry_requested.connect(self.retry)
        dialog.login_requested.connect(lambda url: self.show_site_logins(url))
        dialog.open_requested.connect(self.open_article)
        self.dialogs.open("fetch-queue", dialog)
        self.refresh()

    def refresh(self) -> None:
        """Read the queue again, for the view and the status bar's button."""
        import shiboken6

        from reader.store.fetch_queue import STATES

        if not shiboken6.isValid(self.button):
            return  # the window is gone (a run that ended as it closed)

        def work(library: Library) -> QueueRead:
            return library.fetch_listed(STATES, LISTED_AT_MOST), library.fetch_counts(), time.time()

        self.library.read(work, self._show, owner=self.button)  # gone with the window

    def _show(self, read: QueueRead) -> None:
        entries, counts, now = read
        self._show_button(counts)
        if self.dialog is not None:
            self.dialog.show_queue(entries, counts, now)

    def _show_button(self, counts: QueueCounts) -> None:
        problems = counts.failed + counts.login
        if counts.waiting:
            text = f"Imported pages: {counts.waiting} to fetch"
        elif problems:
            text = f"{problems} imported page{'s' if problems != 1 else ''} not fetched"
        else:
            self.button.hide()
            return
        self.button.setText(text)
        self.button.setAccessibleName(text)
        self.button.show()

    def _heard(self, _event: FetchEvent) -> None:
        if not self.refresh_timer.isActive():
            self.refresh_timer.start()

    # -- acting ----------------------------------------------------------------------------
    def retry(self, article_ids: list[int]) -> None:
        def queued(count: int) -> None:
            self.status.show(f"Trying {pages(count)} again.", STATUS_TIMEOUT_MS)
            self._fetch_again(count)

        self.library.write(
            lambda library: library.fetch_requeue_articles(article_ids), queued, owner=self.button
        )

    def login_saved(self, host: str) -> None:
        """A login for ``host`` was stored: its pages that wanted one are fetched again."""
        from reader.logins import SiteLogin
        from reader.service.fetching import requeue_for_login

        login = SiteLogin(host=host)

        def queued(count: int) -> None:
            if count:
                text = f"Fetching {pages(count)} of {host} again with the new login."
                self.status.show(text, STATUS_TIMEOUT_MS)
            self._fetch_again(count)

        self.library.write(
            lambda library: requeue_for_login(library, login.matches), queued, owner=self.button
        )

    def _fetch_again(self, count: int) -> None:
        if count:
            self.queue_fetch.start()
        self.refresh()

    def open_article(self, article_id: int) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self.opening.open_article(article_id)

    def article_opened(self, document: object) -> None:
        """An imported address opened before its page came (an empty article): the status
        bar says where its page stands, and the queue's button is one click away."""
        from reader.service.reading import Document

        if not isinstance(document, Document) or document.article_id is None:
            return
        if document.article.text.strip():
            return
        article_id = document.article_id
        self.library.read(
            lambda library: library.fetch_state(article_id),
            self._say_where_it_stands,
            owner=self.button,
        )

    def _say_where_it_stands(self, item: QueuedFetch | None) -> None:
        if item is None or item.state == "fetched":
            return
        self.status.show(placeholder_text(item), STATUS_TIMEOUT_MS * 2)
        self.refresh()  # the button shows (it opens File ▸ Imported Pages)

    # -- site logins -----------------------------------------------------------------------
    @handles(FILE_LOGINS)
    def show_site_logins(self, url: str = "") -> None:
        """The Site Logins dialog; with ``url`` (a page that wants a login), its Add
        dialog opens at once on that page's site."""
        from reader.store.fetch_queue import host_of
        from reader.ui.dialogs.login_dialog import SiteLoginsDialog

        host = host_of(url) if url else ""
        dialog = SiteLoginsDialog(parent=self.dialogs.window, suggested_host=host)
        dialog.login_saved.connect(self.login_saved)
        self.dialogs.open("logins", dialog)
        if host:
            QTimer.singleShot(0, dialog.add_login)


def placeholder_text(item: QueuedFetch) -> str:
    """What the status bar says of an article whose page has not come."""
    if item.state == "login":
        return (
            f"Not fetched: {item.reason}. Add a login for its site (File ▸ Imported Pages or"
            " Site Logins): its pages are fetched again."
        )
    if item.state == "failed":
        return f"Not fetched: {item.reason}. File ▸ Imported Pages can try it again."
    return "This article's page is in the fetch queue: its text comes when it is fetched."
