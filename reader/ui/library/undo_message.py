"""The library panel's inline message ("Deleted “Title”. Undo"): it hides by itself."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

MESSAGE_MS = 10_000  # how long the "Undo" message stays


class UndoMessage(QFrame):
    """An inline message ("Deleted “Title”.") with Undo and close; hides by itself."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("libraryMessage")
        self.setAccessibleName("Library message")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton("&Undo", self)
        self.undo_button.setAccessibleName("Undo")
        close = QToolButton(self)
        close.setText("✕")
        close.setAccessibleName("Close message")
        close.setToolTip("Close message")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(MESSAGE_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_text(self, text: str, undo: bool) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.undo_button.setVisible(undo)
        self.show()
        self._timer.start()

    def text(self) -> str:
        return self.label.text()
