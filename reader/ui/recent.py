"""Recent files (the File ▸ Open Recent menu) and what a drop on the window opens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.ui.controller import Controller


class RecentFiles(Controller):
    """Keeps the recent menu in step with the settings' list of opened sources."""

    def remember(self, source: str) -> None:
        """An opened source goes to the top of the menu (the bundled sample never does)."""
        from reader.service.reading import is_sample
        from reader.urls import is_url, source_origin

        if not is_sample(source):
            self.window.settings.add_recent(
                source if is_url(source) else source_origin(source) or source
            )

    def rebuild(self) -> None:
        from PySide6.QtGui import QAction

        menu = self.window.recent_menu
        settings = self.window.settings
        menu.clear()
        recent = settings.recent
        for index, source in enumerate(recent, start=1):
            label = f"&{index % 10} {Path(source).name.replace('&', '&&')}"  # not a mnemonic
            action = QAction(label, menu)
            action.setStatusTip(source)
            action.triggered.connect(lambda _=False, s=source: self.window.open_source(s))
            menu.addAction(action)
        if recent:
            menu.addSeparator()
            clear = menu.addAction("Clear Menu")
            clear.triggered.connect(settings.clear_recent)
        menu.setEnabled(bool(recent))


def dropped_sources(mime: Any) -> list[str]:
    """Files and http(s) links dropped on the window (a dragged address is text)."""
    sources = []
    for url in mime.urls():
        if url.isLocalFile():
            sources.append(url.toLocalFile())
        elif url.scheme() in ("http", "https"):
            sources.append(url.toString())
    if not sources and mime.hasText():
        from reader.ui.open_url_dialog import parse_url
        from reader.urls import is_url

        url = parse_url(mime.text().strip())
        if url is not None and is_url(url):
            sources.append(url)
    return sources
