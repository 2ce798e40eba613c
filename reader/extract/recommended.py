"""Stage 3: the stories a page recommends, read from the raw tree before readability.

Why a scorer and not a class-name match: most recommended stories sit in "most read",
"more from" and "latest" rails and in inline "READ MORE:" modules whose markup says
nothing about recommendations. So a block is found by its *words* (a heading such as
"Most read" or "Mehr zum Thema", an inline label such as "Related:"), by its *class/id
tokens* (related, rp4wp, taboola...), or by its *structure* (several sibling items, each
one long link to an article-like URL) backed by a weak token. Every link then has to
look like a story: an article-like URL, a title of several words, not in a menu, footer
or the story's own sentences, not a tag/author/share/comment/pagination link.

The tree is only read. One pass collects candidate blocks; the work per block is bounded
by its own subtree. All words, tokens and URL patterns live in ``recommended_rules``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from reader.extract import recommended_rules as rules
from reader.model import Story
from reader.urls import normalize_url, resolve

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements never holding recommended stories (menus, page furniture, non-content).
EXCLUDED_TAGS = frozenset(
    {
        "nav",
        "footer",
        "header",
        "menu",
        "form",
        "select",
        "script",
        "style",
        "noscript",
        "template",
        "button",
        "svg",
        "head",
    }
)
EXCLUDED_ROLES = frozenset({"navigation", "menubar", "menu", "banner", "contentinfo", "search"})
# Tags whose class may name a block (inline/presentational tags never do).
BLOCK_TAGS = frozenset(
    {
        "div",
        "section",
        "aside",
        "ul",
        "ol",
        "dl",
        "table",
        "article",
        "span",
        "p",
        "li",
        "main",
        "figure",
        "tbody",
    }
)
# Tags that can hold a label-like heading ("<div class='title'>Most read</div>").
LABEL_TAGS = frozenset({"div", "span", "p", "strong", "b", "header", "legend", "dt", "em", "a"})
LABEL_CLASS_WORDS = frozenset(
    {"title", "heading", "header", "head", "hed", "label", "caption", "headline", "headlines"}
)
LEAD_TAGS = frozenset({"strong", "b", "em", "i", "span", "u", "font"})
# Parts of a link that are not its title: dates, ranks, sources, labels, hidden code.
SKIP_TEXT_TAGS = frozenset({"time", "script", "style", "noscript", "template", "svg", "button"})
TITLE_NOISE_WORDS = frozenset(
    {
        "date",
        "time",
        "timestamp",
        "ago",
        "source",
        "provider",
        "branding",
        "brand",
        "rank",
        "number",
        "num",
        "count",
        "prefix",
        "byline",
        "author",
        "kicker",
        "eyebrow",
        "duration",
        "label",
        "badge",
        "flag",
        "sr",
        "visually",
        "dachzeile",
        "overline",
        "surtitre",
        "hidden",
        "screen",
        "icon",
        "comments",
        "comment",
        "meta",
        "category",
        "section",
        "tag",
        "cta",
        "sponsor",
        "sponsored",
    }
)
NOT_SUMMARY_WORDS = frozenset(
    {"byline", "author", "date", "time", "timestamp", "meta", "source", "provider", "label"}
)
# Short lines with digits in a story item are dates and bylines, not teasers.
SHORT_META_CHARS = 50
TITLE_WORDS = frozenset(
    {"title", "headline", "heading", "hed", "head", "titel", "titre", "titulo", "titolo"}
)
SUMMARY_NOT_TITLE = frozenset({"subtitle", "sub", "description", "desc", "summary", "dek"})
INLINE_TAGS = frozenset({"p", "li", "div", "h3", "h4", "h5", "h6", "blockquote", "strong"})
_BARE_LABEL_TAGS = frozenset({"span", "strong", "b", "div", "dt", "em", "legend", "figcaption"})
# The tags the candidate pass looks at; links, images, scripts, table cells and the like
# are skipped without building Python objects for them (that is most of the pass's cost).
# Links are left out: a third of all elements, and never blocks or labels themselves.
_SCAN_TAGS = tuple(
    sorted((BLOCK_TAGS | LABEL_TAGS | INLINE_TAGS | HEADING_TAGS | _BARE_LABEL_TAGS) - {"a"})
)
_SPECIAL_TAGS = INLINE_TAGS | HEADING_TAGS | {"a"}

# Links whose text has fewer words than this are menu items or tags, not story titles.
MIN_TITLE_WORDS = 3
# ... except in a block the page itself calls related/recommended (short real titles).
MIN_TITLE_WORDS_STRONG = 2
# Titles in scripts without spaces (CJK) are measured in characters instead.
MIN_TITLE_CHARS_NOSPACE = 6
# Structural blocks need this many items, each with a title this long: lists of long
# links are what rails look like, and what menus and tag clouds do not.
MIN_STRUCT_ITEMS = 4
MIN_STRUCT_TITLE_WORDS = 5
# In a block where this share of story URLs carry a numeric id, id-less ones are sections.
ID_SHARE = 0.7
# Paragraphs with more letters than this (spaces not counted) are story prose.
PROSE_CHARS = 70
# How far up a block's ancestors the comment/share/newsletter check looks.
MAX_FURNITURE_DEPTH = 8
# An inline module is a short element ("READ MORE: <a>...</a>"), not a container.
MAX_INLINE_CHILDREN = 8
# "More from Sport", "Plus de Culture": a link this short after an open heading phrase is
# the block's "see all" link; a longer one is a story title that happens to start alike.
MAX_LABEL_LINK_WORDS = 4
# A provider name is a few words ("Associated Press", "The Motley Fool").
MAX_PROVIDER_WORDS = 4
# Characters of a possible heading read before deciding whether to read it all.
HEADING_PEEK_CHARS = 120
# Longest text of a heading element looked at (characters).
MAX_HEADING_CHARS = 90
# Room for an inline module's label ("Also on National Post Herald:") beside its links.
INLINE_LABEL_CHARS = 40
# A link inside a paragraph with this much more text than the link is a sentence link.
SENTENCE_EXTRA_CHARS = 60
# A heading's nearest region with links to this many stories (one card) may be the label's
# own box: the block widens one level to take the cards beside it.
SINGLE_STORY_LINKS = 1
# A heading-started block is looked for at most this many ancestors up...
MAX_HEADING_CLIMB = 4
# ... in ancestors no larger than this many elements (beyond that it is the page body).
MAX_REGION_ELEMENTS = 2500
# A block with this many long paragraphs under one parent, and more letters than this in
# them, is an article wrapper, not a rail (a rail's teasers sit in separate items).
WRAPPER_PARAGRAPHS = 3
MAX_BLOCK_PROSE_CHARS = 850
# A block whose links are mostly rejected (menus, tags) is not a story list.
MIN_STORY_LINK_SHARE = 0.2
# A page is an article when this many long paragraphs sit side by side: a short news
# brief has two, while index pages give each teaser paragraph its own card.
ARTICLE_PARAGRAPHS = 2
# Structure-only blocks, the fallback when no heading, token or label names a rail: a run
# of sibling teaser items, each holding one same-site story link that reads like a headline.
# Three cards side by side is the smallest rail real pages print ("FEMAIL TODAY", a strip
# of stories above the article); two links are a pair in a box, not a list.
MIN_TEASER_ITEMS = 3
# Longer runs are archives, site maps and tables of contents, not recommendations.
MAX_TEASER_ITEMS = 15
# A headline has a few words: shorter texts are menu items, longer ones are sentences.
MIN_TEASER_WORDS = 4
MAX_TEASER_WORDS = 25
# Scores and tables ("FINAL COM 118 LIO 111") are mostly digits; headlines are words.
MAX_TEASER_DIGIT_SHARE = 0.15
# How far above a link its item's container may sit (link < h3 < card < grid).
MAX_TEASER_CLIMB = 5
# The share of a container's child elements (of the items' tag) that must be teasers: a
# rail is made of its cards, not a page column where three cards happen to sit.
MIN_TEASER_SHARE = 0.6

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"\d{4,}")
# A story id in a path: a run of digits, or a hex hash with a digit in it ("c16cc0b092f1").
_PATH_ID = re.compile(r"\d{4,}|(?=[0-9a-f]*\d)[0-9a-f]{8,}")
_ARTICLE_EXT = re.compile(r"\.(?:s?html?|php|aspx?|cms|ece)$")


@dataclass
class _Block:
    """A candidate container of stories and why it was picked."""

    element: Any
    kind: str  # heading | inline | token (strong class/id word) | weak (needs structure)
    sponsored: bool = False
    start_after: Any = None  # heading element: only links after it count
    links: list[Any] = field(default_factory=list)


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _plain(text: str) -> str:
    """Lowercase with straight apostrophes: the form rule words are compared in."""
    return text.lower().replace("’", "'").replace("‘", "'")


def _words(text: str) -> int:
    return len(text.split())


@lru_cache(maxsize=8192)
def _name_words(name: str) -> tuple[str, ...]:
    """One class/id name as lowercase words (split on -, _ and camelCase); cached per name."""
    return tuple(word for word in _SPLIT.split(_CAMEL.sub(" ", name).lower()) if word)


def _class_words(element: Any) -> tuple[tuple[str, ...], ...]:
    """Each class/id name of the element as its words."""
    class_attr = element.get("class")
    id_attr = element.get("id")
    if not class_attr and not id_attr:
        return ()
    return _attr_words(class_attr or "", id_attr or "")


_NO_WORDS: frozenset[str] = frozenset()


def _flat_words(element: Any) -> frozenset[str]:
    """Every word of every class/id name of the element, as one set (one C-level
    ``isdisjoint`` per element instead of a generator over its names)."""
    class_attr = element.get("class")
    id_attr = element.get("id")
    if not class_attr and not id_attr:
        return _NO_WORDS
    return _attr_flat(class_attr or "", id_attr or "")


@lru_cache(maxsize=16384)
def _attr_flat(class_attr: str, id_attr: str) -> frozenset[str]:
    return frozenset(word for words in _attr_words(class_attr, id_attr) for word in words)


@lru_cache(maxsize=16384)
def _attr_words(class_attr: str, id_attr: str) -> tuple[tuple[str, ...], ...]:
    return tuple(_name_words(name) for name in f"{class_attr} {id_attr}".split())


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?:^| )(?:{alternatives})(?: |$)")


_STRONG = _phrase_pattern(t for t in rules.BLOCK_TOKENS if t not in rules.WEAK_TOKENS)
_WEAK = _phrase_pattern(rules.WEAK_TOKENS)


@lru_cache(maxsize=8192)
def _name_signal(name: str) -> tuple[bool, bool, bool]:
    """(strong story token, weak token, ad network) for one class/id name; cached."""
    words = _name_words(name)
    if not words or rules.NEGATIVE_TOKENS.intersection(words):
        return False, False, False
    joined = " ".join(words)
    return (
        _STRONG.search(joined) is not None,
        _WEAK.search(joined) is not None,
        # "js-outbrain-anchor" is a script hook where a widget may appear, not the widget.
        words[0] != "js" and not rules.AD_NETWORK_TOKENS.isdisjoint(words),
    )


def _token_signal(element: Any) -> tuple[bool, bool, bool]:
    """(strong story token, weak token, ad network) from the element's class/id."""
    strong = weak = network = False
    for name in f"{element.get('class') or ''} {element.get('id') or ''}".split():
        s, w, n = _name_signal(name)
        strong, weak, network = strong or s, weak or w, network or n
    return strong, weak, network


