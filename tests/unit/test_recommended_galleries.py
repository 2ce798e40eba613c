"""Galleries known by their cards: a list whose cards each print a count of pictures
("57 Photos") on their thumbnail link is a list of galleries, not of stories, however
story-like their addresses and headlines are; one gallery among stories stays."""

from __future__ import annotations

import lxml.html
from capture_pages import paragraphs

from reader.extract.recommended import find_recommended

SITE = "https://www.broadcast.example"
PROSE = paragraphs(
    "The committee said there would be no minute of silence at the opening ceremony, "
    "and the families who had asked for one for forty years said they were let down {n}.",
)
STORIES = [
    (
        f"{SITE}/8301-33747_162-5748370{n}/swimmer-wins-record-medal-{n}/",
        f"Swimmer wins record medal, heat {n}",
    )
    for n in range(4)
]
GALLERIES = [
    (f"{SITE}/2300-33747_162-1001316{n}.html", f"Highlights of the games, day {n}")
    for n in range(3)
]


def _card(url: str, title: str, pictures: int | None) -> str:
    count = f'<p class="count">{pictures} Photos</p>' if pictures else ""
    return (
        f'<li><a href="{url}"><img src="{SITE}/i/{pictures}.jpg">{count}</a>'
        f'<span><a href="{url}">{title}</a></span></li>'
    )


def _page(galleries: str) -> str:
    stories = "".join(_card(url, title, None) for url, title in STORIES)
    return f"""<html><head><title>No tribute</title></head><body>
<div id="main"><div class="story"><h1>No tribute at the opening ceremony</h1>{PROSE}</div>
<div class="side"><div class="module"><h3>Most popular</h3><ul>{stories}</ul></div>
<div class="module"><h3>Popular now in Sports</h3><ul>{galleries}</ul></div></div>
</div></body></html>"""


def _found(page: str) -> list[str]:
    url = f"{SITE}/8301-33747_162-57478564/no-tribute-at-the-opening-ceremony/"
    return [story.url for story in find_recommended(lxml.html.document_fromstring(page), url, url)]


def test_a_list_of_cards_that_count_their_pictures_is_a_list_of_galleries() -> None:
    galleries = "".join(_card(url, title, 20 + n) for n, (url, title) in enumerate(GALLERIES))
    assert _found(_page(galleries)) == [url for url, _ in STORIES]


def test_a_gallery_among_stories_stays() -> None:
    url, title = GALLERIES[0]
    mixed = _card(url, title, 57) + "".join(
        _card(
            f"{SITE}/8301-400_162-5740540{n}/new-rules-for-the-beach-{n}/",
            f"New rules for the beach, part {n}",
            None,
        )
        for n in range(3)
    )
    assert url in _found(_page(mixed))
