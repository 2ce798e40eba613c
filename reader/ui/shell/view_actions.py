"""How the window looks: reading style (size, theme, preferences and keys), panels, focus
mode, full screen and Esc that backs out of them, printing, and the dialogs about the app."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.ui.actions.registry import handles
from reader.ui.actions.table import (
    APP_ESCAPE,
    APP_QUIT,
    FILE_PREFERENCES,
    FILE_PRINT,
    HELP_ABOUT,
    HELP_SHORTCUTS,
    VIEW_FOCUS_MODE,
    VIEW_FULL_SCREEN,
    VIEW_LIBRARY,
    VIEW_SHOW_ADS,
    VIEW_SIDEBAR,
    VIEW_THEME_DARK,
    VIEW_THEME_LIGHT,
    VIEW_THEME_SEPIA,
    VIEW_THEME_SYSTEM,
    VIEW_ZOOM_IN,
    VIEW_ZOOM_OUT,
    VIEW_ZOOM_RESET,
)
from reader.ui.reading import themes
from reader.ui.shell.status_line import holds_focus

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QMainWindow, QWidget

    from reader.ui.library.library_view import LibraryPanel
    from reader.ui.reading.find_bar import FindBar
    from reader.ui.reading.progress import ReadingProgress
    from reader.ui.reading.reading_view import ReadingView
    from reader.ui.reading.style_prefs import ReadingStyle
    from reader.ui.reading.themes import ViewStyle
    from reader.ui.shell.dialog_host import DialogHost
    from reader.ui.shell.drawers import PanelPlacement
    from reader.ui.shell.messages import MessageBar
    from reader.ui.shell.opening import Opening
    from reader.ui.shell.settings import Settings
    from reader.ui.shell.status_line import StatusLine
    from reader.ui.sidebar.sidebar import Sidebar

# Dark themes want softer find highlights (all matches, current match, its text).
FIND_COLORS_DARK = ((255, 196, 0, 70), (214, 120, 20, 255), (0, 0, 0, 255))


class ViewActions:
    """Applies the reading style everywhere and shows or hides the parts of the window.

    Owns the reading style (``style``) and the user's keys (``key_overrides``)."""

    def __init__(
        self,
        *,
        window: QMainWindow,
        view: ReadingView,
        find_bar: FindBar,
        sidebar: Sidebar,
        library_panel: LibraryPanel | None,
        reading_progress: ReadingProgress,
        messages: MessageBar,
        placement: PanelPlacement,
        actions: dict[str, QAction],
        settings: Settings,
        dialogs: DialogHost,
        status: StatusLine,
        opening: Opening,
        key_overrides: dict[str, tuple[str, ...]],
    ) -> None:
        self.window = window
        self.view = view
        self.find_bar = find_bar
        self.sidebar = sidebar
        self.library_panel = library_panel
        self.reading_progress = reading_progress
        self.messages = messages
        self.placement = placement
        placement.visibility_changed.connect(self._panel_shown)
        self.actions = actions
        self.settings = settings
        self.dialogs = dialogs
        self.status = status
        self.opening = opening
        self.style: ReadingStyle = settings.style
        self.key_overrides = key_overrides
        self._focus_mode_saved: dict[str, bool] | None = None  # visibility before focus mode
        self._printer: QPrinter | None = None  # kept while its dialog is open

    # -- reading style ---------------------------------------------------------------------
    @handles(VIEW_ZOOM_IN)
    def zoom_in(self) -> None:
        self._set_style(self.style.bigger())

    @handles(VIEW_ZOOM_OUT)
    def zoom_out(self) -> None:
        self._set_style(self.style.smaller())

    @handles(VIEW_ZOOM_RESET)
    def zoom_reset(self) -> None:
        self._set_style(self.style.default_size())

    def _set_style(self, style: ReadingStyle) -> None:
        if style == self.style:
            return
        self.apply_style(style)
        self.status.show(f"Text size {style.font_size} px", 2000)

    @handles(VIEW_THEME_LIGHT, VIEW_THEME_SEPIA, VIEW_THEME_DARK, VIEW_THEME_SYSTEM)
    def set_theme(self, name: str) -> None:
        self.apply_style(replace(self.style, theme=name))

    def view_style(self) -> ViewStyle:
        """What the reading view and workers parse documents with."""
        return self.style.view_style()

    def apply_style(self, style: ReadingStyle, save: bool = True) -> None:
        """Theme, face, size, measure, spacing and justification, everywhere at once."""
        from PySide6.QtGui import QColor
        from PySide6.QtWidgets import QApplication, QDialog

        from reader.ui.reading.find_bar import (
            ALL_MATCHES_COLOR,
            CURRENT_MATCH_COLOR,
            CURRENT_MATCH_TEXT,
        )

        self.style = style
        view_style = self.view_style()
        theme = themes.load_theme(view_style.theme)
        palette = themes.palette(theme, QApplication.palette())
        self.window.setPalette(palette)
        self.sidebar.apply_palette(palette)
        for dialog in self.window.findChildren(QDialog):  # open ones follow (Preferences)
            if dialog.isVisible():
                dialog.setPalette(palette)
        self.view.set_view_style(view_style)
        self.reading_progress.set_colors(
            theme.color("accent"), theme.color("muted"), theme.color("rule")
        )
        self.messages.set_dark(view_style.theme == "dark")
        if view_style.theme == "dark":
            self.find_bar.set_colors(*(QColor(*rgba) for rgba in FIND_COLORS_DARK))
        else:
            self.find_bar.set_colors(ALL_MATCHES_COLOR, CURRENT_MATCH_COLOR, CURRENT_MATCH_TEXT)
        action = self.actions.get(f"view.theme_{style.theme}")
        if action is not None:
            action.setChecked(True)
        if save:
            self.settings.style = style

    def system_scheme_changed(self, *_args: object) -> None:
        if self.style.theme == "system":
            self.apply_style(self.style, save=False)

    @handles(FILE_PREFERENCES)
    def show_preferences(self) -> None:
        from reader.ui.actions.table import ACTIONS
        from reader.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(
            self.style,
            ACTIONS,
            self.key_overrides,
            self.window,
            settings=self.settings.store,
        )
        dialog.fetch_pictures.setChecked(self.settings.fetch_pictures)
        engine = dialog.speech_engine
        engine.setCurrentIndex(max(0, engine.findData(self.settings.speech_engine)))
        dialog.changed.connect(lambda style: self.apply_style(style, save=False))
        dialog.keys_changed.connect(self.set_key_overrides)

        def accepted() -> None:
            self.apply_style(dialog.reading_style())
            self.settings.fetch_pictures = dialog.fetch_pictures.isChecked()
            self.settings.speech_engine = str(engine.currentData())

        dialog.accepted.connect(accepted)
        self.dialogs.open("preferences", dialog)

    def set_key_overrides(self, overrides: dict[str, tuple[str, ...]]) -> None:
        from reader.ui.actions.registry import apply_keys

        self.key_overrides = dict(overrides)
        apply_keys(self.actions, self.key_overrides)

    # -- panels and modes ------------------------------------------------------------------
    @handles(VIEW_LIBRARY)
    def toggle_library(self) -> None:
        panel = self.library_panel
        if panel is None:
            return
        self.placement.set_visible(panel, self.actions[VIEW_LIBRARY.id].isChecked())
        self.settings.show_library = self.placement.is_pinned(panel)

    def reveal_library(self) -> None:
        self.actions[VIEW_LIBRARY.id].setChecked(True)
        self.toggle_library()

    @handles(VIEW_SIDEBAR)
    def toggle_sidebar(self) -> None:
        self.placement.set_visible(self.sidebar, self.actions[VIEW_SIDEBAR.id].isChecked())
        self.settings.show_sidebar = self.placement.is_pinned(self.sidebar)

    def _panel_shown(self, widget: QWidget, visible: bool) -> None:
        """A panel opened or closed (a drawer too): its menu item's check mark follows."""
        action = self.actions[VIEW_SIDEBAR.id if widget is self.sidebar else VIEW_LIBRARY.id]
        action.setChecked(visible)

    def reveal_sidebar(self) -> None:
        self.actions[VIEW_SIDEBAR.id].setChecked(True)
        self.toggle_sidebar()

    @handles(VIEW_SHOW_ADS)
    def toggle_ads(self) -> None:
        self.sidebar.set_show_ads(self.actions[VIEW_SHOW_ADS.id].isChecked())

    def ads_toggled(self, show: bool) -> None:
        self.actions[VIEW_SHOW_ADS.id].setChecked(show)
        self.settings.show_ads = show

    @handles(VIEW_FULL_SCREEN)
    def toggle_full_screen(self) -> None:
        if self.actions[VIEW_FULL_SCREEN.id].isChecked():
            self.window.showFullScreen()
        else:
            self.window.showNormal()

    @handles(VIEW_FOCUS_MODE)
    def toggle_focus_mode(self) -> None:
        if self.actions[VIEW_FOCUS_MODE.id].isChecked():
            self.enter_focus_mode()
        else:
            self.leave_focus_mode()

    def enter_focus_mode(self) -> None:
        """Only the text: no library, stories, menus or status bar (Esc comes back)."""
        if self._focus_mode_saved is not None:
            return
        self.placement.close_drawers()
        self.placement.suspended = True
        parts = self._chrome()
        self._focus_mode_saved = {name: widget.isVisible() for name, widget in parts.items()}
        for widget in parts.values():
            widget.hide()
        self.actions[VIEW_FOCUS_MODE.id].setChecked(True)
        self.messages.hide()  # an old message is not "only the text"; a new one shows
        self.view.setFocus()

    def leave_focus_mode(self) -> None:
        saved = self._focus_mode_saved
        if saved is None:
            return
        self._focus_mode_saved = None
        for name, widget in self._chrome().items():
            widget.setVisible(saved.get(name, True))
        self.placement.suspended = False
        self.placement.fit()
        self.actions[VIEW_FOCUS_MODE.id].setChecked(False)

    def in_focus_mode(self) -> bool:
        return self._focus_mode_saved is not None

    def _chrome(self) -> dict[str, QWidget]:
        parts: dict[str, QWidget] = {
            "menus": self.window.menuBar(),
            "status": self.window.statusBar(),
            "sidebar": self.sidebar,
        }
        if self.library_panel is not None:
            parts["library"] = self.library_panel
        return parts

    @handles(APP_ESCAPE)
    def escape(self) -> None:
        """Esc: close find, close a drawer, dismiss a message, close a story's card, clear
        the library search, stop loading, leave focus mode or full screen, in that order:
        the nearest thing first."""
        panel = self.library_panel
        if self.find_bar.handle_escape():
            return
        if self.placement.close_drawers():
            return
        if self.messages.isVisible():
            self.messages.hide()
            return
        if self.sidebar.showing_detail():
            self.sidebar.show_cards()
            return
        if panel is not None and holds_focus(panel.search_field) and panel.is_searching():
            panel.clear_search()
            return
        if self.opening.cancel_loading():
            return
        if self._focus_mode_saved is not None:
            self.leave_focus_mode()
            return
        if self.window.isFullScreen():
            self.actions[VIEW_FULL_SCREEN.id].setChecked(False)
            self.toggle_full_screen()

    # -- printing and the app's own dialogs ------------------------------------------------
    @handles(FILE_PRINT)
    def print_article(self) -> None:
        """Ctrl+P: the system print dialog; "Print to File (PDF)" saves a PDF."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.window.windowTitle())
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("Print or save as PDF")

        def accepted() -> None:
            self.view.document().print_(printer)
            target = printer.outputFileName()
            self.status.show(
                f"Saved {Path(target).name}" if target else "Sent to the printer", 4000
            )

        dialog.accepted.connect(accepted)
        self._printer = printer
        self.dialogs.open("print", dialog)

    @handles(HELP_SHORTCUTS)
    def show_cheat_sheet(self) -> None:
        from reader.ui.actions.table import ACTIONS
        from reader.ui.dialogs.cheat_sheet import CheatSheetDialog

        dialog = CheatSheetDialog(ACTIONS, self.key_overrides, self.window)
        self.dialogs.open("cheat_sheet", dialog)

    @handles(APP_QUIT)
    def quit(self) -> None:
        self.window.close()

    @handles(HELP_ABOUT)
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from reader import __version__

        box = QMessageBox(self.window)
        box.setWindowTitle("About Reader")
        box.setText(
            f"<h3>Reader {__version__}</h3><p>A calm place to read saved pages. "
            "Everything stays on this computer, in one library file.</p>"
        )
        if not self.window.windowIcon().isNull():
            box.setIconPixmap(self.window.windowIcon().pixmap(64, 64))
        self.dialogs.open("about", box)
