"""Is an SVG safe to draw, and cheap? Decided with lxml before Qt ever sees the file.

Qt's SVG module parses and draws everything it is given, and it expands ``<use>``: a 2 KB
file of nested uses (each group using the one below ten times) means 10**9 shapes, and
even reading its size took Qt 150 s here. So an SVG is only handed to Qt when its shapes,
counted with every ``<use>`` expanded, stay under MAX_SHAPES; when it declares no entities
(Qt's XML reader would expand them); when it points at no other file (an image on disk or
on the network); and when it is not absurdly large. Anything else is left out of the
article: its placeholder says so. No Qt here, so it is cheap to test.

Shapes are not time, though: ninety blurred rectangles took Qt 8.6 s. Only a *light* SVG
(a formula, an icon, a logo: few shapes, no effects, a small file) is drawn in the worker
itself; any other one is drawn in a helper process under a time limit (svg_raster).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

MAX_SVG_BYTES = 4 * 1024 * 1024
# Shapes after expanding <use>: a detailed map or chart has a few thousand; Qt draws 20k
# simple shapes at column size in ~0.1 s here.
MAX_SHAPES = 20_000
# Effects cost per pixel, not per element: each counts as this many shapes.
EFFECT_WEIGHT = 200
EFFECTS = frozenset({"filter", "mask", "pattern", "clipPath"})
EFFECT_ATTRIBUTES = ("filter", "mask", "clip-path")
REFERRING = frozenset({"use", "image", "feImage", "tref", "script", "foreignObject"})
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# url(...) in style that points anywhere but a fragment of this file
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_IMPORT = re.compile(r"@import", re.IGNORECASE)


# Light: drawn right away in the worker (a few ms even with every shape covering it all).
LIGHT_SHAPES = 150
LIGHT_BYTES = 64 * 1024


class _TooComplex(Exception):
    pass


@dataclass(frozen=True)
class SvgVerdict:
    """``problem``: why it must not be drawn at all (a short phrase), or None.
    ``light``: cheap enough to draw without a time limit."""

    problem: str | None
    light: bool = False


def inspect_svg(data: bytes) -> SvgVerdict:
    """Whether and how this SVG may be drawn."""
    from lxml import etree

    if len(data) > MAX_SVG_BYTES:
        return SvgVerdict("SVG too large")
    if b"<!ENTITY" in data:
        return SvgVerdict("SVG declares entities")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return SvgVerdict("SVG not well-formed")
    if root is None:
        return SvgVerdict("SVG not well-formed")
    by_id: dict[str, _Element] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        reason = _outside_reference(element)
        if reason:
            return SvgVerdict(reason)
        identifier = element.get("id")
        if identifier and identifier not in by_id:
            by_id[identifier] = element
    try:
        shapes = _Counter(by_id).cost(root, 0)
    except _TooComplex:
        return SvgVerdict("SVG too complex")
    return SvgVerdict(None, light=shapes <= LIGHT_SHAPES and len(data) <= LIGHT_BYTES)


def _local(tag: object) -> str:
    """An element's tag without its namespace (only elements reach here: str tags)."""
    return str(tag).rsplit("}", 1)[-1]


def _href(element: _Element) -> str:
    return (element.get(XLINK_HREF) or element.get("href") or "").strip()


def _outside_reference(element: _Element) -> str | None:
    name = _local(element.tag)
    if name in ("script", "foreignObject"):
        return f"SVG holds a {name}"
    href = _href(element)
    inline = name in ("image", "feImage") and href.startswith("data:image/")
    if name in REFERRING and href and not href.startswith("#") and not inline:
        return "SVG points at another file"
    style = element.get("style") or ""
    if name == "style":
        style += element.text or ""
    if _OUTSIDE_URL.search(style) or _IMPORT.search(style):
        return "SVG points at another file"
    for attribute in ("fill", "stroke", "filter", "mask", "clip-path"):
        if _OUTSIDE_URL.search(element.get(attribute) or ""):
            return "SVG points at another file"
    return None


class _Counter:
    """Shapes an element stands for once every <use> is expanded, memoized per id and
    abandoned as soon as the total passes MAX_SHAPES (so a bomb costs no more than that)."""

    MAX_DEPTH = 200  # references within references; Qt itself stops at cycles

    def __init__(self, by_id: dict[str, _Element]) -> None:
        self.by_id = by_id
        self.memo: dict[str, int] = {}
        self.active: set[str] = set()

    def cost(self, element: _Element, depth: int) -> int:
        if depth > self.MAX_DEPTH:
            raise _TooComplex
        identifier = element.get("id")
        if identifier and identifier in self.memo:
            return self.memo[identifier]
        if identifier:
            self.active.add(identifier)
        name = _local(element.tag)
        style = element.get("style") or ""
        effect = name in EFFECTS or any(
            element.get(attribute) or attribute in style for attribute in EFFECT_ATTRIBUTES
        )
        total = EFFECT_WEIGHT if effect else 1
        for child in element:
            if isinstance(child.tag, str):
                total += self.cost(child, depth + 1)
                self._check(total)
        if name == "use":
            target_id = _href(element)[1:]
            target = self.by_id.get(target_id)
            if target is not None and target_id not in self.active:
                total += self.cost(target, depth + 1)
                self._check(total)
        if identifier:
            self.active.discard(identifier)
            self.memo[identifier] = total
        return total

    @staticmethod
    def _check(total: int) -> None:
        if total > MAX_SHAPES:
            raise _TooComplex
