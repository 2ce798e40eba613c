"""The current document: which article is on screen, said in one place, announced by signal.

The window's parts do not read "the article" off each other: whoever needs it holds this
object and listens. ``arriving`` fires just before another article takes the screen (who
changes the reading pane's width does it then, so the article is laid out once, at its
width), ``opened`` in the turn after it is on screen (the show turn has work enough: Qt taking the
document, the sidebar; the listeners' part goes after its paint), ``changed`` when the
one on screen was changed in the library (read, starred, tagged...), ``closed`` when the
window closes with it (the last moment to keep something about it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.model import Article
    from reader.service.reading import Document


class CurrentDocument(QObject):
    """Holds the Document on screen (None before the first one) and announces changes."""

    arriving = Signal(object)  # Document (not on screen yet: the view still shows the last)
    opened = Signal(object)  # Document
    changed = Signal(object)  # Document (the same article, its library state changed)
    closed = Signal(object)  # Document

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: Document | None = None
        self._unannounced: Document | None = None  # on screen; ``opened`` comes next turn

    @property
    def document(self) -> Document | None:
        return self._document

    @property
    def article(self) -> Article | None:
        return None if self._document is None else self._document.article

    @property
    def article_id(self) -> int | None:
        """The library id of the article on screen (None: nothing, or not saved)."""
        return None if self._document is None else self._document.article_id

    @property
    def source(self) -> str | None:
        return None if self._document is None else self._document.source

    def arrive(self, document: Document) -> None:
        """``document`` goes on screen next (``open`` follows in the same turn)."""
        self.arriving.emit(document)

    def open(self, document: Document) -> None:
        """``document`` is on screen now; ``opened`` tells of it in the next turn (of the
        newest, if another came meanwhile)."""
        self._document = self._unannounced = document
        QTimer.singleShot(0, self, self._announce)

    def announcing(self) -> bool:
        """An article is on screen and ``opened`` has not told of it yet."""
        return self._unannounced is not None

    def _announce(self) -> None:
        document, self._unannounced = self._unannounced, None
        if document is not None:
            self.opened.emit(document)

    def follow(self, receiver: Callable[[Document], None]) -> None:
        """``receiver`` hears every ``opened`` from now on, and at once the document open
        already: parts built after the first article is on screen (start-up shows the story
        first, reader.ui.shell.main_window) catch up with it."""
        self.opened.connect(receiver)
        if self._document is not None and self._unannounced is None:
            receiver(self._document)

    def replace(self, document: Document) -> None:
        """The same article, more of it kept (pictures fetched later): no one is told, the
        next reader of ``document`` gets this one."""
        if self._document is not None and document.article_id == self._document.article_id:
            self._document = document

    def change(self, article_id: int) -> None:
        """The library changed article ``article_id``: listeners hear it if it is this one."""
        if self._document is not None and article_id == self._document.article_id:
            self.changed.emit(self._document)

    def close(self) -> None:
        self._unannounced = None  # the window goes: nobody is told of it any more
        if self._document is not None:
            self.closed.emit(self._document)
