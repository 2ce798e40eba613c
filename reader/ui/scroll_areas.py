"""A scroll area's viewport, given its Python wrapper without PySide's type search."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QWidget

VIEWPORT_NAME = "qt_scrollarea_viewport"  # the name Qt gives every scroll area's viewport


def adopt_viewport(area: QAbstractScrollArea) -> None:
    """Wrap ``area``'s viewport now, found by its name as a QWidget. The first plain
    QWidget that ``viewport()`` handed to Python was wrapped after asking every QWidget
    subclass whether it was one: PySide built each of them on the way, with all their enums
    (~15 ms of the GUI thread, on the way to the first story). Once wrapped, ``viewport()``
    returns this wrapper."""
    area.findChild(QWidget, VIEWPORT_NAME)
