"""A blog's sidebar names a series or a topic's posts by its last word ("Bird Flu Posts",
"Lakoff Posts"): such a list is a list of stories, while a calendar or an archive of posts
is not. On a saved Blogger post page without a <title>, whose <h1> names the blog, the
post's own title is its headline, so the series list leaves the page itself out."""

from __future__ import annotations

from capture_pages import found_urls, paragraphs

BLOG = "https://effect.blogspot.example"
TITLES = (
    "Tamiflu stocks run short in three states",
    "What the poultry cull does not tell us",
    "H7 in the northern provinces",
    "Vaccine trials move to the second phase",
)
URLS = [f"{BLOG}/2005/04/{'-'.join(title.lower().split())}.html" for title in TITLES]
OWN = 2  # the page is the third post of the series
PROSE = paragraphs(
    "Reports from the region suggest the strain afflicting poultry there is not the one "
    "everyone feared, though the evidence is indirect, paragraph {n} of the post.",
)


def _blogger_page(heading: str, sidebar_list: str | None = None) -> str:
    """A Blogger post page, saved without its <title>, with one sidebar list."""
    items = "".join(
        f'<li><a href="{url}">{title}</a></li>' for url, title in zip(URLS, TITLES, strict=True)
    )
    return f"""<html><head></head><body>
<div id="header"><h1 id="blog-title"><a href="{BLOG}">Effect Measure</a></h1></div>
<div id="main"><div class="post"><h3 class="post-title">{TITLES[OWN]}</h3>
<div class="post-body"><div>{PROSE}</div></div></div></div>
<div id="sidebar"><h2 class="sidebar-title">{heading}</h2>{sidebar_list or f"<ul>{items}</ul>"}
</div></body></html>"""


def test_a_topic_named_by_its_last_word_lists_the_series_but_not_the_page_itself() -> None:
    expected = [url for n, url in enumerate(URLS) if n != OWN]
    assert found_urls(_blogger_page("Bird Flu Posts"), None) == expected


def test_a_calendar_of_posts_is_no_list_of_stories() -> None:
    # WordPress's calendar widget: each day links to its archive, titled by its posts.
    days = "".join(
        f'<td><a href="{BLOG}/2005/04/{day:02}/" title="{title}, {TITLES[0]}">{day}</a></td>'
        for day, title in enumerate(TITLES, start=10)
    )
    calendar = (
        '<div id="calendar_wrap"><table id="wp-calendar"><caption>April 2005</caption>'
        f"<tbody><tr>{days}</tr></tbody></table></div>"
    )
    assert found_urls(_blogger_page("Calendar of Posts", calendar), None) == []
