"""Moving out and back in: Reader's own export restores a library field by field (the
article, its pictures, state, tags, dates, positions, listening queue, highlights, read
stories); wallabag JSON and bookmarks carry what those formats hold into another reader
(here: into Reader again, through the importers of step 1)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from export_library import article, build

from reader.errors import ReaderError
from reader.model import Page
from reader.service.exporting import chosen_ids, export
from reader.service.importing import import_sources
from reader.store import Library


def snapshot(library: Library) -> dict[str, dict[str, Any]]:
    """Everything a person would miss, per article address (ids may differ)."""
    result: dict[str, dict[str, Any]] = {}
    for article_id in library.article_ids():
        stored = library.article(article_id)
        key = stored.article.url or stored.article.source
        result[key] = {
            "article": stored.article.to_json(),
            "stories_image": [story.image for story in stored.article.recommended],
            "assets": sorted(
                (asset.url, asset.media_type, asset.sha256)
                for asset in library.article_assets(article_id)
            ),
            "state": (stored.starred, stored.archived, stored.read),
            "tags": stored.tags,
            "saved_at": stored.saved_at,
            "opened_at": stored.opened_at,
            "updated_at": stored.updated_at,
            "origin": stored.origin,
            "position": stored.position,
            "listen": (library.listen_position(article_id), library.listen_rank(article_id)),
            "read_stories": sorted(
                item.story.title for item in library.stories(article_id) if item.read
            ),
            "highlights": [
                replace(mark, id=0, article_id=0)  # ids are the library's own
                for mark in library.article_highlights(article_id)
            ],
            "original": library.original(article_id),  # markup, format, its own pictures
        }
    return result


def round_trip(tmp_path: Path, source: Library, format_name: str, suffix: str) -> Library:
    out = tmp_path / f"export{suffix}"
    export(source, chosen_ids(source, None), format_name, out)
    restored = Library(tmp_path / f"restored-{format_name}.sqlite3")
    summary = import_sources([str(out)], restored, workers=1)
    assert summary.failed == 0, summary
    return restored


def test_readers_own_export_restores_every_field(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        build(library)
        before = snapshot(library)
        with round_trip(tmp_path, library, "reader", ".jsonl") as restored:
            after = snapshot(restored)
            assert restored.fetch_counts().waiting == 0  # the text came along: nothing to fetch
    assert set(after) == set(before)
    for key, fields in before.items():
        for name, value in fields.items():
            assert after[key][name] == value, (key, name)
    keepers = after["https://sea.example/keepers"]
    assert keepers["tags"] == ("sea", "History", "long reads")  # a check the data is there
    assert keepers["read_stories"] == ["Fog signals"]
    assert len(keepers["assets"]) == 3 and len(keepers["highlights"]) == 2
    assert keepers["original"] is not None and len(keepers["original"].assets) == 1
    assert "\udc9a" in keepers["original"].html


def test_a_restored_library_extracts_its_articles_again_from_the_originals(
    tmp_path: Path,
) -> None:
    from reader.service.reextract import reextract

    with Library(tmp_path / "library.sqlite3") as library:
        built = build(library)
        with round_trip(tmp_path, library, "reader", ".jsonl") as restored:
            keepers = restored.find_by_url("https://sea.example/keepers")
            assert keepers is not None
            summary = reextract(restored, host="sea.example", workers=1)
            assert summary.failures == [] and summary.no_original == 0
            assert summary.reextracted + summary.unchanged == 1
            assert restored.original(keepers) == library.original(built.lighthouse)
            assert "eight weeks" in restored.article(keepers).article.text


def test_importing_the_same_export_twice_doubles_nothing(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        build(library)
        out = tmp_path / "export.jsonl"
        export(library, chosen_ids(library, None), "reader", out)
        before = snapshot(library)
        again = import_sources([str(out)], library, workers=1)
        assert again.failed == 0 and again.added == 0
        assert snapshot(library) == before


def test_a_thousand_article_library_round_trips_field_by_field(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        for number in range(1, 1001):
            page = Page(f"https://many.example/{number}", f"<p>Page {number}</p>", format="html")
            article_id = library.save(article(number, original=page if number % 10 else None))
            library.set_tags(article_id, [f"t{number % 7}", "tides"])
            library.set_archived(article_id, number % 3 == 0)
            library.save_position(article_id, f"{number % 100}.0%")
        before = snapshot(library)
        with round_trip(tmp_path, library, "reader", ".jsonl") as restored:
            after = snapshot(restored)
    assert len(after) == 1000
    assert after == before


def test_wallabag_export_carries_text_flags_tags_dates_and_annotations(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        built = build(library)
        before = library.article(built.lighthouse)
        with round_trip(tmp_path, library, "wallabag", ".json") as restored:
            found = restored.find_by_url("https://sea.example/keepers")
            assert found is not None
            after = restored.article(found)
            assert after.article.title == before.article.title
            assert "breaking against the granite" in after.article.text
            # wallabag's one flag for "done with it" is its archive: a read article goes there
            assert (after.starred, after.archived, after.read) == (True, True, True)
            assert after.tags == before.tags
            assert after.saved_at == before.saved_at.replace(microsecond=0)
            assert after.article.published == before.article.published
            assert after.article.byline == "Morwenna Pascoe"
            assert [(mark.text, mark.note) for mark in restored.article_highlights(found)] == [
                ("lived in shifts of eight weeks", "Eight weeks at a time!"),
                ("a quote the text no longer holds", "kept aside"),
            ]
            trains = restored.find_by_url("https://rail.example/night-trains")
            assert trains is not None and restored.article(trains).archived


def test_bookmarks_export_carries_addresses_titles_tags_and_dates(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        built = build(library)
        before = library.article(built.trains)
        with round_trip(tmp_path, library, "bookmarks", ".html") as restored:
            found = restored.find_by_url("https://rail.example/night-trains")
            assert found is not None
            after = restored.article(found)
            assert after.article.title == "Night trains are back"
            assert after.tags == ("rail",)
            assert after.saved_at == before.saved_at.replace(microsecond=0)
            # a bookmark has no text: the page waits in the fetch queue
            assert restored.fetch_state(found) is not None
            # an article with no web address is no bookmark
            assert restored.count() == 2


def test_a_search_chooses_what_is_exported(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        built = build(library)
        assert chosen_ids(library, "tag:rail") == [built.trains]
        assert set(chosen_ids(library, "granite")) == {built.lighthouse}
        assert chosen_ids(library, None) == library.article_ids()
        with pytest.raises(ReaderError, match="nothing to export"):
            export(library, chosen_ids(library, "tag:nowhere"), "epub", tmp_path / "x.epub")
        assert not (tmp_path / "x.epub").exists()
