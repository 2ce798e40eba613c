"""A picture's credit on a card ("Camilo Rueda / flickr.com", "CC BY 2.0") links to the
photo's page and its licence: neither is a story, even inside "Related posts"."""

from __future__ import annotations

import lxml.html
from capture_pages import paragraphs

from reader.extract.recommended import find_recommended

SITE = "https://www.angling.example"
PROSE = paragraphs(
    "After a long day on the water the lower back hurts more than the arms, and a few "
    "simple exercises before the first cast make a real difference, as anglers report {n}.",
)
POSTS = [f"{SITE}/ratgeber/rueckenschmerzen-beim-angeln-vermeiden-teil-{n}/" for n in range(3)]


def test_picture_credits_in_a_related_box_are_not_stories() -> None:
    cards = "".join(
        f'<li><a href="{url}">Rückenschmerzen beim Angeln vermeiden, Teil {n}</a>'
        f'<span class="credit"><a href="https://www.flickr.com/photos/kozumel/222860311{n}">'
        f'Camilo Rueda López / flickr.com</a> <a href="https://creativecommons.org/licenses/by/2.0/">'
        f"CC BY 2.0</a></span></li>"
        for n, url in enumerate(POSTS)
    )
    page = f"""<html><head><title>Schmerzen</title></head><body>
<div class="post"><h1>Schmerzen nach dem Angeln</h1>{PROSE}</div>
<div class="post-related"><h3>Ähnliche Beiträge</h3><ul>{cards}</ul></div></body></html>"""
    url = f"{SITE}/ratgeber/schmerzen-nach-dem-angeln/"
    found = [story.url for story in find_recommended(lxml.html.document_fromstring(page), url, url)]
    assert found == POSTS
