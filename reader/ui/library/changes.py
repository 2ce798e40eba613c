"""Undoable changes to saved articles: star, archive, read, tags and delete.

Each change is a QUndoCommand on the library panel's undo stack, whether it came from the
panel (its selection) or from the window (the article being read): ``flag_change`` is the
one place that decides what "s", "e" and "m" do to a set of articles, and what the message
says. A store failure shows as the panel's message and leaves nothing to undo.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand

from reader.errors import ReaderError

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from reader.store import ArticleRow, SearchHit
    from reader.ui.library.library_model import LibraryLike, LibraryModel

    Row = ArticleRow | SearchHit

# The flags "s", "e" and "m" toggle: (message when set, message when cleared).
FLAG_WORDS: dict[str, tuple[str, str]] = {
    "starred": ("Starred", "Unstarred"),
    "archived": ("Archived", "Moved out of the archive"),
    "read": ("Marked as read", "Marked as unread"),
}
TITLE_CHARS = 60  # a title in a message is cut to this many characters


class Target(Protocol):
    """What a change works on: the library panel (its store, list and messages)."""

    library: LibraryLike
    model: LibraryModel
    article_changed: SignalInstance
    article_deleted: SignalInstance

    def show_message(self, text: str, undo: bool) -> None: ...
    def refresh_counts(self) -> None: ...


class Change(QUndoCommand):
    """Base: runs store calls, reports a failure and then does nothing more."""

    def __init__(self, panel: Target, text: str) -> None:
        super().__init__(text)
        self.panel = panel
        self.failed = False

    def _safely(self, work: Callable[[], None]) -> bool:
        try:
            work()
        except ReaderError as error:
            self.failed = True
            self.setObsolete(True)
            self.panel.show_message(str(error), undo=False)
            return False
        return True


class FlagChange(Change):
    """Star, archive or mark read a set of articles; undo puts each back as it was."""

    def __init__(
        self, panel: Target, field: str, value: bool, before: dict[int, bool], text: str
    ) -> None:
        super().__init__(panel, text)
        self.field, self.value, self.before = field, value, before

    def _apply(self, values: dict[int, bool]) -> None:
        library = self.panel.library
        setters = {
            "starred": library.set_starred,
            "archived": library.set_archived,
            "read": library.set_read,
        }
        for article_id, value in values.items():
            setters[self.field](article_id, value)
            self.panel.model.update_article(article_id, **{self.field: value})
            self.panel.article_changed.emit(article_id)

    def redo(self) -> None:
        self._safely(lambda: self._apply(dict.fromkeys(self.before, self.value)))

    def undo(self) -> None:
        self._safely(lambda: self._apply(self.before))


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
        for article_id, tags in values.items():
            self.panel.library.set_tags(article_id, list(tags))
            self.panel.model.update_article(article_id, tags=tuple(tags))
            self.panel.article_changed.emit(article_id)

    def redo(self) -> None:
        self._safely(lambda: self._apply(self.after))

    def undo(self) -> None:
        self._safely(lambda: self._apply(self.before))


class DeleteChange(Change):
    """Soft delete in the store (Library.delete); undo is Library.restore."""

    def __init__(self, panel: Target, ids: list[int], text: str) -> None:
        super().__init__(panel, text)
        self.ids = ids
        self.taken: list[tuple[int, ArticleRow]] = []

    def _delete(self) -> None:
        self.taken = []
        for article_id in self.ids:
            self.panel.library.delete(article_id)
            taken = self.panel.model.take_article(article_id)
            if taken is not None:
                self.taken.append(taken)
            self.panel.article_deleted.emit(article_id)

    def _restore(self) -> None:
        for article_id in self.ids:
            self.panel.library.restore(article_id)
        for position, item in sorted(self.taken, key=lambda pair: pair[0]):
            self.panel.model.put_back(position, item)
        for article_id in self.ids:
            self.panel.article_changed.emit(article_id)
        self.panel.refresh_counts()

    def redo(self) -> None:
        self._safely(self._delete)
        self.panel.refresh_counts()

    def undo(self) -> None:
        self._safely(self._restore)


def describe(verb: str, rows: Mapping[int, Row] | Sequence[Row]) -> str:
    """ "Starred “Title”." for one article, "Starred 3 articles." for more."""
    items = list(rows.values()) if isinstance(rows, Mapping) else list(rows)
    if len(items) == 1:
        title = items[0].title or "Untitled"
        if len(title) > TITLE_CHARS:
            title = title[: TITLE_CHARS - 1] + "…"
        return f"{verb} “{title}”."
    return f"{verb} {len(items)} articles."
