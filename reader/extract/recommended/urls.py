"""Which links can be stories: URL shape, excluded hosts and paths, section links."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, urlsplit

from reader.extract.recommended import words
from reader.extract.recommended.rules import links as rules
from reader.extract.recommended.state import PageState
from reader.urls import ORGANIC_REDIRECT_HOSTS, normalize_url, resolve, site_label

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


def ad_link(url: str) -> bool:
    """A link an ad network sends readers through: its click host, or the advertiser's
    address tagged with the network's click parameters."""
    return host_in(host(url), rules.AD_HOSTS) or rules.AD_QUERY.search(split(url).query) is not None


def display_ad(url: str) -> bool:
    """A link through a display-ad click server (a banner's or a text ad's)."""
    return host_in(host(url), rules.DISPLAY_AD_HOSTS)


def own_story_via_network(page: PageState, url: str, source: str) -> bool:
    """An ad network's item that is the site's own story: sent through the network's
    redirect for unpaid recommendations, or credited to the site itself ("BBC News" on
    bbc.com)."""
    if host_in(host(url), ORGANIC_REDIRECT_HOSTS):
        return True
    names = {site_label(own) for own in page.self_hosts if own}
    credited = [word.strip("()").lower() for word in source.split()]
    # "BBC News" on bbc.com, "Harbour News" on harbournews.co.uk: the credit's first words.
    return any("".join(credited[:count]) in names for count in range(1, len(credited) + 1))


def site_hosts(page: PageState) -> set[str]:
    """The page's own site: its address, and the canonical/og:url it declares (found once)."""
    if page.sites is None:
        hosts = {site(host_) for host_ in page.self_hosts if host_}
        head = page.root.find("head")
        if head is not None:
            canonical = head.find("link[@rel='canonical']")
            og_url = head.find("meta[@property='og:url']")
            for url in (
                canonical.get("href") if canonical is not None else None,
                og_url.get("content") if og_url is not None else None,
            ):
                if url and "://" in url:
                    hosts.add(site(host(url.strip())))
        hosts.discard("")
        page.sites = hosts
    return page.sites


def network_sites(page: PageState) -> set[str]:
    """The page's own site and the sites it links to all over (a news group's other
    titles in its menus, modules and footer): a story there is the group's own, while a
    source a story quotes is linked once or twice."""
    if page.network is None:
        hrefs: dict[str, set[str]] = {}
        for link in page.root.iter("a"):
            href = (link.get("href") or "").strip()
            if href.startswith(("http://", "https://", "//")):
                name = href.split("/", 3)[2].split("@")[-1].split(":")[0].lower()
                hrefs.setdefault(site(name), set()).add(href)
        least = page.settings.min_network_links
        page.network = site_hosts(page) | {
            name for name, seen in hrefs.items() if len(seen) >= least
        }
    return page.network


def own_site(page: PageState, url: str) -> bool:
    """The address is on the page's own site."""
    return site(host(url)) in site_hosts(page)


def same_name(page: PageState, url: str) -> bool:
    """The address is on a site of the page's own name ("artsbeat.blogs.nytimes.com" on
    nytimes.com, "bbc.com" on bbc.co.uk)."""
    return site_label(host(url)) in {site_label(own) for own in site_hosts(page)}


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


@lru_cache(maxsize=4096)
def excluded_path(path: str) -> bool:
    """A hub, a utility page or a file (``rules.EXCLUDED_PATH``), unless the hub word is a
    section's name over a story's own slug ("/news/people/<a story's slug and id>",
    "/voices/comment/<a long headline slug>")."""
    if rules.EXCLUDED_PATH.search(path) is None:
        return False
    segments = [s for s in path.split("/") if s]
    # The story's own part: its slug, and the story's id when it has a folder of its own
    # ("/thema/<headline slug>/497039969").
    own = 2 if len(segments) >= 3 and segments[-1].isdigit() else 1
    slug = "-".join(segments[-own:])
    if len(segments) < 2 or not _story_slug(slug):
        return True
    first = words.slug_words(slug)[:1]
    if first and first[0] in rules.SECTION_HUB_WORDS:
        return True  # "/archives/archive_2005_05_15.shtml": a week's archive page
    sections = [s for s in segments[:-own] if s not in rules.SECTION_HUB_WORDS]
    return rules.EXCLUDED_PATH.search("/" + "/".join([*sections, *segments[-own:]])) is not None


