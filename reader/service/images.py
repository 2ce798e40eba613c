"""A fetched article gets the images its content shows (a saved page brought its own).

The download itself (limits, parallel, srcset) is reader.load.images; this step adds what
arrived to the article, so the library keeps the pictures with the text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from reader.model import Article


def with_images(
    article: Article,
    *,
    timeout: float | None = None,
    cancel: Callable[[], bool] | Any = None,
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
