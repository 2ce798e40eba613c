"""Cards and tabs: a headline in a button-like part is still the title; a "Video/Audio" tab
lists clips, not stories, even where its addresses look like any story's; cards a CMS
marks as posts are a list of posts even when their titles are short."""

from __future__ import annotations

import lxml.html
from capture_pages import paragraphs

from reader.extract.recommended import find_recommended
from reader.model import Story

SITE = "https://www.harbournews.co.uk/news"
PROSE = paragraphs(
    "Paragraph {n}: the harbour council met on Monday to decide on the new ferry "
    "timetable, and the ferry company said it would answer by the end of the month.",
    count=4,
)


def run(body: str, story_class: str = "story") -> list[Story]:
    html = (
        "<html><head><title>Ferry timetable</title></head><body>"
        f'<article class="{story_class}"><h1>Ferry timetable</h1>{PROSE}</article>{body}'
        "</body></html>"
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


def test_cards_marked_as_posts_are_a_list_of_posts_whatever_their_titles() -> None:
    """WordPress prints "hentry type-post" on each post it lists, the story's own too:
    three cards titled in three or four words below the story are its related posts.
    Unmarked, such short titles read as a menu's entries; beside a story that is no such
    post, the cards are not looked for."""

    def grid(marks: str) -> str:
        cards = "".join(
            f'<article class="elementor-post post-{n} {marks}"><a href="{SITE}/{slug}/">'
            f'<img src="/{slug}.jpg"></a><h3 class="title"><a href="{SITE}/{slug}/">{title}</a>'
            "</h3><p>A line of teaser about the post.</p></article>"
            for n, (slug, title) in enumerate(
                [
                    ("du-bist-einzigartig", "Du bist einzigartig"),
                    ("was-der-seele-guttut", "Was der Seele guttut"),
                    ("ganz-bei-mir", "Ganz bei mir"),
                ]
            )
        )
        return f'<div class="elementor-posts-container">{cards}</div>'

    post = "post-41417 post type-post hentry"
    assert [story.title for story in run(grid("post type-post hentry"), post)] == [
        "Du bist einzigartig",
        "Was der Seele guttut",
        "Ganz bei mir",
    ]
    assert run(grid("post"), post) == []
    assert run(grid("post type-post hentry")) == []


def test_a_heading_made_of_tabs_names_the_list_by_its_first_tab() -> None:
    """Tabs side by side in the heading ("Related articles" / "More from author"): their
    words ran together into the sidebar's group name."""
    stories = "".join(
        card(f"harbour-story-{n}-{10010 + n}", f"Harbour story {n}") for n in range(3)
    )
    body = (
        '<div class="related"><h4 class="block-title">'
        '<a href="#" class="current">Related articles</a><a href="#">More from author</a></h4>'
        f"<ul>{stories}</ul></div>"
    )
    assert {story.group for story in run(body)} == {"Related articles"}
