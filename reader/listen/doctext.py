"""The text Qt's reading view will hold for an article's HTML, predicted without Qt.

Listening highlights the sentence being spoken, so every utterance needs its place in the
view's text: an index into ``QTextDocument.toPlainText()``, which is the same number as a
document position (one character per paragraph separator, table cell mark, image). This
module walks the HTML the view is given and lays it out by the rules Qt's HTML importer
follows, block by block, keeping what each block is (heading, caption, code...) so the
script can decide what to say. tests/gui/test_listen_positions.py holds the prediction
against real QTextDocuments (the seed, the bundled pages, the Mozilla corpus).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement


# What Qt's document holds between and around blocks (QTextDocument's own characters).
PARAGRAPH = "\u2029"
LINE = "\u2028"
CELL = "\ufdd0"  # QTextBeginningOfFrame: starts every table cell
TABLE_END = "\ufdd1"  # QTextEndOfFrame
OBJECT = "\ufffc"  # an image
# toPlainText() turns Qt's own separators into newlines and a no-break space into a space;
# the positions do not move.
_PLAIN = str.maketrans({PARAGRAPH: "\n", LINE: "\n", CELL: "\n", TABLE_END: "\n", "\xa0": " "})

# Tags Qt's importer lays out as blocks; every other tag it knows is inline, and a tag it
# does not know (section, figure, aside, mark...) is as if it were not there.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote",
        "dl", "dt", "dd", "address", "center", "hr", "ul", "ol", "body", "html",
    }
)  # fmt: skip
# Block tags whose end does not end the line: text after a </div> runs on in its block.
OPEN_ENDED_TAGS = frozenset({"div", "center", "address", "body", "html"})
SKIPPED_TAGS = frozenset({"head", "title", "script", "style", "meta", "link", "noscript"})
CELL_TAGS = ("td", "th")
ROW_PARENTS = ("thead", "tbody", "tfoot")
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Whitespace Qt collapses: what QChar::isSpace() calls space, except the no-break space.
_COLLAPSIBLE = re.compile(r"[^\S\xa0]+")


@dataclass(frozen=True)
class Block:
    """One paragraph of the view's text and what it is.

    ``kind``: title, site, meta (the header's lines), heading, paragraph, item (of a list),
    caption, quote (a paragraph inside a quotation), code, table, image, rule.
    ``start``/``end``: its span in the document text; ``text`` is that span as
    toPlainText() gives it. A code block or a table is one Block spanning all of it.
    """

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DocumentText:
    """The predicted ``toPlainText()`` of the whole view, and its blocks in order."""

    text: str
    blocks: tuple[Block, ...]
    silent: tuple[tuple[int, int], ...] = ()  # spans shown but not to be read aloud


class _Layout:
    """Qt's importer reduced to what decides the characters: blocks, cells, whitespace."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []
        self.kind = "paragraph"  # of the block being filled
        self.start = 0  # where it began
        self.block_used = False  # it holds something (text, an image, a rule)
        self.closed = False  # a block element ended: more text opens a new block
        self.after_table = False  # a table ended: anything more opens a new block
        self.at_line_start = True  # leading spaces are dropped here
        self.pre_depth = 0
        self.capture_depth = 0  # inside a code block or a table: one Block for all of it
        self.silent: list[tuple[int, int]] = []  # placeholders never spoken

    def emit(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)

    def _finish_block(self) -> None:
        if self.capture_depth == 0 and self.length > self.start:
            self.blocks.append(Block(self.kind, self.start, self.length, ""))

    def _begin(self, kind: str) -> None:
        self.kind = kind
        self.start = self.length
        self.block_used = False
        self.closed = False
        self.after_table = False
        self.at_line_start = True

    def new_block(self, kind: str) -> None:
        """A block-level element begins: a separator when the current block is in use."""
        if self.block_used or self.after_table:
            self._finish_block()
            self.emit(PARAGRAPH)
            self._begin(kind)
        else:
            self.kind = kind
            self.closed = False

    def close_block(self) -> None:
        """A block element ended; an empty one leaves no block behind."""
        self.closed = self.block_used

    def start_cell(self, kind: str) -> None:
        self._finish_block()
        self.emit(CELL)
        self._begin(kind)

    def end_table(self) -> None:
        self._finish_block()
        self.emit(TABLE_END)
        self._begin("paragraph")
        self.after_table = True

    def begin_capture(self) -> int:
        if self.capture_depth == 0:
            self._finish_block()  # the paragraph before the table is complete
            self.start = self.length
        self.capture_depth += 1
        return self.length

    def end_capture(self, kind: str, start: int) -> None:
        self.capture_depth -= 1
        if self.capture_depth == 0:
            self.blocks.append(Block(kind, start, self.length, ""))
            self.start = self.length

    def text(self, value: str | None, kind: str, *, between_blocks: bool = False) -> None:
        """Text of an element. ``between_blocks``: it sits directly in a block container,
        where Qt drops a run of pure whitespace after a closed block."""
        if not value:
            return
        if self.pre_depth:
            if self.closed or self.after_table:
                self.new_block(kind)
            for number, line in enumerate(value.split("\n")):
                if number:
                    self.emit(PARAGRAPH)
                self.emit(line)
            self.block_used = True
            return
        collapsed = _COLLAPSIBLE.sub(" ", value)
        if collapsed == " " and (self.closed or self.after_table):
            if between_blocks or self.after_table or self.at_line_start:
                return
            self.closed = False  # Qt adds the space to the block that just ended
        elif self.closed or self.after_table:
            self.new_block(kind)
        if self.at_line_start:
            collapsed = collapsed.lstrip(" ")
        if not collapsed:
            return
        self.emit(collapsed)
        self.block_used = True
        self.at_line_start = collapsed.endswith(" ")

    def inline_object(self, character: str, kind: str) -> None:
        """An image or a line break: after a closed block Qt puts it at that block's end."""
        if self.after_table:
            self.new_block(kind)
        self.closed = False
        self.emit(character)
        self.block_used = True
        self.at_line_start = character == LINE

    def finish(self) -> None:
        self._finish_block()


def document_text(html: str) -> DocumentText:
    """Lay out ``html`` (what the reading view is given) as Qt would, with its blocks."""
    import lxml.html
    from lxml import etree

    layout = _Layout()
    if html.strip():
        try:
            root = lxml.html.document_fromstring(html)
        except (etree.ParserError, ValueError):
            root = None
        if root is not None:
            body = root.find("body")
            _walk_children(body if body is not None else root, layout, "paragraph")
    layout.finish()
    plain = "".join(layout.parts).translate(_PLAIN)
    blocks = tuple(
        Block(block.kind, block.start, block.end, plain[block.start : block.end])
        for block in layout.blocks
    )
    return DocumentText(plain, blocks, tuple(layout.silent))


def _walk_children(element: HtmlElement, layout: _Layout, kind: str) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    container = tag in BLOCK_TAGS or tag in CELL_TAGS
    layout.text(element.text, kind, between_blocks=container)
    for child in element:
        if isinstance(child.tag, str):
            _walk(child, layout, kind)
        layout.text(child.tail, kind, between_blocks=container)


def _walk(element: HtmlElement, layout: _Layout, context: str) -> None:
    tag = str(element.tag).lower()  # an element: _walk_children passes no comments
    if tag in SKIPPED_TAGS:
        return
    if tag == "br":
        layout.inline_object(LINE, context)
    elif tag == "img":
        layout.inline_object(OBJECT, context)
    elif tag == "table":
        kind = _table_kind(element)
        if kind == "quote":
            _walk_table(element, layout, "quote")
            return
        start = layout.begin_capture()
        _walk_table(element, layout, kind)
        layout.end_capture(kind, start)
    elif tag == "pre":
        layout.new_block("code")
        _trim_pre(element)
        start = layout.begin_capture()
        layout.pre_depth += 1
        _walk_children(element, layout, "code")
        layout.pre_depth -= 1
        layout.end_capture("code", start)
        layout.close_block()
    elif tag == "hr":
        layout.new_block("rule")
        layout.block_used = True
        layout.close_block()
    elif tag in BLOCK_TAGS:
        kind = _block_kind(element, tag, context)
        layout.new_block(kind)
        _walk_children(element, layout, kind)
        if tag not in OPEN_ENDED_TAGS:
            layout.close_block()
    elif "missing-image" in (element.get("class") or "").split():
        start = layout.length
        _walk_children(element, layout, context)
        layout.silent.append((start, layout.length))
    else:
        _walk_children(element, layout, "caption" if tag == "figcaption" else context)


def _trim_pre(pre: HtmlElement) -> None:
    """Qt drops the newline that opens a <pre> and the one that closes it."""
    if pre.text and pre.text.startswith("\n"):
        pre.text = pre.text[1:]
    last = pre
    while len(last):
        child = last[-1]
        if child.tail:
            if child.tail.endswith("\n"):
                child.tail = child.tail[:-1]
            return
        last = child
    if last.text and last.text.endswith("\n"):
        last.text = last.text[:-1]


def _walk_table(table: HtmlElement, layout: _Layout, kind: str) -> None:
    rows = _table_rows(table)
    columns = _column_count(rows)
    if columns == 0:
        return  # Qt makes no table of a table without cells
    for caption in table.iter("caption"):
        layout.new_block(kind)  # Qt sets a caption as a paragraph above the table
        _walk_children(caption, layout, kind)
        layout.close_block()
    taken: set[tuple[int, int]] = set()
    for row_number, cells in enumerate(rows):
        column = 0
        for cell in cells:
            while (row_number, column) in taken:
                column += 1
            wide, tall = _span(cell, "colspan"), _span(cell, "rowspan")
            taken.update(
                (r, c)
                for r in range(row_number, row_number + tall)
                for c in range(column, column + wide)
            )
            layout.start_cell(kind)
            _walk_children(cell, layout, kind)
            column += wide
        for _ in range(sum(1 for c in range(columns) if (row_number, c) not in taken)):
            layout.start_cell(kind)  # Qt fills a short row with empty cells
    layout.end_table()


def _table_rows(table: HtmlElement) -> list[list[HtmlElement]]:
    rows: list[list[HtmlElement]] = []
    for child in table:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if tag == "tr":
            rows.append(_cells(child))
        elif tag in ROW_PARENTS:
            rows.extend(_cells(row) for row in child if _is_tag(row, "tr"))
    return [row for row in rows if row]


def _cells(row: HtmlElement) -> list[HtmlElement]:
    return [cell for cell in row if isinstance(cell.tag, str) and cell.tag.lower() in CELL_TAGS]


def _is_tag(element: HtmlElement, name: str) -> bool:
    return isinstance(element.tag, str) and element.tag.lower() == name


def _column_count(rows: list[list[HtmlElement]]) -> int:
    widths: dict[int, int] = {}
    for row_number, cells in enumerate(rows):
        for cell in cells:
            for r in range(row_number, row_number + _span(cell, "rowspan")):
                widths[r] = widths.get(r, 0) + _span(cell, "colspan")
    return max(widths.values(), default=0)


def _span(cell: HtmlElement, name: str) -> int:
    try:
        return max(1, int(cell.get(name) or 1))
    except ValueError:
        return 1


def _table_kind(table: HtmlElement) -> str:
    """A quotation (render's two-cell quote), a code panel, or a data table."""
    classes = (table.get("class") or "").split()
    if "quote" in classes:
        return "quote"
    if "code" in classes:
        return "code"
    return "table"


def _block_kind(element: HtmlElement, tag: str, context: str) -> str:
    classes = (element.get("class") or "").split()
    if context in ("code", "table", "title", "caption"):
        return context
    if "title" in classes and tag in HEADING_TAGS:
        return "title"
    if tag == "p" and "site" in classes:
        return "site"
    if tag == "p" and "meta" in classes:
        return "meta"
    if "caption" in classes:
        return "caption"
    if tag in HEADING_TAGS:
        return "heading"
    if tag in ("li", "dt", "dd") or context == "item":
        return "item"
    if tag == "blockquote" or context == "quote":
        return "quote"
    return "paragraph"
