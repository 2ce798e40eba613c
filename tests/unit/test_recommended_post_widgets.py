"""WordPress widgets that list a site's posts beside a story, whatever their title says:
Genesis' "Featured Posts" (``featured-content featuredpost``) and Enfold's news box
(``newsbox``), and a German blog's "Beliebte Rezepte" (popular recipes) heading; posts of
one or two words in such a list, when their dated address is named after them."""

from __future__ import annotations

from capture_pages import article_page, found_urls, paragraphs

SITE = "https://www.garden.example"
URL = f"{SITE}/herbst-im-beet"
PROSE = paragraphs(
    "Im Herbst ist der Boden noch warm genug, um Stauden zu teilen und Zwiebeln zu "
    "setzen, bevor der erste Frost kommt, Absatz {n} dieses Beitrags.",
)
TITLES = (
    "Kürbissuppe mit geröstetem Ingwer",
    "Apfelkuchen ohne raffinierten Zucker",
)  # two, as such widgets often show: a run of three cards is read by its structure alone
URLS = [f"{SITE}/{'-'.join(title.lower().split())}" for title in TITLES]


def _found(sidebar: str) -> list[str | None]:
    page = article_page("Herbst im Beet", PROSE, f'<aside class="sidebar">{sidebar}</aside>')
    return found_urls(page, URL)


def _genesis(title: str) -> str:
    posts = "".join(
        f'<article class="post entry"><a href="{url}" class="alignnone"><img src="{url}.jpg"'
        f' alt=""></a><header class="entry-header"><h2 class="entry-title">'
        f'<a href="{url}">{name}</a></h2></header></article>'
        for url, name in zip(URLS, TITLES, strict=True)
    )
    return (
        f'<section class="widget featured-content featuredpost"><div class="widget-wrap">'
        f'<h3 class="widgettitle">{title}</h3>{posts}</div></section>'
    )


def test_a_genesis_featured_posts_widget_lists_stories_under_any_title() -> None:
    assert _found(_genesis("Was ich gerade liebe")) == URLS


def test_popular_recipes_name_a_list_of_stories() -> None:
    posts = "".join(
        f'<li><a href="{url}">{name}</a></li>' for url, name in zip(URLS, TITLES, strict=True)
    )
    assert _found(f'<div class="widget"><h3>Beliebte Rezepte</h3><ul>{posts}</ul></div>') == URLS


def test_an_enfold_news_box_lists_stories_under_any_title() -> None:
    posts = "".join(
        f'<li class="news-content"><a class="news-link" href="{url}"><span class="news-thumb">'
        f'<img src="{url}.jpg" alt=""></span><strong class="news-headline">{name}'
        f'<span class="news-time">2. Oktober 2015 - 12:33</span></strong></a></li>'
        for url, name in zip(URLS, TITLES, strict=True)
    )
    widget = (
        f'<div class="widget newsbox"><h3 class="widgettitle">Alle Beispiele</h3>'
        f'<ul class="news-wrap">{posts}</ul></div>'
    )
    assert _found(widget) == URLS


def test_a_dated_post_of_one_word_in_a_recent_posts_widget_is_a_story() -> None:
    """ "Zahlenfreunde" at /mathlog/2023/10/29/zahlenfreunde: too short for a headline,
    but its dated address is named after it. "Automation" at /technik/automation.html is
    a section's page, named the same way without a date."""
    posts = [
        (f"{SITE}/blog/2023/10/29/zahlenfreunde/", "Zahlenfreunde"),
        (f"{SITE}/blog/2023/07/03/parkplatzsuche/", "Parkplatzsuche"),
        (f"{SITE}/technik/automation.html", "Automation"),
    ]
    items = "".join(f'<li><a href="{url}">{name}</a></li>' for url, name in posts)
    widget = (
        f'<div class="widget widget_recent_entries" id="recent-posts-2"><h3>Neueste Beiträge'
        f"</h3><ul>{items}</ul></div>"
    )
    assert _found(widget) == [url for url, _ in posts[:2]]
