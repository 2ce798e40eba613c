"""Stage 2 byline and publication-date rules, on markup written for the test."""

import json

import pytest

from reader.extract import metadata, normalize


def meta(head: str = "", body: str = "", url: str | None = None) -> metadata.Metadata:
    root = normalize.parse(f"<html><head>{head}</head><body>{body}<p>x</p></body></html>")
    return metadata.read_metadata(root, url)


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# bylines ------------------------------------------------------------------------------


def test_json_ld_authors_referenced_by_id_in_a_graph() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Person", "@id": "#ann", "name": "Ann Lee"},
            {"@type": "Person", "@id": "#bob", "name": ["Bob Roe", "Robert Roe"]},
            {"@type": "NewsArticle", "headline": "H", "author": [{"@id": "#ann"}, {"@id": "#bob"}]},
        ],
    }
    assert meta(ld(graph)).byline == "Ann Lee, Bob Roe"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Ann Lee and Bob Roe", "Ann Lee and Bob Roe"),
        (
            "By Ann Lee, Bob Roe and Cy Twombly | Updated March 3, 2021",
            "Ann Lee, Bob Roe and Cy Twombly",
        ),
        ("By Ann Lee on March 3, 2021", "Ann Lee"),
        ("Ann Lee Follow", "Ann Lee"),
        ("By Ann Lee, Senior Reporter", "Ann Lee"),
        ("Von Jana Weber, Redakteurin", "Jana Weber"),
        ("Written by Rob Ewa Edited by Bea Bey", "Rob Ewa"),
        ("Posted by Ines Varga", "Ines Varga"),
        ("Brenda Goodman, MA", "Brenda Goodman, MA"),  # a degree is part of the name
        ("Ann Lee, Bob Roe", "Ann Lee, Bob Roe"),
        ("Last Updated: January 7, 2025", None),  # names nobody
    ],
)
def test_tidy_byline(line: str, name: str | None) -> None:
    assert metadata.tidy_byline(line) == name


def test_byline_markup_with_several_linked_names_keeps_them_all() -> None:
    body = (
        '<span class="byline">By <a href="/staff/ann">Ann Lee</a> and '
        '<a href="/staff/bob">Bob Roe</a></span>'
    )
    assert meta(body=body).byline == "Ann Lee and Bob Roe"


def test_a_user_name_gives_way_to_the_name_shown_on_the_page() -> None:
    head = '<meta name="author" content="jdoe42">'
    assert meta(head, '<span class="author-name">Jane Doe</span>').byline == "Jane Doe"
    assert meta(head).byline == "jdoe42"  # still better than nothing
    data = {"@type": "Article", "author": {"@type": "Person", "name": "CC7567"}}
    assert meta(ld(data), '<span class="author-name">Cy Cole</span>').byline == "Cy Cole"


def test_posted_by_an_author_page_link() -> None:
    body = '<div class="entry-meta">Posted by <a href="/author/ines/">Ines Varga</a> on May 2</div>'
    assert meta(body=body).byline == "Ines Varga"
    other = '<div class="widget"><a href="/author/ines/">Ines Varga</a></div>'
    assert meta(body=other).byline is None  # an author link without "by" is not a byline


# dates --------------------------------------------------------------------------------


def test_modified_date_never_beats_a_published_one() -> None:
    head = '<meta property="article:modified_time" content="2023-06-01">'
    assert meta(head, '<time datetime="2023-04-05">5 April</time>').published == "2023-04-05"
    assert meta(head).published == "2023-06-01"  # the only date the page gives
    data = {"@type": "NewsArticle", "dateModified": "2023-06-01", "dateCreated": "2023-04-01"}
    published = '<meta property="article:published_time" content="2023-04-05T08:00:00Z">'
    assert meta(ld(data) + published).published == "2023-04-05T08:00:00Z"
    assert meta(ld(data)).published == "2023-04-01"  # created, then modified


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="sailthru.date" content="2023-04-05 10:00:00">',
        '<meta name="parsely-pub-date" content="2023-04-05T10:00:00Z">',
        '<meta name="DC.date.issued" content="2023-04-05">',
        '<meta name="publish_date" content="2023/04/05">',
        '<meta name="date" content="05.04.2023">',
        '<meta itemprop="datePublished" content="2023-04-05">',
    ],
)
def test_publication_date_meta_names(head: str) -> None:
    published = meta(head).published
    assert published is not None and published.startswith("2023-04-05")


def test_time_elements_of_comments_and_side_rails_are_not_the_story_date() -> None:
    body = (
        '<aside><time datetime="2024-01-01">x</time></aside>'
        '<div class="comments"><time datetime="2024-01-02">x</time></div>'
        '<article><header><time datetime="2023-04-05">x</time></header></article>'
    )
    assert meta(body=body).published == "2023-04-05"


def test_date_shown_as_text_in_date_markup() -> None:
    body = '<div class="entry-meta">Posted on <span class="posted-on">March 3rd, 2022</span></div>'
    assert meta(body=body).published == "2022-03-03"
    updated = '<span class="post-date">Updated May 1, 2022</span>'
    assert meta(body=updated).published is None
    infobox = '<table><tr><td><span class="published">1998-02-28</span></td></tr></table>'
    assert meta(body=infobox).published is None


def test_date_in_the_address_is_the_last_resort() -> None:
    url = "https://news.example/world/2023/04/05/story-title"
    assert meta(url=url).published == "2023-04-05"
    head = '<meta property="article:published_time" content="2023-04-04T23:00:00Z">'
    assert meta(head, url=url).published == "2023-04-04T23:00:00Z"
    assert meta(url="https://news.example/2023/13/45/x").published is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Posted on March 4th, 2020 by Ann", "2020-03-04"),
        ("5 April, 2023", "2023-04-05"),
        ("Sept. 12, 2019", "2019-09-12"),
        ("on 2023-01-02 at noon", "2023-01-02"),
        ("no date here 2020", None),
    ],
)
def test_date_in_text(text: str, day: str | None) -> None:
    assert metadata.date_in_text(text) == day


def test_an_update_time_element_gives_way_to_the_published_one() -> None:
    body = (
        '<time class="updated" datetime="2023-06-01">1 June</time>'
        '<time class="entry-date" datetime="2023-04-05">5 April</time>'
    )
    assert meta(body=body).published == "2023-04-05"
    only = '<time itemprop="dateModified" datetime="2023-06-01">1 June</time>'
    assert meta(body=only).published == "2023-06-01"
    both = '<time class="entry-date published updated" datetime="2023-04-05">5 April</time>'
    assert meta(body=both).published == "2023-04-05"
