"""The listening queue and listening positions in a real library file (schema 3)."""

from pathlib import Path

import pytest
from test_store_library import make_article

from reader.errors import StoreError
from reader.store import Library


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "library.sqlite3") as lib:
        yield lib


def saved(library: Library, *names: str) -> list[int]:
    return [library.save(make_article(name, url=f"https://example.com/{name}")) for name in names]


def test_queue_order_add_and_listen_next(library: Library) -> None:
    a, b, c = saved(library, "a", "b", "c")
    library.queue_to_listen(a)
    library.queue_to_listen(b)
    library.queue_to_listen(c, next_up=True)
    assert [row.id for row in library.listen_queue()] == [c, a, b]
    library.queue_to_listen(b, next_up=True)  # already queued: it moves, never doubles
    assert [row.id for row in library.listen_queue()] == [b, c, a]


def test_next_to_listen_takes_from_the_front(library: Library) -> None:
    a, b = saved(library, "a", "b")
    library.queue_to_listen(a)
    library.queue_to_listen(b)
    assert library.next_to_listen() == a
    assert library.next_to_listen() == b
    assert library.next_to_listen() is None


def test_deleted_articles_wait_hidden_and_come_back_on_undo(library: Library) -> None:
    a, b = saved(library, "a", "b")
    library.queue_to_listen(a)
    library.queue_to_listen(b)
    library.delete(a)
    assert [row.id for row in library.listen_queue()] == [b]
    library.restore(a)
    assert [row.id for row in library.listen_queue()] == [a, b]
    library.unqueue(a)
    library.clear_listen_queue()
    assert library.listen_queue() == []


def test_a_purged_article_leaves_the_queue(library: Library) -> None:
    (a,) = saved(library, "a")
    library.queue_to_listen(a)
    library.delete(a)
    library._purge_deleted(older_than=-1)
    assert library._conn.execute("SELECT count(*) FROM listen_queue").fetchone()[0] == 0


def test_listen_position_is_kept_per_article(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        a, b = saved(library, "a", "b")
        assert library.listen_position(a) is None
        library.save_listen_position(a, 1234)
        library.save_listen_position(b, -5)
    with Library(path) as library:
        assert library.listen_position(a) == 1234
        assert library.listen_position(b) == 0
        library.save_listen_position(a, None)
        assert library.listen_position(a) is None


def test_unknown_articles_are_one_line_errors(library: Library) -> None:
    with pytest.raises(StoreError, match="no article 99"):
        library.queue_to_listen(99)
    with pytest.raises(StoreError, match="no article 99"):
        library.save_listen_position(99, 3)
    assert library.listen_queue() == []
