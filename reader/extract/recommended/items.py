"""A story item's parts: its title, teaser, provider, picture and whether it is an ad.

An item is the highest element around a story's links that holds no other story; its
parts are read from it, skipping dates, ranks, labels and hidden text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.extract.recommended import signals, urls, words
from reader.extract.recommended.rules import elements, phrases, texts, tokens
from reader.extract.recommended.settings import Thresholds
from reader.extract.recommended.state import Block
from reader.extract.tags import HEADING_TAGS
from reader.urls import resolve

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_PROVIDER_SPLIT = re.compile(f"[{re.escape(texts.PROVIDER_SEPARATORS)}]")
# Image attributes that may hold the real picture of a lazily loaded card, best first.
_IMAGE_ATTRS = ("data-src", "data-lazy-src", "data-original", "src")


def items(block: HtmlElement, by_url: dict[str, list[HtmlElement]]) -> dict[str, HtmlElement]:
    """Each story's item: its highest ancestor inside the block holding no other story."""
    owners: dict[HtmlElement, set[str]] = {}
    for key, group in by_url.items():
        for link in group:
            for ancestor in link.iterancestors():
                if ancestor is block:
                    break
                owners.setdefault(ancestor, set()).add(key)
    found: dict[str, HtmlElement] = {}
    for key, group in by_url.items():
        item = group[0]
        for ancestor in group[0].iterancestors():
            if ancestor is block or owners.get(ancestor, {key}) != {key}:
                break
            item = ancestor
        found[key] = item
    return found


def visible_text(element: HtmlElement) -> str:
    """Text of an element without scripts, dates, ranks, sources and other labels.

    Iterative (not recursive) so that absurdly deep markup cannot exhaust the stack. A
    part only a button's class names ("cta") is the title when nothing else is (BBC's
    cards print the headline in a "cta" span).
    """
    if not len(element):
        return " ".join((element.text or "").split())
    text, button = _visible_text(element, tokens.TITLE_NOISE_WORDS)
    if text or not button:
        return text
    return _visible_text(element, tokens.TITLE_NOISE_WORDS - tokens.TITLE_BUTTON_WORDS)[0]


def _visible_text(element: HtmlElement, noise: frozenset[str]) -> tuple[str, bool]:
    """The text, and whether a part a button's class names was left out of it."""
    from lxml import etree

    parts: list[str] = []
    hidden: set[HtmlElement] = set()
    button = False
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if node is element:
                if node.text:
                    parts.append(node.text)
                continue
            if (
                node.getparent() in hidden
                or not isinstance(node.tag, str)
                or node.tag in elements.SKIP_TEXT_TAGS
            ):
                hidden.add(node)
                continue
            names = words.flat_words(node)
            if not noise.isdisjoint(names):
                hidden.add(node)
                button = button or not tokens.TITLE_BUTTON_WORDS.isdisjoint(names)
            elif node.text:
                parts.append(node.text)
        elif node is not element and node.tail and node.getparent() not in hidden:
            parts.append(node.tail)
    return " ".join(" ".join(parts).split()), button


def link_title(link: HtmlElement) -> str:
    """A link's title: its heading/title-classed part when it has one, else its text."""
    for element in link.iterdescendants():
        if not isinstance(element.tag, str):
            continue
        if element.tag in HEADING_TAGS or any(
            tokens.TITLE_WORDS.intersection(name)
            and not tokens.SUMMARY_NOT_TITLE.intersection(name)
            for name in words.class_words(element)
        ):
            text = visible_text(element)
            if text:
                return text
    return visible_text(link)


def title(group: list[HtmlElement], item: HtmlElement) -> str:
    """The story's title, without the pointer a card sets after it ("Natural Beauty »") or
    the date a list sets before it ("11.02.2020 Was ist Handysucht?"): the sidebar prints
    it as the title. French quotes (« … ») come in pairs and stay."""
    text = _link_or_card_title(group, item)
    if any(quote in text for quote in phrases.OPENING_QUOTES):
        return text
    pointers = phrases.TITLE_POINTER_CHARS
    bare = text.rstrip(pointers)  # string methods, not a regex: linear on any title
    if bare != text and bare[-1:].isspace():
        text = bare.rstrip()
    bare = text.lstrip(pointers)
    if bare != text and bare[:1].isspace():
        text = bare.lstrip()
    dated = texts.LEADING_DATE.match(text)
    return text[dated.end() :] if dated else text


