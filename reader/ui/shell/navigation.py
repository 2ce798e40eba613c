"""Moving around: j/k and Enter in the focused list, n/p unread, history, g-keys, paging
and find in the article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.actions.registry import handles
from reader.ui.actions.table import (
    ARTICLE_FOCUS_TEXT,
    FIND_NEXT,
    FIND_OPEN,
    FIND_PREVIOUS,
    GO_ARTICLE,
    GO_FOR_YOU,
    GO_LIBRARY,
    LIBRARY_SEARCH,
    NAV_BACK,
    NAV_FORWARD,
    NAV_NEXT,
    NAV_NEXT_UNREAD,
    NAV_OPEN,
    NAV_PREVIOUS,
    NAV_PREVIOUS_UNREAD,
    READ_END,
    READ_PAGE_DOWN,
    READ_PAGE_UP,
    READ_START,
)
from reader.ui.shell.status_line import holds_focus

if TYPE_CHECKING:
    from reader.service.reading import Document
    from reader.store import ArticleRow
    from reader.ui.library.library_view import LibraryPanel
    from reader.ui.presenter.document import CurrentDocument
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.reading.find_bar import FindBar
    from reader.ui.reading.reading_view import ReadingView
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.status_line import StatusLine
    from reader.ui.shell.view_actions import ViewActions
    from reader.ui.sidebar.sidebar import Sidebar

# Space pages by the view's height minus this much, so the last line stays in sight.
PAGE_OVERLAP_PX = 48
# n/p look at most this many rows of the list for an unread article.
MAX_UNREAD_SCAN = 5000


class Navigation:
    """Where the keyboard goes next; keeps the back/forward history of opened articles."""

    def __init__(
        self,
        *,
        current: CurrentDocument,
        library: LibraryService,
        opening: Opening,
        view_actions: ViewActions,
        view: ReadingView,
        find_bar: FindBar,
        sidebar: Sidebar,
        library_panel: LibraryPanel | None,
        status: StatusLine,
    ) -> None:
        self.current = current
        self.library = library
        self.opening = opening
        self.view_actions = view_actions
        self.view = view
        self.find_bar = find_bar
        self.sidebar = sidebar
        self.library_panel = library_panel
        self.status = status
        self._history: list[int | str] = []  # article ids, or sources not in the library
        self._history_index = -1
        self._from_history = False
        current.follow(self.remember)

    # -- lists -----------------------------------------------------------------------------
    @handles(NAV_NEXT)
    def next_item(self) -> None:
        self._step_item(1)

    @handles(NAV_PREVIOUS)
    def previous_item(self) -> None:
        self._step_item(-1)

    def _step_item(self, step: int) -> None:
        """j/k: the next story in the focused list; in the article, the next article."""
        panel = self.library_panel
        if holds_focus(self.sidebar):
            self.sidebar.select_next() if step > 0 else self.sidebar.select_previous()
            return
        if panel is None:
            return
        if holds_focus(panel):
            panel.select_next() if step > 0 else panel.select_previous()
            return
        if self.current.article_id is not None:
            panel.select_article(self.current.article_id)
        before = panel.current_article_id()
        panel.select_next() if step > 0 else panel.select_previous()
        after = panel.current_article_id()
        if after is not None and after != before:
            self.opening.open_article(after)

    @handles(NAV_OPEN)
    def open_current(self) -> None:
        """Enter: open the story or article under the cursor of the focused list."""
        if holds_focus(self.sidebar):
            self.sidebar.activate_current()
            return
        if self.library_panel is not None and holds_focus(self.library_panel):
            self.library_panel.open_current()

    @handles(NAV_NEXT_UNREAD)
    def next_unread(self) -> None:
        self._unread(1)

    @handles(NAV_PREVIOUS_UNREAD)
    def previous_unread(self) -> None:
        self._unread(-1)

    def _unread(self, step: int) -> None:
        """n/p: the next unread article of the library list (in its order, wrapping
        around at the end), opened. The list's rows are read off the GUI thread."""
        panel = self.library_panel
        if panel is None:
            return
        model = panel.model
        current_id = self.current.article_id
        start = panel.current_article_id() if holds_focus(panel) else current_id
        filter_key, tag, sort = model.filter_key, model.tag, model.sort_key

        def found(rows: list[ArticleRow]) -> None:
            target = next_unread(rows, start, step, skip=current_id)
            if target is None:
                self.status.show("No other unread article", 3000)
                return
            panel.select_article(target)
            self.opening.open_article(target)

        self.library.read(
            lambda library: library.articles(MAX_UNREAD_SCAN, 0, filter_key, tag, sort),
            found,
            owner=panel,
        )

    # -- history ---------------------------------------------------------------------------
    @handles(NAV_BACK)
    def go_back(self) -> None:
        self._go_history(-1)

    @handles(NAV_FORWARD)
    def go_forward(self) -> None:
        self._go_history(1)

    def _go_history(self, step: int) -> None:
        index = self._history_index + step
        if not 0 <= index < len(self._history):
            self.status.show("No article " + ("before" if step < 0 else "after"), 2000)
            return
        self._history_index = index
        self._from_history = True
        key = self._history[index]
        if isinstance(key, int):
            self.opening.open_article(key)
        else:
            self.opening.open_source(key)

    def remember(self, opened: Document) -> None:
        """An article came on screen: a new step in the history (unless Back/Forward
        brought it, or it is the one already there)."""
        key: int | str | None = (
            opened.article_id if opened.article_id is not None else opened.source
        )
        if self._from_history or key is None:
            self._from_history = False
            return
        if (
            0 <= self._history_index < len(self._history)
            and self._history[self._history_index] == key
        ):
            return
        del self._history[self._history_index + 1 :]
        self._history.append(key)
        self._history_index = len(self._history) - 1

    # -- g-keys: places in the window -----------------------------------------------------
    @handles(GO_LIBRARY)
    def go_library(self) -> None:
        panel = self.library_panel
        if panel is None:
            return
        if not panel.isVisible():
            self.view_actions.reveal_library()
        panel.table.setFocus()
        if self.current.article_id is not None:
            panel.select_article(self.current.article_id)

    @handles(LIBRARY_SEARCH)
    def search_library(self) -> None:
        self.go_library()
        if self.library_panel is not None:
            self.library_panel.focus_search()

    def search_library_for(self, text: str) -> None:
        """A story without a link: look for it among the saved articles."""
        self.search_library()
        if self.library_panel is not None:
            self.library_panel.search_now(text)

    @handles(GO_FOR_YOU)
    def go_for_you(self) -> None:
        """g r: the sidebar's For you list, focused."""
        self.sidebar.show_for_you()
        self.focus_sidebar()

    @handles(GO_ARTICLE)
    def go_this_article(self) -> None:
        """g a: the sidebar's list of this article's stories, focused."""
        self.sidebar.show_this_article()
        self.focus_sidebar()

    def focus_sidebar(self) -> None:
        if not self.sidebar.isVisible():
            self.view_actions.reveal_sidebar()
        self.sidebar.focus_list()

    @handles(ARTICLE_FOCUS_TEXT)
    def focus_article(self) -> None:
        self.view.setFocus()

    # -- in the article --------------------------------------------------------------------
    @handles(READ_PAGE_DOWN)
    def page_down(self) -> None:
        self._page(1)

    @handles(READ_PAGE_UP)
    def page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        """Space pages the article from anywhere, except that a focused button or combo
        box still gets its Space (keyboard users press them with it)."""
        from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox

        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractButton) and direction > 0:
            focus.animateClick()
            return
        if isinstance(focus, QComboBox) and direction > 0:
            focus.showPopup()
            return
        view = self.view
        bar = view.verticalScrollBar()
        step = max(1, view.viewport().height() - PAGE_OVERLAP_PX)
        bar.setValue(bar.value() + direction * step)

    @handles(READ_START)
    def to_start(self) -> None:
        """Ctrl+Home: the top of the article, from anywhere in the window."""
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.minimum())

    @handles(READ_END)
    def to_end(self) -> None:
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.maximum())

    @handles(FIND_OPEN)
    def open_find(self) -> None:
        self.find_bar.open()

    @handles(FIND_NEXT)
    def find_next(self) -> None:
        self.find_bar.find_next()

    @handles(FIND_PREVIOUS)
    def find_previous(self) -> None:
        self.find_bar.find_previous()


def next_unread(
    rows: list[ArticleRow], start: int | None, step: int, skip: int | None
) -> int | None:
    """The id of the first unread row after ``start`` going ``step`` (wrapping round),
    never ``skip`` (the article on screen); None when there is none."""
    count = len(rows)
    origin = next((i for i, row in enumerate(rows) if row.id == start), -1)
    position = origin
    for _ in range(count):
        position = (position + step) % count
        if position == origin:
            break
        row = rows[position]
        if not row.read and row.id != skip:
            return row.id
        if origin < 0:
            origin = position
    return None
