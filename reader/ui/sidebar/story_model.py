"""The sidebar's list model: stories as the sidebar shows them, ads filtered unless asked for.

An article's stories are grouped under the page's own headings of its lists ("Most read",
"More from Sport") when the page had several; a long list shows its first few cards and
one "Show N more" row that opens the rest (a portal's stream of 50 does not bury the
lists after it).

``StoryItem`` wraps a ``Story`` with what the library knows about it (the ``StoredStory`` in
``key``: its id, how many saved articles recommend it, whether it was read, the saved article
with its URL). A story the library never saw (the save failed) is a bare ``StoryItem``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reader.model import Story
from reader.ui.plain_text import plain_tooltip

if TYPE_CHECKING:
    from reader.service.reading import Document

StoryRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
# A long list shows this many cards before its "Show N more" row ...
LIST_PREVIEW = 5
# ... when at least this many more would be hidden (hiding one or two saves nothing).
MIN_HIDDEN = 3
# The heading of stories the page listed under no heading of its own, among named lists
# (when they all come from one site: "From <site>", so two such lists read apart).
UNNAMED_LIST = "More on this page"


@dataclass(frozen=True)
class ListRow:
    """A row that is not a story: a list's heading, or (``hidden`` > 0) the row that shows
    the rest of a long list."""

    label: str
    hidden: int = 0

    @property
    def text(self) -> str:
        if not self.hidden:
            return self.label
        return f"Show {self.hidden} more" + (f" from {self.label}" if self.label else "")


@dataclass(frozen=True)
class StoryItem:
    """A story as the sidebar shows it; ``key`` (a StoredStory, or None) says where it lives."""

    story: Story
    key: object = None
    read: bool = False

    @classmethod
    def from_stored(cls, stored: object) -> StoryItem:
        """From a reader.store.StoredStory (typed loosely: the store is imported lazily)."""
        story = getattr(stored, "story", None)
        assert isinstance(story, Story)
        return cls(story=story, key=stored, read=bool(getattr(stored, "read", False)))

    @property
    def story_id(self) -> int | None:
        value = getattr(self.key, "id", None)
        return value if isinstance(value, int) else None

    @property
    def article_id(self) -> int | None:
        """The saved article this story is, when the library has it."""
        value = getattr(self.key, "article_id", None)
        return value if isinstance(value, int) else None

    @property
    def times_recommended(self) -> int:
        value = getattr(self.key, "times_recommended", 0)
        return value if isinstance(value, int) else 0

    @property
    def reason(self) -> str:
        """Why "For you" offers it ("Because you read “…”"), "" elsewhere."""
        text = getattr(getattr(self.key, "reason", None), "text", "")
        return text if isinstance(text, str) else ""

    @property
    def last_seen(self) -> datetime | None:
        value = getattr(self.key, "last_seen", None)
        return value if isinstance(value, datetime) else None

    @classmethod
    def for_document(cls, document: Document) -> tuple[StoryItem, ...]:
        """The stories of an opened article: the library's rows once saved, else the page's."""
        if document.stories:
            return tuple(cls.from_stored(row) for row in document.stories)
        return tuple(cls(story=story) for story in document.article.recommended)

    def identity(self) -> object:
        """What stays the same for one story across reloads (to keep the selection)."""
        return self.story_id if self.story_id is not None else (self.story.url, self.story.title)

    def as_read(self) -> StoryItem:
        return replace(self, read=True)


class StoryModel(QAbstractListModel):
    """Stories in the order given; sponsored ones only when ads are shown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[StoryItem] = []
        self._stories: list[StoryItem] = []  # after the ad filter, hidden ones included
        self._visible: list[StoryItem | ListRow] = []
        self._show_ads = False
        self._grouped = False
        self._opened: set[int] = set()  # lists (by index in page order) shown whole

    def set_items(self, items: list[StoryItem], grouped: bool = False) -> None:
        """``grouped``: show the page's lists under their headings (an article's stories;
        "For you" ranks across pages and has no lists)."""
        self.beginResetModel()
        self._all = list(items)
        self._grouped = grouped
        self._opened = set()
        self._refilter()
        self.endResetModel()

    def set_show_ads(self, show: bool) -> None:
        if show == self._show_ads:
            return
        self.beginResetModel()
        self._show_ads = show
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        self._stories = [i for i in self._all if self._show_ads or not i.story.sponsored]
        lists = _lists(self._stories) if self._grouped else []
        if len(lists) < 2 and not any(
            len(stories) > LIST_PREVIEW + MIN_HIDDEN for _, stories in lists
        ):
            self._visible = list(self._stories)  # one plain list: no headings to show
            return
        rows: list[StoryItem | ListRow] = []
        for number, (label, stories) in enumerate(lists):
            rows.append(ListRow(label or unnamed_list_label(stories)))
            hidden = len(stories) - LIST_PREVIEW
            if hidden >= MIN_HIDDEN and number not in self._opened:
                rows.extend(stories[:LIST_PREVIEW])
                rows.append(ListRow(label, hidden))
            else:
                rows.extend(stories)
        self._visible = rows

    def open_list(self, row: int) -> int:
        """Show the rest of the list whose "Show N more" row this is; the row of its first
        newly shown card (or ``row`` when it is no such row)."""
        target = self.row(row)
        if not isinstance(target, ListRow) or not target.hidden:
            return row
        number = sum(1 for r in self._visible[:row] if isinstance(r, ListRow) and not r.hidden)
        self.beginResetModel()
        self._opened.add(number - 1)
        self._refilter()
        self.endResetModel()
        return row

    def sponsored_count(self) -> int:
        return sum(1 for item in self._all if item.story.sponsored)

    def story_count(self) -> int:
        """The stories listed (ads only when shown), folded-away ones included."""
        return len(self._stories)

    def items(self) -> list[StoryItem]:
        """The cards showing now."""
        return [row for row in self._visible if isinstance(row, StoryItem)]

    def all_items(self) -> list[StoryItem]:
        return list(self._all)

    def row(self, row: int) -> StoryItem | ListRow | None:
        return self._visible[row] if 0 <= row < len(self._visible) else None

    def item(self, row: int) -> StoryItem | None:
        value = self.row(row)
        return value if isinstance(value, StoryItem) else None

    def selectable(self, row: int) -> bool:
        """Cards and "Show N more" rows take the selection; headings do not."""
        value = self.row(row)
        return isinstance(value, StoryItem) or (isinstance(value, ListRow) and value.hidden > 0)

    def first_selectable(self, start: int = 0) -> int:
        """The first row from ``start`` that takes the selection (0 when none does)."""
        return next((r for r in range(start, len(self._visible)) if self.selectable(r)), 0)

    def row_of(self, identity: object) -> int:
        """The visible row of the story with this identity, or -1."""
        for row, item in enumerate(self._visible):
            if isinstance(item, StoryItem) and item.identity() == identity:
                return row
        return -1

    def mark_read(self, identity: object) -> None:
        """Show the story as read (dimmed) without moving anything."""
        self._all = [i.as_read() if i.identity() == identity else i for i in self._all]
        self._stories = [i.as_read() if i.identity() == identity else i for i in self._stories]
        for row, item in enumerate(self._visible):
            if isinstance(item, StoryItem) and item.identity() == identity and not item.read:
                self._visible[row] = item.as_read()
                index = self.index(row)
                self.dataChanged.emit(index, index)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        item = self._visible[index.row()]
        if isinstance(item, ListRow):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return item.text
            return item if role == StoryRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return item.story.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(tooltip(item))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return accessible_text(item)
        if role == StoryRole:
            return item
        return None