def _link_or_card_title(group: list[HtmlElement], item: HtmlElement) -> str:
    """The visible text of the story's link; else its heading, image alt or title attr."""
    link_texts = [link_title(link) for link in group]
    in_heading = [
        t
        for link, t in zip(group, link_texts, strict=True)
        if t and any(a.tag in HEADING_TAGS for a in link.iterancestors())
    ]
    if in_heading:
        return in_heading[0]
    useful = [t for t in link_texts if t and t.lower() not in texts.UTILITY_TEXTS]
    if useful:
        return max(useful, key=len) if len(useful) > 1 else useful[0]
    for link in group:  # an empty card link over the whole card says its title aloud
        label = " ".join((link.get("aria-label") or "").split())
        if label and label.lower() not in texts.UTILITY_TEXTS:
            return label
    heading = next((h for h in item.iter() if h.tag in HEADING_TAGS), None)
    if heading is not None:
        text = visible_text(heading) or words.text(heading)
        if text:
            return text
    for link in group:
        for img in link.iter("img"):
            alt = " ".join((img.get("alt") or "").split())
            if alt:
                return alt
        value = " ".join((link.get("title") or "").split())
        if value:
            return value.split("  ")[0]
    return ""


def summary(item: HtmlElement, title_: str, settings: Thresholds) -> str:
    """The teaser text of an item: a paragraph or summary-classed element, not the title."""
    title_low = title_.lower()
    for element in item.iter():
        if not isinstance(element.tag, str) or element.tag == "a":
            continue
        names = words.flat_words(element)
        if element.tag != "p" and tokens.SUMMARY_TOKENS.isdisjoint(names):
            continue  # not a teaser
        if not tokens.NOT_SUMMARY_WORDS.isdisjoint(names):
            continue
        text = visible_text(element)
        if len(text) < 20 or title_low in text.lower() or words.sponsored_label(text):
            continue
        if (
            len(text) < settings.short_meta_chars
            and (any(c.isdigit() for c in text) or text[:3] == "By ")
            and tokens.TEASER_ONLY_TOKENS.isdisjoint(names)
        ):
            continue  # "Jane Doe, Jul 17, 2014": a byline or date line, not a teaser
        return text
    return ""


def source(item: HtmlElement, title_: str, settings: Thresholds) -> str:
    """The provider of a story ("Reuters"): a source-classed element or a provider line;
    never a player's control ("Play Video")."""
    for element in item.iter():
        if not isinstance(element.tag, str) or element.tag == "a":
            continue
        if not tokens.SOURCE_TOKENS.isdisjoint(words.flat_words(element)):
            text = _without_labels(visible_text(element))
            if text and len(text) <= texts.MAX_LABEL_CHARS and text != title_:
                return "" if _media_control(text) else text
    line = _provider_line(item, title_, settings)
    return "" if _media_control(line) else line


def _media_control(text: str) -> bool:
    return " ".join(text.lower().split()) in texts.MEDIA_CONTROL_TEXTS


def _without_labels(text: str) -> str:
    """A provider line without its "Ad" / "Sponsored" label and separators."""
    parts = [p.strip() for p in _PROVIDER_SPLIT.split(text) if p.strip()]
    parts = [p for p in parts if not words.sponsored_label(p)]
    return parts[0] if len(parts) == 1 else " ".join(parts)


