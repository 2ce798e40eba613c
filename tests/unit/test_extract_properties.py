"""Hostile input to extract(): only Reader's own errors may come out, never a crash.

Contract for empty input: a blank page (no characters, only whitespace, only comments)
raises ExtractError("the page is empty"); markup with no readable text gives an Article
with readerable=False and empty text.
"""

from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ExtractError, ReaderError
from reader.extract import extract
from reader.model import Article, Page

PAGES = Path(__file__).resolve().parent.parent / "pages"
SAMPLE = (PAGES / "news-jsonld" / "source.html").read_bytes()
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_nothing_runs(content_html: str) -> None:
    """No script element and no javascript: address survive; the words may still be shown.

    A page's text may quote markup (an unclosed <iframe> turns the rest of the page into
    text), so the check reads the article's elements and attributes, not its characters.
    """
    tree = lxml.html.fragment_fromstring(content_html or "<p></p>", create_parent="div")
    assert not tree.xpath("//script")
    for element in tree.iter():
        for value in element.attrib.values():
            address = "".join(ch for ch in value if ch > " ").lower()
            assert not address.startswith("javascript:"), value


def run(html: str, url: str | None = "https://s.example/a/b.html") -> Article | None:
    try:
        return extract(Page(source="prop", html=html, url=url))
    except ReaderError as error:
        assert str(error) and "\n" not in str(error)
        return None


@pytest.mark.parametrize("html", ["", "   \n\t ", "\x00\x00", "<!-- only a comment -->"])
def test_blank_page_is_a_clear_error(html: str) -> None:
    with pytest.raises(ExtractError):
        extract(Page(source="blank", html=html))


@pytest.mark.parametrize("html", ["<html></html>", "<p></p>", "<br>", "<title>T</title>"])
def test_markup_without_text_is_a_clear_error(html: str) -> None:
    """An article that would come out empty is an error, never a blank page (issue 10)."""
    with pytest.raises(ExtractError, match="no article text"):
        extract(Page(source="shell", html=html))


def test_ten_thousand_deep_nesting() -> None:
    html = "<div>" * 10_000 + "deep text here" + "</div>" * 10_000
    run(html)
    run("<p><b><i>" * 5_000 + "x")


def test_huge_attributes_and_whitespace() -> None:
    big = "x" * 2_000_000
    run(
        f'<html><body><p class="{big}" title="{big}">Hello there.</p>'
        f'<img src="{big}"></body></html>'
    )
    run("<p>" + " " * 3_000_000 + "word</p>")


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes_decoded_with_replace(data: bytes) -> None:
    run(data.decode("utf-8", "replace"))


@SETTINGS
@given(st.integers(min_value=0, max_value=len(SAMPLE)), st.binary(max_size=64))
def test_truncated_and_corrupted_page(cut: int, noise: bytes) -> None:
    mutated = SAMPLE[:cut] + noise + SAMPLE[cut : cut + 200]
    run(mutated.decode("utf-8", "replace"))
    run(SAMPLE[:cut].decode("latin-1"))


TAGS = st.sampled_from(
    [
        "p",
        "div",
        "span",
        "a",
        "img",
        "table",
        "tr",
        "td",
        "ul",
        "li",
        "pre",
        "code",
        "script",
        "style",
        "iframe",
        "noscript",
        "svg",
        "math",
        "article",
        "section",
        "figure",
        "figcaption",
        "blockquote",
        "base",
        "meta",
        "time",
        "h1",
        "form",
    ]
)
ATTRS = st.sampled_from(
    [
        'href="javascript:x()"',
        'src="data:image/png;base64,AA"',
        'class="byline"',
        "hidden",
        'style="display:none"',
        'srcset="a.jpg 1x, b.jpg 2x"',
        'data-src="/l.jpg"',
        'href="../x"',
        'href="http://[::1"',
        'datetime="2020-99-99"',
        'rel="author"',
        'itemprop="author"',
        "",
    ]
)


@st.composite
def markup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(f"<{draw(TAGS)} {draw(ATTRS)}>")
        elif kind == 1:
            parts.append(f"</{draw(TAGS)}>")
        else:
            parts.append(draw(st.text(max_size=80)))
    return "".join(parts)


@SETTINGS
@given(markup(), st.sampled_from([None, "https://s.example/a", "not a url", "http://[::1"]))
def test_random_markup(html: str, url: str | None) -> None:
    article = run(html, url)
    if article is not None:
        assert_nothing_runs(article.content_html)


QUOTED_MARKUP_PAGE = (
    "<html><body><article><h1>Writing safe pages</h1>"
    + "<p>Never write a link as href=&quot;javascript:x()&quot; in a page you publish, "
    "because a reader that follows it runs whatever the address says instead of "
    "opening another page, and the people who read you deserve better than that.</p>"
    * 4
    + '<p>Here is <a href="javascript:steal()">a link that runs code</a> and '
    '<a href=" JaVaScRiPt:steal()">another</a> hidden among the words of the story.</p>'
    "</article></body></html>"
)


def test_quoted_script_addresses_stay_words_and_live_ones_go() -> None:
    article = run(QUOTED_MARKUP_PAGE)
    assert article is not None
    assert 'href="javascript:x()"' in article.text
    assert "a link that runs code" in article.text
    assert_nothing_runs(article.content_html)
