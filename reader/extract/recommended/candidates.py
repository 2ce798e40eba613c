"""Pass 1: one walk over the tree collects candidate blocks (token-named containers,
heading-started regions, inline "READ MORE:" modules) and the sizes of story prose.

Per element only two attribute reads and a cached lookup happen; text is read only for
paragraphs and possible headings. (This walk is most of capture's cost.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.extract.recommended import signals, urls, words
from reader.extract.recommended.rules import elements, phrases, tokens
from reader.extract.recommended.rules.links import LIST_TAGS
from reader.extract.recommended.signals import LABEL_BIT, NETWORK_BIT, STRONG_BIT, WEAK_BIT
from reader.extract.recommended.state import Block, PageState
from reader.extract.tags import HEADING_TAGS

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_LEAD = phrases.LEAD_CHARS


def collect(page: PageState) -> list[Block]:
    """Token blocks, heading blocks and inline modules, in page order of their kind."""
    settings = page.settings
    blocks: list[Block] = []
    headings: list[HtmlElement] = []
    prose = page.prose
    prose_count = page.prose_count
    known = signals.KNOWN_SIGNALS
    first_chars = words.HEADING_FIRST_CHARS
    # lxml skips the other tags in C (see elements.SCAN_TAGS).
    page.alive = list(page.root.iter(*elements.SCAN_TAGS))
    for element in page.alive:
        tag = element.tag
        class_attr = element.get("class")
        id_attr = element.get("id")
        if class_attr or id_attr:
            info = 0
            if class_attr:
                bits = known.get(class_attr)
                info = signals.class_signal(class_attr) if bits is None else bits
            if id_attr:
                bits = known.get(id_attr)
                info |= signals.class_signal(id_attr) if bits is None else bits
            if info:
                if tag in elements.BLOCK_TAGS:
                    if info & (STRONG_BIT | NETWORK_BIT):
                        blocks.append(Block(element, "token", sponsored=bool(info & NETWORK_BIT)))
                    elif info & WEAK_BIT:
                        blocks.append(Block(element, "weak"))
                if info & LABEL_BIT and tag in elements.LABEL_TAGS and tag != "p":
                    headings.append(element)
            if tag in elements.BLOCK_TAGS:
                aria = element.get("aria-label")
                if aria and words.heading_match(aria):
                    blocks.append(Block(element, "token"))
        if tag in elements.BARE_LABEL_TAGS and not len(element):
            # An unclassed label: <div class="box"><span>Most popular</span><ul>...
            text = element.text
            if (
                text
                and len(text) < settings.max_heading_chars
                and _may_start_label(text, first_chars)
                and words.heading_start(text)
            ):
                headings.append(element)
        if tag not in elements.TEXT_TAGS:
            continue
        if tag == "p":
            raw = element.text_content()
            # Letters, not layout: indentation in the source must not count, and
            # counting is far cheaper than splitting long paragraphs into words.
            size = len(raw) - raw.count(" ") - raw.count("\n") - raw.count("\t")
            if size > settings.prose_chars:
                parent = element.getparent()
                if parent is not None:
                    prose[parent] = prose.get(parent, 0) + size
                    prose_count[parent] = prose_count.get(parent, 0) + 1
            elif _may_start_label(raw, first_chars):
                headings.append(element)  # a short paragraph that may be a label
        elif tag in HEADING_TAGS and tag != "h1":  # an h1 is the page's own title
            content = element.text_content()
            if _may_start_label(content, first_chars):
                headings.append(element)
            elif (content.isspace() or not content) and image_label(element):
                headings.append(element)  # a logo heading: <h2><img alt="More from X">
        if tag in elements.INLINE_MODULE_TAGS:
            # "READ MORE: <a>..." - the label is the element's own leading text, or
            # (in a paragraph) the text of a leading <strong>/<b>.
            lead = element.text
            if lead and not lead.isspace():
                if len(element) <= settings.max_inline_children:
                    _inline(page, element, lead, blocks)
            elif tag == "p" and len(element):
                first = element[0]
                if first.tag in elements.LEAD_TAGS and first.text:
                    _inline(page, element, first.text, blocks)
    for heading in headings:
        text = heading.text_content()[: settings.heading_peek_chars]
        if heading.tag in HEADING_TAGS and (not text or text.isspace()):
            text = image_label(heading)
        if not words.heading_start(text):
            continue  # cheap look at the first characters before reading the whole text
        text = words.text(heading) or image_label(heading)
        if len(text) < settings.max_heading_chars and words.heading_match(text):
            if heading.tag == "p" and heading.find(".//a") is not None:
                continue
            if _story_title(page, heading, text):
                continue  # "Latest Amelia Earhart search finds debris": a story, no label
            if _list_entry(heading, text):
                continue  # "<li><a><span>Featured series</span></a>": a menu's entry
            block = _heading_block(page, heading)
            if block is not None:
                blocks.append(block)
    return blocks


def _list_entry(label: HtmlElement, text: str) -> bool:
    """A bare label that is all the text of a link in a list is that list's entry (a tab
    of a blog's menu, each teaser's "read more" in a front page's listing), not a label
    over a list: a list's label is no item of a list."""
    if label.tag in HEADING_TAGS:
        return False
    link = next(label.iterancestors("a"), None)
    if link is None or words.text(link) != text:
        return False
    return next(link.iterancestors(*LIST_TAGS), None) is not None


