"""The reading window: the article in the middle, the library on the left, stories on the right.

This module is imported before the first paint, so it holds only the window: the themed
shell that paints at once, ``build()`` that makes the rest right after, and
``_connect_signals``, where all the wiring reads in one place. The parts come from
reader.ui.shell.window_layout; the commands live in handler groups, one module each: ``opening``,
``library_actions``, ``navigation``, ``view_actions`` and ``recent``. Every row of
reader.ui.actions.registry.ACTIONS names its handler as ``<group>.<method>``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMainWindow

from reader.ui.reading import themes
from reader.ui.shell.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QLabel, QMenu, QProgressBar, QSplitter, QWidget

    from reader.model import Article
    from reader.store import Library
    from reader.ui.library.library_view import LibraryPanel
    from reader.ui.presenter.tasks import Relay
    from reader.ui.reading.find_bar import FindBar
    from reader.ui.reading.progress import ReadingProgress
    from reader.ui.reading.reading_view import ReadingView
    from reader.ui.reading.style_prefs import ReadingStyle
    from reader.ui.shell.library_actions import LibraryActions
    from reader.ui.shell.messages import MessageBar
    from reader.ui.shell.navigation import Navigation
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.recent import RecentFiles
    from reader.ui.shell.view_actions import ViewActions
    from reader.ui.sidebar.sidebar import Sidebar

DEFAULT_SIZE = (1180, 820)


class MainWindow(QMainWindow):
    """The window. ``build=False`` makes a bare themed shell that paints at once; ``build()``
    (called by the app right after that first paint) adds the widgets, menus and keys."""

    # Parts made by build() (reader.ui.shell.window_layout).
    view: ReadingView
    find_bar: FindBar
    sidebar: Sidebar
    library_panel: LibraryPanel | None
    message_bar: MessageBar
    reading_progress: ReadingProgress
    splitter: QSplitter
    status_text: QLabel
    progress: QProgressBar
    relay: Relay
    open_external: Callable[[QUrl], object]  # tests replace it
    actions_by_id: dict[str, QAction]
    menus: dict[str, QMenu]
    recent_menu: QMenu
    style_prefs: ReadingStyle
    key_overrides: dict[str, tuple[str, ...]]
    # The handler groups, also made by build().
    opening: Opening
    library_actions: LibraryActions
    navigation: Navigation
    view_actions: ViewActions
    recent: RecentFiles
    # Dialogs the handlers open, kept while open (a dialog nobody refers to is collected).
    file_dialog: Any
    url_dialog: Any
    tags_dialog: Any
    import_dialog: Any
    logins_dialog: Any
    preferences: Any
    cheat_sheet: Any
    print_dialog: Any
    printer: Any
    about_box: Any
    last_import: Any  # the summary of the last folder import

    def __init__(self, settings: Settings | None = None, *, build: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.setWindowTitle("Reader")
        self.setAcceptDrops(True)
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        shell = self.palette()  # a copy; QPalette(other) would cost ~30 ms of PySide setup
        shell.setColor(
            QPalette.ColorRole.Window,
            themes.load_theme(self.settings.shell_theme()).color("background"),
        )
        self.setPalette(shell)

        self.article: Article | None = None
        self.article_id: int | None = None
        self.source: str | None = None
        self.library: Library | None = None
        self.library_error = ""  # why there is no library, when there is none
        self._built = False
        self.pending_sources: list[str] = []  # forwarded before the window was built
        if build:
            self.build()

    def is_built(self) -> bool:
        return self._built

    def build(self) -> None:
        """Create the widgets, handler groups, menus and keys (the expensive part)."""
        if self._built:
            return
        self._built = True
        from reader.ui.actions import keymap
        from reader.ui.actions import registry as action_table
        from reader.ui.actions.table import FILE_RECENT
        from reader.ui.shell import window_layout
        from reader.ui.shell.library_actions import LibraryActions
        from reader.ui.shell.navigation import Navigation
        from reader.ui.shell.opening import Opening
        from reader.ui.shell.recent import RecentFiles
        from reader.ui.shell.view_actions import ViewActions

        self.style_prefs = self.settings.style
        window_layout.build_parts(self)
        self.opening = Opening(self)
        self.library_actions = LibraryActions(self)
        self.navigation = Navigation(self)
        self.view_actions = ViewActions(self)
        self.recent = RecentFiles(self)

        self.key_overrides = keymap.load_overrides(self.settings.store)
        self.actions_by_id = action_table.build_actions(self, overrides=self.key_overrides)
        self.menus = action_table.build_menus(self.menuBar(), self.actions_by_id)
        self.recent_menu = self.menus[FILE_RECENT.id]
        action_table.attach_context(self.actions_by_id, "list", window_layout.list_widgets(self))

        window_layout.restore(self)
        self._connect_signals()
        self.recent.rebuild()

    def _connect_signals(self) -> None:
        from PySide6.QtGui import QGuiApplication

        from reader.ui.actions.registry import connect_actions, handlers

        opening, navigation, view_actions = self.opening, self.navigation, self.view_actions
        groups = (opening, self.library_actions, navigation, view_actions)
        connect_actions(self.actions_by_id, handlers(*groups))
        self.view.external_link.connect(opening.link_clicked)
        self.view.highlighted.connect(opening.show_link_target)
        self.reading_progress.end_reached.connect(self.library_actions.end_reached)
        self.relay.fetch_progress.connect(opening.fetch_progress)
        self.recent_menu.aboutToShow.connect(self.recent.rebuild)
        QGuiApplication.styleHints().colorSchemeChanged.connect(view_actions.system_scheme_changed)

        # The sidebar decides where a story goes (saved article, web address, or its card).
        self.sidebar.open_article_requested.connect(self.open_article)
        self.sidebar.open_url_requested.connect(self.open_source)
        self.sidebar.search_requested.connect(navigation.search_library_for)
        self.sidebar.ads_toggle.toggled.connect(view_actions.ads_toggled)

        if self.library_panel is not None:
            self.library_panel.article_activated.connect(self.open_article)
            self.library_panel.article_changed.connect(self.library_actions.article_changed)
            self.library_panel.article_deleted.connect(self.library_actions.article_deleted)

    # -- Qt events -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._built:
            self.view_actions.leave_focus_mode()
        self.settings.geometry = self.saveGeometry()
        if self._built:
            self.settings.splitter = self.splitter.saveState()
            self.opening.save_position()
        self.settings.sync()
        if self._built:
            self.opening.stop_all()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from reader.ui.shell.recent import dropped_sources

        if dropped_sources(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from reader.ui.shell.recent import dropped_sources

        sources = dropped_sources(event.mimeData())
        if sources:
            event.acceptProposedAction()
            self.open_sources(sources)

    # -- the window's own commands ---------------------------------------------------------
    # Everything that opens something goes through open_source / open_article (handlers,
    # links, the sidebar, the library, history): one door to watch. The others are what the
    # app, the single-instance server and the tests drive directly; the groups serve them.
    def open_source(self, source: str, login: Any = None) -> None:
        self.opening.open_source(source, login)

    def open_article(self, article_id: int) -> None:
        self.opening.open_article(article_id)

    def open_sources(self, sources: list[str]) -> None:
        self.opening.open_sources(sources)

    def start(self, sources: list[str]) -> None:
        """Called once the window is built: open the sources, or the last article."""
        self.opening.start(sources)

    def cancel_loading(self, quiet: bool = False) -> bool:
        return self.opening.cancel_loading(quiet)

    def is_busy(self) -> bool:
        return self._built and self.opening.is_busy()

    def import_folder(self, folder: str) -> None:
        self.library_actions.import_folder(folder)

    def go_library(self) -> None:
        self.navigation.go_library()

    def search_library(self) -> None:
        self.navigation.search_library()

    def set_theme(self, name: str) -> None:
        self.view_actions.set_theme(name)

    def zoom_in(self) -> None:
        self.view_actions.zoom_in()

    def zoom_reset(self) -> None:
        self.view_actions.zoom_reset()

    def toggle_library(self) -> None:
        self.view_actions.toggle_library()

    def enter_focus_mode(self) -> None:
        self.view_actions.enter_focus_mode()

    def leave_focus_mode(self) -> None:
        self.view_actions.leave_focus_mode()

    def in_focus_mode(self) -> bool:
        return self.view_actions.in_focus_mode()

    def show_preferences(self) -> None:
        self.view_actions.show_preferences()

    def show_cheat_sheet(self) -> None:
        self.view_actions.show_cheat_sheet()

    def set_key_overrides(self, overrides: dict[str, tuple[str, ...]]) -> None:
        self.view_actions.set_key_overrides(overrides)


class FirstPaint(QObject):
    """Calls back once, right after the watched widget's first paint reached the screen."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        self._done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False
