"""find_recommended on small pages: one rule per test, so a failure names the rule."""

# ruff: noqa: E501 - the HTML snippets are test data; one element per line reads best.

from __future__ import annotations

from dataclasses import replace

import lxml.html
import pytest

from reader.extract.recommended import DEFAULTS, Thresholds, find_recommended
from reader.model import Story

BASE = "https://news.example/world/2024/05/01/main-story-1001.html"
ARTICLE = "".join(
    f"<p>Paragraph {n} of the main story carries enough words to read like running prose in a "
    f"real article, with a clause or two more to make it long enough.</p>"
    for n in range(4)
)


def run(
    body: str, base: str | None = BASE, page: str | None = BASE, settings: Thresholds = DEFAULTS
) -> list[Story]:
    html = (
        f"<html><head><title>t</title></head><body><article>{ARTICLE}</article>{body}</body></html>"
    )
    return find_recommended(lxml.html.document_fromstring(html), base, page, settings)


def urls(stories: list[Story]) -> list[str | None]:
    return [s.url for s in stories]


RELATED = """
<div class="related-articles"><h3>Related articles</h3><ul>
<li><a href="/world/2024/04/30/first-related-story-0998.html">First related story about the talks</a></li>
<li><a href="/world/2024/04/29/second-related-story-0997.html">Second related story about the summit</a></li>
</ul></div>"""


def test_related_block_in_page_order_with_absolute_urls() -> None:
    assert urls(run(RELATED)) == [
        "https://news.example/world/2024/04/30/first-related-story-0998.html",
        "https://news.example/world/2024/04/29/second-related-story-0997.html",
    ]


def test_links_resolve_against_the_given_base() -> None:
    stories = run(RELATED, base="https://mirror.example/archive/", page=BASE)
    assert stories[0].url == "https://mirror.example/world/2024/04/30/first-related-story-0998.html"


def test_thresholds_come_from_the_settings_a_caller_passes() -> None:
    """A caller tunes capture without touching code: the six-word titles are too short
    for a caller asking for seven, and the defaults stay as they were."""
    assert run(RELATED, settings=replace(DEFAULTS, min_title_words_strong=7)) == []
    assert len(run(RELATED, settings=replace(DEFAULTS, min_title_words_strong=6))) == 2
    assert len(run(RELATED)) == 2


def test_relative_links_without_any_base_are_dropped() -> None:
    assert run(RELATED, base=None, page=None) == []


def test_duplicates_by_normalized_url_are_dropped() -> None:
    body = RELATED + (
        '<aside class="most-read"><h2>Most read</h2><ol>'
        '<li><a href="https://NEWS.example/world/2024/04/30/first-related-story-0998.html?utm_source=mr#x">'
        "First related story about the talks</a></li>"
        '<li><a href="/world/2024/04/28/third-story-0996.html">Third story that people are reading</a></li>'
        "</ol></aside>"
    )
    assert len(urls(run(body))) == 3


@pytest.mark.parametrize(
    "wrapper",
    [
        "<nav>{}</nav>",
        "<footer>{}</footer>",
        "<header>{}</header>",
        '<div role="navigation">{}</div>',
        '<div class="main-menu">{}</div>',
        '<ul class="site-nav">{}</ul>',
    ],
)
def test_navigation_footer_and_menus_yield_nothing(wrapper: str) -> None:
    assert run(wrapper.format(RELATED)) == []


def test_a_column_calling_itself_navigation_but_marking_its_menus_holds_named_lists() -> None:
    """<aside role=navigation> with its categories in a <nav> and a "Best of the Blog" list
    beside them: the <nav> is the menu, the list is stories. Without a <nav> of its own,
    the role still makes the column a menu."""
    column = (
        '<aside role="navigation" class="side">{}<h3>Best of the Blog</h3><ul>'
        '<li><a href="/blog/posts/questions-to-ask-before-the-wedding">Questions to Ask Before the Wedding</a></li>'
        '<li><a href="/blog/posts/ten-resolutions-for-a-calmer-year">Ten Resolutions for a Calmer Year</a></li>'
        '<li><a href="/blog/posts/how-to-do-good-work-on-mondays">How to Do Good Work on Mondays</a></li>'
        "</ul></aside>"
    )
    menu = (
        '<h3>Categories</h3><nav><ul><li><a href="/blog/categories/news">News</a></li></ul></nav>'
    )
    assert urls(run(column.format(menu))) == [
        "https://news.example/blog/posts/questions-to-ask-before-the-wedding",
        "https://news.example/blog/posts/ten-resolutions-for-a-calmer-year",
        "https://news.example/blog/posts/how-to-do-good-work-on-mondays",
    ]
    assert run(column.format("<h3>Categories</h3>")) == []


