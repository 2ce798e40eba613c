"""Decode an article's images within a memory budget, each size known before decoding.

A 238 KB PNG can hold 1700×36000 pixels (245 MB once decoded); thirty of them took the
window to 7.3 GB. So every image is decoded only after its header has told its size, to
at most the column's width in device pixels and MAX_IMAGE_PIXELS, and only while the
article's PIXEL budget lasts: the article shows with the images that fit, the others
become placeholders that say why. Formats Qt cannot decode scaled (PNG, GIF, WebP…) must
first be decoded whole, so those larger than MAX_FULL_DECODE_PIXELS are left out too.

The format is decided here from the bytes, never guessed by Qt: an SVG reaches Qt only
after reader.ui.reading.svg_check found it safe (and then in a helper process under a
time limit unless it is light), and unknown data is never decoded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

# Draws a costly SVG fitted into (widest, most pixels) under a time limit: the image, or
# why not (reader.ui.reading.svg_raster.SvgRasteriser.draw).
DrawSvg = Callable[[bytes, int, int], "QImage | str"]

# Widest decode: a 70-character column on a 2x screen, and what the view used before
# columns were measured. The caller usually passes the column's own width.
MAX_DECODE_WIDTH = 1800
# Budgets, so that the window stays under 300 MB with any page (measured, with a window
# of ~105 MB: the article's images, plus the one being decoded whole, fit in the rest).
MAX_IMAGE_PIXELS = 8_000_000  # 32 MB as ARGB: a tall infographic at column width
MAX_ARTICLE_PIXELS = 32_000_000  # 128 MB: two dozen photos at a 2x column, then smaller
MAX_FULL_DECODE_PIXELS = 16_000_000  # 64 MB: the transient whole image (PNG, GIF, WebP)
BYTES_PER_PIXEL = 4

# Media type (reader.load.sniff.image_type) -> the Qt plugin that may read it.
QT_FORMATS = {
    "image/png": b"png",
    "image/jpeg": b"jpeg",
    "image/gif": b"gif",
    "image/bmp": b"bmp",
    "image/x-icon": b"ico",
    "image/tiff": b"tiff",
    "image/webp": b"webp",
    "image/svg+xml": b"svg",
}


@dataclass
class PixelBudget:
    """What one article's images may still cost, in pixels."""

    left: int = MAX_ARTICLE_PIXELS

    def spend(self, image: QImage) -> None:
        self.left -= image.width() * image.height()


@dataclass(frozen=True)
class Decoded:
    """An image, or why it is not shown (``image`` None, ``reason`` a short phrase)."""

    image: QImage | None
    reason: str = ""


def decode_image(
    data: bytes,
    max_width: int = MAX_DECODE_WIDTH,
    budget: PixelBudget | None = None,
    draw_svg: DrawSvg | None = None,
) -> Decoded:
    """Decode ``data`` at most ``max_width`` pixels wide, within ``budget`` (spent here).
    An SVG that is not light is drawn by ``draw_svg`` under its time limit (or, without
    one, left out)."""
    qt_format = _qt_format(data)
    if qt_format is None:
        return Decoded(None, "not an image Reader can show")
    if qt_format == b"svg":
        from reader.ui.reading.svg_check import inspect_svg

        verdict = inspect_svg(data)
        if verdict.problem:
            return Decoded(None, verdict.problem)
        if not verdict.light:
            return _costly_svg(data, max_width, budget, draw_svg)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(qt_format))
    reader.setAutoDetectImageFormat(False)
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        return Decoded(None, "image size unknown")
    target = fitted_size(size.width(), size.height(), max_width)
    if budget is not None and target[0] * target[1] > budget.left:
        # late in a long photo essay: a smaller copy (at least half as wide), or none
        smaller = fitted_size(size.width(), size.height(), max_width, max(budget.left, 1))
        if smaller[0] < target[0] // 2:
            return Decoded(None, "over this article's image budget")
        target = smaller
    scales = reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize)
    if not scales and size.width() * size.height() > MAX_FULL_DECODE_PIXELS:
        return Decoded(None, "image too large")
    if target != (size.width(), size.height()):
        reader.setScaledSize(QSize(*target))
    image = reader.read()
    if image.isNull():
        return Decoded(None, "image could not be read")
    if budget is not None:
        budget.spend(image)
    return Decoded(image)


def _costly_svg(
    data: bytes, max_width: int, budget: PixelBudget | None, draw_svg: DrawSvg | None
) -> Decoded:
    if draw_svg is None:
        return Decoded(None, "SVG too costly to draw")
    drawn = draw_svg(data, max_width, MAX_IMAGE_PIXELS)
    if isinstance(drawn, str):
        return Decoded(None, drawn)
    if budget is not None:
        if drawn.width() * drawn.height() > budget.left:
            return Decoded(None, "over this article's image budget")
        budget.spend(drawn)
    return Decoded(drawn)


def fitted_size(
    width: int, height: int, max_width: int, max_pixels: int = MAX_IMAGE_PIXELS
) -> tuple[int, int]:
    """The size to decode at: no wider than ``max_width``, at most ``max_pixels``, with
    the aspect kept (a sliver stays at least a pixel thick)."""
    scale = min(1.0, max_width / width)
    if width * height * scale * scale > max_pixels:
        scale = (max_pixels / (width * height)) ** 0.5
    return max(1, int(width * scale)), max(1, int(height * scale))  # never above the limits


def _qt_format(data: bytes) -> bytes | None:
    from reader.load.sniff import image_type

    media_type = image_type(data)
    if media_type is None and data.lstrip()[:1] == b"<" and b"<svg" in data[:8192]:
        media_type = "image/svg+xml"  # a comment or doctype before the root element
    return QT_FORMATS.get(media_type or "")