_NEGATIVE_FIRST = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "footer",
        "breadcrumb",
        "breadcrumbs",
        "topbar",
        # Headline tickers and drop-down menus repeat "Latest" lists on every page.
        "ticker",
        "megamenu",
        "mega",
        "dropdown",
        "offcanvas",
        "drawer",
    }
)
# "megamenu", "subnav", "sidenav", "mainmenu": one word that still names a menu.
_MENU_SUFFIXES = ("menu", "nav")
_NEGATIVE_LAST = frozenset({"nav", "navbar", "menu", "navigation", "breadcrumbs"})
# "site-footer" is page furniture; "content-footer" / "article-footer" often hold related rails.
_SITE_WORDS = frozenset({"site", "page", "global", "main", "bottom", "wp", "colophon"})


def _negative(element: Any, footers: bool = True) -> bool:
    """True for menus, footers and other page furniture (by tag, role or class words).

    ``footers=False`` lets a <div class="site-footer"> through: the rules exclude what is
    inside a <footer> element, and a block whose own heading says "Most popular" in a
    footer-classed div is still a story list (token and structure blocks are not trusted
    there: footer-classed divs are mostly link farms of legal and section pages)."""
    if element.tag in EXCLUDED_TAGS:
        # WordPress widgets wrap their lists in <nav aria-label="Recent Posts">: a story
        # list by its own label, not a menu.
        label = element.get("aria-label") if element.tag == "nav" else None
        return not (label and _heading_match(label))
    role = element.get("role")
    if role and role.lower() in EXCLUDED_ROLES:
        return True
    if element.tag in ("html", "body"):
        return False  # their classes are feature-flag soup ("NoMegaMenu", "hasSubnav")
    class_attr = element.get("class")
    id_attr = element.get("id")
    return bool(class_attr or id_attr) and _negative_words(class_attr or "", id_attr or "", footers)


@lru_cache(maxsize=16384)
def _negative_words(class_attr: str, id_attr: str, footers: bool = True) -> bool:
    for words in _attr_words(class_attr, id_attr):
        if not words:
            continue
        if words[0] == "footer" or (words[-1] == "footer" and words[0] in _SITE_WORDS):
            if footers:
                return True
            continue
        if words[0] in _NEGATIVE_FIRST or words[-1] in _NEGATIVE_LAST:
            return True
        if words[0].endswith(_MENU_SUFFIXES):
            return True
    return False


def _heading_match(text: str) -> bool:
    """True for a block label such as "Most read", "MORE FROM SPORT »", "Mehr zum Thema"."""
    lowered = _plain(text).strip(" :»›>|-–—【】「」[]()")
    if not _HEADING_START(lowered):
        lowered = lowered.replace("-", " ")  # "Most-read", "Read-next"
        if not _HEADING_START(lowered):
            return False
    words = _words(lowered)
    if words > rules.MAX_HEADING_WORDS:
        return False
    if lowered.startswith(rules.HEADING_REJECTS):
        return False
    for prefix in rules.HEADING_PREFIXES:
        if lowered.startswith(prefix):
            rest = lowered[len(prefix) :]
            if prefix.endswith(" "):
                # "More from <section>" names something short; a longer text is a sentence.
                if words <= rules.MAX_OPEN_HEADING_WORDS:
                    return True
            elif not rest or not rest[0].isalnum():
                return True
    return False