def _dated_post(path: str) -> bool:
    """A blog's dated permalink ("/archives/2006/09/fort-worth_star.html"): a page's own
    file of a few words under its year's and month's folders (the month's archive is the
    folder itself). Taken on the page's own site or network only: a list of other
    blogs' dated posts is a press review or a blogroll."""
    segments = [s for s in path.split("/") if s]
    return (
        len(segments) >= 3
        and rules.YEAR_MONTH.fullmatch("/".join(segments[-3:-1])) is not None
        and rules.ARTICLE_EXT.search(segments[-1]) is not None
        and len(_name_words(segments[-1])) >= 2
    )


def _story_slug(segment: str) -> bool:
    """A story's slug: a headline of several words, or fewer with the story's id or date."""
    name = rules.ARTICLE_EXT.sub("", segment)
    count = len([w for w in rules.SLUG_SEPARATORS.split(name) if w])
    return count >= rules.STORY_SLUG_WORDS or (
        count >= 3 and rules.DATE_OR_ID.search(name) is not None
    )


def slug_spells(path: str, title: str) -> bool:
    """The path's last segment is the headline slugified ("/rattengift-toetet-greifvoegel"
    for "Rattengift tötet Greifvögel"): most of its words, and at least a few, are the
    title's words (accents folded, or spelled out as German does: ö -> oe)."""
    segments = [s for s in path.lower().split("/") if s]
    if not segments:
        return False
    slug = _name_words(segments[-1])
    least = rules.TITLE_SLUG_WORDS
    if len(slug) < least:
        return False
    said = set(words.slug_words(title)) | set(words.slug_words(words.spelled_out(title)))
    matched = sum(1 for word in slug if word in said)
    return matched >= least and matched >= rules.TITLE_SLUG_SHARE * len(slug)


def named_post(url: str, title: str) -> bool:
    """A dated post's permalink named after its short title ("/mathlog/2023/10/29/
    zahlenfreunde" for "Zahlenfreunde"): the last segment is the title, word for word.
    The date (or an id) and a folder above it are both needed: a section's page is named
    the same way ("/anlagentechnik/automation.html"). Without the date, the rule made 3
    wrong finds on the pages kept aside."""
    path = split(url).path.lower()
    segments = [s for s in path.split("/") if s]
    if len(segments) < 2 or rules.DATE_OR_ID.search(path) is None:
        return False
    said = words.slug_words(title)
    slug = _name_words(segments[-1])
    return bool(said) and slug in (said, words.slug_words(words.spelled_out(title)))


def _name_words(segment: str) -> tuple[str, ...]:
    """The words a path's segment names, its file extension left out ("obama-wins.html")."""
    return words.slug_words(rules.ARTICLE_EXT.sub("", segment))


def story_shaped(url: str) -> bool:
    """An address with a story's own shape: a date or an id, or a slug of several words
    (what a teaser on another site must show; front pages and hubs have neither)."""
    parts = split(url)
    path = parts.path.lower()
    if rules.DATE_OR_ID.search(path) or rules.DATE_OR_ID.search(parts.query):
        return True
    if rules.FEED_ITEM_PATH.match(parts.path):
        return True
    last = rules.ARTICLE_EXT.sub("", ([s for s in path.split("/") if s] or [""])[-1])
    return len([w for w in rules.SLUG_SEPARATORS.split(last) if w]) >= 3


