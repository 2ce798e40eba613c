"""The "Show what was removed" page made for Qt, and which block the caret is in.

reader.extract.removed_view marks blocks with data attributes; the render step keeps those
but drops classes, and Qt's rich text keeps neither. Here, on the rendered page, each
removed part gets the ``removed`` class (dimmed by the theme, base.css) and every block
gets a named anchor, which Qt keeps in the text's character formats: walking back from
the caret to the nearest anchor says which block it is in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from PySide6.QtGui import QTextBlock, QTextCursor
    from PySide6.QtWidgets import QTextEdit

KEPT = "reader-kept-"
REMOVED = "reader-removed-"
Place = tuple[Literal["kept", "removed"], int]
# Block-level tags inside a removed part that get its anchor too, so a caret anywhere in
# it (a list item, the second paragraph) finds the part.
PART_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "pre", "div", "dd")


def for_qt(html: str) -> str:
    """The rendered page with classes and anchors in place of reader.extract's marks."""
    import lxml.html

    from reader.extract.provenance import MARK
    from reader.extract.removed_view import GROUP, KIND, LABEL, MORE, REASON
    from reader.extract.removed_view import REMOVED as REMOVED_ATTR

    root = lxml.html.document_fromstring(html)
    for part in root.xpath(f"//*[@{REMOVED_ATTR}]"):
        number = part.attrib.pop(REMOVED_ATTR)
        for block in list(part.iter(*PART_BLOCKS)) or [part]:
            _anchor(block, REMOVED + number)
        if part.tag == "span":
            part.set("class", "removed-inline")
    for group in root.xpath(f"//*[@{GROUP}]"):
        for name in (GROUP, KIND, REASON):
            group.attrib.pop(name, None)
        _as_barred_table(group)
    for label in root.xpath(f"//*[@{LABEL}]"):
        number = label.attrib.pop(LABEL)
        if label.tag == "p":
            label.set("class", "removed-label")
            _anchor(label, REMOVED + number)
    for more in root.xpath(f"//*[@{MORE}]"):
        more.attrib.pop(MORE)
        more.set("class", "removed-more")
    for block in root.xpath(f"//*[@{MARK}]"):
        _anchor(block, KEPT + block.attrib.pop(MARK))
    return lxml.html.tostring(root, encoding="unicode", method="html")


def _as_barred_table(part: HtmlElement) -> None:
    """A removed part as a barred table, as quotes are (reader.service.shaping.barred):
    Qt paints a block's background line by line, with gaps, and draws no left border."""
    from reader.service.shaping import barred

    table, _cell = barred(part, "removed")
    table.tail = part.tail
    parent = part.getparent()
    assert parent is not None  # a part inside the story
    parent.replace(part, table)


def _anchor(elem: HtmlElement, name: str) -> None:
    import lxml.html

    anchor = lxml.html.Element("a")
    anchor.set("name", name)
    anchor.tail = elem.text
    elem.text = None
    elem.insert(0, anchor)


def place_at(view: QTextEdit, wanted: str) -> Place | None:
    """The block at the caret (the start of a selection): kept or removed, and its number
    in the page. When the caret is out of sight (or above the article, in its header) and
    exactly one ``wanted`` block is on screen, that one: a reader scrolling without a caret
    means what they see, and a rule is never written for a guess between two."""
    position = view.textCursor().selectionStart()
    at_caret = _place_before(view, position)
    if at_caret is not None and view.viewport().rect().intersects(view.cursorRect()):
        return at_caret
    seen = _on_screen(view, wanted)
    return seen[0] if len(seen) == 1 else None


def _place_before(view: QTextEdit, position: int) -> Place | None:
    """The nearest anchor at or before ``position``."""
    block = view.document().findBlock(position)
    while block.isValid():
        found = None
        for start, name in _anchors(block):
            if start <= position:
                found = name
        if found is not None:
            return _place(found)
        block = block.previous()
    return None


def _on_screen(view: QTextEdit, wanted: str) -> list[Place]:
    """The ``wanted`` blocks whose first line is on screen, in order."""
    from PySide6.QtCore import QPoint

    height = view.viewport().height()
    found: list[Place] = []
    block = view.document().findBlock(view.cursorForPosition(QPoint(0, 0)).position())
    while block.isValid():
        top = view.cursorRect(_cursor_at(view, block.position())).top()
        if top > height:
            break
        if top >= 0:
            for _start, name in _anchors(block):
                place = _place(name)
                if place is not None and place[0] == wanted and place not in found:
                    found.append(place)
        block = block.next()
    return found


def _cursor_at(view: QTextEdit, position: int) -> QTextCursor:
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    return cursor


def _anchors(block: QTextBlock) -> list[tuple[int, str]]:
    found = []
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        for name in fragment.charFormat().anchorNames():
            found.append((fragment.position(), name))
        fragments += 1
    return found


def _place(name: str) -> Place | None:
    number = name.rpartition("-")[2]
    if not number.isdigit():
        return None
    if name.startswith(KEPT):
        return ("kept", int(number))
    if name.startswith(REMOVED):
        return ("removed", int(number))
    return None
