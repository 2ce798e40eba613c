"""The quiet frame a picture that was not saved shows as: the page's shape, not its words.

A rounded panel in the theme's code-background colour with a thin rule-coloured edge and,
when there is room, a small landscape mark in the middle (reader.service.shaping writes the
``reader-missing:WxH`` source; the view asks for it here).
"""

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF

from reader.service.shaping import MISSING_IMAGE  # the source shaping gives a frame
from reader.ui.reading import themes

MARK_MIN_PX = 40  # frames smaller than this (icons in a table) stay plain
RADIUS_PX = 4


def frame_size(name: str) -> tuple[int, int] | None:
    """(width, height) from "reader-missing:320x110"; None for any other name."""
    if not name.startswith(MISSING_IMAGE):
        return None
    width, _, height = name[len(MISSING_IMAGE) :].partition("x")
    if not (width.isdigit() and height.isdigit()):
        return None
    return max(1, min(int(width), 4000)), max(1, min(int(height), 4000))


def draw_frame(width: int, height: int, theme_name: str, ratio: float = 1.0) -> QImage:
    """The frame at ``width`` x ``height`` logical pixels (``ratio``: device pixel ratio)."""
    theme = themes.load_theme(theme_name)
    image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(0.5, 0.5, width - 1, height - 1)
    painter.setPen(QPen(theme.color("rule"), 1))
    painter.setBrush(theme.color("code-background"))
    painter.drawRoundedRect(box, RADIUS_PX, RADIUS_PX)
    if min(width, height) >= MARK_MIN_PX:
        _mark(painter, box, theme.color("muted"))
    painter.end()
    return image


def _mark(painter: QPainter, box: QRectF, color: QColor) -> None:
    """A small landscape (a sun over two hills), the usual sign for "a picture"."""
    size = min(box.width(), box.height()) * 0.32
    left, top = box.center().x() - size / 2, box.center().y() - size / 2
    faint = QColor(color)
    faint.setAlpha(110)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(faint)
    hills = QPolygonF(
        [
            QPointF(left, top + size),
            QPointF(left + size * 0.35, top + size * 0.45),
            QPointF(left + size * 0.6, top + size * 0.75),
            QPointF(left + size * 0.75, top + size * 0.6),
            QPointF(left + size, top + size),
        ]
    )
    path = QPainterPath()
    path.addPolygon(hills)
    painter.drawPath(path)
    painter.drawEllipse(QPointF(left + size * 0.78, top + size * 0.2), size * 0.11, size * 0.11)
