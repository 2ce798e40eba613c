"""Highlighting in the window: `h` marks the selection, Shift+H (or a click) writes a note.

The handler group of the Highlights menu. When an article opens, its highlights are read
and attached to the view's own text off the GUI thread (reader.highlights.attach), then
drawn (HighlightLayer); those the text no longer holds are listed as detached in the
panel, and the library learns which ones they are. A new highlight is drawn at once and
saved on the library's writer thread; removing one is undone with Ctrl+Z. Selecting with
the keyboard: `v` takes the first sentence on screen (then the next), F7 gives the text a
cursor that Shift+arrows extend.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QMouseEvent, QTextCursor

from reader.highlights.anchors import Anchor, describe
from reader.highlights.colors import COLORS, DEFAULT_COLOR
from reader.ui.actions.registry import handles
from reader.ui.actions.table import (
    HIGHLIGHT_ADD,
    HIGHLIGHT_ALL,
    HIGHLIGHT_BLUE,
    HIGHLIGHT_GREEN,
    HIGHLIGHT_NOTE,
    HIGHLIGHT_PANEL,
    HIGHLIGHT_PINK,
    HIGHLIGHT_REMOVE,
    HIGHLIGHT_UNDO,
    HIGHLIGHT_YELLOW,
)
from reader.ui.highlights.colors import highlight_color
from reader.ui.highlights.layer import Drawn, HighlightLayer
from reader.ui.reading import themes
from reader.ui.shell.status_line import STATUS_TIMEOUT_MS

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from reader.highlights.attach import Attached
    from reader.service.reading import Document
    from reader.store import Highlight, Library
    from reader.ui.highlights.exports import HighlightExports
    from reader.ui.highlights.panel import HighlightsPanel
    from reader.ui.highlights.selecting import SentenceSelection
    from reader.ui.presenter.document import CurrentDocument
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.reading.reading_view import ReadingView
    from reader.ui.shell.dialog_host import DialogHost
    from reader.ui.shell.drawers import PanelPlacement
    from reader.ui.shell.messages import MessageBar
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.settings import Settings
    from reader.ui.shell.status_line import StatusLine

log = logging.getLogger(__name__)

COLOR_KEY = "highlights/color"  # the colour of new highlights
CLICK_SLOP_PX = 4  # a press and release this close is a click, not a drag
PANEL_MIN_WIDTH = 250  # as narrow as the stories panel gets
PANEL_WIDTH = 320
ALL_LIMIT = 500  # highlights the library-wide list shows at once (newest first)
NOTHING_SELECTED = "Select some text first: drag across it, or press v to select a sentence."
NOT_SAVED = "This article is not in the library, so it cannot keep highlights."


class Highlighting(QObject):
    """See module docstring."""

    def __init__(
        self,
        *,
        view: ReadingView,
        current: CurrentDocument,
        library: LibraryService,
        opening: Opening,
        settings: Settings,
        messages: MessageBar,
        status: StatusLine,
        dialogs: DialogHost,
        panel: HighlightsPanel,
        placement: PanelPlacement,
        actions: dict[str, QAction],
    ) -> None:
        super().__init__(view)
        self.view, self.current, self.library, self.opening = view, current, library, opening
        self.settings, self.messages, self.status = settings, messages, status
        self.dialogs, self.panel, self.placement, self.actions = dialogs, panel, placement, actions
        self.layer = HighlightLayer(view)
        self.items: dict[int, Highlight] = {}  # the article's highlights, by id
        self.detached: set[int] = set()  # of those, the ones its text does not hold
        self.listed: dict[int, Highlight] = {}  # in the library-wide list, by id
        self.removed: list[tuple[Highlight, Drawn | None]] = []  # Ctrl+Z brings them back
        self._text: tuple[str, str] = ("", "")  # (the view's HTML, its plain text)
        self._next_temporary = 0
        self._note_when_saved: int | None = None  # a temporary id: Shift+H before the save
        self._jump_when_loaded: int | None = None
        self._press: QPoint | None = None
        # (where h left the cursor, where the highlight ended): v goes on from there
        self.resume: tuple[int, int] | None = None
        stored = str(settings.store.value(COLOR_KEY, DEFAULT_COLOR))
        self.color = stored if stored in COLORS else DEFAULT_COLOR
        actions[f"highlight.{self.color}"].setChecked(True)
        view.document_shown.connect(self._restyled)
        view.viewport().installEventFilter(self)
        panel.jump_requested.connect(self.jump_to)
        panel.open_requested.connect(self.open_highlight)
        panel.mode_changed.connect(lambda _mode: self.refresh_panel())
        panel.search_changed.connect(lambda _query: self.refresh_panel())
        placement.visibility_changed.connect(self._panel_visibility)
        self._restyled()
        current.follow(self._document_opened)

    # -- the article on screen ----------------------------------------------------------
    def text(self) -> str:
        """The view's text (document positions index it), read once per document."""
        html = self.view.current_html()
        if self._text[0] != html or not html:
            self._text = (html, self.view.document().toPlainText())
        return self._text[1]

    def _document_opened(self, document: Document) -> None:
        self.items, self.detached, self.removed = {}, set(), []
        self.resume = None
        self.layer.clear()
        article_id = document.article_id
        if article_id is None:
            self.refresh_panel()
            return
        text, html = self.text(), self.view.current_html()

        def attach(library: Library) -> list[tuple[Highlight, Attached | None]]:
            from reader.highlights.attach import Matcher  # on the reader thread, when needed

            found = library.article_highlights(article_id)
            matcher = Matcher(text)
            return [(highlight, matcher.attach(highlight.anchor)) for highlight in found]

        self.library.read(
            attach,
            lambda pairs: self._attached(article_id, html, text, pairs),
            lambda error: self.messages.show_error(f"Highlights not read: {error}"),
            owner=self,
        )

    def _attached(
        self,
        article_id: int,
        html: str,
        text: str,
        pairs: list[tuple[Highlight, Attached | None]],
    ) -> None:
        if self.current.article_id != article_id or self.view.current_html() != html:
            return  # another article (or none) is on screen by now
        self.items = {highlight.id: highlight for highlight, _found in pairs}
        self.detached = {highlight.id for highlight, found in pairs if found is None}
        self.layer.show(
            [
                Drawn(highlight.id, found.start, found.end, highlight.color)
                for highlight, found in pairs
                if found is not None
            ]
        )
        changes: list[tuple[int, Anchor | None]] = []
        for highlight, found in pairs:
            if found is None and not highlight.detached:
                changes.append((highlight.id, None))
            elif found is not None and highlight.detached:
                changes.append((highlight.id, describe(text, found.start, found.end)))
        if changes:  # the library lists them as the text on screen has them
            self.library.write(lambda library: library.set_highlight_anchors(changes))
        self.refresh_panel()
        if self._jump_when_loaded is not None:
            self.jump_to(self._jump_when_loaded)
            self._jump_when_loaded = None

    def _restyled(self) -> None:
        """A new document or style: the panel follows the theme (swatches, list colours)."""
        theme = self.view.theme
        self.panel.set_colors({color: highlight_color(theme, color) for color in COLORS})
        self.panel.apply_theme(themes.load_theme(theme), self.panel.window().palette())
        self.refresh_panel()  # the swatches in the new shades

    # -- making highlights ----------------------------------------------------------------
    @handles(HIGHLIGHT_ADD)
    def highlight_selection(self) -> None:
        """Highlight the selection in the current colour, drawn at once, saved after."""
        article_id = self.current.article_id
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            self.status.show(NOTHING_SELECTED, STATUS_TIMEOUT_MS)
            return
        if article_id is None:
            self.messages.show_error(NOT_SAVED)
            return
        anchor = describe(self.text(), cursor.selectionStart(), cursor.selectionEnd())
        if anchor is None:
            self.status.show(NOTHING_SELECTED, STATUS_TIMEOUT_MS)
            return
        same = next(
            (d for d in self.layer.drawn if (d.start, d.end) == (anchor.start, anchor.end)), None
        )
        if same is not None:
            self.status.show("Already highlighted.", STATUS_TIMEOUT_MS)
            return
        self._next_temporary -= 1
        temporary = self._next_temporary
        color = self.color
        self.layer.add(Drawn(temporary, anchor.start, anchor.end, color))
        cursor.setPosition(anchor.start)  # inside it: Shift+H and Delete find it there
        self.view.setTextCursor(cursor)
        self.resume = (anchor.start, anchor.end)
        self.library.write(
            lambda library: library.add_highlight(article_id, anchor, color=color),
            lambda highlight: self._saved(temporary, highlight),
            lambda error: self._not_saved(temporary, error),
            owner=self,
        )

    def _saved(self, temporary: int, highlight: Highlight) -> None:
        drawn = self.layer.find(temporary)
        if drawn is None or self.current.article_id != highlight.article_id:
            return
        self.layer.replace(temporary, Drawn(highlight.id, drawn.start, drawn.end, drawn.color))
        self.items[highlight.id] = highlight
        self.refresh_panel()
        self.status.show("Highlighted. Shift+H adds a note.", STATUS_TIMEOUT_MS)
        if self._note_when_saved == temporary:
            self._note_when_saved = None
            self.open_note(highlight.id)

    def _not_saved(self, temporary: int, error: BaseException) -> None:
        self.layer.remove(temporary)
        self.messages.show_error(f"The highlight was not saved: {error}")

    def _target(self) -> Drawn | None:
        """The highlight under the selection, or under the text cursor."""
        cursor = self.view.textCursor()
        if cursor.hasSelection():
            return self.layer.at(cursor.selectionStart(), cursor.selectionEnd())
        return self.layer.at(cursor.position())

    # -- notes ----------------------------------------------------------------------------
    @handles(HIGHLIGHT_NOTE)
    def edit_note(self) -> None:
        """The note of the highlight under the cursor (or chosen in the panel's list); a
        selection is highlighted first."""
        if self.panel.list.hasFocus():
            chosen = self.panel.current_id()
            if chosen is not None:
                self.open_note(chosen)
            return
        target = self._target()
        if target is None and self.view.textCursor().hasSelection():
            self.highlight_selection()
            target = self._target()
        if target is None:
            self.status.show(
                "Put the cursor in a highlight (or select text), then press Shift+H.",
                STATUS_TIMEOUT_MS,
            )
            return
        if target.id < 0:
            self._note_when_saved = target.id  # opens once the highlight is saved
            return
        self.open_note(target.id)

    def open_note(self, highlight_id: int) -> None:
        from reader.ui.highlights.note_dialog import NoteDialog

        highlight = self.items.get(highlight_id) or self.listed.get(highlight_id)
        if highlight is None:
            return
        back_to = self.panel.list if self.panel.list.hasFocus() else self.view
        dialog = NoteDialog(highlight.text, highlight.note, self.dialogs.window)
        dialog.accepted.connect(lambda: self.set_note(highlight_id, dialog.note()))
        dialog.finished.connect(lambda _result: back_to.setFocus())
        self.dialogs.open("highlight_note", dialog)

    def set_note(self, highlight_id: int, note: str) -> None:
        def store(library: Library) -> Highlight:
            library.set_highlight_note(highlight_id, note)
            return library.highlight(highlight_id)

        self.library.write(store, self._changed, self._write_failed, owner=self)

    def _changed(self, highlight: Highlight) -> None:
        if highlight.id in self.items:
            self.items[highlight.id] = highlight
        self.refresh_panel()

    def _write_failed(self, error: BaseException) -> None:
        self.messages.show_error(f"The highlight was not changed: {error}")

    # -- removing ---------------------------------------------------------------------------
    @handles(HIGHLIGHT_REMOVE)
    def remove(self) -> None:
        """Delete: the highlight under the cursor (or the one chosen in the panel) goes."""
        if self.panel.list.hasFocus():
            chosen = self.panel.current_id()
            if chosen is not None and self.panel.mode == "article":
                self.remove_highlight(chosen)
            return
        target = self._target()
        if target is None:
            self.status.show("Put the cursor in a highlight to remove it.", STATUS_TIMEOUT_MS)
            return
        self.remove_highlight(target.id)

    def remove_highlight(self, highlight_id: int) -> None:
        highlight = self.items.pop(highlight_id, None)
        if highlight is None:
            return
        drawn = self.layer.remove(highlight_id)
        self.detached.discard(highlight_id)
        self.removed.append((highlight, drawn))
        self.library.write(
            lambda library: library.remove_highlight(highlight_id),
            failed=self._write_failed,
            owner=self,
        )
        self.refresh_panel()
        self.status.show("Highlight removed. Ctrl+Z brings it back.", STATUS_TIMEOUT_MS)

    @handles(HIGHLIGHT_UNDO)
    def undo_remove(self) -> None:
        if not self.removed:
            self.status.show("No removed highlight to bring back.", STATUS_TIMEOUT_MS)
            return
        highlight, drawn = self.removed.pop()
        self.items[highlight.id] = highlight
        if drawn is None:
            self.detached.add(highlight.id)
        else:
            self.layer.add(drawn)
        self.library.write(
            lambda library: library.restore_highlight(highlight.id),
            failed=self._write_failed,
            owner=self,
        )
        self.refresh_panel()
        self.status.show("Highlight back.", STATUS_TIMEOUT_MS)

    # -- colours ----------------------------------------------------------------------------
    @handles(HIGHLIGHT_YELLOW, HIGHLIGHT_GREEN, HIGHLIGHT_BLUE, HIGHLIGHT_PINK)
    def set_color(self, color: str) -> None:
        """New highlights take ``color``; the one under the cursor changes to it."""
        self.color = color
        self.settings.store.setValue(COLOR_KEY, color)
        self.actions[f"highlight.{color}"].setChecked(True)
        target = self._target()
        if target is None or target.id < 0 or target.color == color:
            return
        self.layer.replace(target.id, Drawn(target.id, target.start, target.end, color))

        def store(library: Library) -> Highlight:
            library.set_highlight_color(target.id, color)
            return library.highlight(target.id)

        self.library.write(store, self._changed, self._write_failed, owner=self)

    # -- clicks -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click (not a drag) on a highlight opens its note."""
        if not isinstance(event, QMouseEvent) or event.button() != Qt.MouseButton.LeftButton:
            return False
        point = event.position().toPoint()
        if event.type() == QEvent.Type.MouseButtonPress:
            self._press = point
        elif event.type() == QEvent.Type.MouseButtonRelease and self._press is not None:
            moved = (point - self._press).manhattanLength()
            self._press = None
            if moved <= CLICK_SLOP_PX and not self.view.anchorAt(point):
                self._clicked(point)
        return False

    def _clicked(self, point: QPoint) -> None:
        position = self.view.cursorForPosition(point).position()
        target = self.layer.at(position) or self.layer.at(max(0, position - 1))
        if target is not None and target.id >= 0 and not self.view.textCursor().hasSelection():
            highlight_id = target.id
            QTimer.singleShot(0, lambda: self.open_note(highlight_id))

    # -- the panel ----------------------------------------------------------------------------
    @handles(HIGHLIGHT_PANEL)
    def toggle_panel(self) -> None:
        shown = self.actions[HIGHLIGHT_PANEL.id].isChecked()
        if shown:
            self.panel.set_mode("article")
        self.placement.set_visible(self.panel, shown)
        self.refresh_panel()
        if shown:
            self.panel.list.setFocus()

    @handles(HIGHLIGHT_ALL)
    def show_all(self) -> None:
        """Every highlight of the library, newest first, with the search field ready."""
        self.panel.set_mode("all")
        self.placement.set_visible(self.panel, True)
        self.refresh_panel()
        self.panel.search.setFocus()

    def _panel_visibility(self, widget: QWidget, visible: bool) -> None:
        if widget is self.panel:
            self.actions[HIGHLIGHT_PANEL.id].setChecked(visible)

    def refresh_panel(self) -> None:
        panel = self.panel
        if panel.isHidden():
            return
        if panel.mode == "article":
            ordered = sorted(
                self.items.values(),
                key=lambda h: (h.id in self.detached, self._start_of(h), h.id),
            )
            empty = (
                "No highlights here yet. Select text and press h."
                if self.current.article_id is not None
                else NOT_SAVED
            )
            panel.show_highlights(ordered, empty, frozenset(self.detached))
            return
        query = panel.query()
        self.library.read(
            lambda library: library.highlights(query, limit=ALL_LIMIT),
            lambda found: self._all_read(query, found),
            lambda error: self.messages.show_error(f"Highlights not read: {error}"),
            owner=self,
        )

    def _all_read(self, query: str, found: list[Highlight]) -> None:
        if self.panel.mode != "all" or self.panel.query() != query:
            return  # the reader typed on, or left the list
        empty = "No highlight matches." if query else "No highlights yet."
        self.listed = {highlight.id: highlight for highlight in found}
        self.panel.show_highlights(found, empty)

    def _start_of(self, highlight: Highlight) -> int:
        drawn = self.layer.find(highlight.id)
        return drawn.start if drawn is not None else highlight.anchor.start

    def jump_to(self, highlight_id: int) -> None:
        """Show a highlight of this article, selected, a third of the way down."""
        drawn = self.layer.find(highlight_id)
        if drawn is None:
            self.status.show("That highlight is not in the article's text now.", STATUS_TIMEOUT_MS)
            return
        view = self.view
        cursor = QTextCursor(view.document())
        cursor.setPosition(drawn.start)
        top = view.cursorRect(cursor).top()
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + top - view.viewport().height() // 3)
        view.setTextCursor(cursor)
        view.setFocus()

    def open_highlight(self, article_id: int, highlight_id: int) -> None:
        """From the library-wide list: open its article, then show it there."""
        if article_id < 0:
            self.status.show("Its article was deleted; the highlight was kept.", STATUS_TIMEOUT_MS)
            return
        if article_id == self.current.article_id:
            self.jump_to(highlight_id)
            return
        self._jump_when_loaded = highlight_id
        self.opening.open_article(article_id)


