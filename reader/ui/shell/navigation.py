"""Moving around: j/k and Enter in the focused list, n/p unread, history, g-keys, paging
and find in the article."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    READ_PAGE_DOWN,
    READ_PAGE_UP,
)
from reader.ui.shell.controller import Controller

if TYPE_CHECKING:
    from reader.ui.shell.main_window import MainWindow

# Space pages by the view's height minus this much, so the last line stays in sight.
PAGE_OVERLAP_PX = 48
# n/p look at most this many rows for an unread article (a huge library is paged in).
MAX_UNREAD_SCAN = 5000


class Navigation(Controller):
    """Where the keyboard goes next; keeps the back/forward history of opened articles."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._history: list[int | str] = []  # article ids, or sources not in the library
        self._history_index = -1
        self._from_history = False

    # -- lists -----------------------------------------------------------------------------
    @handles(NAV_NEXT)
    def next_item(self) -> None:
        self._step_item(1)

    @handles(NAV_PREVIOUS)
    def previous_item(self) -> None:
        self._step_item(-1)

    def _step_item(self, step: int) -> None:
        """j/k: the next story in the focused list; in the article, the next article."""
        window = self.window
        panel = window.library_panel
        if self.sidebar_has_focus():
            window.sidebar.select_next() if step > 0 else window.sidebar.select_previous()
            return
        if panel is None:
            return
        if self.panel_has_focus():
            panel.select_next() if step > 0 else panel.select_previous()
            return
        if window.article_id is not None:
            panel.select_article(window.article_id)
        before = panel.current_article_id()
        panel.select_next() if step > 0 else panel.select_previous()
        after = panel.current_article_id()
        if after is not None and after != before:
            window.open_article(after)

    @handles(NAV_OPEN)
    def open_current(self) -> None:
        """Enter: open the story or article under the cursor of the focused list."""
        if self.sidebar_has_focus():
            self.window.sidebar.activate_current()
            return
        if self.window.library_panel is not None and self.panel_has_focus():
            self.window.library_panel.open_current()

    @handles(NAV_NEXT_UNREAD)
    def next_unread(self) -> None:
        self._unread(1)

    @handles(NAV_PREVIOUS_UNREAD)
    def previous_unread(self) -> None:
        self._unread(-1)

    def _unread(self, step: int) -> None:
        """n/p: the next unread article of the library list (in its order, wrapping
        around at the end), opened."""
        from PySide6.QtCore import QModelIndex

        window = self.window
        panel = window.library_panel
        if panel is None:
            return
        model = panel.model
        start = panel.current_article_id() if self.panel_has_focus() else window.article_id
        origin = model.row_of(start) if start is not None else -1
        row = origin
        for _ in range(MAX_UNREAD_SCAN):
            row += step
            if row >= model.rowCount() and model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
            count = model.rowCount()
            if count == 0:
                break
            row %= count
            if row == origin:
                break
            item = model.row_at(row)
            if not getattr(item, "read", False) and item.id != window.article_id:
                panel.select_article(item.id)
                window.open_article(item.id)
                return
            if origin < 0:
                origin = row
        self.status("No other unread article", 3000)

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
            self.status("No article " + ("before" if step < 0 else "after"), 2000)
            return
        self._history_index = index
        self._from_history = True
        key = self._history[index]
        if isinstance(key, int):
            self.window.open_article(key)
        else:
            self.window.open_source(key)

    def remember(self, opened: Any) -> None:
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
        window = self.window
        if window.library_panel is None:
            self.status(f"The library is unavailable: {window.library_error}")
            return
        if not window.library_panel.isVisible():
            window.actions_by_id["view.library"].setChecked(True)
            window.view_actions.toggle_library()
        window.library_panel.table.setFocus()
        if window.article_id is not None:
            window.library_panel.select_article(window.article_id)

    @handles(LIBRARY_SEARCH)
    def search_library(self) -> None:
        self.go_library()
        if self.window.library_panel is not None:
            self.window.library_panel.focus_search()

    def search_library_for(self, text: str) -> None:
        """A story without a link: look for it among the saved articles."""
        self.search_library()
        if self.window.library_panel is not None:
            self.window.library_panel.search_now(text)

    @handles(GO_FOR_YOU)
    def go_for_you(self) -> None:
        self._sidebar_mode("show_for_you")

    @handles(GO_ARTICLE)
    def go_this_article(self) -> None:
        self._sidebar_mode("show_this_article")

    def _sidebar_mode(self, method: str) -> None:
        """g r / g a: the sidebar's For you or This article list, focused."""
        getattr(self.window.sidebar, method)()
        self.focus_sidebar()

    def focus_sidebar(self) -> None:
        window = self.window
        if not window.sidebar.isVisible():
            window.actions_by_id["view.sidebar"].setChecked(True)
            window.view_actions.toggle_sidebar()
        window.sidebar.focus_list()

    @handles(ARTICLE_FOCUS_TEXT)
    def focus_article(self) -> None:
        self.window.view.setFocus()

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
        from PySide6.QtWidgets import QAbstractButton, QComboBox

        focus = self.focused()
        if isinstance(focus, QAbstractButton) and direction > 0:
            focus.animateClick()
            return
        if isinstance(focus, QComboBox) and direction > 0:
            focus.showPopup()
            return
        view = self.window.view
        bar = view.verticalScrollBar()
        step = max(1, view.viewport().height() - PAGE_OVERLAP_PX)
        bar.setValue(bar.value() + direction * step)

    @handles(FIND_OPEN)
    def open_find(self) -> None:
        self.window.find_bar.open()

    @handles(FIND_NEXT)
    def find_next(self) -> None:
        self.window.find_bar.find_next()

    @handles(FIND_PREVIOUS)
    def find_previous(self) -> None:
        self.window.find_bar.find_previous()
