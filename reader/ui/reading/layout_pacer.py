"""A long article laid out a slice per event-loop turn after it shows, at an even pace.

Qt lays a long document out lazily on its own timer, in steps that double every 10 ms up to
200,000 characters: a 1 MB page of links then held the window ~60-90 ms in a single step.
While the pacer runs, that timer's ticks are held back (so Qt's step stays at its smallest)
and the pacer lays out the next slices itself each turn, until SLICE_MS is spent: asking
where a block ends makes Qt lay the text out up to it. The scroll bar hears of the growing
size after every turn, as it does from Qt's own steps.
"""

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSizeF, QTimer
from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument

# Characters asked for at a time, and the time one turn may spend on them: Qt lays a
# link-dense page out at ~0.3 us a character here, so a turn stays well under 20 ms.
SLICE_CHARS = 4_000
SLICE_MS = 5.0


class LayoutPacer(QObject):
    """Lays out the shown long document in slices, then calls ``done``; ``stop()`` (another
    document shown) ends it without."""

    def __init__(self, done: Callable[[], None]) -> None:
        super().__init__()
        self._done = done
        self._document: QTextDocument | None = None
        self._layout: QAbstractTextDocumentLayout | None = None
        self._frontier = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)  # every turn, after paints and input
        self._timer.timeout.connect(self._step)

    def start(self, document: QTextDocument) -> None:
        self.stop()
        self._document = document
        self._layout = document.documentLayout()
        self._layout.installEventFilter(self)
        self._frontier = 0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._layout is not None and shiboken6.isValid(self._layout):
            self._layout.removeEventFilter(self)  # Qt's own timer goes on (size reports)
        self._document = self._layout = None

    def is_running(self) -> bool:
        return self._document is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Qt's layout steps wait while the pacer runs (they would double each time)."""
        return event.type() == QEvent.Type.Timer and watched is self._layout

    def _step(self) -> None:
        document, layout = self._document, self._layout
        if document is None or layout is None or not shiboken6.isValid(document):
            self.stop()
            return
        end = document.characterCount() - 1
        started = time.perf_counter()
        while self._frontier < end and (time.perf_counter() - started) * 1000 < SLICE_MS:
            self._frontier = min(end, self._frontier + SLICE_CHARS)
            layout.blockBoundingRect(document.findBlock(self._frontier))
        layout.documentSizeChanged.emit(QSizeF())  # the scroll bar reads the size so far
        if self._frontier >= end:
            self.stop()
            self._done()
