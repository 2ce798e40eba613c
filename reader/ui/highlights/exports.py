"""Highlights out of the window: this article's to the clipboard or a Markdown file, every
article's to a folder of Markdown notes or one JSON file.

The handler group of the Highlights menu's export rows. The library is read and files are
written on a reader thread (each file whole or not at all: reader.highlights.files); the
window says what was written, or why not, in one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from reader.ui.actions.registry import handles
from reader.ui.actions.table import (
    HIGHLIGHT_COPY,
    HIGHLIGHT_EXPORT,
    HIGHLIGHT_EXPORT_ALL,
    HIGHLIGHT_EXPORT_JSON,
)
from reader.ui.shell.status_line import STATUS_TIMEOUT_MS

if TYPE_CHECKING:
    from reader.highlights.export import ArticleHighlights
    from reader.store import Library
    from reader.ui.presenter.document import CurrentDocument
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.shell.dialog_host import DialogHost
    from reader.ui.shell.messages import MessageBar
    from reader.ui.shell.status_line import StatusLine

NONE_HERE = "This article has no highlights yet."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class HighlightExports:
    """See module docstring."""

    def __init__(
        self,
        *,
        current: CurrentDocument,
        library: LibraryService,
        messages: MessageBar,
        status: StatusLine,
        dialogs: DialogHost,
    ) -> None:
        self.current, self.library, self.messages = current, library, messages
        self.status, self.dialogs = status, dialogs

    def _article(self) -> int | None:
        article_id = self.current.article_id
        if article_id is None:
            self.messages.show_error("This article is not in the library: it has no highlights.")
        return article_id

    def _failed(self, error: BaseException) -> None:
        self.messages.show_error(f"Highlights not exported: {error}")

    @handles(HIGHLIGHT_COPY)
    def copy_markdown(self) -> None:
        """This article's highlights and notes, as Markdown, on the clipboard."""
        from reader.highlights.export import to_markdown
        from reader.service.highlighting import exported

        article_id = self._article()
        if article_id is None:
            return

        def read(library: Library) -> tuple[str, int]:
            (item,) = exported(library, article_id)
            return to_markdown(item), len(item.highlights)

        def copied(result: tuple[str, int]) -> None:
            text, count = result
            if not count:
                self.status.show(NONE_HERE, STATUS_TIMEOUT_MS)
                return
            QGuiApplication.clipboard().setText(text)
            self.status.show(
                f"Copied {_plural(count, 'highlight')} as Markdown.", STATUS_TIMEOUT_MS
            )

        self.library.read(read, copied, self._failed)

    @handles(HIGHLIGHT_EXPORT)
    def export_article_dialog(self) -> None:
        """Ask where to save this article's highlights as a Markdown note."""
        from reader.highlights.export import file_names

        article_id = self._article()
        if article_id is None:
            return
        title = self.current.article.title if self.current.article else ""
        from reader.highlights.export import ArticleHighlights

        name = file_names([ArticleHighlights(title=title, url=None, highlights=())])[0]
        dialog = QFileDialog(self.dialogs.window, "Export highlights", str(_documents() / name))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("Markdown (*.md)")
        dialog.setDefaultSuffix("md")
        dialog.fileSelected.connect(lambda path: self.export_article(article_id, Path(path)))
        self.dialogs.open("file", dialog)

    def export_article(self, article_id: int, path: Path) -> None:
        from reader.highlights.export import to_markdown
        from reader.highlights.files import write_whole
        from reader.service.highlighting import exported

        def write(library: Library) -> int:
            (item,) = exported(library, article_id)
            if item.highlights:
                write_whole(path, to_markdown(item))
            return len(item.highlights)

        def written(count: int) -> None:
            message = f"Wrote {_plural(count, 'highlight')} to {path}." if count else NONE_HERE
            self.status.show(message, STATUS_TIMEOUT_MS)

        self.library.read(write, written, self._failed)

    @handles(HIGHLIGHT_EXPORT_ALL)
    def export_folder_dialog(self) -> None:
        """Ask for a folder (a notes vault), then write one Markdown note per article."""
        dialog = QFileDialog(self.dialogs.window, "Export all highlights to a folder")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setDirectory(str(_documents()))
        dialog.fileSelected.connect(lambda folder: self.export_folder(Path(folder)))
        self.dialogs.open("file", dialog)

    def export_folder(self, folder: Path) -> None:
        from reader.highlights.files import write_folder

        def write(library: Library) -> int:
            return write_folder(folder, _with_highlights(library))

        def written(count: int) -> None:
            files = _plural(count, "Markdown file")
            self.status.show(f"Wrote {files} to {folder}.", STATUS_TIMEOUT_MS)

        self.library.read(write, written, self._failed)

    @handles(HIGHLIGHT_EXPORT_JSON)
    def export_json_dialog(self) -> None:
        dialog = QFileDialog(
            self.dialogs.window,
            "Export all highlights as JSON",
            str(_documents() / "highlights.json"),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("JSON (*.json)")
        dialog.setDefaultSuffix("json")
        dialog.fileSelected.connect(lambda path: self.export_json(Path(path)))
        self.dialogs.open("file", dialog)

    def export_json(self, path: Path) -> None:
        from reader.highlights.export import to_json
        from reader.highlights.files import write_whole

        def write(library: Library) -> int:
            items = _with_highlights(library)
            write_whole(path, to_json(items))
            return sum(len(item.highlights) for item in items)

        def written(count: int) -> None:
            self.status.show(f"Wrote {_plural(count, 'highlight')} to {path}.", STATUS_TIMEOUT_MS)

        self.library.read(write, written, self._failed)


def _with_highlights(library: Library) -> list[ArticleHighlights]:
    from reader.service.highlighting import exported

    return [item for item in exported(library) if item.highlights]


def _documents() -> Path:
    """Where an export is offered first: the documents folder, or home."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()
