"""Moving in and out from the window: File ▸ Import from Another Reader… (a progress
dialog, then a report of what came in, merged, waits to be fetched or was left out) and
File ▸ Export… (the whole library or the selection, in any format `reader export`
writes, with a progress dialog).

Everything slow runs on worker threads; the window only hears of progress by signal
(reader.ui.presenter.tasks), so it never freezes. Fetching what an import queued is
reader.ui.shell.queue_fetch's job.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.errors import ReaderError
from reader.ui.actions.registry import handles
from reader.ui.actions.table import FILE_EXPORT, FILE_IMPORT_EXPORT
from reader.ui.shell.dialog_host import documents_folder
from reader.ui.shell.status_line import STATUS_TIMEOUT_MS

if TYPE_CHECKING:
    from reader.service.importing import ImportSummary
    from reader.store import Library
    from reader.ui.library.library_view import LibraryPanel
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.presenter.tasks import Relay
    from reader.ui.shell.dialog_host import DialogHost
    from reader.ui.shell.library_actions import LibraryActions
    from reader.ui.shell.messages import MessageBar
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.queue_fetch import QueueFetch
    from reader.ui.shell.status_line import StatusLine

EXPORT_FILTERS = (
    "Exports (*.zip *.csv *.json *.jsonl *.html *.htm *.opml *.xml)",
    "All files (*)",
)
REPORT_LINES = 200  # a report lists this many left-out entries, then says how many more


class MovingActions:
    """See module docstring."""

    def __init__(
        self,
        *,
        library: LibraryService,
        library_panel: LibraryPanel | None,
        library_actions: LibraryActions,
        queue_fetch: QueueFetch,
        opening: Opening,
        relay: Relay,
        dialogs: DialogHost,
        status: StatusLine,
        messages: MessageBar,
    ) -> None:
        self.library, self.library_panel = library, library_panel
        self.library_actions, self.queue_fetch = library_actions, queue_fetch
        self.opening, self.relay = opening, relay
        self.dialogs, self.status, self.messages = dialogs, status, messages

    # -- moving in -------------------------------------------------------------------------
    @handles(FILE_IMPORT_EXPORT)
    def import_export_dialog(self) -> None:
        dialog = QFileDialog(
            self.dialogs.window, "Import another reader's export", "", ";;".join(EXPORT_FILTERS)
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(self.import_exports)
        self.dialogs.open("file", dialog)

    def import_exports(self, paths: list[str]) -> None:
        if paths:
            self.library_actions.import_paths(list(paths), self.report)

    def report(self, summary: ImportSummary) -> None:
        """What the import did, in a box the person can read at leisure; the pages it
        queued start fetching at once."""
        box = QMessageBox(self.dialogs.window)
        box.setWindowTitle("Import report")
        box.setIcon(QMessageBox.Icon.Warning if summary.failures else QMessageBox.Icon.Information)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(report_text(summary))
        details = report_details(summary)
        if details:
            box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        self.dialogs.open("import-report", box)
        if summary.queued:
            self.queue_fetch.start()

    # -- moving out ------------------------------------------------------------------------
    @handles(FILE_EXPORT)
    def export_dialog(self) -> None:
        from reader.ui.dialogs.export_dialog import ExportDialog

        selected = self.library_panel.selected_ids() if self.library_panel is not None else []

        def ask(total: int) -> None:
            dialog = ExportDialog(total, len(selected), documents_folder(), self.dialogs.window)
            dialog.chosen.connect(
                lambda name, only, path: self.export(selected if only else None, name, path)
            )
            self.dialogs.open("export", dialog)

        self.library.read(lambda library: len(library.article_ids()), ask, self._failed)

    def export(self, ids: list[int] | None, format_name: str, path: Path) -> None:
        """Write ``ids`` (None: the whole library) to ``path`` on a worker thread."""
        import threading

        from reader.service.exporting import FORMATS, export

        stop = threading.Event()
        dialog = self.dialogs.progress("export-progress", "Exporting", "Reading the library…", stop)
        relay = self.relay

        def heard(done: int, total: int, title: str) -> None:
            if stop.is_set():
                raise ExportStopped
            relay.export_progress.emit(done, total, title)

        def work(library: Library) -> int:
            chosen = library.article_ids() if ids is None else ids
            return export(library, chosen, format_name, path, heard)

        def on_progress(done: int, total: int, title: str) -> None:
            dialog.setMaximum(max(1, total))
            dialog.setValue(done)
            dialog.setLabelText(f"{done} of {total}: {title}")

        def finish() -> None:
            relay.export_progress.disconnect(on_progress)
            dialog.close()

        def written(count: int) -> None:
            finish()
            label = FORMATS[format_name].label
            articles = f"{count} article{'' if count == 1 else 's'}"
            self.status.show(f"Exported {articles} to {path} ({label}).", STATUS_TIMEOUT_MS)

        def failed(error: BaseException) -> None:
            finish()
            if isinstance(error, ExportStopped):
                self.status.show("Export cancelled: nothing was written.", STATUS_TIMEOUT_MS)
            else:
                self._failed(error)

        relay.export_progress.connect(on_progress)
        # A reader thread: the export reads the library and writes only its own files.
        self.library.read(work, written, failed)

    def _failed(self, error: BaseException) -> None:
        self.messages.show_error(f"Not exported: {error}")


class ExportStopped(ReaderError):
    """The person cancelled an export (its file was never put in place)."""


def report_text(summary: ImportSummary) -> str:
    """The report in words a person reads: what is new, what was already here, what waits."""
    counts = (
        (summary.added + summary.queued, "new in the library"),
        (
            summary.merged,
            "merged with the same article already here (tags united, the earliest saved date kept)",
        ),
        (summary.updated, "updated"),
        (summary.unchanged, "already in the library, unchanged"),
        (summary.failed, "could not be imported"),
        (len(summary.skipped), "left out (nothing Reader can keep)"),
    )
    said = [f"{_articles(count)} {what}" for count, what in counts if count]
    lines = [("; ".join(said) or "Nothing was imported") + "."]
    lines[0] = lines[0][:1].upper() + lines[0][1:]
    if summary.cancelled:
        lines.append("The import was cancelled: what came in before is kept.")
    if summary.queued:
        lines.append(
            f"{_waiting(summary.queued)}: Reader fetches them now, a few at a time, and"
            " carries on next time if you quit."
        )
    if summary.skipped or summary.failures:
        lines.append("Show Details says what was left out and why.")
    return "\n\n".join(lines)


def _articles(count: int) -> str:
    return f"{count} article{'' if count == 1 else 's'}"


def _waiting(count: int) -> str:
    return (
        "1 article waits for its page" if count == 1 else f"{count} articles wait for their pages"
    )


def report_details(summary: ImportSummary) -> str:
    rows = [f"Not imported: {Path(where).name}: {why}" for where, why in summary.failures]
    rows += [f"Left out: {where}: {why}" for where, why in summary.skipped]
    if len(rows) > REPORT_LINES:
        rows = [*rows[:REPORT_LINES], f"… and {len(rows) - REPORT_LINES} more"]
    return "\n".join(rows)
