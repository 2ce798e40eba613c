"""An article's HTML as the XHTML 5 an EPUB chapter must be (epubcheck reads every
chapter against the HTML content models).

Pages break those models in a few ways that browsers forgive: a block inside a
paragraph or a link's words, list items outside a list and words outside list items,
a definition list with no term, a caption outside its figure, table cells outside a
row. Each is mended the gentlest way that keeps the words: a stray block gives up its
tag, a stray item becomes a block, loose words go in an item. Attributes HTML 5 dropped
are dropped (an alignment becomes a style), ids and links into the page go (a book's
chapters cannot promise them), values a validator refuses are left out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader.exchange.content import replace_keeping_tail

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Characters XML 1.0 does not allow (a page may hold them; a book's XHTML may not).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_INTEGER = re.compile(r"\d{1,6}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_ALIGNMENTS = ("left", "right", "center")
# HTML 4 attributes the allow-list keeps that XHTML 5 no longer has, and attributes that
# point at ids (which a book's chapters cannot promise to keep).
DROPPED_ATTRIBUTES = frozenset({"align", "name", "headers", "datetime", "id"})
_NUMBERS = frozenset({"width", "height", "colspan", "rowspan", "span", "start", "value"})
# Attributes only some elements have (a cell's colspan on a cell that became a block goes).
_SIZED = frozenset({"img", "video", "canvas", "iframe", "embed", "object", "source"})
ATTRIBUTE_TAGS = {
    "colspan": frozenset({"td", "th"}),
    "rowspan": frozenset({"td", "th"}),
    "span": frozenset({"col", "colgroup"}),
    "start": frozenset({"ol"}),
    "value": frozenset({"li"}),
    "width": _SIZED,
    "height": _SIZED,
}
# What a table and its row hold; anything else goes in a cell (its words stay in the table).
TABLE_PARTS = frozenset({"caption", "colgroup", "thead", "tbody", "tfoot", "tr"})
ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
ROWS = frozenset({"tr"})
CELLS = frozenset({"td", "th"})

# Elements whose content is phrasing only (words and inline elements).
PHRASING_ONLY = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dt", "summary", "caption"}
)
# Inline elements (all of phrasing content the allow-list lets through).
PHRASING = frozenset(
    {
        *("abbr", "b", "bdi", "bdo", "br", "cite", "code", "dfn", "em", "i", "img", "kbd"),
        *("mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub"),
        *("sup", "time", "u", "var", "wbr"),
    }
)
# Their content is what their parent allows (a link holding a paragraph is fine where a
# paragraph is).
TRANSPARENT = frozenset({"a", "ins", "del"})
# Tags a book orders strictly (a summary first in its details): plain blocks instead.
RENAMED = {"details": "div", "summary": "p"}
# Elements only one kind of parent may hold -> (those parents, what they become elsewhere)
PLACED = {
    "li": (frozenset({"ul", "ol"}), "div"),
    "dt": (frozenset({"dl"}), "p"),
    "dd": (frozenset({"dl"}), "div"),
    "figcaption": (frozenset({"figure"}), "p"),
    "tr": (frozenset({"table", "thead", "tbody", "tfoot"}), "div"),
    "td": (frozenset({"tr"}), "div"),
    "th": (frozenset({"tr"}), "div"),
    "thead": (frozenset({"table"}), "div"),
    "tbody": (frozenset({"table"}), "div"),
    "tfoot": (frozenset({"table"}), "div"),
    "caption": (frozenset({"table"}), "p"),
    "col": (frozenset({"colgroup", "table"}), "span"),
    "colgroup": (frozenset({"table"}), "div"),
    "rt": (frozenset({"ruby"}), "span"),
    "rp": (frozenset({"ruby"}), "span"),
}


def inner_xhtml(root: HtmlElement) -> str:
    """The content under ``root`` as XHTML 5 for an EPUB chapter (see module doc)."""
    from lxml import etree

    for elem in list(root.iter()):
        if not isinstance(elem.tag, str):  # a comment or processing instruction
            replace_keeping_tail(elem)
    for elem in root.iter():
        tag = str(elem.tag)  # comments are gone: every tag is a name
        elem.tag = RENAMED.get(tag, tag)
    for table in list(root.iter("table")):
        _rows(table, TABLE_PARTS)
    _place(root)
    _lists(root)
    _definition_lists(root)
    _figures(root)
    _phrasing(root, inline=False)
    for link in list(root.iter("a")):
        if not link.get("href"):  # a link into the page, or to nowhere: its words stay
            link.drop_tag()
    for elem in root.iter():
        _attributes(elem)
        elem.text = _xml_text(elem.text)
        elem.tail = _xml_text(elem.tail)
    return html.escape(root.text or "", quote=False) + "".join(
        etree.tostring(child, method="xml", encoding="unicode") for child in root
    )


def _rows(container: HtmlElement, allowed: frozenset[str]) -> None:
    """A table (or a row group) holds rows: stray cells are gathered into a row, anything
    else goes in a cell of a row, loose words in a row of their own."""
    from lxml.etree import SubElement
    from lxml.html import Element

    if container.text and container.text.strip():
        container.insert(0, _row_of(container.text))
        container.text = None
    row = None  # the row stray cells are being gathered into
    for child in list(container):
        if child.tag in ROW_GROUPS and child.tag in allowed:
            _rows(child, ROWS)
        elif child.tag == "tr":
            _cells(child)
        elif child.tag not in allowed:
            tail, child.tail = child.tail, None
            if row is None:
                row = Element("tr")
                child.addprevious(row)
            if child.tag in CELLS:
                row.append(child)
            else:
                SubElement(row, "td").append(child)
            if tail and tail.strip():
                row.addnext(_row_of(tail))
                row = None
            continue
        row = None
        if child.tail and child.tail.strip():
            child.addnext(_row_of(child.tail))
            child.tail = None


def _row_of(text: str) -> HtmlElement:
    from lxml.etree import SubElement
    from lxml.html import Element

    row = Element("tr")
    SubElement(row, "td").text = text
    return row


def _cells(row: HtmlElement) -> None:
    """A row holds cells: anything else goes in one; loose words too."""
    from lxml.html import Element

    if row.text and row.text.strip():
        cell = Element("td")
        cell.text, row.text = row.text, None
        row.insert(0, cell)
    for child in list(row):
        if child.tag not in CELLS:
            cell = Element("td")
            child.addprevious(cell)
            cell.append(child)
            cell.tail, child.tail = child.tail, None
        if child.getparent() is row and child.tail and child.tail.strip():
            extra = Element("td")
            extra.text, child.tail = child.tail, None
            child.addnext(extra)


def _place(root: HtmlElement) -> None:
    for elem in list(root.iter(*PLACED)):
        parents, instead = PLACED[str(elem.tag)]
        parent = elem.getparent()
        if parent is None or parent.tag not in parents:
            elem.tag = instead
        elif elem.tag == "caption" and elem.getprevious() is not None:
            elem.tag = "p"
            parent.addprevious(elem)  # out of the table, just before it


def _lists(root: HtmlElement) -> None:
    """A list holds items only: loose words and other elements each go in an item."""
    from lxml.html import Element

    for listing in list(root.iter("ul", "ol")):
        if listing.text and listing.text.strip():
            item = Element("li")
            item.text, listing.text = listing.text, None
            listing.insert(0, item)
        for child in list(listing):
            if child.tag != "li":
                item = Element("li")
                child.addprevious(item)
                item.append(child)
                item.tail, child.tail = child.tail, None
        for child in listing:
            if child.tail and child.tail.strip():
                child.append(Element("span"))
                child[-1].text, child.tail = child.tail, None


def _definition_lists(root: HtmlElement) -> None:
    """A definition list is terms each followed by definitions; one that is not becomes
    plain blocks."""
    for listing in list(root.iter("dl")):
        tags = [str(child.tag) for child in listing]
        loose = bool(listing.text and listing.text.strip()) or any(
            child.tail and child.tail.strip() for child in listing
        )
        if loose or not _terms_then_definitions(tags):
            listing.tag = "div"
            for child in listing:
                tag = str(child.tag)
                child.tag = {"dt": "p", "dd": "div"}.get(tag, tag)


def _terms_then_definitions(tags: list[str]) -> bool:
    if not tags or tags[0] != "dt" or tags[-1] != "dd":
        return False
    return all(tag in ("dt", "dd") for tag in tags)


def _figures(root: HtmlElement) -> None:
    """A figure's caption is its first or its last element."""
    for figure in root.iter("figure"):
        children = list(figure)
        for child in children[1:-1]:
            if child.tag == "figcaption":
                child.tag = "p"
        captions = [child for child in (children[:1] + children[-1:]) if child.tag == "figcaption"]
        for extra in captions[1:] if len(children) > 1 else ():
            extra.tag = "p"


