"""What one page's capture knows as it goes: the page, its settings, its caches, blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from reader.extract.recommended.settings import Thresholds
from reader.extract.tags import HEADING_TAGS
from reader.extract.text import TITLE_SEPARATOR, fold
from reader.urls import normalize_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# A site's name before a colon that starts a title ("Everything Yoga: Permission ...").
_NAME_BEFORE_COLON = re.compile(r"^[^:]*?\w:\s+")
# Levels above the story's prose where its post title may sit (Blogger: title, then the
# post's body box, then the text).
_POST_TITLE_LEVELS = 3
# A <title> split at more separators than this is a list of keywords: its end is not read.
_MOST_TITLE_PARTS = 8
# A JSON-LD article type ("NewsArticle", "BlogPosting", "Article").
_LD_ARTICLE = re.compile(r'"@type"\s*:\s*"(?:\w*Article|BlogPosting)"')
# A post's title heading as blog engines mark it (hAtom's entry-title, Blogger's
# post-title): the one such title in the box of the page's prose is the post's headline,
# even where <h1> names the blog and no <title> was saved (a sidebar's post card is marked
# the same way, which is why only the story's own boxes are looked at).
_POST_TITLE_CLASSES = frozenset({"entry-title", "post-title"})

# heading | inline | lines (link-only lines in the story) | token (strong class/id word) |
# weak (needs structure) | teasers
BlockKind = Literal["heading", "inline", "lines", "token", "weak", "teasers"]


@dataclass
class Block:
    """A candidate container of stories and why it was picked."""

    element: HtmlElement
    kind: BlockKind
    sponsored: bool = False
    # Sponsored only because an ad network's widget holds it (not by its own "Sponsored"
    # label): such widgets also carry the site's own stories, which are not paid.
    by_network: bool = False
    start_after: HtmlElement | None = None  # heading element: only links after it count
    # The block's own links (heading and lines blocks, and a run that is one part of its
    # box): only these count, and the rest of the box may still hold other blocks.
    links: list[HtmlElement] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """Only the block's own links count, not every link of its element."""
        return self.kind in ("heading", "lines") or bool(self.links)


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
    # The page's own site's hosts (urls.site_hosts), found on first use.
    sites: set[str] | None = None
    # The sites of the page's own news group (urls.network_sites), found on first use.
    network: set[str] | None = None
    # Story address -> the post box of this page that links it (listing.own_listing).
    posts: dict[str, HtmlElement] | None = None
    # Whether such a box holds a post's body (listing._post_body), per box.
    post_bodies: dict[HtmlElement, bool] = field(default_factory=dict)
    # Whether the page is a dated story (dated_story), found on first use.
    story: bool | None = None
    # The page's own headline as it may be written, folded (own_headline), on first use.
    headlines: frozenset[str] | None = None
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

    def dated_story(self) -> bool:
        """The page presents itself as a story: it declares an article (Open Graph, an
        article:published_time, JSON-LD) or shows a <time>. Service and information pages
        do neither."""
        if self.story is None:
            self.story = _declares_article(self.root)
        return self.story

    def own_headline(self, title: str) -> bool:
        """The story's title is the page's own headline: its one <h1> (pages with several
        use them for teasers), its <title>, or a part of that beside the site's name
        ("Everything Yoga: Permission To Be Bad")."""
        folded = fold(title)
        if folded.count(" ") + 1 < self.settings.own_headline_words:
            return False
        if self.headlines is None:
            self.headlines = _headlines(self.root, self.main())
        return folded in self.headlines

    def has_article(self) -> bool:
        """True when some container holds running prose: the page is an article."""
        least = self.settings.article_paragraphs
        return any(count >= least for count in self.prose_count.values())


def _headlines(root: HtmlElement, story: HtmlElement | None) -> frozenset[str]:
    """The page's own headline as it may be written, folded: its one <h1>, the one post
    title beside the story's prose, and every run of its <title>'s parts between spaced
    separators ("Report: HTC Paying Apple | Gadget Lab | Wired.com"), each also without a
    name before a colon ("Everything Yoga: ...")."""
    found: list[str] = []
    headings = root.findall(".//h1")
    if len(headings) == 1:
        found.append(headings[0].text_content())
    if story is not None:
        for box in islice(story.iterancestors(), _POST_TITLE_LEVELS):
            titles = [
                heading
                for heading in box.iter(*HEADING_TAGS)
                if not _POST_TITLE_CLASSES.isdisjoint((heading.get("class") or "").split())
            ]
            if titles:
                if len(titles) == 1:
                    found.append(titles[0].text_content())
                break
    title = root.find(".//title")
    if title is not None:
        parts = TITLE_SEPARATOR.split(title.text_content().strip())[:_MOST_TITLE_PARTS]
        for first in range(len(parts)):
            for last in range(first + 1, len(parts) + 1):
                run = " ".join(parts[first:last])
                found.extend((run, _NAME_BEFORE_COLON.sub("", run, count=1)))
    return frozenset(fold(text) for text in found)


def _declares_article(root: HtmlElement) -> bool:
    """Open Graph's og:type article, an article:published_time, a JSON-LD article, or a
    <time> element somewhere in the page."""
    if root.find(".//time") is not None:
        return True
    head = root.find("head")
    if head is None:
        return False
    for meta in head.iter("meta"):
        name = (meta.get("property") or meta.get("name") or "").lower()
        if name == "article:published_time" or (
            name == "og:type" and (meta.get("content") or "").lower().startswith("article")
        ):
            return True
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and _LD_ARTICLE.search(
            script.text or ""
        ):
            return True
    return False
