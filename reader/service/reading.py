"""Opening one thing to read: a file or an address, a saved article, or what to show first.

``read_article`` loads (or fetches) and extracts, then fetches a web page's images; it
touches no library (``reader extract`` and the import workers stop there). ``open_source``
also keeps the article in the library (the same address or file is updated in place, see
reader.urls.source_origin), remembers it as opened, and returns a ``Document``: all a
reading view needs, with no further I/O. A library that cannot be written never hides the
article: it shows, with the reason.

Library work is handed to a ``Writes`` runner: the caller decides which connection and
thread run it (the CLI: its own Library, at once; the window: its library service's one
writer thread, so writes are serialized and never run on the GUI thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from reader import bundled
from reader.model import Article, Asset, Page, find_asset
from reader.urls import is_url, source_origin

if TYPE_CHECKING:
    from reader.logins import Credentials
    from reader.store import Library, StoredStory

log = logging.getLogger(__name__)

SAMPLE_PAGE = "welcome.html"
Progress = Callable[[int, int | None], None]
Extract = Callable[[Page], Article]
T = TypeVar("T")


class Writes(Protocol):
    """Runs library work that writes, on the connection and thread its owner chose."""

    def __call__(self, work: Callable[[Library], T], /) -> T: ...


class Read(Protocol):
    """Reads one file or address into an article (``read_article``, or the window's
    reader.service.read_child, which gives a big page a process of its own)."""

    def __call__(
        self, source: str, /, *, fetch: FetchOptions | None = ..., images: bool = ...
    ) -> Article: ...


class Direct:
    """Library work run at once, on the caller's thread and connection (CLI, imports)."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def __call__(self, work: Callable[[Library], T], /) -> T:
        return work(self.library)


@dataclass
class FetchOptions:
    """How an address is fetched: the window's Esc (``cancel``), a progress callback (called
    on the worker), a login typed into the 401 prompt (None: the stored one, if any)."""

    cancel: threading.Event | None = None
    progress: Progress | None = None
    credentials: Credentials | None = None
    allow_http_login: bool = False
    timeout: float | None = None

    def fetch(self, address: str, progress: Progress | None = None) -> Page:
        """``address`` fetched as these options say (the stored login unless one is given)."""
        from reader.load.fetch import STORED, fetch_page

        return fetch_page(
            address,
            timeout=self.timeout,
            credentials=self.credentials if self.credentials is not None else STORED,
            allow_http_login=self.allow_http_login,
            cancel=self.cancel,
            progress=progress,
        )


@dataclass(frozen=True)
class Document:
    """An article ready to show: what was read, where the library keeps it, its images.

    ``source`` is what the person opened (None when reopened from the library);
    ``stories`` are the library's rows for the article's stories (empty when not saved:
    then ``article.recommended`` is all there is); ``position`` is the saved reading
    position ("block:offset"); ``save_error`` says why the library did not keep it.
    """

    article: Article
    article_id: int | None = None
    source: str | None = None
    stories: tuple[StoredStory, ...] = ()
    assets: tuple[Asset, ...] = field(default=(), repr=False)
    position: str | None = None
    save_error: str | None = None

    @property
    def words(self) -> int:
        return self.article.word_count

    def image(self, src: str) -> bytes | None:
        """The stored bytes of an image the article shows (``src`` as the HTML has it, or
        resolved, or re-encoded), or None: the view shows a placeholder, never fetches."""
        found = find_asset(self.assets, src)
        return None if found is None else found.data


def sample_path() -> Path:
    """The bundled welcome article, shown when the library is empty."""
    return bundled.real_path("sample") / SAMPLE_PAGE  # the page and its _files folder


def is_sample(source: str) -> bool:
    try:
        return Path(source).resolve() == sample_path().resolve()
    except OSError:
        return False


