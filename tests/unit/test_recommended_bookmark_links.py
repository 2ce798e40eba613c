"""A "Similar Posts" list that ends in the blog's bookmark bar ("Bookmark on Delicious",
"Digg this post", "Share with Stumblers"): each of those links carries the page's own
address in its query, so it is this page's share button, not a story."""

from __future__ import annotations

from urllib.parse import quote

import lxml.html

from reader.extract.recommended import find_recommended

SITE = "http://librarian.example"
PAGE = f"{SITE}/2012/09/28/the-new-phone-integration-crosses-a-privacy-line/"
POSTS = [f"{SITE}/2009/07/17/do-you-understand-your-privacy-settings-part-{n}/" for n in range(3)]
SERVICES = (
    ("http://delicious.com/post?url=", "Bookmark on Delicious"),
    ("http://digg.com/submit?url=", "Digg this post"),
    ("http://www.stumbleupon.com/submit?url=", "Share with Stumblers"),
)


def test_bookmark_buttons_under_similar_posts_are_not_stories() -> None:
    prose = "".join(
        f"<p>The new integration shares more than most people expect, and the settings that "
        f"would stop it sit three menus deep, where few readers will ever find them ({n}).</p>"
        for n in range(5)
    )
    similar = "".join(
        f'<li><a href="{url}">Do You Understand Your Privacy Settings, Part {n}?</a></li>'
        for n, url in enumerate(POSTS)
    )
    bookmarks = "".join(
        f'<li><a href="{service}{quote(PAGE, safe="")}&amp;title=The+New+Phone">{label}</a></li>'
        for service, label in SERVICES
    )
    page = f"""<html><head><title>Privacy</title></head><body><div class="post">
<h1>The new phone integration crosses a privacy line</h1><div class="entry">{prose}
<h3>Similar Posts:</h3><ul>{similar}{bookmarks}</ul></div></div></body></html>"""
    stories = find_recommended(lxml.html.document_fromstring(page), PAGE, PAGE)
    assert [story.url for story in stories] == POSTS
