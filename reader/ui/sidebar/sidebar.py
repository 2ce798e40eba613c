"""The sidebar: what to read next, as cards, in two modes.

"This article" lists the stories the current page recommended, in page order. "For you"
lists unread stories across the whole library, best first (reader.store.ranking says how).
The sidebar also decides where an activated story goes: a saved article opens from the
library, a story with a URL is handed to the window to fetch, a story without one (text
dumps) shows its title and summary with a "Search library" button. Activating marks the
story read. Library work goes through the window's library service: reads on its reader
threads, read marks on its writer thread; "For you" reloads after the marks asked before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent, QPalette, QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from reader.ui.presenter import tasks
from reader.ui.presenter.library_service import LibraryService
from reader.ui.sidebar.sidebar_parts import (
    MODE_ARTICLE,
    MODE_FOR_YOU,
    MODE_LABELS,
    ElidedLabel,
    SidebarParts,
    make_parts,
)
from reader.ui.sidebar.story_model import ListRow, StoryItem, StoryModel, StoryRole

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCheckBox, QStackedWidget

    from reader.store import Library
    from reader.ui.sidebar.mode_switch import ModeSwitch
    from reader.ui.sidebar.story_card import StoryCardDelegate
    from reader.ui.sidebar.story_detail import StoryDetail
    from reader.ui.sidebar.story_list import StoryList

__all__ = [
    "MODE_ARTICLE",
    "MODE_FOR_YOU",
    "Sidebar",
    "StoryItem",
    "StoryModel",
    "StoryRole",
]

FOR_YOU_LIMIT = 60  # a long evening's worth; the query costs the same for 50 or 100

EMPTY_TEXT = {
    MODE_ARTICLE: "This page recommended no other stories. For you (g r) gathers the ones "
    "your other saved pages recommended.",
    MODE_FOR_YOU: "Nothing to suggest yet. The stories your saved pages recommend gather "
    "here, unread ones only, the most recommended first.",
}
ONLY_ADS_TEXT = 'Only sponsored stories here; "Show ads" lists them.'


def _resolve_and_mark(
    library: Library, story_id: int | None, url: str | None, mark: bool
) -> int | None:
    """Mark the story read; return the saved article with its URL, if any."""
    if mark and story_id is not None:
        library.mark_story_read(story_id)
    return library.find_by_url(url) if url else None


class Sidebar(QWidget):
    """Mode switch, caption, "show ads" toggle, and the story cards (or one story's detail)."""

    story_activated = Signal(object)  # StoryItem, on every activation (status text, compat)
    open_article_requested = Signal(int)  # a story that is a saved article
    open_url_requested = Signal(str)  # a story with a URL the library does not have
    search_requested = Signal(str)  # "Search library" for a story without a URL
    mode_changed = Signal(str)  # MODE_ARTICLE | MODE_FOR_YOU
    loaded = Signal(str)  # the mode whose stories just arrived

    def __init__(
        self, library: LibraryService | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAutoFillBackground(True)
        self._mode = MODE_ARTICLE
        self._items: dict[str, list[StoryItem]] = {MODE_ARTICLE: [], MODE_FOR_YOU: []}
        self._selected: dict[str, object] = {}
        self._selected_row: dict[str, int] = {}
        self._for_you_loaded = False
        self._unread = (0, 0)  # unread stories For you could offer: without ads, with them
        self._for_you_error: str | None = None
        self._generation = 0
        self._library = library or LibraryService(parent=self)
        self._marks_in_flight = 0
        self._reload_after_marks = False
        self.article_id: int | None = None

        self._show_ads = False  # until the cards are made: then their "Show ads" box says
        self._palette: QPalette | None = None
        self._parts: SidebarParts | None = None
        self._making_soon = False
        self._when_made: list[Callable[[], None]] = []
        #: how the parts are made after the first paint: ``make_soon(make)`` calls ``make``
        #: a turn later; a window first warms their modules (``PART_MODULES``), a turn each
        self.make_soon: Callable[[Callable[[], None]], None] = self._next_turn

    # -- the parts (reader.ui.sidebar.sidebar_parts): made in the turn after the sidebar's
    # first paint, or when first asked for; the window's first story goes on screen before
    # them, its stories kept in ``_items`` meanwhile.
    @property
    def switch(self) -> ModeSwitch:
        return self._made().switch

    @property
    def caption(self) -> ElidedLabel:
        return self._made().caption

    @property
    def ads_toggle(self) -> QCheckBox:
        return self._made().ads_toggle

    @property
    def empty(self) -> QLabel:
        return self._made().empty

    @property
    def model(self) -> StoryModel:
        return self._made().model

    @property
    def list(self) -> StoryList:
        return self._made().list

    @property
    def delegate(self) -> StoryCardDelegate:
        return self._made().delegate

    @property
    def detail(self) -> StoryDetail:
        return self._made().detail

    @property
    def stack(self) -> QStackedWidget:
        return self._made().stack

    def when_made(self, callback: Callable[[], None]) -> None:
        """``callback`` once the parts exist (at once when they do)."""
        if self._parts is not None:
            callback()
        else:
            self._when_made.append(callback)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._parts is None and not self._making_soon:
            self._making_soon = True
            self.make_soon(self.make_parts)

    def _next_turn(self, make: Callable[[], None]) -> None:
        QTimer.singleShot(0, self, make)

    def make_parts(self) -> None:
        """Make the widgets now (they are made once)."""
        self._made()

    def _made(self) -> SidebarParts:
        if self._parts is not None:
            return self._parts
        parts = self._parts = make_parts(self, self._show_ads)
        if self._palette is not None:
            self.apply_palette(self._palette)
        parts.switch.set_mode(self._mode)
        parts.switch.mode_selected.connect(self.set_mode)
        parts.model.set_show_ads(self._show_ads)
        parts.ads_toggle.toggled.connect(self.set_show_ads)
        parts.list.story_activated.connect(self.activate)
        parts.detail.search_requested.connect(self.search_requested)
        parts.detail.back_requested.connect(self.show_cards)
        self._show_items(self._mode)
        waiting, self._when_made = self._when_made, []
        for callback in waiting:
            callback()
        return parts

    def showEvent(self, event: QShowEvent) -> None:
        """Back from focus mode or a drawer: the cards are laid out again at the width they
        have now (they kept the places of the width they had while hidden: uneven gaps),
        and the selected one is in view."""
        super().showEvent(event)
        QTimer.singleShot(0, self, self._lay_out_cards)  # once the splitter gave it its width

    def _lay_out_cards(self) -> None:
        if self._parts is None:  # they are laid out when made
            return
        self.list.doItemsLayout()
        current = self.list.currentIndex()
        if current.isValid():
            self.list.scrollTo(current)

    # -- theme ----------------------------------------------------------------------------
    def apply_palette(self, palette: QPalette) -> None:
        """The theme's palette, with the card list drawn on the sidebar colour."""
        self.setPalette(palette)
        self._palette = palette
        if self._parts is None:
            return
        inner = QPalette(palette)
        inner.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        self.list.setPalette(inner)
        self.list.viewport().update()

    # -- content --------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self._mode

    def set_stories(self, items: Sequence[StoryItem], article_id: int | None = None) -> None:
        """The article on display changed: its stories, in page order (a story's card,
        left open on the article before, goes)."""
        self.article_id = article_id
        self._items[MODE_ARTICLE] = list(items)
        self._selected.pop(MODE_ARTICLE, None)
        self._selected_row.pop(MODE_ARTICLE, None)
        if self._parts is not None:
            self.show_cards()
        if self._mode == MODE_ARTICLE:
            self._show_items(MODE_ARTICLE)
        else:
            self.refresh()  # the article was just saved: its stories count now

    def refresh(self) -> None:
        """Reload what depends on the whole library (after saves, deletes, imports)."""
        if self._mode == MODE_FOR_YOU:
            self._load_for_you()
        # otherwise nothing to do: showing "For you" always reloads it

    def show_this_article(self) -> None:
        self.set_mode(MODE_ARTICLE)

    def show_for_you(self) -> None:
        self.set_mode(MODE_FOR_YOU)

    def set_mode(self, mode: str) -> None:
        if mode not in MODE_LABELS:
            raise ValueError(f"unknown sidebar mode {mode!r}")
        self.switch.set_mode(mode)
        self.show_cards()
        if mode == self._mode:
            if mode == MODE_FOR_YOU:
                self._load_for_you()
            return
        self._remember_selection()
        self._mode = mode
        self.delegate.always_count = mode == MODE_FOR_YOU
        self.list.setAccessibleName(
            "Stories for you" if mode == MODE_FOR_YOU else "Recommended stories"
        )
        self._show_items(mode)
        if mode == MODE_FOR_YOU:
            self._load_for_you()
        self.mode_changed.emit(mode)

    def items(self) -> Sequence[StoryItem]:
        """The cards showing now (ads only when shown)."""
        return self.model.items()

    def current_item(self) -> StoryItem | None:
        return self.model.item(self.list.currentIndex().row())

    def set_show_ads(self, show: bool) -> None:
        self._show_ads = show
        if self._parts is None:
            return
        if self.ads_toggle.isChecked() != show:
            self.ads_toggle.setChecked(show)  # re-enters through toggled
            return
        identity = self._current_identity()
        self.model.set_show_ads(show)
        self._select(identity, 0)
        self._update_header()

    # -- keyboard -------------------------------------------------------------------------
    def select_next(self) -> None:
        self.show_cards()
        self.list.step(1)

    def select_previous(self) -> None:
        self.show_cards()
        self.list.step(-1)

    def activate_current(self) -> None:
        if self.stack.currentWidget() is self.detail:
            self.detail.search()
            return
        row = self.list.currentIndex().row()
        more = self.model.row(row)
        if isinstance(more, ListRow) and more.hidden:
            self.list.open_list(row)
            return
        item = self.current_item()
        if item is not None:
            self.activate(item)

    def focus_list(self) -> None:
        self.show_cards()
        if not self.list.currentIndex().isValid() and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(self.model.first_selectable()))
        self.list.setFocus()

    def showing_detail(self) -> bool:
        return self.stack.currentWidget() is self.detail

    def show_cards(self) -> None:
        """Back from a story's detail to the list."""
        if self.stack.currentWidget() is self.detail:
            had_focus = self.detail.isAncestorOf(self.focusWidget() or self)
            self.stack.setCurrentIndex(0)
            if had_focus:
                self.list.setFocus()

    # -- activation -----------------------------------------------------------------------
    def activate(self, item: object) -> None:
        """Open a story where it lives, and remember that it was read."""
        if not isinstance(item, StoryItem):
            return
        self.story_activated.emit(item)
        mark = item.story_id is not None and not item.read
        if item.article_id is not None:
            self._show_read(item)
            self.open_article_requested.emit(item.article_id)
            self._mark_read(item, mark)
        elif item.story.url:
            # A story still on the web counts as read once its page opens (the library marks
            # it then): a fetch that fails offline leaves it unread.
            url = item.story.url

            def done(article_id: object) -> None:
                if isinstance(article_id, int):
                    self._show_read(item)
                    self._mark_read(item, mark)
                    self.open_article_requested.emit(article_id)
                else:
                    self.open_url_requested.emit(url)

            self._mark(
                lambda library: _resolve_and_mark(library, item.story_id, url, False),
                done,
                lambda _error: self.open_url_requested.emit(url),
            )
        else:
            self._show_read(item)
            self._show_detail(item)
            self._mark_read(item, mark)

    def _mark_read(self, item: StoryItem, mark: bool) -> None:
        if mark:
            self._mark(
                lambda library: _resolve_and_mark(library, item.story_id, None, True),
                _ignore,
                _ignore,
            )

    def _show_read(self, item: StoryItem) -> None:
        identity = item.identity()
        for mode, items in self._items.items():
            self._items[mode] = [i.as_read() if i.identity() == identity else i for i in items]
        if self._parts is not None:
            self.model.mark_read(identity)

    def _show_detail(self, item: StoryItem) -> None:
        had_focus = self.list.hasFocus()
        self.detail.show_item(item)
        self.stack.setCurrentWidget(self.detail)
        if had_focus:
            self.detail.search_button.setFocus()

    # -- loading --------------------------------------------------------------------------
    def _load_for_you(self) -> None:
        self._generation += 1
        generation = self._generation

        def done(result: tuple[list[StoryItem], tuple[int, int]]) -> None:
            if generation != self._generation:
                return
            items, self._unread = result
            self._for_you_error = None
            self._for_you_loaded = True
            self._items[MODE_FOR_YOU] = items
            if self._mode == MODE_FOR_YOU:
                self._show_items(MODE_FOR_YOU, keep_current=True)
            self.loaded.emit(MODE_FOR_YOU)

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self._for_you_error = f"Cannot read the library: {error}"
            self._items[MODE_FOR_YOU] = []
            if self._mode == MODE_FOR_YOU:
                self._show_items(MODE_FOR_YOU)
            self.loaded.emit(MODE_FOR_YOU)

        if self._marks_in_flight:
            self._reload_after_marks = True  # the marks first, so read stories drop out
            return

        def work(library: Library) -> tuple[list[StoryItem], tuple[int, int]]:
            rows = library.for_you(FOR_YOU_LIMIT, include_sponsored=True)
            unread = (library.for_you_count(False), library.for_you_count(True))
            return [StoryItem.from_stored(row) for row in rows], unread

        self._library.read(work, done, failed, owner=self)

    def _mark(
        self,
        work: Callable[[Library], int | None],
        on_done: Callable[[int | None], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """A read mark (and the saved article with the story's URL) on the writer thread."""

        def settled() -> None:
            self._marks_in_flight -= 1
            if not self._marks_in_flight and self._reload_after_marks:
                self._reload_after_marks = False
                self._load_for_you()

        def done(article_id: int | None) -> None:
            settled()
            on_done(article_id)

        def failed(error: BaseException) -> None:
            settled()
            on_error(error)

        self._marks_in_flight += 1
        self._library.write(work, done, failed, owner=self)

    def is_loading(self) -> bool:
        return tasks.pending() > 0

    def wait_idle(self, msecs: int = 5000) -> bool:
        """Block until queued library work ran (tests and shutdown)."""
        return self._library.wait_idle(msecs)

    def _show_items(self, mode: str, keep_current: bool = False) -> None:
        """Put the mode's stories in the list, selecting the story selected before.

        ``keep_current``: a reload of the list on display; if the current story dropped out
        (just read), the one that took its row is selected: the next read, one key away.
        Before the parts are made, the stories wait in ``_items`` (``_made`` shows them).
        """
        if self._parts is None:
            return
        identity = self._selected.get(mode)
        row = self._selected_row.get(mode, 0)
        if keep_current and self.current_item() is not None:
            identity, row = self._current_identity(), self.list.currentIndex().row()
        self.model.set_items(self._items[mode], grouped=mode == MODE_ARTICLE)
        self._select(identity, row)
        self._update_header()

    def _current_identity(self) -> object | None:
        item = self.current_item()
        return None if item is None else item.identity()

    def _remember_selection(self) -> None:
        item = self.current_item()
        if item is not None:
            self._selected[self._mode] = item.identity()
            self._selected_row[self._mode] = self.list.currentIndex().row()

    def _select(self, identity: object | None, fallback_row: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        row = self.model.row_of(identity) if identity is not None else -1
        if row < 0:
            row = max(0, min(fallback_row, count - 1))
            if not self.model.selectable(row):
                row = self.model.first_selectable(row)
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)

    def _update_header(self) -> None:
        mode = self._mode
        sponsored = self.model.sponsored_count()
        self.ads_toggle.setVisible(sponsored > 0)
        self.ads_toggle.setText(f"Show ads ({sponsored})")
        count = self.model.story_count()
        if mode == MODE_ARTICLE:
            caption = f"{count} stor{'y' if count == 1 else 'ies'}, page order" if count else ""
        elif not self._for_you_loaded and not self._for_you_error:
            caption = "Loading…"
        else:
            total = self._unread[1 if self.ads_toggle.isChecked() else 0]
            if total > count:
                caption = f"The best {count} of {total:,} unread stories"
            else:
                caption = f"{count} unread stor{'y' if count == 1 else 'ies'}, best first"
            caption = caption if count else ""
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption) or sponsored > 0)
        empty = EMPTY_TEXT[mode]
        if mode == MODE_FOR_YOU and self._for_you_error:
            empty = self._for_you_error
        elif sponsored and not self.ads_toggle.isChecked():
            empty = ONLY_ADS_TEXT
        self.empty.setText(empty)
        loading = mode == MODE_FOR_YOU and not self._for_you_loaded and not self._for_you_error
        self.empty.setVisible(not count and not loading)


def _ignore(_value: object) -> None:
    """Marking a story read is a nicety: a failure costs nothing the reader would see."""
