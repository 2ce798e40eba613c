"""Whole-pipeline checks on the small pages in tests/pages/<slug>/ (written for Reader).

Each folder holds source.html and expected.json: must_contain / must_not_contain snippets
(searched in content_html) and the expected metadata of the Article.
"""

import json
import re
from pathlib import Path

import pytest

from reader.extract import extract
from reader.model import Page

PAGES = Path(__file__).resolve().parent.parent / "pages"
SLUGS = sorted(p.name for p in PAGES.iterdir() if (p / "source.html").is_file())


def _run(slug: str) -> tuple[dict, object]:
    folder = PAGES / slug
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    html = (folder / "source.html").read_bytes().decode("utf-8", "replace")
    page = Page(source=f"{slug}/source.html", html=html, url=expected.get("page_url"))
    return expected, extract(page)


@pytest.mark.parametrize("slug", SLUGS)
def test_page_snippets(slug: str) -> None:
    expected, article = _run(slug)
    html = article.content_html
    for snippet in expected["must_contain"]:
        assert snippet in html, f"{slug}: missing {snippet!r}"
    for snippet in expected["must_not_contain"]:
        assert snippet.lower() not in html.lower(), f"{slug}: still has {snippet!r}"


@pytest.mark.parametrize("slug", SLUGS)
def test_page_metadata(slug: str) -> None:
    expected, article = _run(slug)
    data = article.to_json()
    for key, value in expected["metadata"].items():
        if key == "paragraphs":
            assert len(re.findall(r"<p[ >]", article.content_html)) == value
        else:
            assert data[key] == value, f"{slug}: {key}"
    if "url" in expected:
        assert article.url == expected["url"]


@pytest.mark.parametrize("slug", SLUGS)
def test_page_text_is_plain(slug: str) -> None:
    _, article = _run(slug)
    assert "<" not in article.text or "&lt;" not in article.text
    assert article.word_count == len(re.findall(r"\w+", article.text)) or article.word_count > 0
    assert article.reading_minutes >= 1
