"""A heading over an empty list is a list a script fills after load ("Next up" over
<ul></ul>): the stories beside it, in another box under their own heading, are not its."""

from __future__ import annotations

import lxml.html
from capture_pages import paragraphs

from reader.extract.recommended import find_recommended

SITE = "https://www.gadgets.example"
PROSE = paragraphs(
    "The new beta lets the phone correct where your eyes look during a video call, so "
    "that the person on the other end sees you looking at them, test build {n}.",
)
OFFERS = "".join(
    f'<li><a href="{SITE}/offers/2019/8/{n}/2082661{n}/tablet-price-cut-{n}">'
    f"<span>This tablet with more storage is cheaper than ever before, offer {n}</span></a></li>"
    for n in range(4)
)


def _page(next_up: str) -> str:
    return f"""<html><head><title>Eye contact</title></head><body><main>
<article class="entry"><div class="columns">
<div class="column-main"><h1>The beta fixes eye contact in video calls</h1>{PROSE}
<section class="next"><div class="next-list"><h2>Next up in Tech</h2>{next_up}</div></section>
</div>
<div class="column-side"><aside class="offers-box"><h3><a href="{SITE}/deals">Good Deals</a></h3>
<ol class="offers-items">{OFFERS}</ol></aside></div>
</div></article></main></body></html>"""


def _found(page: str) -> list[str]:
    url = f"{SITE}/2019/7/3/20680681/beta-eye-contact"
    return [story.url for story in find_recommended(lxml.html.document_fromstring(page), url, url)]


def test_a_heading_over_an_empty_list_takes_no_stories_from_the_box_beside_it() -> None:
    assert _found(_page("<ul></ul>")) == []


def test_a_heading_over_its_own_list_still_takes_it() -> None:
    stories = "".join(
        f'<li><a href="{SITE}/2019/7/{n}/2068{n}/phone-maker-ships-new-update-{n}">'
        f"A phone maker ships its new update to older models, part {n}</a></li>"
        for n in range(1, 4)
    )
    found = _found(_page(f"<ul>{stories}</ul>"))
    assert found[:3] == [
        f"{SITE}/2019/7/{n}/2068{n}/phone-maker-ships-new-update-{n}" for n in (1, 2, 3)
    ]
