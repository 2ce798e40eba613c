"""The page Reader was first built for (../shared/seed), through the loader and extract."""

import re
from pathlib import Path

import pytest

from reader.extract import extract
from reader.load import load

TITLE = "U.S., Russian diplomats exchange stern words ahead of Biden-Putin summit"


@pytest.fixture
def seed_article(seed_path: Path):  # type: ignore[no-untyped-def]
    pytest.importorskip("reader.load.files")
    return extract(load(str(seed_path)))


def test_seed_metadata(seed_article) -> None:  # type: ignore[no-untyped-def]
    assert seed_article.title == TITLE
    assert seed_article.published == "2021-05-19"
    assert seed_article.byline == "Nahal Toosi"
    assert seed_article.reading_minutes == 2
    assert seed_article.readerable


def test_seed_content_is_the_eleven_story_paragraphs(seed_article) -> None:  # type: ignore[no-untyped-def]
    html = seed_article.content_html
    paragraphs = re.findall(r"<p>(.*?)</p>", html, flags=re.S)
    assert len(paragraphs) == 11
    assert paragraphs[0].startswith("Secretary of State Antony Blinken warned")
    assert paragraphs[-1].startswith("Both countries have said")
    assert len(re.findall(r"<(\w+)", html)) == 12  # the wrapper div and the 11 <p>
    for junk in ("Oops", "went wrong", "try again", "min read", "Nahal Toosi", TITLE):
        assert junk not in html
        assert junk not in seed_article.text
