"""The reading window: the article in the middle, the library on the left, stories on the right.

This module is imported before the first paint, so it holds only the window: the themed
shell that paints at once, ``build()`` that makes the rest right after, and
``_connect_signals``, where all the wiring reads in one place. The parts come from
reader.ui.shell.window_layout; the commands live in handler groups that each receive the
collaborators they use (``opening``, ``open_actions``, ``library_actions``, ``navigation``,
``view_actions``, ``recent``); the article on screen is ``current``, the library is reached
through ``library`` (reader.ui.presenter).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMainWindow

from reader.ui.reading import themes
from reader.ui.shell.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QLabel, QMenu, QProgressBar, QSplitter, QWidget

    from reader.ui.highlights.controller import Highlighting
    from reader.ui.highlights.exports import HighlightExports
    from reader.ui.highlights.selecting import SentenceSelection
    from reader.ui.library.library_view import LibraryPanel
    from reader.ui.listening.controller import Listening
    from reader.ui.presenter.document import CurrentDocument
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.presenter.library_watch import LibraryWatch
    from reader.ui.reading.find_bar import FindBar
    from reader.ui.reading.progress import ReadingProgress
    from reader.ui.reading.reading_view import ReadingView
    from reader.ui.shell.dialog_host import DialogHost
    from reader.ui.shell.drawers import PanelPlacement
    from reader.ui.shell.library_actions import LibraryActions
    from reader.ui.shell.messages import MessageBar
    from reader.ui.shell.moving import MovingActions
    from reader.ui.shell.navigation import Navigation
    from reader.ui.shell.open_actions import OpenActions
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.pictures import Pictures
    from reader.ui.shell.queue_fetch import QueueFetch
    from reader.ui.shell.queue_view import QueueView
    from reader.ui.shell.recent import RecentFiles
    from reader.ui.shell.reextracting import Reextracting
    from reader.ui.shell.removed_blocks import RemovedBlocks
    from reader.ui.shell.startup import EarlyOpen
    from reader.ui.shell.undo_toast import UndoToast
    from reader.ui.shell.view_actions import ViewActions
    from reader.ui.shell.window_layout import Parts, Widgets
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
    placement: PanelPlacement
    status_text: QLabel
    progress: QProgressBar
    actions_by_id: dict[str, QAction]
    menus: dict[str, QMenu]
    recent_menu: QMenu
    _widgets: Widgets
    _parts: Parts
    # The presenter and the handler groups, also made by build().
    current: CurrentDocument
    library: LibraryService
    dialogs: DialogHost
    opening: Opening
    open_actions: OpenActions
    library_actions: LibraryActions
    moving: MovingActions
    queue_fetch: QueueFetch
    reextracting: Reextracting
    queue_view: QueueView
    navigation: Navigation
    view_actions: ViewActions
    recent: RecentFiles
    listening: Listening
    highlighting: Highlighting
    highlight_exports: HighlightExports
    sentence_selection: SentenceSelection
    pictures: Pictures
    removed_blocks: RemovedBlocks
    undo_toast: UndoToast
    library_watch: LibraryWatch

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        build: bool = True,
        library: LibraryService | None = None,
    ) -> None:
        from reader.ui.presenter.library_service import LibraryService

        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.library = library or LibraryService()
        self.library.setParent(self)
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
        self._built = False
        self._reading_built = False
        self._building = False
        self._closing = False
        self.pending_sources: list[str] = []  # forwarded before the window was built
        if build:
            self.build()

    def is_built(self) -> bool:
        return self._built

    def can_open(self) -> bool:
        """Whether articles can be opened and shown (the reading part is built; the rest of
        the window may still be on its way)."""
        return self._reading_built

    def build(self) -> None:
        """Create the widgets, handler groups, menus and keys (the expensive part)."""
        if self._building:
            return
        self._building = True
        for step in (*self._reading_steps(), *self._rest_steps()):
            step()

    def build_in_steps(
        self,
        ready: Callable[[], None],
        rest_when: Callable[[Callable[[], None]], None] | None = None,
        done: Callable[[], None] | None = None,
    ) -> None:
        """The same as ``build``, one step per turn of the event loop, so the window answers
        (paints, takes the article from its worker, shows it) between the steps. ``ready``
        runs once an article can be shown: the first one goes on screen then, before the
        rest (the other handler groups, listening, highlights, the menus' handlers) is
        built. ``rest_when(go)`` calls ``go`` once the rest may start (its modules are in)."""
        from reader.ui.shell.startup import next_turn

        if self._building:
            return
        self._building = True
        reading, rest = list(self._reading_steps()), list(self._rest_steps())

        def run(steps: list[Callable[[], None]], after: Callable[[], None]) -> None:
            def next_step() -> None:
                if self._closing:
                    return
                steps.pop(0)()
                if steps:
                    next_turn(self, next_step)
                else:
                    after()

            next_turn(self, next_step)

        def build_rest() -> None:
            run(rest, done or (lambda: None))

        def reading_done() -> None:
            if self._closing:
                return
            ready()
            if rest_when is None:
                build_rest()
            else:
                rest_when(build_rest)

        # ``ready`` in a turn of its own: the first story may go on screen in it (a story the
        # read-ahead child shaped is in already), which after the last step's widgets, in
        # the same turn, would make one long turn.
        run(reading, lambda: next_turn(self, reading_done))

    def _reading_steps(self) -> tuple[Callable[[], None], ...]:
        return (self._make_widgets, self._build_parts, self._build_reading)

    def _rest_steps(self) -> tuple[Callable[[], None], ...]:
        return (
            self._build_library,
            self._build_commands,
            self._build_listening,
            self._build_highlighting,
            self._build_finish,
        )

    def _make_widgets(self) -> None:
        """The widgets on screen (the reading column, the stories), not laid out yet."""
        from reader.ui.shell import window_layout

        self._widgets = window_layout.make_widgets(
            self.library, with_library=self.settings.show_library
        )

    def _build_parts(self) -> None:
        """Those widgets laid out in the window, with the status bar."""
        from reader.ui.presenter.document import CurrentDocument
        from reader.ui.shell import window_layout
        from reader.ui.shell.dialog_host import DialogHost

        parts = self._parts = window_layout.build_parts(self, self._widgets)
        self.view, self.find_bar, self.sidebar = parts.view, parts.find_bar, parts.sidebar
        self.library_panel, self.message_bar = parts.library_panel, parts.message_bar
        self.undo_toast = parts.undo_toast
        self.reading_progress, self.splitter = parts.reading_progress, parts.splitter
        self.placement = parts.placement
        self.status_text, self.progress = parts.status.length, parts.status.progress
        self.current = CurrentDocument(self)
        self.dialogs = DialogHost(self)

    def _build_reading(self) -> None:
        """What showing an article needs: opening, the reading style, the actions (menus
        greyed until their handlers are in) and the layout the reader left."""
        from reader.ui.actions import keymap, registry
        from reader.ui.actions.table import FILE_RECENT
        from reader.ui.shell import window_layout
        from reader.ui.shell.opening import Opening
        from reader.ui.shell.view_actions import ViewActions

        parts = self._parts
        self._key_overrides = keymap.load_overrides(self.settings.store)
        self.actions_by_id = registry.build_actions(self, overrides=self._key_overrides)
        self.menus = registry.build_menus(self.menuBar(), self.actions_by_id)
        self.menuBar().setEnabled(False)  # until every action has its handler
        self.recent_menu = self.menus[FILE_RECENT.id]
        registry.attach_context(self.actions_by_id, "list", window_layout.list_widgets(parts))
        sidebar, actions = parts.sidebar, self.actions_by_id
        sidebar.when_made(lambda: registry.attach_context(actions, "list", [sidebar.list]))
        status, dialogs = parts.status, self.dialogs
        self.opening = Opening(
            view=parts.view,
            reading_progress=parts.reading_progress,
            current=self.current,
            library=self.library,
            messages=parts.message_bar,
            relay=parts.relay,
            status=status,
            dialogs=dialogs,
        )
        self.view_actions = ViewActions(
            window=self,
            view=parts.view,
            find_bar=parts.find_bar,
            sidebar=parts.sidebar,
            library_panel=parts.library_panel,
            reading_progress=parts.reading_progress,
            messages=parts.message_bar,
            placement=parts.placement,
            actions=self.actions_by_id,
            settings=self.settings,
            opening=self.opening,
            key_overrides=self._key_overrides,
            status=status,
            dialogs=dialogs,
        )
        window_layout.restore(parts, self.settings, self.actions_by_id)
        self.view_actions.apply_style(self.view_actions.style, save=False)
        self.current.arriving.connect(self._document_arriving)
        self._reading_built = True

    def _build_library(self) -> None:
        """The library list, when it starts hidden (else it was made with the parts)."""
        from reader.ui.shell import window_layout

        if self._parts.library_panel is None:
            panel = window_layout.add_library_panel(
                self._parts, self.library, self.settings, self.actions_by_id
            )
            self.library_panel = self.view_actions.library_panel = panel

    def _build_commands(self) -> None:
        """The handler groups behind the menus and keys (listening and highlights follow)."""
        from PySide6.QtGui import QDesktopServices

        from reader.ui.presenter.library_watch import LibraryWatch
        from reader.ui.shell.library_actions import LibraryActions
        from reader.ui.shell.moving import MovingActions
        from reader.ui.shell.navigation import Navigation
        from reader.ui.shell.open_actions import OpenActions
        from reader.ui.shell.pictures import Pictures
        from reader.ui.shell.queue_fetch import QueueFetch
        from reader.ui.shell.recent import RecentFiles
        from reader.ui.shell.reextracting import Reextracting

        parts, status, dialogs = self._parts, self._parts.status, self.dialogs
        self.open_actions = OpenActions(
            opening=self.opening,
            current=self.current,
            settings=self.settings,
            open_external=QDesktopServices.openUrl,
            status=status,
            dialogs=dialogs,
        )
        self.library_actions = LibraryActions(
            library_panel=parts.library_panel,
            library=self.library,
            current=self.current,
            sidebar=parts.sidebar,
            opening=self.opening,
            relay=parts.relay,
            messages=parts.message_bar,
            status=status,
            dialogs=dialogs,
            undo_toast=parts.undo_toast,
            next_unread=lambda: self.navigation.next_unread(),
        )
        self.queue_fetch = QueueFetch(
            library=self.library,
            library_path=self.library.path,
            relay=parts.relay,
            status=status,
            messages=parts.message_bar,
        )
        from reader.ui.shell.queue_view import QueueView

        self.queue_view = QueueView(
            library=self.library,
            queue_fetch=self.queue_fetch,
            opening=self.opening,
            relay=parts.relay,
            dialogs=dialogs,
            status=status,
        )
        self.current.opened.connect(self.queue_view.article_opened)
        self.moving = MovingActions(
            library=self.library,
            library_panel=parts.library_panel,
            library_actions=self.library_actions,
            queue_fetch=self.queue_fetch,
            opening=self.opening,
            relay=parts.relay,
            dialogs=dialogs,
            status=status,
            messages=parts.message_bar,
        )
        self.navigation = Navigation(
            current=self.current,
            library=self.library,
            opening=self.opening,
            view_actions=self.view_actions,
            view=parts.view,
            find_bar=parts.find_bar,
            sidebar=parts.sidebar,
            library_panel=parts.library_panel,
            status=parts.status,
        )
        self.recent = RecentFiles(
            menu=self.recent_menu,
            settings=self.settings,
            opening=self.opening,
            current=self.current,
        )
        self.library_watch = LibraryWatch(self.library, parent=self)
        self.library_watch.changed.connect(self.library_actions.reload_library)
        self.reextracting = Reextracting(
            library_path=self.library.path,
            watch=self.library_watch,
            current=self.current,
            opening=self.opening,
            dialogs=dialogs,
            status=status,
            messages=parts.message_bar,
        )
        self.pictures = Pictures(
            current=self.current,
            library=self.library,
            view=parts.view,
            enabled=lambda: self.settings.fetch_pictures,
        )
        from reader.ui.shell.removed_blocks import RemovedBlocks

        self.removed_blocks = RemovedBlocks(
            view=parts.view,
            current=self.current,
            library=self.library,
            opening=self.opening,
            actions=self.actions_by_id,
            status=status,
            messages=parts.message_bar,
            dialogs=dialogs,
            reextract=self.reextracting.start,
        )

    def _build_listening(self) -> None:
        from reader.ui.listening.controller import build_listening

        parts = self._parts
        self.listening = build_listening(
            actions=self.actions_by_id,
            view=parts.view,
            current=self.current,
            library=self.library,
            opening=self.opening,
            settings=self.settings,
            messages=parts.message_bar,
            status=parts.status,
            sidebar=parts.sidebar,
            library_panel=parts.library_panel,
        )

    def _build_highlighting(self) -> None:
        from reader.ui.highlights.controller import build_highlighting

        parts = self._parts
        self.highlighting, self.highlight_exports, self.sentence_selection = build_highlighting(
            actions=self.actions_by_id,
            view=parts.view,
            current=self.current,
            library=self.library,
            opening=self.opening,
            settings=self.settings,
            messages=parts.message_bar,
            status=parts.status,
            dialogs=self.dialogs,
            placement=parts.placement,
        )

    def _build_finish(self) -> None:
        """Every action to its handler, the wiring between the parts, the window's icon."""
        from reader.ui.actions import registry
        from reader.ui.shell.window_layout import set_window_icon

        groups = (
            self.opening,
            self.open_actions,
            self.library_actions,
            self.moving,
            self.queue_view,
            self.navigation,
            self.view_actions,
            self.listening,
            self.highlighting,
            self.highlight_exports,
            self.sentence_selection,
            self.reextracting,
            self.removed_blocks,
        )
        registry.connect_actions(self.actions_by_id, registry.handlers(*groups))
        self.menuBar().setEnabled(True)
        self.library_watch.start()
        self._connect_signals()
        self.recent.rebuild()
        self._built = True
        self.queue_fetch.resume()  # after _built: closing the window stops it
        self.queue_view.refresh()  # pages an earlier session could not fetch: the button says
        set_window_icon(self)

    def _end_came_into_view(self) -> None:
        """Read to the end: the library counts it read. Not when the voice scrolled there:
        listening marks it at its end, as its preference says."""
        if not self.listening.voice_leads:
            self.library_actions.end_reached()

    def _connect_signals(self) -> None:
        """What the parts report, and who hears it."""
        from PySide6.QtGui import QGuiApplication

        opening, navigation, view_actions = self.opening, self.navigation, self.view_actions
        self.view.external_link.connect(self.open_actions.link_clicked)
        self.view.highlighted.connect(self.open_actions.show_link_target)
        self.reading_progress.end_reached.connect(self._end_came_into_view)
        QGuiApplication.styleHints().colorSchemeChanged.connect(view_actions.system_scheme_changed)

        # The sidebar decides where a story goes (saved article, web address, or its card).
        self.sidebar.open_article_requested.connect(opening.open_article)
        self.sidebar.open_url_requested.connect(opening.open_source)
        self.sidebar.search_requested.connect(navigation.search_library_for)
        self.sidebar.ads_toggle.toggled.connect(view_actions.ads_toggled)
        if self.library_panel is not None:
            self.library_panel.article_activated.connect(opening.open_article)

    def _document_arriving(self, document: object) -> None:
        """The sidebar takes its stories and its width before the view shows the article:
        a width changed after would lay a long article out all over again (~20 ms). The
        title changes with the article, in the same turn."""
        from reader.service.reading import Document
        from reader.ui.sidebar.sidebar import MODE_ARTICLE
        from reader.ui.sidebar.story_model import StoryItem

        assert isinstance(document, Document)
        self.setWindowTitle(document.article.title or "Untitled")
        items = list(StoryItem.for_document(document))
        self.sidebar.set_stories(items, article_id=document.article_id)
        # A page that recommended nothing leaves the text the whole width (F9 or g r still
        # bring the stories up).
        nothing = not items and self.sidebar.mode == MODE_ARTICLE
        self.placement.set_resting(self.sidebar, nothing)

    # -- what the app and the single-instance server drive ---------------------------------
    def start(self, sources: list[str], early: EarlyOpen | None = None) -> None:
        """Called once articles can be shown (``can_open``): open the sources, or the last
        article (its open may have started with the process: ``early``)."""
        self.opening.start(sources, early)

    def open_sources(self, sources: list[str]) -> None:
        self.opening.open_sources(sources)

    def is_busy(self) -> bool:
        return self._reading_built and self.opening.is_busy()

    # -- Qt events -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True  # build steps still queued do not run
        reading, built = self._reading_built, self._built
        if built:
            self.view_actions.leave_focus_mode()
        self.settings.geometry = self.saveGeometry()
        if reading:
            library_width = self.placement.width_of(self.library_panel) if self.library_panel else 0
            self.settings.panel_widths = (library_width, self.placement.width_of(self.sidebar))
            self.opening.save_position()
            self.current.close()
        if built:
            self.listening.close()
        self.settings.sync()
        if built:
            self.library_watch.stop()
            self.queue_fetch.stop()
            self.reextracting.stop()
            self.pictures.stop()
        if reading:
            self.opening.stop_all()
            self.library.close()
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
