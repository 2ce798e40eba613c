"""Every export format Reader reads, field by field, from fixtures written from each
format's published field list (tests/pages/exports/README.md): the format is told by
content, and every field Reader has a place for comes through."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from reader.errors import LoadError
from reader.exchange.detect import read_export
from reader.exchange.entries import Entry, HighlightIn, Parsed

EXPORTS = Path(__file__).resolve().parents[1] / "pages" / "exports"


def entries(parsed: Parsed | None) -> list[Entry]:
    assert parsed is not None
    return list(parsed.entries)


def zipped(folder: Path, into: Path, prefix: str = "") -> Path:
    """The folder as its service delivered it: one zip (``prefix``: a folder inside)."""
    with zipfile.ZipFile(into, "w") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, prefix + file.relative_to(folder).as_posix())
    return into


def renamed(source: Path, tmp_path: Path, name: str) -> Path:
    """The same bytes under a misleading name: formats are told by content."""
    target = tmp_path / name
    shutil.copyfile(source, target)
    return target


def test_pocket_2025_zip_keeps_titles_dates_tags_status_and_highlights(tmp_path: Path) -> None:
    parsed = read_export(zipped(EXPORTS / "pocket", tmp_path / "pocket.zip", "export/"))
    assert parsed is not None and parsed.format == "pocket" and parsed.total == 5
    trains, crumb, keepers, untitled, annotated = entries(parsed)
    assert trains == Entry(
        where="part_000000.csv line 2",
        url="https://rail.example/night-trains",
        title="Night trains are back",
        tags=("travel", "Europe"),
        saved_at=1700000000.0,
        highlights=(
            HighlightIn("Sleeper cars are returning to the timetables", created_at=1700000500.0),
            HighlightIn("the overnight journey is a quiet pleasure", created_at=1700000600.0),
        ),
    )
    assert crumb.title == "Bread, butter and the science of crumb"
    assert (crumb.archived, crumb.read, crumb.tags) == (True, True, ())
    assert keepers.title == 'The quiet "lighthouse" keepers'
    assert keepers.tags == ("sea", "history")  # "Sea" repeats "sea"
    assert (untitled.title, untitled.url) == ("", "https://untitled.example/page")
    # an address with highlights and no row is an entry of its own
    assert annotated.url == "https://annotated-only.example/essay"
    assert annotated.title == "An essay only highlighted"
    assert [mark.quote for mark in annotated.highlights] == [
        "A highlight of an article the list forgot"
    ]


def test_pocket_unpacked_folder_and_a_lone_part_csv(tmp_path: Path) -> None:
    assert len(entries(read_export(EXPORTS / "pocket"))) == 5
    lone = renamed(EXPORTS / "pocket" / "part_000000.csv", tmp_path, "saved.txt")
    parsed = read_export(lone)
    assert parsed is not None and parsed.format == "pocket" and parsed.total == 4
    assert [entry.saved_at for entry in entries(parsed)] == [
        1700000000.0,
        1600000000.0,
        1650000000.0,
        1690000000.0,
    ]


def test_pocket_html_export_reads_both_lists() -> None:
    parsed = read_export(EXPORTS / "pocket-2018.html")
    assert parsed is not None and parsed.format == "pocket-html"
    trains, crumb, keepers = entries(parsed)
    assert (trains.url, trains.title, trains.saved_at, trains.tags, trains.archived) == (
        "https://rail.example/night-trains",
        "Night trains are back",
        1500000000.0,
        ("travel", "trains"),
        False,
    )
    assert (crumb.title, crumb.tags) == ("Bread & butter", ())
    assert (keepers.archived, keepers.read, keepers.saved_at) == (True, True, 1400000000.0)


def test_instapaper_folders_become_state_or_tags() -> None:
    parsed = read_export(EXPORTS / "instapaper.csv")
    assert parsed is not None and parsed.format == "instapaper"
    trains, crumb, keepers, roses = entries(parsed)
    assert trains.tags == ("travel", "rail")
    assert trains.excerpt == "Sleeper cars are returning."
    assert (trains.saved_at, trains.archived, trains.starred) == (1700000000.0, False, False)
    assert (crumb.archived, crumb.read, crumb.title) == (True, True, "Bread, butter and crumb")
    assert (keepers.starred, keepers.archived) == (True, False)
    assert roses.tags == ("Gardening", "flowers")  # a folder of the person's own is a tag


def test_readwise_reader_location_progress_and_tags() -> None:
    parsed = read_export(EXPORTS / "readwise.csv")
    assert parsed is not None and parsed.format == "readwise"
    trains, crumb, keepers = entries(parsed)
    assert trains.tags == ("travel", "night's rest")
    assert (trains.progress, trains.read, trains.saved_at) == (0.42, False, 1700000000.0)
    assert (crumb.archived, crumb.read, crumb.progress) == (True, True, 1.0)
    assert (keepers.starred, keepers.tags, keepers.saved_at) == (True, ("sea",), 1650688000.0)
    assert parsed.skipped == [("readwise.csv line 5", "a feed item (never saved to the library)")]


@pytest.mark.parametrize("form", ["zip", "folder", "metadata file"])
def test_omnivore_export_keeps_content_state_progress_labels_and_highlights(
    tmp_path: Path, form: str
) -> None:
    source = {
        "zip": lambda: zipped(EXPORTS / "omnivore", tmp_path / "omnivore-export.zip"),
        "folder": lambda: EXPORTS / "omnivore",
        "metadata file": lambda: EXPORTS / "omnivore" / "metadata_0_to_3.json",
    }[form]()
    parsed = read_export(source)
    assert parsed is not None and parsed.format == "omnivore" and parsed.total == 3
    keepers, trains, roses = entries(parsed)
    assert keepers.content_html is not None and "Wolf Rock" in keepers.content_html
    assert (keepers.url, keepers.title, keepers.byline) == (
        "https://sea.example/keepers",
        "The lighthouse keepers",
        "Morwenna Pascoe",
    )
    assert keepers.excerpt == "Life on a rock in the Atlantic."
    assert keepers.lead_image == "https://sea.example/lighthouse.jpg"
    assert (keepers.archived, keepers.read, keepers.progress) == (True, True, 1.0)
    assert keepers.tags == ("sea", "History")
    assert keepers.saved_at == 1709285400.0
    assert keepers.published == "2023-12-24T00:00:00+00:00"
    assert keepers.highlights == (
        HighlightIn(
            "with the Atlantic breaking against the granite below them",
            note="The image that stayed with me.",
        ),
        HighlightIn(
            "nothing but the lamp to tend through the long nights.\n\n"
            "They trimmed the wicks, wound the clockwork that turned the lens"
        ),
    )
    assert trains.content_html is None  # no content file: fetched later
    assert (trains.progress, trains.read, trains.archived) == (0.3, False, False)
    assert (roses.tags, roses.published) == (("gardening",), "2024-05-01")
    assert roses.highlights == ()
    assert parsed.skipped == [
        ("metadata_0_to_3.json item 3", "an article note (Reader keeps notes on highlights)")
    ]


def test_wallabag_json_keeps_content_flags_dates_and_annotations(tmp_path: Path) -> None:
    parsed = read_export(renamed(EXPORTS / "wallabag.json", tmp_path, "export"))
    assert parsed is not None and parsed.format == "wallabag"
    keepers, trains = entries(parsed)
    assert keepers.content_html is not None and keepers.content_html.startswith("<p>For two")
    assert (keepers.starred, keepers.archived, keepers.read) == (True, True, True)
    assert keepers.tags == ("sea", "history")
    assert keepers.saved_at == 1622535300.0  # 2021-06-01T10:15:00+02:00
    assert keepers.published == "2021-05-30T00:00:00+00:00"
    assert (keepers.byline, keepers.lang) == ("Morwenna Pascoe", "en")
    assert keepers.lead_image == "https://sea.example/lighthouse.jpg"
    assert keepers.highlights == (
        HighlightIn(
            "lived in shifts of eight weeks",
            note="Eight weeks at a time!",
            created_at=1622541600.0,
            updated_at=1622541900.0,
        ),
    )
    assert trains.content_html is None  # empty content: fetched later
    assert (trains.starred, trains.archived) == (False, False)


def test_netscape_bookmarks_folders_tags_toread_and_descriptions(tmp_path: Path) -> None:
    parsed = read_export(renamed(EXPORTS / "bookmarks.html", tmp_path, "links.htm"))
    assert parsed is not None and parsed.format == "bookmarks"
    trains, keepers, crumb, roses = entries(parsed)
    assert (trains.tags, trains.read, trains.saved_at) == (("travel", "rail"), False, 1700000000.0)
    assert trains.excerpt == "Sleeper cars return to Europe."
    assert (keepers.tags, keepers.read) == (("Reading",), True)  # "Bookmarks bar" is no tag
    assert (crumb.title, crumb.tags) == ("Bread & crumb", ("Reading", "bread"))
    assert (roses.tags, roses.saved_at) == ((), 1660000000.0)


def test_opml_links_are_fetched_and_feeds_reported() -> None:
    parsed = read_export(EXPORTS / "links.opml")
    assert parsed is not None and parsed.format == "opml"
    trains, keepers = entries(parsed)
    assert (trains.url, trains.tags, trains.saved_at) == (
        "https://rail.example/night-trains",
        ("Travel",),
        1700000000.0,
    )
    assert (keepers.url, keepers.tags) == ("https://sea.example/keepers", ("sea", "history"))
    assert parsed.skipped == [("links.opml line 9", "a feed subscription, not an article")]


@pytest.mark.parametrize(
    "content",
    [
        b"<!doctype html><html><head><title>Pocket</title></head><body><p>A page</p></body></html>",
        b"title,author\nA book,Someone\n",
        b'[{"name": "not an export"}]',
        b"[not json at all",
        b"Just some text about Pocket Export and <h1>Unread</h1>.",
    ],
)
def test_pages_and_other_files_are_not_exports(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    assert read_export(path) is None


def test_a_zip_that_is_no_export_is_left_to_the_loaders(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.jpg", b"\xff\xd8\xff")
    assert read_export(path) is None


def test_a_damaged_export_says_so_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "pocket.zip"
    good = zipped(EXPORTS / "pocket", tmp_path / "good.zip").read_bytes()
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(LoadError, match="zip"):
        read_export(path)
