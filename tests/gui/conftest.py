"""The window every window test drives: shown, active, and drained of background work."""

from collections.abc import Iterator

import pytest
import shiboken6
from window_helpers import WAIT_MS

from reader.ui.presenter import tasks
from reader.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1100, 760)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitActive(win)
    yield win
    if shiboken6.isValid(win):  # pytest-qt may have closed and deleted it already
        win.opening.cancel_loading(quiet=True)
    qtbot.waitUntil(lambda: tasks.pending() == 0, timeout=WAIT_MS)
