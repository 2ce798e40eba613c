"""A network's bar of its sites (each card a sister site's logo, linking to its front
page, over that site's latest story) introduces the sites: its stories are not offered
beside this one. Cards of stories without such a logo still make a stream."""

from __future__ import annotations

import lxml.html

from reader.extract.recommended import find_recommended
from reader.model import Story

BASE = "https://gamesite.example/5959700/main-story-about-the-launch"
SITES = ("gamesite", "gossip", "lifetips", "sportsdesk")
TITLES = (
    "A rebuttal of the strangest defence of the season",
    "Stick to your goals by preparing for the holidays",
    "How one team ditched its plan and followed the crowd",
    "Why the new console launch went so quietly this week",
)
ARTICLE = "".join(
    f"<p>Paragraph {n} of the main story carries enough words to read like running prose in a "
    f"real article, with a clause or two more to make it long enough.</p>"
    for n in range(4)
)


def _card(site: str, n: int, title: str, logo: bool) -> str:
    story = f"https://{site}.example/59598{n}0/{'-'.join(title.lower().split())}"
    head = (
        f"<a class='heading' href='https://{site}.example/'><img src='{site}.png'></a>"
        if logo
        else ""
    )
    return (
        f"<div class='site site-{site}'>{head}"
        f"<a href='{story}'><img src='{n}.jpg'></a><p><a href='{story}'>{title}</a></p></div>"
    )


def run(logo: bool) -> list[Story]:
    cards = "".join(
        _card(site, n, title, logo)
        for n, (site, title) in enumerate(zip(SITES, TITLES, strict=True))
    )
    html = (
        f"<html><head><title>t</title></head><body><div id='story'>{ARTICLE}</div>"
        f"<div id='sitebar'>{cards}</div></body></html>"
    )
    return find_recommended(lxml.html.document_fromstring(html), BASE, BASE)


def test_bar_of_sister_sites_is_no_stream_of_stories() -> None:
    assert run(logo=True) == []


def test_same_cards_without_site_logos_are_a_stream() -> None:
    assert [story.title for story in run(logo=False)] == list(TITLES)
