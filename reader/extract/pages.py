"""One article from the stories of its pages (an article fetched over several pages).

Each page is extracted on its own (the same pipeline, the same site rules), then the
stories are joined in page order under the first page's metadata: its title, byline and
date are the article's; its recommended stories are the sidebar's (later pages repeat
them). A later page with no story of its own (an error page, a comments page) is left
out rather than losing the article.
"""

from __future__ import annotations

from dataclasses import replace

from reader.extract import derive
from reader.model import Article, Asset


def join_pages(first: Article, later: list[Article]) -> Article:
    """``first`` with the stories of ``later`` pages appended, in order."""
    if not later:
        return first
    pages = [first, *later]
    words = sum(page.word_count for page in pages)
    assets: dict[str, Asset] = {}
    for page in pages:
        for asset in page.assets:
            assets.setdefault(asset.url, asset)
    return replace(
        first,
        content_html="<div>" + "".join(page.content_html for page in pages) + "</div>",
        text="\n\n".join(page.text for page in pages if page.text),
        word_count=words,
        reading_minutes=derive.reading_minutes(words),
        readerable=any(page.readerable for page in pages),
        assets=tuple(assets.values()),
    )
