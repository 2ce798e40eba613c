"""Noticing that another process changed the library (`reader import` in a terminal while
the window is open), so the library list, its counts and "For you" read it again.

Once a second the library's writer thread answers SQLite's ``PRAGMA data_version``: on that
connection it changes only when another connection committed, so the window's own saves do
not count (they refresh what they change themselves). Nothing changed costs one pragma on
the writer thread and one queued call back; measured in tests/benchmarks/library_watch.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from reader.ui.presenter.library_service import LibraryService

WATCH_INTERVAL_MS = 1000  # a change shows within about this, plus the reload


class LibraryWatch(QObject):
    """Emits ``changed`` when the library file was changed by someone else."""

    changed = Signal()

    def __init__(
        self,
        library: LibraryService,
        interval_ms: int = WATCH_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self._version: int | None = None
        self._asking = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.check()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        if self._asking:
            return  # the writer is busy with a long save: ask again next time
        self._asking = True
        self.library.write(lambda library: library.version()[0], self._answer, self._failed, self)

    def _answer(self, version: int) -> None:
        self._asking = False
        before, self._version = self._version, version
        if before is not None and version != before:
            self.changed.emit()

    def _failed(self, _error: BaseException) -> None:
        self._asking = False  # an unusable library says so elsewhere; keep watching