def test_a_named_list_of_stories_in_the_page_footer_counts_but_not_its_searches() -> None:
    """ "Most Commented" in a box called "top_comments" beside the footer's archives is a
    list of stories (not a comment thread); "Trending Now" there leads to a search
    page, whose address carries parameters after a semicolon ("/search;_ylt=...")."""
    stories = "".join(
        f'<li><a href="/world/2024/04/2{n}/most-commented-story-{n}-0990.html">'
        f"Most commented story number {n} of the week</a></li>"
        for n in range(3)
    )
    searches = "".join(
        f'<li><a href="https://search.news.example/search;_ylt=A2KLJde{n}mppQ2gQANQCm7.x_;'
        f'_ylu=X3oDMTEwODlvMTF0BG1pdAMEcG9zAzEEc2VjA01lZGlh?p=singer+in+tears+{n}">'
        f"Singer in tears {n}</a></li>"
        for n in range(3)
    )
    footer = (
        '<footer><div class="top_comments"><h3>Most Commented</h3><ul>{}</ul></div>'
        '<div class="trending"><h3>Trending Now</h3><ul>{}</ul></div></footer>'
    )
    assert urls(run(footer.format(stories, searches))) == [
        f"https://news.example/world/2024/04/2{n}/most-commented-story-{n}-0990.html"
        for n in range(3)
    ]


def test_sentence_links_are_not_stories() -> None:
    body = (
        "<div class='related'><p>As we reported last week, the "
        "<a href='/world/2024/04/20/talks-collapsed-0990.html'>talks collapsed in the early hours</a>"
        " after both delegations refused to move on the border question, and officials said a "
        "new round would not start before the summer.</p></div>"
    )
    assert run(body) == []


@pytest.mark.parametrize(
    "href",
    [
        "/tag/diplomacy",
        "/topics/climate-change-and-energy",
        "/author/jane-doe",
        "/category/world-news-today",
        "/section/world",
        "/world/page/2",
        "/world?page=2",
        "https://www.facebook.com/sharer/sharer.php?u=x",
        "https://twitter.com/intent/tweet?url=x",
        "#comments",
        "/world/2024/05/01/main-story-1001.html#comments",
        BASE,
        "javascript:void(0)",
        "mailto:desk@news.example",
        "/forum/threads/what-do-you-think-about-the-talks.123",
        "https://www.amazon.com/dp/B000TEST/",
    ],
)
def test_non_story_links_are_dropped(href: str) -> None:
    body = f'<div class="related"><h3>Related</h3><ul><li><a href="{href}">A link with several words in it</a></li></ul></div>'
    assert run(body) == []


def test_multimedia_pages_have_your_say_and_the_publishers_shop_are_no_stories() -> None:
    """Slides under "/multimedia/" are clips and galleries; "Have your say" leads to a
    story's comments, whatever its address looks like; a host named "shop" sells."""
    clips = "".join(
        f'<li><a href="/multimedia/guest-answers-part-{n}">Tamron Hall on getting answers {n}</a></li>'
        for n in range(3)
    )
    assert run(f'<div class="related"><h3>Related</h3><ul>{clips}</ul></div>') == []
    talk = (
        '<li><a href="/sport/jockey-fronts-panel/comments-fndprusm-1226511029471">Have your say</a></li>'
        '<li><a href="/sport/2024/04/30/jockey-fronts-panel-0998.html">Jockey fronts the betting panel</a></li>'
    )
    shop = "".join(  # the publisher's own shop: a magazine's "order this issue"
        f'<li><a href="https://shop.news.example/magazine/2024/0{n}/the-issue-with-new-ideas-204768{n}.html">'
        f"The issue number {n} with new ideas</a></li>"
        for n in range(1, 3)
    )
    assert [
        story.title
        for story in run(f'<div class="related"><h3>Related</h3><ul>{talk}{shop}</ul></div>')
    ] == ["Jockey fronts the betting panel"]


