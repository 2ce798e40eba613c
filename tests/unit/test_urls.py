"""reader.urls: one spelling per story address (store dedupe) and browser-like resolution."""

from __future__ import annotations

import pytest

from reader.urls import normalize_url, resolve


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("HTTPS://Example.COM/a/b", "https://example.com/a/b"),
        ("https://example.com/a/b/", "https://example.com/a/b"),
        ("https://example.com/a#section-2", "https://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a?utm_source=x&utm_medium=y&id=3", "https://example.com/a?id=3"),
        ("https://example.com/a?fbclid=abc", "https://example.com/a"),
        ("https://example.com/a?gclid=1&mc_cid=2&mc_eid=3&ref=tw", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com/a?UTM_Campaign=z", "https://example.com/a"),
        ("  https://example.com/a  ", "https://example.com/a"),
        ("https://example.com./a", "https://example.com/a"),
    ],
)
def test_same_story_same_key(left: str, right: str) -> None:
    assert normalize_url(left) == normalize_url(right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("https://example.com/a", "http://example.com/a"),  # scheme is kept
        ("https://example.com/a?id=1", "https://example.com/a?id=2"),
        ("https://example.com/A", "https://example.com/a"),  # paths are case-sensitive
        ("https://example.com:8443/a", "https://example.com/a"),
        ("https://www.example.com/a", "https://example.com/a"),
    ],
)
def test_different_stories_differ(left: str, right: str) -> None:
    assert normalize_url(left) != normalize_url(right)


def test_normalize_is_idempotent_and_never_raises() -> None:
    for url in [
        "https://example.com/a/?b=1&utm_x=2#f",
        "http://[::1",
        "",
        "not a url",
        "mailto:x@y",
    ]:
        once = normalize_url(url)
        assert normalize_url(once) == once
    assert normalize_url("http://[::1") == "http://[::1"


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        (
            "/news/a-1.html",
            "https://site.example/x/page.html",
            "https://site.example/news/a-1.html",
        ),
        ("b.html", "https://site.example/x/page.html", "https://site.example/x/b.html"),
        ("../b.html", "https://site.example/x/y/page.html", "https://site.example/x/b.html"),
        ("//cdn.example/img.png", "https://site.example/", "https://cdn.example/img.png"),
        ("?page=2", "https://site.example/list?page=1", "https://site.example/list?page=2"),
        ("#top", "https://site.example/a", "https://site.example/a#top"),
        ("", "https://site.example/a", "https://site.example/a"),
        ("  /a\n/b\t.html ", "https://site.example/", "https://site.example/a/b.html"),
        ("HTTPS://Site.Example/A", None, "https://site.example/A"),
        ("https://other.example/a", "https://site.example/", "https://other.example/a"),
    ],
)
def test_resolve_like_a_browser(href: str, base: str | None, expected: str) -> None:
    assert resolve(href, base) == expected


@pytest.mark.parametrize(
    ("href", "base"),
    [
        ("javascript:void(0)", "https://site.example/"),
        ("mailto:editor@site.example", "https://site.example/"),
        ("data:text/html,hi", "https://site.example/"),
        ("ftp://files.example/a", "https://site.example/"),
        ("/relative/without/base", None),
        ("", None),
        ("http://[::1/broken", "https://site.example/"),
        ("https://site.example:99999/a", None),
    ],
)
def test_resolve_refuses_non_web_links(href: str, base: str | None) -> None:
    assert resolve(href, base) is None