def build_highlighting(
    *,
    actions: dict[str, QAction],
    view: ReadingView,
    current: CurrentDocument,
    library: LibraryService,
    opening: Opening,
    settings: Settings,
    messages: MessageBar,
    status: StatusLine,
    dialogs: DialogHost,
    placement: PanelPlacement,
) -> tuple[Highlighting, HighlightExports, SentenceSelection]:
    """The highlights panel (a side panel on the right, like the stories), the keys that
    live on the text and the panel's list, and the two handler groups."""
    from reader.ui.actions.registry import attach_context
    from reader.ui.highlights.exports import HighlightExports
    from reader.ui.highlights.panel import HighlightsPanel
    from reader.ui.highlights.selecting import SentenceSelection

    panel = HighlightsPanel()
    panel.setMinimumWidth(PANEL_MIN_WIDTH)
    placement.splitter.addWidget(panel)
    placement.add(panel, "right", PANEL_MIN_WIDTH, PANEL_WIDTH)
    panel.hide()
    attach_context(actions, "highlight", [view, panel.list])
    highlighting = Highlighting(
        view=view,
        current=current,
        library=library,
        opening=opening,
        settings=settings,
        messages=messages,
        status=status,
        dialogs=dialogs,
        panel=panel,
        placement=placement,
        actions=actions,
    )
    exports = HighlightExports(
        current=current, library=library, messages=messages, status=status, dialogs=dialogs
    )
    selection = SentenceSelection(view=view, actions=actions, status=status, after=highlighting)
    panel.copy_requested.connect(exports.copy_markdown)
    panel.export_all_requested.connect(exports.export_folder_dialog)
    return highlighting, exports, selection
