"""`reader extract --explain`: a page read as `reader extract` reads it (the same loader or
fetch, the site's rules from the data folder), with each block's fate (reader.extract.explain)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.urls import is_url

if TYPE_CHECKING:
    from reader.extract.explain import Explanation
    from reader.model import Page
    from reader.service.reading import FetchOptions


def explain_source(
    source: str, *, url: str | None = None, fetch: FetchOptions | None = None
) -> Explanation:
    """Raises ReaderError as read_article does."""
    return explain_page(_page(source, url, fetch))


def explain_page(page: Page) -> Explanation:
    """The page extracted with its site's rules from the data folder, explained."""
    from reader.extract.explain import explain
    from reader.service.site_rules import rules_for

    return explain(page, rules_for)


def _page(source: str, url: str | None, fetch: FetchOptions | None) -> Page:
    if not is_url(source):
        from reader.load import load

        return load(source, url=url)
    from reader.service.reading import FetchOptions

    return (fetch or FetchOptions()).fetch(source)
