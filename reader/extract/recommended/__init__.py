"""Stage 3: the stories a page recommends, read from the raw tree before readability.

Why a scorer and not a class-name match: most recommended stories sit in "most read",
"more from" and "latest" rails and in inline "READ MORE:" modules whose markup says
nothing about recommendations. So a block is found by its *words* (a heading such as
"Most read" or "Mehr zum Thema", an inline label such as "Related:"), by its *class/id
tokens* (related, rp4wp, taboola...), or by its *structure* (several sibling items, each
one long link to an article-like URL) backed by a weak token. Every link then has to
look like a story: an article-like URL, a title of several words, not in a menu, footer
or the story's own sentences, not a tag/author/share/comment/pagination link.

The stages, in order: ``candidates`` (one walk: named blocks, prose sizes), ``teasers``
(unnamed runs of cards beside the story, headlines or, beside a post a CMS marks as one,
its marked post cards; ``cards`` says which children of a run's box are its cards, list
by list), ``lines`` (lines of the story that are nothing
but a link to another story), ``networks`` (ad widgets known only by their links to an ad
network), ``accept`` (furniture checks), ``stories`` (links to
stories, with ``urls`` and ``items``), ``listing`` (a front page's list of the posts it
shows whole is its own listing), and ``data`` (lists only the page's JSON holds). A
story is the page itself when it has the page's address, or its headline (the page
saved without its address, or listed under a shortlink or a feed's link).
Structure carries what words cannot: a run of sibling cards, a label over a list of
link lines, a feed's or a post's id in an address, a slug that spells its headline, in
any language; guards say what else such structure is (menus, trees of an archive or a
site map, product grids, a manual's contents that list the page itself, clips).
They share one ``state.PageState``; every word, token and URL pattern lives in
``rules``, every threshold in ``settings``.

The tree is only read. The work per block is bounded by its own subtree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.extract.recommended import (
    accept,
    candidates,
    data,
    lines,
    listing,
    networks,
    stories,
    teasers,
)
from reader.extract.recommended.settings import DEFAULTS, Thresholds
from reader.extract.recommended.state import PageState
from reader.model import Story
from reader.urls import normalize_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["DEFAULTS", "Thresholds", "find_recommended"]


def find_recommended(
    tree: HtmlElement,
    base_url: str | None,
    page_url: str | None,
    settings: Thresholds = DEFAULTS,
) -> list[Story]:
    """The page's recommended stories in page order, deduplicated by normalized URL.

    ``tree`` is the raw lxml.html document (root element or ElementTree); it is not
    modified. ``base_url`` is the effective link base, ``page_url`` the page's address.
    """
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    if root is None:
        return []
    page = PageState.of(root, base_url, page_url, settings)
    blocks = candidates.collect(page)
    main = page.main()
    blocks.extend(teasers.runs(page, main))
    blocks.extend(lines.blocks(page, main))
    blocks.extend(networks.blocks(page))
    placed: list[stories.Placed] = []
    seen_urls: set[str] = set()
    seen_titles: set[str] = set()
    for block in accept.accepted(page, blocks, main):
        found = list(stories.block_stories(page, block))
        if listing.own_listing(page, block, [story for _, story in found]):
            continue  # a blog's front page: its sidebar lists the posts it shows
        for position, story in found:
            key = normalize_url(story.url) if story.url else story.title.lower()
            target = seen_urls if story.url else seen_titles
            if key in target or (story.url and key in page.self_urls):
                continue
            if page.own_headline(story.title):
                continue  # the page itself, listed among the site's posts
            target.add(key)
            placed.append((position, story))
    placed.sort(key=lambda pair: pair[0])
    if not placed:  # lists the markup does not show may still ship as data
        return data.stories(page)
    return [story for _, story in placed]
