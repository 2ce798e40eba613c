"""Recent files (the File ▸ Open Recent menu) and what a drop on the window opens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData
    from PySide6.QtWidgets import QMenu

    from reader.service.reading import Document
    from reader.ui.presenter.document import CurrentDocument
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.settings import Settings


class RecentFiles:
    """Keeps the recent menu in step with the settings' list of opened sources."""

    def __init__(
        self, *, menu: QMenu, settings: Settings, opening: Opening, current: CurrentDocument
    ) -> None:
        self.menu = menu
        self.settings = settings
        self.opening = opening
        menu.aboutToShow.connect(self.rebuild)
        current.follow(self.document_opened)

    def document_opened(self, document: Document) -> None:
        if document.source:
            self.remember(document.source)

    def remember(self, source: str) -> None:
        """An opened source goes to the top of the menu (the bundled sample never does)."""
        from reader.service.reading import is_sample
        from reader.urls import is_url, source_origin

        if not is_sample(source):
            self.settings.add_recent(source if is_url(source) else source_origin(source) or source)
            self.rebuild()  # a greyed-out menu never asks to be filled: do it now

    def rebuild(self) -> None:
        from PySide6.QtGui import QAction

        menu = self.menu
        settings = self.settings
        menu.clear()
        recent = settings.recent
        for index, source in enumerate(recent, start=1):
            label = f"&{index % 10} {Path(source).name.replace('&', '&&')}"  # not a mnemonic
            action = QAction(label, menu)
            action.setStatusTip(source)
            action.triggered.connect(lambda _=False, s=source: self.opening.open_source(s))
            menu.addAction(action)
        if recent:
            menu.addSeparator()
            clear = menu.addAction("Clear Menu")
            clear.triggered.connect(settings.clear_recent)
        menu.setEnabled(bool(recent))


def dropped_sources(mime: QMimeData) -> list[str]:
    """Files and http(s) links dropped on the window (a dragged address is text)."""
    sources: list[str] = []
    for url in mime.urls():
        if url.isLocalFile():
            sources.append(url.toLocalFile())
        elif url.scheme() in ("http", "https"):
            sources.append(url.toString())
    if not sources and mime.hasText():
        from reader.ui.dialogs.open_url_dialog import parse_url
        from reader.urls import is_url

        typed = parse_url(mime.text().strip())
        if typed is not None and is_url(typed):
            sources.append(typed)
    return sources
