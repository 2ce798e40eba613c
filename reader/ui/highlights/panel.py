"""The highlights panel: this article's highlights in reading order, or every highlight in
the library, newest first, searched with the library's search syntax.

Keyboard first: Up/Down move, Enter jumps to a highlight (opening its article from the
library-wide list), Shift+H edits its note, Delete removes it (Ctrl+Z brings it back). The
texts are the page's and the reader's own: shown as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from reader.ui.plain_text import plain_label, plain_tooltip

if TYPE_CHECKING:
    from reader.store import Highlight
    from reader.ui.reading.themes import Theme

Mode = Literal["article", "all"]
MODES: tuple[Mode, ...] = ("article", "all")
QUOTE_CHARS = 220  # of a quote shown in the list (the tooltip holds all of it)
SEARCH_DELAY_MS = 200  # typing pauses this long before the library is searched
ID_ROLE = Qt.ItemDataRole.UserRole
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1
SWATCH_PX = 12


class HighlightList(QListWidget):
    """The list; Enter activates the current highlight (a QListWidget only does on
    double-click and on platforms whose style says so)."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.entered.emit()
            return
        super().keyPressEvent(event)


class HighlightsPanel(QWidget):
    """See module docstring. Signals carry highlight ids (and the article's, to open it)."""

    jump_requested = Signal(int)  # a highlight of the article on screen
    open_requested = Signal(int, int)  # article id, highlight id (from the library-wide list)
    search_changed = Signal(str)
    mode_changed = Signal(str)
    copy_requested = Signal()
    export_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightsPanel")
        self.setAccessibleName("Highlights")
        self.tabs = QTabBar()
        self.tabs.addTab("This article")
        self.tabs.addTab("All highlights")
        self.tabs.setAccessibleName("Which highlights")
        self.tabs.setExpanding(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText('Search: words, "phrases", tag:, site:, is:…')
        self.search.setAccessibleName("Search highlights")
        self.search.setClearButtonEnabled(True)
        self.list = HighlightList()
        self.list.setObjectName("highlightList")
        self.list.setAccessibleName("Highlights list")
        self.list.setWordWrap(True)
        self.list.setIconSize(QSize(SWATCH_PX, SWATCH_PX))
        self.list.setUniformItemSizes(False)
        self.list.setSpacing(5)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = plain_label()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setContentsMargins(12, 24, 12, 24)
        self.copy_button = QPushButton("Copy as Markdown")
        self.copy_button.setToolTip("This article's highlights and notes, for a notes app")
        self.export_button = QPushButton("Export All…")
        self.export_button.setToolTip("Every article's highlights as Markdown files in a folder")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(8, 4, 8, 8)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.tabs)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.search_changed.emit(self.query()))
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.list.setFocus)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.list.entered.connect(self._activate_current)
        self.list.itemDoubleClicked.connect(lambda _item: self._activate_current())
        self.copy_button.clicked.connect(self.copy_requested)
        self.export_button.clicked.connect(self.export_all_requested)
        self._colors: dict[str, QColor] = {}
        self._tab_changed(0)

    # -- what is shown ---------------------------------------------------------------------
    @property
    def mode(self) -> Mode:
        return MODES[max(0, self.tabs.currentIndex())]

    def set_mode(self, mode: Mode) -> None:
        self.tabs.setCurrentIndex(MODES.index(mode))

    def query(self) -> str:
        return self.search.text().strip()

    def apply_theme(self, theme: Theme, palette: QPalette) -> None:
        """The window's palette, the list drawn on the page's side colour like the stories,
        the chosen highlight in the reading view's selection colour."""
        inner = QPalette(palette)
        inner.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        inner.setColor(QPalette.ColorRole.Highlight, theme.color("selection"))
        inner.setColor(QPalette.ColorRole.HighlightedText, theme.color("text"))
        self.list.setPalette(inner)

    def set_colors(self, colors: dict[str, QColor]) -> None:
        """The theme's shades of the four colours (the swatches beside each highlight)."""
        self._colors = dict(colors)

    def show_highlights(
        self,
        highlights: Sequence[Highlight],
        empty_text: str,
        detached: frozenset[int] = frozenset(),
    ) -> None:
        """Fill the list (``detached``: ids not found in the text on screen)."""
        current = self.current_id()
        self.list.clear()
        for highlight in highlights:
            self.list.addItem(self._item(highlight, highlight.id in detached or highlight.detached))
        self.empty.setText(empty_text)
        self.empty.setVisible(not highlights)
        self.list.setVisible(bool(highlights))
        self.copy_button.setEnabled(self.mode == "article" and bool(highlights))
        if current is not None:
            self.select(current)
        elif self.list.count():
            self.list.setCurrentRow(0)

    def _item(self, highlight: Highlight, detached: bool) -> QListWidgetItem:
        quote = " ".join(highlight.text.split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "…"
        lines = [f"“{quote}”"]
        if highlight.note.strip():
            lines.append(f"✎ {' '.join(highlight.note.split())}")
        if self.mode == "all":
            day = highlight.created_at.astimezone().date().isoformat()
            lines.append(f"{highlight.article_title or 'Untitled'} · {day}")
        if detached:
            lines.append("Not found in the article's current text")
        item = QListWidgetItem("\n".join(lines))
        item.setData(ID_ROLE, highlight.id)
        item.setData(ARTICLE_ROLE, highlight.article_id if highlight.article_id is not None else -1)
        item.setToolTip(
            plain_tooltip(highlight.text + (f"\n\n{highlight.note}" if highlight.note else ""))
        )
        item.setIcon(self._swatch(highlight.color))
        return item

    def _swatch(self, color: str) -> QIcon:
        pixmap = QPixmap(SWATCH_PX, SWATCH_PX)
        pixmap.fill(self._colors.get(color, QColor("#d0d0d0")))
        return QIcon(pixmap)

    # -- the current highlight ---------------------------------------------------------------
    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def select(self, highlight_id: int) -> bool:
        for row in range(self.list.count()):
            if int(self.list.item(row).data(ID_ROLE)) == highlight_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def _activate_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        highlight_id = int(item.data(ID_ROLE))
        article_id = int(item.data(ARTICLE_ROLE))
        if self.mode == "all":
            self.open_requested.emit(article_id, highlight_id)  # -1: its article was deleted
            return
        self.jump_requested.emit(highlight_id)

    def _tab_changed(self, index: int) -> None:
        all_mode = MODES[max(0, index)] == "all"
        self.search.setVisible(all_mode)
        self.copy_button.setVisible(not all_mode)
        self.export_button.setVisible(all_mode)
        self.mode_changed.emit(self.mode)
