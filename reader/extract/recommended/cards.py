"""Which children of a run's box are its cards.

A run is first found from its headline links (``teasers``); its other cards are found
from the cards already known: a sibling of the same tag and class that holds one story
link is a card of the same run even when its title is short ("Ganz bei mir") or laid out
so that no single link spells it. And a side column that prints several lists one after
the other ("Moto News", a rule, "Book Reviews", a rule, "Blogs") is judged list by list,
cut at its labels and rules: each part must be made of cards, not the column as a whole.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.extract.recommended import words
from reader.extract.recommended.rules import elements
from reader.extract.recommended.settings import Thresholds
from reader.extract.tags import HEADING_TAGS

if TYPE_CHECKING:
    from lxml.html import HtmlElement

Items = dict["HtmlElement", str]  # a run's items (cards) -> their story keys


def complete(
    container: HtmlElement,
    items: Items,
    story_key: Callable[[HtmlElement], str | None],
    settings: Thresholds,
) -> Items:
    """The run's items and the siblings of their shape (tag and class) that hold one story
    link with a title of some words. Two cards found by their headlines set the shape;
    bare links (no card around them) set none: a menu's entries look alike too."""
    shapes = {(item.tag, item.get("class")) for item in items}
    if len(items) < 2 or len(shapes) != 1:
        return items
    shape = shapes.pop()
    if shape[0] == "a":
        return items
    keys = set(items.values())
    completed: Items = {}
    for child in container:
        if child in items:
            completed[child] = items[child]
        elif (child.tag, child.get("class")) == shape:
            key = _one_story(child, story_key, settings)
            if key is not None and key not in keys:
                keys.add(key)
                completed[child] = key
    return completed


def _one_story(
    card: HtmlElement, story_key: Callable[[HtmlElement], str | None], settings: Thresholds
) -> str | None:
    """The card's story key when its links lead to one story, one of them titled."""
    found: str | None = None
    titled = False
    for link in card.iter("a"):
        if not link.get("href"):
            continue
        key = story_key(link)
        if key is None:
            continue
        if found is not None and key != found:
            return None  # two stories: a box of cards, not one card
        found = key
        titled = titled or words.title_ok(words.text(link), settings.min_title_words, settings)
    return found if titled else None


def parts(
    container: HtmlElement, items: Items, settings: Thresholds
) -> list[tuple[HtmlElement | None, Items]]:
    """The runs of cards between the container's labels and rules, each with its label:
    only parts with enough items, mostly cards, count."""
    tags = {item.tag for item in items}
    found: list[tuple[HtmlElement | None, Items]] = []
    label: HtmlElement | None = None
    part: Items = {}
    siblings = 0
    for child in (*container, None):
        if child is not None and not isinstance(child.tag, str):
            continue
        if child is None or _divider(child, items):
            if (
                len(part) >= settings.min_teaser_items
                and len(part) >= settings.min_teaser_share * siblings
            ):
                found.append((label, part))
            if child is not None:
                label = child if words.text(child) else None
            part, siblings = {}, 0
            continue
        if child.tag in tags:
            siblings += 1
        if child in items:
            part[child] = items[child]
    return found


def _divider(child: HtmlElement, items: Items) -> bool:
    """A rule, a heading, or a short line without links between the lists of a column."""
    if child in items:
        return False
    if child.tag in elements.DIVIDER_TAGS or child.tag in HEADING_TAGS:
        return True
    if child.find(".//a[@href]") is not None:
        return False
    text = words.text(child)
    return bool(text) and words.count(text) <= elements.MAX_DIVIDER_WORDS