def names_itself(url: str, title: str) -> bool:
    """A short address that is nothing but its link's own words, and they are a name
    ("/sport/motor-racing" titled "Motor Racing", "/b/urban-decay"): a topic's, a brand's
    or a person's page. A story's address carries more (a date, an id, a longer slug, a
    file name), or its title reads as a phrase ("Aftersun, revisited")."""
    if story_shaped(url) or not all(
        word[:1].isupper() for word in title.split() if word[:1].isalpha()
    ):
        return False
    segments = [s for s in split(url).path.lower().split("/") if s]
    if not segments:
        return False
    page_file = rules.ARTICLE_EXT.search(segments[-1])
    if page_file and len(segments) > 1:
        return False  # "/news/obama-wins.html": a story filed as a page in its section
    name = rules.ARTICLE_EXT.sub("", segments[-1])
    slug = words.slug_words(name)
    # A file at the site's root named by a few words ("/energie-utilities.html" titled
    # "Energie & Utilities") is a section's page, as old sites wrote them.
    if page_file and len(slug) > rules.NAME_FILE_WORDS:
        return False
    return bool(slug) and set(slug) == set(words.slug_words(title))


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
    if not segments:  # a front page, unless its query names a post ("/?p=1412")
        return bool(query) and rules.QUERY_ID.search(query) is not None
    last = rules.ARTICLE_EXT.sub("", segments[-1])
    if len(segments) == 1 and not query and rules.EVENT_HUB.fullmatch(last):
        return False
    if rules.DATE_OR_ID.search(path) or (query and rules.DATE_OR_ID.search(query)):
        return True
    if rules.FEED_ITEM_PATH.match(path):
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
    if normalize_url(url) in page.self_urls or _own_page_part(page, parts.path):
        return None
    if ad_link(url):
        return url
    if (
        host_in(name, rules.EXCLUDED_HOSTS) or name.partition(".")[0] in rules.NOT_STORY_HOST_LABELS
    ) and name not in page.self_hosts:
        return None  # a share dialog, a shop or a forum, unless the page is on that site
    path = parts.path.lower()
    if rules.EXCLUDED_QUERY.search(parts.query) or (
        excluded_path(path) and not (_dated_post(path) and site(name) in network_sites(page))
    ):
        return None
    if relaxed and name not in page.self_hosts:
        return url if path.strip("/") else None  # a site's front page is no story
    return url if article_like(path, parts.query, lenient) else None


def _own_page_part(page: PageState, path: str) -> bool:
    """Another page of the story being read ("<its address>/seite-2", ".../page/3")."""
    for own in page.self_urls:
        base = split(own).path.rstrip("/")
        if base and path.startswith(base + "/") and rules.PAGE_PART.match(path[len(base) + 1 :]):
            return True
    return False


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
        if rules.QUERY_ID.search(split(key).query):
            continue  # "/blog?p=19533": the query names a post, the path is no section
        if any(f != own and f.startswith(own) for f in folders.get(netloc, ())):
            del by_url[key]
    with_id = {key for key in by_url if has_id(key)}
    share = page.settings.id_share
    if len(with_id) >= 3 and len(with_id) >= share * (len(by_url) - len(ad_only - with_id)):
        hosts = {host(key) for key in with_id}
        for key in [k for k in by_url if k not in with_id and host(k) in hosts]:
            if not _spelled_story(key, words.text(by_url[key][0])):
                del by_url[key]


def _spelled_story(url: str, title: str) -> bool:
    """A blog that dated only some addresses ("/2008/09/manifesto.html" beside
    "/why-so-few-succeed.html"): a page's file, or a headline-long slug, that spells its
    link's words is a story. A topic's page spells its name too ("/call-of-duty"), but
    in fewer words and as no file."""
    path = split(url).path
    last = ([s for s in path.split("/") if s] or [""])[-1]
    return slug_spells(path, title) and (
        rules.ARTICLE_EXT.search(last) is not None or _story_slug(last)
    )


