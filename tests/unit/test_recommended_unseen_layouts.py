"""Layouts the sixth and seventh labelling rounds (pages capture had never been tuned on)
and capture's output on corpus pages no round took showed it: a community's long stream
of credited posts, a blog menu's tab that reads like a label, a front page's "read more"
under each teaser, a section's page filed at the site's root, a story's footer left
outside its article; and what is no story however it reads: products, jobs, deals, theme
pages, events, horoscopes, a blog's own pages, a site's legal pages."""

from __future__ import annotations

import lxml.html
from capture_pages import paragraphs

from reader.extract.recommended import find_recommended

SITE = "https://www.talk.example"
PAGE = f"{SITE}/editor/2012/11/12/the-art-of-compromise/"
PROSE = paragraphs(
    "The house leadership spent the week arguing over which concessions it could live "
    "with, and the members who sent them there were watching every word of it, part {n}.",
)
TOPICS = ("budget", "election", "courts", "energy", "schools", "farming", "defense", "health")


def _page(side: str, head: str = "") -> str:
    return f"""<html><head><title>The Art of Compromise</title>{head}</head><body>
<div id="content"><div class="post"><h1>The Art of Compromise</h1>{PROSE}</div></div>
<div id="sidebar">{side}</div></body></html>"""


def _found(html: str, url: str = PAGE) -> list[str | None]:
    return [story.url for story in find_recommended(lxml.html.document_fromstring(html), url, url)]


def _diaries(count: int, byline: bool) -> tuple[str, list[str]]:
    urls = [
        f"{SITE}/member{n}/2012/11/{1 + n % 12}/thoughts-on-the-{TOPICS[n % 8]}-debate-{n}/"
        for n in range(count)
    ]
    credit = (
        '<div class="byline"><span class="byline">By:</span> '
        '<a href="/users/member{n}/">Member {n}</a> (<a href="/member{n}/">Diary</a>)</div>'
    )
    items = "".join(
        f'<li><a href="{url}">Thoughts on the {TOPICS[n % 8]} debate, part {n}</a>'
        + (credit.format(n=n) if byline else "")
        + "</li>"
        for n, url in enumerate(urls)
    )
    return f'<div class="rs-feed"><h2 title="Latest diaries">ALL</h2><ul>{items}</ul></div>', urls


def test_a_long_stream_of_credited_posts_is_taken_whole() -> None:
    """98 diaries, each "By: name (Diary)", no heading a word list knows: all of them."""
    stream, urls = _diaries(98, byline=True)
    assert _found(_page(stream)) == urls


def test_a_long_list_of_bare_links_is_still_no_stream() -> None:
    """The same 98 links without a credit each: an archive or a site map, not a stream."""
    stream, _urls = _diaries(98, byline=False)
    assert _found(_page(stream)) == []


def test_a_menu_tab_that_reads_like_a_label_labels_nothing() -> None:
    """A blog's tab menu whose entry says "Featured series": the links after it in the
    menu are its other tabs, not a featured list."""
    tabs = ("Who we are", "Our vision", "Featured series", "Running technique", "Doping")
    menu = "".join(
        f'<li><a href="{SITE}/2008/01/{name.lower().replace(" ", "-")}.html"><span>{name}</span>'
        "</a></li>"
        for name in tabs
    )
    assert _found(_page(f'<div id="tabs"><ul>{menu}</ul></div>')) == []


def test_read_more_under_each_teaser_of_a_listing_labels_nothing() -> None:
    """A front page's own listing prints "read more" under every teaser: no list starts
    after each of them."""
    teasers = "".join(
        f'<li><a href="{SITE}/61/prostate/trial-of-a-new-drug-{n}.html">Phase II trial of a new '
        f"drug in advanced disease, cohort {n}</a></li> Berkeley (Today) - The trial enrolled "
        f'patients in {n + 3} centres. <a href="{SITE}/61/prostate/trial-of-a-new-drug-{n}.html">'
        '<span class="readmore">read more</span></a>'
        for n in range(6)
    )
    html = f"""<html><head><title>Today</title></head><body><div id="main">
<h2>Today's news</h2><ul>{teasers}</ul></div></body></html>"""
    assert _found(html, f"{SITE}/") == []


def test_a_section_page_at_the_site_root_is_no_story() -> None:
    """A latest-posts list whose every card names its section ("Energie & Utilities" ->
    /energie-utilities.html): the stories are taken, the section pages are not."""
    posts = [
        f"{SITE}/energie/neue-anlage-produziert-kohlenstoff-aus-luft-{n}-124.html" for n in range(4)
    ]
    cards = "".join(
        f'<div class="meta"><a href="{SITE}/energie-utilities.html">Energie &amp; Utilities</a>'
        f'</div><a class="item" href="{url}"><h3>Neue Anlage produziert Kohlenstoff aus Luft, '
        f"Teil {n}</h3></a>"
        for n, url in enumerate(posts)
    )
    assert _found(_page(f"<div><h2>Aktuellste Beiträge</h2>{cards}</div>")) == posts


def test_product_pages_in_other_languages_are_no_stories() -> None:
    """Beside a review, the publisher's "produkt" pages are its shop, however their titles
    read; an essay on the same author still counts."""
    shop = [f"https://verlag.example/produkt/nie-wieder-krieg-ohne-uns-band-{n}/" for n in range(3)]
    cards = "".join(
        f'<div class="card"><a href="{url}"><img src="/c{n}.jpg" alt="">Nie wieder Krieg ohne '
        f"uns, Band {n} der Reihe</a></div>"
        for n, url in enumerate(shop)
    )
    assert _found(_page(f"<div><h2>Weitere Artikel</h2>{cards}</div>")) == []


