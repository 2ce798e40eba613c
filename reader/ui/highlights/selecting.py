"""Selecting with the keyboard: `v` takes the first sentence on screen, then the next one
(after a highlight just made, the one after it); Shift+V goes back; F7 gives the text a
cursor that arrows move and Shift+arrows extend (caret mode), which `v` turns on so a
sentence can then be widened or narrowed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from reader.ui.actions.registry import handles
from reader.ui.actions.table import (
    HIGHLIGHT_CARET,
    HIGHLIGHT_SELECT_PREVIOUS,
    HIGHLIGHT_SELECT_SENTENCE,
)
from reader.ui.highlights import sentences
from reader.ui.shell.status_line import STATUS_TIMEOUT_MS

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from reader.ui.reading.reading_view import ReadingView
    from reader.ui.shell.status_line import StatusLine


class Resumable(Protocol):
    """Who knows where the last highlight left the cursor: (cursor, the highlight's end)."""

    resume: tuple[int, int] | None


class SentenceSelection:
    """See module docstring."""

    def __init__(
        self,
        *,
        view: ReadingView,
        actions: dict[str, QAction],
        status: StatusLine,
        after: Resumable,
    ) -> None:
        self.view, self.actions, self.status, self.after = view, actions, status, after

    @handles(HIGHLIGHT_CARET)
    def toggle_caret(self) -> None:
        self.set_caret(self.actions[HIGHLIGHT_CARET.id].isChecked())

    def set_caret(self, on: bool) -> None:
        """A blinking text cursor that arrows move and Shift+arrows extend (caret mode)."""
        view = self.view
        flags = view.textInteractionFlags()
        keyboard = Qt.TextInteractionFlag.TextSelectableByKeyboard
        view.setTextInteractionFlags(flags | keyboard if on else flags & ~keyboard)
        self.actions[HIGHLIGHT_CARET.id].setChecked(on)
        if on and not view.textCursor().hasSelection():
            cursor = view.textCursor()
            cursor.setPosition(sentences.top_position(view))
            view.setTextCursor(cursor)
        view.setFocus()

    @handles(HIGHLIGHT_SELECT_SENTENCE)
    def select_next_sentence(self) -> None:
        """The first sentence on screen (or the one at the caret); again: the next one."""
        view, document = self.view, self.view.document()
        cursor = view.textCursor()
        caret = bool(view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard)
        resume, self.after.resume = self.after.resume, None
        if cursor.hasSelection():
            span = sentences.sentence_from(document, cursor.selectionEnd(), whole=True)
        elif resume is not None and cursor.position() == resume[0]:
            span = sentences.sentence_from(document, resume[1], whole=True)
        elif caret:
            span = sentences.sentence_from(document, cursor.position())
        else:
            span = sentences.sentence_from(document, sentences.top_position(view), whole=True)
        self._select(span)

    @handles(HIGHLIGHT_SELECT_PREVIOUS)
    def select_previous_sentence(self) -> None:
        cursor = self.view.textCursor()
        start = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        self._select(sentences.sentence_before(self.view.document(), start))

    def _select(self, span: tuple[int, int] | None) -> None:
        if span is None:
            self.status.show("No more sentences this way.", STATUS_TIMEOUT_MS)
            return
        if not self.actions[HIGHLIGHT_CARET.id].isChecked():
            self.set_caret(True)  # Shift+arrows can now widen or narrow the selection
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()
