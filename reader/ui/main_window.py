"""The reading window: the article in the middle, the library on the left, stories on the right.

All signal wiring lives in ``_connect_signals`` so the flow of the window reads in one
place. Opening anything goes through ``run_task``: the GUI thread only shows results.
Every command is a row of reader.ui.actions.ACTIONS whose ``handler`` names a method here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMainWindow

from reader.ui import themes
from reader.ui.settings import Settings

if TYPE_CHECKING:
    import threading

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QDialog, QLabel, QMenu, QProgressBar, QSplitter, QWidget

    from reader.model import Article
    from reader.store import Library
    from reader.ui.find_bar import FindBar
    from reader.ui.library_view import LibraryPanel
    from reader.ui.messages import MessageBar
    from reader.ui.progress import ReadingProgress
    from reader.ui.reading_view import ReadingView
    from reader.ui.sidebar import Sidebar
    from reader.ui.style_prefs import ReadingStyle
    from reader.ui.tasks import Task
    from reader.ui.themes import ViewStyle

log = logging.getLogger(__name__)

OPEN_FILTERS = (
    "Saved pages (*.html *.htm *.xhtml *.mhtml *.mht *.webarchive *.txt)",
    "HTML pages (*.html *.htm *.xhtml)",
    "Web archives (*.mhtml *.mht *.webarchive)",
    "Text dumps (*.txt)",
    "All files (*)",
)
DEFAULT_SIZE = (1180, 820)
DEFAULT_SPLIT = (420, 800, 340)  # library (when shown), article, stories
STATUS_TIMEOUT_MS = 6000
# A "preparing…" page is shown first for articles this long, then they are laid out.
LONG_ARTICLE_WORDS = 100_000
PREPARING_DELAY_MS = 30  # long enough for the notice to reach the screen
# Space pages by the view's height minus this much, so the last line stays in sight.
PAGE_OVERLAP_PX = 48
# A folder with fewer pages than this is imported in this process: starting a process
# pool costs more than it saves.
POOL_MIN_FILES = 24
# n/p look at most this many rows for an unread article (a huge library is paged in).
MAX_UNREAD_SCAN = 5000
# Dark themes want softer find highlights (all matches, current match, its text).
FIND_COLORS_DARK = ((255, 196, 0, 70), (214, 120, 20, 255), (0, 0, 0, 255))


class _Relay(QObject):
    """Carries worker callbacks (fetch bytes, import events) to the GUI thread by signal."""

    fetch_progress = Signal(int, object)  # bytes so far, total or None
    import_event = Signal(object)  # reader.store.importer.ImportEvent


class MainWindow(QMainWindow):
    """The window. ``build=False`` makes a bare themed shell that paints at once; ``build()``
    (called by the app right after that first paint) adds the widgets, menus and keys."""

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
        self._library_error = ""
        self._task: Task | None = None
        self._fetch_cancel: threading.Event | None = None
        self._background: list[Task] = []
        self._history: list[int | str] = []
        self._history_index = -1
        self._from_history = False
        self._focus_mode_saved: dict[str, bool] | None = None
        self._built = False
        self.pending_sources: list[str] = []  # forwarded before the window was built
        if build:
            self.build()

    def is_built(self) -> bool:
        return self._built

    def build(self) -> None:
        """Create the widgets, menus and keys (the expensive part of starting)."""
        if self._built:
            return
        self._built = True
        self.style_prefs: ReadingStyle = self.settings.style
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QDesktopServices, QIcon
        from PySide6.QtWidgets import QLabel, QProgressBar, QSplitter, QVBoxLayout, QWidget

        from reader.paths import resources_dir
        from reader.ui import actions as action_table
        from reader.ui import keymap
        from reader.ui.find_bar import FindBar
        from reader.ui.messages import MessageBar
        from reader.ui.progress import ReadingProgress
        from reader.ui.reading_view import ReadingView
        from reader.ui.sidebar import Sidebar

        icon = resources_dir() / "icons" / "reader.svg"
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        self.open_external: Callable[[QUrl], object] = QDesktopServices.openUrl  # tests replace it
        self.relay = _Relay(self)

        self.message_bar: MessageBar = MessageBar()
        self.reading_progress: ReadingProgress = ReadingProgress()
        self.view: ReadingView = ReadingView()
        self.find_bar: FindBar = FindBar(self.view)
        self.sidebar: Sidebar = Sidebar()
        self.library_panel: LibraryPanel | None = self._make_library_panel()

        reading = QWidget()
        reading.setObjectName("readingColumn")
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.reading_progress)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)

        self.splitter: QSplitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("splitter")
        if self.library_panel is not None:
            self.splitter.addWidget(self.library_panel)
        self.splitter.addWidget(reading)
        self.splitter.addWidget(self.sidebar)
        self.splitter.setStretchFactor(self.splitter.indexOf(reading), 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.status_text: QLabel = QLabel()
        self.status_text.setAccessibleName("Article length")
        self.progress: QProgressBar = QProgressBar()
        self.progress.setAccessibleName("Loading")
        self.progress.setRange(0, 0)  # busy until a fetch knows its size
        self.progress.setMaximumWidth(120)
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.status_text)
        self.statusBar().addPermanentWidget(self.reading_progress.minutes_label)
        self.reading_progress.attach(self.view.verticalScrollBar())

        self.key_overrides = keymap.load_overrides(self.settings.store)
        self.actions_by_id: dict[str, QAction] = action_table.build_actions(
            self, overrides=self.key_overrides
        )
        self.menus: dict[str, QMenu] = action_table.build_menus(self.menuBar(), self.actions_by_id)
        self.recent_menu: QMenu = self.menus[action_table.RECENT_MENU]
        action_table.attach_context(self.actions_by_id, "list", self._list_widgets())

        self._restore()
        self._connect_signals()
        self._rebuild_recent()

    def _make_library_panel(self) -> LibraryPanel | None:
        """The library list; without a usable library the window still reads files."""
        from reader.errors import ReaderError
        from reader.store import Library
        from reader.ui.library_view import LibraryPanel

        try:
            self.library = Library()
        except ReaderError as error:
            log.warning("library unavailable: %s", error)
            self._library_error = str(error)
            return None
        from reader.ui.library_model import DATE, SITE, STATE, TIME

        panel = LibraryPanel(self.library)
        panel.setMinimumWidth(260)
        # A side panel, not a full page: the title gets the room, the saved date (still a
        # sort) hides, the rest stays compact. The header's menu is the table's own.
        header = panel.table.horizontalHeader()
        for column, width in ((SITE, 96), (TIME, 52), (STATE, 44)):
            header.resizeSection(column, width)
        panel.table.setColumnHidden(DATE, True)
        return panel

    def _list_widgets(self) -> list[QWidget]:
        """Where the "list" keys (j, k, Enter) live."""
        widgets: list[QWidget] = [self.view]
        if self.library_panel is not None:
            widgets += [self.library_panel.table, self.library_panel.results]
        widgets.append(self.sidebar.list)
        return widgets

    # -- wiring ----------------------------------------------------------------------------
    def _connect_signals(self) -> None:
        from PySide6.QtGui import QGuiApplication

        from reader.ui.actions import connect_actions

        connect_actions(self.actions_by_id, self)
        self.view.external_link.connect(self._link_clicked)
        self.view.highlighted.connect(self._show_link_target)
        self.reading_progress.end_reached.connect(self._end_reached)
        self.relay.fetch_progress.connect(self._fetch_progress)
        self.recent_menu.aboutToShow.connect(self._rebuild_recent)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

        # The sidebar decides where a story goes (saved article, web address, or its card).
        self.sidebar.open_article_requested.connect(self.open_article)
        self.sidebar.open_url_requested.connect(self.open_source)
        self.sidebar.search_requested.connect(self._search_library_for)
        self.sidebar.ads_toggle.toggled.connect(self._ads_toggled)

        if self.library_panel is not None:
            self.library_panel.article_activated.connect(self.open_article)
            self.library_panel.article_changed.connect(self._library_article_changed)
            self.library_panel.article_deleted.connect(self._library_article_deleted)

    def _restore(self) -> None:
        splitter = self.settings.splitter
        if splitter is None or not self.splitter.restoreState(splitter):
            sizes = list(DEFAULT_SPLIT)
            self.splitter.setSizes(sizes if self.library_panel is not None else sizes[1:])
        self.apply_style(self.style_prefs, save=False)
        show_sidebar = self.settings.show_sidebar
        self.sidebar.setVisible(show_sidebar)
        self.actions_by_id["view.sidebar"].setChecked(show_sidebar)
        show_library = self.settings.show_library and self.library_panel is not None
        if self.library_panel is not None:
            self.library_panel.setVisible(show_library)
        self.actions_by_id["view.library"].setChecked(show_library)
        self.actions_by_id["view.library"].setEnabled(self.library_panel is not None)
        show_ads = self.settings.show_ads
        self.actions_by_id["view.show_ads"].setChecked(show_ads)
        self.sidebar.set_show_ads(show_ads)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._focus_mode_saved is not None:
            self.leave_focus_mode()
        self.settings.geometry = self.saveGeometry()
        if self._built:
            self.settings.splitter = self.splitter.saveState()
            self._save_position()
        self.settings.sync()
        self.cancel_loading(quiet=True)
        for task in self._background:
            task.cancel()
        super().closeEvent(event)

    # -- starting --------------------------------------------------------------------------
    def start(self, sources: list[str]) -> None:
        """Called once the window has painted: open the sources, or the last article."""
        if sources:
            self.open_sources(sources)
            return
        from reader.ui import jobs
        from reader.ui.tasks import run_task

        self._begin("Opening your library…")
        style = self._view_style()
        self._task = run_task(lambda: jobs.open_start(style), self._start_done, self._start_failed)

    def _start_done(self, opened: object) -> None:
        self._task = None
        self._end()
        if opened is None:
            self.view.show_notice("Open a saved page with Ctrl+O, or drop one on this window.")
            return
        self._show_opened(opened)

    def _start_failed(self, error: BaseException) -> None:
        from reader.ui.messages import describe_error

        self._task = None
        self._end()
        self.message_bar.show_error(describe_error("your library", error))
        self.view.show_notice("Open a saved page with Ctrl+O, or drop one on this window.")

    # -- opening ---------------------------------------------------------------------------
    def open_sources(self, sources: list[str]) -> None:
        """Show the first source; the others are read into the library in the background."""
        if not sources:
            return
        self.open_source(sources[0])
        for source in sources[1:]:
            self._import_in_background(source)

    def open_source(self, source: str, login: Any = None) -> None:
        """Open a file or a URL. URLs are fetched here, with progress, Esc and logins."""
        import threading

        from reader.ui import jobs
        from reader.ui.tasks import run_task

        self.cancel_loading(quiet=True)  # the newest request wins
        is_url = source.lower().startswith(("http://", "https://"))
        fetch: jobs.FetchOptions | None = None
        if is_url:
            cancel = threading.Event()
            self._fetch_cancel = cancel
            relay = self.relay
            fetch = jobs.FetchOptions(
                cancel=cancel,
                progress=lambda done, total: relay.fetch_progress.emit(done, total),
            )
            if login is not None:
                from reader.ui.login_dialog import credentials_from

                fetch.credentials = credentials_from(login)
                fetch.allow_http_login = login.allow_http
            self._begin(f"Fetching {_host(source)}… (Esc to stop)")
        else:
            self._begin(f"Opening {Path(source).name or source}…")
        style = self._view_style()
        self._task = run_task(
            lambda: jobs.open_source(source, style=style, fetch=fetch),
            self._show_opened,
            lambda error: self._open_failed(source, error),
        )

    def open_article(self, article_id: int) -> None:
        from reader.ui import jobs
        from reader.ui.tasks import run_task

        self.cancel_loading(quiet=True)
        self._begin("Opening from your library…")
        style = self._view_style()
        self._task = run_task(
            lambda: jobs.open_stored(article_id, style),
            self._show_opened,
            lambda error: self._open_failed("the saved article", error),
        )

    def cancel_loading(self, quiet: bool = False) -> bool:
        """Esc while fetching: stop the download and keep the article on screen."""
        if self._task is None:
            return False
        self._task.cancel()
        self._task = None
        if self._fetch_cancel is not None:
            self._fetch_cancel.set()
            self._fetch_cancel = None
        self._end()
        if not quiet:
            self.statusBar().showMessage("Stopped loading", STATUS_TIMEOUT_MS)
        return True

    def _import_in_background(self, source: str) -> None:
        from reader.ui import jobs
        from reader.ui.messages import describe_error
        from reader.ui.tasks import run_task

        def done(opened: object) -> None:
            self._background.remove(task)
            self.statusBar().showMessage(f"Saved {Path(source).name} to the library", 4000)
            self._reload_library()

        def failed(error: BaseException) -> None:
            self._background.remove(task)
            self.message_bar.show_error(describe_error(source, error))

        task = run_task(lambda: jobs.open_source(source), done, failed)
        self._background.append(task)

    def _open_failed(self, source: str, error: BaseException) -> None:
        """The previous article stays; the reason shows above it and in the status bar."""
        from reader.load.fetch import FetchCancelled, LoginRequired
        from reader.ui.messages import describe_error

        self._task = None
        self._fetch_cancel = None
        self._end()
        if isinstance(error, FetchCancelled):
            self.statusBar().showMessage("Stopped loading", STATUS_TIMEOUT_MS)
            return
        if isinstance(error, LoginRequired):
            self._ask_login(source, error)
            return
        text = describe_error(source, error)
        self.message_bar.show_error(text)
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    def _ask_login(self, url: str, error: Any) -> None:
        """401/407: ask, keep the login if asked to (off the GUI thread), fetch again."""
        from reader.ui.login_dialog import ask_after, store_answer
        from reader.ui.messages import describe_error
        from reader.ui.tasks import run_task

        answer = ask_after(error, url, self)
        if answer is None:
            self.statusBar().showMessage(f"No login given for {error.host}", STATUS_TIMEOUT_MS)
            return

        def stored(_row: object) -> None:
            self.open_source(url, login=answer)

        def not_stored(problem: BaseException) -> None:
            self.message_bar.show_error(describe_error(url, problem))
            self.open_source(url, login=answer)  # still good for this fetch

        if answer.remember:
            self._background_task(lambda: store_answer(answer), stored, not_stored)
        else:
            run_task(lambda: None, stored, not_stored)

    def _background_task(
        self,
        work: Callable[[], object],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        from reader.ui.tasks import run_task

        def finished(result: object) -> None:
            self._background.remove(task)
            done(result)

        def broke(error: BaseException) -> None:
            self._background.remove(task)
            failed(error)

        task = run_task(work, finished, broke)
        self._background.append(task)

    def _fetch_progress(self, done: int, total: object) -> None:
        if self._fetch_cancel is None:
            return
        if isinstance(total, int) and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.statusBar().showMessage(f"Fetching… {done // 1024:,} KB (Esc to stop)")

    def _show_opened(self, opened: object) -> None:
        from reader.ui.jobs import Opened

        assert isinstance(opened, Opened)
        self._task = None
        self._fetch_cancel = None
        if opened.words > LONG_ARTICLE_WORDS:
            self._save_position()
            self.view.show_notice(f"Preparing “{opened.article.title}” ({opened.words:,} words)…")
            self.status_text.setText("Preparing a long article…")
            QTimer.singleShot(PREPARING_DELAY_MS, lambda: self._display(opened))
            return
        self._display(opened)

    def _display(self, opened: object) -> None:
        from reader.ui.jobs import Opened

        assert isinstance(opened, Opened)
        self._end()
        self._save_position()
        article = opened.article
        self.reading_progress.start_article(0)  # no "end reached" while the page changes
        self.article = article
        self.article_id = opened.article_id
        self.source = opened.source
        if opened.document is not None:
            self.view.show_document(opened.document, opened.html, opened.images)
        else:
            self.view.show_html(opened.html, opened.images)
        self.view.verticalScrollBar().setValue(0)
        if opened.position:
            self.view.restore_anchor(opened.position)
        self.reading_progress.start_article(article.reading_minutes)
        self.sidebar.set_stories(list(opened.stories), article_id=opened.article_id)
        self.setWindowTitle(article.title or "Untitled")
        minutes = max(1, article.reading_minutes)
        self.status_text.setText(f"{article.word_count:,} words · {minutes} min read")
        if opened.save_error:
            self.message_bar.show_error(f"Not saved to the library: {opened.save_error}")
        else:
            self.message_bar.hide()
        if opened.source and not _is_sample(opened.source):
            self.settings.add_recent(_absolute(opened.source))
        self._remember_in_history(opened)
        if opened.source is not None:
            self._reload_library()
        if self.library_panel is not None and opened.article_id is not None:
            self.library_panel.select_article(opened.article_id)
        self.view.setFocus()

    def _remember_in_history(self, opened: Any) -> None:
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

    def _save_position(self) -> None:
        """Where the reader is in the current article, kept in the library."""
        from reader.errors import ReaderError

        if self.library is None or self.article_id is None or not self._built:
            return
        if not self.view.current_html():  # a notice ("preparing…") is on screen, not it
            return
        try:
            self.library.save_position(self.article_id, self.view.anchor() or None)
        except ReaderError as error:
            log.warning("reading position not saved: %s", error)

    def _reload_library(self) -> None:
        """The library changed: its list and the For you counts follow."""
        if self.library_panel is not None:
            self.library_panel.reload()
        self.sidebar.refresh()

    def _view_style(self) -> ViewStyle:
        """What the reading view and workers parse documents with."""
        from reader.ui.themes import ViewStyle

        style = self.style_prefs
        return ViewStyle(
            theme=style.resolved_theme(),
            font_px=style.font_size,
            family=style.font_family,
            measure_chars=style.line_width_chars,
            line_spacing=style.line_spacing,
            justify=style.justify,
        )

    def _begin(self, text: str) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.statusBar().showMessage(text)

    def _end(self) -> None:
        self.progress.hide()
        self.statusBar().clearMessage()

    def is_busy(self) -> bool:
        return self._task is not None or bool(self._background)

    # -- style -----------------------------------------------------------------------------
    def apply_style(self, style: ReadingStyle, save: bool = True) -> None:
        """Theme, face, size, measure, spacing and justification, everywhere at once."""
        from PySide6.QtGui import QColor
        from PySide6.QtWidgets import QApplication

        from reader.ui.find_bar import ALL_MATCHES_COLOR, CURRENT_MATCH_COLOR, CURRENT_MATCH_TEXT

        self.style_prefs = style
        view_style = self._view_style()
        theme = themes.load_theme(view_style.theme)
        palette = themes.palette(theme, QApplication.palette())
        self.setPalette(palette)
        self.sidebar.apply_palette(palette)
        self.view.set_view_style(view_style)
        if view_style.theme == "dark":
            self.find_bar.set_colors(*(QColor(*rgba) for rgba in FIND_COLORS_DARK))
        else:
            self.find_bar.set_colors(ALL_MATCHES_COLOR, CURRENT_MATCH_COLOR, CURRENT_MATCH_TEXT)
        action = self.actions_by_id.get(f"view.theme_{style.theme}")
        if action is not None:
            action.setChecked(True)
        if save:
            self.settings.style = style

    def _system_scheme_changed(self, *_args: object) -> None:
        if self.style_prefs.theme == "system":
            self.apply_style(self.style_prefs, save=False)

    # -- action handlers (names are in actions.ACTIONS) ------------------------------------
    def open_file_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = str(Path(self.settings.recent[0]).parent) if self.settings.recent else ""
        dialog = QFileDialog(self, "Open a saved page", start, ";;".join(OPEN_FILTERS))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(self.open_sources)
        self.file_dialog = dialog
        self._open_dialog(dialog)

    def open_url_dialog(self) -> None:
        from reader.ui.open_url_dialog import OpenUrlDialog

        dialog = OpenUrlDialog(self)

        def accepted() -> None:
            url = dialog.url()
            if url:
                self.open_source(url)

        dialog.accepted.connect(accepted)
        self.url_dialog = dialog
        self._open_dialog(dialog)

    def open_clipboard_url(self) -> None:
        from reader.ui.open_url_dialog import clipboard_url, parse_url

        url = clipboard_url()
        if url is None:
            from PySide6.QtGui import QGuiApplication

            clipboard = QGuiApplication.clipboard()
            url = parse_url(clipboard.text()) if clipboard is not None else None
        if url is None:
            self.statusBar().showMessage("The clipboard holds no web address", 3000)
            return
        self.open_source(url)

    def import_folder_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        dialog = QFileDialog(self, "Import a folder of saved pages")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.import_folder)
        self.file_dialog = dialog
        self._open_dialog(dialog)

    def import_folder(self, folder: str) -> None:
        """Import every page of ``folder`` off the GUI thread, with a cancellable dialog."""
        import threading

        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        from reader.store import Library
        from reader.store.importer import collect_sources, import_sources

        if not folder:
            return
        cancel = threading.Event()
        dialog = QProgressDialog("Looking for saved pages…", "Cancel", 0, 0, self)
        dialog.setWindowTitle("Importing")
        dialog.setAccessibleName("Import progress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(cancel.set)
        self.import_dialog = dialog
        dialog.show()
        relay = self.relay

        def work() -> object:
            files, _ = collect_sources([folder])
            workers = 1 if len(files) < POOL_MIN_FILES else None
            with Library() as library:
                return import_sources(
                    [folder],
                    library,
                    workers=workers,
                    progress=relay.import_event.emit,
                    cancel=cancel,
                )

        def on_event(event: Any) -> None:
            dialog.setMaximum(max(1, event.total))
            dialog.setValue(event.done)
            name = Path(event.source).name
            dialog.setLabelText(f"{event.done} of {event.total}: {name}")

        def done(summary: Any) -> None:
            relay.import_event.disconnect(on_event)
            dialog.close()
            line = summary.line()
            self.statusBar().showMessage(line[:1].upper() + line[1:], STATUS_TIMEOUT_MS)
            if summary.failures:
                first, reason = summary.failures[0]
                more = (
                    f" (and {len(summary.failures) - 1} more)" if len(summary.failures) > 1 else ""
                )
                self.message_bar.show_error(f"Not imported: {Path(first).name}: {reason}{more}")
            self.last_import = summary
            self._reload_library()

        def failed(error: BaseException) -> None:
            from reader.ui.messages import describe_error

            relay.import_event.disconnect(on_event)
            dialog.close()
            self.message_bar.show_error(describe_error(folder, error))

        relay.import_event.connect(on_event)
        self._background_task(work, done, failed)

    def print_article(self) -> None:
        """Ctrl+P: the system print dialog; "Print to File (PDF)" saves a PDF."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print or save as PDF")

        def accepted() -> None:
            self.view.document().print_(printer)
            target = printer.outputFileName()
            self.statusBar().showMessage(
                f"Saved {Path(target).name}" if target else "Sent to the printer", 4000
            )

        dialog.accepted.connect(accepted)
        self.printer = printer
        self.print_dialog = dialog
        self._open_dialog(dialog)

    def show_site_logins(self) -> None:
        from reader.ui.login_dialog import SiteLoginsDialog

        dialog = SiteLoginsDialog(parent=self)
        self.logins_dialog = dialog
        self._open_dialog(dialog)

    def show_preferences(self) -> None:
        from reader.ui import actions as action_table
        from reader.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(
            self.style_prefs,
            action_table.ACTIONS,
            self.key_overrides,
            self,
            settings=self.settings.store,
        )
        dialog.changed.connect(lambda style: self.apply_style(style, save=False))
        dialog.keys_changed.connect(self.set_key_overrides)
        dialog.accepted.connect(lambda: self.apply_style(dialog.reading_style()))
        self.preferences = dialog
        self._open_dialog(dialog)

    def set_key_overrides(self, overrides: dict[str, tuple[str, ...]]) -> None:
        from reader.ui import actions as action_table

        self.key_overrides = dict(overrides)
        action_table.apply_keys(self.actions_by_id, self.key_overrides)

    def show_cheat_sheet(self) -> None:
        from reader.ui import actions as action_table
        from reader.ui.cheat_sheet import CheatSheetDialog

        dialog = CheatSheetDialog(action_table.ACTIONS, self.key_overrides, self)
        self.cheat_sheet = dialog
        self._open_dialog(dialog)

    def _open_dialog(self, dialog: QDialog) -> None:
        """Open a window-modal dialog; when it closes the keyboard comes back here, even
        without a window manager to hand focus back (bare X servers, kiosk sessions)."""
        from PySide6.QtWidgets import QDialog

        dialog.finished.connect(self.activateWindow)
        QDialog.open(dialog)  # QPrintDialog hides the no-argument open() behind its own

    # navigation -----------------------------------------------------------------------
    def _focused(self) -> QWidget | None:
        from PySide6.QtWidgets import QApplication

        return QApplication.focusWidget()

    def _panel_has_focus(self) -> bool:
        panel = self.library_panel
        focus = self._focused()
        return panel is not None and focus is not None and panel.isAncestorOf(focus)

    def next_item(self) -> None:
        self._step_item(1)

    def previous_item(self) -> None:
        self._step_item(-1)

    def _step_item(self, step: int) -> None:
        """j/k: the next story in the focused list; in the article, the next article."""
        panel = self.library_panel
        focus = self._focused()
        if focus is not None and self.sidebar.isAncestorOf(focus):
            self.sidebar.select_next() if step > 0 else self.sidebar.select_previous()
            return
        if panel is None:
            return
        if self._panel_has_focus():
            panel.select_next() if step > 0 else panel.select_previous()
            return
        if self.article_id is not None:
            panel.select_article(self.article_id)
        before = panel.current_article_id()
        panel.select_next() if step > 0 else panel.select_previous()
        after = panel.current_article_id()
        if after is not None and after != before:
            self.open_article(after)

    def open_current(self) -> None:
        """Enter: open the story or article under the cursor of the focused list."""
        focus = self._focused()
        if focus is not None and self.sidebar.isAncestorOf(focus):
            self.sidebar.activate_current()
            return
        if self.library_panel is not None and self._panel_has_focus():
            self.library_panel.open_current()

    def next_unread(self) -> None:
        self._unread(1)

    def previous_unread(self) -> None:
        self._unread(-1)

    def _unread(self, step: int) -> None:
        """n/p: the next unread article of the library list (in its order, wrapping
        around at the end), opened."""
        from PySide6.QtCore import QModelIndex

        panel = self.library_panel
        if panel is None:
            return
        model = panel.model
        start = panel.current_article_id() if self._panel_has_focus() else self.article_id
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
            if not getattr(item, "read", False) and item.id != self.article_id:
                panel.select_article(item.id)
                self.open_article(item.id)
                return
            if origin < 0:
                origin = row
        self.statusBar().showMessage("No other unread article", 3000)

    def go_back(self) -> None:
        self._go_history(-1)

    def go_forward(self) -> None:
        self._go_history(1)

    def _go_history(self, step: int) -> None:
        index = self._history_index + step
        if not 0 <= index < len(self._history):
            self.statusBar().showMessage("No article " + ("before" if step < 0 else "after"), 2000)
            return
        self._history_index = index
        self._from_history = True
        key = self._history[index]
        if isinstance(key, int):
            self.open_article(key)
        else:
            self.open_source(key)

    def go_library(self) -> None:
        if self.library_panel is None:
            self.statusBar().showMessage(f"The library is unavailable: {self._library_error}")
            return
        if not self.library_panel.isVisible():
            self.actions_by_id["view.library"].setChecked(True)
            self.toggle_library()
        self.library_panel.table.setFocus()
        if self.article_id is not None:
            self.library_panel.select_article(self.article_id)

    def search_library(self) -> None:
        self.go_library()
        if self.library_panel is not None:
            self.library_panel.focus_search()

    def go_for_you(self) -> None:
        self._sidebar_mode("show_for_you")

    def go_this_article(self) -> None:
        self._sidebar_mode("show_this_article")

    def _sidebar_mode(self, method: str) -> None:
        """g r / g a: the sidebar's For you or This article list, focused."""
        getattr(self.sidebar, method)()
        self.focus_sidebar()

    def focus_sidebar(self) -> None:
        if not self.sidebar.isVisible():
            self.actions_by_id["view.sidebar"].setChecked(True)
            self.toggle_sidebar()
        self.sidebar.focus_list()

    def focus_article(self) -> None:
        self.view.setFocus()

    # reading ----------------------------------------------------------------------------
    def page_down(self) -> None:
        self._page(1)

    def page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        """Space pages the article from anywhere, except that a focused button or combo
        box still gets its Space (keyboard users press them with it)."""
        from PySide6.QtWidgets import QAbstractButton, QComboBox

        focus = self._focused()
        if isinstance(focus, QAbstractButton) and direction > 0:
            focus.animateClick()
            return
        if isinstance(focus, QComboBox) and direction > 0:
            focus.showPopup()
            return
        bar = self.view.verticalScrollBar()
        step = max(1, self.view.viewport().height() - PAGE_OVERLAP_PX)
        bar.setValue(bar.value() + direction * step)

    def open_find(self) -> None:
        self.find_bar.open()

    def find_next(self) -> None:
        self.find_bar.find_next()

    def find_previous(self) -> None:
        self.find_bar.find_previous()

    def escape(self) -> None:
        """Esc: close find, clear the library search, stop loading, leave focus mode or
        full screen, in that order: the nearest thing goes first."""
        panel = self.library_panel
        if self.find_bar.handle_escape():
            return
        if panel is not None and self._focused() is panel.search_field and panel.is_searching():
            panel.clear_search()
            return
        if self.cancel_loading():
            return
        if self._focus_mode_saved is not None:
            self.leave_focus_mode()
            return
        if self.isFullScreen():
            self.actions_by_id["view.full_screen"].setChecked(False)
            self.toggle_full_screen()

    def zoom_in(self) -> None:
        self._set_style(self.style_prefs.bigger())

    def zoom_out(self) -> None:
        self._set_style(self.style_prefs.smaller())

    def zoom_reset(self) -> None:
        self._set_style(self.style_prefs.default_size())

    def _set_style(self, style: ReadingStyle) -> None:
        if style == self.style_prefs:
            return
        self.apply_style(style)
        self.statusBar().showMessage(f"Text size {style.font_size} px", 2000)

    def set_theme(self, name: str) -> None:
        self.apply_style(replace(self.style_prefs, theme=name))

    # the current article in the library ------------------------------------------------
    def toggle_star(self) -> None:
        self._flag("starred", "toggle_star", "Starred", "Unstarred")

    def toggle_archive(self) -> None:
        self._flag("archived", "toggle_archive", "Archived", "Moved out of the archive")

    def toggle_read(self) -> None:
        self._flag("read", "toggle_read", "Marked as read", "Marked as unread")

    def _flag(self, field: str, panel_method: str, on_text: str, off_text: str) -> None:
        """e/s/m: the selected articles when the library has focus, else the one read."""
        from reader.errors import ReaderError
        from reader.ui.library_view import FlagChange

        panel = self.library_panel
        if panel is None or self.library is None:
            self.statusBar().showMessage("The library is unavailable", 3000)
            return
        if self._panel_has_focus():
            getattr(panel, panel_method)()
            return
        if self.article_id is None:
            self.statusBar().showMessage("This article is not in the library", 3000)
            return
        try:
            stored = self.library.article(self.article_id)
        except ReaderError as error:
            self.message_bar.show_error(str(error))
            return
        before = {self.article_id: bool(getattr(stored, field))}
        value = not before[self.article_id]
        title = stored.article.title or "Untitled"
        text = f"{on_text if value else off_text} “{title}”."
        change = FlagChange(panel, field, value, before, text)
        panel.undo_stack.push(change)
        if not change.failed:
            panel.show_message(text, undo=True)
            self.statusBar().showMessage(text, 3000)

    def edit_tags(self) -> None:
        """t: the tags of the selected articles, or of the article being read."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        from reader.errors import ReaderError
        from reader.ui.library_view import TagsChange

        panel = self.library_panel
        if panel is None or self.library is None:
            return
        if self._panel_has_focus():
            panel.edit_tags()
            return
        if self.article_id is None:
            self.statusBar().showMessage("This article is not in the library", 3000)
            return
        article_id = self.article_id
        try:
            current = tuple(self.library.article(article_id).tags)
        except ReaderError as error:
            self.message_bar.show_error(str(error))
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Tags")
        dialog.setLabelText("Tags, separated by commas:")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(", ".join(current))

        def accepted() -> None:
            tags = tuple(
                dict.fromkeys(t.strip() for t in dialog.textValue().split(",") if t.strip())
            )
            if tags != current:
                panel.undo_stack.push(TagsChange(panel, {article_id: tags}, {article_id: current}))
                panel.show_message(f"Tags: {', '.join(tags) or 'none'}", undo=True)

        dialog.accepted.connect(accepted)
        self.tags_dialog = dialog
        self._open_dialog(dialog)

    def _library_article_changed(self, article_id: int) -> None:
        """A change from the library list: nothing to redraw in the article for now."""

    def _library_article_deleted(self, article_id: int) -> None:
        if article_id == self.article_id:
            self.statusBar().showMessage("This article was deleted from the library", 4000)

    def _end_reached(self) -> None:
        """The end of the article came into view: the library counts it as read."""
        from reader.errors import ReaderError

        if self.library is None or self.article_id is None:
            return
        try:
            self.library.set_read(self.article_id, True)
        except ReaderError as error:
            log.warning("not marked read: %s", error)
            return
        if self.library_panel is not None:
            self.library_panel.update_article_state(self.article_id, read=True)

    # panels and modes ---------------------------------------------------------------------
    def toggle_library(self) -> None:
        if self.library_panel is None:
            return
        visible = self.actions_by_id["view.library"].isChecked()
        self.library_panel.setVisible(visible)
        self.settings.show_library = visible
        if visible and self.splitter.sizes()[0] < self.library_panel.minimumWidth():
            sizes = self.splitter.sizes()
            sizes[0] = DEFAULT_SPLIT[0]
            self.splitter.setSizes(sizes)

    def toggle_sidebar(self) -> None:
        visible = self.actions_by_id["view.sidebar"].isChecked()
        self.sidebar.setVisible(visible)
        self.settings.show_sidebar = visible

    def toggle_ads(self) -> None:
        self.sidebar.set_show_ads(self.actions_by_id["view.show_ads"].isChecked())

    def _ads_toggled(self, show: bool) -> None:
        self.actions_by_id["view.show_ads"].setChecked(show)
        self.settings.show_ads = show

    def toggle_full_screen(self) -> None:
        if self.actions_by_id["view.full_screen"].isChecked():
            self.showFullScreen()
        else:
            self.showNormal()

    def toggle_focus_mode(self) -> None:
        if self.actions_by_id["view.focus_mode"].isChecked():
            self.enter_focus_mode()
        else:
            self.leave_focus_mode()

    def enter_focus_mode(self) -> None:
        """Only the text: no library, stories, menus or status bar (Esc comes back)."""
        if self._focus_mode_saved is not None:
            return
        parts = self._chrome()
        self._focus_mode_saved = {name: widget.isVisible() for name, widget in parts.items()}
        for widget in parts.values():
            widget.hide()
        self.actions_by_id["view.focus_mode"].setChecked(True)
        self.view.setFocus()

    def leave_focus_mode(self) -> None:
        saved = self._focus_mode_saved
        if saved is None:
            return
        self._focus_mode_saved = None
        for name, widget in self._chrome().items():
            widget.setVisible(saved.get(name, True))
        self.actions_by_id["view.focus_mode"].setChecked(False)

    def in_focus_mode(self) -> bool:
        return self._focus_mode_saved is not None

    def _chrome(self) -> dict[str, QWidget]:
        parts: dict[str, QWidget] = {
            "menus": self.menuBar(),
            "status": self.statusBar(),
            "sidebar": self.sidebar,
        }
        if self.library_panel is not None:
            parts["library"] = self.library_panel
        return parts

    def open_original(self) -> None:
        from PySide6.QtCore import QUrl

        if self.article is not None and self.article.url:
            self._open_in_browser(QUrl(self.article.url))
        else:
            self.statusBar().showMessage("This article has no web address", 3000)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from reader import __version__

        box = QMessageBox(self)
        box.setWindowTitle("About Reader")
        box.setText(
            f"<h3>Reader {__version__}</h3><p>A calm place to read saved pages. "
            "Everything stays on this computer, in one library file.</p>"
        )
        if not self.windowIcon().isNull():
            box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        self.about_box = box
        box.open()

    # -- links and stories -----------------------------------------------------------------
    def _link_clicked(self, url: QUrl) -> None:
        """A link in the article opens here (fetched); with Shift, in the browser."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        if url.scheme() not in ("http", "https"):
            return
        if QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._open_in_browser(url)
        else:
            self.open_source(url.toString())

    def _open_in_browser(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            self.open_external(url)
            self.statusBar().showMessage(f"Opened {url.toString()} in your browser", 3000)

    def _show_link_target(self, url: QUrl) -> None:
        if url.isEmpty():
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(url.toString() + "  (Shift+click: in your browser)")

    def _search_library_for(self, text: str) -> None:
        """A story without a link: look for it among the saved articles."""
        self.search_library()
        if self.library_panel is not None:
            self.library_panel.search_now(text)

    # -- recent files ----------------------------------------------------------------------
    def _rebuild_recent(self) -> None:
        from PySide6.QtGui import QAction

        self.recent_menu.clear()
        recent = self.settings.recent
        for index, source in enumerate(recent, start=1):
            label = f"&{index % 10} {Path(source).name}"
            action = QAction(label, self.recent_menu)
            action.setStatusTip(source)
            action.triggered.connect(lambda _=False, s=source: self.open_source(s))
            self.recent_menu.addAction(action)
        if recent:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("Clear Menu")
            clear.triggered.connect(self.settings.clear_recent)
        self.recent_menu.setEnabled(bool(recent))

    # -- drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_sources(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        sources = _dropped_sources(event.mimeData())
        if sources:
            event.acceptProposedAction()
            self.open_sources(sources)


def _dropped_sources(mime: Any) -> list[str]:
    """Files and http(s) links dropped on the window (a dragged address is text)."""
    sources = []
    for url in mime.urls():
        if url.isLocalFile():
            sources.append(url.toLocalFile())
        elif url.scheme() in ("http", "https"):
            sources.append(url.toString())
    if not sources and mime.hasText():
        from reader.ui.open_url_dialog import parse_url

        url = parse_url(mime.text().strip())
        if url is not None and url.lower().startswith(("http://", "https://")):
            sources.append(url)
    return sources


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or url


def _absolute(source: str) -> str:
    if source.lower().startswith(("http://", "https://")):
        return source
    return str(Path(source).expanduser().resolve())


def _is_sample(source: str) -> bool:
    from reader.ui.jobs import sample_path

    try:
        return Path(source).resolve() == sample_path().resolve()
    except OSError:
        return False


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
