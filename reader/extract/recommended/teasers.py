"""Rails and streams no word names: runs of sibling teaser items (cards, list items),
each with one story link whose text reads like a headline ("FEMAIL TODAY" over three
thumbnails, an unlabelled strip of stories above the article, a stream of cards below it,
a column of partner headlines split into one small list per partner).

Only on article pages, and only outside the story's own column. A link to another site
counts only when its address carries a story's shape (a date, an id or a long slug): link
farms and blogrolls point at front pages and section hubs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.extract.recommended import furniture, urls, words
from reader.extract.recommended.rules import elements
from reader.extract.recommended.rules.links import PATH_ID
from reader.extract.recommended.settings import Thresholds
from reader.extract.recommended.state import Block, PageState
from reader.extract.tags import HEADING_TAGS
from reader.urls import normalize_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def runs(page: PageState, main: HtmlElement | None) -> list[Block]:
    """Blocks of sibling teaser items outside the story's column ``main``."""
    settings = page.settings
    if main is None or not page.has_article():
        return []
    hosts = site_hosts(page)
    keyed: list[tuple[HtmlElement, str]] = []
    keys: dict[str, str | None] = {}  # href -> story key, or None
    for link in _outside_story_links(page, main):
        if not words.headline(link.text_content(), settings):
            continue  # read the text first: it is cheaper than resolving the address
        href = link.get("href")
        if href not in keys:
            keys[href] = _story_key(page, link, hosts)
        key = keys[href]
        if key is not None:
            keyed.append((link, key))
    if len({key for _, key in keyed}) < settings.min_teaser_items:
        return []
    holders: dict[HtmlElement, set[str]] = {}
    chains: list[list[HtmlElement]] = []
    for link, key in keyed:
        chain: list[HtmlElement] = []
        for ancestor in link.iterancestors():
            chain.append(ancestor)
            holders.setdefault(ancestor, set()).add(key)
            if len(chain) > settings.max_teaser_climb:
                break
        chains.append(chain)
    found: dict[HtmlElement, dict[HtmlElement, str]] = {}
    for (link, key), chain in zip(keyed, chains, strict=True):
        item = link
        for ancestor in chain:
            if holders[ancestor] != {key}:
                if item is not link:  # a bare link is a menu entry, not a card
                    found.setdefault(ancestor, {})[item] = key
                break
            item = ancestor
    runs = {
        container: items
        for container, items in found.items()
        if len(items) <= settings.max_teaser_items and _cards(container, items, settings)
    }
    blocks = []
    for container in runs:
        # One list per partner or per tab: sibling lists of one shape are one stream.
        stream = {
            item: key for twin in _twins(container) for item, key in runs.get(twin, {}).items()
        }
        if len(stream) < settings.min_teaser_items or not _stream_ok(stream, settings):
            continue
        blocks.append(Block(container, "teasers", start_after=_label_before(container)))
    return blocks


def _stream_ok(items: dict[HtmlElement, str], settings: Thresholds) -> bool:
    """The run reads as a stream of stories, not a sidebar of manual pages, an archive or
    a carousel of clips."""
    if sum(_story_shaped(item, key) for item, key in items.items()) < settings.min_teaser_items:
        return False  # bare links to undated pages: a docs or wiki sidebar, not a rail
    if len(items) > settings.max_plain_items and sum(map(_card, items)) * 2 < len(items):
        return False  # a long list of bare links: an archive, a schedule, a site map
    return sum(urls.media(key) for key in items.values()) * 2 <= len(items)


def _story_key(page: PageState, link: HtmlElement, hosts: set[str]) -> str | None:
    """The link's story key when it can be a teaser: a story on this site, or a story-shaped
    address on another; links into a page ("#comments") never are."""
    href = link.get("href") or ""
    if "#" in href:
        return None
    url = urls.story_url(page, link, relaxed=False)
    if url is None:
        return None
    if urls.site(urls.host(url)) not in hosts and not urls.story_shaped(url):
        return None
    return normalize_url(url)


