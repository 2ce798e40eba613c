"""What the eighth and ninth labelling rounds (pages where capture found stories) showed
capture taking wrongly: the page's own post in its "Recent posts" when the page was saved
without its address, or names it by another one (a feed's link); a menu whose links say
they are its entries; and links that read like stories but are a site's offers and forms:
training courses, job ads, a reader's submission, a magazine issue's table of contents, a
contact page, a media library's player. And one list it missed: "All Time Favorites"."""

from __future__ import annotations

from capture_pages import found_urls, paragraphs

SITE = "http://www.yoga.example"
PROSE = paragraphs(
    "Some mornings the practice simply does not come together, and the teacher's advice "
    "is to let it be bad rather than to skip it altogether, note {n}.",
)
RECENT = (
    "Seven Poses for a Stiff Lower Back",
    "What My Teacher Said About Breathing",
    "A Week of Practice Without a Mirror",
    "Why Beginners Should Skip the Headstand",
)


def _page(side: str, title: str = "Everything Yoga: Permission To Be Bad") -> str:
    return f"""<html><head><title>{title}</title></head><body>
<div id="content"><div class="entry"><h2>Permission To Be Bad</h2>{PROSE}</div></div>
<div id="sidebar">{side}</div></body></html>"""


def _found(html: str, url: str | None = None) -> list[str | None]:
    return found_urls(html, url)


def _slug(title: str) -> str:
    return "-".join(title.lower().replace(",", "").replace(":", "").split())


def _recent(titles: tuple[str, ...]) -> tuple[str, list[str]]:
    urls = [f"{SITE}/2012/11/{_slug(title)}.html" for title in titles]
    items = "".join(
        f'<li><a href="{url}">{title}</a></li>' for url, title in zip(urls, titles, strict=True)
    )
    return f"<div><h2>Recent Posts</h2><ul>{items}</ul></div>", urls


def test_the_page_itself_among_its_recent_posts_is_left_out() -> None:
    """Saved without its address, the post cannot be told by URL; its title names it
    ("Everything Yoga: Permission To Be Bad" over a list holding "Permission To Be Bad")."""
    side, urls = _recent(("Permission To Be Bad", *RECENT))
    assert _found(_page(side)) == urls[1:]


def test_the_page_itself_under_a_feed_address_is_left_out() -> None:
    """Known by its address, the post is still listed under another one: a network's
    "Latest news" names every post by its feed's redirect link."""
    url = f"{SITE}/2012/11/permission-to-be-bad.html"
    titles = ("Permission To Be Bad", *RECENT)
    feed = [f"http://feedproxy.example/~r/yoga/~3/Xq{n}Bf7sc" for n in range(len(titles))]
    items = "".join(
        f'<li><a href="{link}">{title}</a></li>' for link, title in zip(feed, titles, strict=True)
    )
    side = f"<div><h2>Latest News from the Network</h2><ul>{items}</ul></div>"
    assert _found(_page(side), url) == feed[1:]


def test_the_page_itself_in_its_data_is_left_out() -> None:
    """The page's data (no list in its markup) names it among the blog's latest posts
    under a shortlink: its headline tells it, as in the markup's lists."""
    titles = ("Permission To Be Bad", *RECENT)
    links = [f"{SITE}/?p=1001", *(f"{SITE}/2012/11/{_slug(title)}.html" for title in RECENT)]
    entries = ",".join(
        f'{{"title": "{title}", "url": "{link}"}}'
        for title, link in zip(titles, links, strict=True)
    )
    data = (
        '<script id="__NEXT_DATA__" type="application/json">'
        f'{{"props": {{"latestPosts": [{entries}]}}}}</script>'
    )
    assert _found(_page(data)) == links[1:]


def test_a_story_titled_like_the_page_but_longer_or_short_is_kept() -> None:
    """Only the page's own headline is the page: "Permission To Be Bad, Part Two" is
    another post, and a title of three words ("Be Bad Again") is too common to tell."""
    side, urls = _recent(("Permission To Be Bad, Part Two", *RECENT))
    assert _found(_page(side)) == urls
    short, short_urls = _recent(("Be Bad Again", *RECENT))
    assert _found(_page(short, title="Everything Yoga: Be Bad Again")) == short_urls


