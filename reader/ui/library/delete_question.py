"""Deleting articles that have highlights: keep the highlights, or let them go too?

Asked only when one of the articles has highlights. Keeping them is the default answer
(Enter): they stay in the library's list of highlights, detached, under the article's
title and address. Cancel deletes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from reader.store import ArticleRow, SearchHit


def ask_keep_highlights(
    parent: QWidget, rows: Sequence[ArticleRow | SearchHit], then: Callable[[bool], None]
) -> QMessageBox | None:
    """Call ``then(keep_highlights)`` at once when no article has highlights, else once
    the reader answers (nothing when they cancel). Returns the open question, if any."""
    count = sum(row.highlights for row in rows)
    if not count:
        then(True)
        return None
    marks = "1 highlight" if count == 1 else f"{count} highlights"
    whose = "this article" if len(rows) == 1 else "these articles"
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Delete and Keep Highlights?",
        f"{whose.capitalize()} {'has' if len(rows) == 1 else 'have'} {marks}.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setInformativeText(
        "Kept highlights stay in All Highlights with the article's title and address."
    )
    keep = box.addButton("Keep Highlights", QMessageBox.ButtonRole.AcceptRole)
    drop = box.addButton("Delete Them Too", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)

    def answered() -> None:
        clicked = box.clickedButton()
        if clicked is keep or clicked is drop:
            then(clicked is keep)

    box.finished.connect(lambda _result: answered())
    box.open()
    return box
