"""What the window is made of: the reading column between the library and the stories, the
message bar above, the status bar below; and the layout the reader left last time.

Made by ``MainWindow.build()`` right after the first paint (this module is not imported
before it).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QIcon, QResizeEvent
from PySide6.QtWidgets import QProgressBar, QSplitter, QVBoxLayout, QWidget

from reader.paths import resources_dir
from reader.ui.find_bar import FindBar
from reader.ui.messages import MessageBar
from reader.ui.plain_text import plain_label
from reader.ui.progress import ReadingProgress
from reader.ui.reading_view import ReadingView
from reader.ui.sidebar import Sidebar
from reader.ui.tasks import Relay

if TYPE_CHECKING:
    from reader.ui.library_view import LibraryPanel
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DEFAULT_SPLIT = (420, 800, 340)  # library (when shown), article, stories
LIBRARY_MIN_WIDTH = 260
# When the window narrows, the side panels give up room before the article does, down to
# these widths: story cards still read well at 250 px; an article column under ~540 px
# (about 50 characters of 18 px serif) starts to feel like a newspaper column.
SIDEBAR_MIN_WIDTH = 250
READING_MIN_WIDTH = 540
STATUS_GAP_PX = 14  # between "N words · N min read" and "N min left"


def build_parts(window: MainWindow) -> None:
    """Create the window's widgets and lay them out."""
    icon = resources_dir() / "icons" / "reader.svg"
    if icon.is_file():
        window.setWindowIcon(QIcon(str(icon)))
    window.open_external = QDesktopServices.openUrl  # tests replace it
    window.relay = Relay(window)

    window.message_bar = MessageBar()
    window.reading_progress = ReadingProgress()
    window.view = ReadingView()
    window.find_bar = FindBar(window.view)
    window.sidebar = Sidebar()
    window.library_panel = _library_panel(window)

    reading = _column(window.reading_progress, window.view, window.find_bar, stretch=window.view)
    reading.setObjectName("readingColumn")
    splitter = window.splitter = FittingSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName("splitter")
    if window.library_panel is not None:
        splitter.addWidget(window.library_panel)
    splitter.addWidget(reading)
    splitter.addWidget(window.sidebar)
    splitter.setStretchFactor(splitter.indexOf(reading), 1)
    splitter.setChildrenCollapsible(False)
    splitter.setHandleWidth(1)
    sides: list[tuple[QWidget, int]] = [(window.sidebar, SIDEBAR_MIN_WIDTH)]
    if window.library_panel is not None:
        sides.append((window.library_panel, LIBRARY_MIN_WIDTH))
    splitter.set_panes(reading, sides)
    window.setCentralWidget(_column(window.message_bar, splitter, stretch=splitter))

    window.status_text = plain_label()
    window.status_text.setAccessibleName("Article length")
    progress = window.progress = QProgressBar()
    progress.setAccessibleName("Loading")
    progress.setRange(0, 0)  # busy until a fetch knows its size
    progress.setMaximumWidth(120)
    progress.setMaximumHeight(12)
    progress.setTextVisible(False)
    progress.hide()
    window.statusBar().addPermanentWidget(progress)
    window.statusBar().addPermanentWidget(window.status_text)
    window.statusBar().addPermanentWidget(window.reading_progress.minutes_label)
    window.reading_progress.minutes_label.setContentsMargins(STATUS_GAP_PX, 0, 4, 0)
    window.reading_progress.attach(window.view.verticalScrollBar())
    window.reading_progress.set_active(window.view.hasFocus())
    window.view.focus_changed.connect(window.reading_progress.set_active)


def _library_panel(window: MainWindow) -> LibraryPanel | None:
    """The library list; without a usable library the window still reads files."""
    from reader.errors import ReaderError
    from reader.store import Library
    from reader.ui.library_view import LibraryPanel

    try:
        window.library = Library()
    except ReaderError as error:
        log.warning("library unavailable: %s", error)
        window.library_error = str(error)
        return None
    from reader.ui.library_model import DATE, SITE, STATE, TIME

    panel = LibraryPanel(window.library)
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


def list_widgets(window: MainWindow) -> list[QWidget]:
    """Where the "list" keys (j, k, Enter) live."""
    widgets: list[QWidget] = [window.view]
    if window.library_panel is not None:
        widgets += [window.library_panel.table, window.library_panel.results]
    widgets.append(window.sidebar.list)
    return widgets


def restore(window: MainWindow) -> None:
    """Splitter sizes, reading style and which panels show, as the reader left them."""
    settings = window.settings
    panel = window.library_panel
    state = settings.splitter
    if state is None or not window.splitter.restoreState(state):
        sizes = list(DEFAULT_SPLIT)
        window.splitter.setSizes(sizes if panel is not None else sizes[1:])
    window.view_actions.apply_style(window.style_prefs, save=False)
    actions = window.actions_by_id
    show_sidebar = settings.show_sidebar
    window.sidebar.setVisible(show_sidebar)
    actions["view.sidebar"].setChecked(show_sidebar)
    show_library = settings.show_library and panel is not None
    if panel is not None:
        panel.setVisible(show_library)
    actions["view.library"].setChecked(show_library)
    actions["view.library"].setEnabled(panel is not None)
    show_ads = settings.show_ads
    actions["view.show_ads"].setChecked(show_ads)
    window.sidebar.set_show_ads(show_ads)


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
