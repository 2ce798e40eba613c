"""Stage 1: parse once and normalize the tree so every later stage is cheap and sees images.

readability-lxml measures text with regexes whose time grows with the square of a
whitespace run, so long runs are collapsed in the markup before parsing (outside
``pre``-like elements, where whitespace is content). Lazy-loaded images get a real
``src`` and ``<noscript>`` fallbacks replace their placeholders, so pictures survive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.errors import ExtractError
from reader.extract.depth import parse_document
from reader.extract.markup import drop_xml_declaration

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Elements whose whitespace is part of the content: their markup is left as written.
VERBATIM_TAGS = ("pre", "textarea", "code", "listing", "xmp", "plaintext")
_VERBATIM_OPEN = re.compile(rf"<({'|'.join(VERBATIM_TAGS)})\b", re.IGNORECASE)
_VERBATIM_CLOSE = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in VERBATIM_TAGS}
# Runs at least this long are collapsed. Shorter runs (ordinary indentation) are left:
# readability-lxml reads raw text lengths when it gathers sibling paragraphs, so
# squeezing every run would change its choices; long runs only cost it time.
LONG_RUN = 32
# Anchored on a newline or a space so the regex engine can skip ahead quickly.
_LONG_NEWLINE_RUN = re.compile(rf"\n[ \t\r\n\f]{{{LONG_RUN - 1},}}")
_LONG_BLANK_RUN = re.compile(rf" [ \t\r\f]{{{LONG_RUN - 1},}}")

# Attributes lazy-loading scripts keep the real image address in, most specific first.
LAZY_SRC_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src")
LAZY_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset")
# A src with one of these words (or a data: URI this short) is a placeholder, not the image.
PLACEHOLDER_WORDS = re.compile(r"blank|spacer|placeholder|lazy|loading|transparent|pixel", re.I)
PLACEHOLDER_DATA_URI_MAX = 200  # a real inline picture is bigger than a 1x1 gif or svg stub
_IMAGE_EXT = re.compile(r"\.(jpe?g|png|gif|webp|avif|svg|bmp)(\?|#|$)", re.I)

# Dropped before readability: never content, and they cost it time (it deep-copies the tree).
PRUNE_TAGS = ("script", "style", "template", "link", "meta", "object", "embed", "applet")
# Table header cells lose their class and id: readability-lxml drops any element whose class
# reads "unlikely" (header, sidebar, ...), and sortable tables mark every <th> "headerSort".
HEADER_CELL_TAGS = ("th", "thead")
# A <noscript> is the page without scripts: usually a pixel, "turn JavaScript on" or a menu,
# dropped. One holding a quarter of the page's words or more, mostly not links, is kept (its
# tag goes, its content stays): it is the story itself (a blog whose scripts draw the post
# from a template and put it here for readers without them), or the rest of the page that
# libxml2 read into it (a block left open inside a noscript makes libxml2 ignore the
# </noscript>, where a browser closes it). On the development pages every other noscript
# of 50 words or more holds under a fifth of its page, most of them link menus.
NOSCRIPT_STORY_SHARE = 0.25
NOSCRIPT_STORY_WORDS = 50
NOSCRIPT_MAX_LINKS = 0.5
# ...and so does a <td> the page classes as a header ("header_cell": Factorio's column titles,
# lost with them the table's meaning); short and link-free, so a layout table's site header
# (<td id="header"> with its menu) stays unlikely.
HEADER_CLASS = re.compile(r"header", re.I)
HEADER_CELL_MAX_CHARS = 60


def collapse_whitespace(html: str) -> str:
    """Collapse whitespace runs outside verbatim elements (a run with a newline -> newline)."""
    parts: list[str] = []
    last = 0
    for start, end in _verbatim_spans(html):
        parts.append(_collapse(html[last:start]))
        parts.append(html[start:end])
        last = end
    parts.append(_collapse(html[last:]))
    return "".join(parts)


def _verbatim_spans(html: str) -> Iterator[tuple[int, int]]:
    """Each verbatim element, from its start tag to its own end tag, in one pass.

    A regex with a back-reference to the end tag rescans the rest of the page for every
    start tag left open (40,000 unclosed <code> took 38 s); here each kind's end tag is
    searched once from where the last search ended, and a kind with no end tag left is not
    searched again."""
    position = 0
    unclosed: set[str] = set()
    while True:
        opening = _VERBATIM_OPEN.search(html, position)
        if opening is None:
            return
        tag = opening.group(1).lower()
        closing = None if tag in unclosed else _VERBATIM_CLOSE[tag].search(html, opening.end())
        if closing is None:
            unclosed.add(tag)
            position = opening.end()
            continue
        yield opening.start(), closing.end()
        position = closing.end()


def _collapse(text: str) -> str:
    return _LONG_BLANK_RUN.sub(" ", _LONG_NEWLINE_RUN.sub("\n", text))


def parse(html: str) -> HtmlElement:
    """Parse markup into an lxml.html document root; ExtractError when nothing is there."""
    import lxml.etree

    if not html or not html.strip():
        raise ExtractError("the page is empty")
    try:
        root = parse_document(drop_xml_declaration(html))
    except (lxml.etree.ParserError, ValueError) as error:
        if "empty" in str(error).lower():  # only comments or processing instructions
            raise ExtractError("the page is empty") from None
        raise ExtractError(f"the page could not be parsed as HTML ({error})") from None
    if root is None or not isinstance(root.tag, str):
        raise ExtractError("the page holds no HTML document")
    return root


def fix_images(root: HtmlElement) -> None:
    """Give lazy images their real src and swap noscript fallbacks in for placeholders."""
    for noscript in list(root.iter("noscript")):
        _unwrap_noscript_image(noscript)
    for img in root.iter("img"):
        _fix_lazy(img)
    for source in root.iter("source"):
        for attr in LAZY_SRCSET_ATTRS:
            value = source.get(attr)
            if value and not source.get("srcset"):
                source.set("srcset", value)


def _fix_lazy(img: HtmlElement) -> None:
    src = (img.get("src") or "").strip()
    if src and not is_placeholder(src):
        return
    for attr in LAZY_SRC_ATTRS:
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("{"):
            img.set("src", value)
            return
    for attr in (*LAZY_SRCSET_ATTRS, "srcset"):
        best = best_from_srcset(img.get(attr) or "")
        if best:
            img.set("src", best)
            if attr != "srcset":
                img.set("srcset", img.get(attr) or "")
            return
    for value in img.attrib.values():  # any other data-* attribute holding an image URL
        value = value.strip()
        if value and value != src and " " not in value and _IMAGE_EXT.search(value):
            img.set("src", value)
            return
    parent = img.getparent()
    if parent is not None and parent.tag == "picture":
        for source in parent.iter("source"):
            best = best_from_srcset(source.get("srcset") or "")
            if best:
                img.set("src", best)
                return


def is_placeholder(src: str) -> bool:
    if src.startswith("data:"):
        return len(src) < PLACEHOLDER_DATA_URI_MAX
    return bool(PLACEHOLDER_WORDS.search(src.rsplit("/", 1)[-1]))


def best_from_srcset(srcset: str) -> str | None:
    """The widest candidate of a srcset (the last one when no widths are given)."""
    best, best_width = None, -1.0
    for candidate in srcset.split(","):
        bits = candidate.split()
        if not bits:
            continue
        width = 0.0
        if len(bits) > 1:
            try:
                width = float(bits[1].rstrip("wxWX"))
            except ValueError:
                width = 0.0
        if width >= best_width:
            best, best_width = bits[0], width
    return best


def _unwrap_noscript_image(noscript: HtmlElement) -> None:
    images = [el for el in noscript.iter("img")]
    if len(images) != 1 or (noscript.text_content() or "").strip():
        return
    real = images[0]
    previous = noscript.getprevious()
    placeholder = None
    if previous is not None and previous.tag == "img":
        placeholder = previous
    elif previous is not None and len(previous) == 1 and previous[0].tag == "img":
        placeholder = previous[0]
    if placeholder is not None:
        for name, value in placeholder.attrib.items():
            if (name.startswith("data-") or name in ("alt", "title")) and name not in real.attrib:
                real.set(name, value)
        placeholder.drop_tree()
    real.tail = noscript.tail
    parent = noscript.getparent()
    assert parent is not None  # a <noscript> found inside the page
    parent.replace(noscript, real)


def _link_share(elem: HtmlElement, words: int) -> float:
    linked = sum(
        len(link.text_content().split())
        for link in elem.iter("a", "option")
        if link.tag == "option" or link.get("href")
    )
    return linked / max(1, words)


def prune(root: HtmlElement) -> None:
    """Drop what never holds article text, before readability copies and scores the tree."""
    import lxml.etree

    lxml.etree.strip_elements(root, *PRUNE_TAGS, lxml.etree.Comment, with_tail=False)
    page_words = None
    for noscript in list(root.iter("noscript")):
        words = len(noscript.text_content().split())
        if words >= NOSCRIPT_STORY_WORDS:
            page_words = page_words or len(root.text_content().split())
            if words >= NOSCRIPT_STORY_SHARE * page_words and _link_share(noscript, words) < (
                NOSCRIPT_MAX_LINKS
            ):
                noscript.drop_tag()
                continue
        noscript.drop_tree()
    for cell in root.iter(*HEADER_CELL_TAGS):
        cell.attrib.pop("class", None)
        cell.attrib.pop("id", None)
    for cell in root.iter("td"):
        named = f"{cell.get('class', '')} {cell.get('id', '')}"
        if HEADER_CLASS.search(named) and _short_plain_cell(cell):
            cell.attrib.pop("class", None)
            cell.attrib.pop("id", None)


def _short_plain_cell(cell: HtmlElement) -> bool:
    if cell.find(".//a") is not None:
        return False
    return len(cell.text_content().strip()) <= HEADER_CELL_MAX_CHARS
