"""The library panel's table of articles: its keys, and how the cursor is put on a row."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView


class ArticleTable(QTableView):
    """Enter opens, Delete deletes; everything else as a table does."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


def make_current(view: QAbstractItemView, index: QModelIndex) -> None:
    """Move the cursor to ``index`` and select only its row (setCurrentIndex alone keeps
    the old selection in extended mode)."""
    flags = QItemSelectionModel.SelectionFlag
    view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
    view.scrollTo(index)
