"""What the window's handler groups share: the window, and a few words for common acts.

Each group (opening, library actions, navigation, view, recent files) is a Controller made
by ``MainWindow.build()``; the action table names its handlers as ``<group>.<method>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

    from reader.ui.shell.main_window import MainWindow


class Controller:
    """One group of the window's commands; the widgets and the article live on the window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def status(self, text: str, timeout_ms: int = 0) -> None:
        self.window.statusBar().showMessage(text, timeout_ms)

    def open_dialog(self, dialog: QDialog) -> None:
        """Open a window-modal dialog; when it closes the keyboard comes back here, even
        without a window manager to hand focus back (bare X servers, kiosk sessions)."""
        from PySide6.QtWidgets import QDialog

        dialog.setPalette(self.window.palette())  # a dialog is a window: it inherits no theme
        dialog.finished.connect(self.window.activateWindow)
        QDialog.open(dialog)  # QPrintDialog hides the no-argument open() behind its own

    def focused(self) -> QWidget | None:
        from PySide6.QtWidgets import QApplication

        return QApplication.focusWidget()

    def panel_has_focus(self) -> bool:
        panel = self.window.library_panel
        focus = self.focused()
        return panel is not None and focus is not None and panel.isAncestorOf(focus)

    def sidebar_has_focus(self) -> bool:
        focus = self.focused()
        return focus is not None and self.window.sidebar.isAncestorOf(focus)

    def reload_library(self) -> None:
        """The library changed: its list and the For you counts follow."""
        if self.window.library_panel is not None:
            self.window.library_panel.reload()
        self.window.sidebar.refresh()
