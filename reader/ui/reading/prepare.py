"""The window's half of opening: the application layer's Document made ready for the view.

The application layer (reader.service.reading) loads, extracts and saves; here, still in
the worker, the article is rendered for Qt's rich-text engine, its images decoded (QImage
is safe off the GUI thread) and the QTextDocument parsed, so the GUI thread only lays out.
Heavy modules (lxml, readability, the store) are imported inside functions, so the window
paints before any of them loads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage, QImageReader, QTextDocument

from reader.ui.reading.themes import ViewStyle

if TYPE_CHECKING:
    from concurrent.futures import Future

    from reader.model import Article
    from reader.service.reading import Document, FetchOptions, Writes

# Images are decoded at most this wide: enough for a HiDPI column, and a 6000 px photo
# would otherwise cost ~100 MB of pixels.
MAX_IMAGE_WIDTH = 1800


@dataclass(frozen=True)
class Prepared:
    """A Document ready for the reading view: its HTML, decoded images, parsed document."""

    document: Document
    html: str
    images: dict[str, QImage] = field(default_factory=dict)
    text_document: QTextDocument | None = None  # parsed off the GUI thread for the view


def open_job(
    source: str,
    writes: Writes,
    style: ViewStyle,
    fetch: FetchOptions | None = None,
    read: Future[Article] | None = None,
) -> Callable[[], Prepared]:
    """A worker's whole open of one source: read (or wait for ``read``, started earlier),
    keep, prepare for the view."""

    def work() -> Prepared:
        from reader.service import reading

        if read is None:
            return prepare(reading.open_source(source, writes, fetch=fetch), style)
        return prepare(reading.open_article(read.result(), source, writes), style)

    return work


def start_job(writes: Writes, style: ViewStyle) -> Callable[[], Prepared | None]:
    """A worker's open of what the window shows at start (the last article, or the sample)."""

    def work() -> Prepared | None:
        from reader.service import reading

        document = reading.open_start(writes)
        return None if document is None else prepare(document, style)

    return work


def prepare(document: Document, style: ViewStyle | None) -> Prepared:
    """Render the article, decode the images it shows, parse it for the view (``style``)."""
    from reader.ui.reading.reading_view import build_document
    from reader.ui.reading.render import render_article

    images: dict[str, QImage] = {}

    def image_size(src: str) -> tuple[int, int] | None:
        if src in images:
            return images[src].width(), images[src].height()
        if src.startswith("data:"):
            return _data_image(src, images)
        data = document.image(src)
        image = decode_image(data) if data else None
        if image is None:
            return None
        images[src] = image
        return image.width(), image.height()

    rendered = render_article(document.article, image_size)
    used = {src: images[src] for src in rendered.images if src in images}
    parsed = build_document(rendered.html, used, style) if style else None
    return Prepared(document, rendered.html, used, parsed)


def _data_image(src: str, images: dict[str, QImage]) -> tuple[int, int] | None:
    """Inline ``data:image/...;base64,`` images are part of the page itself."""
    import base64
    import binascii

    header, _, payload = src.partition(",")
    if not header.startswith("data:image/") or ";base64" not in header:
        return None
    try:
        image = decode_image(base64.b64decode(payload))
    except (binascii.Error, ValueError):
        return None
    if image is None:
        return None
    images[src] = image
    return image.width(), image.height()


def decode_image(data: bytes) -> QImage | None:
    """Decode stored bytes, scaled down when wider than MAX_IMAGE_WIDTH."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > MAX_IMAGE_WIDTH:
        height = round(size.height() * MAX_IMAGE_WIDTH / size.width())
        reader.setScaledSize(QSize(MAX_IMAGE_WIDTH, max(1, height)))
    image = reader.read()
    return None if image.isNull() else image
