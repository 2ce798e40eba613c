"""What the tenth and eleventh labelling rounds (pages chosen blind: any pages, then news
and magazine pages) showed capture missing or taking wrongly. Missed: a list whose label
sits in a box of its own at the page's top level with the cards in the next box, and German
labels ("Eure Lieblingsposts", a Blogger popular-posts widget; "Aktuelles auf <site>", its
titles printed after their dates).
Taken wrongly: a box of leasing offers whose heading says "Deals" beside an ad's tag, a
section's page linked by its own name in a related box its class names, tag links beside
each story, and a column of clips under a heading that links to the site's videos."""

from __future__ import annotations

import lxml.html
from capture_pages import article_page, found_urls, paragraphs

from reader.extract.recommended import find_recommended

SITE = "https://www.handy.example"
URL = f"{SITE}/aktuelles/apple-kippt-verschluesselung"
PROSE = paragraphs(
    "Wer seine Daten in der Cloud sichert, sollte wissen, wer sie lesen kann und wann "
    "die Verschlüsselung greift, Absatz {n} dieses Beitrags.",
)
TITLES = (
    "So finden Sie Ihr verlorenes Handy wieder",
    "Neue Rechteverwaltung ab Android sechs erklärt",
    "Ein Browser mit Tracking-Schutz im Test",
    "Messenger-App Threema kurz vorgestellt",
)
URLS = [f"{SITE}/ratgeber/{'-'.join(title.lower().split())}" for title in TITLES]
STORIES = list(zip(URLS, TITLES, strict=True))


def _cards() -> str:
    return "".join(
        f'<a class="teaser" href="{url}"><small>Ratgeber</small><h3>{title}</h3>'
        f"<p>Ein kurzer Anriss des Beitrags in einem Satz.</p><span>Mehr</span></a>"
        for url, title in zip(URLS, TITLES, strict=True)
    )


def _found(html: str, url: str | None = URL) -> list[str | None]:
    return found_urls(html, url)


def _article_page(after_main: str) -> str:
    return article_page("Apple kippt Verschlüsselung", PROSE, after_main)


def test_a_label_in_its_own_box_heads_the_cards_in_the_next_box() -> None:
    page = _article_page(
        f'<div class="wrapper"><h2>Weitere Artikel</h2></div><div class="wrapper">'
        f'<div class="grid">{_cards()}</div></div><div class="footer">'
        f'<a href="{SITE}/impressum">Impressum</a></div>'
    )
    assert _found(page) == URLS


def test_the_next_box_is_not_taken_when_it_opens_a_section_of_its_own() -> None:
    """A label box followed by a box with its own heading of the same rank: the label's
    list is gone (a script filled it), and the next section is not its list."""
    page = _article_page(
        f'<div class="wrapper"><h2>Weitere Artikel</h2></div><div class="wrapper">'
        f"<h2>Über uns</h2>{_cards()}</div>"
    )
    assert _found(page) == []


def test_a_german_blogs_favourite_posts_widget_is_read_beside_a_short_post() -> None:
    """A short post (no running prose) with Blogger's popular-posts widget titled "Eure
    Lieblingsposts"."""
    items = "".join(
        f'<li><div class="item-title"><a href="{url}">{title}</a></div></li>'
        for url, title in zip(URLS, TITLES, strict=True)
    )
    page = f"""<html><head><title>Viertes Blog-Interview</title></head><body>
<div class="post"><h3>Viertes Blog-Interview</h3><p>Heute gibt es ein neues Interview.</p>
</div><div class="widget PopularPosts"><h2>Eure Lieblingsposts</h2>
<div class="widget-content popular-posts"><ul>{items}</ul></div></div></body></html>"""
    assert _found(page, f"{SITE}/2013/10/viertes-blog-interview.html") == URLS


def test_the_sites_latest_under_a_linked_label_titled_without_their_dates() -> None:
    """ "Aktuelles auf <site>" over links that print each story's date before its title:
    the sidebar shows the titles alone."""
    links = "".join(
        f'<a href="{url}">11.02.2020 {title}</a>' for url, title in zip(URLS, TITLES, strict=True)
    )
    label = '<a href="/aktuelles"><h3>Aktuelles auf handy.example</h3></a>'
    box = f'<div class="box">{label}{links}</div>'
    page = f"""<html><head><title>Apple kippt Verschlüsselung</title></head><body>
<main><article><h1>Apple kippt Verschlüsselung</h1>{PROSE}{box}</article></main></body></html>"""
    assert _found(page) == URLS
    tree = lxml.html.document_fromstring(page)
    assert [story.title for story in find_recommended(tree, URL, URL)] == list(TITLES)


def _deals(tag: str) -> str:
    offers = "".join(
        f'<div class="item"><a href="https://www.cardeals.example/{n}-leasing-offer/">'
        f'<img src="https://www.cardeals.example/{n}.jpg" alt="">'
        f"<span>Kracher! Fiat {n}00 Leasing für {n}5 Euro im Monat brutto</span></a></div>"
        for n in range(1, 5)
    )
    return (
        f'<div class="box"><div class="title"><h4>Die besten Leasing-Deals</h4>{tag}</div>'
        f'<div class="content"><div class="list">{offers}</div></div></div>'
    )


def test_offers_under_a_deals_heading_beside_an_ads_tag_are_no_stories() -> None:
    page = _article_page(_deals(' <span class="adv">ANZEIGE</span>'))
    assert _found(page) == []


def test_a_section_named_by_its_own_link_is_no_story_in_a_related_box() -> None:
    """ "Premier League" -> /sport/football/premier-league/ among a related box's stories
    (the box named by its class, not by a heading)."""
    links = "".join(
        f'<li><a href="{url}">{title}</a></li>' for url, title in zip(URLS, TITLES, strict=True)
    )
    section = f'<li><a href="{SITE}/sport/football/premier-league/">Premier League</a></li>'
    page = _article_page(f'<div class="story-related"><ul>{links}{section}</ul></div>')
    assert _found(page) == URLS


def _tag(title: str) -> str:
    word = title.split()[0].lower()
    return f' <a class="tag" href="{SITE}/{word}-news/">{word} news</a>'


def _panel(stories: list[tuple[str, str]], tagged: bool = False) -> str:
    items = "".join(
        f'<li><a href="{url}">{title}</a>{_tag(title) if tagged else ""}</li>'
        for url, title in stories
    )
    return f"<div><ul>{items}</ul></div>"


def test_a_links_class_that_names_a_tag_leaves_it_out() -> None:
    """Each story of a "Latest Stories" list carries its tag's link ("<a class="tag
    modfont">chris brown</a>"): a tag's page, not a story."""
    page = _article_page(f"<div><h2>Latest Stories</h2>{_panel(STORIES, tagged=True)}</div>")
    assert _found(page) == URLS


def _figures(hub: str) -> str:
    cards = "".join(
        f'<figure class="box"><a href="{url}"><img src="{url}.jpg" alt=""></a>'
        f'<figcaption><a href="{url}">{title}</a></figcaption></figure>'
        for url, title in STORIES
    )
    heading = f'<h6><a href="{hub}">24HORAS VIDEO</a></h6>'
    return f'<section>{heading}<div class="group">{cards}</div></section>'


def test_cards_under_a_heading_that_links_to_the_sites_videos_are_clips() -> None:
    """A column of cards whose heading links to the site's videos ("24HORAS VIDEO"): clips,
    however their titles read; under a heading that links to a section of stories, stories."""
    assert _found(_article_page(_figures("/videos"))) == []
    assert _found(_article_page(_figures("/ratgeber"))) == URLS
