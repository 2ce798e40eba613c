"""The reading preferences as one plain value, saved in QSettings.

The Preferences dialog edits a ``ReadingStyle``; the reading view adopts one. Keeping it a
frozen dataclass lets the dialog emit a whole new value on every move of a control (live
preview) and lets Cancel go back by re-emitting the original one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication

if TYPE_CHECKING:
    from reader.ui.reading.themes import ViewStyle

THEMES: tuple[str, ...] = ("light", "sepia", "dark", "system")
THEME_LABELS: dict[str, str] = {
    "light": "Light",
    "sepia": "Sepia",
    "dark": "Dark",
    "system": "Follow the system",
}
# Generic faces: the reading view maps them to a stack of installed fonts.
SERIF = "serif"
SANS = "sans"
GENERIC_FAMILIES: tuple[str, ...] = (SERIF, SANS)
FONT_STACKS: dict[str, str] = {
    SERIF: "'Noto Serif', 'Source Serif Pro', 'DejaVu Serif', Georgia, 'Times New Roman', serif",
    SANS: "'Noto Sans', 'Source Sans Pro', 'DejaVu Sans', 'Segoe UI', Arial, sans-serif",
}

# Body text sizes in pixels, the same steps as reader.ui.reading.themes.FONT_SIZES_PX: every size is
# a whole pixel. Values outside the limits are clamped on load.
FONT_SIZES_PX: tuple[int, ...] = (12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 24, 26, 28, 32, 36)
FONT_SIZE_MIN, FONT_SIZE_MAX, FONT_SIZE_DEFAULT = FONT_SIZES_PX[0], FONT_SIZES_PX[-1], 18
LINE_WIDTH_MIN, LINE_WIDTH_MAX, LINE_WIDTH_DEFAULT = 40, 120, 70  # characters per line
LINE_SPACING_MIN, LINE_SPACING_MAX, LINE_SPACING_DEFAULT = 1.0, 2.4, 1.5

SETTINGS_GROUP = "reading"
# Characters per line are counted on ordinary prose, not on the font's declared average
# width (which counts wide glyphs from scripts the text never uses and makes lines short).
MEASURE_SAMPLE = "the quick brown fox jumps over a lazy dog, Then Sphinx Of Black Quartz."


@dataclass(frozen=True)
class ReadingStyle:
    """How the article text looks. ``font_family`` is "serif", "sans" or a face name."""

    theme: str = "light"
    font_family: str = SERIF
    font_size: int = FONT_SIZE_DEFAULT
    line_width_chars: int = LINE_WIDTH_DEFAULT
    line_spacing: float = LINE_SPACING_DEFAULT
    justify: bool = False

    def normalized(self) -> ReadingStyle:
        """The same style with every field inside its allowed range."""
        return ReadingStyle(
            theme=self.theme if self.theme in THEMES else "light",
            font_family=(self.font_family or SERIF).strip() or SERIF,
            font_size=_clamp_int(self.font_size, FONT_SIZE_MIN, FONT_SIZE_MAX, FONT_SIZE_DEFAULT),
            line_width_chars=_clamp_int(
                self.line_width_chars, LINE_WIDTH_MIN, LINE_WIDTH_MAX, LINE_WIDTH_DEFAULT
            ),
            line_spacing=round(
                _clamp_float(
                    self.line_spacing, LINE_SPACING_MIN, LINE_SPACING_MAX, LINE_SPACING_DEFAULT
                ),
                2,
            ),
            justify=bool(self.justify),
        )

    def with_font_size(self, size: int) -> ReadingStyle:
        return replace(self, font_size=size).normalized()

    def bigger(self) -> ReadingStyle:
        """The next size step up (the + and Ctrl+= keys)."""
        larger = [size for size in FONT_SIZES_PX if size > self.font_size]
        return self.with_font_size(larger[0] if larger else FONT_SIZE_MAX)

    def smaller(self) -> ReadingStyle:
        smaller = [size for size in FONT_SIZES_PX if size < self.font_size]
        return self.with_font_size(smaller[-1] if smaller else FONT_SIZE_MIN)

    def default_size(self) -> ReadingStyle:
        return self.with_font_size(FONT_SIZE_DEFAULT)

    def resolved_theme(self) -> str:
        """light, sepia or dark: "system" is answered by the desktop's colour scheme."""
        if self.theme != "system":
            return self.theme
        return "dark" if system_prefers_dark() else "light"

    def view_style(self) -> ViewStyle:
        """What the reading view and its workers parse documents with (theme resolved)."""
        from reader.ui.reading.themes import ViewStyle

        return ViewStyle(
            theme=self.resolved_theme(),
            font_px=self.font_size,
            family=self.font_family,
            measure_chars=self.line_width_chars,
            line_spacing=self.line_spacing,
            justify=self.justify,
        )

    def theme_font_key(self) -> str | None:
        """The theme variable holding the stack for a generic face ("body-font" for serif,
        "ui-font" for sans), or None when the person picked a particular installed face."""
        return {SERIF: "body-font", SANS: "ui-font"}.get(self.font_family)

    def css_font_family(self) -> str:
        """A CSS font-family value for the body text (a fallback stack for generic faces)."""
        if self.font_family in FONT_STACKS:
            return FONT_STACKS[self.font_family]
        name = self.font_family.replace("\\", "").replace("'", "").replace('"', "")
        return f"'{name}', serif"


