"""The reading window: the article in the middle, its recommended stories on the side.

All signal wiring lives in ``_connect_signals`` so the flow of the window reads in one
place. Opening anything goes through ``run_task``: the GUI thread only shows results.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMainWindow

from reader.ui import themes
from reader.ui.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QLabel, QMenu, QProgressBar, QSplitter, QWidget

    from reader.model import Article
    from reader.ui.messages import MessageBar
    from reader.ui.reading_view import ReadingView
    from reader.ui.sidebar import Sidebar
    from reader.ui.tasks import Task

log = logging.getLogger(__name__)

OPEN_FILTERS = (
    "Saved pages (*.html *.htm *.xhtml *.mhtml *.mht *.webarchive *.txt)",
    "HTML pages (*.html *.htm *.xhtml)",
    "Web archives (*.mhtml *.mht *.webarchive)",
    "Text dumps (*.txt)",
    "All files (*)",
)
DEFAULT_SIZE = (1180, 820)
DEFAULT_SPLIT = (840, 340)
STATUS_TIMEOUT_MS = 6000
# A "preparing…" page is shown first for articles this long, then they are laid out.
LONG_ARTICLE_WORDS = 100_000
PREPARING_DELAY_MS = 30  # long enough for the notice to reach the screen


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
            QPalette.ColorRole.Window, themes.load_theme(self.settings.theme).color("background")
        )
        self.setPalette(shell)

        self.article: Article | None = None
        self.article_id: int | None = None
        self.source: str | None = None
        self._task: Task | None = None
        self._background: list[Task] = []
        self._built = False
        if build:
            self.build()

    def build(self) -> None:
        """Create the widgets, menus and keys (the expensive part of starting)."""
        if self._built:
            return
        self._built = True
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QDesktopServices, QIcon
        from PySide6.QtWidgets import QLabel, QProgressBar, QSplitter, QVBoxLayout, QWidget

        from reader.paths import resources_dir
        from reader.ui import actions as action_table
        from reader.ui.messages import MessageBar
        from reader.ui.reading_view import ReadingView
        from reader.ui.sidebar import Sidebar

        icon = resources_dir() / "icons" / "reader.svg"
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        self.open_external: Callable[[QUrl], object] = QDesktopServices.openUrl  # tests replace it

        self.message_bar: MessageBar = MessageBar()
        self.view: ReadingView = ReadingView()
        self.sidebar: Sidebar = Sidebar()
        self.splitter: QSplitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("splitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.sidebar)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
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
        self.progress: QProgressBar = QProgressBar()
        self.progress.setRange(0, 0)  # busy: loading has no meaningful percentage
        self.progress.setMaximumWidth(120)
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.status_text)

        self.actions_by_id: dict[str, QAction] = action_table.build_actions(self)
        self.menus: dict[str, QMenu] = action_table.build_menus(self.menuBar(), self.actions_by_id)
        self.recent_menu: QMenu = self.menus[action_table.RECENT_MENU]

        self._restore()
        self._connect_signals()
        self._rebuild_recent()

    # -- wiring ----------------------------------------------------------------------------
    def _connect_signals(self) -> None:
        from reader.ui.actions import connect_actions

        connect_actions(self.actions_by_id, self)
        self.view.external_link.connect(self._open_link)
        self.view.highlighted.connect(self._show_link_target)
        self.sidebar.story_activated.connect(self.open_story)
        self.sidebar.ads_toggle.toggled.connect(self._ads_toggled)
        self.recent_menu.aboutToShow.connect(self._rebuild_recent)

    def _restore(self) -> None:
        splitter = self.settings.splitter
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes(list(DEFAULT_SPLIT))
        self._apply_theme(self.settings.theme)
        self.view.set_style(self.settings.theme, self.settings.font_px)
        self.actions_by_id[f"view.theme_{self.settings.theme}"].setChecked(True)
        show_sidebar = self.settings.show_sidebar
        self.sidebar.setVisible(show_sidebar)
        self.actions_by_id["view.sidebar"].setChecked(show_sidebar)
        show_ads = self.settings.show_ads
        self.actions_by_id["view.show_ads"].setChecked(show_ads)
        self.sidebar.set_show_ads(show_ads)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.geometry = self.saveGeometry()
        if self._built:
            self.settings.splitter = self.splitter.saveState()
        self.settings.sync()
        for task in [self._task, *self._background]:
            if task is not None:
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
        style = self._style()
        self._task = run_task(lambda: jobs.open_start(style), self._start_done, self._start_failed)

    def _start_done(self, opened: object) -> None:
        self._end()
        if opened is None:
            self.view.show_notice("Open a saved page with Ctrl+O, or drop one on this window.")
            return
        self._show_opened(opened)

    def _start_failed(self, error: BaseException) -> None:
        from reader.ui.messages import describe_error

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

    def open_source(self, source: str) -> None:
        from reader.ui import jobs
        from reader.ui.tasks import run_task

        if self._task is not None:
            self._task.cancel()  # the newest request wins
        name = Path(source).name or source
        self._begin(f"Opening {name}…")
        style = self._style()
        self._task = run_task(
            lambda: jobs.open_source(source, style=style),
            self._show_opened,
            lambda error: self._open_failed(source, error),
        )

    def open_article(self, article_id: int) -> None:
        from reader.ui import jobs
        from reader.ui.tasks import run_task

        if self._task is not None:
            self._task.cancel()
        self._begin("Opening from your library…")
        style = self._style()
        self._task = run_task(
            lambda: jobs.open_stored(article_id, style),
            self._show_opened,
            lambda error: self._open_failed("the saved article", error),
        )

    def _import_in_background(self, source: str) -> None:
        from reader.ui import jobs
        from reader.ui.messages import describe_error
        from reader.ui.tasks import run_task

        def done(opened: object) -> None:
            self._background.remove(task)
            self.statusBar().showMessage(f"Saved {Path(source).name} to the library", 4000)

        def failed(error: BaseException) -> None:
            self._background.remove(task)
            self.message_bar.show_error(describe_error(source, error))

        task = run_task(lambda: jobs.open_source(source), done, failed)
        self._background.append(task)

    def _open_failed(self, source: str, error: BaseException) -> None:
        """The previous article stays; the reason shows above it and in the status bar."""
        from reader.ui.messages import describe_error

        self._task = None
        self._end()
        text = describe_error(source, error)
        self.message_bar.show_error(text)
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    def _show_opened(self, opened: object) -> None:
        from reader.ui.jobs import Opened

        assert isinstance(opened, Opened)
        self._task = None
        if opened.words > LONG_ARTICLE_WORDS:
            self.view.show_notice(f"Preparing “{opened.article.title}” ({opened.words:,} words)…")
            self.status_text.setText("Preparing a long article…")
            QTimer.singleShot(PREPARING_DELAY_MS, lambda: self._display(opened))
            return
        self._display(opened)

    def _display(self, opened: object) -> None:
        from reader.ui.jobs import Opened

        assert isinstance(opened, Opened)
        self._end()
        article = opened.article
        self.article = article
        self.article_id = opened.article_id
        self.source = opened.source
        if opened.document is not None:
            self.view.show_document(opened.document, opened.html, opened.images)
        else:
            self.view.show_html(opened.html, opened.images)
        self.view.verticalScrollBar().setValue(0)
        self.sidebar.set_stories(list(opened.stories))
        self.setWindowTitle(article.title or "Untitled")
        minutes = max(1, article.reading_minutes)
        self.status_text.setText(f"{article.word_count:,} words · {minutes} min read")
        if opened.save_error:
            self.message_bar.show_error(f"Not saved to the library: {opened.save_error}")
        else:
            self.message_bar.hide()
        if opened.source and not _is_sample(opened.source):
            self.settings.add_recent(_absolute(opened.source))
        self.view.setFocus()

    def _style(self) -> tuple[str, int]:
        """The theme and size a worker should parse the next document with."""
        return self.view.theme, self.view.font_px

    def _begin(self, text: str) -> None:
        self.progress.show()
        self.statusBar().showMessage(text)

    def _end(self) -> None:
        self.progress.hide()
        self.statusBar().clearMessage()

    def is_busy(self) -> bool:
        return self._task is not None or bool(self._background)

    # -- action handlers (names are in actions.ACTIONS) ------------------------------------
    def open_file_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = str(Path(self.settings.recent[0]).parent) if self.settings.recent else ""
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open a saved page", start, ";;".join(OPEN_FILTERS)
        )
        if paths:
            self.open_sources(paths)

    def zoom_in(self) -> None:
        self._set_font_px(_step(self.view.font_px, +1))

    def zoom_out(self) -> None:
        self._set_font_px(_step(self.view.font_px, -1))

    def zoom_reset(self) -> None:
        self._set_font_px(themes.DEFAULT_FONT_PX)

    def _set_font_px(self, size: int) -> None:
        if size == self.view.font_px:
            return
        self.view.set_style(self.view.theme, size)
        self.settings.font_px = size
        self.statusBar().showMessage(f"Text size {size} px", 2000)

    def set_theme(self, name: str) -> None:
        self._apply_theme(name)
        self.view.set_style(name, self.view.font_px)
        self.settings.theme = name
        self.actions_by_id[f"view.theme_{name}"].setChecked(True)

    def _apply_theme(self, name: str) -> None:
        from PySide6.QtWidgets import QApplication

        theme = themes.load_theme(name)
        palette = themes.palette(theme, QApplication.palette())
        self.setPalette(palette)
        self.sidebar.apply_palette(palette)

    def toggle_sidebar(self) -> None:
        visible = self.actions_by_id["view.sidebar"].isChecked()
        self.sidebar.setVisible(visible)
        self.settings.show_sidebar = visible

    def toggle_ads(self) -> None:
        self.sidebar.set_show_ads(self.actions_by_id["view.show_ads"].isChecked())

    def _ads_toggled(self, show: bool) -> None:
        self.actions_by_id["view.show_ads"].setChecked(show)
        self.settings.show_ads = show

    def open_original(self) -> None:
        from PySide6.QtCore import QUrl

        if self.article is not None and self.article.url:
            self._open_link(QUrl(self.article.url))
        else:
            self.statusBar().showMessage("This article has no web address", 3000)

    def focus_sidebar(self) -> None:
        if not self.sidebar.isVisible():
            self.actions_by_id["view.sidebar"].setChecked(True)
            self.toggle_sidebar()
        self.sidebar.list.setFocus()

    def focus_article(self) -> None:
        self.view.setFocus()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from reader import __version__

        QMessageBox.about(
            self,
            "About Reader",
            f"<h3>Reader {__version__}</h3><p>A calm place to read saved pages. "
            "Everything stays on this computer, in one library file.</p>",
        )

    # -- links and stories -----------------------------------------------------------------
    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            self.open_external(url)
            self.statusBar().showMessage(f"Opened {url.toString()} in your browser", 3000)

    def _show_link_target(self, url: QUrl) -> None:
        if url.isEmpty():
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(url.toString())

    def open_story(self, item: object) -> None:
        """A saved story opens from the library; any other goes to the browser for now."""
        from PySide6.QtCore import QUrl

        from reader.ui.sidebar import StoryItem

        if not isinstance(item, StoryItem):
            return
        saved_id = getattr(item.key, "article_id", None)
        if isinstance(saved_id, int):
            self.open_article(saved_id)
        elif item.story.url:
            self._open_link(QUrl(item.story.url))
        else:
            self.statusBar().showMessage("This story has no web address", 3000)

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
        if _dropped_sources(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        sources = _dropped_sources(event.mimeData().urls())
        if sources:
            event.acceptProposedAction()
            self.open_sources(sources)


def _dropped_sources(urls: list[QUrl]) -> list[str]:
    sources = []
    for url in urls:
        if url.isLocalFile():
            sources.append(url.toLocalFile())
        elif url.scheme() in ("http", "https"):
            sources.append(url.toString())
    return sources


def _step(size: int, direction: int) -> int:
    sizes = themes.FONT_SIZES_PX
    if direction > 0:
        return next((s for s in sizes if s > size), sizes[-1])
    return next((s for s in reversed(sizes) if s < size), sizes[0])


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
