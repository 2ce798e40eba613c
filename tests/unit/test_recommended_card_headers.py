"""A <header> inside a list item is the card's own header (its headline and its date), not
the page's banner: a widget of such cards beside the story is a list of stories."""

from __future__ import annotations

import lxml.html
from capture_pages import paragraphs

from reader.extract.recommended import find_recommended

SITE = "https://www.skijumping.example"
PROSE = paragraphs(
    "The hill record fell twice in the second round as the wind turned in the jumpers' "
    "favour, and the organisers moved the start gate down after the fourth jump {n}.",
    count=6,
)
HEADLINES = (
    ("tande-misses-the-normal-hill", "Tande and Forfang miss the normal hill event"),
    ("new-boots-cause-a-debate", "New boots from Poland cause a debate in the team"),
    ("lindvik-wins-in-willingen", "Lindvik wins in Willingen ahead of Geiger"),
)


def test_a_widget_of_cards_with_their_own_headers_is_a_list_of_stories() -> None:
    url = f"{SITE}/kramer-tests-positive-before-the-games/"
    cards = "".join(
        f'<li class="custom-posts-item"><header class="custom-posts-header">'
        f'<p class="custom-posts-title"><a href="{SITE}/{slug}/">{title}</a></p>'
        f'<div class="meta"><span class="date">2. Februar 2022</span></div></header></li>'
        for slug, title in HEADLINES
    )
    page = f"""<html><head><title>Kramer tests positive</title></head><body>
<header class="site-header"><a href="{SITE}/">Ski Jumping</a></header>
<div class="main"><article><h1>Kramer tests positive before the games</h1>{PROSE}</article>
<aside class="sidebar"><div class="widget"><h4 class="widget-title">
<a href="{SITE}/news/">Newest</a></h4><ul class="custom-posts-widget">{cards}</ul></div>
</aside></div></body></html>"""
    tree = lxml.html.document_fromstring(page)
    found = [story.url for story in find_recommended(tree, url, url)]
    assert found == [f"{SITE}/{slug}/" for slug, _ in HEADLINES]
