"""The article with what extraction dropped put back in its places, marked: the window's
"Show what was removed" (key x) shows this instead of the article.

Qt-free HTML, in the article's own sanitized form. Each kept block carries
``data-reader-block="N"``; each dropped part is a ``<div data-reader-removed="N">`` (a
``<span>`` for a badge inside a kept paragraph). N is the element's number in the page
(reader.extract.provenance), so the window can say which block is under the caret, and a
fix can find the element again (reader.service.fixes). Neighbouring parts dropped for the
same reason share one ``<div data-reader-group>`` whose first line says their kind and
the reason (``data-reader-kind`` and ``data-reader-reason`` hold the same), and a long
group shows its first lines only: a site's menus and footers are told, not reprinted.
"""

from __future__ import annotations

from copy import deepcopy
from typing import TYPE_CHECKING

from reader.extract.provenance import MARK, number_of

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from reader.extract.explain import Explanation, Region

REMOVED = "data-reader-removed"
KIND = "data-reader-kind"
REASON = "data-reader-reason"
LABEL = "data-reader-label"
GROUP = "data-reader-group"
MORE = "data-reader-more"
GROUP_LINES = 6  # lines of a removed group shown; the rest is counted ("… and 40 more")
KEEP_EMPTY = frozenset(("img", "br", "hr"))


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
        container = _container(original, placed, story)
        at = _position(container, region.number)
        if region.inline:
            container.insert(at, _inline_piece(region, holder))
            continue
        member = _member(region, holder)
        previous = container[at - 1] if at > 0 else None
        if previous is not None and _same_group(previous, region):
            previous.append(member)
        else:
            container.insert(at, _group(region, member))
    for group in story.iter():
        if isinstance(group.tag, str) and group.get(GROUP) is not None:
            _shorten(group)
    blocks = block_numbers(explanation)
    for elem in story.iter():
        if isinstance(elem.tag, str) and number_of(elem) not in blocks:
            elem.attrib.pop(MARK, None)
    return lxml.html.tostring(story, encoding="unicode", method="html")


def _inline_piece(region: Region, content: HtmlElement) -> HtmlElement:
    """A badge or a link dropped from inside a kept paragraph: its words, marked."""
    import lxml.html

    piece = lxml.html.Element("span")
    piece.set(REMOVED, str(region.number))
    label = lxml.html.Element("span")
    label.set(LABEL, str(region.number))
    label.text = f"[removed {region.kind}] "
    label.tail = content.text_content()
    piece.append(label)
    return piece


def _member(region: Region, content: HtmlElement) -> HtmlElement:
    import lxml.html

    member = lxml.html.Element("div")
    member.set(REMOVED, str(region.number))
    member.text = content.text
    for child in list(content):
        member.append(child)
    return member


def _group(region: Region, member: HtmlElement) -> HtmlElement:
    import lxml.html

    group = lxml.html.Element("div")
    group.set(GROUP, "")
    group.set(KIND, region.kind)
    group.set(REASON, f"{region.removal.stage}: {region.removal.rule}")
    label = lxml.html.Element("p")
    label.set(LABEL, member.get(REMOVED))
    label.text = reason_line(region)
    group.append(label)
    group.append(member)
    return group


def _same_group(previous: HtmlElement, region: Region) -> bool:
    """The part just before is a group of parts dropped for the same reason, with no kept
    text between them."""
    return (
        previous.get(GROUP) is not None
        and previous.get(KIND) == region.kind
        and previous.get(REASON) == f"{region.removal.stage}: {region.removal.rule}"
        and not (previous.tail or "").strip()
    )


def _shorten(group: HtmlElement) -> None:
    """Only the group's first GROUP_LINES lines, and how many more there are."""
    import lxml.html

    from reader.extract.explain import INLINE_TAGS, own_text

    lines = [
        elem
        for elem in group.iter()
        if isinstance(elem.tag, str)
        and elem.get(LABEL) is None
        and elem.tag not in INLINE_TAGS
        and (elem.tag == "img" or own_text(elem))
    ]
    hidden = lines[GROUP_LINES:]
    if not hidden:
        return
    for elem in hidden:
        if elem.getparent() is not None:
            elem.drop_tree()
    for elem in reversed(list(group.iter())):  # what the cut left empty goes too
        if elem is group or not isinstance(elem.tag, str) or elem.tag in KEEP_EMPTY:
            continue
        if not _shows_something(elem) and elem.getparent() is not None:
            elem.drop_tree()
    more = lxml.html.Element("p")
    more.set(MORE, "")
    more.text = f"… and {len(hidden)} more lines like these"
    group.append(more)


def _shows_something(elem: HtmlElement) -> bool:
    return bool(elem.text_content().strip()) or elem.find(".//img") is not None


def _container(
    original: HtmlElement, placed: dict[int | None, HtmlElement], story: HtmlElement
) -> HtmlElement:
    """The kept element nearest above the dropped one in the page, or the story itself."""
    for ancestor in original.iterancestors():
        found = placed.get(number_of(ancestor))
        if found is not None:
            return found
    return story


def _position(container: HtmlElement, number: int) -> int:
    """Before the first child that came after ``number`` in the page."""
    for index, child in enumerate(container):
        key = _first_number(child)
        if key is not None and key > number:
            return index
    return len(container)


def _first_number(elem: HtmlElement) -> int | None:
    for node in elem.iter():
        if not isinstance(node.tag, str):
            continue
        value = node.get(REMOVED)
        number = int(value) if value is not None else number_of(node)
        if number is not None:
            return number
    return None
