"""Opening dialogs over the window: themed, window-modal, kept while open, keyboard handed back.

A dialog nobody refers to is collected by Python while on screen; the host keeps the last
one of each kind (``shown[name]``: tests and the style follow them there).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget


def documents_folder() -> Path:
    """Where an export is offered first: the documents folder, or home."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


class DialogHost:
    """Opens dialogs for the handler groups, over ``window``."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.shown: dict[str, QDialog] = {}

    def open(self, name: str, dialog: QDialog) -> None:
        """Open a window-modal dialog; when it closes the keyboard comes back to the window,
        even without a window manager to hand focus back (bare X servers, kiosk sessions)."""
        dialog.setPalette(self.window.palette())  # a dialog is a window: it inherits no theme
        dialog.finished.connect(self.window.activateWindow)
        self.shown[name] = dialog
        QDialog.open(dialog)  # QPrintDialog hides the no-argument open() behind its own

    def progress(
        self, name: str, title: str, label: str, cancel: threading.Event
    ) -> QProgressDialog:
        """A window-modal progress dialog shown at once (an import, an export); Cancel sets
        ``cancel``. Its label is plain text: file names and titles are shown as written."""
        from reader.ui.plain_text import plain_label

        dialog = QProgressDialog(label, "Cancel", 0, 0, self.window)
        dialog.setLabel(plain_label(label))
        dialog.setWindowTitle(title)
        dialog.setAccessibleName(f"{title} progress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(cancel.set)
        self.shown[name] = dialog
        dialog.show()
        return dialog
