"""Library actions from the window: star, archive, read, tags, and importing a folder.

e/s/m/t act on the selected articles when the library list has focus, else on the article
being read; either way the change goes on the library panel's undo stack.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from reader.ui.controller import Controller
from reader.ui.opening import STATUS_TIMEOUT_MS

log = logging.getLogger(__name__)

# A folder with fewer pages than this is imported in this process: starting a process
# pool costs more than it saves.
POOL_MIN_FILES = 24


class LibraryActions(Controller):
    """Changes to saved articles, and what the window does when the library changes."""

    def toggle_star(self) -> None:
        self._flag("starred", "toggle_star", "Starred", "Unstarred")

    def toggle_archive(self) -> None:
        self._flag("archived", "toggle_archive", "Archived", "Moved out of the archive")

    def toggle_read(self) -> None:
        self._flag("read", "toggle_read", "Marked as read", "Marked as unread")

    def _flag(self, field: str, panel_method: str, on_text: str, off_text: str) -> None:
        """e/s/m: the selected articles when the library has focus, else the one read."""
        from reader.errors import ReaderError
        from reader.ui.library_view import FlagChange

        window = self.window
        panel = window.library_panel
        if panel is None or window.library is None:
            self.status("The library is unavailable", 3000)
            return
        if self.panel_has_focus():
            getattr(panel, panel_method)()
            return
        if window.article_id is None:
            self.status("This article is not in the library", 3000)
            return
        try:
            stored = window.library.article(window.article_id)
        except ReaderError as error:
            window.message_bar.show_error(str(error))
            return
        before = {window.article_id: bool(getattr(stored, field))}
        value = not before[window.article_id]
        title = stored.article.title or "Untitled"
        text = f"{on_text if value else off_text} “{title}”."
        change = FlagChange(panel, field, value, before, text)
        panel.undo_stack.push(change)
        if not change.failed:
            panel.show_message(text, undo=True)
            self.status(text, 3000)

    def edit_tags(self) -> None:
        """t: the tags of the selected articles, or of the article being read."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        from reader.errors import ReaderError
        from reader.ui.library_view import TagsChange

        window = self.window
        panel = window.library_panel
        if panel is None or window.library is None:
            return
        if self.panel_has_focus():
            panel.edit_tags()
            return
        if window.article_id is None:
            self.status("This article is not in the library", 3000)
            return
        article_id = window.article_id
        try:
            current = tuple(window.library.article(article_id).tags)
        except ReaderError as error:
            window.message_bar.show_error(str(error))
            return
        dialog = QInputDialog(window)
        dialog.setWindowTitle("Tags")
        dialog.setLabelText("Tags, separated by commas:")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(", ".join(current))

        def accepted() -> None:
            tags = tuple(
                dict.fromkeys(t.strip() for t in dialog.textValue().split(",") if t.strip())
            )
            if tags != current:
                panel.undo_stack.push(TagsChange(panel, {article_id: tags}, {article_id: current}))
                panel.show_message(f"Tags: {', '.join(tags) or 'none'}", undo=True)

        dialog.accepted.connect(accepted)
        window.tags_dialog = dialog
        self.open_dialog(dialog)

    # -- what the library list and the reading view report ---------------------------------
    def article_changed(self, article_id: int) -> None:
        """A change from the library list: nothing to redraw in the article for now."""

    def article_deleted(self, article_id: int) -> None:
        if article_id == self.window.article_id:
            self.status("This article was deleted from the library", 4000)

    def end_reached(self) -> None:
        """The end of the article came into view: the library counts it as read."""
        from reader.errors import ReaderError

        window = self.window
        if window.library is None or window.article_id is None:
            return
        try:
            window.library.set_read(window.article_id, True)
        except ReaderError as error:
            log.warning("not marked read: %s", error)
            return
        if window.library_panel is not None:
            window.library_panel.update_article_state(window.article_id, read=True)

    # -- importing -------------------------------------------------------------------------
    def import_folder_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        dialog = QFileDialog(self.window, "Import a folder of saved pages")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.import_folder)
        self.window.file_dialog = dialog
        self.open_dialog(dialog)

    def import_folder(self, folder: str) -> None:
        """Import every page of ``folder`` off the GUI thread, with a cancellable dialog."""
        import threading

        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        from reader.service.importing import collect_sources, import_sources
        from reader.store import Library
        from reader.ui.plain_text import plain_label

        if not folder:
            return
        window = self.window
        cancel = threading.Event()
        dialog = QProgressDialog("Looking for saved pages…", "Cancel", 0, 0, window)
        dialog.setLabel(plain_label("Looking for saved pages…"))  # file names stay text
        dialog.setWindowTitle("Importing")
        dialog.setAccessibleName("Import progress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(cancel.set)
        window.import_dialog = dialog
        dialog.show()
        relay = window.relay

        def work() -> object:
            files, _ = collect_sources([folder])
            workers = 1 if len(files) < POOL_MIN_FILES else None
            with Library() as library:
                return import_sources(
                    [folder],
                    library,
                    workers=workers,
                    progress=relay.import_event.emit,
                    cancel=cancel,
                    fork_safe=False,  # the window has threads of its own
                )

        def on_event(event: Any) -> None:
            dialog.setMaximum(max(1, event.total))
            dialog.setValue(event.done)
            name = Path(event.source).name
            dialog.setLabelText(f"{event.done} of {event.total}: {name}")

        def done(summary: Any) -> None:
            relay.import_event.disconnect(on_event)
            dialog.close()
            line = summary.line()
            self.status(line[:1].upper() + line[1:], STATUS_TIMEOUT_MS)
            if summary.failures:
                first, reason = summary.failures[0]
                more = (
                    f" (and {len(summary.failures) - 1} more)" if len(summary.failures) > 1 else ""
                )
                window.message_bar.show_error(f"Not imported: {Path(first).name}: {reason}{more}")
            window.last_import = summary
            self.reload_library()

        def failed(error: BaseException) -> None:
            from reader.ui.messages import describe_error

            relay.import_event.disconnect(on_event)
            dialog.close()
            window.message_bar.show_error(describe_error(folder, error))

        relay.import_event.connect(on_event)
        window.opening.background_task(work, done, failed)
