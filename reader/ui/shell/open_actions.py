"""The commands that ask what to open (a file, an address, the clipboard) and
the links of the article: each ends in Opening, or in the browser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl

from reader.ui.actions.registry import handles
from reader.ui.actions.table import (
    ARTICLE_ORIGINAL,
    FILE_OPEN,
    FILE_OPEN_URL,
    FILE_PASTE_URL,
)

if TYPE_CHECKING:
    from reader.ui.presenter.document import CurrentDocument
    from reader.ui.shell.dialog_host import DialogHost
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.settings import Settings
    from reader.ui.shell.status_line import StatusLine

OPEN_FILTERS = (
    "Saved pages (*.html *.htm *.xhtml *.mhtml *.mht *.webarchive *.txt)",
    "HTML pages (*.html *.htm *.xhtml)",
    "Web archives (*.mhtml *.mht *.webarchive)",
    "Text dumps (*.txt)",
    "All files (*)",
)


class OpenActions:
    """File ▸ Open…, Open Web Address…, Open from Clipboard; the original page
    and the article's links. ``open_external`` hands an address to the browser."""

    def __init__(
        self,
        *,
        opening: Opening,
        current: CurrentDocument,
        dialogs: DialogHost,
        settings: Settings,
        status: StatusLine,
        open_external: Callable[[QUrl], object],
    ) -> None:
        self.opening = opening
        self.current = current
        self.dialogs = dialogs
        self.settings = settings
        self.status = status
        self.open_external = open_external  # tests replace it

    @handles(FILE_OPEN)
    def open_file_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        recent = self.settings.recent
        start = str(Path(recent[0]).parent) if recent else ""
        window = self.dialogs.window
        dialog = QFileDialog(window, "Open a saved page", start, ";;".join(OPEN_FILTERS))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(self.opening.open_sources)
        self.dialogs.open("file", dialog)

    @handles(FILE_OPEN_URL)
    def open_url_dialog(self) -> None:
        from reader.ui.dialogs.open_url_dialog import OpenUrlDialog

        dialog = OpenUrlDialog(self.dialogs.window)

        def accepted() -> None:
            url = dialog.url()
            if url:
                self.opening.open_source(url)

        dialog.accepted.connect(accepted)
        self.dialogs.open("url", dialog)

    @handles(FILE_PASTE_URL)
    def open_clipboard_url(self) -> None:
        from reader.ui.dialogs.open_url_dialog import clipboard_url, parse_url

        url = clipboard_url()
        if url is None:
            from PySide6.QtGui import QGuiApplication

            clipboard = QGuiApplication.clipboard()
            url = parse_url(clipboard.text()) if clipboard is not None else None
        if url is None:
            self.status.show("The clipboard holds no web address", 3000)
            return
        self.opening.open_source(url)

    @handles(ARTICLE_ORIGINAL)
    def open_original(self) -> None:
        article = self.current.article
        if article is not None and article.url:
            self.open_in_browser(QUrl(article.url))
        else:
            self.status.show("This article has no web address", 3000)

    # -- links -----------------------------------------------------------------------------
    def link_clicked(self, url: QUrl) -> None:
        """A link in the article opens here (fetched); with Shift, in the browser."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        if url.scheme() not in ("http", "https"):
            return
        if QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.open_in_browser(url)
        else:
            self.opening.open_source(url.toString())

    def open_in_browser(self, url: QUrl) -> None:
        """The address in the system's browser; when none can be started, it is put on the
        clipboard instead, and the status bar says so."""
        from PySide6.QtGui import QGuiApplication

        if url.scheme() not in ("http", "https"):
            return
        if self.open_external(url) is False:  # QDesktopServices.openUrl found no browser
            QGuiApplication.clipboard().setText(url.toString())
            self.status.show(
                "No web browser could be started: the address is on the clipboard", 6000
            )
            return
        self.status.show(f"Opened {url.toString()} in your browser", 3000)

    def show_link_target(self, url: QUrl) -> None:
        if url.isEmpty():
            self.status.clear()
        else:
            self.status.show(url.toString() + "  (Shift+click: in your browser)")
