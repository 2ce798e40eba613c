"""What no stage of extraction reads is left out of the page extraction reads and the
library keeps (reader.extract.unread): executable script code, style rules that hide
nothing, comment text, drawings' path data, event-handler code. Everything extraction
reads stays whole; leaving it out twice changes nothing more (so a kept original
extracts as the loaded page did)."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.extract import extract
from reader.extract.unread import without_unread
from reader.load import load
from reader.model import Page


def code_out(html: str) -> str:
    return without_unread(html, frozenset({"code"}))


SHARED = Path(os.environ.get("READER_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
CODE = "var tracker = loadAds(); document.write('<div>ad</div>');"
LD = '{"@type": "NewsArticle", "headline": "Seals return", "author": {"name": "Ann Reed"}}'
STATE = 'window.__INITIAL_STATE__ = {"related": [{"title": "Gulls", "url": "/gulls"}]};'
TEMPLATE = "<p>{{ comment.body }}</p>"


def six_paragraphs(sentence: str) -> str:
    """A story long enough for extraction to take it as the article."""
    return "".join(f"<p>Paragraph {n}: {sentence}</p>" for n in range(6))


def page_with_scripts() -> str:
    story = six_paragraphs(
        "the grey seals came back to the estuary this spring, and the"
        " volunteers of the trust counted them from the dunes every morning at low tide."
    )
    return (
        f"<html><head><title>Seals return</title><script>{CODE}</script>"
        f"<script type='application/ld+json'>{LD}</script>"
        f"<SCRIPT type=text/javascript async>{CODE}</SCRIPT>"
        f"<script type='module'>import {{x}} from './x.js';</script></head>"
        f"<body><article><h1>Seals return</h1>{story}</article>"
        f"<script>{STATE}</script><script type='text/x-template' id='c'>{TEMPLATE}</script>"
        f"<script src='/app.js'></script></body></html>"
    )


def test_only_the_code_a_browser_would_run_is_left_out() -> None:
    html = page_with_scripts()
    kept = code_out(html)
    assert CODE not in kept and "import {x}" not in kept
    assert LD in kept and STATE in kept and TEMPLATE in kept
    # the elements stay (empty), and nothing outside them changes
    assert kept.lower().count("<script") == html.lower().count("<script") == 7
    assert whole_scripts_out(kept) == whole_scripts_out(html)


def whole_scripts_out(html: str) -> str:
    return re.sub(r"(?is)<script\b[^>]*>.*?</script>", "", html)


def test_an_unclosed_script_is_kept_as_the_parser_reads_it() -> None:
    html = "<html><body><p>Story</p><script>var a = 1; <p>not closed"
    assert code_out(html) == html


def test_where_the_parser_may_end_a_script_later_the_page_is_kept_as_it_came() -> None:
    """``<!--`` in script data (HTML's escaped states): the parser's end may be a later
    ``</script>`` than the first; from that script on nothing is left out."""
    html = (
        "<html><body><script>var a = 1;</script><p>Story</p>"
        "<script><!-- document.write('<script>x()</script>'); //--></script><p>More</p>"
        "<script>var b = 2;</script></body></html>"
    )
    kept = code_out(html)
    assert "var a = 1;" not in kept
    assert kept.endswith(html[html.index("<script><!--") :])
    import lxml.html

    texts = [p.text for p in lxml.html.document_fromstring(kept).iter("p")]
    assert texts == ["Story", "More"]  # no script text leaks into the page


def test_a_script_ends_only_at_a_real_end_tag() -> None:
    html = "<html><body><script>a = '</scripts>'; b = 1;</script><p>Story</p></body></html>"
    assert code_out(html) == "<html><body><script></script><p>Story</p></body></html>"


def test_a_page_without_scripts_is_the_same_string() -> None:
    html = "<html><body><p>Just a story.</p></body></html>"
    assert code_out(html) is html


MARKUPISH = "<>/!-script=style svg d on \t\n'abc\"typemodule_STATEwindow.__INITIAL_STATE__{}:;"


@given(st.text(alphabet=MARKUPISH, max_size=300))
def test_leaving_the_unread_out_twice_changes_nothing_more(html: str) -> None:
    once = without_unread(html)
    assert without_unread(once) == once


def test_the_article_and_its_kept_original_extract_alike() -> None:
    page = Page(source="https://gazette.example/seals", html=page_with_scripts(), url=None)
    article = extract(page)
    assert article.original is not None and CODE not in article.original.html
    assert extract(article.original) == article
    assert article.byline == "Ann Reed"  # JSON-LD still read
    assert CODE not in article.text


@pytest.mark.parametrize("pattern", ["mozilla/*/source.html", "dragnet/*.html"])
def test_corpus_pages_extract_again_from_their_original_as_loaded(pattern: str) -> None:
    pages = sorted((SHARED / "corpus").glob(pattern))[::15]
    if not pages:
        pytest.skip("corpus not available (set READER_SHARED_DIR)")
    for path in pages:
        article = extract(load(str(path)))
        assert article.original is not None
        assert extract(article.original) == article, path


WIDE_RULES = "".join(
    f".card-{n}{{margin:{n}px;color:#{n:03d};background:url(data:image/png;base64,{'A' * 80})}}"
    for n in range(60)
)
HIDING_RULE = ".css-1dv1kvn{clip:rect(0 0 0 0);height:1px;width:1px;position:absolute}"
ICON_PATH = "M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2z" * 20


def page_with_unread_parts() -> str:
    story = six_paragraphs(
        "the harbour seals hauled out on the sandbank again, and the"
        " wardens counted them from the sea wall every morning before the tide turned."
    )
    return (
        f"<html><head><title>Seals haul out</title><style>{WIDE_RULES}{HIDING_RULE}</style>"
        "<!-- build 4711: served by edge-7 in 12 ms --></head><body>"
        "<button onclick=\"track('share'); openShare(this)\" title='say onclick=\"x\"'>"
        f"Share</button><svg class='icon' viewBox='0 0 24 24'><path d='{ICON_PATH}'/></svg>"
        f"<article><h1>Seals haul out</h1><figure><img src='/seal.jpg' alt='A seal'>"
        "<figcaption><span class='css-1dv1kvn'>Image credit</span>Ann Reed</figcaption>"
        f"</figure>{story}<!--[if IE]><p>Old browser</p><![endif]-->"
        "<textarea><!-- kept as typed --></textarea></article></body></html>"
    )


def test_only_what_extraction_reads_is_kept() -> None:
    html = page_with_unread_parts()
    kept = without_unread(html)
    assert len(kept) < len(html) / 3
    assert f"<style>{HIDING_RULE}</style>" in kept  # hidden.py's rule, nothing else
    assert "<!---->" in kept and "build 4711" not in kept and "Old browser" not in kept
    assert "<textarea><!-- kept as typed --></textarea>" in kept  # text, not a comment
    assert "<path d=''/>" not in kept and '<path d=""/>' in kept
    assert 'onclick=""' in kept and "title='say onclick=\"x\"'" in kept
    assert ICON_PATH not in kept and "openShare" not in kept
    import lxml.html

    def shape(markup: str) -> list[tuple[str, list[str], str]]:
        tree = lxml.html.document_fromstring(markup)
        return [
            (str(e.tag), sorted(e.attrib), (e.text or "") if e.tag not in ("style",) else "")
            for e in tree.iter()
            if isinstance(e.tag, str)
        ]

    assert shape(kept) == shape(html)  # every element, attribute name and word stays


def test_the_article_is_the_one_the_page_as_it_came_gives(monkeypatch) -> None:
    from reader.extract import pipeline

    page = Page(source="https://gazette.example/haul-out", html=page_with_unread_parts(), url=None)
    article = extract(page)
    assert article.original is not None and extract(article.original) == article
    assert "Image credit" not in article.text  # the kept rule still hides it
    monkeypatch.setattr(pipeline, "without_unread", lambda html: html)
    assert replace(pipeline.extract(page), original=None) == replace(article, original=None)


def test_style_text_beyond_what_extraction_reads_keeps_the_sheets_whole() -> None:
    """hidden.py reads at most STYLE_CHARS_MAX characters of CSS: shortening sheets on
    such a page would let it read further, so they stay as they came."""
    from reader.extract.leftovers.hidden import STYLE_CHARS_MAX

    rules = WIDE_RULES * (STYLE_CHARS_MAX // len(WIDE_RULES) + 1)
    html = f"<html><head><style>{rules}</style></head><body><p>Story</p></body></html>"
    assert without_unread(html) == html


def test_an_unclosed_comment_keeps_the_rest_of_the_page() -> None:
    html = "<html><body><p onclick='a()'>Story</p><!-- open <p onclick='b()'>More</p>"
    kept = without_unread(html)
    assert kept.endswith("<!-- open <p onclick='b()'>More</p>") and "a()" not in kept


@pytest.mark.parametrize(
    ("html", "kept"),
    [
        # a handler after a plain attribute, a value that only mentions one, a slash
        (
            "<p class='x' title='a/on' onclick='go()'>S</p>",
            "<p class='x' title='a/on' onclick=\"\">S</p>",
        ),
        (
            "<a href=/one/two>S</a><b\nonmouseover=x>T</b>",
            '<a href=/one/two>S</a><b\nonmouseover="">T</b>',
        ),
        # an end tag's name runs to the next space or ">": the comment in it is no comment
        ("</div<!--x-->y<!-- z -->", "</div<!--x-->y<!---->"),
        # a drawing ends at its end tag in any case, and only path data inside it is emptied
        ("<svg><path d='M1'/></SVG ><p d='k'>S</p>", "<svg><path d=\"\"/></SVG ><p d='k'>S</p>"),
        # a tag that is not well formed is read up to its name, as before
        ('<a b"<!-- c -->">S</a>', '<a b"<!---->">S</a>'),
        ("<title><!-- kept --></title><!-- gone -->", "<title><!-- kept --></title><!---->"),
    ],
)
def test_tags_are_read_as_the_parser_reads_them(html: str, kept: str) -> None:
    """The scan passes over the text and tags it leaves alone in one step (tests/
    benchmarks/import_speed.py); what it reads there is what it read tag by tag."""
    assert without_unread(html, frozenset({"comments", "drawings", "handlers"})) == kept
