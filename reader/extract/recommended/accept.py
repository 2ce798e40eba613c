"""Pass 2: which candidate blocks are story lists, outermost first, none taken twice.

A block is dropped inside menus and footers, inside comment threads and share bars, when
it wraps the article's own prose, or (weak names) when it lacks the shape of a rail.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.extract.recommended import furniture, items, signals, urls, words
from reader.extract.recommended.rules import texts
from reader.extract.recommended.state import Block, PageState

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Blocks named by their heading are trusted most, structure-only runs least.
_KIND_RANK = {"heading": 0, "inline": 1, "lines": 2, "token": 3, "weak": 4, "teasers": 5}


def accepted(page: PageState, blocks: list[Block], main: HtmlElement | None) -> Iterator[Block]:
    """Blocks that survive the page-furniture checks, outermost first, no nesting twice."""
    settings = page.settings
    taken: set[HtmlElement] = set()  # elements a block took whole
    # Heading and line blocks take only their own links (those after the heading), not
    # their element's: a list further down the same box may still be its own block.
    partly: set[HtmlElement] = set()
    claimed: set[HtmlElement] = set()
    blocks.sort(key=lambda b: _KIND_RANK[b.kind])
    # A box that holds the story is no menu, whatever its tag or class says: a header the
    # page never closes, a form around the whole page, an off-canvas menu's wrapper
    # ("main-menu off-canvas-wrap") hold the story and the lists beside it. A box that is
    # furniture by its tag (<header>, <form>) is excused only for what follows the story's
    # start: the header's own menus and flyouts come before it.
    around_story = set(main.iterancestors()) if main is not None else set()
    story_start = items.doc_key(main) if main is not None else ()
    for block in blocks:
        element = block.element
        if element in taken or (element in partly and _claimed(block, claimed)):
            continue
        ancestors = list(element.iterancestors())
        after_story = items.doc_key(element) > story_start if around_story else False
        footers = block.kind != "heading"
        # A widget its class names ("special-recent-posts") in a footer's widget area is
        # still that widget; a block whose own class says footer is the footer.
        outer_footers = block.kind not in ("heading", "token")
        if (
            furniture.menu(page, element, footers)
            or any(
                not (a in around_story and (after_story or not signals.negative_markup(a)))
                and furniture.menu(page, a, outer_footers)
                # a run of cards in a side column that only its class calls navigation
                and not (block.kind == "teasers" and furniture.side_column(page, a))
                for a in ancestors
            )
        ) and not (
            block.kind == "heading" and furniture.named_list_in_menu(page, element, block.links)
        ):
            continue
        if any(a in taken for a in ancestors):
            continue
        if any(a in partly for a in ancestors) and _claimed(block, claimed):
            continue
        # Structure alone is trusted less: a wrapper's id ("commentWrapper") counts too.
        with_id = block.kind == "teasers"
        named = block.kind == "heading"
        if furniture.clutter(page, element, True, named) or any(
            furniture.clutter(page, a, with_id) for a in ancestors[: settings.max_furniture_depth]
        ):
            continue  # inside comments, share bars, newsletter boxes...
        network = (
            block.sponsored
            or signals.ad_network(element)  # a heading's region may be the widget itself
            or any(signals.ad_network(a) for a in ancestors[: settings.max_network_depth])
        )
        labelled = _labelled_sponsored(block)
        block.sponsored = network or labelled
        block.by_network = network and not labelled
        if (
            block.kind in ("token", "weak")
            and element.find(".//a[@href]") is not None
            and _wrapper(page, element)
        ):
            continue  # an article wrapper whose class happens to say "related"
        if block.kind == "weak" and not (page.has_article() and _structural(page, element)):
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
        if block.partial:
            partly.add(element)
            claimed.update(block.links)
        else:
            taken.add(element)
        yield block


def _claimed(block: Block, claimed: set[HtmlElement]) -> bool:
    """Every link of the block is one a heading or line block already took."""
    links = block.links if block.partial else block.element.iter("a")
    return all(link in claimed for link in links)


def _wrapper(page: PageState, element: HtmlElement) -> bool:
    """True when the element holds running prose: several long paragraphs side by side
    (an article), unlike a rail whose teasers each sit in their own item."""
    settings = page.settings
    if page.prose_parents is None:
        # The few parents of running prose, found once: asking whether one of them
        # lies inside a block is far cheaper than walking every block's subtree.
        page.prose_parents = [
            node
            for node, count in page.prose_count.items()
            if count >= settings.wrapper_paragraphs
            and page.prose[node] > settings.max_block_prose_chars
        ]
    for node in page.prose_parents:
        if node is element or any(a is element for a in node.iterancestors()):
            return True
    return False


def _structural(page: PageState, element: HtmlElement) -> bool:
    """Several long links to article-like URLs: the shape of a rail of stories."""
    settings = page.settings
    found = set()
    for link in element.iter("a"):
        url = urls.story_url(page, link, relaxed=False)
        if url and words.count(words.text(link)) >= settings.min_struct_title_words:
            found.add(url)
            if len(found) >= settings.min_struct_items:
                return True
    return False


def _labelled_sponsored(block: Block) -> bool:
    heading = block.start_after
    if heading is None:
        return False
    label = words.text(heading)
    if words.sponsored_label(label):
        return True
    lowered = label.lower()
    return any(word in lowered for word in texts.SPONSORED_HEADING_WORDS)
