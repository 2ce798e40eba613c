"""Link lines inside the story: paragraphs or list items that are nothing but a link to
another story, alone or in a run under a short label ("More content from NBCNews.com:",
"Lue aiheesta lisää:", "Weitere Beiträge aus der Kolumne"), and boxes set between its
paragraphs that hold one other story's card. A sentence holds its links among other
words; a line that is only a headline's link is a recommendation, whatever its label
says (or when it has none), and whatever language that label is in.

Only the story's own column is read here (teaser runs beside it are ``teasers``' job), so
a menu's list of links never comes into it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.extract.recommended import furniture, items, signals, urls, words
from reader.extract.recommended.rules import elements
from reader.extract.recommended.state import Block, PageState
from reader.extract.tags import HEADING_TAGS
from reader.urls import normalize_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def blocks(page: PageState, main: HtmlElement | None) -> list[Block]:
    """One block per run of sibling link lines in the story's column ``main``."""
    if main is None or not page.dated_story():
        return []  # on an information page, lines of links are its references
    settings = page.settings
    found: list[Block] = []
    run: list[HtmlElement] = []
    for element in main.iter(*elements.LINE_TAGS):
        link = _line_link(element, settings.inline_label_chars)
        if link is None:
            continue
        follows = bool(run) and _follows(run[-1], element)
        if not (_headline_story(page, link) or (follows and _elsewhere_story(page, link))):
            continue
        if run and not follows:
            found.append(_block(run, settings.max_line_label_chars))
            run = []
        run.append(element)
    if run:
        found.append(_block(run, settings.max_line_label_chars))
    found.extend(_insets(page, main))
    return [
        block
        for block in found
        if not any(furniture.menu(page, a) for a in block.element.iterancestors())
    ]


def _insets(page: PageState, main: HtmlElement) -> list[Block]:
    """Cards set into the story between its paragraphs (<aside> boxes of other stories:
    a picture, a headline, a "Read more" each): every address the box links to, but the
    page's own, is a story its headline names, which a box of the story's own (a pull
    quote, an author's note, a sign-up form) never is."""
    found = []
    for box in main.iter(*elements.INSET_TAGS):
        links: dict[str, list[HtmlElement]] = {}
        for link in box.iter("a"):
            address = urls.resolve_address(page, (link.get("href") or "").strip())
            key = normalize_url(address) if address else ""
            if key not in page.self_urls:
                links.setdefault(key, []).append(link)
        if (
            links
            and "" not in links
            and all(any(_headline_story(page, link) for link in group) for group in links.values())
        ):
            found.append(Block(box, "lines", links=[a for group in links.values() for a in group]))
    return found


def _line_link(element: HtmlElement, max_label_chars: int) -> HtmlElement | None:
    """The element's one link when its whole text is that link's (a list bullet aside),
    or that link after a short label of its own ("Lea aquí: <a>...</a>", "Lesen Sie
    auch: <a>...</a>", in any language: a label ends with its colon)."""
    links = element.findall(".//a[@href]")
    if len(links) != 1:
        return None
    link = links[0]
    own = words.text(link).strip(elements.LINE_BULLETS).rstrip(elements.LINE_END_MARKS)
    whole = words.text(element).strip(elements.LINE_BULLETS).rstrip(elements.LINE_END_MARKS)
    if not own or not whole.endswith(own):
        return None
    label = whole[: len(whole) - len(own)].strip()
    if not label or (label.endswith(":") and len(label) <= max_label_chars):
        return link
    return None


def _headline_story(page: PageState, link: HtmlElement) -> bool:
    """A headline's text, and a story's address on this site or a sister site (a line
    linking to another publisher is the story's source, quoted)."""
    text = link.text_content()
    if words.count(text) < page.settings.min_title_words and not words.unspaced(text):
        return False  # "Zur Übersicht": an accent does not make two words a headline
    url = _headline_url(page, link)
    return url is not None and urls.site(urls.host(url)) in urls.network_sites(page)


def _elsewhere_story(page: PageState, link: HtmlElement) -> bool:
    """A headline's link to a story-shaped address on a site of its own: within a run of
    the group's stories ("openchannel.msnbc.msn.com" among "usnews.msnbc.msn.com"), the
    run goes on; alone, it may be a quoted source, and starts none."""
    url = _headline_url(page, link)
    return url is not None and urls.story_shaped(url)


def _headline_url(page: PageState, link: HtmlElement) -> str | None:
    """The story address a headline's link goes to; None for other text (a clip's title,
    a label) or another address."""
    text = link.text_content()
    if not words.headline(text, page.settings) or words.media_title(text):
        return None
    return urls.story_url(page, link, relaxed=False, lenient=True)


def _follows(previous: HtmlElement, element: HtmlElement) -> bool:
    """The element is the next sibling of the previous line (or of its list item's list)."""
    sibling = previous.getnext()
    while sibling is not None and (
        not isinstance(sibling.tag, str) or (sibling.tag == "br" or not words.text(sibling))
    ):
        sibling = sibling.getnext()
    return sibling is element


def _block(run: list[HtmlElement], max_label_chars: int) -> Block:
    """The run as a block: its links, and the short label just above it, if any."""
    first = run[0]
    links = [link for line in run for link in line.iter("a") if link.get("href")]
    parent = first.getparent()
    anchor = parent if first.tag == "li" and parent is not None else first
    return Block(first, "lines", start_after=_label(anchor, max_label_chars), links=links)


def _label(anchor: HtmlElement, max_chars: int) -> HtmlElement | None:
    """A heading or a short line without links just before the run ("Read more:")."""
    previous = anchor.getprevious()
    while previous is not None and (not isinstance(previous.tag, str) or not words.text(previous)):
        previous = previous.getprevious()
    if previous is None or previous.find(".//a") is not None:
        return None
    text = words.text(previous)
    if words.sponsored_label(text) and (
        signals.ad_class(previous)
        or items.ad_slot(previous)
        or any(signals.ad_class(node) for node in previous.iterdescendants())
    ):
        return None  # an ad slot's own "Advertisement" caption, not the run's label
    if previous.tag in HEADING_TAGS or len(text) <= max_chars:
        return previous
    return None
