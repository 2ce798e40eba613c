"""An article's HTML made ready for a file of its own: pictures pointed at their copies,
or given up for their words (reader.exchange.xhtml makes it strict for a book).

The content is Reader's sanitized HTML (reader.extract.sanitize: an allow-list of tags
and attributes), so only what that list lets through needs care here.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader.model import Asset, find_asset

if TYPE_CHECKING:
    from lxml.html import HtmlElement

ImageName = Callable[[Asset], str | None]


def parse(content_html: str) -> HtmlElement:
    """The content as an lxml tree under one <div>."""
    import lxml.html

    if not content_html.strip():
        return lxml.html.fragment_fromstring("<div></div>")
    return lxml.html.fragment_fromstring(content_html, create_parent="div")


def point_images(
    root: HtmlElement, assets: Sequence[Asset], name_of: ImageName, *, keep_remote: bool
) -> None:
    """Every <img> shows its kept copy under the name ``name_of`` gives (None: that copy
    cannot go in this file). One with no copy keeps its web address (``keep_remote``) or
    becomes its alt text, in brackets."""
    for image in list(root.iter("img")):
        src = image.get("src") or ""
        asset = find_asset(assets, src) if src else None
        name = name_of(asset) if asset is not None else None
        if name is not None:
            image.set("src", name)
        elif not (keep_remote and src.startswith(("http://", "https://"))):
            words = " ".join((image.get("alt") or "").split())
            replace_keeping_tail(image, f"[{words}]" if words else "")


def inner_html(root: HtmlElement) -> str:
    import lxml.html

    return html.escape(root.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root
    )


def replace_keeping_tail(elem: HtmlElement, text: str = "") -> None:
    """Take ``elem`` out of the tree, ``text`` and the words that followed it in its place."""
    parent = elem.getparent()
    if parent is None:
        return
    joined = text + (elem.tail or "")
    previous = elem.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    parent.remove(elem)
