"""Which links can be stories: URL shape, excluded hosts and paths, section links."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader.extract.recommended import words
from reader.extract.recommended.rules import links as rules
from reader.extract.recommended.state import PageState
from reader.urls import normalize_url, resolve, site_label

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# A story URL is split several times (filters, ad hosts, section links): once is enough.
split = lru_cache(maxsize=8192)(urlsplit)


@lru_cache(maxsize=8192)
def host(url: str) -> str:
    return (split(url).hostname or "").lower()


@lru_cache(maxsize=4096)
def host_in(host_: str, suffixes: tuple[str, ...]) -> bool:
    """True when ``host_`` is one of ``suffixes`` or a subdomain of one; cached per host."""
    return any(host_ == s or host_.endswith("." + s) for s in suffixes)


def ad_host(url: str) -> bool:
    return host_in(host(url), rules.AD_HOSTS)


def own_story_via_network(page: PageState, url: str, source: str) -> bool:
    """An ad network's item that is the site's own story: sent through the network's
    redirect for unpaid recommendations, or credited to the site itself ("BBC News" on
    bbc.com)."""
    if host_in(host(url), rules.ORGANIC_REDIRECT_HOSTS):
        return True
    names = {site_label(own) for own in page.self_hosts if own}
    credited = [word.strip("()").lower() for word in source.split()]
    # "BBC News" on bbc.com, "Harbour News" on harbournews.co.uk: the credit's first words.
    return any("".join(credited[:count]) in names for count in range(1, len(credited) + 1))


def site(host_: str) -> str:
    """A host without its "www." (www.example.com and example.com are one site)."""
    return host_[4:] if host_.startswith("www.") else host_


def maybe_same_site(href: str, hosts: set[str]) -> bool:
    """A cheap look at an href before resolving it: relative links stay on the site,
    absolute ones must name one of its hosts; "#", mailto: and javascript: never do."""
    href = href.strip()
    if not href or href[0] == "#":
        return False
    if href.startswith("//"):
        href = "http:" + href
    elif "://" not in href[:12]:
        return ":" not in href.split("/", 1)[0]  # "mailto:x", "javascript:..." are schemes
    name = href.split("/", 3)[2].split("@")[-1].split(":")[0].lower()
    return site(name) in hosts


def story_shaped(url: str) -> bool:
    """An address with a story's own shape: a date or an id, or a slug of several words
    (what a teaser on another site must show; front pages and hubs have neither)."""
    parts = split(url)
    path = parts.path.lower()
    if rules.DATE_OR_ID.search(path) or rules.DATE_OR_ID.search(parts.query):
        return True
    last = rules.ARTICLE_EXT.sub("", ([s for s in path.split("/") if s] or [""])[-1])
    return len([w for w in rules.SLUG_SEPARATORS.split(last) if w]) >= 3


def media(url: str) -> bool:
    """An address of a video, a photo gallery or a slideshow."""
    return rules.MEDIA_PATH.search(split(url).path.lower()) is not None


def has_id(url: str) -> bool:
    """The URL's path carries a story id (a long number or a hash)."""
    return rules.PATH_ID.search(split(url).path.lower()) is not None


def article_like(path: str, query: str, lenient: bool = False) -> bool:
    """Paths of single stories: a slug of several words, a date or a numeric id.

    ``lenient`` (blocks a heading or label names) also takes short blog slugs such as
    ``/blog/rust-async`` or ``/lemon-curd/``: the words already say the links are stories.
    """
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    last = rules.ARTICLE_EXT.sub("", segments[-1])
    if rules.DATE_OR_ID.search(path) or (query and rules.DATE_OR_ID.search(query)):
        return True
    slug_words = len([w for w in rules.SLUG_SEPARATORS.split(last) if w])
    # (WordPress puts posts at the site root: "/lemon-curd/" under "You May Also Like".)
    if slug_words >= 3 or (lenient and slug_words >= 2):
        return True
    if rules.ARTICLE_EXT.search(segments[-1]) and last not in rules.INDEX_NAMES:
        return len(last) >= 8
    return len(segments) >= 3 and len(last) >= 12


