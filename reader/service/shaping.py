"""The story's HTML reshaped for Qt's rich-text engine, without Qt.

QTextBrowser understands a subset of HTML 4 and CSS 2: no <figure>, no border-left, no
max-width. The extractor's clean HTML is therefore reshaped here (figures become a block and
a caption paragraph, quotes a two-cell table with a rule, images get explicit sizes) so the
reading view's stylesheet can make it calm. No Qt and no window here: the read-ahead child
(reader.service.read_ahead) shapes the first story while the window builds, and the
window's workers shape every other one (reader.ui.reading.render adds the header).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Elements that never belong in the reading view (the sanitizer should have removed them;
# this is the view's own guarantee).
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "svg",
    "canvas",
    "video",
    "audio",
    "link",
    "meta",
)
# Wrappers whose content stays but whose presentation Qt would honour badly.
UNWRAP_TAGS = ("font", "center", "picture", "source", "section", "article", "header", "footer")
# Attributes that would override the theme (colours, fonts, fixed widths).
DROP_ATTRIBUTES = (
    "style",
    "class",
    "align",
    "valign",
    "bgcolor",
    "color",
    "face",
    "size",
    "background",
    "border",
    "cellpadding",
    "cellspacing",
)
# Images this small are trackers or spacers, not pictures.
MIN_IMAGE_PX = 3
MISSING_IMAGE = "reader-missing:"  # a frame's source: reader-missing:WxH (the view draws it)
# A picture that was not saved shows as a quiet frame (drawn by the view) of about its
# shape: at most this big for a picture in the text, icon-sized in a table or a line.
FRAME_MAX = (320, 180)
FRAME_UNKNOWN = (320, 110)
ICON_MAX_PX = 48
# A picture narrower than this, in a paragraph with text, stays in its line (an emoji, a
# badge); a wider one is set apart as a block of its own.
IN_LINE_MAX_PX = 100
# A table cell that holds only a number (amounts, percentages, years) is right-aligned.
NUMBER = re.compile(
    r"^[-+−–(]?[$€£¥]?\s?\d[\d\s.,:]*%?\)?\s?(?:[$€£¥%]|[a-zA-Z]{1,3})?"
    r"(?:\s*\([-+−–]?\d[\d.,]*\s?%?\))?$"  # "13.4 MB (-81%)"
)
NUMBER_MAX_CHARS = 24
# A heading's self-link ("Building plugins #") or a wiki's "[edit]": a hover affordance on
# the web, a stray word in a reading view. Only links whose whole text is one of these go
# (with the brackets around an edit link).
PERMALINK_MARKS = frozenset({"#", "¶", "§", "🔗", "⚓", "∞", "#️⃣", "edit", "edit source"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
DATA_TABLE_CLASS = "data"  # a table of data (not a quote's or a code block's frame)
DATA_TABLE_MARK = f'class="{DATA_TABLE_CLASS}"'  # how the rendered HTML shows one
CAPTION_BLOCKS = ("p", "div")  # blocks a figcaption may hold; they become lines of it
QUOTE_BLOCKS = frozenset(("p", "div", "ul", "ol", "pre", "table", "dl", *HEADINGS))

# An image's pixel size; None when it was not saved; a short reason when it was saved but
# is not shown (over the article's image budget, an SVG too complex to draw...).
ImageSize = Callable[[str], "tuple[int, int] | str | None"]

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Rendered:
    """The HTML handed to the view, and the image sources it will ask for."""

    html: str
    images: tuple[str, ...]


def text_to_html(text: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def shape_content(content_html: str, title: str, image_size: ImageSize) -> Rendered:
    """Reshape sanitized article HTML for Qt. ``image_size(src)`` says whether an image is
    stored (its pixel size) or not (None: it becomes a quiet placeholder, never a fetch)."""
    import lxml.html
    from lxml import etree

    from reader.extract import leftovers

    if not content_html.strip():
        return Rendered("", ())
    try:
        root = lxml.html.fragment_fromstring(content_html, create_parent="div")
    except (etree.ParserError, ValueError):
        return Rendered(text_to_html(content_html), ())

    for element in list(root.iter(*DROP_TAGS)):
        element.drop_tree()
    for element in list(root.iter(*UNWRAP_TAGS)):
        element.drop_tag()
    for element in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        element.drop_tree()
    for element in root.iter():
        for name in DROP_ATTRIBUTES:
            element.attrib.pop(name, None)

    _drop_permalinks(root)
    _drop_unused_anchors(root)
    leftovers.drop_title_repeat(root, title)  # the header above shows the title
    for heading in root.iter("h1"):
        heading.tag = "h2"
    images = _shape_images(root, image_size)
    for figure in list(root.iter("figure")):
        figure.tag = "div"
        figure.set("class", "figure")
    for caption in list(root.iter("figcaption")):
        caption.tag = "p"
        caption.set("class", "caption")
        _caption_lines(caption)
        for credit in caption.iter("small"):
            credit.tag = "span"
            credit.set("class", "credit")
    for quote in list(root.iter("blockquote")):
        _quote_as_table(quote)
    _rehome_orphan_rows(root)
    for table in list(root.iter("table")):
        if table.get("class") not in ("quote", "code"):
            _shape_data_table(table)
    for pre in list(root.iter("pre")):
        for inner in list(pre.iter("code")):
            inner.drop_tag()
        _code_as_table(pre)

    body = "".join(
        lxml.html.tostring(child, encoding="unicode") if isinstance(child.tag, str) else ""
        for child in root
    )
    if root.text and root.text.strip():
        body = f"<p>{html.escape(root.text.strip())}</p>{body}"
    return Rendered(body, tuple(images))


def _drop_permalinks(root: HtmlElement) -> None:
    """Self-links of headings (a lone "#" or "¶" pointing at the heading), text kept around."""
    for heading in list(root.iter(*HEADINGS)):
        for link in list(heading.iter("a")):
            text = link.text_content().strip().casefold()
            if link.find(".//img") is None and text in PERMALINK_MARKS:
                _drop_bracketed(link)
        if not heading.text_content().strip() and heading.find(".//img") is None:
            heading.drop_tree()


def _drop_bracketed(link: HtmlElement) -> None:
    """Drop ``link`` (its tail text stays), and the "[" "]" around it when there are."""
    tail = link.tail or ""
    previous = link.getprevious()
    parent = link.getparent()
    assert parent is not None  # a link found inside the story
    before = previous.tail if previous is not None else parent.text
    if (before or "").rstrip().endswith("[") and tail.lstrip().startswith("]"):
        before = (before or "").rstrip()[:-1]
        link.tail = tail.lstrip()[1:]
        if previous is not None:
            previous.tail = before
        else:
            parent.text = before
    link.drop_tree()  # lxml keeps the link's tail text


def _drop_unused_anchors(root: HtmlElement) -> None:
    """Ids nothing links to, and link titles Qt never shows, only slow the parser down
    (a link-dense 18k-word page parses ~15% faster without them)."""
    targets = {
        href[1:] for href in root.xpath(".//a/@href") if href.startswith("#") and len(href) > 1
    }
    for element in root.xpath(".//*[@id or @name or @title]"):
        for name in ("id", "name"):
            value = element.get(name)
            if value is not None and value not in targets:
                del element.attrib[name]
        if element.tag == "a" and "title" in element.attrib:
            del element.attrib["title"]


def _rehome_orphan_rows(root: HtmlElement) -> None:
    """Table parts that lost their <table> (a readability candidate can be a bare tbody)
    get one back, or Qt would run the cells together as loose text."""
    from lxml.html import Element

    for part in list(root.iter("tbody", "thead", "tfoot", "tr")):
        parent = part.getparent()
        if parent is None or parent.tag in ("table", "tbody", "thead", "tfoot"):
            continue
        table = Element("table")
        parent.replace(part, table)
        table.tail, part.tail = part.tail, None
        table.append(part)


# Blocks that hold a picture and are centred with it (a paragraph or a <div> only when it
# holds no text: else the picture gets a centred block of its own).
PICTURE_HOLDERS = ("p", "div", "a", "figure")
# Of those, the ones that may hold text around the picture, which must not be centred.
TEXT_HOLDERS = ("p", "div")
# A paragraph that holds only a picture: the view sets it without the text's line spacing,
# which Qt applies to the picture's line too (~100 px of space under a 180 px picture).
PICTURE_CLASS = "picture"


def _shape_images(root: HtmlElement, image_size: ImageSize) -> list[str]:
    from lxml.html import Element

    sources: list[str] = []
    for image in list(root.iter("img")):
        src = (image.get("src") or "").strip()
        alt = _SPACE.sub(" ", image.get("alt") or "").strip()
        size = image_size(src) if src else None
        if size is None:
            _frame_missing(image, alt)
            continue
        if isinstance(size, str):
            placeholder = Element("span")
            placeholder.set("class", "missing-image")
            placeholder.text = f"[image not shown ({size}){': ' + alt if alt else ''}]"
            placeholder.tail = image.tail
            holder = image.getparent()
            assert holder is not None  # an image found inside the story
            holder.replace(image, placeholder)
            continue
        width, height = size
        if width < MIN_IMAGE_PX or height < MIN_IMAGE_PX:
            image.drop_tree()
            continue
        for name in list(image.attrib):
            if name not in ("src", "alt", "title"):
                del image.attrib[name]
        image.set("width", str(width))
        image.set("height", str(height))
        sources.append(src)
        _set_apart(image, in_line=width < IN_LINE_MAX_PX)
    return sources


def _set_apart(image: HtmlElement, *, in_line: bool) -> None:
    """The picture centred, as a block. Where it sits among text it becomes a block of its
    own, in its place, and the text around it stays as it was: centring the block it sat in
    centred the text too (a story that opens with a picture inline, ragged on both sides; a
    whole story whose pictures sit in its own <div>). A small one (``in_line``: an icon, an
    emoji) stays in its line of text."""
    picture, holder = image, image.getparent()
    if holder is not None and holder.tag == "a" and not holder.text_content().strip():
        outer = holder.getparent()
        if outer is not None and outer.tag in TEXT_HOLDERS:
            picture, holder = holder, outer  # a linked picture keeps its link
    if holder is None or holder.tag not in PICTURE_HOLDERS:
        return
    if holder.tag not in TEXT_HOLDERS or not holder.text_content().strip():
        holder.set("align", "center")
        if holder.tag == "p":
            holder.set("class", PICTURE_CLASS)
        return
    if in_line:
        return
    from lxml.html import Element

    block = Element("p", {"align": "center", "class": PICTURE_CLASS})
    if holder.tag == "div":  # a block among blocks: the picture's own, in its place
        tail, picture.tail = picture.tail, None
        picture.addprevious(block)
        block.append(picture)
        block.tail = tail
        return
    after = Element("p", dict(holder.attrib))
    after.text, picture.tail = picture.tail, None
    for sibling in list(picture.itersiblings()):
        after.append(sibling)
    after.tail, holder.tail = holder.tail, None
    holder.addnext(block)
    block.append(picture)
    block.addnext(after)
    for part in (holder, after):  # the picture opened or closed the paragraph
        if not part.text_content().strip() and not len(part):
            part.drop_tree()  # keeps its tail (the text after the paragraph)


def _frame_missing(image: HtmlElement, alt: str) -> None:
    """A picture that was not saved: a quiet frame of about its shape (the view draws it),
    and its alt text under it only when no caption follows to say what it shows."""
    from lxml.html import Element

    width, height = _declared_px(image.get("width")), _declared_px(image.get("height"))
    small = bool(image.xpath("ancestor::td|ancestor::th")) or 0 < (width or 99) <= ICON_MAX_PX
    if small:
        side = min(width or height or 16, ICON_MAX_PX)
        size = (side, min(height or side, ICON_MAX_PX))
    elif width and height:
        scale = min(FRAME_MAX[0] / width, FRAME_MAX[1] / height, 1.0)
        size = (max(24, round(width * scale)), max(24, round(height * scale)))
    else:
        size = FRAME_UNKNOWN
    for name in list(image.attrib):
        del image.attrib[name]
    image.set("src", f"{MISSING_IMAGE}{size[0]}x{size[1]}")
    image.set("width", str(size[0]))
    image.set("height", str(size[1]))
    image.set("alt", "")
    _set_apart(image, in_line=small)
    if alt and not small and not _caption_follows(image, alt):
        line = Element("p", {"class": "caption", "align": "center"})  # under its picture
        line.text = alt
        block = _block_of(image)
        line.tail, block.tail = block.tail, None
        block.addnext(line)


def _declared_px(value: str | None) -> int | None:
    digits = (value or "").strip().removesuffix("px")
    return int(digits) if digits.isdigit() and int(digits) > 0 else None


def _caption_follows(image: HtmlElement, alt: str) -> bool:
    """A figure caption, or text right after that says the alt again, already tells what
    the picture shows."""
    for figure in image.iterancestors("figure"):
        if any(squash_text(caption) for caption in figure.iter("figcaption")):
            return True
        image = figure
        break
    following = _block_of(image).getnext()
    if following is None:
        return False
    if following.tag == "figcaption":
        return True
    said = _fold(squash_text(following))
    wanted = _fold(alt)
    return bool(wanted) and said.startswith(wanted[: max(20, len(wanted) * 3 // 4)])


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _block_of(element: HtmlElement) -> HtmlElement:
    """The element's nearest block ancestor directly under the story (or itself)."""
    parent = element.getparent()
    while parent is not None and parent.tag in ("a", "span", "p"):
        element, parent = parent, parent.getparent()
    return element


