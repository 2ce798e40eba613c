"""Telling the reader what happened: an inline message bar above the article.

Errors are one clear line ("Could not open page.html: not an HTML page"), shown in the
window, never as a traceback dialog. The bar stays until closed or until the next success.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from reader.errors import ReaderError

ERROR_COLORS = ("#f8e1dc", "#6d1f12")  # background, text: on paper (light, sepia)
INFO_COLORS = ("#e1ebf7", "#143b66")
# The same, dimmed for the dark theme: a pale bar there glares brighter than the page.
DARK_ERROR_COLORS = ("#4a2621", "#f3cbc2")
DARK_INFO_COLORS = ("#1f3350", "#d3e2f5")


def describe_error(source: str, error: BaseException) -> str:
    """One line for a failure; Reader's own errors carry the reason already."""
    name = source.rsplit("/", 1)[-1] or source
    if isinstance(error, ReaderError):
        reason = str(error) or type(error).__name__
    elif isinstance(error, OSError):
        reason = error.strerror or str(error)
    else:
        reason = f"unexpected {type(error).__name__}: {error}"
    return f"Could not open {name}: {reason}"


class MessageBar(QWidget):
    """A one-line, closable message (error or information) above the reading view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAutoFillBackground(True)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAccessibleName("Dismiss message")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.close_button.clicked.connect(self.hide)
        self.kind = ""
        self._dark = False
        self.hide()

    def set_dark(self, dark: bool) -> None:
        """Follow the theme (a message already shown takes the new colours)."""
        self._dark = dark
        if self.kind:
            self._paint(self.kind)

    def _colors(self, kind: str) -> tuple[str, str]:
        if kind == "error":
            return DARK_ERROR_COLORS if self._dark else ERROR_COLORS
        return DARK_INFO_COLORS if self._dark else INFO_COLORS

    def _paint(self, kind: str) -> None:
        colors = self._colors(kind)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(colors[0]))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colors[1]))
        palette.setColor(QPalette.ColorRole.ButtonText, QColor(colors[1]))
        self.setPalette(palette)

    def _show(self, text: str, kind: str) -> None:
        self._paint(kind)
        self.label.setText(text)
        self.kind = kind
        self.show()

    def show_error(self, text: str) -> None:
        self._show(text, "error")

    def show_info(self, text: str) -> None:
        self._show(text, "info")

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""
