"""Key to repaint: ms from sending a key to a widget until the widget that shows the change
has painted (the benchmarks of keys and highlights measure it the same way)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QWidget


def key_to_paint_ms(
    app: QApplication,
    widget: QWidget,
    painted_by: QWidget,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier | None = None,
    timeout_s: float = 2.0,
) -> float:
    """Press ``key`` on ``widget``; ms until ``painted_by`` (a viewport) has painted, or
    ``timeout_s`` when it never does."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest

    class PaintWatch(QObject):
        painted = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    watch = PaintWatch()
    painted_by.installEventFilter(watch)
    started = time.perf_counter()
    QTest.keyClick(widget, key, modifiers or Qt.KeyboardModifier.NoModifier)
    limit = time.monotonic() + timeout_s
    while not watch.painted and time.monotonic() < limit:
        app.processEvents()
    app.processEvents()  # the paint itself finishes inside this pass
    elapsed = (time.perf_counter() - started) * 1000
    painted_by.removeEventFilter(watch)
    return elapsed
