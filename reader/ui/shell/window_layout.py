"""What the window is made of: the reading column between the library and the stories, the
message bar above, the status bar below; and the layout the reader left last time.

Made by ``MainWindow.build()`` right after the first paint (this module is not imported
before it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader import bundled
from reader.ui.plain_text import plain_label
from reader.ui.presenter.tasks import Relay
from reader.ui.reading.find_bar import FindBar
from reader.ui.reading.progress import ReadingProgress
from reader.ui.reading.reading_view import ReadingView
from reader.ui.shell.messages import MessageBar
from reader.ui.shell.status_line import StatusLine
from reader.ui.sidebar.sidebar import Sidebar

if TYPE_CHECKING:
    from reader.ui.library.library_view import LibraryPanel
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.shell.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_SPLIT = (420, 800, 340)  # library (when shown), article, stories
LIBRARY_MIN_WIDTH = 260
# When the window narrows, the side panels give up room before the article does, down to
# these widths: story cards still read well at 250 px; an article column under ~540 px
# (about 50 characters of 18 px serif) starts to feel like a newspaper column.
SIDEBAR_MIN_WIDTH = 250
READING_MIN_WIDTH = 540
STATUS_GAP_PX = 14  # between "N words · N min read" and "N min left"


@dataclass
class Parts:
    """The widgets of the window, made by ``build_parts``."""

    view: ReadingView
    find_bar: FindBar
    sidebar: Sidebar
    message_bar: MessageBar
    reading_progress: ReadingProgress
    splitter: FittingSplitter
    status: StatusLine
    relay: Relay
    library_panel: LibraryPanel


def build_parts(window: QMainWindow, library: LibraryService) -> Parts:
    """Create the window's widgets and lay them out."""
    icon = bundled.real_path("icons", "reader.svg")
    if icon.is_file():
        window.setWindowIcon(QIcon(str(icon)))
    relay = Relay(window)
    message_bar = MessageBar()
    reading_progress = ReadingProgress()
    view = ReadingView()
    find_bar = FindBar(view)
    sidebar = Sidebar(library)
    library_panel = _library_panel(library)

    reading = _column(reading_progress, view, find_bar, stretch=view)
    reading.setObjectName("readingColumn")
    splitter = FittingSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName("splitter")
    if library_panel is not None:
        splitter.addWidget(library_panel)
    splitter.addWidget(reading)
    splitter.addWidget(sidebar)
    splitter.setStretchFactor(splitter.indexOf(reading), 1)
    splitter.setChildrenCollapsible(False)
    splitter.setHandleWidth(1)
    sides: list[tuple[QWidget, int]] = [(sidebar, SIDEBAR_MIN_WIDTH)]
    if library_panel is not None:
        sides.append((library_panel, LIBRARY_MIN_WIDTH))
    splitter.set_panes(reading, sides)
    window.setCentralWidget(_column(message_bar, splitter, stretch=splitter))

    length = plain_label()
    length.setAccessibleName("Article length")
    progress = QProgressBar()
    progress.setAccessibleName("Loading")
    progress.setRange(0, 0)  # busy until a fetch knows its size
    progress.setMaximumWidth(120)
    progress.setMaximumHeight(12)
    progress.setTextVisible(False)
    progress.hide()
    bar = window.statusBar()
    bar.addPermanentWidget(progress)
    bar.addPermanentWidget(length)
    bar.addPermanentWidget(reading_progress.minutes_label)
    reading_progress.minutes_label.setContentsMargins(STATUS_GAP_PX, 0, 4, 0)
    reading_progress.attach(view.verticalScrollBar())
    reading_progress.set_active(view.hasFocus())
    view.focus_changed.connect(reading_progress.set_active)
    status = StatusLine(bar, progress, length)
    return Parts(
        view, find_bar, sidebar, message_bar, reading_progress, splitter, status, relay,
        library_panel,
    )  # fmt: skip


