"""The library panel: every saved article, filtered, sorted, searched, starred and tidied.

The list is the lazy LibraryModel (reader.ui.library.library_model). Search can take tens of
milliseconds, so it runs on the thread pool, debounced while the person types, and a late
answer to an old query is dropped. Star, archive, read, tags and delete go through a
QUndoStack: each change is undoable from the inline message ("Deleted “Title”. Undo") or
with Ctrl+Z in the panel.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.errors import ReaderError
from reader.tags import parse_tags
from reader.ui.library.article_table import ArticleTable, make_current
from reader.ui.library.changes import (
    Change,
    DeleteChange,
    TagsChange,
    describe,
    flag_change,
)
from reader.ui.library.delete_question import ask_keep_highlights
from reader.ui.library.library_model import (
    DATE,
    DEFAULT_FILTER,
    ID_ROLE,
    SITE,
    STATE,
    TIME,
    TITLE,
    LibraryModel,
    SearchModel,
    SnippetDelegate,
)
from reader.ui.library.title_cell import TitleDelegate
from reader.ui.library.undo_message import UndoMessage
from reader.ui.plain_text import plain_label

if TYPE_CHECKING:
    from reader.store import ArticleRow, SearchHit
    from reader.ui.presenter.library_service import LibraryService

SEARCH_DELAY_MS = 150  # typing pause before searching: fewer queries, still feels live
SEARCH_LIMIT = 100
FILTERS: tuple[tuple[str, str], ...] = (
    ("unread", "Unread"),
    ("starred", "Starred"),
    ("archived", "Archived"),
    ("all", "All articles"),
)
TAG_PREFIX = "tag:"
SORTS: tuple[tuple[str, str], ...] = (
    ("saved", "Date saved"),
    ("published", "Date published"),
    ("title", "Title"),
)


# -- the panel ----------------------------------------------------------------------------


NARROW_PANEL_PX = 380  # below this the list shows titles and state marks only


class LibraryPanel(QWidget):
    """Filter and sort combos, a search field, the article table (or search hits), and
    an inline message with Undo. Emits ``article_activated(id)`` on Enter / double-click."""

    article_activated = Signal(int)
    article_changed = Signal(int)  # star/archive/read/tags changed (refresh the reader)
    article_deleted = Signal(int)

    def __init__(
        self,
        library: LibraryService,
        parent: QWidget | None = None,
        ask_tags: Callable[[QWidget, str], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.setAccessibleName("Library")
        self.library = library
        self._select_when_loaded: int | None = None
        self._ask_tags = ask_tags or _ask_tags
        self.known_tags: list[str] = []  # every tag in use (for completion), as last read
        self._search_serial = 0
        self.undo_stack = QUndoStack(self)
        self.model = LibraryModel(library, self)
        self.model.error.connect(lambda message: self.show_message(message, undo=False))
        self.model.loaded.connect(self._page_loaded)
        self.search_model = SearchModel(self)

        self.filter_combo = QComboBox(self)
        self.filter_combo.setAccessibleName("Show")
        self.filter_combo.setToolTip("Which articles to show")
        # filled after the first show: sized for its longest filter, not for the empty list
        self.filter_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.filter_combo.setMinimumContentsLength(max(len(label) for _, label in FILTERS))
        self.sort_combo = QComboBox(self)
        self.sort_combo.setAccessibleName("Sort by")
        self.sort_combo.setToolTip("Sort by")
        for key, label in SORTS:
            self.sort_combo.addItem(label, key)
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("librarySearch")
        self.search_field.setPlaceholderText("Search the library (Ctrl+K)")
        self.search_field.setAccessibleName("Search the library")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.installEventFilter(self)
        self.count_label = plain_label(parent=self)
        self.count_label.setAccessibleName("Number of articles")

        self.table = ArticleTable(self)
        self.table.setObjectName("libraryTable")
        self.table.setAccessibleName("Articles")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegateForColumn(TITLE, TitleDelegate(self.table))
        for column in (SITE, DATE, TIME, STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(SITE, 140)
        header.resizeSection(DATE, 90)
        header.resizeSection(TIME, 60)
        header.resizeSection(STATE, 90)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.activated.connect(self._activate_index)
        self.table.doubleClicked.connect(self._activate_index)
        self.table.delete_pressed.connect(self.delete_selected)

        self.results = QListView(self)
        self.results.setObjectName("librarySearchResults")
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.search_model)
        self.results.setItemDelegate(SnippetDelegate(self.results))
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.activated.connect(self._activate_index)
        self.results.doubleClicked.connect(self._activate_index)
        self.no_results = plain_label("Nothing found.", self)
        self.no_results.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_results.setAccessibleName("Nothing found")

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.results)
        self.stack.addWidget(self.no_results)

        self.message = UndoMessage(self)
        self.delete_question: QMessageBox | None = None  # open while it asks about highlights
        self.message.undo_button.clicked.connect(self.undo)

        top = QHBoxLayout()
        top.addWidget(self.filter_combo)
        top.addWidget(self.sort_combo)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search_field)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search_field.textChanged.connect(self._on_search_text)

        self._add_local_action("Undo", QKeySequence.StandardKey.Undo, self.undo)
        self._add_local_action("Redo", QKeySequence.StandardKey.Redo, self.redo)

        self._fill_filters()
        self.filter_combo.currentIndexChanged.connect(self._on_query_changed)
        self.sort_combo.currentIndexChanged.connect(self._on_query_changed)
        self._on_query_changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrow panel (beside a narrow window, or as a drawer) gives the titles the
        room: the site and reading time give way, the state marks stay."""
        super().resizeEvent(event)
        narrow = event.size().width() < NARROW_PANEL_PX
        for column in (SITE, TIME):
            if self.table.isColumnHidden(column) != narrow:
                self.table.setColumnHidden(column, narrow)

    def _add_local_action(
        self, text: str, key: QKeySequence.StandardKey, slot: Callable[[], None]
    ) -> None:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)

    # -- filter / sort ------------------------------------------------------------------

    def _fill_filters(self, then: Callable[[], None] | None = None) -> None:
        """The fixed filters, then one entry per tag ("tag:NAME" as item data); the tags
        are read off the GUI thread, ``then`` runs once they are in."""

        def fill(tags: list[tuple[str, int]]) -> None:
            self.known_tags = [tag for tag, _count in tags]
            current = self.filter_combo.currentData()
            self.filter_combo.blockSignals(True)
            self.filter_combo.clear()
            for key, label in FILTERS:
                self.filter_combo.addItem(label, key)
            if tags:
                self.filter_combo.insertSeparator(self.filter_combo.count())
                for tag, count in tags:
                    self.filter_combo.addItem(f"Tag: {tag} ({count})", TAG_PREFIX + tag)
            found = self.filter_combo.findData(current or DEFAULT_FILTER)
            self.filter_combo.setCurrentIndex(
                found if found >= 0 else self.filter_combo.findData(DEFAULT_FILTER)
            )
            self.filter_combo.blockSignals(False)
            if then is not None:
                then()

        self.library.read(lambda library: library.tags(), fill, lambda _error: fill([]), self)

    def set_filter(self, key: str, tag: str | None = None) -> None:
        """Show unread / starred / archived / all, or every article with ``tag``."""
        data = TAG_PREFIX + tag if tag else key

        def choose() -> None:
            index = self.filter_combo.findData(data)
            if index >= 0:
                self.filter_combo.setCurrentIndex(index)

        if self.filter_combo.findData(data) >= 0 or not tag:
            choose()
        else:
            self._fill_filters(then=choose)

    def set_sort(self, key: str) -> None:
        index = self.sort_combo.findData(key)
        if index >= 0:
            self.sort_combo.setCurrentIndex(index)

    def _on_query_changed(self, _index: int = 0) -> None:
        data = str(self.filter_combo.currentData() or DEFAULT_FILTER)
        key, tag = ("all", data[len(TAG_PREFIX) :]) if data.startswith(TAG_PREFIX) else (data, None)
        sort = self.sort_combo.currentData() or "saved"
        self.model.set_query(key, tag, sort)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, DATE, DATE)
        self.refresh_counts()

    def _page_loaded(self) -> None:
        """A page arrived: the article waiting to be selected, or else the first row."""
        wanted = self._select_when_loaded
        if wanted is not None and self.select_article(wanted):
            self._select_when_loaded = None
        elif self.model.rowCount() and not self.table.currentIndex().isValid():
            make_current(self.table, self.model.index(0, TITLE))

    def refresh_counts(self) -> None:
        filter_key, tag = self.model.filter_key, self.model.tag

        def show(total: int) -> None:
            if self.is_searching():
                return  # the label says how many hits
            self.count_label.setText(f"{total:,} article{'s' if total != 1 else ''}")

        self.library.read(
            lambda library: library.count(filter_key, tag),
            show,
            lambda _error: self.count_label.clear(),
            self,
        )

    def reload(self) -> None:
        """Re-read from the store (a new article was saved, or another change elsewhere)."""
        selected = self.current_article_id()
        self._fill_filters()
        if selected is not None:
            self._select_when_loaded = selected
        self.model.reload()
        self.refresh_counts()
        if self.is_searching():
            self._run_search()

    def refresh_filters(self) -> None:
        """The tags changed: the filter menu lists them as they are now."""
        self._fill_filters()

    def is_loading(self) -> bool:
        """A page of the list is on its way (tests wait for it)."""
        return self.model.is_loading()

    # -- selection / navigation ---------------------------------------------------------

    def _active_view(self) -> QAbstractItemView:
        return self.results if self.stack.currentWidget() is self.results else self.table

    def current_article_id(self) -> int | None:
        index = self._active_view().currentIndex()
        if not index.isValid():
            return None
        value = index.data(ID_ROLE)
        return int(value) if value is not None else None

    def selected_ids(self) -> list[int]:
        view = self._active_view()
        rows = sorted({index.row() for index in view.selectionModel().selectedIndexes()})
        model = view.model()
        ids = [int(model.index(row, 0).data(ID_ROLE)) for row in rows]
        if not ids:
            current = self.current_article_id()
            ids = [current] if current is not None else []
        return ids

    def select_article(self, article_id: int) -> bool:
        """Select the article's row; one not loaded yet is selected when its page comes."""
        row = self.model.row_of(article_id)
        if row < 0:
            self._select_when_loaded = article_id if self.model.is_loading() else None
            return False
        make_current(self.table, self.model.index(row, TITLE))
        return True

    def select_next(self) -> None:
        """j: the next article in the list (fetches more rows at the end)."""
        self._move(1)

    def select_previous(self) -> None:
        """k: the previous article."""
        self._move(-1)

    def _move(self, step: int) -> None:
        view = self._active_view()
        model = view.model()
        current = view.currentIndex()
        row = current.row() + step if current.isValid() else 0
        if row >= model.rowCount() and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        row = max(0, min(row, model.rowCount() - 1))
        if model.rowCount():
            make_current(view, model.index(row, 0))

    def open_current(self) -> None:
        """Enter: open the article under the cursor."""
        article_id = self.current_article_id()
        if article_id is not None:
            self.article_activated.emit(article_id)

    def _activate_index(self, index: QModelIndex) -> None:
        value = index.data(ID_ROLE)
        if value is not None:
            self.article_activated.emit(int(value))

    def focus_search(self) -> None:
        """Ctrl+K: jump to the search field with its text selected."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    # -- search -------------------------------------------------------------------------

    def is_searching(self) -> bool:
        return bool(self.search_field.text().strip())

    def _on_search_text(self, text: str) -> None:
        if text.strip():
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self._search_serial += 1  # drop answers still on their way
            self.stack.setCurrentWidget(self.table)
            self.refresh_counts()

    def search_now(self, query: str | None = None) -> None:
        """Search at once (tests; or Enter in the field), skipping the typing pause."""
        if query is not None:
            self.search_field.blockSignals(True)
            self.search_field.setText(query)
            self.search_field.blockSignals(False)
        self._search_timer.stop()
        self._run_search()

    def _run_search(self) -> None:
        query = self.search_field.text().strip()
        if not query:
            self.stack.setCurrentWidget(self.table)
            return
        self._search_serial += 1
        serial = self._search_serial

        def done(hits: list[SearchHit]) -> None:
            if serial == self._search_serial:
                self._show_hits(hits)

        def failed(error: BaseException) -> None:
            if serial != self._search_serial:
                return
            reason = str(error) if isinstance(error, ReaderError) else "the search failed"
            self.search_model.set_hits([])
            self.no_results.setText(f"Search: {reason}")
            self.stack.setCurrentWidget(self.no_results)

        self.library.read(
            lambda library: library.search(query, limit=SEARCH_LIMIT), done, failed, self
        )

    def _show_hits(self, hits: list[SearchHit]) -> None:
        self.search_model.set_hits(hits)
        more = "+" if len(hits) >= SEARCH_LIMIT else ""
        self.count_label.setText(f"{len(hits)}{more} found")
        if hits:
            self.stack.setCurrentWidget(self.results)
            self.results.setCurrentIndex(self.search_model.index(0, 0))
        else:
            self.no_results.setText("Nothing found.")
            self.stack.setCurrentWidget(self.no_results)

    def clear_search(self) -> None:
        self.search_field.clear()
        self.table.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self.search_field.text():
                self.clear_search()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.search_now()
                return True
            if event.key() == Qt.Key.Key_Down:
                view = self._active_view()
                view.setFocus()
                if not view.currentIndex().isValid() and view.model().rowCount():
                    view.setCurrentIndex(view.model().index(0, 0))
                return True
        return super().eventFilter(watched, event)

    # -- changes ------------------------------------------------------------------------

    def _rows_for(self, ids: list[int]) -> dict[int, ArticleRow | SearchHit]:
        rows: dict[int, ArticleRow | SearchHit] = {}
        for article_id in ids:
            row = self.model.row_of(article_id)
            if row >= 0:
                rows[article_id] = self.model.row_at(row)
                continue
            for hit_row in range(self.search_model.rowCount()):
                hit = self.search_model.hit_at(hit_row)
                if hit.id == article_id:
                    rows[article_id] = hit
                    break
        return rows

    def toggle_flag(self, field: str) -> None:
        """s, e, m: star, archive or mark read the selected articles (or clear it)."""
        rows = self._rows_for(self.selected_ids())
        if rows:
            self.push_change(flag_change(self, field, rows))

    def toggle_star(self) -> None:
        self.toggle_flag("starred")

    def toggle_archive(self) -> None:
        self.toggle_flag("archived")

    def toggle_read(self) -> None:
        self.toggle_flag("read")

    def set_tags(self, ids: list[int], tags: tuple[str, ...]) -> None:
        """Give the articles ``tags`` (already clean, see reader.tags), undoably."""
        before = {i: getattr(row, "tags", ()) for i, row in self._rows_for(ids).items()}
        after = dict.fromkeys(before, tags)
        if after != before:
            self.push_change(TagsChange(self, after, before))

    def edit_tags(self) -> None:
        """t: ask for the tags of the selected articles (comma separated)."""
        ids = self.selected_ids()
        rows = self._rows_for(ids)
        if not rows:
            return
        first = next(iter(rows.values()))
        answer = self._ask_tags(self, ", ".join(getattr(first, "tags", ())))
        if answer is None:
            return
        self.set_tags(list(rows), parse_tags(answer))

    def delete_selected(self) -> None:
        """Delete: move the selected articles out of the library (undoable); asked first
        whether to keep their highlights, when they have some."""
        rows = self._rows_for(self.selected_ids())
        if rows:
            keep = partial(self._delete, rows)
            self.delete_question = ask_keep_highlights(self, list(rows.values()), keep)

    def _delete(self, rows: dict[int, ArticleRow | SearchHit], keep_highlights: bool) -> None:
        view = self._active_view()
        next_row = view.currentIndex().row()
        text = describe("Deleted", rows)
        self.push_change(DeleteChange(self, list(rows), text, keep_highlights=keep_highlights))
        if self.is_searching():
            self._run_search()
        model = view.model()
        if model.rowCount():
            make_current(view, model.index(max(0, min(next_row, model.rowCount() - 1)), 0))

    def push_change(self, change: Change, announce: bool = True) -> None:
        """Do ``change`` and offer to undo it (a failed one says why and leaves nothing);
        ``announce`` False: the window offers the undo itself (a change made while reading)."""
        self.undo_stack.push(change)
        if not change.failed and announce:
            self.show_message(change.text(), undo=True)

    def undo(self) -> None:
        if self.undo_stack.canUndo():
            text = self.undo_stack.undoText()
            self.undo_stack.undo()
            self.show_message(f"Undone: {text}", undo=False)
            if self.is_searching():
                self._run_search()

    def redo(self) -> None:
        if self.undo_stack.canRedo():
            self.undo_stack.redo()

    def update_article_state(self, article_id: int, **changes: bool) -> None:
        """The window changed an article (read at its end, starred from the reader)."""
        self.model.update_article(article_id, **changes)

    def show_message(self, text: str, undo: bool) -> None:
        self.message.show_text(text, undo)

    # -- context menu -------------------------------------------------------------------

    def _context_menu(self, position: QPoint) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self)
        menu.setAccessibleName("Article actions")
        menu.addAction("Star / Unstar", self.toggle_star)
        menu.addAction("Archive / Unarchive", self.toggle_archive)
        menu.addAction("Mark Read / Unread", self.toggle_read)
        menu.addAction("Tags…", self.edit_tags)
        menu.addSeparator()
        menu.addAction("Delete", self.delete_selected)
        menu.popup(self.table.viewport().mapToGlobal(position))


def _ask_tags(parent: QWidget, current: str) -> str | None:
    from reader.ui.library.tags_dialog import ask_tags

    known = getattr(parent, "known_tags", [])
    return ask_tags(parent, [tag.strip() for tag in current.split(",") if tag.strip()], known)
