"""An article spread over several pages, fetched whole (issue 18, deliverable 4).

After the first page arrives: a "view as one page" link (site rule, or the link's words)
is fetched instead of the rest, and when there is none, the next pages are fetched in
turn (reader.load.pagination says which link is the next page). Bounded: at most
MAX_PAGES pages, same host only, an address never fetched twice. The pages after the
first ride along as ``Page.following``; extraction joins their stories
(reader.extract.pages) and the library keeps them with the original, so re-extraction
sees the whole article too.

A later page that fails to arrive (or is not a page) ends the article there: the reader
gets the pages that came, never an error for page 7. Stopping (``cancel``) stops it all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from reader.errors import FetchCancelled, FetchError
from reader.load.pagination import onward_links, page_key, same_host
from reader.model import Page
from reader.siterules.parse import SiteRules

log = logging.getLogger(__name__)

MAX_PAGES = 20  # the first page included; a longer chain is cut here

FetchOne = Callable[[str], Page]
RulesFor = Callable[[str | None], SiteRules | None]


def whole_article(first: Page, fetch: FetchOne, rules_for: RulesFor) -> Page:
    """``first`` with the rest of its article: the one-page version, or the next pages."""
    if first.format not in ("html", "xhtml") or not first.url:
        return first
    article_url = first.url
    seen = {page_key(article_url), page_key(first.source)}
    onward = onward_links(first.html, first.url, article_url, 1, rules_for(first.url))
    if onward.single_page and page_key(onward.single_page) not in seen:
        whole = _fetch(fetch, onward.single_page, article_url)
        if whole is not None and whole.url and same_host(whole.url, article_url):
            return replace(whole, source=first.source)
    following: list[Page] = []
    page = first
    while onward.next_page and 1 + len(following) < MAX_PAGES:
        key = page_key(onward.next_page)
        if key in seen:
            break
        seen.add(key)
        fetched = _fetch(fetch, onward.next_page, article_url)
        if fetched is None or not fetched.url or not same_host(fetched.url, article_url):
            break  # redirected elsewhere: not this article's page
        seen.add(page_key(fetched.url))
        following.append(fetched)
        page = fetched
        onward = onward_links(
            page.html, fetched.url, article_url, 1 + len(following), rules_for(fetched.url)
        )
    if onward.next_page and 1 + len(following) >= MAX_PAGES:
        log.info("%s: stopped after %d pages", article_url, MAX_PAGES)
    return replace(first, following=tuple(following)) if following else first


def _fetch(fetch: FetchOne, url: str, article_url: str) -> Page | None:
    try:
        page = fetch(url)
    except FetchCancelled:
        raise
    except FetchError as error:
        log.info("%s: page %s left out: %s", article_url, url, error)
        return None
    return page if page.format in ("html", "xhtml") else None
