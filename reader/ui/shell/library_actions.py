"""Library actions from the window: star, archive, read, tags, and importing a folder.

e/s/m/t act on the selected articles when the library list has focus, else on the article
being read; either way the change goes on the library panel's undo stack
(reader.ui.library.changes decides what it does and says).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.ui.actions.registry import handles
from reader.ui.actions.table import (
    ARTICLE_ARCHIVE,
    ARTICLE_READ,
    ARTICLE_STAR,
    ARTICLE_TAGS,
    FILE_IMPORT,
)
from reader.ui.shell.status_line import STATUS_TIMEOUT_MS, holds_focus

if TYPE_CHECKING:
    from reader.service.importing import ImportEvent, ImportSummary
    from reader.service.reading import Document
    from reader.store import ArticleRow
    from reader.ui.library.library_view import LibraryPanel
    from reader.ui.presenter.document import CurrentDocument
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.presenter.tasks import Relay
    from reader.ui.shell.dialog_host import DialogHost
    from reader.ui.shell.messages import MessageBar
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.status_line import StatusLine
    from reader.ui.shell.undo_toast import UndoToast
    from reader.ui.sidebar.sidebar import Sidebar

log = logging.getLogger(__name__)

# A folder with fewer pages than this is imported in this process: starting a process
# pool costs more than it saves.
POOL_MIN_FILES = 24


class LibraryActions:
    """Changes to saved articles, and what the window does when the library changes."""

    def __init__(
        self,
        *,
        library_panel: LibraryPanel | None,
        library: LibraryService,
        current: CurrentDocument,
        sidebar: Sidebar,
        opening: Opening,
        relay: Relay,
        dialogs: DialogHost,
        status: StatusLine,
        messages: MessageBar,
        undo_toast: UndoToast,
        next_unread: Callable[[], None],
    ) -> None:
        self.library_panel = library_panel
        self.undo_toast = undo_toast
        self.next_unread = next_unread
        self.library = library
        self.current = current
        self.sidebar = sidebar
        self.opening = opening
        self.relay = relay
        self.dialogs = dialogs
        self.status = status
        self.messages = messages
        self.last_import: ImportSummary | None = None
        opening.library_changed.connect(self.reload_library)
        if library_panel is not None:
            library_panel.article_changed.connect(current.change)
            library_panel.article_deleted.connect(self.article_deleted)
        current.follow(self.document_opened)

    @handles(ARTICLE_STAR)
    def toggle_star(self) -> None:
        self._flag("starred")

    @handles(ARTICLE_ARCHIVE)
    def toggle_archive(self) -> None:
        self._flag("archived")

    @handles(ARTICLE_READ)
    def toggle_read(self) -> None:
        self._flag("read")

    def _flag(self, field: str) -> None:
        """e/s/m: the selected articles when the library has focus, else the one read."""
        from reader.ui.library.changes import flag_change

        panel = self.library_panel
        if panel is None:
            self.status.show("The library is unavailable", 3000)
            return
        if holds_focus(panel):
            panel.toggle_flag(field)
            return

        def toggle(row: ArticleRow) -> None:
            change = flag_change(panel, field, {row.id: row})
            panel.push_change(change, announce=False)
            if change.failed:
                return
            if field == "archived" and change.value:
                self._archived_while_reading(row.id, change.text())
            else:
                self.undo_toast.offer(change.text(), panel.undo)

        self._with_current_row(toggle)

    def _archived_while_reading(self, article_id: int, text: str) -> None:
        """Archiving the article on screen moves on to the next unread one; Undo brings
        the article back out of the archive and back on screen."""
        panel = self.library_panel
        assert panel is not None

        def undo() -> None:
            panel.undo()
            self.opening.open_article(article_id)

        self.undo_toast.offer(f"{text.rstrip('.')}, on to the next unread article", undo)
        self.next_unread()

    @handles(ARTICLE_TAGS)
    def edit_tags(self) -> None:
        """t: the tags of the selected articles, or of the article being read."""
        panel = self.library_panel
        if panel is None:
            return
        if holds_focus(panel):
            panel.edit_tags()
            return
        self._with_current_row(self._ask_tags)

    def _ask_tags(self, row: ArticleRow) -> None:
        from reader.tags import parse_tags
        from reader.ui.library.changes import TagsChange
        from reader.ui.library.tags_dialog import TagsDialog

        panel = self.library_panel
        assert panel is not None
        current = row.tags
        dialog = TagsDialog(current, panel.known_tags, row.title, self.dialogs.window)

        def accepted() -> None:
            tags = parse_tags(dialog.textValue())
            if tags != current:
                change = TagsChange(panel, {row.id: tags}, {row.id: current})
                panel.push_change(change, announce=False)
                if not change.failed:
                    said = ", ".join(tags) if tags else "none"
                    self.undo_toast.offer(f"Tags of “{row.title}”: {said}", panel.undo)

        dialog.accepted.connect(accepted)
        self.dialogs.open("tags", dialog)

    def _with_current_row(self, then: Callable[[ArticleRow], None]) -> None:
        """Read the article on screen as the library list has it, then act on it."""
        article_id = self.current.article_id
        if article_id is None:
            self.status.show("This article is not in the library", 3000)
            return
        self.library.read(
            lambda library: library.row(article_id),
            then,
            lambda error: self.messages.show_error(str(error)),
            owner=self.library_panel,
        )

    # -- what the library list, the reading view and opening report -----------------------
    def document_opened(self, document: Document) -> None:
        """A newly opened source was just saved: the list and counts show it, selected."""
        panel = self.library_panel
        if document.source is not None:
            self.reload_library()
        if panel is not None and document.article_id is not None:
            panel.select_article(document.article_id)

    def article_deleted(self, article_id: int) -> None:
        if article_id == self.current.article_id:
            self.status.show("This article was deleted from the library", 4000)

    def end_reached(self) -> None:
        """The end of the article came into view: the library counts it as read."""
        article_id = self.current.article_id
        if article_id is None:
            return

        def marked(_result: None) -> None:
            if self.library_panel is not None:
                self.library_panel.update_article_state(article_id, read=True)
            self.current.change(article_id)

        self.library.write(
            lambda library: library.set_read(article_id, True),
            marked,
            lambda error: log.warning("not marked read: %s", error),
        )

    def reload_library(self) -> None:
        """The library changed: its list and the For you counts follow."""
        if self.library_panel is not None:
            self.library_panel.reload()
        self.sidebar.refresh()

    # -- importing -------------------------------------------------------------------------
    @handles(FILE_IMPORT)
    def import_folder_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        dialog = QFileDialog(self.dialogs.window, "Import a folder of saved pages")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.import_folder)
        self.dialogs.open("file", dialog)

    def import_folder(self, folder: str) -> None:
        if folder:
            self.import_paths([folder])

    def import_paths(
        self, sources: list[str], then: Callable[[ImportSummary], None] | None = None
    ) -> None:
        """Import every page of ``sources`` (files, folders, other readers' exports) off the
        GUI thread, with a cancellable dialog; ``then(summary)`` after the window has said
        what happened.

        Each article commits on the library service's writer thread, in turn with the
        window's own writes."""
        import threading

        from reader.service.importing import collect_sources, import_sources

        cancel = threading.Event()
        dialog = self.dialogs.progress("import", "Importing", "Looking for saved pages…", cancel)
        relay, writes = self.relay, self.library.writes

        def work() -> ImportSummary:
            files, _ = collect_sources(sources)
            workers = 1 if len(files) < POOL_MIN_FILES else None
            return import_sources(
                sources,
                writes,
                workers=workers,
                progress=relay.import_event.emit,
                cancel=cancel,
                fork_safe=False,  # the window has threads of its own
            )

        def on_event(event: ImportEvent) -> None:
            dialog.setMaximum(max(1, event.total))
            dialog.setValue(event.done)
            name = Path(event.source).name
            dialog.setLabelText(f"{event.done} of {event.total}: {name}")

        def done(summary: ImportSummary) -> None:
            relay.import_event.disconnect(on_event)
            dialog.close()
            line = summary.line()
            self.status.show(line[:1].upper() + line[1:], STATUS_TIMEOUT_MS)
            if summary.failures:
                first, reason = summary.failures[0]
                count = len(summary.failures)
                more = f" (and {count - 1} more)" if count > 1 else ""
                self.messages.show_error(f"Not imported: {Path(first).name}: {reason}{more}")
            self.last_import = summary
            self.reload_library()
            if then is not None:
                then(summary)

        def failed(error: BaseException) -> None:
            from reader.ui.shell.messages import describe_error

            relay.import_event.disconnect(on_event)
            dialog.close()
            self.messages.show_error(describe_error(sources[0], error))

        relay.import_event.connect(on_event)
        self.opening.background_task(work, done, failed)
