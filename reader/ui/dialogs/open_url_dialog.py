"""Ctrl+L: a small dialog asking for a web address, pre-filled from the clipboard.

Only http and https are accepted (the fetcher refuses everything else anyway, and saying
so here is kinder than an error after the fact). A bare "example.com/page" gets https://.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.ui.plain_text import plain_label

SCHEMES = ("http", "https")
# A host-looking start with a dot in it: "example.com", "news.example.co.uk/x".
_BARE_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?::\d+)?(?:[/?#].*)?$", re.IGNORECASE)
# localhost and IPv4 literals: local servers seldom speak TLS, so they get http://.
_LOCAL_HOST = re.compile(
    r"^(?:localhost|\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?(?:[/?#].*)?$", re.IGNORECASE
)
_HAS_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_SCHEME_PREFIX = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
MAX_URL_LENGTH = 8192  # longer is a pasted document, not an address


def parse_url(text: str) -> str | None:
    """The http(s) URL in ``text`` or None; adds a scheme to a bare host name."""
    text = text.strip()
    if not text or len(text) > MAX_URL_LENGTH or any(c.isspace() for c in text):
        return None
    if text.startswith("//"):
        text = "https:" + text
    elif _LOCAL_HOST.match(text):
        text = "http://" + text
    elif _BARE_HOST.match(text):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        return None
    return text


def why_not(text: str) -> str:
    """One line telling why ``text`` is not accepted (empty when it is)."""
    stripped = text.strip()
    if not stripped:
        return ""
    if parse_url(stripped) is not None:
        return ""
    prefix = _SCHEME_PREFIX.match(stripped)
    if prefix:
        scheme = prefix.group(1).lower()
        if scheme not in SCHEMES:
            return f"Only http and https addresses can be opened (not {scheme}:)."
    return "This does not look like a web address."


def clipboard_url() -> str | None:
    """The clipboard's text when it holds a single http(s) address."""
    clipboard = QGuiApplication.clipboard()
    if clipboard is None:
        return None
    text = clipboard.text().strip()
    if not _HAS_SCHEME.match(text):
        return None  # only a full address pre-fills; a random word does not
    return parse_url(text)


class OpenUrlDialog(QDialog):
    """Address field, a one-line hint when it is not valid, Open / Cancel."""

    def __init__(self, parent: QWidget | None = None, initial: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open web address")
        self.setAccessibleName("Open web address")
        self.setObjectName("openUrlDialog")
        label = QLabel("&Address:", self)
        self.field = QLineEdit(self)
        self.field.setAccessibleName("Web address")
        self.field.setPlaceholderText("https://example.com/article")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 60))
        label.setBuddy(self.field)
        self.hint = plain_label(parent=self)
        self.hint.setAccessibleName("Address problem")
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.field.textChanged.connect(self._validate)
        prefill = initial if initial is not None else clipboard_url()
        if prefill:
            self.field.setText(prefill)
            self.field.selectAll()
        self._validate(self.field.text())
        self.field.setFocus()

    def _validate(self, text: str) -> None:
        ok = parse_url(text) is not None
        button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        button.setEnabled(ok)
        problem = why_not(text)
        self.hint.setText(problem)
        self.hint.setVisible(bool(problem))

    def accept(self) -> None:
        if parse_url(self.field.text()) is None:
            return
        super().accept()

    def url(self) -> str | None:
        return parse_url(self.field.text())

    @staticmethod
    def get_url(parent: QWidget | None = None) -> str | None:
        """Run the dialog; the accepted address or None."""
        dialog = OpenUrlDialog(parent)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.url()
            return None
        finally:
            dialog.deleteLater()
