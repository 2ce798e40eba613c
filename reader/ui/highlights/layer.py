"""Highlights drawn over the reading view's text, never in it.

ExtraSelections on the view's "highlights" layer (reader.ui.reading.overlays): nothing is
re-laid out, nothing to undo in the document, the find bar's and the voice's marks stay on
top. The spans are document positions; a new document in the same text (another theme, a
new size or width) gets the same spans again with the theme's shades, a new article's
layer starts empty.

Only the highlights around what is on screen become ExtraSelections, more as the reader
scrolls: placing a text cursor in a block Qt has not shaped yet costs ~40 µs (measured:
500 highlights over a fresh 20k-word document took 20 ms, the twenty on screen 1 ms).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from reader.ui.highlights.colors import highlight_color
from reader.ui.reading import overlays

if TYPE_CHECKING:
    from reader.ui.reading.reading_view import ReadingView

LAYER = "highlights"
# Screens above and below the one shown whose highlights are drawn ahead of scrolling.
SCREENS_AHEAD = 2


@dataclass(frozen=True)
class Drawn:
    """A highlight on screen: its id (negative while it is being saved), where, which colour."""

    id: int
    start: int
    end: int
    color: str


class HighlightLayer:
    """The highlights of the article on ``view``."""

    def __init__(self, view: ReadingView) -> None:
        self.view = view
        self.drawn: list[Drawn] = []
        self._html = ""  # the view's HTML the spans belong to (a restyle keeps it)
        self._marks: dict[Drawn, QTextEdit.ExtraSelection] = {}
        self._covered = (0, -1)  # the document positions whose highlights are marks
        view.document_shown.connect(self._document_shown)
        bar = view.verticalScrollBar()
        bar.valueChanged.connect(self._scrolled)
        bar.rangeChanged.connect(self._scrolled)

    def show(self, drawn: list[Drawn]) -> None:
        """Draw exactly these (the article's highlights, just attached to its text)."""
        self.drawn = sorted(drawn, key=lambda item: (item.start, item.id))
        self._html = self.view.current_html()
        self.paint()

    def add(self, item: Drawn) -> None:
        self.drawn.append(item)
        self.drawn.sort(key=lambda found: (found.start, found.id))
        self.paint()

    def remove(self, highlight_id: int) -> Drawn | None:
        found = self.find(highlight_id)
        if found is not None:
            self.drawn.remove(found)
            self.paint()
        return found

    def replace(self, highlight_id: int, item: Drawn) -> None:
        """``highlight_id`` is now ``item`` (saved: its real id; or another colour)."""
        self.drawn = [item if drawn.id == highlight_id else drawn for drawn in self.drawn]
        self.paint()

    def clear(self) -> None:
        self.drawn = []
        self.paint()

    def find(self, highlight_id: int) -> Drawn | None:
        return next((item for item in self.drawn if item.id == highlight_id), None)

    def at(self, start: int, end: int | None = None) -> Drawn | None:
        """The highlight under a position (or overlapping [start, end)); the latest drawn
        on top wins, as it is painted last."""
        end = start if end is None else end
        for item in reversed(self.drawn):
            inside = item.start <= start < item.end
            if inside or (end > start and item.start < end and start < item.end):
                return item
        return None

    def paint(self) -> None:
        """Mark the highlights around the screen (those marked already stay marked)."""
        view = self.view
        low, high = self._around_screen()
        if self._covered[1] >= self._covered[0]:
            low, high = min(low, self._covered[0]), max(high, self._covered[1])
        self._covered = (low, high)
        wanted = [item for item in self.drawn if item.end >= low and item.start <= high]
        size = view.document().characterCount() - 1
        marks = {item: self._marks.get(item) or self._mark(item, size) for item in wanted}
        self._marks = {item: mark for item, mark in marks.items() if mark is not None}
        overlays.set_layer(view, LAYER, list(self._marks.values()))

    def _mark(self, item: Drawn, size: int) -> QTextEdit.ExtraSelection | None:
        start, end = max(0, min(item.start, size)), max(0, min(item.end, size))
        if end <= start:
            return None
        fmt = QTextCharFormat()
        fmt.setBackground(highlight_color(self.view.theme, item.color))
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        mark = QTextEdit.ExtraSelection()
        mark.cursor = cursor
        mark.format = fmt
        return mark

    def _around_screen(self) -> tuple[int, int]:
        """Document positions from SCREENS_AHEAD screens above the one shown to as many
        below it."""
        view = self.view
        layout = view.document().documentLayout()
        height = view.viewport().height()
        top = view.verticalScrollBar().value()
        fuzzy = Qt.HitTestAccuracy.FuzzyHit
        low = layout.hitTest(QPointF(0, max(0, top - SCREENS_AHEAD * height)), fuzzy)
        high = layout.hitTest(
            QPointF(view.viewport().width(), top + (SCREENS_AHEAD + 1) * height), fuzzy
        )
        end = view.document().characterCount()
        return max(0, low), end if high < 0 else high

    def _scrolled(self, *_args: object) -> None:
        if not self.drawn:
            return
        low, high = self._around_screen()
        if low < self._covered[0] or high > self._covered[1]:
            self.paint()

    def _document_shown(self) -> None:
        """The same text in a new document (restyled): the same spans, the theme's shades;
        another text: nothing until the article's highlights are attached to it."""
        if self.view.current_html() != self._html:
            self.drawn = []
            self._html = ""
        self._marks, self._covered = {}, (0, -1)  # cursors into the old document
        self.paint()