def read_article(
    source: str,
    *,
    url: str | None = None,
    fetch: FetchOptions | None = None,
    images: bool = False,
    extract: Extract | None = None,
) -> Article:
    """Load or fetch ``source`` and extract its article; with ``images``, a fetched page's
    images come along (a failed image is left out, never fatal). ``url`` says where a saved
    file came from; ``extract`` turns the page into its article (by default here, with its
    site's rules). Raises ReaderError (FetchCancelled when ``fetch.cancel`` is set)."""
    if extract is None:
        from reader.service.site_rules import extract_page

        extract = extract_page

    if not is_url(source):
        from reader.load import load

        return extract(load(source, url=url))
    from reader.errors import FetchCancelled, ReaderError
    from reader.service.multipage import whole_article
    from reader.service.site_rules import rules_for

    options = fetch or FetchOptions()
    page = whole_article(options.fetch(source, options.progress), options.fetch, rules_for)
    article = extract(page)
    if images:
        from reader.service.images import with_images

        try:
            article = with_images(article, timeout=options.timeout, cancel=options.cancel)
        except FetchCancelled:
            raise
        except ReaderError as error:  # a failed image leaves a placeholder, never the article
            log.info("images not downloaded: %s", error)
    if options.cancel is not None and options.cancel.is_set():
        raise FetchCancelled("stopped")
    return article


def extract_article(data: bytes | str, url: str | None = None) -> Article:
    """The article of a page held in memory, for scripts: ``bytes`` are read exactly as
    ``reader extract FILE`` reads a saved file (format sniffed, charset as a browser finds
    it), ``str`` is taken as already decoded. ``url`` is where the page came from (links
    resolve against it). Raises ReaderError (one line: not a page, no article)."""
    from reader.errors import LoadError
    from reader.load.files import page_from_bytes, page_from_text
    from reader.service.site_rules import extract_page as extract

    source = url or "-"
    if not data.strip():
        raise LoadError("the page is empty")
    try:
        if isinstance(data, str):
            page = page_from_text(data, source, url)
        else:
            page = page_from_bytes(bytes(data), source, url)
    except (RecursionError, MemoryError):
        raise LoadError("too large or too deeply nested to read") from None
    return extract(page)


def open_source(
    source: str,
    writes: Writes | None,
    *,
    fetch: FetchOptions | None = None,
    read: Read = read_article,
) -> Document:
    """Read one file or address and keep it in the library (``writes`` None: do not keep)."""
    return open_article(read(source, fetch=fetch, images=True), source, writes)


def open_article(article: Article, source: str, writes: Writes | None) -> Document:
    """Keep an article read from ``source`` (``writes`` None: do not keep); a library that
    fails says why in the Document, and the article shows all the same."""
    from reader.errors import ReaderError

    if writes is None:
        return Document(article, source=source, assets=article.assets)
    try:
        return writes(lambda library: keep(library, article, source))
    except ReaderError as error:
        log.warning("not saved to the library: %s", error)
        return Document(article, source=source, assets=article.assets, save_error=str(error))


def keep(library: Library, article: Article, source: str) -> Document:
    """Save (or update) the article, mark it opened, and gather what the view shows."""
    from reader.service.highlighting import save_article

    saved = save_article(library, article, origin=source_origin(source), bundled=is_sample(source))
    article_id = saved.id
    position = library.article(article_id).position
    library.mark_opened(article_id)
    stories = tuple(library.stories(article_id))
    return Document(article, article_id, source, stories, article.assets, position)


def open_stored(library: Library, article_id: int) -> Document:
    """An article from the library (the last one read, a saved story...), marked opened.

    Writes (the opened mark): run it through the caller's ``Writes``."""
    stored = library.article(article_id)
    library.mark_opened(article_id)
    return _stored_document(library, article_id, stored.article, stored.position)


def open_start(writes: Writes) -> Document | None:
    """What the window shows at start: the last article read, or the sample when empty."""

    def last(library: Library) -> Document | bool:
        article_id = library.last_opened()
        if article_id is None:
            return library.count("all") == 0
        stored = library.article(article_id)
        return _stored_document(library, article_id, stored.article, stored.position)

    found = writes(last)
    if isinstance(found, Document):
        return found
    if found and sample_path().is_file():
        return open_source(str(sample_path()), writes)
    return None


def _stored_document(
    library: Library, article_id: int, article: Article, position: str | None
) -> Document:
    stories = tuple(library.stories(article_id))
    assets = tuple(library.article_assets(article_id))
    return Document(article, article_id, None, stories, assets, position)
