"""What the window remembers between runs: geometry, panels, theme, size, recent files.

Kept in an INI file next to the library when READER_DATA_DIR (or --data-dir) is set, so a
test or a portable library never touches the user's own settings; otherwise in the
platform's usual QSettings place.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from reader.paths import APP_NAME, DATA_DIR_ENV

if TYPE_CHECKING:
    from reader.ui.reading.style_prefs import ReadingStyle

MAX_RECENT = 10
SETTINGS_FILE = "settings.ini"


def open_settings() -> QSettings:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = os.path.join(os.path.expanduser(override), SETTINGS_FILE)
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)


class Settings:
    """Typed accessors over QSettings (which stores everything as strings in INI files)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or open_settings()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.store.setValue("window/state", value)

    @property
    def panel_widths(self) -> tuple[int, int] | None:
        """The widths the reader gave the library and the stories (None: never set)."""
        parts = str(self.store.value("window/panel_widths", "")).split(",")
        try:
            library, sidebar = (int(part) for part in parts)
        except ValueError:
            return None
        return library, sidebar

    @panel_widths.setter
    def panel_widths(self, value: tuple[int, int]) -> None:
        self.store.setValue("window/panel_widths", f"{value[0]},{value[1]}")

    @property
    def style(self) -> ReadingStyle:
        """The reading style (Preferences); the first version's font_px key still counts."""
        from reader.ui.reading.style_prefs import load_style

        style = load_style(self.store)
        if not self.store.contains("reading/font_size") and self.store.contains("reading/font_px"):
            with contextlib.suppress(ValueError):
                style = style.with_font_size(int(str(self.store.value("reading/font_px"))))
        return style

    @style.setter
    def style(self, value: ReadingStyle) -> None:
        from reader.ui.reading.style_prefs import save_style

        save_style(value, self.store)

    @property
    def theme(self) -> str:
        """light, sepia, dark or system."""
        return self.style.theme

    def shell_theme(self) -> str:
        """The theme for the first paint, read without the style machinery (it costs
        ~30 ms of Qt enum set-up): "system" is answered by the palette's lightness."""
        from reader.ui.reading import themes

        value = str(self.store.value("reading/theme", themes.DEFAULT_THEME))
        if value in themes.THEMES:
            return value
        if value == "system":
            from PySide6.QtGui import QGuiApplication

            dark = QGuiApplication.palette().window().color().lightness() < 128
            return "dark" if dark else themes.DEFAULT_THEME
        return themes.DEFAULT_THEME

    @property
    def font_px(self) -> int:
        return self.style.font_size

    @property
    def show_library(self) -> bool:
        return str(self.store.value("window/library", "false")).lower() == "true"

    @show_library.setter
    def show_library(self, value: bool) -> None:
        self.store.setValue("window/library", "true" if value else "false")

    @property
    def show_sidebar(self) -> bool:
        return str(self.store.value("window/sidebar", "true")).lower() == "true"

    @show_sidebar.setter
    def show_sidebar(self, value: bool) -> None:
        self.store.setValue("window/sidebar", "true" if value else "false")

    @property
    def fetch_pictures(self) -> bool:
        """Fetch the pictures a saved page left on the web (they say where you read)."""
        return str(self.store.value("reading/fetch_pictures", "true")).lower() == "true"

    @fetch_pictures.setter
    def fetch_pictures(self, value: bool) -> None:
        self.store.setValue("reading/fetch_pictures", "true" if value else "false")

    @property
    def speech_engine(self) -> str:
        """The engine that reads aloud (reader.listen.backends.CHOICES; read at the first
        `l` of a window)."""
        return str(self.store.value("listening/engine", "auto"))

    @speech_engine.setter
    def speech_engine(self, value: str) -> None:
        self.store.setValue("listening/engine", value)

    @property
    def show_ads(self) -> bool:
        return str(self.store.value("sidebar/show_ads", "false")).lower() == "true"

    @show_ads.setter
    def show_ads(self, value: bool) -> None:
        self.store.setValue("sidebar/show_ads", "true" if value else "false")

    @property
    def recent(self) -> list[str]:
        value = self.store.value("files/recent", [])
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [str(item) for item in items if item][:MAX_RECENT]

    def add_recent(self, source: str) -> list[str]:
        recent = [source, *(item for item in self.recent if item != source)][:MAX_RECENT]
        self.store.setValue("files/recent", recent)
        return recent

    def clear_recent(self) -> None:
        self.store.setValue("files/recent", [])

    def sync(self) -> None:
        self.store.sync()
