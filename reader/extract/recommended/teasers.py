"""Rails and streams no word names: runs of sibling teaser items (cards, list items),
each with one story link whose text reads like a headline ("FEMAIL TODAY" over three
thumbnails, an unlabelled strip of stories above the article, a stream of cards below it,
a column of partner headlines split into one small list per partner).

Only on article pages (or below a story that declares itself one in a few lines: a
video, a gallery), and only outside the story's own column. A link to another site
counts only when its address carries a story's shape (a date, an id or a long slug): link
farms and blogrolls point at front pages and section hubs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.extract.recommended import cards, furniture, items, signals, urls, words
from reader.extract.recommended.rules import elements, texts, tokens
from reader.extract.recommended.rules.links import FEED_ITEM_PATH, MEDIA_HUBS, PATH_ID, QUERY_ID
from reader.extract.recommended.settings import Thresholds
from reader.extract.recommended.state import Block, PageState
from reader.extract.tags import HEADING_TAGS
from reader.urls import normalize_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# How many boxes up a run's heading is looked for, the run opening each of them.
LABEL_CLIMB = 3


def runs(page: PageState, main: HtmlElement | None) -> list[Block]:
    """Blocks of sibling teaser items outside the story's column ``main``."""
    settings = page.settings
    if main is None or not (page.has_article() or page.dated_story()):
        return []
    # A story that declares itself one but shows little prose (a video, a gallery, a short
    # text in <br> lines): only runs below it count; a header's flyout of topic cards
    # comes before it.
    below = None if page.has_article() else items.doc_key(main)
    hosts = urls.site_hosts(page)
    keyed: list[tuple[HtmlElement, str]] = []
    keys: dict[str | None, str | None] = {}  # href -> story key, or None
    shaped: set[str] = set()  # keys whose address carries a story's id or date
    spelled: set[str] = set()  # keys whose slug spells their headline
    for link, post in _outside_story_links(page, main):
        if not (_post_title(link, settings) if post else _headline_link(link, settings)):
            continue  # read the text first: it is cheaper than resolving the address
        href = link.get("href")
        if href not in keys:
            keys[href] = _story_key(page, link, hosts)
        key = keys[href]
        if key is not None:
            keyed.append((link, key))
            if key not in shaped and _story_address(key):
                shaped.add(key)
            elif key not in shaped and urls.slug_spells(urls.split(key).path, _title(link)):
                spelled.add(key)
    if len({key for _, key in keyed}) < settings.min_teaser_items:
        return []
    holders: dict[HtmlElement, set[str]] = {}
    chains: list[list[HtmlElement]] = []
    for link, key in keyed:
        chain: list[HtmlElement] = []
        for ancestor in link.iterancestors():
            chain.append(ancestor)
            holders.setdefault(ancestor, set()).add(key)
            if len(chain) > settings.max_teaser_climb:
                break
        chains.append(chain)
    found: dict[HtmlElement, dict[HtmlElement, str]] = {}
    bare: dict[HtmlElement, dict[HtmlElement, str]] = {}  # links side by side, no items
    for (link, key), chain in zip(keyed, chains, strict=True):
        item = link
        for ancestor in chain:
            if holders[ancestor] != {key}:
                # A bare link is a menu entry, not a card: unless it names a story by its
                # date or id (see _dated_links).
                (found if item is not link else bare).setdefault(ancestor, {})[item] = key
                break
            item = ancestor
    for container, links in bare.items():
        if container not in found and _dated_links(links, shaped, settings):
            found[container] = links

    def key_of(link: HtmlElement) -> str | None:
        href = link.get("href")
        if href not in keys:
            keys[href] = _story_key(page, link, hosts)
        return keys[href]

    runs: dict[HtmlElement, cards.Items] = {}
    parts: list[tuple[HtmlElement, HtmlElement | None, cards.Items]] = []
    for container, found_items in found.items():
        run = cards.complete(container, found_items, key_of, settings)
        if len(run) > settings.max_teaser_items or _branch(container):
            continue
        if _named_otherwise(container, run) or _shop(run):
            continue
        if _cards(container, run, settings):
            runs[container] = run
        elif len({item.tag for item in run}) == 1:  # a column of several lists
            for label, part in cards.parts(container, run, settings):
                if not _shop(part):
                    parts.append((container, label, part))
    blocks = []
    for container in runs:
        if below is not None and items.doc_key(container) < below:
            continue
        # One list per partner or per tab: sibling lists of one shape are one stream.
        twins = _twins(container)
        stream = {item: key for twin in twins for item, key in runs.get(twin, {}).items()}
        if len(stream) < settings.min_teaser_items:
            continue
        if not _stream_ok(stream, _known(page, twins, shaped, spelled), settings):
            continue
        if _network_bar(page, stream) and items.doc_key(container) < items.doc_key(main):
            # sister sites, each with its latest story, over the story: the network's bar
            # (below the story, the same boxes are stories to read next)
            continue
        label = _label_before(container)
        if not _listing(label):
            blocks.append(Block(container, "teasers", start_after=label))
    for container, label, part in parts:
        if below is not None and items.doc_key(container) < below:
            continue
        if _stream_ok(part, _known(page, [container], shaped, spelled), settings) and not (
            _listing(label)
        ):
            own = [link for item in part for link in item.iter("a")]
            blocks.append(Block(container, "teasers", start_after=label, links=own))
    return blocks


