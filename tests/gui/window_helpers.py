"""Small helpers shared by the window tests (the fixture itself is in conftest.py)."""

from pathlib import Path

from reader.ui.shell.main_window import MainWindow

WAIT_MS = 30_000  # generous: the machines running the tests are shared and slow


def open_and_wait(qtbot, window: MainWindow, source: str | Path) -> None:
    """Open a file or URL the way a person would and wait until the window is idle."""
    window.open_source(str(source))
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=WAIT_MS)
