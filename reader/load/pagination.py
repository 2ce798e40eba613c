"""Where a page says its article goes on: a "view as one page" link, or the next page.

Pure (markup in, addresses out); reader.service.multipage does the fetching. What counts,
in order of trust:

1. a site rule: ``single_page_link`` / ``next_page_link`` XPaths (a person wrote them);
2. ``<link rel="next">`` or ``<a rel="next">``, and a link whose words say "view as one
   page" (SINGLE_PAGE_WORDS);
3. numbered pagination: exactly one distinct address among the links whose text is the
   next page's number.

A link found by 2 or 3 must be of the same article: its address, with the page number
taken out (ARTICLE_PAGE_PARTS), must equal this article's. That is what keeps a blog's
rel="next" (the next *post*) out. And 2 and 3 are only trusted from a first page that is
an article (``is_article_page``): a blog's front page ("/" with rel="next" to "/page/2/")
or a category's list has the same address key on every page, and joining its pages
would make one "article" of twenty lists of posts. Every link must stay on the same host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from reader.siterules.parse import SiteRules

# Query parameters that number the pages of one article.
PAGE_PARAMETERS = frozenset({"page", "p", "pg", "pagenum", "page_num", "pagina", "seite", "start"})
# The endings of a path that number an article's pages: /2, /page/2, /page-2, -2, _p2, ...
ARTICLE_PAGE_PARTS = re.compile(
    r"(?:/(?:page|seite|pagina|p)?[-_/]?\d{1,3}|[-_](?:page|p)?\d{1,3})/?$|/(?:all|single|full)/?$",
    re.IGNORECASE,
)
# The words of a link to the whole article on one page (compared lower-case, spaces squeezed).
SINGLE_PAGE_WORDS = frozenset(
    {
        "view as one page",
        "view as single page",
        "view on one page",
        "single page",
        "single-page view",
        "single page view",
        "show all pages",
        "view all pages",
        "read on one page",
        "see full article on one page",
    }
)
MAX_PAGE_NUMBER = 100
# What a page declares itself to be (og:type, JSON-LD @type; lower-case): an article
# (article, NewsArticle, OpinionNewsArticle, ScholarlyArticle, BlogPosting, LiveBlogPosting)...
ARTICLE_KIND_ENDINGS = ("article", "blogposting")
# ... or a page of many (a site's or a blog's home, a list, search results, a profile).
LISTING_KINDS = frozenset(
    {"website", "blog", "collectionpage", "itemlist", "searchresultspage", "profilepage"}
)
# Path segments of list pages: /category/x/, /tag/x/, /author/x/, /archive/2019/ ...
LISTING_SEGMENTS = frozenset(
    {
        "category",
        "categories",
        "tag",
        "tags",
        "topic",
        "topics",
        "author",
        "authors",
        "archive",
        "archives",
        "search",
    }
)
_LD_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')
_QUOTED = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class Onward:
    """What a page links to: the whole article on one page, and/or its next page."""

    single_page: str | None = None
    next_page: str | None = None


def onward_links(
    markup: str, url: str, article_url: str, number: int, rules: SiteRules | None = None
) -> Onward:
    """The links of page ``number`` (1 for the first) of the article first read at
    ``article_url``; ``url`` is this page's own address (links resolve against it)."""
    root = _parse(markup)
    if root is None:
        return Onward()
    base = _base(root, url)
    single = _by_rules(root, base, rules.single_page_link if rules else ())
    following = _by_rules(root, base, rules.next_page_link if rules else ())
    trusted = number > 1 or is_article_page(root, url)  # page 1 is judged; later pages were
    if single is None and trusted:
        single = _same_article(_single_page_link(root, base), article_url)
    if following is None and trusted:
        following = _same_article(_rel_next(root, base), article_url)
    if following is None and trusted:
        following = _same_article(_numbered(root, base, number + 1), article_url)
    return Onward(
        single_page=single if single and same_host(single, url) else None,
        next_page=following if following and same_host(following, url) else None,
    )