def test_threads_on_the_sites_forum_host_are_no_stories() -> None:
    """A "Latest forum posts" box links threads on "forums.<site>": talk, not stories,
    however headline-like their titles read."""
    threads = "".join(
        f'<li><a href="https://forums.news.example/phones/22269{n}-went-back-to-the-old-software-release.html">'
        f"Went back to the old software release number {n}</a></li>"
        for n in range(3)
    )
    assert run(f'<div class="latest"><h3>Latest posts</h3><ul>{threads}</ul></div>') == []


def test_short_menu_like_anchors_reject_the_block() -> None:
    body = (
        "<div class='popular-tags'><h3>Popular</h3>"
        + "".join(
            f"<a href='/world/2024/04/{d:02d}/item-{d}'>{w}</a>"
            for d, w in enumerate(["Iran", "Gaza", "Oil"], 1)
        )
        + "</div>"
    )
    assert run(body) == []


def test_title_summary_source_and_image() -> None:
    body = """
<section class="recirc"><h2>Read next</h2>
<div class="card"><a href="/world/2024/04/30/a-1.html"><img data-src="/img/a.jpg" alt="x"></a>
<span class="card-source">Reuters</span>
<h3><a href="/world/2024/04/30/a-1.html">Ceasefire holds for a third day in the north</a></h3>
<p class="card-dek">Aid convoys reached two towns that had been cut off since March.</p>
<time>2 hours ago</time></div></section>"""
    [story] = run(body)
    assert story.title == "Ceasefire holds for a third day in the north"
    assert story.summary == "Aid convoys reached two towns that had been cut off since March."
    assert story.source == "Reuters"
    assert story.image == "https://news.example/img/a.jpg"
    assert story.sponsored is False


def test_title_falls_back_to_image_alt() -> None:
    body = (
        "<div class='related-posts'><h3>Related</h3>"
        "<a href='/world/2024/04/30/photo-story-0999.html'><img src='/i.jpg' alt='Photos from the flooded valley'></a></div>"
    )
    assert [s.title for s in run(body)] == ["Photos from the flooded valley"]


def test_a_cards_kicker_is_no_part_of_its_title() -> None:
    card = (
        "<div class='listing__item'><a href='/world/2024/04/{n}/metaverse-{n}.html'>"
        "<div class='listing__item__top-title'>Neues Arbeiten</div>"
        "<h3 class='listing__item__title'>Into the metaverse, one meeting at a time {n}</h3>"
        "<div class='listing__item__teaser'>How teams far apart can feel close again.</div></a></div>"
    )
    body = (
        "<div class='listing'><h2>More articles</h2>"
        + "".join(card.format(n=n) for n in (27, 28, 29))
        + "</div>"
    )
    assert [s.title for s in run(body)] == [
        f"Into the metaverse, one meeting at a time {n}" for n in (27, 28, 29)
    ]


def test_a_cards_pointer_is_no_part_of_its_title() -> None:
    body = (
        "<div class='related-posts'><h3>Related</h3><ul>"
        "<li><a href='/world/2024/04/30/natural-beauty-0999.html'>A natural beauty on the red carpet »</a></li>"
        "<li><a href='/world/2024/04/29/weather-0998.html'>› Storms move north over the weekend</a></li>"
        "<li><a href='/world/2024/04/28/la-vie-0997.html'>«La vie en rose» returns to the stage</a></li>"
        "</ul></div>"
    )
    assert [s.title for s in run(body)] == [
        "A natural beauty on the red carpet",
        "Storms move north over the weekend",
        "«La vie en rose» returns to the stage",
    ]


@pytest.mark.parametrize(
    "item",
    [
        "<li class='sponsored'><a href='https://brand.example/offer-of-the-week-2024'>Offer of the week for new readers</a></li>",
        "<li><span>Sponsored</span> <a href='https://brand.example/offer-of-the-week-2024'>Offer of the week for new readers</a></li>",
        "<li><span>Anzeige</span> <a href='https://brand.example/offer-of-the-week-2024'>Offer of the week for new readers</a></li>",
        "<li><a rel='sponsored' href='https://brand.example/offer-of-the-week-2024'>Offer of the week for new readers</a></li>",
        "<li><a href='https://adclick.g.doubleclick.net/pcs/click?xai=1'>Offer of the week for new readers</a></li>",
        # the advertiser's own address, tagged with a network's click parameters
        "<li><a href='https://brand.example/offer-of-the-week-2024?utm_source=taboola&amp;tblci=GiA1'>Offer of the week for new readers</a></li>",
        "<li><a href='https://brand.example/offer-of-the-week-2024?obOrigUrl=true&amp;dicbo=v2-x1'>Offer of the week for new readers</a></li>",
    ],
)
def test_sponsored_items(item: str) -> None:
    body = (
        "<div class='most-popular'><h3>Most popular</h3><ul>"
        "<li><a href='/world/2024/04/30/plain-story-0995.html'>A plain story people are reading</a></li>"
        f"{item}</ul></div>"
    )
    stories = run(body)
    assert [s.sponsored for s in stories] == [False, True]


