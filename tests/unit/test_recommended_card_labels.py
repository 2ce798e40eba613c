"""A label printed inside a story card's own link, beside its headline ("<a><div>Read
next</div><h3>Sharks in a volcano</h3></a>", the end card of an article), names that
card: the card is the story, titled by its headline. A heading that is itself a link
("<a href=/most-read><h2>Most read</h2></a>") still labels the list after it."""

from __future__ import annotations

import lxml.html
from capture_pages import paragraphs

from reader.extract.recommended import find_recommended

SITE = "https://www.oddities.example"
PAGE = f"{SITE}/articles/a-lake-that-turns-pink-every-summer"
PROSE = paragraphs(
    "Every summer the lake turns a deep pink, as salt-loving algae bloom in the shallow "
    "water and the visitors arrive by the busload to photograph it from the shore ({n}).",
)


def _found(html: str) -> list[tuple[str | None, str]]:
    stories = find_recommended(lxml.html.document_fromstring(html), PAGE, PAGE)
    return [(story.url, story.title) for story in stories]


def test_a_label_inside_the_card_link_names_the_card() -> None:
    nxt = f"{SITE}/articles/found-sharks-hanging-out-in-a-volcano"
    page = f"""<html><head><title>Pink lake</title></head><body><article>
<div class="content-body"><h1>A lake that turns pink every summer</h1>{PROSE}
<div class="end-row"><div class="card-wrapper"><a class="horizontal-card" href="{nxt}">
<div class="card-content"><div class="card-hat">Read next</div>
<h3 class="card-heading"><span>FOUND: Sharks Hanging Out in a Volcano</span></h3></div>
<figure><img src="/sharks.jpg" alt=""></figure></a></div></div></div></article></body></html>"""
    assert _found(page) == [(nxt, "FOUND: Sharks Hanging Out in a Volcano")]


def test_a_linked_heading_still_labels_the_list_after_it() -> None:
    popular = [f"{SITE}/articles/the-strangest-museum-in-every-state-part-{n}" for n in range(3)]
    items = "".join(
        f'<li><a href="{url}">The Strangest Museum in Every State, Part {n}</a></li>'
        for n, url in enumerate(popular)
    )
    page = f"""<html><head><title>Pink lake</title></head><body><article>
<h1>A lake that turns pink every summer</h1>{PROSE}</article>
<aside><a href="{SITE}/most-read"><h2>Most read</h2></a><ul>{items}</ul></aside></body></html>"""
    assert [url for url, _ in _found(page)] == popular