def squash_text(element: HtmlElement) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def _shape_data_table(table: HtmlElement) -> None:
    """A data table for reading: its caption as a caption above it, numbers right-aligned."""
    from lxml.html import Element

    table.set("class", DATA_TABLE_CLASS)
    table.set("cellspacing", "0")
    table.set("width", "100%")
    for caption in list(table.iter("caption")):
        text = squash_text(caption)
        if text:
            line = Element("p")
            line.set("class", "caption")
            line.text = text
            table.addprevious(line)
        caption.drop_tree()
    numeric_columns: dict[int, list[bool]] = {}
    for row in table.iter("tr"):
        for index, cell in enumerate(row.iterchildren("td", "th")):
            _trim_cell_padding(cell)
            if cell.tag == "th":
                continue
            text = squash_text(cell)
            is_number = bool(text) and len(text) <= NUMBER_MAX_CHARS and bool(NUMBER.match(text))
            if is_number:
                cell.set("align", "right")
            if text:
                numeric_columns.setdefault(index, []).append(is_number)
    for row in table.iter("tr"):
        for index, cell in enumerate(row.iterchildren("td", "th")):
            if cell.tag == "td":
                continue
            column = numeric_columns.get(index, [])
            numbers = bool(column) and sum(column) * 2 > len(column)
            cell.set("align", "right" if numbers else "left")


