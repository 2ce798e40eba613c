"""The sidebar's card list and its keys: j/k or Up/Down step over list headings, Enter or a
double-click activates a card or opens the rest of a long list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListView, QWidget

from reader.ui.sidebar.story_model import ListRow, StoryItem, StoryModel, StoryRole

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Up/Down too: the list steps over list headings itself (QListView's own keys would stop on them).
NEXT_KEYS = (Qt.Key.Key_J, Qt.Key.Key_Down)
PREVIOUS_KEYS = (Qt.Key.Key_K, Qt.Key.Key_Up)
LIST_KEYS = frozenset((*ENTER_KEYS, *NEXT_KEYS, *PREVIOUS_KEYS))


def _plain(event: QKeyEvent) -> bool:
    return not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


class StoryList(QListView):
    """The card list: Up/Down or j/k move, Enter or a double-click activates."""

    story_activated = Signal(object)  # StoryItem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doubleClicked.connect(self._activate_index)

    def _activate_index(self, index: QModelIndex) -> None:
        item = index.data(StoryRole)
        if isinstance(item, StoryItem):
            self.story_activated.emit(item)
        elif isinstance(item, ListRow) and item.hidden:
            self.open_list(index.row())

    def open_list(self, row: int) -> None:
        """Show the rest of a long list; its first newly shown card takes the selection."""
        model = self.story_model()
        if model is not None:
            self.go_to(model.open_list(row))

    def story_model(self) -> StoryModel | None:
        model = self.model()
        return model if isinstance(model, StoryModel) else None

    def step(self, step: int) -> None:
        """Move to the next (or previous) card or "Show N more" row; headings are passed,
        and the selection stays put at either end."""
        model = self.story_model()
        if model is None or not model.rowCount():
            return
        current = self.currentIndex().row()
        if current < 0:
            self.go_to(model.first_selectable())
            return
        target = current + step
        while 0 <= target < model.rowCount():
            if model.selectable(target):
                self.go_to(target)
                return
            target += step

    def go_to(self, row: int) -> None:
        index = self.model().index(row, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def event(self, event: QEvent) -> bool:
        """While the list has the keyboard, its own keys win over window shortcuts."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _plain(event)
            and event.key() in LIST_KEYS
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = _plain(event)
        key = event.key()
        if key in ENTER_KEYS:
            self._activate_index(self.currentIndex())
            return
        if plain and key in NEXT_KEYS:
            self.step(1)
            return
        if plain and key in PREVIOUS_KEYS:
            self.step(-1)
            return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        """Typed letters belong to the window's keys, not to a jump-to-title search."""
