"""Stage 2: metadata read from the raw tree (JSON-LD, OpenGraph, Dublin Core, markup)."""

import json

import pytest

from reader.extract import metadata, normalize


def meta(head: str, body: str = "", url: str | None = None) -> metadata.Metadata:
    root = normalize.parse(f"<html><head>{head}</head><body>{body}</body></html>")
    return metadata.read_metadata(root, url)


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_json_ld_article_in_a_graph() -> None:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "Page name"},
            {
                "@type": "BlogPosting",
                "headline": "The headline",
                "author": {"@type": "Person", "name": "Ann Lee"},
                "datePublished": "2021-06-01T10:00:00Z",
                "publisher": {"@type": "Organization", "name": "Ann's Blog"},
            },
        ],
    }
    m = meta(ld(data) + '<meta property="og:title" content="OG title">')
    assert m.title == "The headline"
    assert m.byline == "Ann Lee"
    assert m.published == "2021-06-01T10:00:00Z"
    assert m.site_name == "Ann's Blog"


def test_json_ld_list_with_several_authors_and_a_wrapper() -> None:
    data = [
        {"@type": "Organization", "name": "Org"},
        {"@type": ["NewsArticle"], "headline": "H", "author": [{"name": "A"}, {"name": "B"}]},
    ]
    script = f'<script type="application/ld+json">//<![CDATA[\n{json.dumps(data)}\n//]]></script>'
    m = meta(script)
    assert m.title == "H"
    assert m.byline == "A, B"


def test_broken_json_ld_is_ignored() -> None:
    m = meta('<script type="application/ld+json">{"@type": "Article", </script><title>T</title>')
    assert m.title == "T"


def test_opengraph_twitter_and_article_tags() -> None:
    m = meta(
        '<meta property="og:title" content="OG title">'
        '<meta name="twitter:title" content="Twitter title">'
        '<meta property="og:site_name" content="Site">'
        '<meta property="article:published_time" content="2020-01-02T03:04:05+0100">'
        '<meta property="og:description" content="Desc">'
        '<meta property="og:image" content="/lead.jpg">'
        '<meta property="og:url" content="https://s.example/story">',
        url="https://s.example/story?utm_source=x",
    )
    assert (m.title, m.site_name, m.excerpt) == ("OG title", "Site", "Desc")
    assert m.published == "2020-01-02T03:04:05+01:00"
    assert m.image == "https://s.example/lead.jpg"
    assert m.url == "https://s.example/story"


def test_dublin_core_beats_opengraph_and_property_beats_name() -> None:
    m = meta(
        '<meta name="DC.title" content="DC name">'
        '<meta property="dc:title" content="DC property">'
        '<meta property="og:title" content="OG">'
        '<meta name="DC.creator" content="Creator">'
        '<meta name="author" content="Author meta">'
    )
    assert m.title == "DC property"
    assert m.byline == "Creator"


def test_time_element_and_itemprop_dates() -> None:
    assert meta("", '<time datetime="2019-05-06">May 6</time>').published == "2019-05-06"
    body = (
        '<time datetime="2018-01-01">x</time>'
        '<span itemprop="datePublished" content="2019-02-03"></span>'
    )
    assert meta("", body).published == "2019-02-03"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2021-05-19", "2021-05-19"),
        ("2017-11-03 03:01:00.000000", "2017-11-03T03:01:00"),
        ("2015-07-10T09:53:00-04:00", "2015-07-10T09:53:00-04:00"),
        ("2019-01-03T07:00:02.000Z", "2019-01-03T07:00:02Z"),
        ("Tue, 05 Mar 2019 09:15:00 +0100", "2019-03-05T09:15:00+01:00"),
        ("March 4, 2020", "2020-03-04"),
        ("2021-13-45", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_iso_date(raw: str, iso: str | None) -> None:
    assert metadata.iso_date(raw) == iso


def test_byline_markup() -> None:
    assert meta("", '<p>Story</p><a rel="author" href="/u/x">Kim Park</a>').byline == "Kim Park"
    body = (
        '<div class="byline">By <span itemprop="author">'
        '<span itemprop="name">Lu Chen</span></span></div>'
    )
    assert meta("", body).byline == "Lu Chen"
    assert meta("", '<div class="article-byline">By Sam Ortiz</div>').byline == "Sam Ortiz"
    assert meta("", "<p>By Jane Doe</p><p>Text.</p>").byline == "Jane Doe"


def test_byline_skips_profile_urls_comments_and_menus() -> None:
    head = '<meta property="article:author" content="https://facebook.example/someone">'
    body = (
        '<nav><a rel="author" href="/a">Menu Author</a></nav>'
        '<div class="comments"><span class="author">Commenter</span></div>'
        '<span class="author-name">Real Writer</span>'
    )
    assert meta(head, body).byline == "Real Writer"


@pytest.mark.parametrize(
    ("title", "site", "h1", "expected"),
    [
        ("Big storm hits the coast | Coast News", "Coast News", "", "Big storm hits the coast"),
        ("Coast News - Big storm hits the coast", "Coast News", "", "Big storm hits the coast"),
        ("Big storm hits the coast today | Coast News", None, "", "Big storm hits the coast today"),
        ("Mozilla - Wikipedia", None, "Mozilla", "Mozilla - Wikipedia"),
        ("A plain title", None, "", "A plain title"),
        ("", None, "Heading", "Heading"),
    ],
)
def test_title_without_site_name(title: str, site: str | None, h1: str, expected: str) -> None:
    assert metadata.clean_title(title, site, h1) == expected


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Everything Yoga: Permission To Be Bad", "Everything Yoga", "Permission To Be Bad"),
        ("Everything Yoga: Be Bad", "Everything Yoga", "Everything Yoga: Be Bad"),
        ("Brexit: what happens next", None, "Brexit: what happens next"),
        ("Brexit: what happens next", "The Daily Paper", "Brexit: what happens next"),
    ],
)
def test_a_site_name_before_a_colon_is_cut(title: str, site: str | None, expected: str) -> None:
    """Only the site's own name, and only before a title of some words."""
    assert metadata.titles.without_site_prefix(title, site) == expected


def test_a_blogs_name_in_its_banner_is_cut_from_the_title() -> None:
    """No site name in the metadata: the banner's <h1>, a link to the front page, names
    the blog ("Everything Yoga: Permission To Be Bad" -> "Permission To Be Bad"); an <h1>
    that is the story's own heading does not."""
    head = "<title>Everything Yoga: Permission To Be Bad</title>"
    banner = '<h1><a href="http://www.yoga.example/">Everything Yoga</a></h1>'
    assert meta(head, banner).title == "Permission To Be Bad"
    heading = "<h1>Everything Yoga</h1>"
    assert meta(head, heading).title == "Everything Yoga: Permission To Be Bad"


def test_lang_and_base_href() -> None:
    root = normalize.parse('<html lang="pt_BR"><head><base href="/x/"></head><body></body></html>')
    m = metadata.read_metadata(root, "https://s.example/a")
    assert m.lang == "pt-BR"
    assert m.base_href == "/x/"


def test_metadata_does_not_mutate_the_tree() -> None:
    import lxml.html

    html = '<html><head><title>T | S</title></head><body><p class="byline">By X Y</p></body></html>'
    root = normalize.parse(html)
    before = lxml.html.tostring(root)
    metadata.read_metadata(root, None)
    assert lxml.html.tostring(root) == before