def _phrasing(elem: HtmlElement, inline: bool) -> None:
    """Where only words and inline elements may be, a block gives up its tag (its words
    stay in place)."""
    for child in list(elem):
        tag = child.tag
        child_inline = inline or tag in PHRASING_ONLY or tag in PHRASING
        if inline and tag not in PHRASING and tag not in TRANSPARENT:
            _phrasing(child, True)
            if tag == "hr":  # a rule has no words to keep
                replace_keeping_tail(child)
            else:
                child.drop_tag()
            continue
        _phrasing(child, child_inline)


def _attributes(elem: HtmlElement) -> None:
    for name in list(elem.attrib):
        value = elem.attrib[name]
        valid = _VALID.get(name)
        if name == "align" and elem.tag in ("td", "th") and value.lower() in _ALIGNMENTS:
            elem.set("style", f"text-align: {value.lower()}")
        owners = ATTRIBUTE_TAGS.get(name)
        misplaced = owners is not None and elem.tag not in owners
        if name in DROPPED_ATTRIBUTES or misplaced or (valid is not None and not valid(value)):
            del elem.attrib[name]
        else:
            elem.set(name, _xml_text(value) or "")
    if elem.tag == "img" and elem.get("alt") is None:
        elem.set("alt", "")


def _valid_link(href: str) -> bool:
    if any(char in href for char in ' <>"{}|\\^`'):
        return False
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    if parts.scheme == "mailto":
        return True
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _integer(value: str) -> bool:
    return bool(_INTEGER.fullmatch(value.strip()))


# attribute -> what XHTML 5 accepts as its value (others are left out)
_VALID: dict[str, Callable[[str], bool]] = {
    **dict.fromkeys(_NUMBERS, _integer),
    "lang": lambda value: bool(_LANGUAGE.fullmatch(value)),
    "dir": lambda value: value in ("ltr", "rtl", "auto"),
    "href": _valid_link,
}


def _xml_text(text: str | None) -> str | None:
    return None if text is None else _XML_ILLEGAL.sub("", text)
