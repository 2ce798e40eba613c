"""The window's half of opening: the application layer's Document made ready for the view.

The application layer (reader.service.reading) loads, extracts and saves; here, still in
the worker, the article is rendered for Qt's rich-text engine, its images decoded (QImage
is plain data, safe off the GUI thread) and a long article cut into chunks. The
QTextDocument itself is made on the GUI thread (document.py says why).
Heavy modules (lxml, readability, the store) are imported inside functions, so the window
paints before any of them loads; so is the image decoder, which the first story does not
need when the read-ahead child shaped it (it shows no pictures).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.ui.reading.chunks import Chunk

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from reader.service.reading import Document, Writes
    from reader.service.shaping import Rendered
    from reader.ui.reading.image_decode import Decoded


class PrepareCancelled(ReaderError):
    """The person moved on (Esc, another article): the rest of the work is dropped."""


@dataclass(frozen=True)
class Prepared:
    """A Document ready for the reading view: its HTML, decoded images, and the chunks a
    long article is parsed in (none: one parse)."""

    document: Document
    html: str
    images: dict[str, QImage] = field(default_factory=dict)
    chunks: tuple[Chunk, ...] = ()
    marks: tuple[str, ...] = ()  # starred, archived, tags: shown in the header


def marks_of(document: Document | None, writes: Writes) -> tuple[str, ...]:
    """The reader's marks on a saved article (starred, archived, tags), from the worker
    that prepares it (on the writer thread: after every change asked for before)."""
    from reader.ui.reading.render import article_marks

    if document is None or document.article_id is None:
        return ()
    article_id = document.article_id
    row = writes(lambda library: library.row(article_id))
    return article_marks(row.starred, row.archived, row.tags)


def prepare(
    document: Document,
    image_width: int | None = None,
    cancelled: Callable[[], bool] | None = None,
    marks: Sequence[str] = (),
    shape: Callable[[str], str] | None = None,
) -> Prepared:
    """Render the article, decode the images it shows (at most ``image_width`` device
    pixels wide, or the widest a picture is ever decoded; within one article's pixel
    budget), cut it into chunks if it is long.

    ``cancelled`` is asked between images: a cancelled open frees its worker at once.
    ``shape`` reworks the rendered page before it is parsed (the removed blocks' marks)."""
    from reader.ui.reading.chunks import chunks_for_view
    from reader.ui.reading.image_decode import MAX_DECODE_WIDTH, PixelBudget, decode_image
    from reader.ui.reading.render import render_article
    from reader.ui.reading.svg_raster import SvgRasteriser

    width = MAX_DECODE_WIDTH if image_width is None else image_width

    images: dict[str, QImage] = {}
    reasons: dict[str, str] = {}
    budget = PixelBudget()
    rasteriser = SvgRasteriser(cancelled)

    def image_size(src: str) -> tuple[int, int] | str | None:
        if cancelled is not None and cancelled():
            raise PrepareCancelled("stopped")
        if src in images:
            return images[src].width(), images[src].height()
        if src in reasons:
            return reasons[src]
        data = _inline_image(src) if src.startswith("data:") else document.image(src)
        if not data:
            return None
        decoded = decode_image(data, width, budget, rasteriser.draw)
        return _keep(src, decoded, images, reasons)

    try:
        rendered = render_article(document.article, image_size, marks=marks)
    finally:
        rasteriser.close()
    used = {src: images[src] for src in rendered.images if src in images}
    html = rendered.html if shape is None else shape(rendered.html)
    return Prepared(document, html, used, chunks_for_view(html), tuple(marks))


def prepare_shaped(document: Document, shaped: Rendered, marks: Sequence[str] = ()) -> Prepared:
    """``document`` with its story shaped already (a story with no pictures, shaped by the
    read-ahead child): the header goes above it, and there is nothing to decode."""
    from reader.ui.reading.chunks import chunks_for_view
    from reader.ui.reading.render import page_html

    html = page_html(document.article, shaped.html, marks=marks)
    return Prepared(document, html, {}, chunks_for_view(html), tuple(marks))


def _keep(
    src: str, decoded: Decoded, images: dict[str, QImage], reasons: dict[str, str]
) -> tuple[int, int] | str:
    if decoded.image is None:
        reasons[src] = decoded.reason
        return decoded.reason
    images[src] = decoded.image
    return decoded.image.width(), decoded.image.height()


def _inline_image(src: str) -> bytes | None:
    """The bytes of an inline ``data:image/...;base64,`` image (part of the page itself)."""
    import base64
    import binascii

    header, _, payload = src.partition(",")
    if not header.startswith("data:image/") or ";base64" not in header:
        return None
    try:
        return base64.b64decode(payload)
    except (binascii.Error, ValueError):
        return None
