"""Another reader's export into the library: every field Reader has a place for is kept
(state, tags, saved date as the library's date, published date, reading progress,
highlights and notes), bodies are read again by the extraction, addresses without text
wait in the fetch queue, and the same article is never doubled."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from test_exchange_formats import EXPORTS, zipped

from reader.service.importing import import_sources
from reader.store import Library, StoredArticle


def stored(library: Library, url: str) -> StoredArticle:
    article_id = library.find_by_url(url)
    assert article_id is not None, url
    return library.article(article_id)


def highlights(library: Library, url: str) -> list[tuple[str, str, bool]]:
    article_id = library.find_by_url(url)
    assert article_id is not None
    return [
        (mark.text, mark.note, mark.detached) for mark in library.article_highlights(article_id)
    ]


def day(stored_article: StoredArticle) -> str:
    return stored_article.saved_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def test_omnivore_keeps_text_state_dates_progress_labels_and_highlights(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        summary = import_sources([str(EXPORTS / "omnivore")], library, workers=1)
        assert (summary.added, summary.queued, summary.failed) == (2, 1, 0)
        assert summary.skipped == [
            (
                f"{EXPORTS / 'omnivore'}: metadata_0_to_3.json item 3",
                "an article note (Reader keeps notes on highlights)",
            )
        ]
        keepers = stored(library, "https://sea.example/keepers")
        article = keepers.article
        assert article.title == "The lighthouse keepers"
        assert "Wolf Rock light lived in shifts" in article.text
        assert (article.byline, article.published) == (
            "Morwenna Pascoe",
            "2023-12-24T00:00:00+00:00",
        )
        assert article.excerpt == "Life on a rock in the Atlantic."
        assert article.lead_image == "https://sea.example/lighthouse.jpg"
        assert (keepers.archived, keepers.read, keepers.starred) == (True, True, False)
        assert keepers.tags == ("sea", "History")
        assert day(keepers) == "2024-03-01 09:30:00"
        assert keepers.position == "100.0%"
        assert highlights(library, "https://sea.example/keepers") == [
            (
                "with the Atlantic breaking against the granite below them",
                "The image that stayed with me.",
                False,
            ),
            (
                "nothing but the lamp to tend through the long nights.\n"
                "They trimmed the wicks, wound the clockwork that turned the lens",
                "",
                False,
            ),
        ]
        trains = stored(library, "https://rail.example/night-trains")
        assert trains.article.text == "" and trains.position == "30.0%"
        assert library.fetch_state(library.find_by_url("https://rail.example/night-trains") or 0)
        assert day(trains) == "2024-04-02 08:00:00"
        roses = stored(library, "https://garden.example/roses")
        assert (roses.article.published, roses.tags) == ("2024-05-01", ("gardening",))


def test_wallabag_keeps_flags_author_language_and_annotations(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        summary = import_sources([str(EXPORTS / "wallabag.json")], library, workers=1)
        assert (summary.added, summary.queued) == (1, 1)
        keepers = stored(library, "https://sea.example/keepers")
        assert (keepers.starred, keepers.archived, keepers.read) == (True, True, True)
        assert keepers.tags == ("sea", "history")
        assert day(keepers) == "2021-06-01 08:15:00"
        assert keepers.article.published == "2021-05-30T00:00:00+00:00"
        assert (keepers.article.byline, keepers.article.lang) == ("Morwenna Pascoe", "en")
        (mark,) = library.article_highlights(keepers.id)
        assert (mark.text, mark.note, mark.detached) == (
            "lived in shifts of eight weeks",
            "Eight weeks at a time!",
            False,
        )
        assert mark.created_at == datetime(2021, 6, 1, 10, 0, tzinfo=UTC)
        assert mark.updated_at == datetime(2021, 6, 1, 10, 5, tzinfo=UTC)


def test_url_lists_keep_state_tags_dates_and_progress(tmp_path: Path) -> None:
    expected = {
        "instapaper.csv": {
            "https://sea.example/keepers": (True, False, False, (), "2022-04-15 05:20:00", None),
            "https://garden.example/roses": (
                False,
                False,
                False,
                ("Gardening", "flowers"),
                "2022-08-08 23:06:40",
                None,
            ),
        },
        "readwise.csv": {
            "https://rail.example/night-trains": (
                False,
                False,
                False,
                ("travel", "night's rest"),
                "2023-11-14 22:13:20",
                "42.0%",
            ),
            "https://food.example/crumb": (False, True, True, (), "2020-09-13 12:26:40", "100.0%"),
        },
        "bookmarks.html": {
            "https://sea.example/keepers": (
                False,
                False,
                True,
                ("Reading",),
                "2022-04-15 05:20:00",
                None,
            ),
        },
        "links.opml": {
            "https://rail.example/night-trains": (
                False,
                False,
                False,
                ("Travel",),
                "2023-11-14 22:13:20",
                None,
            ),
        },
        "pocket-2018.html": {
            "https://sea.example/keepers": (
                False,
                True,
                True,
                ("sea",),
                "2014-05-13 16:53:20",
                None,
            ),
        },
    }
    for name, articles in expected.items():
        with Library(tmp_path / f"{name}.sqlite3") as library:
            summary = import_sources([str(EXPORTS / name)], library, workers=1)
            assert summary.failed == 0 and summary.queued == library.count()
            for url, (starred, archived, read, tags, saved, position) in articles.items():
                kept = stored(library, url)
                got = (kept.starred, kept.archived, kept.read, kept.tags, day(kept), kept.position)
                assert got == (starred, archived, read, tags, saved, position), (name, url)


def test_instapaper_selection_is_the_excerpt_and_placeholders_show_their_site(
    tmp_path: Path,
) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        import_sources([str(EXPORTS / "instapaper.csv")], library, workers=1)
        trains = stored(library, "https://rail.example/night-trains")
        assert trains.article.excerpt == "Sleeper cars are returning."
        assert trains.article.site_name == "rail.example"
        assert trains.article.title == "Night trains are back"


def test_pocket_zip_highlights_wait_detached_for_their_text(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        export = zipped(EXPORTS / "pocket", tmp_path / "pocket.zip")
        summary = import_sources([str(export)], library, workers=1)
        assert (summary.queued, summary.added) == (5, 0)
        assert highlights(library, "https://rail.example/night-trains") == [
            ("Sleeper cars are returning to the timetables", "", True),
            ("the overnight journey is a quiet pleasure", "", True),
        ]
        untitled = stored(library, "https://untitled.example/page")
        assert untitled.article.title == "https://untitled.example/page"


def test_duplicates_merge_tags_united_earliest_date_kept_never_doubled(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        sources = [str(EXPORTS / name) for name in ("omnivore", "wallabag.json", "pocket")]
        first = import_sources(sources, library, workers=1)
        assert first.merged == 4
        assert library.count() == 6
        keepers = stored(library, "https://sea.example/keepers")
        # Omnivore: sea, History; wallabag: sea, history; Pocket: sea, history, Sea
        assert keepers.tags == ("sea", "History")
        assert day(keepers) == "2021-06-01 08:15:00"  # wallabag's, the earliest
        assert keepers.starred and keepers.archived  # set on one side, kept
        # Pocket's address carries utm_source: the same article all the same
        crumb = stored(library, "https://food.example/crumb")
        assert crumb.article.url == "https://food.example/crumb?utm_source=pocket"
        marks_before = len(library.highlights())
        again = import_sources(sources, library, workers=1)
        assert (again.added, again.queued, again.merged) == (0, 0, 10)
        assert library.count() == 6 and len(library.highlights()) == marks_before


def test_same_text_under_another_address_is_one_article(tmp_path: Path) -> None:
    body = "".join(
        f"<p>Paragraph {n} of a long story about harbours, ferries and the people who run "
        "them through the winter months when the sea is rough.</p>"
        for n in range(6)
    )
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    for path, url, tag in (
        (first, "https://a.example/x", "one"),
        (second, "https://b.example/y", "two"),
    ):
        entry = {"url": url, "title": "Harbours", "content": body, "is_archived": 0, "tags": [tag]}
        path.write_text(json.dumps([entry]), encoding="utf-8")
    with Library(tmp_path / "library.sqlite3") as library:
        import_sources([str(first), str(second)], library, workers=1)
        (row,) = library.articles()
        assert set(row.tags) == {"one", "two"}


def test_a_damaged_export_fails_alone_and_changes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "pocket.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("part_000000.csv", "title,url,time_added,tags,status\n")
        archive.writestr("annotations/part_000000.json", "[{not json")
    with Library(tmp_path / "library.sqlite3") as library:
        summary = import_sources([str(bad)], library, workers=1)
        assert summary.failures == [(str(bad), "annotations/part_000000.json: not valid JSON")]
        assert library.count() == 0
