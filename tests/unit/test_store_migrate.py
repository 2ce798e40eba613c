"""Migrations: every older schema (built from the migration list) upgrades with its data;
a file from a newer Reader is refused untouched."""

import sqlite3
from pathlib import Path

import pytest

from reader.errors import StoreError
from reader.store import SCHEMA_VERSION, Library
from reader.store.migrate import MIGRATIONS, migrate
from reader.store.originals import repacked
from reader.store.ranking import story_score
from reader.store.same_article import text_key


def old_library(path: Path, version: int) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.create_function("reader_story_score", 2, story_score, deterministic=True)
    conn.create_function("reader_text_key", 1, text_key, deterministic=True)
    conn.create_function("reader_repack_original", 2, repacked, deterministic=True)
    assert migrate(conn, path, target=version) == version
    return conn


def fill_v1(conn: sqlite3.Connection) -> None:
    """Data as schema 1 (the minimal library) wrote it."""
    conn.execute(
        "INSERT INTO articles (id, source, origin, url, url_key, host, title, saved_at, opened_at)"
        " VALUES (1, 'a.html', '/x/a.html', 'https://e.com/a', 'https://e.com/a', 'e.com',"
        " 'Old article about lighthouses', 1000, 2000)"
    )
    conn.execute(
        "INSERT INTO articles (id, source, url, url_key, title, saved_at)"
        " VALUES (2, 'b.html', 'https://e.com/b', 'https://e.com/b', 'Second', 3000)"
    )
    conn.execute(
        "INSERT INTO article_bodies VALUES (1, '<p>Lighthouse keepers</p>', 'Lighthouse keepers')"
    )
    conn.execute("INSERT INTO article_bodies VALUES (2, '<p>Other</p>', 'Other')")
    conn.execute("INSERT INTO assets VALUES ('abc', 'image/png', x'89504e47')")
    conn.execute("INSERT INTO article_assets VALUES (1, 'img.png', 'abc')")
    conn.execute(
        "INSERT INTO stories (id, key, title, url) VALUES"
        " (1, 'u:https://n.com/s', 'Shared story', 'https://n.com/s'),"
        " (2, 't:untitled link', 'Untitled link', NULL),"
        " (3, 'u:https://e.com/b', 'Second', 'https://e.com/b')"
    )
    conn.execute(
        "INSERT INTO article_stories (article_id, position, story_id)"
        " VALUES (1, 0, 1), (1, 1, 2), (1, 2, 3), (2, 0, 1)"
    )


def maintain_v2_aggregates(conn: sqlite3.Connection) -> None:
    """What schema 2's writer keeps up to date as it saves (fill_v1 writes raw rows)."""
    conn.execute("UPDATE stories SET url_key = substr(key, 3) WHERE key LIKE 'u:%'")
    conn.execute(
        "UPDATE stories SET times_recommended = (SELECT count(*) FROM article_stories l"
        " WHERE l.story_id = stories.id), first_seen = (SELECT min(a.saved_at)"
        " FROM article_stories l JOIN articles a ON a.id = l.article_id"
        " WHERE l.story_id = stories.id), last_seen = (SELECT max(a.saved_at)"
        " FROM article_stories l JOIN articles a ON a.id = l.article_id"
        " WHERE l.story_id = stories.id)"
    )
    conn.execute("UPDATE stories SET score = reader_story_score(times_recommended, last_seen)")


def test_migration_list_is_consecutive() -> None:
    assert [step.version for step in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    for step in MIGRATIONS:
        assert step.sql().strip()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_migrates_from_every_older_schema(tmp_path: Path, version: int) -> None:
    path = tmp_path / "library.sqlite3"
    conn = old_library(path, version)
    if version >= 1:
        fill_v1(conn)
    if version >= 2:
        maintain_v2_aggregates(conn)
    conn.close()
    with Library(path) as library:
        assert library._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert library._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        library._conn.execute(
            "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
        )
        if version == 0:
            assert library.count() == 0
            return
        assert library.count() == 2
        stored = library.article(1)
        assert stored.article.title == "Old article about lighthouses"
        assert stored.opened_at is not None and not stored.starred
        assert library.asset(1, "img.png") == ("image/png", b"\x89PNG")
        assert [hit.id for hit in library.search("lighthouse*")] == [1]
        stories = {s.story.title: s for s in library.stories(1)}
        assert stories["Shared story"].times_recommended == 2
        assert stories["Untitled link"].times_recommended == 1
        assert stories["Second"].article_id == 2
        assert stories["Shared story"].first_seen is not None
        assert next(s.story.title for s in library.for_you()) == "Shared story"
        # And the migrated file keeps working for new saves.
        from reader.model import Article

        library.save(Article(source="c", title="New", content_html="<p>n</p>", text="n"))
        assert library.count() == 3


def test_fresh_library_equals_migrated_one(tmp_path: Path) -> None:
    def schema(path: Path) -> list[tuple[str, str]]:
        conn = sqlite3.connect(path)
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        ).fetchall()
        conn.close()
        return rows

    Library(tmp_path / "fresh.sqlite3").close()
    old_library(tmp_path / "old.sqlite3", 1).close()
    Library(tmp_path / "old.sqlite3").close()
    assert schema(tmp_path / "fresh.sqlite3") == schema(tmp_path / "old.sqlite3")


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    Library(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Library(path)
    message = str(caught.value)
    assert "newer Reader" in message
    assert f"schema {SCHEMA_VERSION + 3}, this Reader knows {SCHEMA_VERSION}" in message
    assert path.read_bytes() == before


def test_failed_migration_rolls_back(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    conn = old_library(path, 1)
    fill_v1(conn)
    conn.execute("CREATE TABLE article_tags (x)")  # a clash makes step 2 fail midway
    conn.close()
    with pytest.raises(StoreError):
        Library(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [row[1] for row in conn.execute("PRAGMA table_info(articles)")]
    assert "starred" not in columns
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    conn.close()


def test_words_broken_with_soft_hyphens_are_found_whole_once_upgraded(tmp_path: Path) -> None:
    """Schema 11 takes soft hyphens out of what the search index sees: a library kept
    before it finds "Wissen\u00adschaft" by "Wissenschaft" once it is opened."""
    path = tmp_path / "library.sqlite3"
    conn = old_library(path, 10)
    fill_v1(conn)
    conn.execute("UPDATE article_bodies SET text = 'Die Wissen\u00adschaft' WHERE article_id = 2")
    conn.close()

    with Library(path) as library:
        assert [hit.id for hit in library.search("Wissenschaft")] == [2]
        assert library.article(2).article.text == "Die Wissen\u00adschaft"
