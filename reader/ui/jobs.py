"""The work behind "open": load, extract, save, render, decode images. Runs in a worker.

Each job returns an ``Opened`` value that the window can show without further I/O: the
rendered HTML, the images already decoded (QImage is safe off the GUI thread) and the
sidebar's stories. Heavy modules (lxml, readability, the store) are imported here, inside
functions, so the window paints before any of them loads.

Every job opens its own Library connection: SQLite connections belong to one thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage, QImageReader, QTextDocument

from reader.model import Article
from reader.paths import resources_dir
from reader.ui.sidebar import StoryItem
from reader.ui.themes import ViewStyle

if TYPE_CHECKING:
    from reader.model import Page
    from reader.store import Library

log = logging.getLogger(__name__)

Style = ViewStyle  # the style the document is parsed with

SAMPLE_PAGE = "welcome.html"
# Images are decoded at most this wide: enough for a HiDPI column, and a 6000 px photo
# would otherwise cost ~100 MB of pixels.
MAX_IMAGE_WIDTH = 1800


@dataclass(frozen=True)
class Opened:
    """Everything the window needs to show an article."""

    article: Article
    html: str
    article_id: int | None = None
    source: str | None = None  # what the user opened; None when reopened from the library
    stories: tuple[StoryItem, ...] = ()
    images: dict[str, QImage] = field(default_factory=dict)
    save_error: str | None = None  # the article shows even when the library failed
    document: QTextDocument | None = None  # parsed off the GUI thread for the view
    position: str | None = None  # the saved reading position ("block:offset")

    @property
    def words(self) -> int:
        return self.article.word_count


def sample_path() -> Path:
    return resources_dir() / "sample" / SAMPLE_PAGE


@contextmanager
def _library() -> Iterator[Library]:
    from reader.store import Library

    library = Library()
    try:
        yield library
    finally:
        library.close()


def _origin(source: str) -> str | None:
    from reader.load import is_url

    return None if is_url(source) else str(Path(source).expanduser().resolve())


@dataclass
class FetchOptions:
    """How a URL is fetched from the window: Esc's cancel flag, a progress callback (called
    on the worker), and a login typed into the 401 prompt (None: the stored one, if any)."""

    cancel: Any = None  # threading.Event
    progress: Callable[[int, int | None], None] | None = None
    credentials: Any = None
    allow_http_login: bool = False


def fetch_article(url: str, options: FetchOptions) -> Article:
    """Fetch, extract, then download the images the article shows (never fatal)."""
    from reader.errors import ReaderError
    from reader.extract import extract
    from reader.load.fetch import STORED, FetchCancelled, fetch_page
    from reader.load.images import with_images

    page: Page = fetch_page(
        url,
        credentials=options.credentials if options.credentials is not None else STORED,
        allow_http_login=options.allow_http_login,
        cancel=options.cancel,
        progress=options.progress,
    )
    article = extract(page)
    try:
        article = with_images(article, cancel=options.cancel)
    except FetchCancelled:
        raise
    except ReaderError as error:  # a failed image leaves a placeholder, never the article
        log.info("images not downloaded: %s", error)
    if options.cancel is not None and options.cancel.is_set():
        raise FetchCancelled("stopped")
    return article


def open_source(
    source: str,
    *,
    save: bool = True,
    style: Style | None = None,
    fetch: FetchOptions | None = None,
) -> Opened:
    """Load (or fetch), extract and save one file or URL, then render it."""
    from reader.errors import ReaderError
    from reader.extract import extract
    from reader.load import is_url, load

    if fetch is not None and is_url(source):
        article = fetch_article(source, fetch)
    else:
        article = extract(load(source))
    article_id: int | None = None
    stored_stories: list[Any] = []
    save_error = None
    if save:
        try:
            with _library() as library:
                article_id = library.save(article, origin=_origin(source))
                position = library.article(article_id).position
                library.mark_opened(article_id)
                stored_stories = library.stories(article_id)
                return _prepare(
                    article, article_id, library, stored_stories, source, style, None, position
                )
        except ReaderError as error:
            save_error = str(error)
            log.warning("not saved to the library: %s", error)
    return _prepare(article, article_id, None, stored_stories, source, style, save_error)


def open_stored(article_id: int, style: Style | None = None) -> Opened:
    """An article from the library (the last one read, a story already saved...)."""
    with _library() as library:
        stored = library.article(article_id)
        library.mark_opened(article_id)
        stories = library.stories(article_id)
        return _prepare(
            stored.article, article_id, library, stories, None, style, None, stored.position
        )


def open_start(style: Style | None = None) -> Opened | None:
    """What the window shows at start: the last article read, or the sample when empty."""
    with _library() as library:
        last = library.last_opened()
        if last is not None:
            stored = library.article(last)
            stories = library.stories(last)
            return _prepare(
                stored.article, last, library, stories, None, style, None, stored.position
            )
        empty = library.count("all") == 0
    if empty and sample_path().is_file():
        return open_source(str(sample_path()), style=style)
    return None


def _prepare(
    article: Article,
    article_id: int | None,
    library: Library | None,
    stored_stories: list[Any],
    source: str | None,
    style: Style | None,
    save_error: str | None = None,
    position: str | None = None,
) -> Opened:
    from reader.ui.reading_view import build_document
    from reader.ui.render import render_article

    in_memory = {asset.url: asset.data for asset in article.assets}
    images: dict[str, QImage] = {}

    def image_size(src: str) -> tuple[int, int] | None:
        if src in images:
            return images[src].width(), images[src].height()
        if src.startswith("data:"):
            return _data_image(src, images)
        data = None
        if library is not None and article_id is not None:
            found = library.asset(article_id, src)
            data = found[1] if found else None
        if data is None:
            data = in_memory.get(src)
        image = decode_image(data) if data else None
        if image is None:
            return None
        images[src] = image
        return image.width(), image.height()

    rendered = render_article(article, image_size)
    used = {src: images[src] for src in rendered.images if src in images}
    document = build_document(rendered.html, used, style) if style else None
    return Opened(
        article=article,
        html=rendered.html,
        article_id=article_id,
        source=source,
        stories=_story_items(article, stored_stories),
        images=used,
        save_error=save_error,
        document=document,
        position=position,
    )


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


def _story_items(article: Article, stored: list[Any]) -> tuple[StoryItem, ...]:
    if stored:
        return tuple(
            StoryItem(story=row.story, key=row, read=bool(getattr(row, "read", False)))
            for row in stored
        )
    return tuple(StoryItem(story=story) for story in article.recommended)


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
