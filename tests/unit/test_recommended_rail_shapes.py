"""Rails whose boxes do not all hold stories: a rail of cards under a heading box, with
clips among its cards and an ad slot and padding boxes after them, is still a rail; a
blog that dated only its older addresses lists its newer, undated posts beside them; and
a blog's posts filed under its archive's year and month are posts, not archive pages; and
a feed reader's or bookmark site's button that carries the page's own address is no story."""

from __future__ import annotations

from urllib.parse import quote

from capture_pages import found_urls, paragraphs

SITE = "https://www.dailyglobe.example"
PAGE_URL = f"{SITE}/2024/05/07/politics/budget-vote-delayed/index.html"
PROSE = paragraphs(
    "The budget vote was delayed again on Tuesday as negotiators failed to agree on the "
    "spending caps that both chambers had promised to settle this week, paragraph {n}.",
    count=6,
)
STORIES = (
    ("2024/05/07/opinion/five-priorities-after-the-vote", "Back to work: the top priorities"),
    ("2024/05/07/world/harbour-strike-enters-second-week", "Harbour strike enters a second week"),
    ("2024/05/06/business/greek-bonds-rally-again", "Bailout will not end the bond rally"),
    ("2024/05/05/world/teen-mothers-find-work-in-bogota", "Helping teen mothers find work"),
    ("2024/05/04/opinion/what-losing-an-election-is-like", "What it is like to lose an election"),
)


def found(page: str, url: str = PAGE_URL) -> list[str | None]:
    return found_urls(page, url)


def card(path: str, title: str) -> str:
    return (
        f'<div class="cbx-item"><div><a href="/{path}/index.html">{title}</a></div>'
        f'<div class="cbx-when">updated 11:04 AM, Tue May 7, 2024</div>'
        f'<a href="/{path}/index.html"><img src="{SITE}/img/{len(title)}.jpg" alt=""></a>'
        f"<div>A line of teaser under the picture for {title.lower()}.</div></div>"
    )


def test_a_rail_under_a_heading_box_with_clips_and_an_ad_slot_among_its_boxes() -> None:
    clip = (
        '<div class="cbx-item"><div><a href="/video/#/video/world/2024/05/06/{0}">'
        "Watch: {0} from the air</a></div></div>"
    )
    cards = (
        card(*STORIES[0])
        + card(*STORIES[1])
        + clip.format("harbour")
        + card(*STORIES[2])
        + clip.format("floods")
        + card(*STORIES[3])
        + card(*STORIES[4])
    )
    pads = '<div class="cbx-pad"><a href="/mostpopular/">See all</a></div>' * 3
    page = f"""<html><head><title>Budget vote delayed</title></head><body>
<div class="story-column"><h1>Budget vote delayed</h1>{PROSE}</div>
<div class="col-b"><div class="cbx">
<div class="cbx-head"><span>Part of complete coverage on</span>
<a href="/election/">Election 2024</a></div>
{cards}{pads}<div class="cbx-ad"><a href="https://ads.example/click?id=1">Ad</a></div>
</div></div></body></html>"""
    assert found(page) == [f"{SITE}/{path}/index.html" for path, _ in STORIES]


BLOG = "https://www.frugalblog.example"


def test_a_blog_that_dated_only_its_older_addresses_lists_its_undated_posts_too() -> None:
    posts = (
        ("2008/09/manifesto-of-a-frugal-life.html", "Manifesto of a frugal life"),
        ("2007/12/how-i-became-independent-in-five-years.html", "How I became independent"),
        ("why-so-few-succeed.html", "Why so few succeed"),
        ("2009/08/can-i-retire-young.html", "Can I retire young?"),
        ("2009/06/my-list-of-frugal-books.html", "My list of frugal books"),
        ("podcast-i-got-interviewed-on-the-radio.html", "Podcast: I got interviewed on the radio"),
        ("2008/11/how-little-do-you-need.html", "How little do you need?"),
        ("2008/01/cash-flow-for-the-poor-and-the-rich.html", "Cash flow for the poor and the rich"),
        ("2008/01/stranger-in-a-strange-land.html", "Stranger in a strange land"),
        ("2007/12/the-minimalist-kitchen.html", "The minimalist kitchen"),
    )
    topic = '<a href="/frugal-cooking-recipes">Frugal Cooking Recipes</a>'  # a topic's page
    links = "\n".join(f'<a href="{BLOG}/{path}">{title}</a>' for path, title in posts)
    page = f"""<html><head><title>Living on little</title></head><body>
<div class="post"><h1>Living on little</h1>{PROSE}</div>
<div class="sidebar"><div class="widget"><h3>Most popular posts</h3>
<div class="textwidget">{links}\n{topic}</div></div></div></body></html>"""
    assert found(page, f"{BLOG}/living-on-little.html") == [f"{BLOG}/{path}" for path, _ in posts]


def test_a_blogs_recent_entries_filed_under_its_archives_year_and_month() -> None:
    posts = (
        ("2006/09/fort-worth_star.html", "Star Telegram readers write in"),
        ("2006/05/closing_down_th.html", "Closing down the debate"),
        ("2006/05/project_for_exc.html", "Project for excellence in journalism"),
        ("2006/05/will_bloggers_e.html", "Will bloggers ever be paid?"),
        ("2006/05/bad_day_for_the.html", "Bad day for the newspapers"),
    )
    entries = "".join(
        f'<li><a href="{BLOG}/blog/archives/{path}">{title}</a></li>' for path, title in posts
    )
    months = "".join(  # the month's archive itself stays out
        f'<li><a href="{BLOG}/blog/archives/2006/{month:02d}/">2006/{month:02d}</a></li>'
        for month in (5, 9)
    )
    page = f"""<html><head><title>The Debate</title></head><body><table><tr>
<td><h2>Recent Entries</h2><ul>{entries}</ul><h2>Archives</h2><ul>{months}</ul></td>
<td><h1>The Debate</h1>{PROSE}</td></tr></table></body></html>"""
    assert found(page, f"{BLOG}/blog/") == [f"{BLOG}/blog/archives/{path}" for path, _ in posts]


def test_buttons_that_carry_the_pages_own_address_are_no_stories() -> None:
    url = f"{BLOG}/2012/08/17/the-reluctant-cataloger/"
    posts = (
        ("2008/08/17/theme-changed-and-feeds-fixed/", "Theme changed, feeds fixed"),
        ("2007/08/17/bobbing-to-the-surface/", "Bobbing to the surface"),
        ("2006/08/17/trip-itinerary-for-the-summer/", "Trip itinerary for the summer"),
    )
    others = "".join(
        f'<li><a href="{BLOG}/{path}">{title}</a> - 20xx</li>' for path, title in posts
    )
    buttons = (
        f'<a href="https://feeds.example/sub/{url}">Subscribe to this post in your reader</a>'
        f'<a href="https://lenses.example/bookmark?{quote(url, safe="")}">Bookmark this post on '
        "your lens</a>"
    )
    page = f"""<html><head><title>The reluctant cataloger</title></head><body>
<div class="post"><h1>The reluctant cataloger</h1>{PROSE}
<h3>Posted on this day, other years:</h3><ul>{others}</ul>
<div class="bookmarks">{buttons}</div></div></body></html>"""
    assert found(page, url) == [f"{BLOG}/{path}" for path, _ in posts]
