"""Executable script code is left out of the page extraction reads and the library keeps
(reader.extract.scripts); every script extraction reads stays whole; leaving it out twice
changes nothing more (so a kept original extracts as the loaded page did)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.extract import extract
from reader.extract.scripts import without_code
from reader.load import load
from reader.model import Page

SHARED = Path(os.environ.get("READER_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
CODE = "var tracker = loadAds(); document.write('<div>ad</div>');"
LD = '{"@type": "NewsArticle", "headline": "Seals return", "author": {"name": "Ann Reed"}}'
STATE = 'window.__INITIAL_STATE__ = {"related": [{"title": "Gulls", "url": "/gulls"}]};'
TEMPLATE = "<p>{{ comment.body }}</p>"


def page_with_scripts() -> str:
    story = "".join(
        f"<p>Paragraph {n}: the grey seals came back to the estuary this spring, and the"
        " volunteers of the trust counted them from the dunes every morning at low tide.</p>"
        for n in range(6)
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
    kept = without_code(html)
    assert CODE not in kept and "import {x}" not in kept
    assert LD in kept and STATE in kept and TEMPLATE in kept
    # the elements stay (empty), and nothing outside them changes
    assert kept.lower().count("<script") == html.lower().count("<script") == 7
    assert whole_scripts_out(kept) == whole_scripts_out(html)


def whole_scripts_out(html: str) -> str:
    return re.sub(r"(?is)<script\b[^>]*>.*?</script>", "", html)


def test_an_unclosed_script_is_kept_as_the_parser_reads_it() -> None:
    html = "<html><body><p>Story</p><script>var a = 1; <p>not closed"
    assert without_code(html) == html


def test_where_the_parser_may_end_a_script_later_the_page_is_kept_as_it_came() -> None:
    """``<!--`` in script data (HTML's escaped states): the parser's end may be a later
    ``</script>`` than the first; from that script on nothing is left out."""
    html = (
        "<html><body><script>var a = 1;</script><p>Story</p>"
        "<script><!-- document.write('<script>x()</script>'); //--></script><p>More</p>"
        "<script>var b = 2;</script></body></html>"
    )
    kept = without_code(html)
    assert "var a = 1;" not in kept
    assert kept.endswith(html[html.index("<script><!--") :])
    import lxml.html

    texts = [p.text for p in lxml.html.document_fromstring(kept).iter("p")]
    assert texts == ["Story", "More"]  # no script text leaks into the page


def test_a_script_ends_only_at_a_real_end_tag() -> None:
    html = "<html><body><script>a = '</scripts>'; b = 1;</script><p>Story</p></body></html>"
    assert without_code(html) == "<html><body><script></script><p>Story</p></body></html>"


def test_a_page_without_scripts_is_the_same_string() -> None:
    html = "<html><body><p>Just a story.</p></body></html>"
    assert without_code(html) is html


SCRIPTISH = "<>/script= 'abc\"typemodule_STATEwindow.__INITIAL_STATE__{}"


@given(st.text(alphabet=SCRIPTISH, max_size=200))
def test_leaving_the_code_out_twice_changes_nothing_more(html: str) -> None:
    once = without_code(html)
    assert without_code(once) == once


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
