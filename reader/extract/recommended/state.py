"""What one page's capture knows as it goes: the page, its settings, its caches, blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

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
