"""Find in the article: an incremental search bar for a QTextBrowser / QTextEdit.

Every match is highlighted with ExtraSelections (they paint over the document without
changing it, so the article and its undo history stay untouched) and the current match gets
a stronger colour. The bar handles Enter, Shift+Enter, F3, Shift+F3 and Esc itself while it
has focus (by accepting ShortcutOverride), so the window's F3 / Esc actions never become
ambiguous with it; when focus is elsewhere the window calls ``find_next`` etc.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

from reader.ui.plain_text import plain_label
from reader.ui.reading import overlays

# More matches than this are counted but not painted: thousands of highlights of a
# one-letter query slow every repaint and tell the reader nothing.
MAX_HIGHLIGHTS = 2000
# Counting stops here ("5000+ matches") so a one-letter query stays instant on huge pages.
MAX_MATCHES = 5000
ALL_MATCHES_COLOR = QColor(255, 214, 10, 110)
CURRENT_MATCH_COLOR = QColor(255, 140, 0)
CURRENT_MATCH_TEXT = QColor(0, 0, 0)

FIELD_MIN_PX = 160
FIELD_MAX_PX = 380


class FindBar(QWidget):
    """A bar with a query field, "3 of 12", previous/next, match case and close."""

    closed = Signal()
    # (current 1-based index or 0, total matches)
    matches_changed = Signal(int, int)

    def __init__(self, editor: QTextEdit | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAccessibleName("Find in article")
        self._editor: QTextEdit | None = None
        self._matches: list[QTextCursor] = []
        self._current = -1
        self._truncated = False
        self._colors = (ALL_MATCHES_COLOR, CURRENT_MATCH_COLOR, CURRENT_MATCH_TEXT)
        self._watched: QTextDocument | None = None

        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find in article")
        self.field.setAccessibleName("Find text")
        self.field.installEventFilter(self)
        self.count_label = plain_label(parent=self)
        self.count_label.setObjectName("findCount")
        self.count_label.setAccessibleName("Matches")
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("5000+ of 5000+"))
        self.previous_button = self._button("↑", "Previous match (Shift+F3)", self.find_previous)
        self.next_button = self._button("↓", "Next match (F3)", self.find_next)
        self.case_button = self._button("Aa", "Match case", self.refresh)
        self.case_button.setCheckable(True)
        self.close_button = self._button("✕", "Close find bar (Esc)", self.close_bar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        # As browsers lay it out: a field of a sensible width (a phrase, not a paragraph),
        # its arrows and options, the count, and the close button at the far end.
        self.field.setMinimumWidth(FIELD_MIN_PX)
        self.field.setMaximumWidth(FIELD_MAX_PX)
        layout.addWidget(self.field, 1)
        for button in (self.previous_button, self.next_button, self.case_button):
            layout.addWidget(button)
        layout.addSpacing(6)
        layout.addWidget(self.count_label)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self.setFocusProxy(self.field)

        # Re-search after the article changes, once the new document is in place.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_keep_position)
        self.field.textChanged.connect(self._on_text_changed)
        self.hide()
        if editor is not None:
            self.set_editor(editor)

    def _button(self, text: str, name: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(name)
        button.setAccessibleName(name)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- public API -------------------------------------------------------------------

    def set_editor(self, editor: QTextEdit) -> None:
        """Search ``editor`` (a QTextBrowser or QTextEdit) from now on."""
        if self._editor is not None:
            self._clear_highlights()
            self._editor.textChanged.disconnect(self._on_document_changed)
        self._editor = editor
        editor.textChanged.connect(self._on_document_changed)
        self._matches = []
        self._current = -1

    def editor(self) -> QTextEdit | None:
        return self._editor

    def open(self) -> None:
        """Show the bar and focus the field; a selection in the article becomes the query."""
        selected = ""
        if self._editor is not None:
            selected = self._editor.textCursor().selectedText().strip()
        if selected and "\u2029" not in selected and len(selected) < 200:
            self.field.setText(selected)
        # The clear button's icon is looked up the first time any field asks for one
        # (~10-30 ms): not while the window is being built, only when find is first used.
        self.field.setClearButtonEnabled(True)
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self.refresh()

    def close_bar(self) -> None:
        """Hide the bar, remove every highlight and give focus back to the article."""
        was_visible = self.isVisible()
        self._clear_highlights()
        self._matches = []
        self._current = -1
        self.hide()
        if self._editor is not None and was_visible:
            self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if was_visible:
            self.closed.emit()

    def handle_escape(self) -> bool:
        """For the window's Esc action: close the bar if it is open; True if it was."""
        if not self.isVisible():
            return False
        self.close_bar()
        return True

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def match_count(self) -> int:
        return len(self._matches)

    def current_index(self) -> int:
        """0-based index of the current match, -1 when there is none."""
        return self._current

    def current_match(self) -> QTextCursor | None:
        if 0 <= self._current < len(self._matches):
            return QTextCursor(self._matches[self._current])
        return None

    def count_text(self) -> str:
        return self.count_label.text()

    def set_colors(self, all_matches: QColor, current: QColor, current_text: QColor) -> None:
        """Theme hook: the dark theme wants darker highlights than the light one."""
        self._colors = (QColor(all_matches), QColor(current), QColor(current_text))
        self._paint()

    def refresh(self) -> None:
        """Search again from the top of what is visible (called as the query changes)."""
        self._search(start_from_view=True)

    # -- searching --------------------------------------------------------------------

    def _on_text_changed(self, _text: str) -> None:
        self.refresh()

    def _on_document_changed(self) -> None:
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._matches = []
            self._current = -1

    def _refresh_keep_position(self) -> None:
        self._search(start_from_view=True)

    def _flags(self) -> QTextDocument.FindFlag:
        if self.case_button.isChecked():
            return QTextDocument.FindFlag.FindCaseSensitively
        return QTextDocument.FindFlag(0)

    def _search(self, start_from_view: bool) -> None:
        editor = self._editor
        query = self.field.text()
        self._matches = []
        self._current = -1
        self._truncated = False
        if editor is None or not query:
            self._clear_highlights()
            self._update_count()
            return
        document = editor.document()
        flags = self._flags()
        cursor = QTextCursor(document)
        while len(self._matches) < MAX_MATCHES:
            cursor = document.find(query, cursor, flags)
            if cursor.isNull():
                break
            if not cursor.hasSelection():  # defensive: never loop on an empty match
                break
            self._matches.append(QTextCursor(cursor))
        else:
            self._truncated = True
        if self._matches:
            start = editor.cursorForPosition(QPoint(0, 0)).position() if start_from_view else 0
            self._current = next(
                (i for i, m in enumerate(self._matches) if m.selectionStart() >= start), 0
            )
            self._reveal_current()
        self._paint()
        self._update_count()

    def _step(self, direction: int) -> None:
        if not self.isVisible():
            self.open()
            if direction > 0 or not self._matches:
                return
        if not self._matches:
            self.refresh()
            if not self._matches:
                return
        self._current = (self._current + direction) % len(self._matches)
        self._reveal_current()
        self._paint()
        self._update_count()

    def _reveal_current(self) -> None:
        editor = self._editor
        match = self.current_match()
        if editor is None or match is None:
            return
        # Move the (invisible, read-only) cursor onto the match so the view scrolls to it;
        # no selection, so only our highlight colours show.
        cursor = QTextCursor(match)
        cursor.setPosition(match.selectionEnd())
        editor.setTextCursor(cursor)
        editor.ensureCursorVisible()
        cursor.setPosition(match.selectionStart())
        editor.setTextCursor(cursor)
        editor.ensureCursorVisible()

    def _paint(self) -> None:
        editor = self._editor
        if editor is None:
            return
        self._watch_document(editor.document())
        all_color, current_color, current_text = self._colors
        selections: list[QTextEdit.ExtraSelection] = []
        for index, match in enumerate(self._matches[:MAX_HIGHLIGHTS]):
            if index == self._current:
                continue
            selections.append(_selection(match, all_color, None))
        current = self.current_match()
        if current is not None:
            selections.append(_selection(current, current_color, current_text))
        overlays.set_layer(editor, "find", selections)

    def _watch_document(self, document: QTextDocument) -> None:
        """Clear our highlights while a document the editor owns is being deleted.

        QTextEdit.setDocument deletes the editor's own first document, and its
        ExtraSelections keep cursors into it; the next setExtraSelections then reads freed
        memory. Clearing from ``destroyed`` (emitted before the cursors are cut loose)
        leaves nothing stale behind.
        """
        if self._watched is document:
            return
        self._watched = document
        document.destroyed.connect(self._on_document_destroyed)

    def _on_document_destroyed(self, _object: QObject | None = None) -> None:
        self._watched = None
        self._matches = []
        self._current = -1
        editor = self._editor
        # When the editor itself is being destroyed its wrapper is already invalid: skip.
        if editor is not None and shiboken6.isValid(editor):
            overlays.set_layer(editor, "find", [])

    def _clear_highlights(self) -> None:
        if self._editor is not None:
            overlays.set_layer(self._editor, "find", [])

    def _update_count(self) -> None:
        total = len(self._matches)
        if not self.field.text():
            text = ""
        elif total == 0:
            text = "No matches"
        else:
            shown = f"{total}+" if self._truncated else str(total)
            text = f"{self._current + 1} of {shown}"
        self.count_label.setText(text)
        self.count_label.setAccessibleDescription(text)
        self.field.setProperty("noMatches", bool(self.field.text()) and total == 0)
        self.field.style().unpolish(self.field)
        self.field.style().polish(self.field)
        self.matches_changed.emit(self._current + 1 if total else 0, total)

    # -- keys -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            assert isinstance(event, QKeyEvent)
            action = _key_action(event)
            if action is None:
                return super().eventFilter(watched, event)
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # the field gets the key, not a window shortcut
                return True
            if action == "close":
                self.close_bar()
            elif action == "next":
                self.find_next()
            else:
                self.find_previous()
            return True
        return super().eventFilter(watched, event)


def _key_action(event: QKeyEvent) -> str | None:
    key = event.key()
    shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    others = event.modifiers() & ~(
        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    )
    if others:
        return None
    if key == Qt.Key.Key_Escape and not shift:
        return "close"
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
        return "previous" if shift else "next"
    return None


def _selection(
    cursor: QTextCursor, background: QColor, foreground: QColor | None
) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    char_format = QTextCharFormat()
    char_format.setBackground(background)
    if foreground is not None:
        char_format.setForeground(foreground)
    selection.format = char_format
    return selection
