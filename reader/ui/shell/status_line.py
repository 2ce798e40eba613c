"""The status bar as the handler groups use it: a passing message, a busy bar, the length.

One object for the three, so a handler that reports progress needs neither the window nor
its widgets.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QStatusBar, QWidget

STATUS_TIMEOUT_MS = 6000


class StatusLine:
    """``show`` a message, ``begin``/``end`` the busy bar, ``set_length`` of the article."""

    def __init__(self, bar: QStatusBar, progress: QProgressBar, length: QLabel) -> None:
        self.bar = bar
        self.progress = progress
        self.length = length

    def show(self, text: str, timeout_ms: int = 0) -> None:
        self.bar.showMessage(text, timeout_ms)

    def clear(self) -> None:
        self.bar.clearMessage()

    def begin(self, text: str) -> None:
        """Busy (no known end) with ``text`` until ``end``."""
        self.progress.setRange(0, 0)
        self.progress.show()
        self.show(text)

    def end(self) -> None:
        self.progress.hide()
        self.clear()

    def advance(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(min(done, total))

    def set_length(self, text: str) -> None:
        self.length.setText(text)


def holds_focus(widget: QWidget | None) -> bool:
    """The keyboard is in ``widget`` or one of its children."""
    focus = QApplication.focusWidget()
    return widget is not None and focus is not None and widget.isAncestorOf(focus)