def _comment_link(link: Any) -> bool:
    """A link to a comment thread ("12 comments" -> story#comments). A story title that
    happens to jump to the comments ("City FC name new manager" -> ...#comments-top)
    is still that story: its text, not only its fragment, decides."""
    href = link.get("href") or ""
    fragment = href.partition("#")[2]
    if not fragment or not rules.EXCLUDED_FRAGMENTS.match(fragment):
        return False
    text = _plain(_text(link))
    return (
        _words(text) < MIN_TITLE_WORDS
        or any(c.isdigit() for c in text)
        or not rules.COMMENT_LINK_WORDS.isdisjoint(_SPLIT.split(text))
    )


def _label_before(container: Any) -> Any:
    """The heading just above a run of teasers ("Sponsored Features"), if there is one: it
    can flag the run as paid and name its own "see all" hub."""
    previous = container.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()  # comments between the heading and the list
    return previous if previous is not None and previous.tag in HEADING_TAGS else None


def _tag(element: Any) -> str | None:
    return element.tag if element is not None else None


def _prose_around_links(paragraph: Any) -> bool:
    """True for a paragraph with more words than a module's label around its links."""
    around = len(_text(paragraph)) - sum(len(_text(link)) for link in paragraph.iter("a"))
    return around > INLINE_LABEL_CHARS


def _image_label(heading: Any) -> str:
    """The words of a heading drawn as an image: its logo's alt text or its aria-label
    ("<h2><img alt='More from NBC News'></h2>" says "More from NBC News" aloud)."""
    label = heading.get("aria-label") or ""
    if not label:
        img = next(heading.iter("img"), None)
        label = (img.get("alt") or "") if img is not None else ""
    return " ".join(label.split())


def _sponsored_label(text: str) -> bool:
    lowered = text.lower().strip(" :·•|-–—()[]")
    return len(lowered) <= rules.MAX_LABEL_CHARS and (
        lowered in rules.SPONSORED_LABELS
        or any(lowered.startswith(label + " ") for label in ("sponsored by", "ad by", "paid by"))
    )


