"""A "Recent Posts" widget whose cards each print a byline of topic links ("in Games,
Reviews, News with 8 comments") is still a list of stories: the topic links belong to
the cards, they are not a menu outnumbering the stories. A real menu under such a heading,
whose entries hold no story, still gives nothing."""

from __future__ import annotations

import lxml.html
from capture_pages import paragraphs

from reader.extract.recommended import find_recommended

SITE = "https://www.phones.example"
PROSE = paragraphs(
    "The new handset keeps its battery for two full days of ordinary use, and the camera "
    "holds up well in low light, which few phones at this price manage, test {n}.",
)
POSTS = [
    f"{SITE}/2012/11/13/carrier-announces-a-new-budget-handset-with-a-big-battery-{n}/"
    for n in range(4)
]
TOPICS = ("Applications", "Games", "Reviews", "News", "Deals")


def _page(widget: str) -> str:
    return f"""<html><head><title>Review</title></head><body>
<div id="content"><div class="post"><h1>Hands on with the new handset</h1>{PROSE}</div></div>
<div id="footer"><ul><li class="widget" id="recent-posts"><h2>Recent Posts</h2>
{widget}</li></ul></div></body></html>"""


def _found(html: str) -> list[str | None]:
    url = f"{SITE}/2012/11/13/hands-on-with-the-new-handset/"
    return [story.url for story in find_recommended(lxml.html.document_fromstring(html), url, url)]


def test_topic_links_in_each_card_do_not_make_the_list_a_menu() -> None:
    bylines = "".join(
        f'<li><div class="thumb"><a href="{url}"><img src="/t{n}.jpg" alt=""></a></div>'
        f'<div class="excerpt"><a href="{url}">Carrier Announces A New Budget Handset, Part {n}</a>'
        '<div class="meta">in '
        + ", ".join(f'<a href="{SITE}/topics/{topic.lower()}/">{topic}</a>' for topic in TOPICS)
        + f' with <a href="{url}#comments">{n + 3} comments</a></div></div></li>'
        for n, url in enumerate(POSTS)
    )
    assert _found(_page(f"<ul>{bylines}</ul>")) == POSTS


def test_a_menu_under_the_heading_still_gives_nothing() -> None:
    entries = "".join(
        f'<li><a href="{SITE}/topics/{topic.lower()}/">{topic}</a></li>' for topic in TOPICS * 3
    )
    one_story = f'<li><a href="{POSTS[0]}">Carrier Announces A New Budget Handset, Part 0</a></li>'
    assert _found(_page(f"<ul>{entries}{one_story}</ul>")) == []
