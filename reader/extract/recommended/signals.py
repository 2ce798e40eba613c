"""What an element's class, id, role and tag say: a story block, a label, an ad network,
a menu, page furniture, a previous/next link. All checks are cached per attribute value:
pages repeat the same class strings hundreds of times."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.extract.recommended import words
from reader.extract.recommended.rules import elements, tokens

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_STRONG = words.phrase_pattern(t for t in tokens.BLOCK_TOKENS if t not in tokens.WEAK_TOKENS)
_WEAK = words.phrase_pattern(tokens.WEAK_TOKENS)
_PAID = words.phrase_pattern(tokens.PAID_BLOCK_TOKENS)

STRONG_BIT, WEAK_BIT, NETWORK_BIT, LABEL_BIT = 1, 2, 4, 8
# class/id attribute value -> signal bits (the candidate pass reads it inline: one dict
# lookup per element is most of what that pass may spend).
KNOWN_SIGNALS: dict[str, int] = {}
_MAX_SIGNALS = 50_000  # forget everything past this many distinct values (ids are unique)
# Every token phrase needs its longest word somewhere in the class/id text: one regex
# search rejects most class strings before any word splitting.
_CLASS_PREFILTER = words.substring_pattern(
    {max(phrase.split(), key=len) for phrase in tokens.BLOCK_TOKENS}
    # (the first word of a paid box's name: the longest, "content", is in most class names)
    | {phrase.split()[0] for phrase in tokens.PAID_BLOCK_TOKENS}
    | set(tokens.AD_NETWORK_TOKENS)
    | tokens.LABEL_CLASS_WORDS
)


@lru_cache(maxsize=8192)
def _name_signal(name: str) -> tuple[bool, bool, bool]:
    """(strong story token, weak token, ad network) for one class/id name; cached."""
    name_words = words.name_words(name)
    if not name_words or tokens.NEGATIVE_TOKENS.intersection(name_words):
        return False, False, False
    joined = " ".join(name_words)
    return (
        _STRONG.search(joined) is not None
        # "relatedarticle", "recommendedstories": one word that starts like a strong token
        or any(word.startswith(tokens.STRONG_STEMS) for word in name_words),
        _WEAK.search(joined) is not None,
        name_words[0] != tokens.SCRIPT_HOOK_WORD
        and (
            not tokens.AD_NETWORK_TOKENS.isdisjoint(name_words)
            or "".join(name_words) in tokens.AD_NETWORK_TOKENS  # "crowd-ignite"
            or _PAID.search(joined) is not None
        ),
    )


def ad_network(element: HtmlElement) -> bool:
    """True when the element's class/id names an ad network's widget (Taboola, Outbrain)."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}".split()
    return any(_name_signal(name)[2] for name in names)


def class_signal(value: str) -> int:
    """Signal bits (strong token, weak token, ad network, label-like) of a class or id,
    remembered in ``KNOWN_SIGNALS``."""
    bits = 0
    lowered = value.lower()
    if (
        _CLASS_PREFILTER.search(lowered) is not None
        or _CLASS_PREFILTER.search(lowered.replace("-", "").replace("_", "")) is not None
    ):
        names = value.split()
        if any(not tokens.PRODUCT_WORDS.isdisjoint(words.name_words(name)) for name in names):
            names = []  # a shop's product card ("product type-product wc-related-upsell")
        for name in names:
            strong, weak, network = _name_signal(name)
            bits |= (
                (STRONG_BIT if strong else 0)
                | (WEAK_BIT if weak else 0)
                | (NETWORK_BIT if network else 0)
            )
            if not tokens.LABEL_CLASS_WORDS.isdisjoint(words.name_words(name)):
                bits |= LABEL_BIT
    if len(KNOWN_SIGNALS) > _MAX_SIGNALS:
        KNOWN_SIGNALS.clear()
    KNOWN_SIGNALS[value] = bits
    return bits


def negative(element: HtmlElement, footers: bool = True) -> bool:
    """True for menus, footers and other page furniture (by tag, role or class words).

    ``footers=False`` lets a <div class="site-footer"> through: the rules exclude what is
    inside a <footer> element, and a block whose own heading says "Most popular" in a
    footer-classed div is still a story list (token and structure blocks are not trusted
    there: footer-classed divs are mostly link farms of legal and section pages)."""
    return negative_markup(element) or (
        element.tag not in elements.ROOT_TAGS and menu_by_name(element, footers)
    )


def negative_markup(element: HtmlElement) -> bool:
    """True for furniture by tag or ARIA role (<nav>, <footer>, role="navigation")."""
    if element.tag in elements.EXCLUDED_TAGS:
        if element.tag == "footer" and (
            next(element.iterancestors("article"), None) is not None or _later_footer(element)
        ):
            # a story's own footer (HTML5): its tags, author and related posts; one the
            # page's own footer still follows is a section's, wherever the story closed
            return False
        if (
            element.tag == "header"
            and next(element.iterancestors("li", "article"), None) is not None
        ):
            return False  # a card's own header (its headline and date), not a banner
        # WordPress widgets wrap their lists in <nav aria-label="Recent Posts">: a story
        # list by its own label, not a menu.
        label = element.get("aria-label") if element.tag == "nav" else None
        return not (label and words.heading_match(label))
    role = element.get("role")
    if role is None or role == "" or role.lower() not in tokens.EXCLUDED_ROLES:
        return False
    # A side column that calls itself navigation but marks its own menus (<aside
    # role=navigation> holding a <nav> of categories and a "Best of the Blog" list): the
    # menus are the <nav>s, the column is a column.
    return not (
        element.tag in elements.COLUMN_TAGS
        and role.lower() == "navigation"
        and next(element.iterdescendants("nav"), None) is not None
    )


