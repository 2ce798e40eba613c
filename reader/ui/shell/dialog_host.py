"""Opening dialogs over the window: themed, window-modal, kept while open, keyboard handed back.

A dialog nobody refers to is collected by Python while on screen; the host keeps the last
one of each kind (``shown[name]``: tests and the style follow them there).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QWidget


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
