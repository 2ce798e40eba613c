"""The window's own "Archived “Title”. Undo" line, for changes made while reading (the
library panel shows its own when the change came from its list, and may be hidden)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from reader.ui.library.undo_message import UndoMessage


class UndoToast(UndoMessage):
    """An UndoMessage above the article whose Undo runs what the change asked for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setObjectName("undoToast")
        self.setAccessibleName("Change made")
        self._undo: Callable[[], None] | None = None
        self.undo_button.clicked.connect(self.undo)

    def offer(self, text: str, undo: Callable[[], None] | None) -> None:
        self._undo = undo
        self.show_text(text, undo is not None)

    def undo(self) -> None:
        action, self._undo = self._undo, None
        self.hide()
        if action is not None:
            action()