def story_url(
    page: PageState, link: HtmlElement, relaxed: bool, lenient: bool = False
) -> str | None:
    """The link's absolute URL when it can be a story, else None (cached per href).

    ``relaxed`` (ad widgets) takes any outside page but a front page; ``lenient`` see
    ``article_like``."""
    href = link.get("href")
    return story_address(page, href, relaxed, lenient) if href else None


def story_address(page: PageState, href: str, relaxed: bool, lenient: bool = False) -> str | None:
    """``story_url`` for an address given as text (a link's href, a URL in the page's data)."""
    key = (href, relaxed, lenient)
    if key not in page.urls:
        page.urls[key] = _check_url(page, href, relaxed, lenient)
    return page.urls[key]


def resolve_address(page: PageState, href: str) -> str | None:
    """``href`` made absolute against the page's link base (remembered per href)."""
    url = page.resolved.get(href, "")
    if url == "":
        url = page.resolved[href] = resolve(href, page.base)
    return url


def _check_url(page: PageState, href: str, relaxed: bool, lenient: bool) -> str | None:
    url = resolve_address(page, href)
    if url is None:
        return None
    parts = split(url)
    name = host(url)
    if normalize_url(url) in page.self_urls:
        return None
    if host_in(name, rules.AD_HOSTS):
        return url
    if host_in(name, rules.EXCLUDED_HOSTS) and name not in page.self_hosts:
        return None  # a share dialog or a shop, unless the page is on that site itself
    path = parts.path.lower()
    if rules.EXCLUDED_PATH.search(path) or rules.EXCLUDED_QUERY.search(parts.query):
        return None
    if relaxed and name not in page.self_hosts:
        return url if path.strip("/") else None  # a site's front page is no story
    return url if article_like(path, parts.query, lenient) else None


def excluded_fragment(href: str) -> bool:
    """An in-page jump to comments or a reply form ("#comments", "#respond")."""
    fragment = href.partition("#")[2]
    return bool(fragment) and rules.EXCLUDED_FRAGMENTS.match(fragment) is not None


def drop_odd_urls(page: PageState, by_url: dict[str, list[HtmlElement]], ad_only: set[str]) -> None:
    """Drop section links: a path other stories of the block live under ("/marketing/ai/"
    above "/marketing/ai/some-story"), and id-less links among links that carry ids."""
    folders: dict[str, set[str]] = {}  # host -> "/path/" of every candidate
    owns: dict[str, tuple[str, str]] = {}
    for key in by_url:
        parts = split(key)
        own = parts.path.rstrip("/") + "/"
        owns[key] = (parts.netloc, own)
        if own != "/":
            folders.setdefault(parts.netloc, set()).add(own)
    for key, (netloc, own) in owns.items():
        if any(f != own and f.startswith(own) for f in folders.get(netloc, ())):
            del by_url[key]
    with_id = {key for key in by_url if has_id(key)}
    share = page.settings.id_share
    if len(with_id) >= 3 and len(with_id) >= share * (len(by_url) - len(ad_only - with_id)):
        hosts = {host(key) for key in with_id}
        for key in [k for k in by_url if k not in with_id and host(k) in hosts]:
            del by_url[key]


def drop_hub_urls(by_url: dict[str, list[HtmlElement]], heading: str) -> None:
    """Drop the page a block's heading names: "/ultime-notizie/" under "Ultime notizie",
    "/most-popular" under "Most popular" (the block's own "see all" hub, not a story)."""
    name = words.slug_words(heading)
    if not name:
        return
    for key in list(by_url):
        segments = [s for s in split(key).path.split("/") if s]
        if segments and words.slug_words(rules.ARTICLE_EXT.sub("", segments[-1])) == name:
            del by_url[key]


def clean(url: str) -> str:
    """A story's URL as shown: without its fragment."""
    return url.split("#", 1)[0] if "#" in url else url
