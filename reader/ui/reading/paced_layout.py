"""Qt's layout of a long article done in short slices, so the window never stalls on it.

QTextDocumentLayout lays a long document out after it is shown, one step per tick of its
own 10 ms timer; but each step lays out twice as many characters as the one before (up to
200,000), and on a 1 MB page the last steps held the GUI thread 50–120 ms. While a view's
document is being laid out, LayoutPacer holds those ticks back and asks Qt for the layout
itself, block by block (blockBoundingRect lays the document out up to a block, in Qt's
small first-step size), for at most SLICE_MS (or SLICE_CHARS) per event-loop turn. The
layout is Qt's own, as if its steps had stayed small; whatever needs a part of it sooner
(a paint, a click, find, a restored position) still gets it from Qt at once.
"""

import time
from collections.abc import Callable

from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, QTimer, QTimerEvent
from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument

# QTextDocumentLayout starts its lazy-layout timer at this interval (documentChanged in
# qtextdocumentlayout.cpp); its only other timer, at 0 ms, announces the size so far and
# passes. Should a Qt release change the interval, no tick is held and Qt paces as before.
QT_LAYOUT_TIMER_MS = 10
QT_SIZE_TIMER_MS = 0
# Layout work per turn. Qt lays out at least one of its 2,000 px checkpoints per request,
# 3–8 ms on a link-dense page here, so a slice ends within about SLICE_MS + 8 ms.
SLICE_MS = 10
# How far past the last request each request reaches (characters of the document).
STEP_CHARS = 2_000
# At most this much more of the document per slice, however fast the machine: ~10 ms of
# plain prose here (a link-dense page reaches SLICE_MS first).
SLICE_CHARS = 40_000
_WATCHED = "readerPaced"  # property set on a layout once the pacer filters its events


class LayoutPacer(QObject):
    """Lays out ``document()`` (the document a view shows at the moment of asking) in
    slices of the event loop whenever Qt starts laying it out in steps (shown, resized,
    restyled)."""

    def __init__(
        self, document: Callable[[], QTextDocument | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._qt_timer = -1  # id of the layout timer last seen held back
        self._timer = QTimer(self)
        self._timer.setInterval(0)  # the next turn: paints, input and timers come first
        self._timer.timeout.connect(self._slice)
        self.slices = 0  # slices run so far (tests read it)
        self._yielded = False
        self._reached = 0  # the farthest position the slices asked for

    def watch(self, document: QTextDocument) -> None:
        """Pace this document's layout from now on (once per document; cheap to repeat)."""
        layout = document.documentLayout()
        if layout.property(_WATCHED):
            return
        layout.setProperty(_WATCHED, True)
        layout.installEventFilter(self)

    def is_laying_out(self) -> bool:
        """Qt has not placed the whole document yet (its step timer runs until it has)."""
        document = self._document()
        if document is None:
            return False
        return self._timer.isActive() or qt_step_timer(document.documentLayout()) != -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Timer or not isinstance(
            watched, QAbstractTextDocumentLayout
        ):
            return False
        current = self._document()
        if current is None or watched is not current.documentLayout():
            return False  # a document no longer shown: Qt's own steps (it is being freed)
        timer_id = event.timerId() if isinstance(event, QTimerEvent) else -1
        if timer_id != self._qt_timer:
            self._qt_timer = qt_step_timer(watched)
            if timer_id != self._qt_timer:
                return False  # the size announcement, or a Qt that paces differently
        if not self._timer.isActive():
            self._reached = 0
            self._timer.start()
        return True  # held back: the next slice lays out instead

    def _slice(self) -> None:
        """Walk the document from its start in STEP_CHARS strides, asking for each block's
        place: the blocks laid out already answer at once (also after Qt started over on a
        resize), the rest are laid out until SLICE_MS is spent or SLICE_CHARS more asked."""
        document = self._document()
        if document is None:
            self._timer.stop()
            return
        layout = document.documentLayout()
        if not self._yielded and _timer_of(layout, QT_SIZE_TIMER_MS) != -1:
            # Every request restarts Qt's 0 ms size announcement, so with a slice each turn
            # it never came and the scroll bar stood still until the end: one turn for it.
            self._yielded = True
            return
        self._yielded = False
        self.slices += 1
        deadline = time.perf_counter() + SLICE_MS / 1000
        end = self._reached + SLICE_CHARS
        last = document.lastBlock()
        position = 0
        while position <= end and time.perf_counter() < deadline:
            block = document.findBlock(position)
            if not block.isValid() or block.position() >= last.position():
                layout.blockBoundingRect(last)  # the rest, then Qt stops its own timer
                self._timer.stop()
                return
            layout.blockBoundingRect(block)
            position = block.position() + block.length() + STEP_CHARS
        self._reached = max(self._reached, position)


def qt_step_timer(layout: QObject) -> int:
    """The id of Qt's lazy-layout timer on ``layout``; -1 when it does not run (the
    document is laid out to its end, or never was given a width)."""
    return _timer_of(layout, QT_LAYOUT_TIMER_MS)


def _timer_of(layout: QObject, interval_ms: int) -> int:
    dispatcher = QAbstractEventDispatcher.instance(layout.thread())
    if dispatcher is None:
        return -1
    for info in dispatcher.registeredTimers(layout):
        if info.interval == interval_ms:
            return info.timerId
    return -1
