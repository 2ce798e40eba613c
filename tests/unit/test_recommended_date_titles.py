"""A link whose whole text is a date ("Dec. 18, 2006") leads to a magazine's issue or an
archive's page, not to a story, even in a list the page calls "More stories"."""

from __future__ import annotations

import lxml.html
from capture_pages import paragraphs

from reader.extract.recommended import find_recommended

SITE = "https://www.weekly.example"
PROSE = paragraphs(
    "The ministers met for the third time this month and again failed to agree on how "
    "the new border controls should be paid for, officials in Brussels said on Monday {n}.",
)
STORIES = [
    (
        f"{SITE}/magazine/article/0,13005,90106122{n}-157076{n},00.html",
        f"Ministers fail to agree, round {n}",
    )
    for n in range(3)
]
ISSUES = [
    (f"{SITE}/magazine/0,13006,9010612{day},00.html", f"Dec. {day}, 2006") for day in (18, 11, 4)
]


def test_links_titled_only_by_a_date_are_issues_not_stories() -> None:
    rows = "".join(
        f'<tr><td><a href="{url}">{title}</a></td></tr>' for url, title in STORIES + ISSUES
    )
    page = f"""<html><head><title>Border controls</title></head><body><table><tr>
<td class="story"><h1>Ministers fail again on border controls</h1>{PROSE}</td>
<td><h3>More Stories</h3><table>{rows}</table></td></tr></table></body></html>"""
    url = f"{SITE}/magazine/article/0,13005,901061225-1570700,00.html"
    found = [story.url for story in find_recommended(lxml.html.document_fromstring(page), url, url)]
    assert found == [url for url, _ in STORIES]