def _cards(container: HtmlElement, items: dict[HtmlElement, str], settings: Thresholds) -> bool:
    """The items are the container's cards: one tag, and most of its children of that tag
    (a page column where a few cards sit among other boxes is no run)."""
    tags = {item.tag for item in items}
    if len(tags) != 1:
        return False
    siblings = sum(1 for child in container if child.tag in tags)
    return len(items) >= settings.min_teaser_share * siblings


def _twins(container: HtmlElement) -> list[HtmlElement]:
    """The container and the lists of the same shape beside it: its siblings of the same
    tag and class, or the same child of its parent's twins (one box per partner site)."""
    parent = container.getparent()
    if parent is None:
        return [container]
    shape = (container.tag, container.get("class"))
    twins = [child for child in parent if (child.tag, child.get("class")) == shape]
    grandparent = parent.getparent()
    if len(twins) > 1 or grandparent is None:
        return twins
    boxes = (
        box
        for box in grandparent
        if (box.tag, box.get("class")) == (parent.tag, parent.get("class"))
    )
    return [child for box in boxes for child in box if (child.tag, child.get("class")) == shape]


def _outside_story_links(page: PageState, main: HtmlElement) -> Iterator[HtmlElement]:
    """Headline-length links outside the story's column and outside page menus: the
    siblings of the column and of each of its ancestors, searched in C. (Teaser runs
    inside the column are its own content, so its subtree is never read.)"""
    # Headlines in scripts without spaces are short strings of characters.
    title = page.root.findtext(".//title") or ""
    select = _teaser_links(
        page.settings.min_teaser_chars
        if title.isascii()
        else page.settings.min_teaser_chars_nospace
    )
    node = main
    parent = node.getparent()
    while parent is not None:
        for sibling in parent:
            if (
                sibling is not node
                and len(sibling)  # a leaf holds no card (a bare link is no card)
                and isinstance(sibling.tag, str)
                and not furniture.menu(page, sibling)
                and not furniture.clutter(page, sibling, True)
            ):
                yield from select(sibling)  # menus, footers, comment threads skipped
        node, parent = parent, parent.getparent()


def site_hosts(page: PageState) -> set[str]:
    """The page's own site: its address, and the canonical/og:url it declares."""
    hosts = {urls.site(host) for host in page.self_hosts if host}
    head = page.root.find("head")
    if head is not None:
        canonical = head.find("link[@rel='canonical']")
        og_url = head.find("meta[@property='og:url']")
        for url in (
            canonical.get("href") if canonical is not None else None,
            og_url.get("content") if og_url is not None else None,
        ):
            if url and "://" in url:
                hosts.add(urls.site(urls.host(url.strip())))
    hosts.discard("")
    return hosts


def _label_before(container: HtmlElement) -> HtmlElement | None:
    """The heading just above a run of teasers ("Sponsored Features"), if there is one: it
    can flag the run as paid and name its own "see all" hub."""
    previous = container.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()  # comments between the heading and the list
    return previous if previous is not None and previous.tag in HEADING_TAGS else None


def _story_shaped(item: HtmlElement, key: str) -> bool:
    """A news item, not a page of a manual: its URL carries a date or an id, or the item is
    a card (a picture, a time, a teaser paragraph beside the link)."""
    return PATH_ID.search(urls.split(key).path) is not None or _card(item)


def _card(item: HtmlElement) -> bool:
    """An item with a picture, a time or a teaser paragraph beside its link."""
    return next(item.iterdescendants(*elements.CARD_PART_TAGS), None) is not None


@lru_cache(maxsize=4)
def _teaser_links(min_chars: int) -> Callable[[HtmlElement], list[HtmlElement]]:
    """Links long enough to hold a headline, picked out by a compiled XPath (built on first
    use: lxml is imported late, see DESIGN.md)."""
    from lxml import etree

    select: Callable[[HtmlElement], list[HtmlElement]] = etree.XPath(
        # regexp=False: no EXSLT set-up on each of its many calls
        f"descendant-or-self::a[@href][string-length(normalize-space()) >= {min_chars}]",
        regexp=False,
    )
    return select
