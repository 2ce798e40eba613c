"""A segmented switch between the sidebar's modes, painted from the palette.

Real checkable buttons (focus, Tab, Space, screen readers) drawn as one rounded control:
the chosen segment takes the card colour and bold text, the other stays quiet. Painted by
hand rather than with a style sheet, so a theme change repaints it in the new colours.
"""

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

RADIUS = 6.0
PAD_X = 12  # text to segment edge
PAD_Y = 6
STEP_KEYS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}


class SegmentButton(QToolButton):
    """One segment; ``first``/``last`` say which corners are rounded."""

    def __init__(self, label: str, first: bool, last: bool) -> None:
        super().__init__()
        self.setText(label)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.first = first
        self.last = last

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)  # measured bold, so checking never resizes
        return font

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self._font())
        return QSize(
            metrics.horizontalAdvance(self.text()) + 2 * PAD_X, metrics.height() + 2 * PAD_Y
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        if not self.last:
            rect.setRight(rect.right() + 0.5)  # the next segment draws the shared edge
        path = _segment_path(rect, self.first, self.last)
        checked = self.isChecked()
        if checked:
            painter.fillPath(path, palette.color(palette.ColorRole.AlternateBase))
        border = palette.color(palette.ColorRole.Mid)
        if self.hasFocus():
            border = palette.color(palette.ColorRole.Link)
        painter.setPen(QPen(border, 1.5 if self.hasFocus() else 1.0))
        painter.drawPath(path)
        font = self._font() if checked else QFont(self.font())
        painter.setFont(font)
        hovered = self.underMouse()
        role = palette.ColorRole.Text if checked or hovered else palette.ColorRole.PlaceholderText
        painter.setPen(palette.color(role))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.text())
        painter.end()


def _segment_path(rect: QRectF, first: bool, last: bool) -> QPainterPath:
    """A rectangle with its outer corners rounded."""
    path = QPainterPath()
    if first and last:
        path.addRoundedRect(rect, RADIUS, RADIUS)
        return path
    r = RADIUS
    left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
    path.moveTo(left + (r if first else 0), top)
    path.lineTo(right - (r if last else 0), top)
    if last:
        path.arcTo(QRectF(right - 2 * r, top, 2 * r, 2 * r), 90, -90)
    path.lineTo(right, bottom - (r if last else 0))
    if last:
        path.arcTo(QRectF(right - 2 * r, bottom - 2 * r, 2 * r, 2 * r), 0, -90)
    path.lineTo(left + (r if first else 0), bottom)
    if first:
        path.arcTo(QRectF(left, bottom - 2 * r, 2 * r, 2 * r), 270, -90)
    path.lineTo(left, top + (r if first else 0))
    if first:
        path.arcTo(QRectF(left, top, 2 * r, 2 * r), 180, -90)
    path.closeSubpath()
    return path


class ModeSwitch(QWidget):
    """Segments for ``modes`` (id -> label); Left/Right or a click choose, Tab reaches it."""

    mode_selected = Signal(str)

    def __init__(self, modes: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebarModes")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, SegmentButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        last = len(modes) - 1
        for position, (mode, label) in enumerate(modes.items()):
            button = SegmentButton(label, first=position == 0, last=position == last)
            button.setAccessibleName(label)
            button.clicked.connect(lambda _=False, m=mode: self.mode_selected.emit(m))
            self.group.addButton(button)
            self.buttons[mode] = button
            layout.addWidget(button, 1)
        next(iter(self.buttons.values())).setChecked(True)

    def set_mode(self, mode: str) -> None:
        self.buttons[mode].setChecked(True)

    def mode(self) -> str:
        return next(m for m, b in self.buttons.items() if b.isChecked())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = STEP_KEYS.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        modes = list(self.buttons)
        index = max(0, min(len(modes) - 1, modes.index(self.mode()) + step))
        self.buttons[modes[index]].setFocus()
        self.mode_selected.emit(modes[index])