def test_ad_network_widget_is_sponsored() -> None:
    body = (
        "<div id='outbrain_widget_0' class='OUTBRAIN'><ul>"
        "<li><a href='https://paid.outbrain.com/network/redir?p=1'>Ten towns where retirees are happiest</a></li>"
        "<li><a href='https://www.some-blog.example/why-you-should-stop-buying-bottled-water'>Why you should stop buying bottled water</a></li>"
        "</ul></div>"
    )
    stories = run(body)
    assert len(stories) == 2 and all(s.sponsored for s in stories)


def test_inline_module_inside_the_article() -> None:
    body = (
        "<p><strong>READ MORE:</strong> <a href='/world/2024/04/25/background-story-0980.html'>"
        "Background: how the dispute began</a></p>"
    )
    assert urls(run(body)) == ["https://news.example/world/2024/04/25/background-story-0980.html"]


@pytest.mark.parametrize(
    "heading",
    [
        "Mehr zum Thema",
        "Aktuelle Berichte aus dieser Kategorie:",
        "À lire aussi",
        "Te puede interesar",
        "Leia também",
        "Leggi anche",
        "You may also like",
        "More from World",
        "Most read",
        "Trending now",
        "Up next",
        "Posted on this day, other years:",
        "What we're reading",
        # German labels pair an adjective with a noun, any pair
        "Beliebte Artikel",
        "Neue Beiträge",
        "Weitere interessante Themen",
        "Previous Posts",
        "Schon gelesen?",
        "Więcej na ten temat",
        "Související články",
        "Kapcsolódó cikkek",
        "Похожие статьи",
        "Benzer haberler",
        "Σχετικά άρθρα",
    ],
)
def test_heading_words_in_many_languages(heading: str) -> None:
    body = (
        f"<section><h2>{heading}</h2><ul>"
        "<li><a href='/world/2024/04/30/story-one-0990.html'>The first story in this little list</a></li>"
        "<li><a href='/world/2024/04/29/story-two-0989.html'>The second story in this little list</a></li>"
        "</ul></section>"
    )
    assert len(run(body)) == 2


@pytest.mark.parametrize(
    "label",
    [
        "Lees ook:",
        "Czytaj też:",
        "Läs också:",
        "Lue myös:",
        "Vedi anche:",
        "Ver también:",
        "Saiba mais:",
        "Siehe auch:",
        "Lire également :",
        "Previously:",
        "Читайте также:",
    ],
)
def test_inline_label_in_other_languages(label: str) -> None:
    """ "Read also: <a>" lines in the languages news sites write them in, label as plain
    text at the start of the paragraph."""
    body = (
        f"<p>{label} <a href='/world/2024/04/25/background-story-0980.html'>"
        "Background: how the long dispute over the river began</a></p>"
    )
    assert urls(run(body)) == ["https://news.example/world/2024/04/25/background-story-0980.html"]


@pytest.mark.parametrize(
    "heading",
    [
        "Related topics",
        "Trending topics",
        "Popular tags",
        "Latest comments",
        "Share this",
        "Related literature:",
    ],
)
def test_headings_that_introduce_no_stories(heading: str) -> None:
    body = (
        f"<section><h2>{heading}</h2><ul>"
        "<li><a href='/world/2024/04/30/story-one-0990.html'>The first story in this little list</a></li>"
        "</ul></section>"
    )
    assert run(body) == []


def test_stories_without_links_from_a_text_dump() -> None:
    body = (
        "<aside class='recommended'><h2>Recommended Stories</h2><ul>"
        "<li><h3>Story one</h3><p>First teaser.</p></li>"
        "<li><h3>Win big with free bets this weekend</h3><p>A special promotion.</p></li>"
        "</ul></aside>"
    )
    stories = run(body, base=None, page=None)
    assert [(s.title, s.url, s.summary, s.sponsored) for s in stories] == [
        ("Story one", None, "First teaser.", False),
        ("Win big with free bets this weekend", None, "A special promotion.", True),
    ]


