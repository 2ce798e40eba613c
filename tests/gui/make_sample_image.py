"""Draw resources/sample/welcome_files/reading-window.png: the sample article's figure.

A small illustration of Reader's window (a text column and story cards), drawn with
QPainter so the sample owes nothing to anybody: `python tests/gui/make_sample_image.py`.
"""

import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "resources" / "sample" / "welcome_files" / "reading-window.png"
WIDTH, HEIGHT = 1200, 660


def main() -> int:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    rng = random.Random(7)
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    sky = QLinearGradient(0, 0, WIDTH, HEIGHT)
    sky.setColorAt(0, QColor("#dfe9f3"))
    sky.setColorAt(1, QColor("#f6e7d3"))
    painter.fillRect(image.rect(), sky)

    window = QRectF(90, 70, WIDTH - 180, HEIGHT - 130)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 40))
    painter.drawRoundedRect(window.translated(0, 10), 16, 16)
    painter.setBrush(QColor("#fcfbf8"))
    painter.drawRoundedRect(window, 16, 16)
    painter.setBrush(QColor("#ece8e0"))
    painter.drawRoundedRect(QRectF(window.left(), window.top(), window.width(), 44), 16, 16)
    painter.drawRect(QRectF(window.left(), window.top() + 28, window.width(), 16))
    for index, color in enumerate(("#e86a5c", "#e8b45c", "#7cc36b")):
        painter.setBrush(QColor(color))
        painter.drawEllipse(QRectF(window.left() + 20 + index * 24, window.top() + 15, 14, 14))

    sidebar = QRectF(window.right() - 290, window.top() + 44, 290, window.height() - 44)
    painter.setBrush(QColor("#f1efea"))
    painter.drawRect(sidebar.adjusted(0, 0, 0, -16))
    painter.drawRoundedRect(sidebar, 16, 16)

    column = QRectF(window.left() + 120, window.top() + 96, 480, 0)
    painter.setBrush(QColor("#a23b2a"))
    painter.drawRoundedRect(QRectF(column.left(), column.top(), 90, 10), 4, 4)
    painter.setBrush(QColor("#1f1f1f"))
    y = column.top() + 30
    for width in (440, 300):
        painter.drawRoundedRect(QRectF(column.left(), y, width, 26), 6, 6)
        y += 40
    painter.setBrush(QColor("#b5b0a8"))
    painter.drawRoundedRect(QRectF(column.left(), y, 220, 10), 4, 4)
    y += 40
    painter.setBrush(QColor("#57534e"))
    for _paragraph in range(4):
        lines = rng.randint(3, 5)
        for line in range(lines):
            width = column.width() if line < lines - 1 else rng.randint(140, 380)
            painter.drawRoundedRect(QRectF(column.left(), y, width, 9), 4, 4)
            y += 22
        y += 16
        if y > window.bottom() - 40:
            break

    y = sidebar.top() + 28
    for card in range(4):
        rect = QRectF(sidebar.left() + 22, y, sidebar.width() - 44, 96)
        painter.setBrush(QColor("#ffffff"))
        painter.setPen(QColor("#e0ddd5"))
        painter.drawRoundedRect(rect, 10, 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#2b2b2b"))
        painter.drawRoundedRect(QRectF(rect.left() + 16, rect.top() + 18, 170, 11), 5, 5)
        painter.setBrush(QColor("#9a958d"))
        painter.drawRoundedRect(QRectF(rect.left() + 16, rect.top() + 42, 200, 8), 4, 4)
        painter.drawRoundedRect(QRectF(rect.left() + 16, rect.top() + 58, 140, 8), 4, 4)
        painter.setBrush(QColor("#1a5fb4") if card == 2 else QColor("#c9c4bb"))
        painter.drawRoundedRect(QRectF(rect.left() + 16, rect.top() + 76, 60, 7), 3, 3)
        y += 114
    painter.end()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(OUT))
    print(OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