class _Finder:
    """One page's capture: collects candidate blocks, then turns their links into stories."""

    def __init__(self, root: Any, base_url: str | None, page_url: str | None) -> None:
        self.root = root
        self.base = base_url or page_url
        self.self_urls = {
            normalize_url(url) for url in (base_url, page_url) if url and "://" in url
        }
        self.self_hosts = {urlsplit(url).hostname for url in self.self_urls}
        self.prose: dict[Any, int] = {}
        self.prose_count: dict[Any, int] = {}
        self.negative: dict[Any, bool] = {}
        self.urls: dict[tuple[str, bool, bool], str | None] = {}
        self.resolved: dict[str, str | None] = {}
        self.alive: list[Any] = []
        self.prose_parents: list[Any] | None = None

    # --- pass 1: candidates ------------------------------------------------------------------

    def candidates(self) -> list[_Block]:
        """One pass over the tree: token blocks, headings, inline modules, prose sizes.

        Per element only two attribute reads and a cached lookup happen; text is read only
        for paragraphs and possible headings. (This loop is most of capture's cost.)
        """
        blocks: list[_Block] = []
        headings: list[Any] = []
        prose = self.prose
        prose_count = self.prose_count
        signals = _SIGNALS
        first_chars = _HEADING_FIRST_CHARS
        # lxml skips the other tags in C. The list keeps the Python proxies of the scanned
        # elements alive for the whole capture: lxml.html builds each proxy through a
        # Python class lookup, and later passes (regions, ancestors, items) would
        # otherwise build them again.
        self.alive = list(self.root.iter(*_SCAN_TAGS))
        for element in self.alive:
            tag = element.tag
            class_attr = element.get("class")
            id_attr = element.get("id")
            if class_attr or id_attr:
                info = 0
                if class_attr:
                    known = signals.get(class_attr)
                    info = _class_signal(class_attr) if known is None else known
                if id_attr:
                    id_info = signals.get(id_attr)
                    info |= _class_signal(id_attr) if id_info is None else id_info
                if info:
                    if tag in BLOCK_TAGS:
                        if info & (_STRONG_BIT | _NETWORK_BIT):
                            blocks.append(
                                _Block(element, "token", sponsored=bool(info & _NETWORK_BIT))
                            )
                        elif info & _WEAK_BIT:
                            blocks.append(_Block(element, "weak"))
                    if info & _LABEL_BIT and tag in LABEL_TAGS and tag != "p":
                        headings.append(element)
                if tag in BLOCK_TAGS:
                    aria = element.get("aria-label")
                    if aria and _heading_match(aria):
                        blocks.append(_Block(element, "token"))
            if tag in _BARE_LABEL_TAGS and not len(element):
                # An unclassed label: <div class="box"><span>Most popular</span><ul>...
                text = element.text
                if (
                    text
                    and len(text) < MAX_HEADING_CHARS
                    and text.lstrip(_LEAD_STRIP)[:1].lower() in first_chars
                    and _HEADING_START(_plain(" ".join(text.split()).strip(_LEAD_STRIP)))
                ):
                    headings.append(element)
            if tag not in _SPECIAL_TAGS:
                continue
            if tag == "p":
                raw = element.text_content()
                # Letters, not layout: indentation in the source must not count, and
                # counting is far cheaper than splitting long paragraphs into words.
                size = len(raw) - raw.count(" ") - raw.count("\n") - raw.count("\t")
                if size > PROSE_CHARS:
                    parent = element.getparent()
                    if parent is not None:
                        prose[parent] = prose.get(parent, 0) + size
                        prose_count[parent] = prose_count.get(parent, 0) + 1
                elif raw.lstrip(_LEAD_STRIP)[:1].lower() in first_chars:
                    headings.append(element)  # a short paragraph that may be a label
            elif tag in HEADING_TAGS:
                content = element.text_content()
                if content.lstrip(_LEAD_STRIP)[:1].lower() in first_chars:
                    headings.append(element)
                elif (content.isspace() or not content) and _image_label(element):
                    headings.append(element)  # a logo heading: <h2><img alt="More from X">
            if tag in INLINE_TAGS:
                # "READ MORE: <a>..." - the label is the element's own leading text, or
                # (in a paragraph) the text of a leading <strong>/<b>.
                lead = element.text
                if lead and not lead.isspace():
                    if len(element) <= MAX_INLINE_CHILDREN:
                        self._inline(element, lead, blocks)
                elif tag == "p" and len(element):
                    first = element[0]
                    if first.tag in LEAD_TAGS and first.text:
                        self._inline(element, first.text, blocks)
        for heading in headings:
            text = heading.text_content()[:HEADING_PEEK_CHARS]
            if heading.tag in HEADING_TAGS and (not text or text.isspace()):
                text = _image_label(heading)
            head = _plain(" ".join(text.split()).lstrip(_LEAD_STRIP))
            if not _HEADING_START(head) and not _HEADING_START(head.replace("-", " ")):
                continue  # cheap look at the first characters before reading the whole text
            text = _text(heading) or _image_label(heading)
            if len(text) < MAX_HEADING_CHARS and _heading_match(text):
                if heading.tag == "p" and heading.find(".//a") is not None:
                    continue
                block = self._heading_block(heading)
                if block is not None:
                    blocks.append(block)
        return blocks

    def _inline(self, element: Any, lead: str, blocks: list[_Block]) -> None:
        if lead.lstrip()[:1].lower() not in _INLINE_FIRST_CHARS:
            return  # most paragraphs: no label can start with their first letter
        lowered = _plain(" ".join(lead[:MAX_HEADING_CHARS].split()))
        if not _INLINE_START(lowered) or element.find(".//a") is None:
            return
        if not rules.NEGATIVE_TOKENS.isdisjoint(_flat_words(element)):
            return
        around = len(_text(element)) - sum(len(_text(link)) for link in element.iter("a"))
        if around > INLINE_LABEL_CHARS + SENTENCE_EXTRA_CHARS:
            return  # "More: the company said ... <a>" is a sentence, not a module of links
        blocks.append(_Block(element, "inline"))

    def _heading_block(self, heading: Any) -> _Block | None:
        """The links that follow a matching heading inside its nearest useful ancestor."""
        if heading.tag in HEADING_TAGS:
            rank = int(heading.tag[1])
        else:  # <div class="title"><h2>More on this story</h2>: the h2's rank, so that
            # the <h3> titles of the cards that follow do not end the block
            inner = next(heading.iterdescendants(*HEADING_TAGS), None)
            rank = int(inner.tag[1]) if inner is not None else 7
        region = heading
        for _ in range(MAX_HEADING_CLIMB):
            region = region.getparent()
            if region is None or region.tag == "html":
                return None
            if region.tag == "body" and region is not heading.getparent():
                return None  # climbed out of every box: the heading labels the whole page
            links = self._links_after(region, heading, rank)
            if links is None:
                return None
            if links:
                region, links = self._widen(region, heading, rank, links)
                return _Block(region, "heading", start_after=heading, links=links)
            if region.find(".//li") is not None and region.find(".//a[@href]") is None:
                # A list without links (a text dump): stories with a title and a teaser.
                return _Block(region, "heading", start_after=heading, links=[])
        return None

    def _widen(
        self, region: Any, heading: Any, rank: int, links: list[Any]
    ) -> tuple[Any, list[Any]]:
        """An "Up next" label over one card, with the rest of the queue beside its box:
        when the nearest region holds a single story, the next ancestor's links that
        follow the heading (up to the next heading of its rank) belong to the block too,
        unless that ancestor holds the article's prose or the label sits in a paragraph."""
        if len({link.get("href") for link in links}) > SINGLE_STORY_LINKS:
            return region, links
        parent = region.getparent()
        if parent is None or parent.tag in ("body", "html") or region.tag == "p":
            return region, links  # an inline "Read more:" line is one story by design
        if any(node is parent or parent in node.iterancestors() for node in self.prose):
            return region, links  # holds story prose: its other links are not the queue
        wider = self._links_after(parent, heading, rank)
        if wider and len(wider) > len(links):
            return parent, wider
        return region, links

    def _links_after(self, region: Any, heading: Any, rank: int) -> list[Any] | None:
        inside = set(heading.iter())
        seen = False
        links: list[Any] = []
        # A label paragraph in the story ("<p><strong>MORE FROM X</strong></p>") heads the
        # run of link paragraphs below it; the first paragraph of prose ends its module.
        parent = heading.getparent()
        label_p = heading if heading.tag == "p" else parent if _tag(parent) == "p" else None
        story_column = label_p.getparent() if label_p is not None else None
        for count, element in enumerate(region.iter()):
            if count > MAX_REGION_ELEMENTS:
                return None
            if element is heading:
                seen = True
                continue
            if not seen or element in inside:
                continue
            tag = element.tag
            if (
                tag in HEADING_TAGS
                and int(tag[1]) <= rank
                and not _titled_link(element)
                and next(element.iterancestors("a"), None) is None
            ):
                break  # the next section of the page
            if (
                tag == "p"
                and story_column is not None
                and element.getparent() is story_column
                and _prose_around_links(element)
            ):
                break  # the story goes on: the label's module is over
            if tag == "a":
                links.append(element)
        return links

    # --- pass 2: stories ------------------------------------------------------------------

    def run(self) -> list[Story]:
        blocks = self.candidates()
        main = max(self.prose, key=self.prose.__getitem__) if self.prose else None
        blocks.extend(self._teaser_runs(main))
        stories: list[tuple[tuple[int, ...], Story]] = []
        seen_urls: set[str] = set()
        seen_titles: set[str] = set()
        for block in self._accepted(blocks, main):
            for position, story in self._stories(block):
                key = normalize_url(story.url) if story.url else story.title.lower()
                target = seen_urls if story.url else seen_titles
                if key in target or (story.url and key in self.self_urls):
                    continue
                target.add(key)
                stories.append((position, story))
        stories.sort(key=lambda pair: pair[0])
        return [story for _, story in stories]

    def _accepted(self, blocks: list[_Block], main: Any) -> Iterator[_Block]:
        """Blocks that survive the page-furniture checks, outermost first, no nesting twice."""
        taken: set[Any] = set()
        kind_rank = {"heading": 0, "inline": 1, "token": 2, "weak": 3, "teasers": 4}
        blocks.sort(key=lambda b: kind_rank[b.kind])
        for block in blocks:
            element = block.element
            if element in taken:
                continue
            ancestors = list(element.iterancestors())
            footers = block.kind != "heading"
            if self._negative(element, footers) or any(
                self._negative(a, footers) for a in ancestors
            ):
                continue
            if any(a in taken for a in ancestors):
                continue
            if _furniture(element, True) or any(
                _furniture(a, False) for a in ancestors[:MAX_FURNITURE_DEPTH]
            ):
                continue  # inside comments, share bars, newsletter boxes...
            network = block.sponsored or any(_token_signal(a)[2] for a in ancestors[:6])
            block.sponsored = network or self._labelled_sponsored(block)
            if (
                block.kind in ("token", "weak")
                and element.find(".//a[@href]") is not None
                and self._wrapper(element)
            ):
                continue  # an article wrapper whose class happens to say "related"
            if block.kind == "weak" and not (self._has_article() and self._structural(element)):
                continue  # weak names count only beside an article (an index page is no rail)
            if block.kind == "token" and main is not None and element is main:
                continue
            if (
                block.kind == "teasers"
                and main is not None
                and (
                    element is main
                    or any(a is main for a in ancestors)
                    or any(a is element for a in main.iterancestors())
                )
            ):
                continue  # cards inside (or around) the story's own column are its content
            taken.add(element)
            yield block

    def _teaser_runs(self, main: Any) -> list[_Block]:
        """Rails no word names: runs of sibling teaser items (cards, list items), each with
        one same-site story link whose text reads like a headline ("FEMAIL TODAY" over three
        thumbnails, an unlabelled strip of stories above the article).

        Only on article pages, and only for the page's own site: link farms, archives and
        partner lists point elsewhere or sit on index pages."""
        if main is None or not self._has_article():
            return []
        hosts = self._site_hosts()
        if not hosts:
            return []
        keyed: list[tuple[Any, str]] = []
        keys: dict[str, str | None] = {}  # href -> story key on this site, or None
        for link in self._outside_story_links(main):
            href = link.get("href")
            if href not in keys:
                url = (
                    self._story_url(link, relaxed=False) if _maybe_same_site(href, hosts) else None
                )
                same = url is not None and _site(_host(url)) in hosts
                keys[href] = normalize_url(url) if same and url else None
            key = keys[href]
            if key is not None and _headline(link.text_content()):
                keyed.append((link, key))
        if len({key for _, key in keyed}) < MIN_TEASER_ITEMS:
            return []
        holders: dict[Any, set[str]] = {}
        chains: list[list[Any]] = []
        for link, key in keyed:
            chain: list[Any] = []
            for ancestor in link.iterancestors():
                chain.append(ancestor)
                holders.setdefault(ancestor, set()).add(key)
                if len(chain) > MAX_TEASER_CLIMB:
                    break
            chains.append(chain)
        runs: dict[Any, dict[Any, str]] = {}
        for (link, key), chain in zip(keyed, chains, strict=True):
            item = link
            for ancestor in chain:
                if holders[ancestor] != {key}:
                    if item is not link:  # a bare link is a menu entry, not a card
                        runs.setdefault(ancestor, {})[item] = key
                    break
                item = ancestor
        blocks = []
        for container, items in runs.items():
            if not MIN_TEASER_ITEMS <= len(items) <= MAX_TEASER_ITEMS:
                continue
            tags = {item.tag for item in items}
            if len(tags) != 1:
                continue
            siblings = sum(1 for child in container if child.tag in tags)
            if len(items) < MIN_TEASER_SHARE * siblings:
                continue  # a page column where a few cards sit among other boxes
            if sum(_story_shaped(item, key) for item, key in items.items()) < MIN_TEASER_ITEMS:
                continue  # bare links to undated pages: a docs or wiki sidebar, not a rail
            blocks.append(_Block(container, "teasers", start_after=_label_before(container)))
        return blocks

    def _outside_story_links(self, main: Any) -> Iterator[Any]:
        """Headline-length links outside the story's column and outside page menus: the
        siblings of the column and of each of its ancestors, searched in C. (Teaser runs
        inside the column are its own content, so its subtree is never read.)"""
        select = _teaser_links()
        node = main
        parent = node.getparent()
        while parent is not None:
            for sibling in parent:
                tag = sibling.tag
                if (
                    sibling is not node
                    and len(sibling)  # a leaf holds no card (a bare link is no card)
                    and isinstance(tag, str)
                    and not self._negative(sibling)
                    and not _furniture(sibling, True)
                ):
                    yield from select(sibling)  # menus, footers, comment threads skipped
            node, parent = parent, parent.getparent()

    def _site_hosts(self) -> set[str]:
        """The page's own site: its address, and the canonical/og:url it declares."""
        hosts = {_site(host) for host in self.self_hosts if host}
        head = self.root.find("head")
        if head is not None:
            canonical = head.find("link[@rel='canonical']")
            og_url = head.find("meta[@property='og:url']")
            for url in (
                canonical.get("href") if canonical is not None else None,
                og_url.get("content") if og_url is not None else None,
            ):
                if url and "://" in url:
                    hosts.add(_site(_host(url.strip())))
        hosts.discard("")
        return hosts

    def _has_article(self) -> bool:
        """True when some container holds running prose: the page is an article."""
        return any(count >= ARTICLE_PARAGRAPHS for count in self.prose_count.values())

    def _wrapper(self, element: Any) -> bool:
        """True when the element holds running prose: several long paragraphs side by side
        (an article), unlike a rail whose teasers each sit in their own item."""
        if self.prose_parents is None:
            # The few parents of running prose, found once: asking whether one of them
            # lies inside a block is far cheaper than walking every block's subtree.
            self.prose_parents = [
                node
                for node, count in self.prose_count.items()
                if count >= WRAPPER_PARAGRAPHS and self.prose[node] > MAX_BLOCK_PROSE_CHARS
            ]
        for node in self.prose_parents:
            if node is element or any(a is element for a in node.iterancestors()):
                return True
        return False

    def _structural(self, element: Any) -> bool:
        """Several long links to article-like URLs: the shape of a rail of stories."""
        urls = set()
        for link in element.iter("a"):
            url = self._story_url(link, relaxed=False)
            if url and _words(_text(link)) >= MIN_STRUCT_TITLE_WORDS:
                urls.add(url)
                if len(urls) >= MIN_STRUCT_ITEMS:
                    return True
        return False

    def _labelled_sponsored(self, block: _Block) -> bool:
        heading = block.start_after
        if heading is not None and _sponsored_label(_text(heading)):
            return True
        text = _text(heading) if heading is not None else ""
        lowered = text.lower()
        return any(word in lowered for word in rules.SPONSORED_HEADING_WORDS)

    # --- links -------------------------------------------------------------------------------

    def _story_url(self, link: Any, relaxed: bool, lenient: bool = False) -> str | None:
        """The link's absolute URL when it can be a story, else None (cached per href)."""
        href = link.get("href")
        if not href:
            return None
        key = (href, relaxed, lenient)
        if key not in self.urls:
            self.urls[key] = self._check_url(href, relaxed, lenient)
        return self.urls[key]

    def _check_url(self, href: str, relaxed: bool, lenient: bool) -> str | None:
        url = self.resolved.get(href, "")
        if url == "":
            url = self.resolved[href] = resolve(href, self.base)
        if url is None:
            return None
        parts = _split(url)
        host = _host(url)
        if normalize_url(url) in self.self_urls:
            return None
        if _host_in(host, rules.AD_HOSTS):
            return url
        if _host_in(host, rules.EXCLUDED_HOSTS):
            return None
        path = parts.path.lower()
        if rules.EXCLUDED_PATH.search(path) or rules.EXCLUDED_QUERY.search(parts.query):
            return None
        if relaxed and host not in self.self_hosts:
            return url if path.strip("/") else None  # a site's front page is no story
        return url if _article_like(path, parts.query, lenient) else None

    def _stories(self, block: _Block) -> Iterator[tuple[tuple[int, ...], Story]]:
        element = block.element
        links = block.links if block.kind == "heading" else list(element.iter("a"))
        relaxed = block.sponsored
        strong = block.kind in ("heading", "token", "inline")
        min_words = MIN_TITLE_WORDS_STRONG if strong else MIN_TITLE_WORDS
        by_url: dict[str, list[Any]] = {}
        ad_only: set[str] = set()  # external links that count only in an item labelled "Ad"
        first_url: dict[str, str] = {}
        rejected = 0
        lenient = block.kind in ("heading", "inline")
        for link in links:
            if self._in_excluded(link, element) or _comment_link(link):
                continue
            url = self._story_url(link, relaxed, lenient)
            strict = url is not None
            if url is None and not relaxed:
                url = self._story_url(link, True)
                if url is not None and _words(_text(link)) < MIN_TITLE_WORDS:
                    url = None
            if url is None or (block.kind != "inline" and self._sentence_link(link)):
                if (link.get("href") or "").strip() not in ("", "#"):
                    rejected += 1
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
            yield from self._linkless(block)
            return
        total = len(by_url) - len(ad_only) + rejected
        kept = len(by_url) - len(ad_only)
        if block.kind != "inline" and total and kept / total < MIN_STORY_LINK_SHARE:
            return  # mostly menu/tag links: a navigation block with a misleading name
        _drop_odd_urls(by_url, ad_only)
        if block.start_after is not None:
            _drop_hub_urls(by_url, _text(block.start_after))
        items = _items(element, by_url)
        for key, group in by_url.items():
            item = items.get(key, group[0])
            url = first_url[key]
            title = _title(group, item)
            if not _title_ok(title, min_words) or _label_title(title):
                continue
            if block.kind == "inline":
                item = group[0]
            sponsored = block.sponsored or _item_sponsored(item, group, url)
            if key in ad_only and not sponsored:
                continue  # an outside link that is neither a story URL nor a labelled ad
            story = Story(
                title=title,
                url=url.split("#", 1)[0] if "#" in url else url,
                summary=_summary(item, title) if item is not group[0] else "",
                source=_source(item, title),
                image=self._image(item),
                sponsored=sponsored,
            )
            yield _doc_key(group[0]), story

    def _linkless(self, block: _Block) -> Iterator[tuple[tuple[int, ...], Story]]:
        """Stories without links (text dumps): list items with a heading and a teaser."""
        element = block.element
        for item in element.iter("li"):
            heading = next((h for h in item.iter() if h.tag in HEADING_TAGS), None)
            if heading is None:
                continue
            title = _text(heading)
            if not title:
                continue
            summary = " ".join(_text(p) for p in item.iter("p") if _text(p))
            promo = f"{title} {summary}".lower()
            sponsored = block.sponsored or any(w in promo for w in rules.PROMOTION_WORDS)
            yield _doc_key(item), Story(title=title, summary=summary, sponsored=sponsored)

    def _negative(self, element: Any, footers: bool = True) -> bool:
        """``_negative`` remembered per element: links of one block share their ancestors."""
        if not footers:
            return _negative(element, False)
        known = self.negative.get(element)
        if known is None:
            known = self.negative[element] = _negative(element)
        return known

    def _in_excluded(self, link: Any, block: Any) -> bool:
        """True for links in page furniture inside a block, and previous/next-post links."""
        rel = link.get("rel")
        if rel and not {"prev", "next"}.isdisjoint(rel.lower().split()):
            return True
        if _adjacent_post(link) or _adjacent_post(link.getparent()):
            return True
        for ancestor in link.iterancestors():
            if ancestor is block:
                return False
            if self._negative(ancestor):
                return True
        return False

    def _sentence_link(self, link: Any) -> bool:
        """An ordinary link inside the story's sentences (much more text around it)."""
        for ancestor in link.iterancestors():
            tag = ancestor.tag
            if tag == "p" or tag == "blockquote":
                extra = len(_text(ancestor)) - len(_text(link))
                return extra > SENTENCE_EXTRA_CHARS and not _starts_inline(ancestor)
            if tag in ("li", "div", "section", "article", "td", "aside", "body"):
                return False
        return False

    def _image(self, item: Any) -> str | None:
        for img in item.iter("img"):
            for attr in ("data-src", "data-lazy-src", "data-original", "src"):
                src = (img.get(attr) or "").strip()
                if src and not src.startswith("data:"):
                    return resolve(src, self.base)
            srcset = (img.get("srcset") or img.get("data-srcset") or "").strip()
            if srcset:
                return resolve(srcset.split(",")[0].split()[0], self.base)
        return None


