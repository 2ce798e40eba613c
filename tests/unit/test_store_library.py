"""The Library API on a real SQLite file: save, get, dedupe, update, state, assets, delete."""

from pathlib import Path

import pytest

from reader.errors import StoreError
from reader.model import Article, Asset, Story
from reader.store import Library


def make_article(
    title: str = "A quiet morning",
    url: str | None = "https://example.com/quiet",
    text: str = "The river was calm and the birds sang over the water.",
    **extra: object,
) -> Article:
    values: dict[str, object] = {
        "source": "quiet.html",
        "title": title,
        "content_html": f"<p>{text}</p>",
        "text": text,
        "url": url,
        "byline": "Ada Writer",
        "published": "2024-03-01",
        "site_name": "Example News",
        "word_count": len(text.split()),
        "reading_minutes": 1,
    }
    values.update(extra)
    return Article(**values)  # type: ignore[arg-type]


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "lib" / "library.sqlite3") as lib:
        yield lib


def test_default_path_follows_data_dir(data_dir: Path) -> None:
    with Library() as lib:
        assert lib.path == data_dir / "library.sqlite3"
    assert (data_dir / "library.sqlite3").exists()


def test_pragmas(library: Library) -> None:
    conn = library._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_save_and_get_round_trip(library: Library) -> None:
    article = make_article(lang="en", excerpt="calm river", lead_image="img/a.png")
    article_id = library.save(article)
    stored = library.article(article_id)
    assert stored.id == article_id
    assert stored.article.title == article.title
    assert stored.article.text == article.text
    assert stored.article.content_html == article.content_html
    assert stored.article.byline == "Ada Writer"
    assert stored.article.published == "2024-03-01"
    assert stored.article.lang == "en"
    assert stored.article.lead_image == "img/a.png"
    assert stored.saved_at.tzinfo is not None
    assert stored.opened_at is None
    assert not (stored.starred or stored.archived or stored.read)
    assert stored.tags == () and stored.position is None


def test_missing_article_is_a_store_error(library: Library) -> None:
    with pytest.raises(StoreError, match="no article 42"):
        library.article(42)
    with pytest.raises(StoreError):
        library.set_starred(42, True)


def test_same_url_updates_and_keeps_id_and_state(library: Library) -> None:
    first = library.save(make_article(url="https://Example.com/quiet/?utm_source=mail#top"))
    library.set_starred(first, True)
    library.save_position(first, "p:12:40")
    result = library.save_result(make_article(text="A new version of the text."))
    assert result.id == first and result.status == "updated"
    stored = library.article(first)
    assert stored.article.text == "A new version of the text."
    assert stored.starred and stored.position == "p:12:40"
    assert library.count() == 1


def test_same_origin_updates(library: Library) -> None:
    first = library.save(make_article(url=None), origin="/saved/page.html")
    second = library.save(make_article(url=None, title="Renamed"), origin="/saved/page.html")
    assert first == second
    assert library.article(first).article.title == "Renamed"
    other = library.save(make_article(url=None), origin="/saved/other.html")
    assert other != first


def test_unchanged_save_writes_nothing(library: Library) -> None:
    article = make_article()
    assert library.save_result(article).status == "added"
    moved = make_article(source="elsewhere/quiet.html")  # the source spelling is no change
    assert library.save_result(moved).status == "unchanged"
    assert library.count() == 1


def test_list_filters_sorts_and_count(library: Library) -> None:
    ids = [
        library.save(make_article(title=title, url=f"https://e.com/{n}", published=date))
        for n, (title, date) in enumerate(
            [("banana", "2020-01-01"), ("Apple", "2023-01-01"), ("cherry", None)]
        )
    ]
    assert [row.id for row in library.articles()] == ids[::-1]
    assert [row.title for row in library.articles(sort="title")] == ["Apple", "banana", "cherry"]
    assert [row.title for row in library.articles(sort="published")] == [
        "Apple",
        "banana",
        "cherry",
    ]
    library.set_starred(ids[0], True)
    library.set_archived(ids[1], True)
    library.set_read(ids[2], True)
    assert [row.id for row in library.articles(filter="starred")] == [ids[0]]
    assert [row.id for row in library.articles(filter="archived")] == [ids[1]]
    assert {row.id for row in library.articles(filter="unread")} == {ids[0], ids[1]}
    assert library.count() == 3 and library.count("starred") == 1
    assert [row.id for row in library.articles(limit=1, offset=1)] == [ids[1]]
    library.set_tags(ids[2], ["Science", " science ", "", "long reads"])
    assert library.article(ids[2]).tags == ("Science", "long reads")
    assert [row.id for row in library.articles(tag="science")] == [ids[2]]
    assert library.tags() == [("long reads", 1), ("Science", 1)]
    with pytest.raises(StoreError):
        library.articles(filter="nonsense")
    with pytest.raises(StoreError):
        library.articles(sort="nonsense")