def _caption_lines(caption: HtmlElement) -> None:
    """Paragraphs inside a caption become its lines: Qt shows a <p> in a <p> as a paragraph
    of body text (CNET's caption read as the story's first paragraph, its credit glued on)."""
    from lxml.html import Element

    for block in list(caption.iterchildren(*CAPTION_BLOCKS)):
        before = block.getprevious()
        if (before is None and (caption.text or "").strip()) or (
            before is not None and before.tag != "br"
        ):
            block.addprevious(Element("br"))
        if block.getnext() is not None or (block.tail or "").strip():
            line_end = Element("br")
            line_end.tail, block.tail = block.tail, None
            block.addnext(line_end)
        block.drop_tag()


def _trim_cell_padding(cell: HtmlElement) -> None:
    """No-break spaces at a cell's ends were the page's way of widening a column (LWN:
    "Jürgen Schmidt" and 13 of them); kept, they made the column too wide for the text."""
    if cell.text:
        cell.text = cell.text.lstrip(" \t\n\xa0")
    last = cell[-1] if len(cell) else None
    if last is None:
        cell.text = (cell.text or "").rstrip(" \t\n\xa0")
    elif last.tail:
        last.tail = last.tail.rstrip(" \t\n\xa0")


def barred(element: HtmlElement, name: str) -> tuple[HtmlElement, HtmlElement]:
    """``element`` as a two-cell table (classes ``name``, ``name-bar``, ``name-text``): a
    thin coloured bar, then the element's content. Returns the table and the content's cell.

    Qt cannot draw a left border on a block; a 3 px table cell can.
    """
    from lxml.etree import SubElement
    from lxml.html import Element

    table = Element("table")
    table.set("class", name)
    table.set("width", "100%")
    table.set("cellspacing", "0")
    table.set("cellpadding", "0")
    row = SubElement(table, "tr")
    bar = SubElement(row, "td")
    bar.set("class", f"{name}-bar")
    bar.set("width", "3")
    cell = SubElement(row, "td")
    cell.set("class", f"{name}-text")
    cell.text = element.text
    for child in list(element):
        cell.append(child)
    return table, cell