def test_the_tree_is_not_modified() -> None:
    html = f"<html><body><article>{ARTICLE}</article>{RELATED}</body></html>"
    tree = lxml.html.document_fromstring(html)
    before = lxml.html.tostring(tree)
    find_recommended(tree, BASE, BASE)
    find_recommended(tree.getroottree(), BASE, BASE)
    assert lxml.html.tostring(tree) == before


@pytest.mark.parametrize(
    "html",
    [
        "<html></html>",
        "<html><body><!-- only a comment --></body></html>",
        "<html><body><div class='related'>"
        + "<div>" * 3000
        + "<a href='/x'>deep</a>"
        + "</div>" * 3000
        + "</div></body></html>",
        "<html><body><div class='related'><a href='/world/2024/01/01/a-1'>"
        + "<span>" * 3000
        + "A deeply nested title here"
        + "</span>" * 3000
        + "</a></div></body></html>",
        "<html><body><div class='related'><a href='http://[::1/x'>Broken address in a link</a>"
        "<a href=''>Empty address in a link here</a><a>No address at all in this one</a></div></body></html>",
    ],
)
def test_odd_input_never_raises(html: str) -> None:
    tree = lxml.html.document_fromstring(html)
    assert isinstance(find_recommended(tree, BASE, BASE), list)


def test_heading_text_spread_over_lines_and_tags() -> None:
    body = (
        "<section><h2>\n          <span>Most</span>\n          read\n        </h2><ul>"
        "<li><a href='/world/2024/04/30/story-one-0990.html'>The first story in this little list</a></li>"
        "</ul></section>"
    )
    assert len(run(body)) == 1


def test_a_sentence_starting_like_a_label_is_not_a_module() -> None:
    body = (
        "<p>More: the ministry said on Tuesday that talks would resume next week in Geneva, "
        "according to <a href='/world/2024/04/25/talks-resume-in-geneva-0981.html'>officials "
        "quoted by the agency</a>, although no date has been fixed yet for the meeting.</p>"
    )
    assert run(body) == []


def test_widget_list_in_a_labelled_nav_is_a_story_list() -> None:
    """WordPress wraps "Recent Posts" in <nav aria-label="Recent Posts">; other navs stay menus."""
    body = """
<div class="widget"><h2>Recent Posts</h2><nav aria-label="Recent Posts"><ul>
<li><a href="/2024/04/20/garden-notes-for-late-spring/">Garden notes for late spring</a></li>
<li><a href="/2024/04/02/pruning-old-apple-trees/">Pruning old apple trees well</a></li></ul></nav></div>
<div class="widget"><h2>Latest</h2><nav aria-label="Archives"><ul>
<li><a href="/2024/03/11/a-walk-along-the-canal-in-march/">A walk along the canal in March</a></li></ul></nav></div>"""
    assert urls(run(body)) == [
        "https://news.example/2024/04/20/garden-notes-for-late-spring/",
        "https://news.example/2024/04/02/pruning-old-apple-trees/",
    ]


def test_tickers_and_mega_menus_are_menus() -> None:
    body = """
<div class="ticker"><span>Latest:</span><ul>
<li><a href="/world/2024/05/01/storm-hits-the-northern-coast-1002.html">Storm hits the northern coast tonight</a></li></ul></div>
<div class="megamenu__col"><div class="megamenu__heading">Latest news</div><ul>
<li><a href="/world/2024/05/01/ministers-meet-for-crisis-talks-1003.html">Ministers meet for crisis talks in the capital</a></li></ul></div>"""
    assert run(body) == []


def test_label_wrapping_a_heading_keeps_card_titles_inside_the_block() -> None:
    """<div class="title"><h2>More on this story</h2></div> then cards titled by <h3>."""
    body = """
<section><div class="container-title"><h2>More on this story</h2></div><ul>
<li><a href="/world/2024/04/20/first-card-story-0990.html" aria-label="First card story about the vote"></a><h3>First card story about the vote</h3></li>
<li><a href="/world/2024/04/21/second-card-story-0991.html" aria-label="Second card story about the count"></a><h3>Second card story about the count</h3></li>
</ul></section>"""
    stories = run(body)
    assert urls(stories) == [
        "https://news.example/world/2024/04/20/first-card-story-0990.html",
        "https://news.example/world/2024/04/21/second-card-story-0991.html",
    ]
    assert stories[0].title == "First card story about the vote"


