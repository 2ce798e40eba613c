"""Text from a page, a server or a file name is shown as the characters it holds.

Qt guesses: a QLabel (AutoText) or a tooltip that looks like markup is drawn as rich text,
so a server's error could draw a fake heading and an ``<img src="/home/…">`` in a title
would load a file from disk. Every label that can show such text is made with
``plain_label``, and every tooltip is passed through ``plain_tooltip``.
"""

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that never interprets its text as markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as written. Tooltips have no plain-text switch: the
    text is escaped and wrapped, so Qt always treats it as (harmless) rich text."""
    if not text:
        return text
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