def drop_share_links(page: PageState, by_url: dict[str, list[HtmlElement]]) -> None:
    """Drop links that carry another of the block's stories, or the page's own address, in
    their query ("buffer.com/add?url=<story>", "delicious.com/post?url=<this page>"): a
    story's or this page's share or bookmark button, not a story. An ad network's click
    link is left alone (it is the ad)."""
    for key in [k for k in by_url if "http" in split(k).query and not ad_link(k)]:
        carried = {normalize_url(value) for _, value in parse_qsl(split(key).query)}
        if not carried.isdisjoint(page.self_urls) or any(
            other in carried for other in by_url if other != key
        ):
            del by_url[key]
    # A feed reader's or bookmark site's button that carries this page's address in its
    # path or unnamed in its query ("bloglines.com/sub/http://<this page>").
    for key in [k for k in by_url if "http" in k.partition("://")[2] and not ad_link(k)]:
        address = unquote(key.partition("://")[2])
        # (an unnamed query value comes back from normalizing as a name: "?<address>=")
        if normalize_url(address[address.index("http") :].rstrip("=")) in page.self_urls:
            del by_url[key]


def drop_media_lists(by_url: dict[str, list[HtmlElement]], block: HtmlElement) -> None:
    """Drop a list of clips or galleries inside a block ("Most popular": a stories tab and a
    videos tab): a list whose items are mostly videos, photos or slideshows (by their
    addresses, or by a gallery's count of pictures on the card: "57 Photos"), or whose
    tab says so ("Video/Audio" over addresses like any story's). A video among stories
    stays."""
    lists: dict[HtmlElement, list[str]] = {}
    for key, links in by_url.items():
        holder = next(links[0].iterancestors(*rules.LIST_TAGS), None)
        if holder is not None and (holder is block or block in holder.iterancestors()):
            lists.setdefault(holder, []).append(key)
    for holder, keys in lists.items():
        clips = sum(1 for key in keys if media(key) or _gallery_card(by_url[key]))
        if len(keys) >= 2 and (clips * 2 > len(keys) or _media_tab(holder, block)):
            for key in keys:
                del by_url[key]


def _gallery_card(links: list[HtmlElement]) -> bool:
    """One of the item's links is nothing but a count of pictures: a gallery's card."""
    return any(rules.PICTURE_COUNT.fullmatch(words.text(link)) for link in links)


def _media_tab(holder: HtmlElement, block: HtmlElement) -> bool:
    """The list's tab, the heading just before it or its panel, names clips ("Video/Audio",
    "Most watched")."""
    node = holder
    for _ in range(rules.MEDIA_TAB_CLIMB):
        if node is block:
            return False
        previous = node.getprevious()
        while previous is not None and not isinstance(previous.tag, str):
            previous = previous.getprevious()
        if previous is not None:
            named = set(words.slug_words(words.text(previous)))
            return (
                0 < len(named) <= rules.MAX_MEDIA_TAB_WORDS
                and named <= rules.MEDIA_TAB_WORDS
                and not named.isdisjoint(rules.MEDIA_WORDS)
            )
        parent = node.getparent()
        if parent is None:
            return False
        node = parent
    return False


def drop_hub_urls(by_url: dict[str, list[HtmlElement]], heading: str) -> None:
    """Drop the page a block's heading names: "/ultime-notizie/" under "Ultime notizie",
    "/most-popular" under "Most popular" (the block's own "see all" hub, not a story)."""
    name = words.slug_words(heading)
    if not name:
        return
    for key in list(by_url):
        segments = [s for s in split(key).path.split("/") if s]
        if segments and _name_words(segments[-1]) == name:
            del by_url[key]


def clean(url: str) -> str:
    """A story's URL as shown: without its fragment."""
    return url.split("#", 1)[0] if "#" in url else url