def test_courses_job_ads_submissions_and_contents_pages_are_no_stories() -> None:
    """A "Related" box mixing posts with a site's offers and forms: training courses, a
    job board, a reader's submission, an issue's table of contents, a contact page."""
    side, urls = _recent(RECENT)
    offers = (
        "http://www.news.example/courses/writing-better-headlines-for-the-web",
        "http://careers.news.example/post.cfm?job=the-managing-editor-position",
        "http://news.example/submission/2174361/the-nation-is-losing-its-toolbox",
        "http://www.news.example/toc/2005/12/index.html",
        "http://www.news.example/contactus/1823355",
    )
    items = "".join(
        f'<li><a href="{url}">An offer that reads like a headline, number {n}</a></li>'
        for n, url in enumerate(offers)
    )
    mixed = side.replace("</ul>", items + "</ul>").replace("Recent Posts", "Related")
    assert _found(_page(mixed)) == urls


def test_a_menus_own_entries_are_no_stories() -> None:
    """A side column of titled link groups whose links say they are a menu's entries
    (class "menu", "menusub"): a site menu however its titles read. The same links without
    those classes are a list of the latest columns."""
    titles = tuple(f"Where My Nerf Went, Column Number {n}" for n in range(5))
    urls = [f"{SITE}/columns/2006/07/where-my-nerf-went-column-number-{n}.html" for n in range(5)]

    def column(link_class: str) -> str:
        items = "".join(
            f'<a href="{url}"{link_class}>{title}</a><br>'
            for url, title in zip(urls, titles, strict=True)
        )
        return f'<td><span class="menutitle">Latest Columns</span><br>{items}</td>'

    assert _found(_page(column(""))) == urls
    assert _found(_page(column(' class="menusub"'))) == []
    assert _found(_page(column(' class="menu"'))) == []


def test_all_time_favorites_are_a_list_of_stories() -> None:
    """A blog's "All Time Favorites" box under a caption: its best posts, short addresses
    and dated ones. Under a caption no list word names, the same links are no list; under
    this one, every post of at least three words is a story."""
    posts = {
        "youtube-architecture": "YouTube Architecture",
        "plentyoffish-architecture": "Plenty Of Fish Architecture",
        "blog/2009/8/5/stack-overflow-architecture.html": "Stack Overflow Architecture",
        "blog/2011/12/19/how-twitter-stores-tweets.html": "How Twitter Stores 250 Million Tweets",
    }
    urls = [f"{SITE}/{path}" for path in posts]
    items = "".join(
        f'<li><a href="{url}">{title}</a></li>'
        for url, title in zip(urls, posts.values(), strict=True)
    )

    def box(caption: str) -> str:
        return f'<div class="section"><div class="caption">{caption}</div><ul>{items}</ul></div>'

    assert _found(_page(box("All Time Favorites"))) == urls[1:]
    assert _found(_page(box("Things to see"))) == []


def test_a_media_librarys_player_pages_are_clips_not_stories() -> None:
    """ "More from the show" under a programme's page: each link opens the library's player
    ("/swr/player/<id>/<title>"), a clip. The same list of the site's stories counts."""
    titles = (
        "Sylt, eine Insel nur für Reiche",
        "Der stumme Sommer: warum sterben die Insekten",
        "Landwirtschaft ohne Chemie: Bauern suchen neue Wege",
    )

    def show(kind: str) -> tuple[str, list[str]]:
        urls = [
            f"https://www.ard.example/swr/{kind}/Y3JpZDovL3N3ci5kZS9{n}/{_slug(title)}"
            for n, title in enumerate(titles)
        ]
        items = "".join(
            f'<li><a href="{url}">{title}</a></li>' for url, title in zip(urls, titles, strict=True)
        )
        return f"<div><h2>More from the show</h2><ul>{items}</ul></div>", urls

    stories, urls = show("story")
    assert _found(_page(stories)) == urls
    assert _found(_page(show("player")[0])) == []
