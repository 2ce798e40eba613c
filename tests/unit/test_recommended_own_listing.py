"""A blog's front page shows its posts whole, and its "Recent Posts" sidebar names those
same posts: that is the page's own contents, not stories it recommends. The same sidebar
beside one post (an article page) does recommend the others."""

from __future__ import annotations

import lxml.html

from reader.extract.recommended import find_recommended
from reader.model import Story

BLOG = "https://notes.example/blog/"
TITLES = (
    "Memories of the long winter road",
    "Universal bereavement and what follows it",
    "A quiet Christmas on the eastern front",
    "On getting a life after the election",
)


def _slug(title: str) -> str:
    return "-".join(title.lower().split())


def _post(title: str, n: int) -> str:
    url = f"{BLOG}2006/12/{_slug(title)}.html"
    body = "".join(
        f"<p>Paragraph {k} of the post about {title.lower()} runs long enough to read as the "
        f"body of a post, with a clause or two more so that it is real prose.</p>"
        for k in range(3)
    )
    return (
        f"<div class='entry' id='entry-{n}'><h3 class='entry-header'>{title}</h3>"
        f"<div class='entry-content'><div class='entry-body'>{body}</div></div>"
        f"<p class='entry-footer'>Posted by jamie at 04:29 PM | "
        f"<a class='permalink' href='{url}'>Permalink</a> | "
        f"<a href='{url}#comments'>Comments (0)</a></p></div>"
    )


def _sidebar() -> str:
    items = "".join(
        f"<li><a href='{BLOG}2006/12/{_slug(title)}.html'>{title}</a></li>" for title in TITLES
    )
    return f"<div class='module-archives'><h2>Recent Posts</h2><ul>{items}</ul></div>"


def run(posts: str, url: str) -> list[Story]:
    html = (
        "<html><head><title>Notes</title></head><body>"
        f"<div id='content'>{posts}</div><div id='sidebar'>{_sidebar()}</div></body></html>"
    )
    return find_recommended(lxml.html.document_fromstring(html), url, url)


def test_front_page_sidebar_of_its_own_posts_is_no_recommendation() -> None:
    posts = "".join(_post(title, n) for n, title in enumerate(TITLES))
    assert run(posts, BLOG) == []


def test_one_post_page_still_recommends_the_others() -> None:
    url = f"{BLOG}2006/12/{_slug(TITLES[0])}.html"
    stories = run(_post(TITLES[0], 0), url)
    assert [story.title for story in stories] == list(TITLES[1:])
