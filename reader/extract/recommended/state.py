"""What one page's capture knows as it goes: the page, its settings, its caches, blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from reader.extract.recommended import signals
from reader.extract.recommended.rules.elements import ROOT_TAGS
from reader.extract.recommended.settings import Thresholds
from reader.urls import normalize_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# heading | inline | token (strong class/id word) | weak (needs structure) | teasers
BlockKind = Literal["heading", "inline", "token", "weak", "teasers"]


@dataclass
class Block:
    """A candidate container of stories and why it was picked."""

    element: HtmlElement
    kind: BlockKind
    sponsored: bool = False
    start_after: HtmlElement | None = None  # heading element: only links after it count
    links: list[HtmlElement] = field(default_factory=list)


@dataclass
class PageState:
    """One page's capture: the tree, where it lives, the settings, and what the stages
    learn about it once and read many times (prose sizes, URL checks, menu checks)."""

    root: HtmlElement
    base: str | None
    self_urls: frozenset[str]
    self_hosts: frozenset[str | None]
    settings: Thresholds
    # Letters of long paragraphs, and their count, per parent element.
    prose: dict[HtmlElement, int] = field(default_factory=dict)
    prose_count: dict[HtmlElement, int] = field(default_factory=dict)
    # The few parents of running prose (found on first use; see accept.wrapper).
    prose_parents: list[HtmlElement] | None = None
    # Caches: menu check per element, story check per (href, relaxed, lenient), href -> URL.
    negative: dict[tuple[HtmlElement, bool], bool] = field(default_factory=dict)
    story_lists: dict[HtmlElement, bool] = field(default_factory=dict)
    urls: dict[tuple[str, bool, bool], str | None] = field(default_factory=dict)
    resolved: dict[str, str | None] = field(default_factory=dict)
    # The scanned elements' Python proxies, kept alive for the whole capture: lxml.html
    # builds each proxy through a Python class lookup, and later passes (regions,
    # ancestors, items) would otherwise build them again.
    alive: list[HtmlElement] = field(default_factory=list)

    @classmethod
    def of(
        cls, root: HtmlElement, base_url: str | None, page_url: str | None, settings: Thresholds
    ) -> PageState:
        self_urls = frozenset(
            normalize_url(url) for url in (base_url, page_url) if url and "://" in url
        )
        return cls(
            root=root,
            base=base_url or page_url,
            self_urls=self_urls,
            self_hosts=frozenset(urlsplit(url).hostname for url in self_urls),
            settings=settings,
        )

    def main(self) -> HtmlElement | None:
        """The element holding the most story prose (the article's column), if any."""
        return max(self.prose, key=self.prose.__getitem__) if self.prose else None

    def has_article(self) -> bool:
        """True when some container holds running prose: the page is an article."""
        least = self.settings.article_paragraphs
        return any(count >= least for count in self.prose_count.values())

    def is_negative(self, element: HtmlElement, footers: bool = True) -> bool:
        """``signals.negative``, remembered per element (links of one block share their
        ancestors), except for an element only its class calls a menu whose links are
        mostly stories: a "menu" widget listing "Trending" stories is a story list."""
        key = (element, footers)
        known = self.negative.get(key)
        if known is None:
            if signals.negative_markup(element):
                known = True
            elif element.tag in ROOT_TAGS or not signals.menu_by_name(element, footers):
                known = False
            else:  # the menu's own list decides for its items ("li.menu-item")
                known = not any(
                    self.story_list(node)
                    for node in (element, *list(element.iterancestors())[:2])
                    if signals.menu_by_name(node, footers)
                )
            self.negative[key] = known
        return known

    def is_furniture(self, element: HtmlElement, with_id: bool) -> bool:
        """Comment threads, share bars, sign-up boxes (``signals.furniture``), and pagers,
        unless the "pager" is a paginated list of stories."""
        return signals.furniture(element, with_id) or (
            signals.pager(element, with_id) and not self.story_list(element)
        )

    def story_list(self, element: HtmlElement) -> bool:
        """Most of the element's links lead to stories with headline-like titles."""
        known = self.story_lists.get(element)
        if known is None:
            known = self.story_lists[element] = self._story_list(element)
        return known

    def _story_list(self, element: HtmlElement) -> bool:
        from reader.extract.recommended import urls, words

        settings = self.settings
        hrefs: set[str] = set()
        stories: set[str] = set()
        for link in element.iter("a"):
            href = (link.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:")):
                continue
            hrefs.add(href)
            if len(hrefs) > settings.max_story_menu_links:
                return False  # a menu this long is the site's navigation
            if words.title_ok(
                words.text(link), settings.min_title_words, settings
            ) and urls.story_url(self, link, relaxed=False):
                stories.add(href)
        return len(stories) >= settings.min_teaser_items and len(stories) >= (
            settings.min_story_menu_share * len(hrefs)
        )
