"""The sentence being spoken, tinted in the reading view, and the word on it underlined.

Painted with ExtraSelections (over the document, never in it: no relayout, nothing to
undo), on the view's "speech" layer (reader.ui.reading.overlays): the reader's highlights
and the find bar's matches stay. The sentence is kept in view: when
it leaves the middle band of the viewport the view scrolls to put it a third of the way
down, so the eye finds it where it was.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from reader.ui.reading import overlays

# Tints on top of the theme's text colour (alpha over the page background).
SENTENCE_ALPHA = 38
WORD_ALPHA = 80
# The sentence stays put while it is between these fractions of the viewport's height.
COMFORT_BAND = (0.12, 0.8)
TARGET_FRACTION = 0.33


class SpeechHighlight:
    """Shows one span (the sentence) and optionally a word inside it on ``editor``."""

    def __init__(self, editor: QTextEdit) -> None:
        self._editor = editor
        self._span: tuple[int, int] | None = None
        self._word: tuple[int, int] | None = None

    @property
    def span(self) -> tuple[int, int] | None:
        return self._span

    def show_span(self, start: int, end: int) -> None:
        """Tint the sentence at [start, end) and scroll it into view if needed."""
        self._span = (start, end)
        self._word = None
        self._paint()
        self._keep_in_view(start, end)

    def show_word(self, start: int, end: int) -> None:
        if self._span is None or end <= start:
            return
        self._word = (start, end)
        self._paint()

    def clear(self) -> None:
        self._span = self._word = None
        self._paint()

    def _paint(self) -> None:
        editor = self._editor
        size = editor.document().characterCount() - 1
        text = editor.palette().text().color()
        ours = []
        if self._span is not None:
            ours.append(self._selection(*self._span, size, text, SENTENCE_ALPHA, False))
        if self._word is not None:
            ours.append(self._selection(*self._word, size, text, WORD_ALPHA, True))
        overlays.set_layer(editor, "speech", [s for s in ours if s is not None])

    def _selection(
        self, start: int, end: int, size: int, text: QColor, alpha: int, underline: bool
    ) -> QTextEdit.ExtraSelection | None:
        start, end = max(0, min(start, size)), max(0, min(end, size))
        if end <= start:
            return None
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        tint = QColor(text)
        tint.setAlpha(alpha)
        fmt.setBackground(tint)
        if underline:
            fmt.setFontUnderline(True)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _keep_in_view(self, start: int, end: int) -> None:
        editor = self._editor
        size = editor.document().characterCount() - 1
        cursor = QTextCursor(editor.document())
        cursor.setPosition(max(0, min(start, size)))
        top = editor.cursorRect(cursor).top()
        cursor.setPosition(max(0, min(end, size)))
        bottom = editor.cursorRect(cursor).bottom()
        height = editor.viewport().height()
        low, high = (round(height * fraction) for fraction in COMFORT_BAND)
        if top >= low and bottom <= high:
            return
        bar = editor.verticalScrollBar()
        bar.setValue(bar.value() + top - round(height * TARGET_FRACTION))