def _may_start_label(text: str, first_chars: frozenset[str]) -> bool:
    """One set lookup on the first character: could a heading phrase start here? Texts in
    scripts without spaces are always looked at (their keywords sit anywhere)."""
    first = text.lstrip(_LEAD)[:1]
    return first.lower() in first_chars or (first > "\u2e7f") or words.may_end_label(text)


def _inline(page: PageState, element: HtmlElement, lead: str, blocks: list[Block]) -> None:
    if lead.lstrip()[:1].lower() not in words.INLINE_FIRST_CHARS:
        return  # most paragraphs: no label can start with their first letter
    settings = page.settings
    lowered = words.plain(" ".join(lead[: settings.max_heading_chars].split()))
    if not words.INLINE_START(lowered) or element.find(".//a") is None:
        return
    if not tokens.NEGATIVE_TOKENS.isdisjoint(words.flat_words(element)):
        return
    around = len(words.text(element)) - sum(len(words.text(a)) for a in element.iter("a"))
    if around > settings.inline_label_chars + settings.sentence_extra_chars:
        return  # "More: the company said ... <a>" is a sentence, not a module of links
    blocks.append(Block(element, "inline"))


def _story_title(page: PageState, heading: HtmlElement, text: str) -> bool:
    """The heading is a story's linked title that happens to start like a label: it links
    to a story's address and reads as more than a label ("Latest: talks fail" is a story,
    "<a href=/sport>More from Sport</a>" a label)."""
    link = next(heading.iter("a"), None)
    if link is None or words.label_title(text, page.settings):
        return False
    return urls.story_url(page, link, relaxed=False) is not None


def image_label(heading: HtmlElement) -> str:
    """The words of a heading drawn as an image: its logo's alt text or its aria-label
    ("<h2><img alt='More from NBC News'></h2>" says "More from NBC News" aloud)."""
    label = heading.get("aria-label") or ""
    if not label:
        img = next(heading.iter("img"), None)
        label = (img.get("alt") or "") if img is not None else ""
    return " ".join(label.split())


def _heading_block(page: PageState, heading: HtmlElement) -> Block | None:
    """The links that follow a matching heading inside its nearest useful ancestor; or,
    for a label printed inside a story card's own link beside its headline ("<a><div>Read
    next</div><h3>...</h3></a>"), that link. (A linked heading, "<a href=/popular><h2>Most
    read</h2></a>", labels the list after it.)"""
    card = next(heading.iterancestors("a"), None)
    holder = card.getparent() if card is not None else None
    if (
        card is not None
        and holder is not None
        and page.has_article()  # an index page's cards ("Read more" in each) are its content
        and len(words.text(card)) > len(words.text(heading))
        and urls.story_url(page, card, relaxed=False, lenient=True) is not None
    ):
        return Block(holder, "heading", start_after=heading, links=[card])
    if heading.tag in HEADING_TAGS:
        rank = int(heading.tag[1])
    else:  # <div class="title"><h2>More on this story</h2>: the h2's rank, so that
        # the <h3> titles of the cards that follow do not end the block
        inner = next(heading.iterdescendants(*HEADING_TAGS), None)
        rank = int(str(inner.tag)[1]) if inner is not None else 7
    region = heading
    for _ in range(page.settings.max_heading_climb):
        box, parent = region, region.getparent()
        if parent is None or parent.tag == "html":
            return None
        region = parent
        if region.tag == "body" and region is not heading.getparent():
            # Climbed out of every box: the heading labels the whole page, unless its box
            # holds nothing but the label and the list is the next box.
            return _next_box(box, heading, rank)
        links = _links_after(page, region, heading, rank)
        if links is None:
            return None
        if links:
            if region.tag == "p" and not tokens.NEGATIVE_TOKENS.isdisjoint(
                words.flat_words(region)
            ):
                return None  # "Read more: <tags>" on a line its class calls the tags
            region, links = _widen(page, region, heading, rank, links)
            return Block(region, "heading", start_after=heading, links=links)
        if region.find(".//li") is not None and region.find(".//a[@href]") is None:
            # A list without links (a text dump): stories with a title and a teaser.
            return Block(region, "heading", start_after=heading, links=[])
    return None


