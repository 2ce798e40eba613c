"""Cards whose headline sits in a button-like part, and tabbed lists whose tab names clips:
the headline is still the title, and a "Video/Audio" tab lists clips, not stories, even
where its addresses look like any story's."""

from __future__ import annotations

import lxml.html

from reader.extract.recommended import find_recommended
from reader.model import Story

SITE = "https://www.harbournews.co.uk/news"
PROSE = "".join(
    f"<p>Paragraph {n}: the harbour council met on Monday to decide on the new ferry "
    f"timetable, and the ferry company said it would answer by the end of the month.</p>"
    for n in range(4)
)


def run(body: str) -> list[Story]:
    html = (
        "<html><head><title>Ferry timetable</title></head><body>"
        f"<article><h1>Ferry timetable</h1>{PROSE}</article>{body}</body></html>"
    )
    page = f"{SITE}/ferry-timetable-10001"
    return find_recommended(lxml.html.document_fromstring(html), page, page)


def card(slug: str, headline: str, video: bool = False) -> str:
    icon = '<span class="icon-video"><span class="off-screen">Video</span></span>' if video else ""
    return (
        f'<li class="unit"><a href="{SITE}/{slug}" class="unit__link">'
        f'<div class="unit__title">{icon}<span class="cta">{headline}</span></div>'
        '<div class="unit__meta"><div class="date">23 July 2015</div></div></a></li>'
    )


def test_a_headline_in_a_call_to_action_part_is_the_title() -> None:
    """BBC's "More on this story" cards print the headline in a "cta" span, beside a date
    and a screen-reader "Video" mark: the span is the title, not noise."""
    body = (
        '<div class="more-on-this-story"><h2>More on this story</h2><ul>'
        f"{card('ferry-company-answers-10002', 'Ferry company answers the council')}"
        f"{card('harbour-master-interview-10003', 'The harbour master speaks', video=True)}"
        "</ul></div>"
    )
    assert [story.title for story in run(body)] == [
        "Ferry company answers the council",
        "The harbour master speaks",
    ]


def test_a_tab_of_clips_in_a_popular_list_is_left_out() -> None:
    def tab(name: str, first: int) -> str:
        links = "".join(
            f'<li><a href="{SITE}/story-number-{n}-{first + n}">Harbour story number {n} '
            "of the day</a></li>"
            for n in range(3)
        )
        return f'<h3 class="tab">{name}</h3><div class="panel"><ol>{links}</ol></div>'

    body = f'<div class="most-popular"><h2>Most Popular</h2>{tab("Read", 20000)}'
    body += f"{tab('Video/Audio', 30000)}</div>"
    assert [story.url for story in run(body)] == [
        f"{SITE}/story-number-{n}-{20000 + n}" for n in range(3)
    ]