def _lists(stories: list[StoryItem]) -> list[tuple[str, list[StoryItem]]]:
    """Runs of consecutive stories under one heading, in page order."""
    lists: list[tuple[str, list[StoryItem]]] = []
    for item in stories:
        label = item.story.group
        if lists and lists[-1][0] == label:
            lists[-1][1].append(item)
        else:
            lists.append((label, [item]))
    return lists


def host(url: str | None) -> str:
    """Where a story lives, when the page did not name its source. Not an ad network's
    unpaid redirect: it leads to the page's own site, and "traffic.outbrain.com" on a BBC
    story told the reader nothing true."""
    from reader.urls import ORGANIC_REDIRECT_HOSTS

    if not url:
        return ""
    name = urlsplit(url).hostname or ""
    return "" if name in ORGANIC_REDIRECT_HOSTS else name.removeprefix("www.")


def unnamed_list_label(stories: list[StoryItem]) -> str:
    """The heading of a list the page left unnamed: the site all its stories come from,
    else "More on this page" (two unnamed lists apart under one heading read as a fault)."""
    sites = {item.story.source or host(item.story.url) for item in stories}
    if len(stories) > 1 and len(sites) == 1 and "" not in sites:
        return f"From {sites.pop()}"
    return UNNAMED_LIST


def recommended_by(count: int) -> str:
    """How many saved articles recommend a story, said as what it counts."""
    return f"in {count} saved articles" if count != 1 else "in 1 saved article"


def tooltip(item: StoryItem) -> str:
    lines = [item.story.url or "No web address: Enter shows it and offers a library search"]
    if item.times_recommended:
        saved = "saved article" if item.times_recommended == 1 else "saved articles"
        lines.append(f"Recommended by {item.times_recommended} {saved}")
    if item.last_seen is not None:
        lines.append(f"Last seen {item.last_seen.astimezone():%d %b %Y}")
    if item.article_id is not None:
        lines.append("In your library")
    return "\n".join(lines)


def accessible_text(item: StoryItem) -> str:
    parts = [item.story.title, item.story.summary, item.story.source]
    if item.story.sponsored:
        parts.insert(0, "Sponsored")
    if item.times_recommended > 1:
        parts.append(recommended_by(item.times_recommended))
    parts.append("read" if item.read else "unread")
    return ". ".join(p for p in parts if p)