def _library_panel(library: LibraryService) -> LibraryPanel:
    """The library list (an unusable library says why in it; the window still reads files)."""
    from reader.ui.library.library_model import DATE, SITE, STATE, TIME
    from reader.ui.library.library_view import LibraryPanel

    panel = LibraryPanel(library)
    panel.setMinimumWidth(LIBRARY_MIN_WIDTH)
    # A side panel, not a full page: the title gets the room, the saved date (still a
    # sort) hides, the rest stays compact. The header's menu is the table's own.
    header = panel.table.horizontalHeader()
    for column, width in ((SITE, 96), (TIME, 52), (STATE, 44)):
        header.resizeSection(column, width)
    panel.table.setColumnHidden(DATE, True)
    return panel


def _column(*widgets: QWidget, stretch: QWidget) -> QWidget:
    """Widgets stacked edge to edge; ``stretch`` takes the spare height."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return column


def list_widgets(parts: Parts) -> list[QWidget]:
    """Where the "list" keys (j, k, Enter) live."""
    widgets: list[QWidget] = [parts.view]
    if parts.library_panel is not None:
        widgets += [parts.library_panel.table, parts.library_panel.results]
    widgets.append(parts.sidebar.list)
    return widgets


def restore(parts: Parts, settings: Settings, actions: dict[str, QAction]) -> None:
    """Splitter sizes and which panels show, as the reader left them."""
    panel = parts.library_panel
    state = settings.splitter
    if state is None or not parts.splitter.restoreState(state):
        sizes = list(DEFAULT_SPLIT)
        parts.splitter.setSizes(sizes if panel is not None else sizes[1:])
    show_sidebar = settings.show_sidebar
    parts.sidebar.setVisible(show_sidebar)
    actions["view.sidebar"].setChecked(show_sidebar)
    show_library = settings.show_library and panel is not None
    if panel is not None:
        panel.setVisible(show_library)
    actions["view.library"].setChecked(show_library)
    actions["view.library"].setEnabled(panel is not None)
    show_ads = settings.show_ads
    actions["view.show_ads"].setChecked(show_ads)
    parts.sidebar.set_show_ads(show_ads)


class FittingSplitter(QSplitter):
    """The window's splitter. It keeps the article readable in a narrow window: when the
    window shrinks and the article pane would fall under READING_MIN_WIDTH, the stories
    (then the library) give up width, down to their minimums; when it grows again they get
    back the width they had.

    Only real resizes count (not the first show, not a drag of the splitter), so a layout
    the reader set by hand is kept as it is.
    """

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._reading: QWidget | None = None
        self._sides: list[tuple[QWidget, int]] = []  # who gives way first, how far
        self._wanted: dict[int, int] = {}  # side pane index -> the width it had by choice
        self._last_set: list[int] = []

    def set_panes(self, reading: QWidget, sides: list[tuple[QWidget, int]]) -> None:
        self._reading = reading
        self._sides = sides

    def resizeEvent(self, event: QResizeEvent) -> None:
        before = self.sizes()
        super().resizeEvent(event)
        old = event.oldSize().width()
        if self._reading is not None and old > 0 and old != event.size().width():
            self._fit(before)

    def _fit(self, before: list[int]) -> None:
        assert self._reading is not None
        if before != self._last_set:  # the reader (or a restore) chose these: remember them
            self._wanted = {}
            for widget, _minimum in self._sides:
                index = self.indexOf(widget)
                if index >= 0 and before[index] > 0:
                    self._wanted[index] = before[index]
        sizes = self.sizes()
        panes = [
            (self.indexOf(widget), minimum)
            for widget, minimum in self._sides
            if not widget.isHidden() and self.indexOf(widget) in self._wanted
        ]
        widths = {index: self._wanted[index] for index, _minimum in panes}
        reading = sum(sizes) - sum(widths.values())
        for index, minimum in panes:
            if reading >= READING_MIN_WIDTH:
                break
            give = min(max(0, widths[index] - minimum), READING_MIN_WIDTH - reading)
            widths[index] -= give
            reading += give
        new = list(sizes)
        for index, width in widths.items():
            new[index] = width
        new[self.indexOf(self._reading)] = max(0, reading)
        if new != sizes and reading > 0:
            self.setSizes(new)
        self._last_set = self.sizes()
