"""Pass 3: an accepted block's links turned into stories (one per URL, with its item).

Links in menus inside the block, previous/next links, comment links and links inside the
story's sentences are not stories; a block whose links are mostly rejected is a menu with
a misleading name and gives nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.extract.recommended import furniture, items, signals, urls, words
from reader.extract.recommended.rules import elements, texts, tokens
from reader.extract.recommended.state import Block, PageState
from reader.extract.tags import HEADING_TAGS
from reader.model import Story
from reader.urls import normalize_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

Placed = tuple[tuple[int, ...], Story]  # a story and its place in the page (items.doc_key)


def block_stories(page: PageState, block: Block) -> Iterator[Placed]:
    """The block's stories with their places in the page. A list heading over one other
    site's unpaid story ("Around the web", "More on Challenges") is a promotion box, not
    a list the page recommends."""
    found = list(_block_stories(page, block))
    if (
        block.kind == "heading"
        and len(found) == 1
        and not found[0][1].sponsored
        and found[0][1].url
        and not urls.same_name(page, found[0][1].url)
    ):
        return iter(())
    return iter(found)


def _block_stories(page: PageState, block: Block) -> Iterator[Placed]:
    settings = page.settings
    element = block.element
    links = block.links if block.partial else list(element.iter("a"))
    relaxed = block.sponsored
    strong = block.kind in ("heading", "token", "inline", "lines")
    min_words = settings.min_title_words_strong if strong else settings.min_title_words
    by_url: dict[str, list[HtmlElement]] = {}
    ad_only: set[str] = set()  # external links that count only in an item labelled "Ad"
    first_url: dict[str, str] = {}
    rejected: list[HtmlElement] = []
    lenient = block.kind in ("heading", "inline", "lines")
    for link in links:
        if _in_excluded(page, link, block) or _comment_link(page, link):
            continue
        url = urls.story_url(page, link, relaxed, lenient)
        strict = url is not None
        if url is None and not relaxed:
            url = urls.story_url(page, link, True)
            if url is not None and words.count(words.text(link)) < settings.min_title_words:
                url = None
        if url is None or (block.kind not in ("inline", "lines") and _sentence_link(page, link)):
            if (link.get("href") or "").strip() not in ("", "#"):
                rejected.append(link)
            continue
        key = normalize_url(url)
        if not strict and key not in by_url:
            ad_only.add(key)
        elif strict:
            ad_only.discard(key)
        if key not in by_url:
            by_url[key] = []
            first_url[key] = url
        by_url[key].append(link)
    if not links and block.kind in ("token", "heading"):
        yield from _linkless(block, items.group_label(block, settings))
        return
    if block.kind not in ("inline", "lines") and _mostly_rejected(
        page, element, by_url, ad_only, rejected
    ):
        return  # mostly menu/tag links: a navigation block with a misleading name
    ads = sum(1 for key in by_url if urls.display_ad(key))
    if ads and ads >= settings.min_ad_box_share * len(by_url):
        return  # a box of text ads ("Sponsored links"): one such ad in a list is its item
    urls.drop_share_links(page, by_url)
    urls.drop_odd_urls(page, by_url, ad_only)
    urls.drop_media_lists(by_url, element)
    if block.start_after is not None:
        urls.drop_hub_urls(by_url, words.text(block.start_after))
    found = items.items(element, by_url)
    label = items.group_label(block, settings)
    for key, links_of in by_url.items():
        item = found.get(key, links_of[0])
        url = first_url[key]
        title = items.title(links_of, item)
        if not (
            words.title_ok(title, min_words, settings)
            # a named list's short post ("Zahlenfreunde" at /2023/10/29/zahlenfreunde)
            or (block.kind in ("heading", "token", "lines") and urls.named_post(url, title))
        ) or words.label_title(title, settings):
            continue
        if not relaxed and urls.names_itself(url, title):
            continue  # "Champions League" -> /football/champions-league: a topic's page
        if block.kind in ("inline", "lines"):
            item = links_of[0]
        item_paid = items.sponsored(item, links_of, url)
        # A network's widget inside the block ("<h3>You might like</h3><ul id=crowd-ignite>")
        by_network = block.by_network or (not block.sponsored and _in_network(links_of[0], element))
        sponsored = block.sponsored or item_paid or by_network
        if key in ad_only and not sponsored:
            continue  # an outside link that is neither a story URL nor a labelled ad
        source = items.source(item, title, settings)
        if sponsored and (
            urls.own_story_via_network(page, url, source)
            # An ad network's widget also recirculates the site's own stories, linked
            # straight to them (Taboola's "organic" items): only other sites' are paid.
            or (by_network and not item_paid and urls.own_site(page, url))
        ):
            sponsored = False
        story = Story(
            title=title,
            url=urls.clean(url),
            # (a link laid over a whole card holds its teaser too)
            summary=items.summary(item, title, settings)
            if item is not links_of[0] or len(item)
            else "",
            source=source,
            image=items.image(item, page.base),
            sponsored=sponsored,
            group=label,
        )
        yield items.doc_key(links_of[0]), story


def _mostly_rejected(
    page: PageState,
    element: HtmlElement,
    by_url: dict[str, list[HtmlElement]],
    ad_only: set[str],
    rejected: list[HtmlElement],
) -> bool:
    """Too few of the block's links lead to stories: a menu with a misleading name. The
    links inside a story's own card (its byline's "in Games, Reviews", its topic tags)
    are parts of that card, not menu entries, so they are not held against the block
    when it has cards side by side to tell them apart (a menu's entries hold no story)."""
    settings = page.settings
    kept = len(by_url) - len(ad_only)
    total = kept + len(rejected)
    if not total or kept / total >= settings.min_story_link_share:
        return False
    if kept < settings.min_card_stories:
        return True
    stories_only = {key: links for key, links in by_url.items() if key not in ad_only}
    found = items.items(element, stories_only)
    boxes = [item for key, item in found.items() if item is not stories_only[key][0]]
    # cards side by side: a box alone under its parent may be a whole column of the block
    parents = Counter(box.getparent() for box in boxes)
    cards = {box for box in boxes if parents[box.getparent()] >= settings.min_card_stories}
    loose = sum(1 for link in rejected if cards.isdisjoint(link.iterancestors()))
    return kept / (kept + loose) < settings.min_story_link_share


def _linkless(block: Block, label: str) -> Iterator[Placed]:
    """Stories without links (text dumps): list items with a heading and a teaser."""
    for item in block.element.iter("li"):
        heading = next((h for h in item.iter() if h.tag in HEADING_TAGS), None)
        if heading is None:
            continue
        title = words.text(heading)
        if not title:
            continue
        summary = " ".join(words.text(p) for p in item.iter("p") if words.text(p))
        promo = f"{title} {summary}".lower()
        sponsored = block.sponsored or any(w in promo for w in texts.PROMOTION_WORDS)
        yield (
            items.doc_key(item),
            Story(title=title, summary=summary, sponsored=sponsored, group=label),
        )


def _in_excluded(page: PageState, link: HtmlElement, block: Block) -> bool:
    """True for links in page furniture inside a block, links classed as a menu's entries,
    and previous/next-post links. (In a block its heading names, a class saying "footer"
    is its items' layout, as for the block itself: "footer_posts_thumb" in a "Popular
    Posts" widget.)"""
    rel = link.get("rel")
    if rel and not tokens.ADJACENT_RELS.isdisjoint(rel.lower().split()):
        return True
    if signals.adjacent_post(link) or signals.adjacent_post(link.getparent()):
        return True
    if _marked_adjacent(link):
        return True
    if signals.menu_entry(link):
        return True
    footers = block.kind != "heading"
    for ancestor in link.iterancestors():
        if ancestor is block.element:
            return False
        if furniture.menu(page, ancestor, footers):
            return True
    return False


def _in_network(link: HtmlElement, block: HtmlElement) -> bool:
    """The link sits in an ad network's widget inside the block."""
    for ancestor in link.iterancestors():
        if ancestor is block:
            return False
        if signals.ad_network(ancestor):
            return True
    return False


def _marked_adjacent(link: HtmlElement) -> bool:
    """A link that opens with its own "older" / "next" mark before the title
    ("<a><p>older</p>...24 Jul... Authorities search for...</a>"): the previous or next
    post, whatever its classes are called."""
    if (link.text or "").strip() or not len(link):
        return False
    for node in link.iterdescendants():
        if isinstance(node.tag, str) and (node.text or "").strip():
            # the first words printed: the mark, when they stand alone in their element
            return len(node) == 0 and words.plain(words.text(node)) in texts.ADJACENT_MARKS
    return False


def _comment_link(page: PageState, link: HtmlElement) -> bool:
    """A link to a comment thread ("12 comments" -> story#comments). A story title that
    happens to jump to the comments ("City FC name new manager" -> ...#comments-top)
    is still that story: its text, not only its fragment, decides."""
    if not urls.excluded_fragment(link.get("href") or ""):
        return False
    text = words.plain(words.text(link))
    return (
        words.count(text) < page.settings.min_title_words
        or any(c.isdigit() for c in text)
        or not texts.COMMENT_LINK_WORDS.isdisjoint(words.split_words(text))
    )


def _sentence_link(page: PageState, link: HtmlElement) -> bool:
    """An ordinary link inside the story's sentences (much more text around it)."""
    for ancestor in link.iterancestors():
        tag = ancestor.tag
        if tag in elements.SENTENCE_TAGS:
            extra = len(words.text(ancestor)) - len(words.text(link))
            return extra > page.settings.sentence_extra_chars and not words.starts_inline(ancestor)
        if tag in elements.BOX_TAGS:
            return False
    return False
