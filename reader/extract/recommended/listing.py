"""A blog's front page lists its own posts, each whole: its sidebar's "Recent Posts" then
names the very posts the page shows, which is the page's contents, not a recommendation.

A post is a box around one run of prose (a post's body), a level or two up, with words
of its own; its title, permalink and comments links name the post's address. When most
of a block's stories are posts shown whole on this page, in several posts (one post is
an article with a sentence link to a story its "Related" list names too), the block is
the page's own listing. A news index's teasers carry a line or two, not a post's body,
so a "Most read" box beside them stays a recommendation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.extract.recommended import urls, words
from reader.urls import normalize_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from reader.extract.recommended.state import Block, PageState
    from reader.model import Story


def own_listing(page: PageState, block: Block, stories: list[Story]) -> bool:
    """Most of the block's stories are posts this page shows whole, in several posts."""
    settings = page.settings
    if len(page.prose) < settings.min_listing_posts or not stories:
        return False
    posts = _posts(page)
    element = block.element
    around = set(element.iterancestors())
    boxes = set()
    shown = 0
    for story in stories:
        box = posts.get(normalize_url(story.url)) if story.url else None
        if box is None or box is element or box in around or element in box.iterancestors():
            continue
        if not _post_body(page, box):
            continue
        shown += 1
        boxes.add(box)
    return len(boxes) >= settings.min_listing_posts and shown >= settings.listing_share * len(
        stories
    )


def _posts(page: PageState) -> dict[str, HtmlElement]:
    """Story address -> the post box on this page that links it (found on first use)."""
    if page.posts is not None:
        return page.posts
    settings = page.settings
    # The boxes up to a few levels above each prose parent, with the prose parents each
    # holds: a post's box is the highest holding no prose but its own post's.
    held: dict[HtmlElement, set[HtmlElement]] = {}
    chains = []
    for parent in page.prose:
        chain = [parent]
        for ancestor in parent.iterancestors():
            if len(chain) > settings.listing_post_climb:
                break
            chain.append(ancestor)
        for box in chain:
            held.setdefault(box, set()).add(parent)
        chains.append(chain)
    posts: dict[str, HtmlElement] = {}
    for chain in chains:
        own = [box for box in chain if held[box] <= set(chain)]
        if not own:
            continue
        box = own[-1]
        for link in box.iter("a"):
            url = urls.story_url(page, link, relaxed=False)
            if url:
                posts.setdefault(normalize_url(url), box)
    page.posts = posts
    return posts


def _post_body(page: PageState, box: HtmlElement) -> bool:
    """The box has a post's words, not a teaser's line or two (counted once per box)."""
    known = page.post_bodies.get(box)
    if known is None:
        known = words.count(box.text_content()) >= page.settings.min_listing_post_words
        page.post_bodies[box] = known
    return known
