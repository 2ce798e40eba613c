"""Undoable changes to saved articles: star, archive, read, tags and delete.

Each change is a QUndoCommand on the library panel's undo stack, whether it came from the
panel (its selection) or from the window (the article being read): ``flag_change`` is the
one place that decides what "s", "e" and "m" do to a set of articles, and what the message
says. The list shows a change at once; the store gets it on the library service's writer
thread (in order, so undo follows redo). A store failure shows as the panel's message,
leaves nothing to undo, and the list is read again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.errors import ReaderError

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from reader.store import ArticleRow, Library, SearchHit
    from reader.ui.library.library_model import LibraryModel
    from reader.ui.presenter.library_service import LibraryService

    Row = ArticleRow | SearchHit

# The flags "s", "e" and "m" toggle: (message when set, message when cleared).
FLAG_WORDS: dict[str, tuple[str, str]] = {
    "starred": ("Starred", "Unstarred"),
    "archived": ("Archived", "Moved out of the archive"),
    "read": ("Marked as read", "Marked as unread"),
}
TITLE_CHARS = 60  # a title in a message is cut to this many characters


class Target(Protocol):
    """What a change works on: the library panel (its library, list, stack and messages)."""

    library: LibraryService
    model: LibraryModel
    undo_stack: QUndoStack
    article_changed: SignalInstance
    article_deleted: SignalInstance

    def show_message(self, text: str, undo: bool) -> None: ...
    def refresh_counts(self) -> None: ...
    def refresh_filters(self) -> None: ...


class Change(QUndoCommand):
    """Base: the list changes at once, the store on the library's writer thread; a store
    failure says why, takes the change off the undo stack and re-reads the list."""

    def __init__(self, panel: Target, text: str) -> None:
        super().__init__(text)
        self.panel = panel
        self.failed = False

    def _write(
        self, work: Callable[[Library], None], then: Callable[[], None] | None = None
    ) -> None:
        owner = self.panel if isinstance(self.panel, QObject) else None
        self.panel.library.write(
            work, lambda _result: then() if then else None, self._failed, owner=owner
        )

    def _failed(self, error: BaseException) -> None:
        self.failed = True
        self.setObsolete(True)
        stack = self.panel.undo_stack
        if stack.index() > 0 and stack.command(stack.index() - 1) is self:
            stack.undo()  # an obsolete command leaves the stack as it is undone
        reason = str(error) if isinstance(error, ReaderError) else "the library failed"
        self.panel.show_message(reason, undo=False)
        self.panel.model.reload()
        self.panel.refresh_counts()


class FlagChange(Change):
    """Star, archive or mark read a set of articles; undo puts each back as it was."""

    def __init__(
        self, panel: Target, field: str, value: bool, before: dict[int, bool], text: str
    ) -> None:
        super().__init__(panel, text)
        self.field, self.value, self.before = field, value, before

    def _apply(self, values: dict[int, bool]) -> None:
        if self.failed:
            return
        field = self.field
        for article_id, value in values.items():
            self.panel.model.update_article(article_id, **{field: value})
            self.panel.article_changed.emit(article_id)

        def store(library: Library) -> None:
            setter = {
                "starred": library.set_starred,
                "archived": library.set_archived,
                "read": library.set_read,
            }[field]
            for article_id, value in values.items():
                setter(article_id, value)

        self._write(store)

    def redo(self) -> None:
        self._apply(dict.fromkeys(self.before, self.value))

    def undo(self) -> None:
        self._apply(self.before)


def flag_change(panel: Target, field: str, rows: Mapping[int, Row]) -> FlagChange:
    """Toggle ``field`` of ``rows`` as mail clients do: a mixed selection gets it set."""
    before = {article_id: bool(getattr(row, field)) for article_id, row in rows.items()}
    value = not all(before.values())
    on_text, off_text = FLAG_WORDS[field]
    return FlagChange(panel, field, value, before, describe(on_text if value else off_text, rows))


class TagsChange(Change):
    def __init__(
        self,
        panel: Target,
        after: dict[int, tuple[str, ...]],
        before: dict[int, tuple[str, ...]],
    ) -> None:
        super().__init__(panel, "Change tags")
        self.after, self.before = after, before

    def _apply(self, values: dict[int, tuple[str, ...]]) -> None:
        if self.failed:
            return
        for article_id, tags in values.items():
            self.panel.model.update_article(article_id, tags=tags)
            self.panel.article_changed.emit(article_id)

        def store(library: Library) -> None:
            for article_id, tags in values.items():
                library.set_tags(article_id, tags)

        self._write(store, self.panel.refresh_filters)

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class DeleteChange(Change):
    """Soft delete in the store (Library.delete, keeping the highlights or not); undo is
    Library.restore (highlights deleted with an article come back with it)."""

    def __init__(
        self, panel: Target, ids: list[int], text: str, *, keep_highlights: bool = True
    ) -> None:
        super().__init__(panel, text)
        self.ids = ids
        self.keep_highlights = keep_highlights
        self.taken: list[tuple[int, ArticleRow]] = []

    def redo(self) -> None:
        if self.failed:
            return
        self.taken = []
        for article_id in self.ids:
            taken = self.panel.model.take_article(article_id)
            if taken is not None:
                self.taken.append(taken)
            self.panel.article_deleted.emit(article_id)
        ids, keep = list(self.ids), self.keep_highlights

        def store(library: Library) -> None:
            for article_id in ids:
                library.delete(article_id, keep_highlights=keep)

        self._write(store, self.panel.refresh_counts)

    def undo(self) -> None:
        if self.failed:
            return
        for position, item in sorted(self.taken, key=lambda pair: pair[0]):
            self.panel.model.put_back(position, item)
        for article_id in self.ids:
            self.panel.article_changed.emit(article_id)
        ids = list(self.ids)

        def store(library: Library) -> None:
            for article_id in ids:
                library.restore(article_id)

        self._write(store, self.panel.refresh_counts)


def describe(verb: str, rows: Mapping[int, Row] | Sequence[Row]) -> str:
    """ "Starred “Title”." for one article, "Starred 3 articles." for more."""
    items = list(rows.values()) if isinstance(rows, Mapping) else list(rows)
    if len(items) == 1:
        title = items[0].title or "Untitled"
        if len(title) > TITLE_CHARS:
            title = title[: TITLE_CHARS - 1] + "…"
        return f"{verb} “{title}”."
    return f"{verb} {len(items)} articles."
