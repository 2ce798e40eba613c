"""Telling the reader what happened: an inline message bar above the article.

Errors are one clear line ("Could not open page.html: not an HTML page"), shown in the
window, never as a traceback dialog. The bar stays until closed or until the next success.
"""

from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from reader.errors import ReaderError
from reader.ui.plain_text import plain_label

ERROR_COLORS = ("#f8e1dc", "#6d1f12")  # background, text: on paper (light, sepia)
# The same, dimmed for the dark theme: a pale bar there glares brighter than the page.
DARK_ERROR_COLORS = ("#4a2621", "#f3cbc2")
# A source's name is cut to this many characters: a recommended story's ad-network redirect
# (a 700-character query with no spaces) made the wrapped bar wider than the screen.
NAME_CHARS = 60


def source_name(source: str) -> str:
    """What the reader knows the source as: a file's name, an address's last part (its
    query and fragment left out, the host when the path is empty), cut in the middle; a
    blank source as '' (a message must not read as if the name were missing)."""
    if not source.strip():
        return repr(source)
    if "://" in source:
        parts = urlsplit(source)
        source = parts.netloc + parts.path.rstrip("/")
    name = source.rsplit("/", 1)[-1] or source
    if len(name) <= NAME_CHARS:
        return name
    half = (NAME_CHARS - 1) // 2
    return name[:half] + "…" + name[-half:]


def describe_error(source: str, error: BaseException) -> str:
    """One line for a failure; Reader's own errors carry the reason already."""
    name = source_name(source)
    if isinstance(error, ReaderError):
        reason = str(error) or type(error).__name__
    elif isinstance(error, OSError):
        reason = error.strerror or str(error)
    else:
        reason = f"unexpected {type(error).__name__}: {error}"
    return f"Could not open {name}: {reason}"


class MessageBar(QWidget):
    """A one-line, closable error message above the reading view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAutoFillBackground(True)
        self.label = plain_label()
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
        self.shown_error = False  # an error is on the bar (hidden or not), to recolour
        self._dark = False
        self.hide()

    def set_dark(self, dark: bool) -> None:
        """Follow the theme (a message already shown takes the new colours)."""
        self._dark = dark
        if self.shown_error:
            self._paint()

    def _paint(self) -> None:
        colors = DARK_ERROR_COLORS if self._dark else ERROR_COLORS
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(colors[0]))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colors[1]))
        palette.setColor(QPalette.ColorRole.ButtonText, QColor(colors[1]))
        self.setPalette(palette)

    def show_error(self, text: str) -> None:
        self._paint()
        self.label.setText(text)
        self.shown_error = True
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""
