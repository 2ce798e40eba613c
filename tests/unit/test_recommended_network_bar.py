"""A network's bar of its sites over the story (each card a sister site's logo, linking
to its front page, over that site's latest story) introduces the sites: its stories are not
offered beside this one. The same boxes below the story (Gawker's, after the post and
before its comments) are stories to read next, and cards of stories without such a logo
make a stream wherever they are."""

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


def run(logo: bool, above: bool = True) -> list[Story]:
    cards = "".join(
        _card(site, n, title, logo)
        for n, (site, title) in enumerate(zip(SITES, TITLES, strict=True))
    )
    story = f"<div id='story'>{ARTICLE}</div>"
    bar = f"<div id='sitebar'>{cards}</div>"
    body = bar + story if above else story + bar
    html = f"<html><head><title>t</title></head><body>{body}</body></html>"
    return find_recommended(lxml.html.document_fromstring(html), BASE, BASE)


def test_bar_of_sister_sites_over_the_story_is_no_stream_of_stories() -> None:
    assert run(logo=True) == []


def test_the_same_boxes_below_the_story_are_stories_to_read_next() -> None:
    assert [story.title for story in run(logo=True, above=False)] == list(TITLES)


def test_same_cards_without_site_logos_are_a_stream() -> None:
    assert [story.title for story in run(logo=False)] == list(TITLES)
    assert [story.title for story in run(logo=False, above=False)] == list(TITLES)
