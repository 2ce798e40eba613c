"""Ad-network widgets known only by their links.

A native-ad widget (Revcontent, MGID, Ligatus, Nativo...) is often saved with markup
whose names say nothing (``rc-item``, ``mgline``, hashed classes) and without its
"Sponsored" heading, yet every item links to the network's click host or to an
advertiser's address tagged with the network's click parameters. A few such links in one
box are the widget: its links are the block, all paid for (the site's own stories the
widget also lists stay unpaid, as in a widget its class names).
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING

from lxml import etree

from reader.extract.recommended import urls
from reader.extract.recommended.rules import links as rules
from reader.extract.recommended.state import Block, PageState

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Absolute link addresses, each knowing its <a> (lxml's smart strings): one C-level pass.
_ABSOLUTE_HREFS = etree.XPath("//a/@href[starts-with(., 'http') or starts-with(., '//')]")


def blocks(page: PageState) -> list[Block]:
    """One block per box holding enough distinct native-ad addresses (its ad links only)."""
    settings = page.settings
    ads = [(href.getparent(), str(href)) for href in _ABSOLUTE_HREFS(page.root) if _native(href)]
    if len(ads) < settings.min_ad_widget_links:
        return []
    addresses: dict[HtmlElement, set[str]] = {}
    for link, href in ads:
        for box in _boxes(link, settings.ad_widget_climb):
            addresses.setdefault(box, set()).add(href)
    found: dict[HtmlElement, Block] = {}
    for link, _ in ads:
        for box in _boxes(link, settings.ad_widget_climb):
            if len(addresses[box]) >= settings.min_ad_widget_links:
                found.setdefault(box, Block(box, "token", sponsored=True)).links.append(link)
                break
    return list(found.values())


def _native(href: str) -> bool:
    """A native network's click host, or its click parameters on any address. (Plain
    string tests first: a regex per link would cost more than the rest of this pass.)"""
    name = href.split("/", 3)[2].split("@")[-1].split(":")[0].lower() if "//" in href else ""
    if urls.host_in(name, rules.NATIVE_AD_HOSTS):
        return True
    query = href.partition("?")[2]
    return (
        bool(query)
        and any(key in query for key in rules.AD_QUERY_KEYS)
        and rules.AD_QUERY.search(query.partition("#")[0]) is not None
    )


def _boxes(link: HtmlElement, climb: int) -> list[HtmlElement]:
    """The link's boxes, nearest first, up to ``climb`` levels."""
    return list(islice(link.iterancestors(), climb))
