"""Small helpers shared by the window tests (the fixture itself is in conftest.py)."""

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from reader.store import Library
from reader.ui.actions import table as action_table
from reader.ui.presenter import tasks
from reader.ui.shell.main_window import MainWindow

WAIT_MS = 30_000  # generous: the machines running the tests are shared and slow


def wait_idle(qtbot, window: MainWindow) -> None:
    """Until nothing is opening and the library's answers (lists, counts) are in; on a
    timeout, the message says which of the two never came."""

    def idle() -> None:
        assert not window.is_busy(), "the window is still opening an article"
        _no_task_pending()

    qtbot.waitUntil(idle, timeout=WAIT_MS)


def wait_tasks(qtbot) -> None:
    """Until every background task has reported; on a timeout, the message names them."""
    qtbot.waitUntil(_no_task_pending, timeout=WAIT_MS)


def _no_task_pending() -> None:
    assert tasks.pending() == 0, f"tasks never reported: {tasks.pending_work()}"


def open_and_wait(qtbot, window: MainWindow, source: str | Path) -> None:
    """Open a file or URL the way a person would and wait until the window is idle."""
    window.opening.open_source(str(source))
    wait_idle(qtbot, window)


def stored(window: MainWindow) -> Library:
    """The window's library as a test reads it: the window's writes done, then a connection
    of the test's own (the window's connections belong to its library threads)."""
    window.library.wait_idle()
    return Library()


def press(qtbot, window: MainWindow, action_id: str, focus: QWidget | None = None) -> None:
    """Press the action's first key (every chord of it) on the focused widget; a keyless
    action is triggered."""
    target = focus or window.view
    target.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target, timeout=2000)
    keys = action_table.spec(action_id).keys
    if not keys:
        window.actions_by_id[action_id].trigger()
        return
    QTest.keySequence(target, QKeySequence(keys[0]))