def _known(
    page: PageState, containers: list[HtmlElement], shaped: set[str], spelled: set[str]
) -> set[str]:
    """The keys that vouch for a run: addresses with a story's date or id, and slugs that
    spell their headlines. Slugs spell headlines on a blog and in a manual or an office's
    site alike: they count on a dated story, in lists that do not list the page being
    read (a manual's contents do, a blog's "popular posts" mostly do not). On another
    site they count on any page: a manual's contents are its own pages, while a box of
    another site's headlines is a partner's or a sister title's feed."""
    if page.dated_story() and not _lists_page(page, containers):
        return shaped | spelled
    hosts = urls.site_hosts(page)
    return shaped | {key for key in spelled if urls.site(urls.host(key)) not in hosts}


def _listing(label: HtmlElement | None) -> bool:
    """The run's own heading names a listing ("Ars Jobs", "Deals") or talk ("Recent
    comments", "Forum"), or links to the site's clips or pictures ("<a href="/videos">"),
    not stories, whatever its cards look like."""
    if label is None:
        return False
    if not tokens.LISTING_LABEL_WORDS.isdisjoint(words.slug_words(words.text(label))):
        return True
    return any(
        urls.split(link.get("href") or "").path.strip("/").lower() in MEDIA_HUBS
        for link in label.iter("a")
    )


def _named_otherwise(container: HtmlElement, run: cards.Items) -> bool:
    """The run's box or its first card says it lists products or events ("product-list",
    "shop-grid", "calendar-event"), itself or just above: a shop's grid or a calendar,
    however its items read."""
    for node in (container, container.getparent(), next(iter(run), None)):
        if node is not None and not tokens.LISTING_CLASS_WORDS.isdisjoint(words.flat_words(node)):
            return True
    return False


def _branch(container: HtmlElement) -> bool:
    """A list hanging under a link in another list's item ("<li><a>July (5)</a><ul>...",
    "<li><a>Publications</a><ul>..."): a branch of a tree, as archives by month and site
    maps are built; streams and rails are flat. A link of a picture alone is no folder's
    name: it is the thumbnail of a feed's box (a partner's logo, its lead story's image)."""
    if container.tag == "li":  # the node itself: its folder link, then its list
        tags = [child.tag for child in container]
        return "a" in tags and ("ul" in tags or "ol" in tags)
    item = container.getparent()
    if item is None or item.tag != "li" or container.tag not in ("ul", "ol"):
        return False
    for child in item:
        if child is container:
            return False
        if child.tag == "a" and words.text(child):
            return True  # a folder's link (a widget's title is a heading, not a bare link)
    return False


def _dated_links(links: dict[HtmlElement, str], shaped: set[str], settings: Thresholds) -> bool:
    """Links side by side with no item around each ("<a>..</a><br><a>..</a>", an old
    blog's column of posts) are a run when each names a story by its date or id and reads
    as a full headline: a menu's links are short and lead to sections."""
    return len(links) >= settings.min_teaser_items and all(
        key in shaped and words.letter_words(link.text_content()) >= settings.min_struct_title_words
        for link, key in links.items()
    )


def _headline_link(link: HtmlElement, settings: Thresholds) -> bool:
    """The link reads like a headline: its text, or, for a link laid over a whole card
    (picture, headline, teaser, time), the card's headline part."""
    text = link.text_content()
    if words.headline(text, settings):
        return True
    if not text.strip() and not len(link):
        return words.headline(_overlay_title(link), settings)
    # The headline part is part of the text: a text too short holds none.
    if not len(link) or (words.count(text) < settings.min_teaser_words and text.isascii()):
        return False
    return words.headline(items.link_title(link), settings)