def _provider_line(item: HtmlElement, title_: str, settings: Thresholds) -> str:
    """A short unclassed line before the title naming the provider ("Ad • BetMGM",
    "Reuters"), as stream layouts print it."""
    for element in item.iter():
        tag = element.tag
        if not isinstance(tag, str) or tag in elements.MEDIA_TAGS:
            continue
        if (
            tag in HEADING_TAGS
            or tag == "p"
            or (tag == "a" and not words.sponsored_label(words.text(element)))
        ):
            return ""  # reached the title or the teaser: providers are printed above them
        if tag == "a" or len(element) > 3:
            continue
        whole = words.text(element)
        if len(whole) > 2 * texts.MAX_LABEL_CHARS or title_ in whole:
            continue  # a wrapper around the title, not a provider line
        text = visible_text(element) if len(element) else whole
        parts = [
            part.strip()
            for part in _PROVIDER_SPLIT.split(text)
            if part.strip() and not words.sponsored_label(part)
        ]
        if len(parts) == 1 and 2 <= len(parts[0]) <= texts.MAX_LABEL_CHARS:
            candidate = parts[0]
            if (
                words.count(candidate) <= settings.max_provider_words
                and not any(c.isdigit() for c in candidate)
                and not words.label_title(candidate, settings)
            ):
                return candidate
    return ""


def sponsored(item: HtmlElement, group: list[HtmlElement], url: str) -> bool:
    """An item that is an ad: an ad host, rel="sponsored", an "ad" class or an "Ad" label."""
    if urls.ad_link(url):
        return True
    for link in group:
        if "sponsored" in (link.get("rel") or "").lower().split():
            return True
    for element in item.iter():
        if not isinstance(element.tag, str):
            continue
        names = words.flat_words(element)
        if (
            (tokens.AD_WORD in names or not tokens.AD_ITEM_WORDS.isdisjoint(names))
            and signals.ad_class(element)
            and not ad_slot(element)
        ):
            return True
        if len(element) == 0 or element.tag in elements.AD_LABEL_TAGS:
            text = (element.text or "").strip()
            if text and words.sponsored_label(text):
                return True
    return False


def ad_slot(element: HtmlElement) -> bool:
    """A place an ad loads into (an iframe or a script in it, or hidden until then), inside
    a story's card: it marks where an ad may appear, not that the story is one."""
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or next(element.iter(*elements.AD_SLOT_TAGS), None) is not None


def image(item: HtmlElement, base: str | None) -> str | None:
    """The item's picture (a lazily loaded one's real address first)."""
    for img in item.iter("img"):
        for attr in _IMAGE_ATTRS:
            src = (img.get(attr) or "").strip()
            if src and not src.startswith("data:"):
                return resolve(src, base)
        srcset = (img.get("srcset") or img.get("data-srcset") or "").strip()
        if srcset:
            return resolve(srcset.split(",")[0].split()[0], base)
    return None


def group_label(block: Block, settings: Thresholds) -> str:
    """The page's own heading of a block ("Most read", "More from Sport"): the heading it
    follows, else a short heading at its top; "" for an inline module or a bare run."""
    heading = block.start_after
    if heading is None and block.kind == "token":
        heading = next(block.element.iterdescendants(*HEADING_TAGS), None)
    text = _heading_text(heading) if heading is not None else ""
    if heading is not None and not text:
        text = " ".join((heading.get("aria-label") or "").split())
    if not text and block.kind == "token":
        text = " ".join((block.element.get("aria-label") or "").split())
    text = text.strip(phrases.HEADING_STRIP_CHARS)
    if not text or len(text) > settings.max_heading_chars or words.count(text) > 9:
        return ""  # a story's headline at the top of its card, not the list's name
    return text


def _heading_text(heading: HtmlElement) -> str:
    """A heading's words; of a row of tabs ("Related articles", "More from author": links
    side by side, no words of its own) the first tab's, which the page shows: their words
    ran together ("Related articlesMore from author")."""
    tabs = [child for child in heading if child.tag == "a"]
    words_between = (heading.text or "") + "".join(tab.tail or "" for tab in tabs)
    if 1 < len(tabs) == len(heading) and not words_between.strip():
        return words.text(tabs[0])
    return words.text(heading)


def doc_key(element: HtmlElement) -> tuple[int, ...]:
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
