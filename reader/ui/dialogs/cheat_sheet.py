"""The shortcut cheat sheet (? and F1): every action of the table with its keys, grouped.

Groups are the action's context when it is a particular place (the list, the reading
view) and its menu for window-wide actions (see keymap.spec_group).

Built from the same action specs as the menus and the Keys page, so it cannot drift from
what the keys really do. A filter field narrows it as you type (label, key or context).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.actions.keymap import (
    actions_only,
    effective_keys,
    format_keys,
    spec_context,
    spec_group,
    spec_id,
    spec_label,
)
from reader.ui.actions.table import ActionSpec
from reader.ui.plain_text import plain_label

ID_ROLE = Qt.ItemDataRole.UserRole
NO_KEY = "—"
ROW_PADDING_PX = 6  # extra height per row: a table of ~50 dense rows is hard to scan
SHEET_WIDTH_PX = 560
# Tall enough for most of the table without scrolling, never taller than the window.
SHEET_HEIGHT_PX = 760
PARENT_HEIGHT_SHARE = 0.9


class _RoomyRows(QStyledItemDelegate):
    """Rows a little taller than the style's default, so labels and keys breathe."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + ROW_PADDING_PX)


def _children(item: QTreeWidgetItem | None) -> list[QTreeWidgetItem]:
    if item is None:
        return []
    return [child for i in range(item.childCount()) if (child := item.child(i)) is not None]


def context_title(context: str) -> str:
    """ "reading_view" -> "Reading view"."""
    text = context.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:] if text else "General"


class CheatSheetDialog(QDialog):
    """A searchable, read-only list of the actions and their keys, grouped by context."""

    def __init__(
        self,
        actions: Iterable[ActionSpec],
        overrides: Mapping[str, Iterable[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.setObjectName("cheatSheet")
        self._specs = actions_only(actions)
        self._keys = effective_keys(self._specs, overrides)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter shortcuts")
        self.search.setAccessibleName("Filter shortcuts")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)

        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegate(_RoomyRows(self.tree))
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

        self.empty_label = plain_label("No shortcut matches.", self)
        self.empty_label.setAccessibleName("No shortcut matches")
        self.empty_label.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self._fill()
        height = SHEET_HEIGHT_PX
        if parent is not None:
            height = min(height, round(parent.height() * PARENT_HEIGHT_SHARE))
        self.resize(SHEET_WIDTH_PX, max(height, 400))
        self.search.setFocus()

    def _fill(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        bold = self.tree.font()
        bold.setBold(True)
        for spec in self._specs:
            context = spec_group(spec)
            group = groups.get(context)
            if group is None:
                group = QTreeWidgetItem(self.tree, [context_title(context), ""])
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setFirstColumnSpanned(True)
                groups[context] = group
            keys = self._keys.get(spec_id(spec), ())
            item = QTreeWidgetItem(group, [spec_label(spec), format_keys(keys) or NO_KEY])
            item.setData(0, ID_ROLE, spec_id(spec))
            item.setToolTip(0, f"{spec_id(spec)} (keys live in: {spec_context(spec)})")
        self.tree.expandAll()

    def apply_filter(self, text: str = "") -> None:
        """Show only actions whose label, keys, id or context contain every typed word."""
        words = text.casefold().split()
        visible_total = 0
        for group in _children(self.tree.invisibleRootItem()):
            group_text = group.text(0).casefold()
            visible = 0
            for item in _children(group):
                haystack = " ".join(
                    (item.text(0), item.text(1), str(item.data(0, ID_ROLE)), group_text)
                ).casefold()
                shown = all(word in haystack for word in words)
                item.setHidden(not shown)
                visible += shown
            group.setHidden(visible == 0)
            visible_total += visible
        self.empty_label.setVisible(visible_total == 0)

    def listed_ids(self, visible_only: bool = False) -> list[str]:
        """The action ids in the sheet, in order (tests compare them to the table)."""
        ids = []
        for group in _children(self.tree.invisibleRootItem()):
            for item in _children(group):
                if visible_only and (item.isHidden() or group.isHidden()):
                    continue
                ids.append(str(item.data(0, ID_ROLE)))
        return ids

    def keys_text(self, action_id: str) -> str:
        """The keys column of one action, as shown."""
        for group in _children(self.tree.invisibleRootItem()):
            for item in _children(group):
                if item.data(0, ID_ROLE) == action_id:
                    return item.text(1)
        raise KeyError(action_id)
