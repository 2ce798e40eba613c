"""The Highlights menu's rows, pressed by their keys in the window of test_window_actions
(three saved articles, the first one open): one visible effect per row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from window_helpers import WAIT_MS, press

from reader.ui.shell.main_window import MainWindow


def selection(window: MainWindow) -> str:
    return window.view.textCursor().selectedText()


def highlighted(qtbot, window: MainWindow) -> int:
    """v then h: one saved highlight; its id."""
    press(qtbot, window, "highlight.select_sentence")
    press(qtbot, window, "highlight.add")
    qtbot.waitUntil(lambda: any(d.id > 0 for d in window.highlighting.layer.drawn), timeout=WAIT_MS)
    return window.highlighting.layer.drawn[0].id


def check_add(qtbot, window, ids, action_id):
    press(qtbot, window, "highlight.select_sentence")
    sentence = selection(window)
    press(qtbot, window, action_id)
    (drawn,) = window.highlighting.layer.drawn
    text = window.view.document().toPlainText()[drawn.start : drawn.end]
    assert text == sentence.replace("\u2029", "\n")


def check_note(qtbot, window, ids, action_id):
    highlighted(qtbot, window)
    press(qtbot, window, action_id)
    dialog = window.dialogs.shown["highlight_note"]
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.reject()


def check_remove(qtbot, window, ids, action_id):
    highlighted(qtbot, window)
    press(qtbot, window, action_id)
    assert window.highlighting.layer.drawn == []


def check_undo(qtbot, window, ids, action_id):
    highlight_id = highlighted(qtbot, window)
    press(qtbot, window, "highlight.remove")
    press(qtbot, window, action_id)
    assert [d.id for d in window.highlighting.layer.drawn] == [highlight_id]


def check_color(qtbot, window, ids, action_id):
    color = action_id.rpartition(".")[2]
    press(qtbot, window, action_id)
    assert window.highlighting.color == color
    assert window.actions_by_id[action_id].isChecked()


def check_select(qtbot, window, ids, action_id):
    press(qtbot, window, "highlight.select_sentence")
    first = selection(window)
    press(qtbot, window, "highlight.select_sentence")
    second = selection(window)
    assert first and second and first != second
    if action_id == "highlight.select_previous":
        press(qtbot, window, action_id)
        assert selection(window) == first


def check_caret(qtbot, window, ids, action_id):
    keyboard = Qt.TextInteractionFlag.TextSelectableByKeyboard
    press(qtbot, window, action_id)
    assert window.view.textInteractionFlags() & keyboard
    press(qtbot, window, action_id)
    assert not window.view.textInteractionFlags() & keyboard


def check_panel(qtbot, window, ids, action_id):
    panel = window.highlighting.panel
    press(qtbot, window, action_id)
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    assert panel.mode == "article"
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=5000)


def check_all(qtbot, window, ids, action_id):
    highlighted(qtbot, window)
    press(qtbot, window, action_id)
    panel = window.highlighting.panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.list.count() == 1, timeout=WAIT_MS)
    assert panel.mode == "all"


def check_copy(qtbot, window, ids, action_id):
    highlighted(qtbot, window)
    QGuiApplication.clipboard().clear()
    press(qtbot, window, action_id)
    qtbot.waitUntil(lambda: "\n> " in QGuiApplication.clipboard().text(), timeout=WAIT_MS)
    assert QGuiApplication.clipboard().text().startswith("---\ntitle: ")


def check_export_dialog(title: str) -> Callable[..., None]:
    def check(qtbot, window, ids, action_id):
        press(qtbot, window, action_id)
        dialog = window.dialogs.shown["file"]
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        assert title in dialog.windowTitle()
        dialog.reject()

    return check


HIGHLIGHT_EFFECTS: dict[str, Callable[..., None]] = {
    "highlight.add": check_add,
    "highlight.note": check_note,
    "highlight.remove": check_remove,
    "highlight.undo": check_undo,
    "highlight.yellow": check_color,
    "highlight.green": check_color,
    "highlight.blue": check_color,
    "highlight.pink": check_color,
    "highlight.select_sentence": check_select,
    "highlight.select_previous": check_select,
    "highlight.caret": check_caret,
    "highlight.panel": check_panel,
    "highlight.all": check_all,
    "highlight.copy": check_copy,
    "highlight.export": check_export_dialog("Export highlights"),
    "highlight.export_all": check_export_dialog("to a folder"),
    "highlight.export_json": check_export_dialog("as JSON"),
}
