"""The library list as Qt models: lazy pages of articles, and search hits with snippets.

``LibraryModel`` asks the library service for PAGE_SIZE rows at a time as the view scrolls
(``canFetchMore`` / ``fetchMore``), so a library of 100,000 articles costs one page at
start; a page is one indexed query on a reader thread, never on the GUI thread.
``SnippetDelegate`` draws a hit with its matches in bold.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.errors import ReaderError
from reader.ui.library.title_cell import TAGS_ROLE
from reader.ui.plain_text import plain_tooltip

if TYPE_CHECKING:
    from reader.store import ArticleRow, Library, SearchHit
    from reader.ui.presenter.library_service import LibraryService

    Row = ArticleRow | SearchHit

PAGE_SIZE = 200  # rows per fetchMore: one screenful many times over, one fast query
ID_ROLE = Qt.ItemDataRole.UserRole
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 1
META_ROLE = Qt.ItemDataRole.UserRole + 2
DEFAULT_FILTER = "all"
COLUMNS: tuple[str, ...] = ("Title", "Site", "Date", "Time", "State")
TITLE, SITE, DATE, TIME, STATE = range(len(COLUMNS))
# Marks of the state column (spelled out in its tooltip and for screen readers).
STAR, UNREAD, ARCHIVED = "★", "●", "▣"


# -- formatting ---------------------------------------------------------------------------


# A weekday in a locale's long date pattern ("dddd, d MMMM yyyy"), with what follows it.
_WEEKDAY = re.compile(r"d{4}[,.\s\u060c]*")  # \u060c: the Arabic comma
FALLBACK_DATE_FORMAT = "yyyy-MM-dd"  # when a locale's long pattern gives nothing usable


def medium_date_format(locale: QLocale) -> str:
    """The locale's long date without the weekday and with short month names: "28 Nov 2026",
    "Nov 28, 2026", "28. Nov. 2026". Qt has no medium format, and its short one is all
    digits ("11/28/26", "28 11 2026" in the C locale) and reads badly in a list."""
    pattern = _WEEKDAY.sub("", locale.dateFormat(QLocale.FormatType.LongFormat)).strip(" ,\u060c")
    pattern = re.sub(r"(?<!M)MMMM(?!M)", "MMM", pattern)
    if "yy" not in pattern or "d" not in pattern or "M" not in pattern:
        return FALLBACK_DATE_FORMAT
    return pattern


def format_date(value: datetime | date | str | None, locale: QLocale | None = None) -> str:
    """A medium local date from a datetime, a date or an ISO string; "" when unknown."""
    if value in (None, ""):
        return ""
    locale = locale or QLocale()
    if isinstance(value, str):
        text = value
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                value = date.fromisoformat(text[:10])
            except ValueError:
                return text[:10]
    if isinstance(value, datetime):
        value = value.astimezone().date() if value.tzinfo else value.date()
    if isinstance(value, date):
        qdate = QDate(value.year, value.month, value.day)
        return locale.toString(qdate, medium_date_format(locale))
    return str(value)


def column_alignment(column: int) -> int:
    """Numbers to the right, the state marks centred under their header, words left."""
    if column in (TIME, DATE):
        side = Qt.AlignmentFlag.AlignRight
    elif column == STATE:
        side = Qt.AlignmentFlag.AlignHCenter
    else:
        side = Qt.AlignmentFlag.AlignLeft
    return int(side | Qt.AlignmentFlag.AlignVCenter)


def site_of(url: str | None) -> str:
    """A site without a name of its own is listed by its address ("example.org")."""
    from urllib.parse import urlsplit

    if not url:
        return ""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def state_text(row: Row) -> str:
    parts = []
    if getattr(row, "starred", False):
        parts.append(STAR)
    if not getattr(row, "read", False):
        parts.append(UNREAD)
    if getattr(row, "archived", False):
        parts.append(ARCHIVED)
    return " ".join(parts)


def state_words(row: Row) -> str:
    """The state spelled out for tooltips and screen readers."""
    words = ["starred"] if getattr(row, "starred", False) else []
    words.append("read" if getattr(row, "read", False) else "unread")
    if getattr(row, "archived", False):
        words.append("archived")
    tags = getattr(row, "tags", ())
    if tags:
        words.append("tags: " + ", ".join(tags))
    return ", ".join(words)


# -- models -------------------------------------------------------------------------------


class LibraryModel(QAbstractTableModel):
    """Articles of the library, fetched a page at a time as the view asks for more.

    Pages are read on the library service's reader threads: ``fetchMore`` asks, the rows
    arrive a moment later (``loaded`` then fires). A page asked for an older query is
    dropped when it arrives."""

    error = Signal(str)
    loaded = Signal()

    def __init__(self, library: LibraryService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._rows: list[ArticleRow] = []
        self._exhausted = False
        self._asking = False
        self._generation = 0
        self.filter_key = DEFAULT_FILTER
        self.tag: str | None = None
        self.sort_key = "saved"
        self._locale = QLocale()
        self._bold = QFont()
        self._bold.setBold(True)

    # -- query ----------------------------------------------------------------------

    def set_query(self, filter: str, tag: str | None, sort: str) -> None:
        self.filter_key, self.tag, self.sort_key = filter, tag, sort
        self.reload()

    def reload(self) -> None:
        """Start again from the first page (after a filter change or a new article)."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self._asking = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def is_loading(self) -> bool:
        return self._asking

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and not self._exhausted and not self._asking

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        self._asking = True
        generation, offset = self._generation, len(self._rows)
        filter_key, tag, sort = self.filter_key, self.tag, self.sort_key

        def work(library: Library) -> list[ArticleRow]:
            return library.articles(PAGE_SIZE, offset, filter_key, tag, sort)

        self._library.read(
            work,
            lambda page: self._arrived(generation, offset, page),
            lambda error: self._failed(generation, error),
            owner=self,
        )

    def _arrived(self, generation: int, offset: int, page: list[ArticleRow]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._asking = False
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._asking = False
        self._exhausted = True
        self.error.emit(str(error) if isinstance(error, ReaderError) else "cannot read the library")
        self.loaded.emit()

    # -- rows -----------------------------------------------------------------------

    def row_at(self, row: int) -> ArticleRow:
        return self._rows[row]

    def loaded_count(self) -> int:
        return len(self._rows)

    def row_of(self, article_id: int) -> int:
        for index, item in enumerate(self._rows):
            if item.id == article_id:
                return index
        return -1

    def update_article(self, article_id: int, **changes: bool | tuple[str, ...]) -> None:
        """Change fields of a loaded row in place (star, archive, read, tags)."""
        row = self.row_of(article_id)
        if row < 0:
            return
        self._rows[row] = dataclasses.replace(self._rows[row], **changes)  # type: ignore[arg-type]
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def take_article(self, article_id: int) -> tuple[int, ArticleRow] | None:
        """Remove a row (after delete); returns (position, row) so undo can put it back."""
        row = self.row_of(article_id)
        if row < 0:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        item = self._rows.pop(row)
        self.endRemoveRows()
        return row, item

    def put_back(self, position: int, item: ArticleRow) -> None:
        position = max(0, min(position, len(self._rows)))
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, item)
        self.endInsertRows()

    # -- Qt model -------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:  # a QVariant: whatever the role asks for
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:  # over the column's text, as it aligns
            return column_alignment(section)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == DATE:
            return "Published" if self.sort_key == "published" else "Saved"
        return COLUMNS[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == ID_ROLE:
            return item.id
        if role == TAGS_ROLE and column == TITLE:
            return item.tags
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(
                state_words(item) if column == STATE else self._display(item, column)
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == STATE:
                return state_words(item)
            if column == TITLE:
                return f"{item.title}, {state_words(item)}"
            return self._display(item, column)
        if role == Qt.ItemDataRole.FontRole and column == TITLE and not item.read:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column != TITLE:
            return column_alignment(column)
        return None

    def _display(self, item: ArticleRow, column: int) -> str:
        if column == TITLE:
            return item.title or "Untitled"
        if column == SITE:
            return item.site_name or site_of(item.url)
        if column == DATE:
            value = item.published if self.sort_key == "published" else item.saved_at
            return format_date(value, self._locale)
        if column == TIME:
            minutes = int(item.reading_minutes or 0)
            return f"{minutes} min" if minutes else ""
        return state_text(item)


class SearchModel(QAbstractListModel):
    """Search hits: title, site and a snippet with the matches in <b>…</b>."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit_at(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or index.row() >= len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title or "Untitled"
        if role == ID_ROLE:
            return hit.id
        if role == SNIPPET_ROLE:
            return hit.snippet
        if role == META_ROLE:
            parts = [hit.site_name or "", format_date(hit.published or hit.saved_at)]
            state = state_text(hit)
            return " · ".join(p for p in (*parts, state) if p)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            plain = hit.marked("", "")
            text = f"{hit.title}. {plain}" if plain else hit.title
            return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        return None


class SnippetDelegate(QStyledItemDelegate):
    """Draws a hit as a bold title, a muted site/date line and the highlighted snippet."""

    PADDING = 6

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        import html

        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = palette.color(text_role).name()
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        title = html.escape(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        meta = html.escape(str(index.data(META_ROLE) or ""))
        snippet = str(index.data(SNIPPET_ROLE) or "")
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(
            f'<div style="color:{color}"><b>{title}</b><br>'
            f'<span style="color:{muted}">{meta}</span><br>{snippet}</div>'
        )
        width = option.rect.width() - 2 * self.PADDING
        document.setTextWidth(max(width, 100))
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(index, QModelIndex)
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style is not None:  # background, selection and focus frame
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        document = self._document(option, index)
        painter.save()
        rect = option.rect
        painter.translate(rect.left() + self.PADDING, rect.top() + self.PADDING)
        clip = QRectF(0, 0, rect.width() - 2 * self.PADDING, rect.height() - 2 * self.PADDING)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        painter.setClipRect(clip)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        assert isinstance(index, QModelIndex)
        self.initStyleOption(option, index)
        document = self._document(option, index)
        return QSize(
            int(document.idealWidth()) + 2 * self.PADDING,
            int(document.size().height()) + 2 * self.PADDING,
        )
