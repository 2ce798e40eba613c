"""Parse a page of any depth into a tree no deeper than the later stages can walk.

Old pages open hundreds of ``<font>`` or ``<div>`` tags and never close them. libxml2
stops building the tree at 256 levels (2,048 with ``huge_tree``) and silently drops the
rest of the page, and later stages (and readability) walk the tree recursively. So:

- the page is parsed with ``huge_tree`` (no silent cut below 2,048 levels, no cap on long
  text nodes);
- a tree deeper than MAX_DEPTH is flattened in place: below that depth only the words and
  the pictures stay (the elements' tags go, their text joins the ancestor at MAX_DEPTH);
- a page that reaches libxml2's hard limit was cut by the parser: the tag its nesting is
  made of (the commonest one) is taken out of the markup and the page parsed again, and
  as a last resort every tag goes, so the text is never lost.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import ElementNamespaceClassLookup
    from lxml.html import HtmlElement, HTMLParser

log = logging.getLogger(__name__)

# Deeper than any real article needs (the deepest Mozilla corpus page has 41 levels),
# far below Python's recursion limit and libxml2's default of 256.
MAX_DEPTH = 160
PARSER_LIMIT = 2048  # libxml2's depth limit with huge_tree: a tree this deep was cut
STRIP_ROUNDS = 3  # tag names taken out of the markup before every tag is
KEPT_BELOW = frozenset(("img", "br", "hr"))  # void: they cannot nest
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)")
_ANY_TAG = re.compile(r"<[a-zA-Z/!?][^<>]*>")


def _deeper_than(depth: int) -> str:
    # A chain of child steps from the root element: cheap (0.2 ms on a large page), and
    # true when some element sits ``depth`` levels below the root.
    return "boolean(" + "*/" * (depth - 1) + "*)"


_TOO_DEEP = _deeper_than(MAX_DEPTH)
_AT_MAX_DEPTH = "*/" * (MAX_DEPTH - 1) + "*"
_CUT_BY_PARSER = _deeper_than(PARSER_LIMIT - 8)


def parse_document(html: str) -> HtmlElement:
    """The document root of ``html``, no deeper than MAX_DEPTH, with all its text."""
    root = _parse(html)
    for round_ in range(STRIP_ROUNDS + 1):
        if root is None or not isinstance(root.tag, str) or not root.xpath(_CUT_BY_PARSER):
            break
        html = _strip_commonest_tag(html) if round_ < STRIP_ROUNDS else _ANY_TAG.sub(" ", html)
        log.info("page nested beyond the parser's limit: its nesting tags were taken out")
        root = _parse(html)
    if root is not None and isinstance(root.tag, str) and root.xpath(_TOO_DEEP):
        _flatten_below(root)
    return root


def _parse(html: str) -> HtmlElement:
    import lxml.html

    return lxml.html.document_fromstring(html, parser=html_parser())


def html_parser() -> HTMLParser:
    """lxml.html's parser with the element class lookup done in C (_class_lookup). A
    parser per call: lxml parsers are not meant to be shared between threads."""
    import lxml.html

    parser = lxml.html.HTMLParser(huge_tree=True)
    parser.set_element_class_lookup(_class_lookup())
    return parser


_LOOKUP: ElementNamespaceClassLookup | None = None


def _class_lookup() -> ElementNamespaceClassLookup:
    """lxml.html's element classes (a FormElement for <form>, HtmlElement for the rest),
    chosen inside libxml2's bindings: lxml.html's own lookup is a Python method called for
    every element Python touches, some thousands of times a page (~6% of extraction time on
    Dragnet pages). Stateless, so one serves every parser."""
    global _LOOKUP
    if _LOOKUP is None:
        from lxml import etree
        from lxml.html import (
            HtmlComment,
            HtmlElement,
            HtmlElementClassLookup,
            HtmlEntity,
            HtmlProcessingInstruction,
        )

        lookup = etree.ElementNamespaceClassLookup(
            etree.ElementDefaultClassLookup(
                element=HtmlElement,
                comment=HtmlComment,
                pi=HtmlProcessingInstruction,
                entity=HtmlEntity,
            )
        )
        by_tag = lookup.get_namespace(None)
        # lxml's own table of tag -> class (not in its type stubs: a private name)
        defaults = HtmlElementClassLookup._default_element_classes  # type: ignore[attr-defined]
        for tag, element_class in defaults.items():
            by_tag[tag] = element_class
        _LOOKUP = lookup
    return _LOOKUP


def _strip_commonest_tag(html: str) -> str:
    counts = Counter(match.group(1).lower() for match in _START_TAG.finditer(html))
    for name in ("html", "head", "body"):
        counts.pop(name, None)
    if not counts:
        return _ANY_TAG.sub(" ", html)
    name = counts.most_common(1)[0][0]
    return re.sub(rf"</?{re.escape(name)}\b[^<>]*>", "", html, flags=re.IGNORECASE)


def _flatten_below(root: HtmlElement) -> None:
    import lxml.etree

    for elem in root.xpath(_AT_MAX_DEPTH):
        names = {
            node.tag
            for node in elem.iterdescendants()
            if isinstance(node.tag, str) and node.tag not in KEPT_BELOW
        }
        if names:
            lxml.etree.strip_tags(elem, *names)
    log.info("page nested deeper than %d levels: flattened below that depth", MAX_DEPTH)
