"""A big page read in a child process, so its extraction never holds the window's GIL.

Extraction is Python and regular expressions over the whole page. In a worker thread of
the window it takes turns with the GUI thread for the GIL, and on a 1 MB page single steps
(a regular expression over all of it, a full garbage collection among its objects) held
the GIL 30-80 ms while the window waited (tests/benchmarks/responsiveness.py). A child
process (reader.service.child_process) has a GIL of its own. Starting one costs ~0.3 s,
so only a page of BIG_PAGE_CHARS or more goes there: a smaller one is extracted in less
time than that, in short steps. A saved file is loaded there too; an address is fetched
here (its progress, Esc and login prompt stay with the window) and only extracted there.

A child that cannot start or dies reads the page here after all: the outcome, errors
included, is always what ``read_article`` gives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from reader.urls import is_url

if TYPE_CHECKING:
    from reader.model import Article, Page
    from reader.service.child_process import Report, StopFlag
    from reader.service.reading import FetchOptions

log = logging.getLogger(__name__)
T = TypeVar("T")

# Characters of markup (a file's bytes) from which a page is read in a child process.
BIG_PAGE_CHARS = 256 * 1024


def read_apart(source: str, *, fetch: FetchOptions | None = None, images: bool = False) -> Article:
    """``read_article(source, fetch=fetch, images=images)``, a big page's loading (a file)
    or extraction (a fetched page) in a child process."""
    from reader.service.reading import read_article

    if is_url(source):
        return read_article(source, fetch=fetch, images=images, extract=extract_apart)
    here = partial(read_article, source)
    if _file_size(source) < BIG_PAGE_CHARS:
        return here()
    return _in_child(partial(_read_file, source), here)


def extract_apart(page: Page) -> Article:
    """The article of a loaded page (site rules applied), in a child process if it is big."""
    from reader.service.site_rules import extract_page

    size = len(page.html) + sum(len(following.html) for following in page.following)
    if size < BIG_PAGE_CHARS:
        return extract_page(page)
    return _in_child(partial(_extract, page), partial(extract_page, page))


def _file_size(source: str) -> int:
    """Bytes of the file ``source`` names (0 when it is none: read here, which says why)."""
    from reader.load.files import path_from_source
    from reader.urls import refused_source

    if refused_source(source) is not None:
        return 0
    try:
        return path_from_source(source).stat().st_size
    except (OSError, ValueError):
        return 0


def _in_child(work: Callable[[Report, StopFlag], T], here: Callable[[], T]) -> T:
    from reader.service.child_process import ChildFailed, run_in_child

    try:
        return run_in_child(work, name="reader-read")
    except (ChildFailed, OSError) as error:
        log.info("reading here: the child process failed (%s)", error)
        return here()


def _read_file(source: str, _report: Report, _stop: StopFlag) -> Article:
    """In the child: load and extract a saved page."""
    from reader.service.reading import read_article

    return read_article(source)


def _extract(page: Page, _report: Report, _stop: StopFlag) -> Article:
    """In the child: extract a fetched page."""
    from reader.service.site_rules import extract_page

    return extract_page(page)
