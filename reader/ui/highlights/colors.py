"""The four highlight colours as each theme draws them.

The shades live in the theme files (``--highlight-yellow``...), chosen so that every text
colour of the theme keeps WCAG's 4.5:1 contrast on them (muted text 3:1) and each stands
apart from the page and from the selection; tests/gui/test_highlight_colors.py measures it.
"""

from PySide6.QtGui import QColor

from reader.ui.reading import themes


def highlight_color(theme: str, color: str) -> QColor:
    """The shade of highlight ``color`` in ``theme`` ("light", "sepia", "dark")."""
    return themes.load_theme(theme).color(f"highlight-{color}")