def is_article_page(root: HtmlElement, url: str) -> bool:
    """Whether a first page is one article (its own links may be followed), not a page
    of many: not a site's root or a list's path; a declared article kind wins, a declared
    listing kind loses; undeclared, more than one <article> element is a list of posts."""
    segments = [part.lower() for part in urlsplit(url).path.split("/") if part]
    if not segments or LISTING_SEGMENTS.intersection(segments):
        return False
    kinds = _declared_kinds(root)
    if any(kind.endswith(ARTICLE_KIND_ENDINGS) for kind in kinds):
        return True
    if kinds & LISTING_KINDS:
        return False
    return len(root.xpath("//article")) <= 1


def _declared_kinds(root: HtmlElement) -> set[str]:
    kinds = set()
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:type":
            kinds.add((meta.get("content") or "").strip().lower())
    for script in root.iter("script"):
        if "ld+json" in (script.get("type") or "").lower():
            for declared in _LD_TYPE.findall(script.text or ""):
                kinds.update(name.lower() for name in _QUOTED.findall(declared))
    return kinds


def same_host(one: str, other: str) -> bool:
    return _host(one) is not None and _host(one) == _host(other)


def page_key(url: str) -> str:
    """An address as compared for cycles: no fragment, no trailing slash, host lower-case."""
    parts = urlsplit(url)
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, "")
    )


def article_key(url: str) -> str:
    """An address with its page number taken out: every page of one article has the same."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    path = ARTICLE_PAGE_PARTS.sub("", path) or "/"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query) if k.lower() not in PAGE_PARAMETERS)
    )
    return urlunsplit(("", (_host(url) or ""), path, query, ""))


def _same_article(link: str | None, article_url: str) -> str | None:
    if link is None or article_key(link) != article_key(article_url):
        return None
    return link


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _parse(markup: str) -> HtmlElement | None:
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None


def _base(root: HtmlElement, url: str) -> str:
    for element in root.iter("base"):
        href = (element.get("href") or "").strip()
        if href:
            return _join(url, href) or url
    return url


def _join(base: str, href: str | None) -> str | None:
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return None
    try:
        joined = urljoin(base, href)
    except ValueError:
        return None
    return joined if urlsplit(joined).scheme in ("http", "https") else None


def _by_rules(root: HtmlElement, base: str, expressions: tuple[str, ...]) -> str | None:
    """The first address an XPath of the rules gives (an element's href, or a string)."""
    from lxml import etree

    for expression in expressions:
        try:
            found = root.xpath(expression)
        except etree.XPathError:
            continue
        for item in found if isinstance(found, list) else [found]:
            href = item.get("href") if hasattr(item, "get") else str(item)
            link = _join(base, href)
            if link is not None:
                return link
    return None


def _rel_next(root: HtmlElement, base: str) -> str | None:
    for element in root.iter("link", "a"):
        rel = (element.get("rel") or "").lower().split()
        if "next" in rel:
            link = _join(base, element.get("href"))
            if link is not None:
                return link
    return None


def _single_page_link(root: HtmlElement, base: str) -> str | None:
    for anchor in root.iter("a"):
        words = " ".join(anchor.text_content().lower().split()).strip(" »>.")
        if words in SINGLE_PAGE_WORDS:
            link = _join(base, anchor.get("href"))
            if link is not None:
                return link
    return None


def _numbered(root: HtmlElement, base: str, wanted: int) -> str | None:
    """The one address linked as page ``wanted`` ("2"), or None when none or several."""
    if wanted > MAX_PAGE_NUMBER:
        return None
    found: set[str] = set()
    for anchor in root.iter("a"):
        if anchor.text_content().strip() == str(wanted):
            link = _join(base, anchor.get("href"))
            if link is not None:
                found.add(page_key(link))
    return next(iter(found)) if len(found) == 1 else None
