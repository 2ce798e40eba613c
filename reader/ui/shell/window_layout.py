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
from PySide6.QtGui import QAction
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
from reader.ui.shell.drawers import PanelPlacement
from reader.ui.shell.messages import MessageBar
from reader.ui.shell.startup import WarmImports
from reader.ui.shell.status_line import StatusLine
from reader.ui.shell.undo_toast import UndoToast
from reader.ui.sidebar.sidebar import Sidebar
from reader.ui.sidebar.sidebar_parts import PART_MODULES

if TYPE_CHECKING:
    from reader.ui.library.library_view import LibraryPanel
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.shell.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_SPLIT = (420, 800, 340)  # library (when shown), article, stories
# When the window narrows, the side panels give up room before the article does, down to
# these widths (story cards still read well at 250 px), then become drawers (drawers.py).
LIBRARY_MIN_WIDTH = 260
SIDEBAR_MIN_WIDTH = 250
STATUS_GAP_PX = 14  # between "N words · N min read" and "N min left"


@dataclass
class Parts:
    """The widgets of the window, made by ``build_parts``."""

    view: ReadingView
    find_bar: FindBar
    sidebar: Sidebar
    message_bar: MessageBar
    reading_progress: ReadingProgress
    splitter: QSplitter
    placement: PanelPlacement
    status: StatusLine
    relay: Relay
    library_panel: LibraryPanel | None  # None until add_library_panel (it started hidden)
    undo_toast: UndoToast


@dataclass
class Widgets:
    """The window's own widgets before they are laid out (``make_widgets``): making them
    and laying them out are two turns of the event loop at start-up (as one, with the
    layout Qt runs after it, the window stalled ~50 ms)."""

    message_bar: MessageBar
    reading_progress: ReadingProgress
    view: ReadingView
    find_bar: FindBar
    sidebar: Sidebar
    library_panel: LibraryPanel | None
    undo_toast: UndoToast


def make_widgets(library: LibraryService, with_library: bool = True) -> Widgets:
    """The reading column's and the stories' widgets; without ``with_library`` the library
    list is left for ``add_library_panel`` (a hidden list is made after the story shows)."""
    message_bar = MessageBar()
    reading_progress = ReadingProgress()
    view = ReadingView()
    return Widgets(
        message_bar=message_bar,
        reading_progress=reading_progress,
        view=view,
        find_bar=FindBar(view),
        sidebar=_sidebar(library),
        library_panel=_library_panel(library) if with_library else None,
        undo_toast=UndoToast(),
    )


def _sidebar(library: LibraryService) -> Sidebar:
    """The sidebar, whose parts' modules come in a turn each after its first paint."""
    sidebar = Sidebar(library)
    sidebar.make_soon = lambda make: WarmImports(sidebar, PART_MODULES).when_done(make)
    return sidebar


def set_window_icon(window: QMainWindow) -> None:
    """Reader's icon on the window, once the first story is on screen: reading its SVG and
    drawing it were ~2-3 ms of the GUI thread's way to the story (measured)."""
    from PySide6.QtGui import QIcon

    icon = bundled.real_path("icons", "reader.svg")
    if icon.is_file():
        window.setWindowIcon(QIcon(str(icon)))


def build_parts(window: QMainWindow, widgets: Widgets) -> Parts:
    """Lay ``widgets`` out in the window, with its status bar."""
    relay = Relay(window)
    message_bar, reading_progress = widgets.message_bar, widgets.reading_progress
    view, find_bar, sidebar = widgets.view, widgets.find_bar, widgets.sidebar
    library_panel, undo_toast = widgets.library_panel, widgets.undo_toast
    reading = _column(reading_progress, undo_toast, view, find_bar, stretch=view)
    reading.setObjectName("readingColumn")
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName("splitter")
    if library_panel is not None:
        splitter.addWidget(library_panel)
    splitter.addWidget(reading)
    splitter.addWidget(sidebar)
    splitter.setStretchFactor(splitter.indexOf(reading), 1)
    splitter.setChildrenCollapsible(False)
    splitter.setHandleWidth(1)
    central = _column(message_bar, splitter, stretch=splitter)
    window.setCentralWidget(central)
    placement = PanelPlacement(splitter, reading, view, central)
    if library_panel is not None:
        placement.add(library_panel, "left", LIBRARY_MIN_WIDTH, DEFAULT_SPLIT[0])
    placement.add(sidebar, "right", SIDEBAR_MIN_WIDTH, DEFAULT_SPLIT[2])

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
        view, find_bar, sidebar, message_bar, reading_progress, splitter, placement, status,
        relay, library_panel, undo_toast,
    )  # fmt: skip


def add_library_panel(
    parts: Parts, library: LibraryService, settings: Settings, actions: dict[str, QAction]
) -> LibraryPanel:
    """The library list, hidden, at the width the reader gave it (it is made late when it
    starts hidden: ~50 ms that the first story does not wait for)."""
    from reader.ui.actions.registry import attach_context

    panel = _library_panel(library)
    panel.hide()  # explicitly: the splitter leaves it hidden
    parts.splitter.insertWidget(0, panel)
    saved = settings.panel_widths[0] if settings.panel_widths else 0
    width = saved if saved >= LIBRARY_MIN_WIDTH else DEFAULT_SPLIT[0]
    parts.placement.add(panel, "left", LIBRARY_MIN_WIDTH, width)
    parts.library_panel = panel
    attach_context(actions, "list", [panel.table, panel.results])
    actions["view.library"].setEnabled(True)
    return panel


def _library_panel(library: LibraryService) -> LibraryPanel:
    """The library list (an unusable library says why in it; the window still reads files)."""
    from reader.ui.library.library_model import DATE, SITE, STATE, TIME
    from reader.ui.library.library_view import LibraryPanel

    panel = LibraryPanel(library)
    panel.setMinimumWidth(LIBRARY_MIN_WIDTH)
    # A side panel, not a full page: the title gets the room, the saved date (still a
    # sort) hides, the rest stays compact. The header's menu is the table's own.
    header = panel.table.horizontalHeader()
    for column, width in ((SITE, 96), (TIME, 52), (STATE, 60)):
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
    """Where the "list" keys (j, k, Enter) live; the sidebar's list once it is made
    (``Sidebar.when_made``)."""
    widgets: list[QWidget] = [parts.view]
    if parts.library_panel is not None:
        widgets += [parts.library_panel.table, parts.library_panel.results]
    return widgets


def restore(parts: Parts, settings: Settings, actions: dict[str, QAction]) -> None:
    """Panel widths and which panels are kept open, as the reader left them."""
    panel = parts.library_panel
    widths: dict[QWidget, int] = {}
    if settings.panel_widths:
        library_width, sidebar_width = settings.panel_widths
        widths[parts.sidebar] = sidebar_width
        if panel is not None:
            widths[panel] = library_width
    pinned: dict[QWidget, bool] = {parts.sidebar: settings.show_sidebar}
    if panel is not None:
        pinned[panel] = settings.show_library
    parts.placement.restore(pinned, widths)
    actions["view.library"].setEnabled(panel is not None)
    show_ads = settings.show_ads
    actions["view.show_ads"].setChecked(show_ads)
    parts.sidebar.set_show_ads(show_ads)
