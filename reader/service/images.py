"""A fetched article gets the images its content shows; a saved page that left its images
on the web gets them after it is on screen.

The download itself (limits, parallel, srcset) is reader.load.images; this step adds what
arrived to the article, so the library keeps the pictures with the text.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from reader.model import Article, Asset

if TYPE_CHECKING:
    from reader.load.session import Cancel
    from reader.store import Library


def with_images(
    article: Article,
    *,
    timeout: float | None = None,
    cancel: Cancel = None,
    progress: Callable[[int, int], None] | None = None,
) -> Article:
    """The article with the images its content shows added to ``assets``.

    Images already among the assets are not fetched again; the asset keeps the src as
    written. Never raises for a failed image: it is simply left out.
    """
    from reader.load.images import content_images

    have = {asset.url for asset in article.assets}
    new = content_images(
        article.content_html, article.url, have, timeout=timeout, cancel=cancel, progress=progress
    )
    if not new:
        return article
    return replace(article, assets=(*article.assets, *new))


def missing_images(article: Article, have: Collection[str]) -> list[str]:
    """The web images the article shows that are not kept with it (as the HTML writes them)."""
    from reader.load.images import article_images

    missing = []
    for src, _ in article_images(article.content_html):
        absolute = urljoin(article.url or "", src)
        if src not in have and src not in missing and absolute.startswith(("http:", "https:")):
            missing.append(src)
    return missing


def fetch_missing_images(
    library: Library,
    article_id: int,
    article: Article,
    *,
    timeout: float | None = None,
    cancel: Cancel = None,
) -> list[Asset]:
    """Download the web images a saved article shows but does not keep (a page saved
    without its pictures), with fetching's limits, and keep them in the library.

    Returns what arrived (nothing when offline: a failed image is skipped quietly).
    """
    from reader.load.images import content_images

    have = {asset.url for asset in library.article_assets(article_id)}
    if not missing_images(article, have):
        return []
    new = content_images(article.content_html, article.url, have, timeout=timeout, cancel=cancel)
    if new:
        library.add_assets(article_id, new)
    return new