def _stream_ok(run: dict[HtmlElement, str], shaped: set[str], settings: Thresholds) -> bool:
    """The run reads as a stream of stories, not a sidebar of manual pages, an archive or
    a carousel of clips. ``shaped``: the keys whose address is a story's own."""
    news = sum(1 for item, key in run.items() if key in shaped or _card(item))
    if news < settings.min_teaser_items:
        return False  # bare links to undated pages: a docs or wiki sidebar, not a rail
    if len(run) > settings.max_plain_items and sum(map(_card, run)) * 2 < len(run):
        return False  # a long list of bare links: an archive, a schedule, a site map
    return sum(urls.media(key) for key in run.values()) * 2 <= len(run)


def _story_key(page: PageState, link: HtmlElement, hosts: set[str]) -> str | None:
    """The link's story key when it can be a teaser: a story on this site, or a story-shaped
    address on another; links into a page ("#comments") never are."""
    href = link.get("href") or ""
    if "#" in href:
        return None
    url = urls.story_url(page, link, relaxed=False)
    if url is None:
        return None
    if urls.site(urls.host(url)) not in hosts and not urls.story_shaped(url):
        return None
    return normalize_url(url)


def _cards(container: HtmlElement, items: dict[HtmlElement, str], settings: Thresholds) -> bool:
    """The items are the container's cards: one tag, and most of its children of that tag
    that hold a link (a page column where a few cards sit among other boxes is no run;
    empty slots, ad placeholders and spacers between the cards are no boxes). Cards of
    one class in one unbroken stretch are measured among the children of that class: a
    rail's heading box above them and its ad slot below are other boxes, not missing
    cards (boxes of another class between them make a column of sections)."""
    tags = {item.tag for item in items}
    if len(tags) != 1:
        return False
    boxes = [child for child in container if child.tag in tags and not _blank(child)]
    shapes = {item.get("class") for item in items}
    if len(shapes) == 1 and None not in shapes:
        (shape,) = shapes
        places = [i for i, box in enumerate(boxes) if box in items]
        stretch = boxes[places[0] : places[-1] + 1]
        if all(box.get("class") == shape for box in stretch):
            boxes = [box for box in boxes if box.get("class") == shape]
    return len(items) >= settings.min_teaser_share * len(boxes)


def _blank(element: HtmlElement) -> bool:
    """An empty slot between cards: no link, no words (an ad placeholder, a spacer). A
    label between them is no blank: it opens another list (see ``cards.parts``)."""
    return element.find(".//a[@href]") is None and not words.text(element)


def _twins(container: HtmlElement) -> list[HtmlElement]:
    """The container and the lists of the same shape beside it: its siblings of the same
    tag and class, or the same child of its parent's twins (one box per partner site)."""
    parent = container.getparent()
    if parent is None:
        return [container]
    shape = (container.tag, container.get("class"))
    twins = [child for child in parent if (child.tag, child.get("class")) == shape]
    grandparent = parent.getparent()
    if len(twins) > 1 or grandparent is None:
        return twins
    # The boxes may name their section or place ("module section-latest mpos-1", "module
    # section-business mpos-2"): boxes of one tag sharing most class words are one shape.
    shape_words = _class_words(parent)
    boxes = (
        box
        for box in grandparent
        if box.tag == parent.tag and _alike(_class_words(box), shape_words)
    )
    return [child for box in boxes for child in box if (child.tag, child.get("class")) == shape]


def _class_words(element: HtmlElement) -> frozenset[str]:
    """An element's class words, without those carrying digits (positions, ids)."""
    return frozenset(
        word for word in (element.get("class") or "").split() if not any(map(str.isdigit, word))
    )


