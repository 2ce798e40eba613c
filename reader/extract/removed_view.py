"""The article with what extraction dropped put back in its places, marked: the window's
"Show what was removed" (key x) shows this instead of the article.

Qt-free HTML, in the article's own sanitized form. Each kept block carries
``data-reader-block="N"``; each dropped part is a ``<div data-reader-removed="N">`` (a
``<span>`` for a badge inside a kept paragraph) whose first line says its kind and the
reason, ``data-reader-kind`` and ``data-reader-reason`` holding the same. N is the
element's number in the page (reader.extract.provenance), so the window can say which
block is under the caret, and a fix can find the element again (reader.service.fixes).
"""

from __future__ import annotations

from copy import deepcopy
from typing import TYPE_CHECKING, Any

from reader.extract.provenance import MARK, number_of

if TYPE_CHECKING:
    from reader.extract.explain import Explanation, Region

REMOVED = "data-reader-removed"
KIND = "data-reader-kind"
REASON = "data-reader-reason"
LABEL = "data-reader-label"


def reason_line(region: Region) -> str:
    """Removed navigation: outside the story readability chose (4 story), and the like."""
    return f"Removed {region.kind}: {region.removal.rule} ({region.removal.stage})"


def content_with_removed(explanation: Explanation) -> str:
    """The article's HTML with every dropped part in its place (see the module docstring)."""
    import lxml.html

    from reader.extract.explain import block_numbers
    from reader.extract.sanitize import sanitize

    if explanation.story is None or explanation.tree is None:
        return explanation.article.content_html
    story = deepcopy(explanation.story)
    placed = {number_of(elem): elem for elem in story.iter() if number_of(elem) is not None}
    originals = {number_of(elem): elem for elem in explanation.tree.iter()}
    base = explanation.article.url
    for region in explanation.regions:
        original = originals.get(region.number)
        if original is None:
            continue
        copy = deepcopy(original)
        for elem in copy.iter():
            if isinstance(elem.tag, str):
                elem.attrib.pop(MARK, None)
        holder = lxml.html.Element("div")
        holder.append(copy)
        sanitize(holder, base)
        piece = _piece(region, holder)
        container = _container(original, placed, story)
        container.insert(_position(container, region.number), piece)
    blocks = block_numbers(explanation)
    for elem in story.iter():
        if isinstance(elem.tag, str) and number_of(elem) not in blocks:
            elem.attrib.pop(MARK, None)
    return lxml.html.tostring(story, encoding="unicode", method="html")


def _piece(region: Region, content: Any) -> Any:
    import lxml.html

    tag = "span" if region.inline else "div"
    piece = lxml.html.Element(tag)
    piece.set(REMOVED, str(region.number))
    piece.set(KIND, region.kind)
    piece.set(REASON, f"{region.removal.stage}: {region.removal.rule}")
    label = lxml.html.Element("span" if region.inline else "p")
    label.set(LABEL, str(region.number))
    label.text = f"[{region.kind}] " if region.inline else reason_line(region)
    piece.append(label)
    if region.inline:
        label.tail = content.text_content()
        return piece
    piece[-1].tail = content.text
    for child in list(content):
        piece.append(child)
    return piece


def _container(original: Any, placed: dict[int | None, Any], story: Any) -> Any:
    """The kept element nearest above the dropped one in the page, or the story itself."""
    for ancestor in original.iterancestors():
        found = placed.get(number_of(ancestor))
        if found is not None:
            return found
    return story


def _position(container: Any, number: int) -> int:
    """Before the first child that came after ``number`` in the page."""
    for index, child in enumerate(container):
        key = _first_number(child)
        if key is not None and key > number:
            return index
    return len(container)


def _first_number(elem: Any) -> int | None:
    for node in elem.iter():
        if not isinstance(node.tag, str):
            continue
        value = node.get(REMOVED)
        number = int(value) if value is not None else number_of(node)
        if number is not None:
            return number
    return None
