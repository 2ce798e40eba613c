"""OPML outlines as a list of links to fetch.

A link outline (``type="link"`` with ``url``, or an ``htmlUrl``) becomes an address to
fetch; the outlines it sits in become its tags. A feed subscription with no page address
(``xmlUrl`` alone) is no article: it is reported as skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.errors import LoadError
from reader.exchange.dates import timestamp
from reader.exchange.entries import Entry, Parsed
from reader.tags import clean_tags

if TYPE_CHECKING:
    from lxml.etree import _Element


def is_opml(sample: str) -> bool:
    head = sample.lstrip("\ufeff \t\r\n")[:2048].lower()
    return "<opml" in head


def read(data: bytes, label: str) -> Parsed:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise LoadError(f"{label}: not a readable OPML file ({error})") from None
    if root is None or not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise LoadError(f"{label}: not an OPML file")
    body = next((child for child in root if _tag(child) == "body"), None)
    parsed = Parsed("opml", iter(()), 0)
    entries = list(_outlines(body, [], label, parsed.skipped)) if body is not None else []
    parsed.entries, parsed.total = iter(entries), len(entries)
    return parsed


def _outlines(
    parent: _Element, folders: list[str], label: str, skipped: list[tuple[str, str]]
) -> Iterator[Entry]:
    for outline in parent:
        if _tag(outline) != "outline":
            continue
        title = (outline.get("title") or outline.get("text") or "").strip()
        url = (outline.get("url") or outline.get("htmlUrl") or "").strip()
        where = f"{label} line {outline.sourceline}"
        children = [child for child in outline if _tag(child) == "outline"]
        if children:
            yield from _outlines(outline, [*folders, title] if title else folders, label, skipped)
        if url:
            yield Entry(
                where=where,
                url=url,
                title=title,
                tags=clean_tags([*folders, *(outline.get("category") or "").split(",")]),
                saved_at=timestamp(outline.get("created")),
            )
        elif outline.get("xmlUrl"):
            skipped.append((where, "a feed subscription, not an article"))


def _tag(element: _Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""
