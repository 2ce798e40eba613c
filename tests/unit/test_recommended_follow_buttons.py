"""Buttons beside a story's topics ("Add to My News | Create an alert") link to a topic's
page with a title of a few words: they are buttons, not stories."""

from __future__ import annotations

import lxml.html

from reader.extract.recommended import find_recommended


def test_topic_follow_buttons_are_not_stories() -> None:
    base = "https://news.example/2004/11/16/solaris-story-5475182.html"
    topics = "".join(
        f"<li><a href='/topics/{n}'>Topic {n}</a> "
        f"<span class='alertLink'><a href='/5229-8018-0.html?topic=1&amp;id={6200 + n}'>"
        f"Add to My News</a> | <a href='/5229-8018-0.html?topic=1&amp;id={6200 + n}'>"
        "Create an alert</a></span></li>"
        for n in range(4)
    )
    article = "".join(
        f"<p>Paragraph {n} of the main story carries enough words to read like running prose "
        f"in a real article, with a clause or two more to make it long enough.</p>"
        for n in range(4)
    )
    html = (
        f"<html><head><title>t</title></head><body><div id='storyBody'>{article}</div>"
        f"<div id='storyTopics'><h3>Read more on this story's topics</h3><ul>{topics}</ul>"
        "</div></body></html>"
    )
    stories = find_recommended(lxml.html.document_fromstring(html), base, base)
    assert [story.title for story in stories] == []
