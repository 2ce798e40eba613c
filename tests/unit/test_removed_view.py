"""The article with what extraction dropped put back in its places (reader.extract.
removed_view): in page order, grouped by reason, long groups told rather than reprinted."""

from __future__ import annotations

import lxml.html

from reader.extract.explain import explain
from reader.extract.removed_view import GROUP_LINES, content_with_removed
from reader.model import Page

STORY = "".join(
    f"<p>Paragraph {n} of the story says something long enough about the harbour, the tide and"
    f" the boats that come in at dawn with the night's catch, every day of the year.</p>"
    for n in range(6)
)
MENU = "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(20))
PAGE = f"""<html><head><title>Tides</title></head><body>
<nav class="menu"><ul>{MENU}</ul></nav>
<article>{STORY}</article>
<div class="related"><h2>More stories</h2><ul><li><a href="/a">One other story</a></li>
<li><a href="/b">Another story</a></li></ul></div>
<footer><p>Contact us</p></footer><footer><p>About us</p></footer>
</body></html>"""


def shown() -> lxml.html.HtmlElement:
    page = Page(source="t.html", html=PAGE, url="https://tides.example/a")
    return lxml.html.fragment_fromstring(content_with_removed(explain(page)))


def test_removed_parts_sit_in_page_order_around_the_kept_story() -> None:
    text = " ".join(shown().text_content().split())
    assert text.index("Section 0") < text.index("Paragraph 0") < text.index("Paragraph 5")
    assert text.index("Paragraph 5") < text.index("One other story") < text.index("About us")


def test_each_group_says_its_kind_and_reason_once() -> None:
    labels = [p.text for p in shown().xpath("//p[@data-reader-label]")]
    # the two footers were dropped for one reason, side by side: one group, one line
    assert labels == [
        "Removed navigation: readability: an unlikely candidate, by its class or id (4 story)",
        "Removed recommended list: outside the story readability chose (4 story)",
        "Removed navigation: outside the story readability chose (4 story)",
    ]
    footers = shown().xpath("//div[@data-reader-group]")[-1]
    assert [m.text_content() for m in footers.xpath("div[@data-reader-removed]")] == [
        "Contact us",
        "About us",
    ]


def test_a_long_group_shows_its_first_lines_and_counts_the_rest() -> None:
    menu = shown().xpath("//div[@data-reader-group]")[0]
    items = menu.xpath(".//li")
    assert len(items) == GROUP_LINES
    (more,) = menu.xpath(".//p[@data-reader-more]")
    assert more.text == f"… and {20 - GROUP_LINES} more lines like these"


def test_kept_blocks_carry_their_numbers_and_nothing_else_does() -> None:
    root = shown()
    kept = root.xpath("//*[@data-reader-block]")
    assert [e.tag for e in kept] == ["p"] * 6
    assert not root.xpath("//*[@data-reader-block][@data-reader-removed]")