# First letters of the heading and inline labels: one set lookup rejects most texts
# before any lowercasing and prefix matching.
def _prefix_pattern(prefixes: Iterable[str]) -> Callable[[str], re.Match[str] | None]:
    """``str.startswith(prefixes)`` as a regex trie: a tuple of hundreds of phrases is
    tried one by one, the trie rejects most texts after their first letters."""
    trie: dict[str, Any] = {}
    for prefix in prefixes:
        node = trie
        for char in prefix:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here: a text starting with it matches

    def build(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return re.compile(build(trie)).match


_HEADING_START = _prefix_pattern(rules.HEADING_PREFIXES)
_INLINE_START = _prefix_pattern(rules.INLINE_PREFIXES)
# Every heading phrase, for exact matches ("Most popular" as a whole link text).
_HEADING_SET = frozenset(p.strip() for p in rules.HEADING_PREFIXES)
# Characters before a label's words ("» Most read", "- Related -").
_LEAD_STRIP = " \t\r\n:»›>|-–—【「[("
_HEADING_FIRST_CHARS = frozenset(p[0] for p in rules.HEADING_PREFIXES)
_INLINE_FIRST_CHARS = frozenset(p[0] for p in rules.INLINE_PREFIXES)

_STRONG_BIT, _WEAK_BIT, _NETWORK_BIT, _LABEL_BIT = 1, 2, 4, 8
# class/id attribute value -> signal bits; pages repeat class strings hundreds of times.
_SIGNALS: dict[str, int] = {}
_MAX_SIGNALS = 50_000  # forget everything past this many distinct values (ids are unique)


def _class_signal(text: str) -> int:
    """Signal bits (strong token, weak token, ad network, label-like) of a class or id."""
    bits = 0
    if _CLASS_PREFILTER.search(text.lower()) is not None:
        for name in text.split():
            strong, weak, network = _name_signal(name)
            bits |= (
                (_STRONG_BIT if strong else 0)
                | (_WEAK_BIT if weak else 0)
                | (_NETWORK_BIT if network else 0)
            )
            if not LABEL_CLASS_WORDS.isdisjoint(_name_words(name)):
                bits |= _LABEL_BIT
    if len(_SIGNALS) > _MAX_SIGNALS:
        _SIGNALS.clear()
    _SIGNALS[text] = bits
    return bits


def _substring_pattern(needles: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of ``needles`` as a substring, built as a trie: Python's regex
    engine tries alternatives one by one, and a trie lets it fail after one character."""
    kept = {n for n in needles if not any(o != n and o in n for o in needles)}
    trie: dict[str, Any] = {}
    for needle in kept:
        node = trie
        for char in needle:
            node = node.setdefault(char, {})
        node[""] = {}  # a needle ends here; nothing longer is needed (substring test)

    def build(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return re.compile(build(trie))


# Every token phrase needs its longest word somewhere in the class/id text: one regex
# search rejects most class strings before any word splitting.
_CLASS_PREFILTER = _substring_pattern(
    {max(phrase.split(), key=len) for phrase in rules.BLOCK_TOKENS}
    | set(rules.AD_NETWORK_TOKENS)
    | LABEL_CLASS_WORDS
    | {"hed"}
)


# Links long enough to hold a headline of MIN_TEASER_WORDS words, picked out in C: the
# teaser pass then touches a few dozen links instead of every link of the page.
MIN_TEASER_CHARS = 20


@lru_cache(maxsize=1)
def _teaser_links() -> Any:
    """The compiled XPath (built on first use: lxml is imported late, see DESIGN.md)."""
    from lxml import etree

    return etree.XPath(  # regexp=False: no EXSLT set-up on each of its many calls
        f"descendant-or-self::a[@href][string-length(normalize-space()) >= {MIN_TEASER_CHARS}]",
        regexp=False,
    )


def _headline(text: str) -> bool:
    """Text that reads like a headline: a few words, mostly letters (not a score line)."""
    if not MIN_TEASER_WORDS <= _words(text) <= MAX_TEASER_WORDS:
        return False
    digits = len(_ANY_DIGIT.findall(text))
    return digits <= MAX_TEASER_DIGIT_SHARE * (len(text) - text.count(" "))


_ANY_DIGIT = re.compile(r"\d")


def _story_shaped(item: Any, key: str) -> bool:
    """A news item, not a page of a manual: its URL carries a date or an id, or the item is
    a card (a picture, a time, a teaser paragraph beside the link)."""
    if _PATH_ID.search(_split(key).path):
        return True
    return next(item.iter("img", "time", "p", "picture"), None) is not None


def _maybe_same_site(href: str, hosts: set[str]) -> bool:
    """A cheap look at an href before resolving it: relative links stay on the site,
    absolute ones must name one of its hosts; "#", mailto: and javascript: never do."""
    href = href.strip()
    if not href or href[0] == "#":
        return False
    if href.startswith("//"):
        href = "http:" + href
    elif "://" not in href[:12]:
        return ":" not in href.split("/", 1)[0]  # "mailto:x", "javascript:..." are schemes
    host = href.split("/", 3)[2].split("@")[-1].split(":")[0].lower()
    return _site(host) in hosts


def _site(host: str) -> str:
    """A host without its "www." (www.example.com and example.com are one site)."""
    return host[4:] if host.startswith("www.") else host


# A story URL is split several times (filters, ad hosts, section links): once is enough.
_split = lru_cache(maxsize=8192)(urlsplit)


@lru_cache(maxsize=8192)
def _host(url: str) -> str:
    return (_split(url).hostname or "").lower()


@lru_cache(maxsize=4096)
def _host_in(host: str, suffixes: tuple[str, ...]) -> bool:
    """True when ``host`` is one of ``suffixes`` or a subdomain of one; cached per host."""
    return any(host == s or host.endswith("." + s) for s in suffixes)


def _article_like(path: str, query: str, lenient: bool = False) -> bool:
    """Paths of single stories: a slug of several words, a date or a numeric id.

    ``lenient`` (blocks a heading or label names) also takes short blog slugs such as
    ``/blog/rust-async`` or ``/lemon-curd/``: the words already say the links are stories.
    """
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    last = _ARTICLE_EXT.sub("", segments[-1])
    if _DIGITS.search(path) or (query and _DIGITS.search(query)):
        return True
    slug_words = len([w for w in re.split(r"[-_+.]", last) if w])
    # (WordPress puts posts at the site root: "/lemon-curd/" under "You May Also Like".)
    if slug_words >= 3 or (lenient and slug_words >= 2):
        return True
    if _ARTICLE_EXT.search(segments[-1]) and last not in ("index", "default", "home"):
        return len(last) >= 8
    return len(segments) >= 3 and len(last) >= 12


def _furniture(element: Any, with_id: bool) -> bool:
    """Class words of comment threads, share bars, sign-up boxes and pagination.

    Ancestors are judged by class only: ids such as "gigya-share-btns_containerParent"
    sit on article wrappers, and <html>/<body> classes are feature-flag soup.
    """
    if element.tag in ("html", "body"):
        return False
    class_attr = element.get("class") or ""
    id_attr = (element.get("id") or "") if with_id else ""
    return bool(class_attr or id_attr) and _furniture_words(class_attr, id_attr)


@lru_cache(maxsize=16384)
def _furniture_words(class_attr: str, id_attr: str) -> bool:
    return any(not rules.FURNITURE_WORDS.isdisjoint(w) for w in _attr_words(class_attr, id_attr))


def _adjacent_post(element: Any) -> bool:
    """Class names of previous/next-post links ("nav-previous", "next-post", "prev")."""
    if element is None:
        return False
    for words in _class_words(element):
        if not words:
            continue
        if words[0] in rules.ADJACENT_FIRST_WORDS and (
            len(words) == 1 or words[-1] in rules.ADJACENT_LAST_WORDS
        ):
            return True
        if words[-1] in ("previous", "prev") or words == ("nav", "next"):
            return True
    return False


def _starts_inline(element: Any) -> bool:
    lowered = _plain(_text(element)[:40])
    return _INLINE_START(lowered) is not None


def _items(block: Any, by_url: dict[str, list[Any]]) -> dict[str, Any]:
    """Each story's item: its highest ancestor inside the block holding no other story."""
    owners: dict[Any, set[str]] = {}
    for key, group in by_url.items():
        for link in group:
            for ancestor in link.iterancestors():
                if ancestor is block:
                    break
                owners.setdefault(ancestor, set()).add(key)
    items: dict[str, Any] = {}
    for key, group in by_url.items():
        item = group[0]
        for ancestor in group[0].iterancestors():
            if ancestor is block or owners.get(ancestor, {key}) != {key}:
                break
            item = ancestor
        items[key] = item
    return items


def _titled_link(heading: Any) -> bool:
    """True when a heading holds a link with a story-like text (a story item's title)."""
    return any(_words(_text(link)) >= MIN_TITLE_WORDS for link in heading.iter("a"))


def _visible_text(element: Any) -> str:
    """Text of an element without scripts, dates, ranks, sources and other labels.

    Iterative (not recursive) so that absurdly deep markup cannot exhaust the stack.
    """
    if not len(element):
        return " ".join((element.text or "").split())
    from lxml import etree

    parts: list[str] = []
    hidden: set[Any] = set()
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if node is not element and (
                node.getparent() in hidden
                or not isinstance(node.tag, str)
                or node.tag in SKIP_TEXT_TAGS
                or not TITLE_NOISE_WORDS.isdisjoint(_flat_words(node))
            ):
                hidden.add(node)
            elif node.text:
                parts.append(node.text)
        elif node is not element and node.tail and node.getparent() not in hidden:
            parts.append(node.tail)
    return " ".join(" ".join(parts).split())


def _link_text(link: Any) -> str:
    """A link's title: its heading/title-classed part when it has one, else its text."""
    for element in link.iterdescendants():
        if not isinstance(element.tag, str):
            continue
        if element.tag in HEADING_TAGS or any(
            TITLE_WORDS.intersection(words) and not SUMMARY_NOT_TITLE.intersection(words)
            for words in _class_words(element)
        ):
            text = _visible_text(element)
            if text:
                return text
    return _visible_text(link)


def _title(group: list[Any], item: Any) -> str:
    """The visible text of the story's link; else its heading, image alt or title attr."""
    texts = [_link_text(link) for link in group]
    in_heading = [
        t
        for link, t in zip(group, texts, strict=True)
        if t and any(a.tag in HEADING_TAGS for a in link.iterancestors())
    ]
    if in_heading:
        return in_heading[0]
    useful = [t for t in texts if t and t.lower() not in rules.UTILITY_TEXTS]
    if useful:
        return max(useful, key=len) if len(useful) > 1 else useful[0]
    for link in group:  # an empty card link over the whole card says its title aloud
        label = " ".join((link.get("aria-label") or "").split())
        if label and label.lower() not in rules.UTILITY_TEXTS:
            return label
    heading = next((h for h in item.iter() if h.tag in HEADING_TAGS), None)
    if heading is not None:
        text = _visible_text(heading) or _text(heading)
        if text:
            return text
    for link in group:
        for img in link.iter("img"):
            alt = " ".join((img.get("alt") or "").split())
            if alt:
                return alt
        title = " ".join((link.get("title") or "").split())
        if title:
            return title.split("  ")[0]
    return ""


def _drop_odd_urls(by_url: dict[str, list[Any]], ad_only: set[str]) -> None:
    """Drop section links: a path other stories of the block live under ("/marketing/ai/"
    above "/marketing/ai/some-story"), and id-less links among links that carry ids."""
    folders: dict[str, set[str]] = {}  # host -> "/path/" of every candidate
    owns: dict[str, tuple[str, str]] = {}
    for key in by_url:
        parts = _split(key)
        own = parts.path.rstrip("/") + "/"
        owns[key] = (parts.netloc, own)
        if own != "/":
            folders.setdefault(parts.netloc, set()).add(own)
    for key, (host, own) in owns.items():
        if any(f != own and f.startswith(own) for f in folders.get(host, ())):
            del by_url[key]
    with_id = {key for key in by_url if _PATH_ID.search(_split(key).path.lower())}
    if len(with_id) >= 3 and len(with_id) >= ID_SHARE * (len(by_url) - len(ad_only - with_id)):
        hosts = {_host(key) for key in with_id}
        for key in [k for k in by_url if k not in with_id and _host(k) in hosts]:
            del by_url[key]


def _drop_hub_urls(by_url: dict[str, list[Any]], heading: str) -> None:
    """Drop the page a block's heading names: "/ultime-notizie/" under "Ultime notizie",
    "/most-popular" under "Most popular" (the block's own "see all" hub, not a story)."""
    name = _slug_words(heading)
    if not name:
        return
    for key in list(by_url):
        segments = [s for s in _split(key).path.split("/") if s]
        if segments and _slug_words(_ARTICLE_EXT.sub("", segments[-1])) == name:
            del by_url[key]


@lru_cache(maxsize=4096)
def _slug_words(text: str) -> tuple[str, ...]:
    """Words of a heading or URL slug, accents and case folded ("Últimas" == "ultimas")."""
    folded = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return tuple(w for w in re.split(r"[^a-z0-9]+", plain) if w)


def _doc_key(element: Any) -> tuple[int, ...]:
    """The element's place in the page: its child indexes from the root. Comparing these
    tuples gives document order, and only the few story elements need one (numbering
    every link of the page up front costs more than all of them together)."""
    path: list[int] = []
    parent = element.getparent()
    while parent is not None:
        path.append(parent.index(element))
        element, parent = parent, parent.getparent()
    path.reverse()
    return tuple(path)


def _label_title(title: str) -> bool:
    """Titles that are labels: utilities, block headings, sponsor notices."""
    lowered = title.lower().strip(" »›>.…")
    return (
        lowered in rules.UTILITY_TEXTS
        or _heading_title(lowered)
        or _sponsored_label(lowered)
        or lowered.startswith(rules.LABEL_TITLE_PREFIXES)
    )


def _heading_title(lowered: str) -> bool:
    """A link whose whole text is a block heading ("Most popular", "More from Sport"), not
    a story that starts like one ("Popular singer cancels tour", "Latest: talks fail")."""
    if not _heading_match(lowered):
        return False
    plain = _plain(lowered).strip(_LEAD_STRIP).replace("-", " ")
    if plain in _HEADING_SET:
        return True
    return (
        any(plain.startswith(p) for p in rules.HEADING_PREFIXES if p.endswith(" "))
        and _words(plain) <= MAX_LABEL_LINK_WORDS
    )


def _title_ok(title: str, min_words: int) -> bool:
    if not title:
        return False
    if " " not in title.strip():
        return len(title) >= MIN_TITLE_CHARS_NOSPACE and not title.isascii()
    return _words(title) >= min_words


def _summary(item: Any, title: str) -> str:
    """The teaser text of an item: a paragraph or summary-classed element, not the title."""
    title_low = title.lower()
    for element in item.iter():
        if not isinstance(element.tag, str) or element.tag == "a":
            continue
        words = _flat_words(element)
        if element.tag != "p" and rules.SUMMARY_TOKENS.isdisjoint(words):
            continue  # not a teaser
        if not NOT_SUMMARY_WORDS.isdisjoint(words):
            continue
        text = _visible_text(element)
        if len(text) < 20 or title_low in text.lower() or _sponsored_label(text):
            continue
        if (
            len(text) < SHORT_META_CHARS
            and (any(c.isdigit() for c in text) or text[:3] == "By ")
            and rules.TEASER_ONLY_TOKENS.isdisjoint(words)
        ):
            continue  # "Jane Doe, Jul 17, 2014": a byline or date line, not a teaser
        return text
    return ""


def _source(item: Any, title: str) -> str:
    for element in item.iter():
        if not isinstance(element.tag, str) or element.tag == "a":
            continue
        if not rules.SOURCE_TOKENS.isdisjoint(_flat_words(element)):
            text = _without_labels(_visible_text(element))
            if text and len(text) <= rules.MAX_LABEL_CHARS and text != title:
                return text
    return _provider_line(item, title)


def _without_labels(text: str) -> str:
    """A provider line without its "Ad" / "Sponsored" label and separators."""
    parts = [p.strip() for p in re.split(r"[•·|]", text) if p.strip()]
    parts = [p for p in parts if not _sponsored_label(p)]
    return parts[0] if len(parts) == 1 else " ".join(parts)


def _provider_line(item: Any, title: str) -> str:
    """A short unclassed line before the title naming the provider ("Ad • BetMGM",
    "Reuters"), as stream layouts print it."""
    for element in item.iter():
        tag = element.tag
        if not isinstance(tag, str) or tag in ("img", "time", "picture", "source"):
            continue
        if (
            tag in HEADING_TAGS
            or tag == "p"
            or (tag == "a" and not _sponsored_label(_text(element)))
        ):
            return ""  # reached the title or the teaser: providers are printed above them
        if tag == "a" or len(element) > 3:
            continue
        whole = _text(element)
        if len(whole) > 2 * rules.MAX_LABEL_CHARS or title in whole:
            continue  # a wrapper around the title, not a provider line
        text = _visible_text(element) if len(element) else whole
        parts = [
            part.strip()
            for part in re.split(r"[•·|]", text)
            if part.strip() and not _sponsored_label(part)
        ]
        if len(parts) == 1 and 2 <= len(parts[0]) <= rules.MAX_LABEL_CHARS:
            candidate = parts[0]
            if (
                _words(candidate) <= MAX_PROVIDER_WORDS
                and not any(c.isdigit() for c in candidate)
                and not _label_title(candidate)
            ):
                return candidate
    return ""


_AD_ITEM_WORDS = frozenset({"sponsored", "promoted", "advertisement", "advert", "paid"})


def _ad_class(element: Any) -> bool:
    """A class/id name saying "ad": short names only ("ad-label", "sponsored-item")."""
    for words in _class_words(element):
        # "promoted-<slug-of-the-story>" ids name the story, not an advertiser.
        if len(words) <= 4 and not _AD_ITEM_WORDS.isdisjoint(words):
            return True
        if words and words[0] == "ad" and len(words) <= 2:
            return True
    return False


def _item_sponsored(item: Any, group: list[Any], url: str) -> bool:
    host = _host(url)
    if _host_in(host, rules.AD_HOSTS):
        return True
    for link in group:
        if "sponsored" in (link.get("rel") or "").lower().split():
            return True
    for element in item.iter():
        if not isinstance(element.tag, str):
            continue
        flat = _flat_words(element)
        if ("ad" in flat or not _AD_ITEM_WORDS.isdisjoint(flat)) and _ad_class(element):
            return True
        if len(element) == 0 or element.tag in ("span", "small", "em", "b", "strong", "div"):
            text = (element.text or "").strip()
            if text and _sponsored_label(text):
                return True
    return False


def find_recommended(tree: Any, base_url: str | None, page_url: str | None) -> list[Story]:
    """The page's recommended stories in page order, deduplicated by normalized URL.

    ``tree`` is the raw lxml.html document (root element or ElementTree); it is not
    modified. ``base_url`` is the effective link base, ``page_url`` the page's address.
    """
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    if root is None:
        return []
    return _Finder(root, base_url, page_url).run()