def _quote_as_table(quote: HtmlElement) -> None:
    """A blockquote as a barred table (the quote's text beside a thin coloured bar)."""
    from lxml.etree import SubElement

    table, cell = barred(quote, "quote")
    if not any(child.tag in QUOTE_BLOCKS for child in cell):
        # Loose text in a quote gets a paragraph, and with it the body's line height.
        paragraph = SubElement(cell, "p")
        paragraph.text, cell.text = cell.text, None
        for child in list(cell)[:-1]:
            paragraph.append(child)
    for code in cell.iter("code", "pre", "kbd", "samp"):
        code.set("style", "font-style: normal")  # code is set upright, even in a quote
    table.tail = quote.tail
    parent = quote.getparent()
    assert parent is not None  # a quote found inside the story
    parent.replace(quote, table)


def _code_as_table(pre: HtmlElement) -> None:
    """A code block as a one-cell table, so its background is one calm panel with padding
    (Qt paints a <pre>'s background line by line, with gaps)."""
    from lxml.etree import SubElement
    from lxml.html import Element

    table = Element("table")
    table.set("class", "code")
    table.set("width", "100%")
    table.set("cellspacing", "0")
    table.set("cellpadding", "0")
    cell = SubElement(SubElement(table, "tr"), "td")
    cell.set("class", "code")
    parent = pre.getparent()
    assert parent is not None  # a code block found inside the story
    parent.replace(pre, table)
    table.tail, pre.tail = pre.tail, None
    cell.append(pre)


class _ShowsPictures(Exception):
    """Raised from the picture-size callback: the story has a picture to size."""


def shape_without_pictures(content_html: str, title: str) -> Rendered | None:
    """The story shaped when it shows no pictures; None when it does (their sizes come
    from decoding them at the reading column's width, which only the window knows)."""

    def no_pictures(_src: str) -> tuple[int, int] | str | None:
        raise _ShowsPictures

    try:
        return shape_content(content_html, title, no_pictures)
    except _ShowsPictures:
        return None