def test_the_hub_a_heading_names_is_not_a_story() -> None:
    body = """
<div class="box"><span>Últimas noticias</span><ul>
<li><a href="/mundo/2024-05-01/cumbre-termina-sin-acuerdo.html">La cumbre termina sin acuerdo final</a></li>
<li><a href="/ultimas-noticias/">Ver más últimas noticias</a></li>
<li><a href="/noticias/ultimas-noticias">Todas las noticias de hoy</a></li></ul></div>"""
    assert urls(run(body)) == [
        "https://news.example/mundo/2024-05-01/cumbre-termina-sin-acuerdo.html"
    ]


def test_page_order_across_blocks_found_in_any_order() -> None:
    """An inline module found after a heading block still sorts by its place in the page."""
    body = """
<p>READ MORE: <a href="/world/2024/04/28/inline-module-story-0980.html">Inline module story after the article</a></p>
<div><h2>Most read</h2><ol>
<li><a href="/world/2024/04/27/most-read-story-one-0970.html">Most read story number one today</a></li></ol></div>"""
    assert urls(run(body)) == [
        "https://news.example/world/2024/04/28/inline-module-story-0980.html",
        "https://news.example/world/2024/04/27/most-read-story-one-0970.html",
    ]


def test_label_with_non_breaking_space() -> None:
    body = """
<div class="box"><span>Most\u00a0popular</span><ul>
<li><a href="/world/2024/04/26/popular-story-one-0960.html">Popular story number one of the day</a></li></ul></div>"""
    assert urls(run(body)) == ["https://news.example/world/2024/04/26/popular-story-one-0960.html"]


DATA_LIST = (
    '<script id="__NEXT_DATA__" type="application/json">{"props": {"relatedStories": ['
    '{"title": "First related story about the talks", "url": "/world/2024/04/30/first-0998.html"},'
    '{"title": "Second related story about the summit", "url": "/world/2024/04/29/second-0997.html"},'
    '{"title": "Third related story about the vote", "url": "/world/2024/04/28/third-0996.html"}'
    "]}}</script>"
)


def test_story_lists_shipped_as_data_are_read_when_the_markup_has_none() -> None:
    assert urls(run(DATA_LIST)) == [
        "https://news.example/world/2024/04/30/first-0998.html",
        "https://news.example/world/2024/04/29/second-0997.html",
        "https://news.example/world/2024/04/28/third-0996.html",
    ]


def test_data_lists_are_not_read_on_pages_without_an_article() -> None:
    html = f"<html><body><ul><li>Home</li></ul>{DATA_LIST}</body></html>"
    assert find_recommended(lxml.html.document_fromstring(html), BASE, BASE) == []


@pytest.mark.parametrize(
    "script",
    [
        "<script>window.__INITIAL_STATE__ = {related: function () { return 1 }};</script>",
        '<script id="__NEXT_DATA__" type="application/json">{"related": [</script>',
        '<script id="__NEXT_DATA__" type="application/json">'
        + '{"a":' * 3000
        + "1"
        + "}" * 3000
        + "</script>",
    ],
)
def test_data_that_is_not_json_or_too_deep_is_skipped(script: str) -> None:
    assert run(script) == []


def test_a_forums_replies_under_the_story_are_no_stories() -> None:
    replies = "".join(
        f'<li><a href="/5208-1030_3-0.html?forumID=1&amp;threadID=7625&amp;messageID={5260 + n}">'
        f"Reply number {n} says the ruling changes everything</a></li>"
        for n in range(5)
    )
    body = f'<div class="related-articles"><h3>Related articles</h3><ul>{replies}</ul></div>'
    assert run(body) == []
    assert len(run(RELATED)) == 2  # the same block with stories in it is read


def test_more_about_a_place_is_a_pointer_not_a_headline() -> None:
    places = "".join(
        f'<li><img src="/{n}.jpg" alt=""><a href="https://lakeregion.example/en/huts/{slug}/">'
        f"More about the {name}</a></li>"
        for n, (slug, name) in enumerate(
            [
                ("upper-ridge-hut-and-its-terrace", "Upper Ridge Hut and its terrace"),
                ("beech-wood-hut-by-the-spring", "Beech Wood Hut by the spring"),
                ("shore-hut-with-the-boat-house", "Shore Hut with the boat house"),
            ]
        )
    )
    assert run(f'<aside><ul class="stops">{places}</ul></aside>') == []