def _next_box(box: HtmlElement, heading: HtmlElement, rank: int) -> Block | None:
    """A label in a box of its own at the page's top level ("<div><h2>Weitere Artikel</h2>
    </div><div>cards</div>"): the box right after it, when it starts no other section."""
    label = set(heading.iter())
    if any(link.get("href") and link not in label for link in box.iter("a")):
        return None  # the box holds more than the label
    after = box.getnext()
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()
    if after is None or any(int(str(h.tag)[1]) <= rank for h in after.iter(*HEADING_TAGS)):
        return None
    links = [link for link in after.iter("a") if link.get("href")]
    return Block(after, "heading", start_after=heading, links=links) if links else None


def _widen(
    page: PageState, region: HtmlElement, heading: HtmlElement, rank: int, links: list[HtmlElement]
) -> tuple[HtmlElement, list[HtmlElement]]:
    """An "Up next" label over one card, with the rest of the queue beside its box:
    when the nearest region holds a single story, the next ancestor's links that
    follow the heading (up to the next heading of its rank) belong to the block too,
    unless that ancestor holds the article's prose or the label sits in a paragraph."""
    if len({link.get("href") for link in links}) > page.settings.single_story_links:
        return region, links
    parent = region.getparent()
    if parent is None or parent.tag in elements.ROOT_TAGS or region.tag == "p":
        return region, links  # an inline "Read more:" line is one story by design
    if any(node is parent or parent in node.iterancestors() for node in page.prose):
        return region, links  # holds story prose: its other links are not the queue
    wider = _links_after(page, parent, heading, rank)
    if wider and len(wider) > len(links):
        return parent, wider
    return region, links


def _links_after(
    page: PageState, region: HtmlElement, heading: HtmlElement, rank: int
) -> list[HtmlElement] | None:
    inside = set(heading.iter())
    seen = False
    links: list[HtmlElement] = []
    # A label paragraph in the story ("<p><strong>MORE FROM X</strong></p>") heads the
    # run of link paragraphs below it; the first paragraph of prose ends its module.
    parent = heading.getparent()
    parent_tag = parent.tag if parent is not None else None
    label_p = heading if heading.tag == "p" else parent if parent_tag == "p" else None
    story_column = label_p.getparent() if label_p is not None else None
    limit = page.settings.max_region_elements
    for number, element in enumerate(region.iter()):
        if number > limit:
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
            and not _titled_link(page, element)
            and next(element.iterancestors("a"), None) is None
            and not _item_title(element, region)
        ):
            break  # the next section of the page
        if (
            tag == "p"
            and story_column is not None
            and element.getparent() is story_column
            and _prose_around_links(page, element)
        ):
            break  # the story goes on: the label's module is over
        if tag == "a":
            links.append(element)
        elif not links and tag in LIST_TAGS and not any(isinstance(c.tag, str) for c in element):
            return None  # the heading's own list is empty (a script fills it): links
            # further on belong to the boxes beside it
    return links


def _item_title(heading: HtmlElement, region: HtmlElement) -> bool:
    """The heading is a list item's own linked title ("<li><h2><a>Neue DJV-Online-Seminare
    </a>"), however short. (A sidebar's widgets are list items too, "<li class=widget>
    <h2>Jobs</h2>", but their headings name them, they link nowhere.)"""
    if heading.find(".//a[@href]") is None:
        return False
    for ancestor in heading.iterancestors():
        if ancestor is region:
            return False
        if ancestor.tag == "li":
            return True
    return False


def _titled_link(page: PageState, heading: HtmlElement) -> bool:
    """True when a heading holds a link with a story-like text (a story item's title)."""
    least = page.settings.min_title_words
    return any(words.count(words.text(link)) >= least for link in heading.iter("a"))


def _prose_around_links(page: PageState, paragraph: HtmlElement) -> bool:
    """True for a paragraph with more words than a module's label around its links."""
    around = len(words.text(paragraph)) - sum(len(words.text(a)) for a in paragraph.iter("a"))
    return around > page.settings.inline_label_chars
