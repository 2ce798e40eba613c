"""File ▸ Imported Pages…: each imported page's state in the window (fetched, waiting,
failed with the reason, login needed), retrying failed pages, and the "login needed" →
Site Logins flow: a login saved for the site queues its pages again and they arrive,
against a real HTTP server on 127.0.0.1 and the real keyring (tests/run starts one)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolButton
from window_helpers import WAIT_MS, stored, wait_idle, wait_tasks

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from queue_server import LOGIN, pocket_csv, serving

from reader import logins
from reader.service.importing import import_sources
from reader.store import Library
from reader.ui.dialogs.fetch_queue_dialog import FetchQueueDialog, counts_text, status_text
from reader.ui.dialogs.login_dialog import AddLoginDialog, SiteLoginsDialog
from reader.ui.shell.main_window import MainWindow


def rows(dialog: FetchQueueDialog) -> list[tuple[str, str, str, str]]:
    tree = dialog.tree
    return [
        tuple(tree.topLevelItem(row).text(column) for column in range(4))  # type: ignore[misc]
        for row in range(tree.topLevelItemCount())
    ]


def row_of(dialog: FetchQueueDialog, path: str) -> int:
    return next(n for n, row in enumerate(rows(dialog)) if row[3].endswith(path))


@pytest.fixture
def served_window(qtbot, tmp_path):
    """A library holding an import of four addresses (`reader import --no-fetch`): one
    that fetches, one gone (404) and two behind a login; then the window opens and fetches
    them."""
    with serving() as server:
        urls = [server.url(path) for path in ("/a/1", "/gone/2", "/login/3", "/login/4")]
        export = tmp_path / "pocket.csv"
        export.write_text(pocket_csv(urls), encoding="utf-8")
        with Library() as library:
            assert import_sources([str(export)], library, workers=1).queued == 4
        window = MainWindow()
        qtbot.addWidget(window)
        window.resize(1000, 700)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.queue_fetch.last is not None, timeout=WAIT_MS)
        wait_tasks(qtbot)
        try:
            yield window, server
        finally:
            window.queue_fetch.stop()
            wait_tasks(qtbot)
            logins.remove_login("127.0.0.1")


def open_queue_view(qtbot, window: MainWindow) -> FetchQueueDialog:
    window.actions_by_id["file.fetch_queue"].trigger()  # File ▸ Imported Pages…
    dialog = window.dialogs.shown["fetch-queue"]
    assert isinstance(dialog, FetchQueueDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.tree.topLevelItemCount() == 4)
    return dialog


def test_each_imported_page_says_where_it_stands(qtbot, served_window):
    window, _server = served_window
    button = window.statusBar().findChild(QToolButton, "fetchQueueButton")
    qtbot.waitUntil(lambda: button.isVisible(), timeout=WAIT_MS)
    assert button.text() == "3 imported pages not fetched"
    message = window.statusBar().currentMessage()
    assert "3 pages could not be fetched (File ▸ Imported Pages says why)" in message

    button.click()  # the status bar's button opens the same view as the menu
    dialog = window.dialogs.shown["fetch-queue"]
    assert isinstance(dialog, FetchQueueDialog)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 4, timeout=WAIT_MS)
    assert dialog.counts_label.text() == ("4 imported pages: 1 fetched, 1 failed, 2 need a login.")
    states = [row[0] for row in rows(dialog)]
    assert states == ["Login needed", "Login needed", "Failed", "Fetched"]  # problems first
    gone = rows(dialog)[row_of(dialog, "/gone/2")]
    assert "404" in gone[2] and gone[1] == "Saved 1"
    assert "asks for a login (401)" in rows(dialog)[row_of(dialog, "/login/3")][2]

    dialog.filter.setCurrentIndex(1)  # only what needs the person
    assert [row[0] for row in rows(dialog)] == ["Login needed", "Login needed", "Failed"]
    dialog.filter.setCurrentIndex(3)
    assert [row[3][-4:] for row in rows(dialog)] == ["/a/1"]
    dialog.filter.setCurrentIndex(0)

    # The keyboard: the list has the focus, arrows move, the buttons follow the row.
    dialog.activateWindow()
    dialog.tree.setFocus()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    assert dialog.login_button.isEnabled() and "127.0.0.1" in dialog.login_button.text()
    assert dialog.retry_button.isEnabled()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_End)
    assert dialog.tree.currentItem().text(0) == "Fetched"
    assert not dialog.login_button.isEnabled() and not dialog.retry_button.isEnabled()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)  # opens the fetched page's article
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert window.current.article is not None and window.current.article.title == "Article 1"


def test_retry_fetches_a_failed_page_again(qtbot, served_window):
    window, server = served_window
    dialog = open_queue_view(qtbot, window)
    asked = server.count("/gone/2")
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(row_of(dialog, "/gone/2")))
    assert dialog.retry_button.isEnabled() and dialog.retry_all_button.isEnabled()
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: server.count("/gone/2") == asked + 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.queue_fetch.task is None, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: "1 failed" in dialog.counts_label.text(), timeout=WAIT_MS)
    assert server.count("/login/3") == 1  # only what was chosen was asked for again


def test_a_login_saved_for_the_site_fetches_its_pages(qtbot, served_window):
    window, server = served_window
    dialog = open_queue_view(qtbot, window)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(row_of(dialog, "/login/3")))
    assert "127.0.0.1 asks for a login" in dialog.hint.text()
    typed: list[str] = []

    def fill_add_login() -> None:
        """The Add dialog, modal over Site Logins: type the login the server wants."""
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, AddLoginDialog):
            QTimer.singleShot(50, fill_add_login)
            return
        typed.append(modal.host.text())
        modal.username.setText(LOGIN[0])
        modal.secret.setText(LOGIN[1])
        modal.allow_http.setChecked(True)  # the test server speaks plain HTTP
        modal.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(50, fill_add_login)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(typed), timeout=WAIT_MS)
    assert typed == ["127.0.0.1"]  # the Add dialog came with the page's site
    site_logins = window.dialogs.shown["logins"]
    assert isinstance(site_logins, SiteLoginsDialog)
    qtbot.waitUntil(lambda: site_logins.hosts() == ["127.0.0.1"], timeout=WAIT_MS)

    # Saving the login queued the site's two pages again: they arrive with their text.
    qtbot.waitUntil(lambda: server.count("/login/4") >= 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: stored(window).fetch_counts().fetched == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.queue_fetch.task is None, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    library = stored(window)
    counts = library.fetch_counts()
    assert (counts.fetched, counts.login, counts.failed) == (3, 0, 1)
    texts = [library.article(row.id).article.text for row in library.articles()]
    assert sum("Entry 3 part" in text or "Entry 4 part" in text for text in texts) == 2
    assert server.count("/gone/2") == 1  # the failed page was not asked for again
    qtbot.waitUntil(
        lambda: dialog.counts_label.text() == "4 imported pages: 3 fetched, 1 failed.",
        timeout=WAIT_MS,
    )
    site_logins.reject()


def test_a_login_added_from_the_file_menu_requeues_only_its_sites_pages(qtbot, served_window):
    window, server = served_window
    window.actions_by_id["file.logins"].trigger()
    site_logins = window.dialogs.shown["logins"]
    assert isinstance(site_logins, SiteLoginsDialog)
    site_logins.login_saved.emit("elsewhere.example")  # another site's login: nothing moves
    wait_idle(qtbot, window)
    assert stored(window).fetch_counts().login == 2
    site_logins.login_saved.emit("127.0.0.1")  # as saving one does (the keyring is above)
    qtbot.waitUntil(lambda: server.count("/login/3") == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.queue_fetch.task is None, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    # Without a stored login the site still says no: the pages wait for one again.
    assert stored(window).fetch_counts().login == 2
    site_logins.reject()


def test_status_texts_and_counts_read_as_sentences():
    from reader.store.fetch_queue import QueueCounts, QueuedFetch

    later = QueuedFetch(1, "https://a.example/x", "a.example", "queued", 1, 4e9, "503")
    assert status_text(later, now=1e9).startswith("Waiting (try 2 at ")
    assert status_text(later, now=5e9) == "Waiting"
    assert counts_text(QueueCounts()) == "No imported page waits for its text: nothing was queued."
    assert counts_text(QueueCounts(queued=2, fetching=1, fetched=1, login=1)) == (
        "5 imported pages: 1 fetched, 3 waiting, 1 needs a login."
    )


def test_an_unfetched_article_says_why_its_text_is_missing(qtbot, served_window):
    window, server = served_window
    library = stored(window)
    by_url = {row.url: row.id for row in library.articles()}
    window.opening.open_article(by_url[server.url("/login/3")])
    wait_idle(qtbot, window)
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Not fetched: "), timeout=WAIT_MS
    )
    message = window.statusBar().currentMessage()
    assert "127.0.0.1 asks for a login (401). Add a login for its site" in message
    window.opening.open_article(by_url[server.url("/gone/2")])
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: "404" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    assert window.statusBar().currentMessage().endswith("File ▸ Imported Pages can try it again.")
    window.opening.open_article(by_url[server.url("/a/1")])  # it came: nothing to say
    wait_idle(qtbot, window)
    assert not window.statusBar().currentMessage().startswith("Not fetched")