def _alike(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    """Two class word sets of one shape: equal, or sharing at least half their union."""
    if words_a == words_b:
        return True
    return 2 * len(words_a & words_b) >= len(words_a | words_b) > 0


def _outside_story_links(page: PageState, main: HtmlElement) -> Iterator[tuple[HtmlElement, bool]]:
    """Headline-length links outside the story's column and outside page menus: the
    siblings of the column and of each of its ancestors, searched in C. (Teaser runs
    inside the column are its own content, so its subtree is never read.) Each comes
    with whether a card the CMS marks as a post holds it (see ``_post_title``)."""
    # Headlines in scripts without spaces are short strings of characters.
    title = page.root.findtext(".//title") or ""
    select = _teaser_links(
        page.settings.min_teaser_chars
        if title.isascii()
        else page.settings.min_teaser_chars_nospace
    )
    # Post cards are looked for only where the story is such a post itself: reading every
    # box's classes for them cost capture 12-15% more on the Mozilla pages.
    posts = _post_links() if _marked_post(main) else None
    node = main
    parent = node.getparent()
    while parent is not None:
        for sibling in parent:
            if sibling is node or not _box(page, sibling):
                continue
            if not furniture.menu(page, sibling):
                yield from _selected(select, posts, sibling)  # menus, footers... skipped
            elif furniture.side_column(page, sibling):
                for box in sibling:  # a side column of menus and lists: box by box
                    if _box(page, box) and not furniture.menu(page, box):
                        yield from _selected(select, posts, box)
        node, parent = parent, parent.getparent()


Select = Callable[["HtmlElement"], list["HtmlElement"]]


def _selected(
    select: Select, posts: Select | None, box: HtmlElement
) -> Iterator[tuple[HtmlElement, bool]]:
    """The box's headline-length links, then the title links of its post cards."""
    long = select(box)
    yield from ((link, False) for link in long)
    if posts is not None:
        seen = set(long)
        yield from ((link, True) for link in posts(box) if link not in seen)


def _marked_post(main: HtmlElement) -> bool:
    """The story's column or a box around it is a post the CMS marks as one."""
    return any(signals.post_card(node) for node in (main, *main.iterancestors()))


def _post_title(link: HtmlElement, settings: Thresholds) -> bool:
    """A post card's title link: a few words are enough ("Ganz bei mir"), since the card
    says what it is (WordPress marks every post it lists "hentry" / "type-post")."""
    return words.title_ok(words.text(link), settings.min_title_words_strong, settings)


def _box(page: PageState, element: HtmlElement) -> bool:
    """An element that may hold cards: not a leaf (a bare link is no card), not a comment
    thread or a share bar."""
    return (
        len(element) > 0
        and isinstance(element.tag, str)
        and not furniture.clutter(page, element, True)
    )


def _only_heading(box: HtmlElement, heading: HtmlElement) -> bool:
    """The box holds the heading and nothing else, but for an ad's tag beside it
    ("<div><h4>Die besten Leasing-Deals</h4> <span>ANZEIGE</span></div>")."""
    text, label = words.text(box), words.text(heading)
    if text == label:
        return True
    rest = text.removeprefix(label).strip() if text.startswith(label) else ""
    return bool(rest) and words.sponsored_label(rest)


def _label_before(container: HtmlElement) -> HtmlElement | None:
    """The heading that opens a run of teasers ("Sponsored Features"), if there is one: it
    can flag the run as paid and name its own "see all" hub. It is the element just
    before the run, or, when the run opens its box, the heading that opens the box
    ("<h3>NextAdvisor <div>Paid Partner</div></h3><div><ul>run</ul></div>")."""
    node = container
    for _ in range(LABEL_CLIMB):
        previous = node.getprevious()
        while previous is not None and (
            not isinstance(previous.tag, str) or not words.text(previous)
        ):
            previous = previous.getprevious()  # comments, empty anchors, spacers
        if previous is not None:
            if previous.tag in HEADING_TAGS:
                return previous
            inner = next(previous.iterdescendants(*HEADING_TAGS), None)
            if inner is not None and _only_heading(previous, inner):
                return inner  # a link or box that holds nothing but the heading
            return None  # other content stands between the run and any heading
        parent = node.getparent()
        if parent is None:
            return None
        node = parent
    return None


def _story_address(key: str) -> bool:
    """A news item's address, not a manual page's: it carries a date or an id, in its path
    or in its query as a post's id (WordPress's "?p=19533"), or it is a feed's item."""
    parts = urls.split(key)
    return (
        PATH_ID.search(parts.path) is not None
        or QUERY_ID.search(parts.query) is not None
        or FEED_ITEM_PATH.match(parts.path) is not None
    )


def _title(link: HtmlElement) -> str:
    """A teaser link's headline: its text, or its card's headline part."""
    text = link.text_content()
    if not len(link):
        return text if text.strip() else _overlay_title(link)
    return items.link_title(link)


def _overlay_title(link: HtmlElement) -> str:
    """The headline of the card an empty link is laid over ("<article><h3>..</h3><a
    class=links href=..></a></article>": the link stretched over the card by its style):
    the first heading of the card the link is a child of."""
    card = link.getparent()
    if card is None:
        return ""
    heading = next(card.iterdescendants(*HEADING_TAGS), None)
    return words.text(heading) if heading is not None else ""


def _lists_page(page: PageState, containers: list[HtmlElement]) -> bool:
    """One of the lists links to the page itself (a manual's contents, a series' parts)."""
    for container in containers:
        for link in container.iter("a"):
            href = link.get("href")
            url = urls.resolve_address(page, href.strip()) if href else None
            if url is not None and normalize_url(url) in page.self_urls:
                return True
    return False


def _shop(run: cards.Items) -> bool:
    """Most of the run's cards show their price: a shop's products, however they read."""
    return sum(map(_priced, run)) * 2 > len(run)


def _priced(item: HtmlElement) -> bool:
    """The item shows a price in an element of its own ("<a>565,98 €</a>")."""
    for node in item.iter():
        text = (node.text or "").strip() if isinstance(node.tag, str) else ""
        if not text or len(text) > texts.MAX_PRICE_CHARS or len(node):
            continue
        for sign in texts.CURRENCY_SIGNS:
            if sign in text:
                rest = text.replace(sign, "")
                if any(c.isdigit() for c in rest) and texts.PRICE_CHARS.issuperset(rest):
                    return True
    return False


def _card(item: HtmlElement) -> bool:
    """An item with a picture, a time, a teaser paragraph or a byline beside its link (a
    community's 98 latest diaries, each "By: name (Diary)": an archive or a site map
    credits no one per link)."""
    if next(item.iterdescendants(*elements.CARD_PART_TAGS), None) is not None:
        return True
    return any(
        not tokens.BYLINE_CLASS_WORDS.isdisjoint(words.flat_words(part))
        for part in item.iterdescendants()
    )


@lru_cache(maxsize=1)
def _post_links() -> Callable[[HtmlElement], list[HtmlElement]]:
    """The title links of the cards a CMS marks as posts (links in a heading of such a
    card). The cards are picked out by a compiled XPath that only reads class attributes
    (a whole-word test in XPath costs more); the few found are checked word by word
    here."""
    from lxml import etree

    marked = " or ".join(f"contains(@class, '{name}')" for name in tokens.POST_CARD_CLASSES)
    cards: Callable[[HtmlElement], list[HtmlElement]] = etree.XPath(
        f"descendant-or-self::*[{marked}]", regexp=False
    )

    def select(box: HtmlElement) -> list[HtmlElement]:
        return [
            link
            for card in cards(box)
            if signals.post_card(card)
            for heading in card.iterdescendants(*HEADING_TAGS)
            for link in heading.iter("a")
            if link.get("href")
        ]

    return select


@lru_cache(maxsize=4)
def _teaser_links(min_chars: int) -> Callable[[HtmlElement], list[HtmlElement]]:
    """Links long enough to hold a headline, or empty ones laid over a card with a
    heading, picked out by a compiled XPath (built on first use: lxml is imported late,
    see DESIGN.md)."""
    from lxml import etree

    select: Callable[[HtmlElement], list[HtmlElement]] = etree.XPath(
        # regexp=False: no EXSLT set-up on each of its many calls
        # (and empty links laid over a card that holds a heading, see _overlay_title)
        f"descendant-or-self::a[@href][string-length(normalize-space()) >= {min_chars}"
        " or (not(*) and not(normalize-space()) and ../descendant::*[self::h2 or self::h3"
        " or self::h4])]",
        regexp=False,
    )
    return select


def _network_bar(page: PageState, run: dict[HtmlElement, str]) -> bool:
    """A network's bar of its sites, one card per site: each card opens with a link to a
    site's front page (its logo) and shows that site's latest story, every card another
    site. It introduces the sites, not stories to read beside this one (a partner's feed
    lists several of its stories under one logo)."""
    sites = set()
    for item, key in run.items():
        home = urls.host(key)
        if not any(_front_page(page, link, home) for link in item.iter("a")):
            return False
        sites.add(home)
    return len(sites) == len(run)


def _front_page(page: PageState, link: HtmlElement, host: str) -> bool:
    """The link goes to the front page of ``host`` (a site's logo does)."""
    url = urls.resolve_address(page, link.get("href") or "")
    return url is not None and urls.host(url) == host and not urls.split(url).path.strip("/")
