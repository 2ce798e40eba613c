"""The note on a highlight: the quote above, the note below, Ctrl+Enter keeps it.

An empty note is no note. The quote is the page's text, shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from reader.ui.plain_text import plain_label

QUOTE_CHARS = 400  # of the quote shown above the note


class NoteDialog(QDialog):
    """Edits one highlight's note; ``note()`` is the text kept when accepted."""

    def __init__(self, quote: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note on a Highlight")
        self.setAccessibleName("Note on a highlight")
        shown = " ".join(quote.split())
        if len(shown) > QUOTE_CHARS:
            shown = shown[: QUOTE_CHARS - 1] + "…"
        self.quote = plain_label(f"“{shown}”")
        self.quote.setWordWrap(True)
        self.quote.setAccessibleName("Highlighted text")
        self.editor = QPlainTextEdit(note)
        self.editor.setAccessibleName("Note")
        self.editor.setPlaceholderText("Your note (Ctrl+Enter to keep it, Esc to cancel)")
        self.editor.setTabChangesFocus(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.editor.installEventFilter(self)  # Ctrl+Enter keeps the note
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(460, 300)
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def note(self) -> str:
        return self.editor.toPlainText().strip()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.editor
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)
