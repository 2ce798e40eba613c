"""The window every window test drives: shown, active, and drained of background work."""

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from window_helpers import wait_tasks

from reader.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:
    # The windows of earlier tests are deleted first, not while this test's workers run.
    # (A worker moving a document to the GUI thread, holding the GIL, and the GUI thread
    # deleting an old window, holding Qt's connection lock and wanting the GIL, deadlocked
    # runs; documents are now made on the GUI thread only, and this stays as cheap
    # insurance: workers still emit their results through Qt's connection locks.)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
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
    wait_tasks(qtbot)