def _later_footer(element: HtmlElement) -> bool:
    """Another <footer> follows in the page: this one closes a section, not the page."""
    return bool(_following_footer()(element))


@lru_cache(maxsize=1)
def _following_footer() -> Callable[[HtmlElement], object]:
    from lxml import etree

    return etree.XPath("boolean(following::footer)")


def post_card(element: HtmlElement) -> bool:
    """The CMS marks the element as one post it lists (WordPress: "hentry", "type-post")."""
    return not tokens.POST_CARD_CLASSES.isdisjoint((element.get("class") or "").split())


def menu_by_name(element: HtmlElement, footers: bool = True) -> bool:
    """True when only the element's class/id words call it a menu, footer or bar (a weaker
    verdict than its tag or role: WordPress prints story lists as "menu" widgets)."""
    class_attr = element.get("class")
    id_attr = element.get("id")
    return bool(class_attr or id_attr) and _negative_words(class_attr or "", id_attr or "", footers)


@lru_cache(maxsize=16384)
def _negative_words(class_attr: str, id_attr: str, footers: bool = True) -> bool:
    for name in words.attr_words(class_attr, id_attr):
        if not name or name[0] in tokens.MODIFIER_WORDS:
            continue  # "with-navbar", "has-menu": a layout flag on a wrapper, not a menu
        if name[0] == tokens.FOOTER_WORD or (
            name[-1] == tokens.FOOTER_WORD and name[0] in tokens.SITE_WORDS
        ):
            if footers:
                return True
            continue
        if name[0] in tokens.NEGATIVE_FIRST_WORDS or name[-1] in tokens.NEGATIVE_LAST_WORDS:
            return True
        if name[0].endswith(tokens.MENU_SUFFIXES):
            return True
    return False


def menu_entry(link: HtmlElement) -> bool:
    """A link whose own class names it a menu's entry ("menu", "menusub", "navlink") or a
    tag's page ("tag modfont" beside each story of a list): on a link, unlike on a box
    (WordPress prints story lists as "menu" widgets), such a class names nothing else. A
    site's menu column of titled groups is found so (a cleaneval page: 75 wrong finds)."""
    class_attr = link.get("class")
    return bool(class_attr) and any(
        name[0].startswith(tokens.MENU_ENTRY_PREFIXES) or name[0] in tokens.TAG_ENTRY_WORDS
        for name in words.attr_words(class_attr, "")
    )


def furniture(element: HtmlElement, with_id: bool) -> bool:
    """Class words of comment threads, share bars, sign-up boxes and pagination.

    Ancestors are judged by class only: ids such as "gigya-share-btns_containerParent"
    sit on article wrappers, and <html>/<body> classes are feature-flag soup.
    """
    if element.tag in elements.ROOT_TAGS:
        return False
    class_attr = element.get("class") or ""
    id_attr = (element.get("id") or "") if with_id else ""
    return bool(class_attr or id_attr) and _furniture_words(class_attr, id_attr)


def pager(element: HtmlElement, with_id: bool) -> bool:
    """Class words of a pager ("pagination", "wp-pagenavi"); see ``tokens.PAGER_WORDS``."""
    if element.tag in elements.ROOT_TAGS:
        return False
    class_attr = element.get("class") or ""
    id_attr = (element.get("id") or "") if with_id else ""
    return bool(class_attr or id_attr) and _pager_words(class_attr, id_attr)


@lru_cache(maxsize=16384)
def _pager_words(class_attr: str, id_attr: str) -> bool:
    # "td_with_ajax_pagination" is a flag on a related-posts box that can page, not a pager
    return any(
        not tokens.PAGER_WORDS.isdisjoint(name) and tokens.MODIFIER_WORDS.isdisjoint(name)
        for name in words.attr_words(class_attr, id_attr)
    )


@lru_cache(maxsize=16384)
def _furniture_words(class_attr: str, id_attr: str) -> bool:
    return any(
        not tokens.FURNITURE_WORDS.isdisjoint(name) and name[0] not in tokens.RANKING_FIRST_WORDS
        for name in words.attr_words(class_attr, id_attr)
    )


def adjacent_post(element: HtmlElement | None) -> bool:
    """Class names of previous/next-post links ("nav-previous", "next-post", "prev")."""
    if element is None:
        return False
    for name in words.class_words(element):
        if not name:
            continue
        if name[0] in tokens.ADJACENT_FIRST_WORDS and (
            len(name) == 1 or name[-1] in tokens.ADJACENT_LAST_WORDS
        ):
            return True
        if name[-1] in tokens.ADJACENT_ENDINGS or name in tokens.ADJACENT_NAMES:
            return True
    return False


def ad_class(element: HtmlElement) -> bool:
    """A class/id name saying "ad": short names only ("ad-label", "sponsored-item")."""
    for name in words.class_words(element):
        if name and name[0] in tokens.CMS_STATE_WORDS:
            continue  # Drupal's "node-promoted": promoted to the front page, not paid for
        # "promoted-<slug-of-the-story>" ids name the story, not an advertiser.
        if len(name) <= 4 and not tokens.AD_ITEM_WORDS.isdisjoint(name):
            return True
        if name and name[0] == tokens.AD_WORD and len(name) <= 2:
            return True
    return False
