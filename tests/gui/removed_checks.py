"""The Article menu's "Show what was removed" rows (x, r, d), pressed by their keys in the
window of test_window_actions (three saved articles of news.example.org, the first one
open): one visible effect per row. Also the keyboard steps test_removed_blocks shares."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from window_helpers import WAIT_MS, press, wait_idle

from reader.paths import data_dir
from reader.ui.shell.main_window import MainWindow


def show_removed(qtbot, window: MainWindow) -> None:
    press(qtbot, window, "article.show_removed")
    qtbot.waitUntil(lambda: window.removed_blocks.showing, timeout=WAIT_MS)


def find_words(qtbot, window: MainWindow, words: str) -> None:
    """Ctrl+F, the words, Enter, Esc: the caret rests on them (keyboard only)."""
    window.view.setFocus()
    QTest.keySequence(window.view, QKeySequence("Ctrl+F"))
    field = window.find_bar.field
    qtbot.waitUntil(field.hasFocus, timeout=5000)
    QTest.keyClicks(field, words)
    QTest.keyClick(field, Qt.Key.Key_Return)
    QTest.keyClick(field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view, timeout=5000)


def fixed(qtbot, window: MainWindow, action_id: str) -> str:
    """Press the fix's key; say no to extracting the site again. The status line."""
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: "reextract_site" in window.dialogs.shown, timeout=WAIT_MS)
    offer = window.dialogs.shown["reextract_site"]
    qtbot.waitUntil(offer.isVisible, timeout=5000)
    QTest.keyClick(offer, Qt.Key.Key_Escape)
    wait_idle(qtbot, window)
    return window.statusBar().currentMessage()


def check_show_removed(qtbot, window, ids, action_id):
    show_removed(qtbot, window)
    text = window.view.document().toPlainText()
    assert "Removed recommended list: outside the story readability chose" in text
    assert "How the old lighthouse was saved" in text
    assert window.actions_by_id[action_id].isChecked()
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: not window.removed_blocks.showing, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert "How the old lighthouse was saved" not in window.view.document().toPlainText()


def check_fix(words: str, written: str) -> Callable[..., None]:
    """x, the cursor on ``words`` (by find), the fix's key: the rule ``written`` is kept."""

    def check(qtbot, window, ids, action_id) -> None:
        show_removed(qtbot, window)
        find_words(qtbot, window, words)
        status = fixed(qtbot, window, action_id)
        assert "Kept for news.example.org" in status
        assert written in rules_text()

    return check


def rules_text() -> str:
    return (data_dir() / "site-rules" / "news.example.org.txt").read_text(encoding="utf-8")


REMOVED_EFFECTS: dict[str, Callable[..., None]] = {
    "article.show_removed": check_show_removed,
    "article.restore_block": check_fix(
        "How the old lighthouse", "body: //article | //aside[@class='recommended']"
    ),
    "article.remove_block": check_fix("Needle number 7.", "strip: //article/p[8]"),
}
