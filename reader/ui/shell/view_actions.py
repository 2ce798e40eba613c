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
from reader.ui.shell.controller import Controller
from reader.ui.shell.window_layout import DEFAULT_SPLIT

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from reader.ui.reading.style_prefs import ReadingStyle
    from reader.ui.reading.themes import ViewStyle
    from reader.ui.shell.main_window import MainWindow

# Dark themes want softer find highlights (all matches, current match, its text).
FIND_COLORS_DARK = ((255, 196, 0, 70), (214, 120, 20, 255), (0, 0, 0, 255))


class ViewActions(Controller):
    """Applies the reading style everywhere and shows or hides the parts of the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._focus_mode_saved: dict[str, bool] | None = None  # visibility before focus mode

    # -- reading style ---------------------------------------------------------------------
    @handles(VIEW_ZOOM_IN)
    def zoom_in(self) -> None:
        self._set_style(self.window.style_prefs.bigger())

    @handles(VIEW_ZOOM_OUT)
    def zoom_out(self) -> None:
        self._set_style(self.window.style_prefs.smaller())

    @handles(VIEW_ZOOM_RESET)
    def zoom_reset(self) -> None:
        self._set_style(self.window.style_prefs.default_size())

    def _set_style(self, style: ReadingStyle) -> None:
        if style == self.window.style_prefs:
            return
        self.apply_style(style)
        self.status(f"Text size {style.font_size} px", 2000)

    @handles(VIEW_THEME_LIGHT, VIEW_THEME_SEPIA, VIEW_THEME_DARK, VIEW_THEME_SYSTEM)
    def set_theme(self, name: str) -> None:
        self.apply_style(replace(self.window.style_prefs, theme=name))

    def view_style(self) -> ViewStyle:
        """What the reading view and workers parse documents with."""
        from reader.ui.reading.themes import ViewStyle

        style = self.window.style_prefs
        return ViewStyle(
            theme=style.resolved_theme(),
            font_px=style.font_size,
            family=style.font_family,
            measure_chars=style.line_width_chars,
            line_spacing=style.line_spacing,
            justify=style.justify,
        )

    def apply_style(self, style: ReadingStyle, save: bool = True) -> None:
        """Theme, face, size, measure, spacing and justification, everywhere at once."""
        from PySide6.QtGui import QColor
        from PySide6.QtWidgets import QApplication, QDialog

        from reader.ui.reading.find_bar import (
            ALL_MATCHES_COLOR,
            CURRENT_MATCH_COLOR,
            CURRENT_MATCH_TEXT,
        )

        window = self.window
        window.style_prefs = style
        view_style = self.view_style()
        theme = themes.load_theme(view_style.theme)
        palette = themes.palette(theme, QApplication.palette())
        window.setPalette(palette)
        window.sidebar.apply_palette(palette)
        for dialog in window.findChildren(QDialog):  # open ones follow (Preferences' preview)
            if dialog.isVisible():
                dialog.setPalette(palette)
        window.view.set_view_style(view_style)
        window.reading_progress.set_colors(
            theme.color("accent"), theme.color("muted"), theme.color("rule")
        )
        window.message_bar.set_dark(view_style.theme == "dark")
        if view_style.theme == "dark":
            window.find_bar.set_colors(*(QColor(*rgba) for rgba in FIND_COLORS_DARK))
        else:
            window.find_bar.set_colors(ALL_MATCHES_COLOR, CURRENT_MATCH_COLOR, CURRENT_MATCH_TEXT)
        action = window.actions_by_id.get(f"view.theme_{style.theme}")
        if action is not None:
            action.setChecked(True)
        if save:
            window.settings.style = style

    def system_scheme_changed(self, *_args: object) -> None:
        if self.window.style_prefs.theme == "system":
            self.apply_style(self.window.style_prefs, save=False)

    @handles(FILE_PREFERENCES)
    def show_preferences(self) -> None:
        from reader.ui.actions.table import ACTIONS
        from reader.ui.dialogs.preferences import PreferencesDialog

        window = self.window
        dialog = PreferencesDialog(
            window.style_prefs,
            ACTIONS,
            window.key_overrides,
            window,
            settings=window.settings.store,
        )
        dialog.changed.connect(lambda style: self.apply_style(style, save=False))
        dialog.keys_changed.connect(self.set_key_overrides)
        dialog.accepted.connect(lambda: self.apply_style(dialog.reading_style()))
        window.preferences = dialog
        self.open_dialog(dialog)

    def set_key_overrides(self, overrides: dict[str, tuple[str, ...]]) -> None:
        from reader.ui.actions import registry as action_table

        self.window.key_overrides = dict(overrides)
        action_table.apply_keys(self.window.actions_by_id, self.window.key_overrides)

    # -- panels and modes ------------------------------------------------------------------
    @handles(VIEW_LIBRARY)
    def toggle_library(self) -> None:
        window = self.window
        if window.library_panel is None:
            return
        visible = window.actions_by_id["view.library"].isChecked()
        window.library_panel.setVisible(visible)
        window.settings.show_library = visible
        if visible and window.splitter.sizes()[0] < window.library_panel.minimumWidth():
            sizes = window.splitter.sizes()
            sizes[0] = DEFAULT_SPLIT[0]
            window.splitter.setSizes(sizes)

    @handles(VIEW_SIDEBAR)
    def toggle_sidebar(self) -> None:
        visible = self.window.actions_by_id["view.sidebar"].isChecked()
        self.window.sidebar.setVisible(visible)
        self.window.settings.show_sidebar = visible

    @handles(VIEW_SHOW_ADS)
    def toggle_ads(self) -> None:
        self.window.sidebar.set_show_ads(self.window.actions_by_id["view.show_ads"].isChecked())

    def ads_toggled(self, show: bool) -> None:
        self.window.actions_by_id["view.show_ads"].setChecked(show)
        self.window.settings.show_ads = show

    @handles(VIEW_FULL_SCREEN)
    def toggle_full_screen(self) -> None:
        if self.window.actions_by_id["view.full_screen"].isChecked():
            self.window.showFullScreen()
        else:
            self.window.showNormal()

    @handles(VIEW_FOCUS_MODE)
    def toggle_focus_mode(self) -> None:
        if self.window.actions_by_id["view.focus_mode"].isChecked():
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
        self.window.actions_by_id["view.focus_mode"].setChecked(True)
        self.window.message_bar.hide()  # an old message is not "only the text"; a new one shows
        self.window.view.setFocus()

    def leave_focus_mode(self) -> None:
        saved = self._focus_mode_saved
        if saved is None:
            return
        self._focus_mode_saved = None
        for name, widget in self._chrome().items():
            widget.setVisible(saved.get(name, True))
        self.window.actions_by_id["view.focus_mode"].setChecked(False)

    def in_focus_mode(self) -> bool:
        return self._focus_mode_saved is not None

    def _chrome(self) -> dict[str, QWidget]:
        window = self.window
        parts: dict[str, QWidget] = {
            "menus": window.menuBar(),
            "status": window.statusBar(),
            "sidebar": window.sidebar,
        }
        if window.library_panel is not None:
            parts["library"] = window.library_panel
        return parts

    @handles(APP_ESCAPE)
    def escape(self) -> None:
        """Esc: close find, clear the library search, stop loading, leave focus mode or
        full screen, in that order: the nearest thing goes first."""
        window = self.window
        panel = window.library_panel
        if window.find_bar.handle_escape():
            return
        if panel is not None and self.focused() is panel.search_field and panel.is_searching():
            panel.clear_search()
            return
        if window.opening.cancel_loading():
            return
        if self._focus_mode_saved is not None:
            self.leave_focus_mode()
            return
        if window.isFullScreen():
            window.actions_by_id["view.full_screen"].setChecked(False)
            self.toggle_full_screen()

    # -- printing and the app's own dialogs ------------------------------------------------
    @handles(FILE_PRINT)
    def print_article(self) -> None:
        """Ctrl+P: the system print dialog; "Print to File (PDF)" saves a PDF."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        window = self.window
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(window.windowTitle())
        dialog = QPrintDialog(printer, window)
        dialog.setWindowTitle("Print or save as PDF")

        def accepted() -> None:
            window.view.document().print_(printer)
            target = printer.outputFileName()
            self.status(f"Saved {Path(target).name}" if target else "Sent to the printer", 4000)

        dialog.accepted.connect(accepted)
        window.printer = printer
        window.print_dialog = dialog
        self.open_dialog(dialog)

    @handles(HELP_SHORTCUTS)
    def show_cheat_sheet(self) -> None:
        from reader.ui.actions.table import ACTIONS
        from reader.ui.dialogs.cheat_sheet import CheatSheetDialog

        window = self.window
        dialog = CheatSheetDialog(ACTIONS, window.key_overrides, window)
        window.cheat_sheet = dialog
        self.open_dialog(dialog)

    @handles(APP_QUIT)
    def quit(self) -> None:
        self.window.close()

    @handles(HELP_ABOUT)
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from reader import __version__

        window = self.window
        box = QMessageBox(window)
        box.setWindowTitle("About Reader")
        box.setText(
            f"<h3>Reader {__version__}</h3><p>A calm place to read saved pages. "
            "Everything stays on this computer, in one library file.</p>"
        )
        if not window.windowIcon().isNull():
            box.setIconPixmap(window.windowIcon().pixmap(64, 64))
        window.about_box = box
        box.open()
