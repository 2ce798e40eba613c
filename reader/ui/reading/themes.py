"""Themes: CSS files in resources/themes/ become a document stylesheet and a widget palette.

Qt's rich-text CSS has no custom properties and no relative units worth trusting, so the
files are written as ordinary CSS with ``var(--name)`` and ``em`` and resolved here: one
place decides colours (the theme file) and one place decides rhythm (base.css).
"""

import re
from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QColor, QPalette

from reader import bundled

THEMES = ("light", "sepia", "dark")
DEFAULT_THEME = "light"
# Body text size in pixels; steps chosen so every size is a whole pixel.
DEFAULT_FONT_PX = 18
FONT_SIZES_PX = (12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 24, 26, 28, 32, 36)

# Line spacing as the Preferences dialog counts it (1.5 = base.css's rhythm as written).
BASE_LINE_SPACING = 1.5
DEFAULT_MEASURE_CHARS = 70
# base.css line heights (percent) that the line spacing setting scales.
_LINE_HEIGHTS = {"p": 155, "li": 150}
GENERIC_FONT_KEYS = {"serif": "body-font", "sans": "ui-font"}

_ROOT_BLOCK = re.compile(r":root\s*\{(.*?)\}", re.S)
_VARIABLE = re.compile(r"(--[\w-]+)\s*:\s*([^;]+);")
_VAR_USE = re.compile(r"var\((--[\w-]+)\)")
_EM_LENGTH = re.compile(r"(?<![\w.-])(\d+(?:\.\d+)?)em\b")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


class Theme:
    """A theme's name and its ``--variables`` (colours and font stacks), without the dashes."""

    def __init__(self, name: str, colors: dict[str, str]) -> None:
        self.name = name
        self.colors = colors

    def color(self, name: str) -> QColor:
        return QColor(self.colors.get(name, "#808080"))


def _read(name: str) -> str:
    return _COMMENT.sub("", bundled.read_text("themes", name))


def _variables(css: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for block in _ROOT_BLOCK.findall(css):
        for name, value in _VARIABLE.findall(block):
            found[name] = " ".join(value.split())
    return found


@cache
def load_theme(name: str) -> Theme:
    """The theme's colours plus the shared font stacks, as ``--name -> value``."""
    if name not in THEMES:
        name = DEFAULT_THEME
    variables = {**_variables(_read("fonts.css")), **_variables(_read(f"{name}.css"))}
    colors = {key[2:]: value for key, value in variables.items()}
    return Theme(name, colors)


def font_families(theme: Theme, key: str = "body-font") -> list[str]:
    """A CSS font stack as a list of family names (for QFont.setFamilies)."""
    stack = theme.colors.get(key, "serif")
    return [part.strip().strip("\"'") for part in stack.split(",") if part.strip()]


@cache
def document_css(name: str, font_px: int) -> str:
    """base.css with the theme's variables filled in and em lengths turned into pixels."""
    theme = load_theme(name)
    css = _ROOT_BLOCK.sub("", _read("base.css"))

    def variable(match: re.Match[str]) -> str:
        return theme.colors.get(match.group(1)[2:], "inherit")

    def pixels(match: re.Match[str]) -> str:
        return f"{round(float(match.group(1)) * font_px)}px"

    css = _VAR_USE.sub(variable, css)
    css = _EM_LENGTH.sub(pixels, css)
    return f"body {{ font-size: {font_px}px; }}\n{css}"


def palette(theme: Theme, base: QPalette) -> QPalette:
    """A widget palette matching the document, so scroll areas and menus agree with the page."""
    result = QPalette(base)
    background = theme.color("background")
    text = theme.color("text")
    sidebar = theme.color("sidebar")
    roles = {
        QPalette.ColorRole.Window: sidebar,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: background,
        QPalette.ColorRole.AlternateBase: theme.color("card"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: sidebar,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.Highlight: theme.color("selection"),
        QPalette.ColorRole.HighlightedText: text,
        QPalette.ColorRole.Link: theme.color("link"),
        QPalette.ColorRole.PlaceholderText: theme.color("muted"),
        QPalette.ColorRole.ToolTipBase: theme.color("card"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Mid: theme.color("card-border"),
    }
    for role, color in roles.items():
        result.setColor(QPalette.ColorGroup.All, role, color)
    # Visible focus: the focused list shows the strong selection colour, a list without
    # focus a quiet one (the "inactive" group), in every theme.
    result.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, theme.color("rule"))
    disabled = QColor(theme.color("muted"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        result.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return result


@dataclass(frozen=True)
class ViewStyle:
    """Everything the reading view's look depends on (theme already resolved: no "system").

    ``family`` is "serif", "sans" (the theme's stacks) or an installed face name.
    """

    theme: str = DEFAULT_THEME
    font_px: int = DEFAULT_FONT_PX
    family: str = "serif"
    measure_chars: int = DEFAULT_MEASURE_CHARS
    line_spacing: float = BASE_LINE_SPACING
    justify: bool = False

    def key(self) -> str:
        """A plain string naming the style (kept on documents parsed with it)."""
        return repr(self)

    def families(self) -> list[str]:
        theme = load_theme(self.theme)
        key = GENERIC_FONT_KEYS.get(self.family)
        if key is not None:
            return font_families(theme, key)
        return [self.family, *font_families(theme)]


@cache
def view_css(style: ViewStyle) -> str:
    """document_css plus the person's line spacing, justification and body face."""
    css = document_css(style.theme, style.font_px)
    extra = []
    scale = style.line_spacing / BASE_LINE_SPACING
    if abs(scale - 1.0) > 1e-3:
        for tag, percent in _LINE_HEIGHTS.items():
            extra.append(f"{tag} {{ line-height: {round(percent * scale)}%; }}")
    if style.justify:
        extra.append("p { text-align: justify; }")
    if style.family != "serif":
        stack = ", ".join(f"'{name}'" if " " in name else name for name in style.families())
        extra.append(f"body, h1, h2, h3, h4, h5, h6 {{ font-family: {stack}; }}")
    return css + ("\n" + "\n".join(extra) if extra else "")