def test_more_labels_in_polish_and_german() -> None:
    for label in ("Zobacz również", "Podobne przepisy", "Polecane przepisy", "Aktuelle Beiträge"):
        posts = [f"{SITE}/przepis/pierogi-z-dynia-w-sosie-szalwiowym-{n}" for n in range(3)]
        items = "".join(
            f'<li><a href="{url}">Pierogi z dynią w sosie szałwiowym, wersja {n}</a></li>'
            for n, url in enumerate(posts)
        )
        assert _found(_page(f"<div><p>{label}</p><ul>{items}</ul></div>")) == posts, label


def test_job_ads_beside_a_story_are_no_stories() -> None:
    """A feed of job ads under the story ("/Job/Azure-Specialist-m-w-d.767821735.html"):
    each reads like a headline and carries an id, and none is a story."""
    jobs = "".join(
        f'<li><a href="{SITE}/Job/Software-Entwickler-mobile-Robotik-m-w-d.76781{n}215.html">'
        f"Software-Entwickler für mobile Robotik (m/w/d), Standort {n}</a></li>"
        for n in range(4)
    )
    assert _found(_page(f"<div><ul>{jobs}</ul></div>")) == []


def test_a_blogs_pages_rail_is_no_list_of_stories() -> None:
    """A sidebar titled "Pages" lists the blog's own pages ("About & Hello!", "Advertise
    on the blog"), their addresses spelling their titles as a post's do: the site's
    furniture, not stories. The same rail titled "Best of the blog" is one."""
    titles = (
        "About the Crafty Crow and Hello",
        "Advertise on the Crafty Crow Blog",
        "Basic and Not So Basic Art Supply List",
        "Forty Party Favors You Can Make Yourself",
    )
    urls = [f"{SITE}/{'-'.join(t.lower().split())}.html" for t in titles]
    items = "".join(
        f'<li class="module-list-item"><a href="{url}">{title}</a></li>'
        for url, title in zip(urls, titles, strict=True)
    )
    head = '<meta property="og:type" content="article">'

    def rail(label: str) -> str:
        return f'<div class="module"><h2>{label}</h2><ul class="module-list">{items}</ul></div>'

    assert _found(_page(rail("Best of the blog"), head)) == urls
    assert _found(_page(rail("Pages"), head)) == []


def test_a_sites_legal_pages_are_no_stories() -> None:
    """A "Top-Themen" list holding the privacy statement alone: the site's legal page."""
    page = f"{SITE}/datenschutzerklaerung_24_534492.html"
    legal = f'<ul><li><a href="{page}">Datenschutzerklärung</a></li></ul>'
    assert _found(_page(f"<div><h2>Top-Themen</h2>{legal}</div>")) == []


def _section_footer_page(related: str) -> str:
    return f"""<html><head><title>Interview</title></head><body><div id="page">
<article class="post"><h1>Interview</h1><div class="article-body">{PROSE}</div></article>
<footer class="entry-footer">{related}</footer></div>
<footer id="colophon" role="contentinfo"><ul>
<li><a href="{SITE}/2012/11/12/mentions-legales-et-conditions-generales-du-site/">Mentions
légales et conditions générales du site</a></li></ul></footer></body></html>"""


def test_a_storys_footer_outside_its_article_still_holds_its_related_stories() -> None:
    """The story's own <footer> left after its <article> closed ("Pour approfondir"): the
    page's footer still follows, so this one is the story's, and its list counts; a list
    in the page's own footer still does not."""
    posts = [f"{SITE}/fr/2020/02/{10 + n}/entretien-sur-la-demographie-{n}/" for n in range(4)]
    items = "".join(
        f'<article class="trending"><a href="{url}">Entretien sur la démographie '
        f"européenne, partie {n}</a></article>"
        for n, url in enumerate(posts)
    )
    related = f'<section class="related-block"><h2>Pour approfondir</h2>{items}</section>'
    assert _found(_section_footer_page(related)) == posts


def test_deals_and_theme_pages_are_no_stories() -> None:
    """A list of deals (/deal/...) and a theme's page (/themes/...) under a "Similar ..."
    label: only the stories count."""
    posts = [f"{SITE}/2009/08/1{n}/top-10-bizarre-dating-websites-{n}/" for n in range(3)]
    links = [
        *posts,
        f"{SITE}/deal/21380/nui-organics-forty-percent-off-everything/everywhere",
        f"{SITE}/fr/themes/sante-publique-et-demographie-europeenne",
    ]
    items = "".join(
        f'<li><a href="{url}">Top 10 bizarre dating websites and more, list {n}</a></li>'
        for n, url in enumerate(links)
    )
    assert (
        _found(_page(f"<div><h3>Similar Great Lists on Talk</h3><ul>{items}</ul></div>")) == posts
    )


def test_concert_dates_and_horoscopes_are_no_stories() -> None:
    """A venue's concert dates ("/shows/02-Nov-2022-disarstar/5309") and a partner's daily
    horoscopes beside the story: listings and services, dated as they are."""
    shows = "".join(
        f'<li><a href="https://venue.example/shows/0{n + 2}-Nov-2022-band_number_{n}/53{n}9">'
        f"Band number {n} plays the big hall on a Wednesday night</a></li>"
        for n in range(4)
    )
    signs = "".join(
        f'<li><a href="https://stars.example/horoszkop/{sign}-napi-horoszkop/2020-oktober-19">'
        f"Napi horoszkóp a mai napra, {sign} jegy szülötteinek</a></li>"
        for sign in ("oroszlan", "merleg", "skorpio", "vizonto")
    )
    assert _found(_page(f"<div><ul>{shows}</ul><ul>{signs}</ul></div>")) == []
