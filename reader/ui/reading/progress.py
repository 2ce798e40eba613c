"""Reading progress: a hairline bar over the article and "N min left" for the status bar.

Progress is the scroll fraction of the reading view; minutes left are the article's
reading time times what is still below. The bar paints itself (no QProgressBar chrome) so
it stays a crisp line at any device pixel ratio. ``end_reached`` fires once per article
when the reader gets to the end, which is when the library counts it as read.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QWidget

from reader.ui.plain_text import plain_label

BAR_HEIGHT_PX = 3
# Within this fraction of the end counts as the end: the last lines of a long article can
# sit above the bottom padding and never scroll fully out.
END_FRACTION = 0.985


def minutes_left(reading_minutes: float, fraction: float) -> int:
    """Whole minutes still to read, rounded; the last stretch says 1, never 0."""
    fraction = max(0.0, min(1.0, fraction))
    if fraction >= END_FRACTION or reading_minutes <= 0:
        return 0
    return max(1, math.floor(reading_minutes * (1.0 - fraction) + 0.5))


def minutes_left_text(reading_minutes: float, fraction: float) -> str:
    if reading_minutes <= 0:
        return ""
    left = minutes_left(reading_minutes, fraction)
    if left == 0:
        return "Finished"
    return f"{left} min left"


def scroll_fraction(scrollbar: QScrollBar) -> float:
    """0.0 at the top, 1.0 at the bottom; a text that fits the window is read at a glance."""
    span = scrollbar.maximum() - scrollbar.minimum()
    if span <= 0:
        return 1.0
    return (scrollbar.value() - scrollbar.minimum()) / span


class ReadingProgress(QWidget):
    """The thin bar; ``minutes_label`` is a separate QLabel for the status bar."""

    fraction_changed = Signal(float)
    end_reached = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingProgress")
        self.setAccessibleName("Reading progress")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFixedHeight(BAR_HEIGHT_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fraction = 0.0
        self._reading_minutes = 0.0
        self._end_sent = False
        self._scrollbar: QScrollBar | None = None
        # (bar with the keyboard in the article, bar without, track); None: the palette
        self._colors: tuple[QColor, QColor, QColor] | None = None
        self._active = True
        self.minutes_label = plain_label()
        self.minutes_label.setObjectName("minutesLeft")
        self.minutes_label.setAccessibleName("Reading time left")
        self._update_label()

    # -- inputs -----------------------------------------------------------------------

    def attach(self, scrollbar: QScrollBar) -> None:
        """Follow a reading view's vertical scroll bar."""
        if self._scrollbar is not None:
            self._scrollbar.valueChanged.disconnect(self._on_scroll)
            self._scrollbar.rangeChanged.disconnect(self._on_range)
        self._scrollbar = scrollbar
        scrollbar.valueChanged.connect(self._on_scroll)
        scrollbar.rangeChanged.connect(self._on_range)
        self._follow()

    def start_article(self, reading_minutes: float, fraction: float | None = None) -> None:
        """A new article is shown: reset the end signal and take its reading time."""
        self._reading_minutes = max(0.0, float(reading_minutes))
        self._end_sent = False
        if fraction is not None:
            self.set_fraction(fraction)
        elif self._scrollbar is not None:
            self._follow()
        else:
            self.set_fraction(0.0)
        self._update_label()

    def set_fraction(self, fraction: float) -> None:
        fraction = max(0.0, min(1.0, float(fraction)))
        changed = abs(fraction - self._fraction) > 1e-6
        self._fraction = fraction
        if changed:
            self.update()
            self._update_label()
            self.fraction_changed.emit(fraction)
        if fraction >= END_FRACTION and not self._end_sent and self._reading_minutes > 0:
            self._end_sent = True
            self.end_reached.emit()

    def set_colors(self, active: QColor, inactive: QColor, track: QColor) -> None:
        """The theme's colours: its accent while the article has the keyboard, a quiet one
        otherwise, on a hairline track. (The palette's Highlight is the pale selection blue,
        which all but vanishes on paper-white and sepia.)"""
        self._colors = (QColor(active), QColor(inactive), QColor(track))
        self.update()

    def set_active(self, active: bool) -> None:
        """Whether the article has the keyboard: the bar is the reading view's focus mark."""
        if active != self._active:
            self._active = active
            self.update()

    def is_active(self) -> bool:
        return self._active

    # -- outputs ----------------------------------------------------------------------

    def fraction(self) -> float:
        return self._fraction

    def minutes_left(self) -> int:
        return minutes_left(self._reading_minutes, self._fraction)

    def text(self) -> str:
        return self.minutes_label.text()

    # -- internals --------------------------------------------------------------------

    def _on_scroll(self, _value: int) -> None:
        self._follow()

    def _on_range(self, _low: int, _high: int) -> None:
        self._follow()

    def _follow(self) -> None:
        if self._scrollbar is not None:
            self.set_fraction(scroll_fraction(self._scrollbar))

    def _update_label(self) -> None:
        text = minutes_left_text(self._reading_minutes, self._fraction)
        self.minutes_label.setText(text)
        percent = f"{round(self._fraction * 100)}% read"
        self.setAccessibleDescription(percent)
        self.setToolTip(f"{percent} · {text}" if text else percent)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if self._colors is not None:
            active, inactive, track = self._colors
            fill = active if self._active else inactive
        else:
            palette = self.palette()
            fill = palette.color(QPalette.ColorRole.Highlight)
            track = palette.color(QPalette.ColorRole.Mid)
            track.setAlphaF(0.35)
        painter.fillRect(self.rect(), track)
        width = self.width() * self._fraction
        if width > 0:
            painter.fillRect(QRectF(0, 0, width, self.height()), fill)
        painter.end()
