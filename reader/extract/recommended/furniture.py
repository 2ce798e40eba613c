"""Page furniture as one page judges it: menus, footers, comment threads, share bars and
pagers, except where their links are plainly a list of stories (WordPress prints story
lists as "menu" widgets; a paginated "load more" stream carries "pagination" classes).
The verdicts are remembered per element in the page state: links of one block share
their ancestors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.extract.recommended import signals, urls, words
from reader.extract.recommended.rules.elements import COLUMN_TAGS, ROOT_TAGS
from reader.extract.recommended.state import PageState

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def menu(page: PageState, element: HtmlElement, footers: bool = True) -> bool:
    """``signals.negative``, except for an element only its class calls a menu whose links
    are mostly stories: a "menu" widget listing "Trending" stories is a story list."""
    key = (element, footers)
    known = page.negative.get(key)
    if known is None:
        if signals.negative_markup(element):
            known = True
        elif (
            element.tag in ROOT_TAGS
            or not signals.menu_by_name(element, footers)
            # a post card's layout words ("archive-view") beside its CMS's own post marks
            or signals.post_card(element)
        ):
            known = False
        else:  # the menu's own list decides for its items ("li.menu-item")
            known = not any(
                story_list(page, node)
                for node in (element, *list(element.iterancestors())[:2])
                if signals.menu_by_name(node, footers)
            )
        page.negative[key] = known
    return known


def clutter(page: PageState, element: HtmlElement, with_id: bool, named: bool = False) -> bool:
    """Comment threads, share bars, sign-up boxes (``signals.furniture``), and pagers,
    unless the "pager" is a paginated list of stories or a list its heading ``named``
    ("Aktuelle Beiträge" in a "bs-pagination-wrapper": a list that pages)."""
    return signals.furniture(element, with_id) or (
        signals.pager(element, with_id) and not named and not story_list(page, element)
    )


_HEADER_WORDS = frozenset({"header", "masthead", "topbar"})


def side_column(page: PageState, element: HtmlElement) -> bool:
    """A page column only its class calls navigation ("nav-column-area"), not a <nav>, a
    navigation role, a header or a footer: it holds boxes side by side (menus, and often a
    list of stories), so its boxes are judged one by one."""
    if element.tag not in COLUMN_TAGS or "footer" in words.flat_words(element):
        return False
    if signals.negative_markup(element) or not signals.menu_by_name(element, False):
        return False
    if sum(1 for child in element if isinstance(child.tag, str)) < 2:
        return False
    for node in (element, *element.iterancestors()):
        if node.tag in ROOT_TAGS:
            break
        if node.tag == "header" or not _HEADER_WORDS.isdisjoint(words.flat_words(node)):
            return False  # a header's navigation: its flyouts' featured teasers
    return True


def story_list(page: PageState, element: HtmlElement) -> bool:
    """Most of the element's links lead to stories with titles of some words."""
    known = page.story_lists.get(element)
    if known is None:
        known = page.story_lists[element] = _story_list(page, element)
    return known


def named_list_in_menu(page: PageState, element: HtmlElement, links: list[HtmlElement]) -> bool:
    """A list its own heading names ("Best of the Blog") inside a box only its class calls
    navigation (a side column of menus), or in the page's <footer> ("Most Commented" beside
    the archives): its links, not the box's, decide. A <nav> or a navigation role still
    decides alone (a column that marks its own menus with <nav>s is no navigation role:
    ``signals.negative_markup``)."""
    boxes = (element, *element.iterancestors())
    if any(signals.negative_markup(node) and node.tag != "footer" for node in boxes):
        return False
    if sum(1 for node in boxes if signals.menu_by_name(node, False)) > 1:
        return False  # a menu inside a menu: a mega-menu's flyout and its featured teasers
    return links_to_stories(page, links)


def _story_list(page: PageState, element: HtmlElement) -> bool:
    return links_to_stories(page, element.iter("a"))


def links_to_stories(page: PageState, links: Iterable[HtmlElement]) -> bool:
    """Most of these links lead to stories with titles of some words."""
    settings = page.settings
    hrefs: set[str] = set()
    stories: set[str] = set()
    for link in links:
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")) or urls.excluded_fragment(href):
            continue  # (a story's comment count, "194" to its "#comments", is part of its card)
        hrefs.add(href)
        if len(hrefs) > settings.max_story_menu_links:
            return False  # a menu this long is the site's navigation
        if words.title_ok(words.text(link), settings.min_title_words, settings) and (
            urls.story_url(page, link, relaxed=False)
        ):
            stories.add(href)
    return len(stories) >= settings.min_teaser_items and len(stories) >= (
        settings.min_story_menu_share * len(hrefs)
    )