def test_opened_and_last_opened(library: Library) -> None:
    assert library.last_opened() is None
    first = library.save(make_article(url="https://e.com/1"))
    second = library.save(make_article(url="https://e.com/2"))
    library.mark_opened(second)
    library.mark_opened(first)
    assert library.last_opened() == first
    assert library.article(first).opened_at is not None


def test_find_by_url_normalizes(library: Library) -> None:
    article_id = library.save(make_article(url="https://example.com/quiet"))
    assert library.find_by_url("HTTPS://EXAMPLE.com/quiet/?utm_campaign=x") == article_id
    assert library.find_by_url("https://example.com/other") is None


def test_assets_round_trip_and_dedupe(library: Library) -> None:
    png = Asset("page_files/pic%201.png", "image/png", b"\x89PNG fake")
    first = library.save(make_article(url="https://e.com/1", assets=(png,)))
    library.save(make_article(url="https://e.com/2", assets=(png,)))
    assert library.asset(first, "page_files/pic%201.png") == ("image/png", b"\x89PNG fake")
    assert library.asset(first, "page_files/pic 1.png") == ("image/png", b"\x89PNG fake")
    assert library.asset(first, "file:///tmp/page_files/pic%201.png") is not None
    assert library.asset(first, "missing.png") is None
    conn = library._conn
    assert conn.execute("SELECT count(*) FROM assets").fetchone()[0] == 1
    # An update without the image drops the link; the shared blob stays for article 2.
    library.save(make_article(url="https://e.com/1", text="changed"))
    assert library.asset(first, "page_files/pic%201.png") is None
    assert conn.execute("SELECT count(*) FROM assets").fetchone()[0] == 1


def test_delete_and_restore(library: Library) -> None:
    article_id = library.save(make_article(recommended=(Story("Next read", "https://e.com/next"),)))
    library.delete(article_id)
    assert library.count() == 0
    assert library.articles() == []
    assert library.search("river") == []
    assert library.for_you() == []
    with pytest.raises(StoreError):
        library.article(article_id)
    library.restore(article_id)
    assert library.article(article_id).article.title == "A quiet morning"
    assert [s.times_recommended for s in library.for_you()] == [1]


def test_saving_a_deleted_article_again_revives_it(library: Library) -> None:
    article_id = library.save(make_article())
    library.delete(article_id)
    assert library.save_result(make_article()).id == article_id
    assert library.count() == 1


def test_purge_after_undo_window(library: Library) -> None:
    pic = Asset("a.png", "image/png", b"only here")
    article_id = library.save(make_article(assets=(pic,)))
    library.delete(article_id)
    library._purge_deleted(older_than=-1)
    conn = library._conn
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM assets").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 0
    with pytest.raises(StoreError):
        library.restore(article_id)


def test_fts_index_stays_consistent(library: Library) -> None:
    ids = [library.save(make_article(url=f"https://e.com/{n}")) for n in range(5)]
    library.save(make_article(url="https://e.com/1", title="New title", text="Other words"))
    library.set_tags(ids[2], ["x"])
    library.delete(ids[3])
    library._purge_deleted(older_than=-1)
    library._conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
    )
    assert [hit.id for hit in library.search("other")] == [ids[1]]


def test_library_usable_from_another_thread(library: Library) -> None:
    import threading

    article_id = library.save(make_article())
    seen: list[str] = []
    thread = threading.Thread(target=lambda: seen.append(library.article(article_id).article.title))
    thread.start()
    thread.join()
    assert seen == ["A quiet morning"]
