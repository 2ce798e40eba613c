"""Ctrl+L dialog: only http(s), bare hosts completed, clipboard pre-fill."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from reader.ui.dialogs.open_url_dialog import OpenUrlDialog, parse_url, why_not


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("https://example.com/a?b=1#c", "https://example.com/a?b=1#c"),
        ("  http://example.com  ", "http://example.com"),
        ("example.com/page", "https://example.com/page"),
        ("news.example.co.uk", "https://news.example.co.uk"),
        ("//example.com/x", "https://example.com/x"),
        ("localhost:8000/x", "http://localhost:8000/x"),
        ("127.0.0.1:5000", "http://127.0.0.1:5000"),
        ("ftp://example.com/file", None),
        ("file:///etc/passwd", None),
        ("javascript:alert(1)", None),
        ("data:text/html,hi", None),
        ("http://", None),
        ("http://exa mple.com", None),
        ("http://example.com:99999/", None),
        ("just words", None),
        ("", None),
    ],
)
def test_parse_url(text, url):
    assert parse_url(text) == url


def test_why_not_names_the_scheme():
    assert "ftp:" in why_not("ftp://example.com")
    assert why_not("https://example.com") == ""
    assert why_not("") == ""
    assert why_not("hello there") != ""


def test_open_button_follows_validity(qtbot):
    QGuiApplication.clipboard().setText("not a url")
    dialog = OpenUrlDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.field.text() == ""
    open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    assert not open_button.isEnabled()
    qtbot.keyClicks(dialog.field, "ftp://example.com")
    assert not open_button.isEnabled()
    assert dialog.hint.isVisibleTo(dialog)
    dialog.field.clear()
    qtbot.keyClicks(dialog.field, "example.com/story")
    assert open_button.isEnabled()
    assert not dialog.hint.isVisibleTo(dialog)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.url() == "https://example.com/story"


def test_enter_on_a_bad_address_does_not_accept(qtbot):
    dialog = OpenUrlDialog(initial="mailto:someone@example.com")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.url() is None


def test_prefills_from_the_clipboard(qtbot):
    QGuiApplication.clipboard().setText("https://example.org/read-me")
    dialog = OpenUrlDialog()
    qtbot.addWidget(dialog)
    assert dialog.field.text() == "https://example.org/read-me"
    assert dialog.field.selectedText() == "https://example.org/read-me"
    assert dialog.field.accessibleName()
