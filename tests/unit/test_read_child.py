"""A big page is read in a child process (reader.service.read_child) and gives exactly the
article, and the errors, that reading it here gives; a small one is read here; a child
that fails leaves the page read here after all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.errors import LoadError
from reader.model import Page
from reader.service import child_process
from reader.service.child_process import ChildFailed
from reader.service.read_child import BIG_PAGE_CHARS, extract_apart, read_apart
from reader.service.reading import read_article


def article_page(paragraphs: int) -> str:
    body = "".join(
        f"<p>Paragraph {number} of the long story, told in plain words about the river, "
        f"the town by it and the people who lived there for a <a href='/n{number}'>while</a>."
        "</p>"
        for number in range(paragraphs)
    )
    return (
        "<html><head><title>The river town</title></head><body><nav><a href='/'>Home</a>"
        f"</nav><article><h1>The river town</h1>{body}</article></body></html>"
    )


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the child processes started (they still run for real)."""
    started: list[str] = []
    real = child_process.run_in_child

    def counting(work: Callable[..., object], **options: object) -> object:
        started.append(str(options.get("name")))
        return real(work, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(child_process, "run_in_child", counting)
    return started


def test_a_big_file_is_read_in_a_child_as_it_is_read_here(
    tmp_path: Path, children: list[str]
) -> None:
    page = tmp_path / "big.html"
    page.write_text(article_page(2000), encoding="utf-8")
    assert page.stat().st_size >= BIG_PAGE_CHARS
    assert read_apart(str(page)) == read_article(str(page))
    assert children == ["reader-read"]


def test_a_small_file_is_read_here(tmp_path: Path, children: list[str]) -> None:
    page = tmp_path / "small.html"
    page.write_text(article_page(20), encoding="utf-8")
    assert read_apart(str(page)) == read_article(str(page))
    assert children == []


def test_a_big_fetched_page_is_extracted_in_a_child(children: list[str]) -> None:
    from reader.service.site_rules import extract_page

    page = Page("https://example.org/river", article_page(2000), url="https://example.org/river")
    assert extract_apart(page) == extract_page(page)
    assert children == ["reader-read"]


def test_errors_come_back_as_read_here(tmp_path: Path, children: list[str]) -> None:
    page = tmp_path / "empty.html"
    page.write_text(" " * (BIG_PAGE_CHARS + 10), encoding="utf-8")
    with pytest.raises(LoadError) as here:
        read_article(str(page))
    with pytest.raises(LoadError) as apart:
        read_apart(str(page))
    assert str(apart.value) == str(here.value)
    assert children == ["reader-read"]


def test_a_failed_child_leaves_the_page_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(*_args: object, **_options: object) -> object:
        raise ChildFailed("the background process was killed before it finished")

    monkeypatch.setattr(child_process, "run_in_child", dies)
    page = tmp_path / "big.html"
    page.write_text(article_page(2000), encoding="utf-8")
    assert read_apart(str(page)) == read_article(str(page))
