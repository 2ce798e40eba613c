"""Highlights are legible in every theme: each text colour keeps WCAG AA contrast on each
of the four highlight shades (4.5:1; muted captions 3:1), and a highlight stands apart from
the page and from the selection (CIE76 colour difference)."""

import pytest
from PySide6.QtGui import QColor

from reader.highlights.colors import COLORS
from reader.ui.highlights.colors import highlight_color
from reader.ui.reading import themes

TEXT_ROLES = ("text", "heading", "link", "quote", "code")
BODY_CONTRAST = 4.5  # WCAG 2 AA for body text
MUTED_CONTRAST = 3.0  # WCAG 2 AA for large or secondary text
APART_FROM_PAGE = 15.0  # CIE76 ΔE: clearly another colour at a glance
APART_FROM_SELECTION = 10.0  # a selection inside a highlight still shows


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2's contrast ratio, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(color: QColor) -> float:
    r, g, b = (linear(c) for c in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def lab(color: QColor) -> tuple[float, float, float]:
    r, g, b = (linear(c) for c in (color.redF(), color.greenF(), color.blueF()))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def difference(first: QColor, second: QColor) -> float:
    return sum((a - b) ** 2 for a, b in zip(lab(first), lab(second), strict=True)) ** 0.5


@pytest.mark.parametrize("theme", themes.THEMES)
@pytest.mark.parametrize("color", COLORS)
def test_text_stays_legible_on_every_highlight(theme: str, color: str) -> None:
    palette = themes.load_theme(theme)
    shade = highlight_color(theme, color)
    assert shade.name() == palette.colors[f"highlight-{color}"]  # the theme file says it
    for role in TEXT_ROLES:
        ratio = contrast_ratio(palette.color(role), shade)
        assert ratio >= BODY_CONTRAST, f"{role} on {color} in {theme}: {ratio:.2f}"
    assert contrast_ratio(palette.color("muted"), shade) >= MUTED_CONTRAST
    assert difference(palette.color("background"), shade) >= APART_FROM_PAGE
    assert difference(palette.color("selection"), shade) >= APART_FROM_SELECTION


@pytest.mark.parametrize("theme", themes.THEMES)
def test_the_four_colours_are_told_apart(theme: str) -> None:
    shades = [highlight_color(theme, color) for color in COLORS]
    for index, first in enumerate(shades):
        for second in shades[index + 1 :]:
            assert difference(first, second) >= APART_FROM_PAGE


def test_the_measures_are_wcag_s() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    assert contrast_ratio(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)
    assert difference(QColor("#ffffff"), QColor("#000000")) == pytest.approx(100.0, abs=0.1)
