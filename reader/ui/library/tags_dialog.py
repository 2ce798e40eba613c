"""The tags of an article: one line of words separated by commas, with the tags already in
use offered as you type (the part after the last comma is what completes)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

MIN_WIDTH = 440  # room for a few tags without scrolling sideways
KNOWN_SHOWN = 8  # tags named in the hint line; the completer knows them all


class TagCompleter(QCompleter):
    """Completes the tag being typed: the text after the last comma."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        done = typed.rsplit(",", 1)[0] + ", " if "," in typed else ""
        return done + str(index.data())


class TagsDialog(QDialog):
    """Ask for tags; ``textValue()`` is what was typed (reader.tags parses it)."""

    def __init__(
        self,
        current: Sequence[str],
        known: Sequence[str] = (),
        title: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tags")
        self.setObjectName("tagsDialog")
        self.setMinimumWidth(MIN_WIDTH)
        what = f"Tags for “{title}”" if title else "Tags"
        label = QLabel(f"{what}, separated by commas:", self)
        label.setWordWrap(True)
        self.field = QLineEdit(", ".join(current), self)
        self.field.setAccessibleName("Tags")
        self.field.setPlaceholderText("e.g. travel, long read")
        label.setBuddy(self.field)
        completer = TagCompleter(QStringListModel(list(known), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.field.setCompleter(completer)
        hint = QLabel(self)
        hint.setWordWrap(True)
        hint.setEnabled(False)  # the muted colour of a hint
        if known:
            shown = ", ".join(list(known)[:KNOWN_SHOWN]) + ("…" if len(known) > KNOWN_SHOWN else "")
            hint.setText(f"In use: {shown}")
        hint.setVisible(bool(known))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.field.selectAll()

    def textValue(self) -> str:
        return self.field.text()

    def setTextValue(self, text: str) -> None:
        self.field.setText(text)


def ask_tags(
    parent: QWidget, current: Sequence[str], known: Sequence[str], title: str | None = None
) -> str | None:
    """The tags typed, or None when the dialog was cancelled (a modal question)."""
    dialog = TagsDialog(current, known, title, parent)
    return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None
