"""File ▸ Export…: which articles (the whole library, or those selected in the list) and
in which format; then where, asked by the system's file dialog (a folder for Markdown).

The formats are reader.service.exporting.FORMATS, so the window offers exactly what
`reader export` writes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.service.exporting import FORMATS

DEFAULT_FORMAT = "epub"


class ExportDialog(QDialog):
    """Emits ``chosen(format name, selected only, path)`` once a place is picked."""

    chosen = Signal(str, bool, Path)

    def __init__(
        self, total: int, selected: int, folder: Path, parent: QWidget | None = None
    ) -> None:
        """``total`` articles in the library, ``selected`` in the list; ``folder``: where
        the file dialog starts."""
        super().__init__(parent)
        self.folder = folder
        self.setWindowTitle("Export")
        self.format_box = QComboBox()
        self.format_box.setAccessibleName("Format")
        for item in FORMATS.values():
            self.format_box.addItem(item.label, item.name)
        self.format_box.setCurrentIndex(list(FORMATS).index(DEFAULT_FORMAT))
        self.whole = QRadioButton(f"The whole library ({_articles(total)})")
        self.selection = QRadioButton(f"The selected articles ({_articles(selected)})")
        self.selection.setEnabled(selected > 0)
        (self.selection if selected > 1 else self.whole).setChecked(True)
        scope = QButtonGroup(self)
        scope.addButton(self.whole)
        scope.addButton(self.selection)
        form = QFormLayout()
        form.addRow("&Format:", self.format_box)
        form.addRow("&Articles:", self.whole)
        form.addRow("", self.selection)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Export…")
        ok.setEnabled(total > 0)
        buttons.accepted.connect(self._ask_where)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.place: QFileDialog | None = None  # tests answer it

    def format_name(self) -> str:
        return str(self.format_box.currentData())

    def _ask_where(self) -> None:
        chosen = FORMATS[self.format_name()]
        documents = self.folder
        if not chosen.suffix:  # a folder of files
            place = QFileDialog(self, "Export to a folder")
            place.setFileMode(QFileDialog.FileMode.Directory)
            place.setOption(QFileDialog.Option.ShowDirsOnly, True)
            place.setDirectory(str(documents))
        else:
            place = QFileDialog(self, "Export as", str(documents / f"Reader{chosen.suffix}"))
            place.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            place.setNameFilter(f"{chosen.label} (*{chosen.suffix})")
            place.setDefaultSuffix(chosen.suffix.lstrip("."))
        place.fileSelected.connect(self.choose)
        self.place = place
        place.open()

    def choose(self, path: str) -> None:
        """The place is known: say what to write, and close."""
        if path:
            self.chosen.emit(self.format_name(), self.selection.isChecked(), Path(path))
            self.accept()


def _articles(count: int) -> str:
    return f"{count} article{'' if count == 1 else 's'}"