def prose_char_width(font: QFont) -> float:
    """Average advance of a character of running text in ``font``, in pixels."""
    return QFontMetricsF(font).horizontalAdvance(MEASURE_SAMPLE) / len(MEASURE_SAMPLE)


def column_width_px(style: ReadingStyle, font: QFont) -> int:
    """The text column for ``style.line_width_chars`` characters of ``font``."""
    return round(prose_char_width(font) * style.line_width_chars)


def system_prefers_dark() -> bool:
    """Whether the desktop asks for dark colours (Qt 6.5+ colour scheme, else the palette)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    window = QGuiApplication.palette().window().color()
    return window.lightness() < 128


def load_style(settings: QSettings | None = None) -> ReadingStyle:
    """The saved style, or the defaults; bad or foreign values never raise."""
    settings = settings or QSettings()
    default = ReadingStyle()
    settings.beginGroup(SETTINGS_GROUP)
    try:
        style = ReadingStyle(
            theme=str(settings.value("theme", default.theme)),
            font_family=str(settings.value("font_family", default.font_family)),
            font_size=_as_int(settings.value("font_size"), default.font_size),
            line_width_chars=_as_int(settings.value("line_width_chars"), default.line_width_chars),
            line_spacing=_as_float(settings.value("line_spacing"), default.line_spacing),
            justify=_as_bool(settings.value("justify"), default.justify),
        )
    finally:
        settings.endGroup()
    return style.normalized()


def save_style(style: ReadingStyle, settings: QSettings | None = None) -> None:
    settings = settings or QSettings()
    style = style.normalized()
    settings.beginGroup(SETTINGS_GROUP)
    settings.setValue("theme", style.theme)
    settings.setValue("font_family", style.font_family)
    settings.setValue("font_size", style.font_size)
    settings.setValue("line_width_chars", style.line_width_chars)
    settings.setValue("line_spacing", style.line_spacing)
    settings.setValue("justify", style.justify)
    settings.endGroup()
    settings.sync()


# The values below are what QSettings.value gives (Any: whatever the settings file holds);
# each is converted here, with a default for what does not convert.


def _as_int(value: Any, default: int) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def _as_float(value: Any, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _as_bool(value: Any, default: bool) -> bool:
    # QSettings' INI backend gives booleans back as the strings "true"/"false".
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(value, int | float):
        return bool(value)
    return default


def _clamp_int(value: Any, low: int, high: int, default: int) -> int:
    number = _as_int(value, default)
    return max(low, min(high, number))


def _clamp_float(value: Any, low: float, high: float, default: float) -> float:
    number = _as_float(value, default)
    if number != number:  # NaN
        return default
    return max(low, min(high, number))
