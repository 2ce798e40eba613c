"""Highlights in the library: kept by quote, listed, searched, edited, removed with undo,
kept (or not) when their article is deleted, found again when the article changes."""

import sqlite3
from pathlib import Path

import pytest

from reader.errors import StoreError
from reader.highlights.anchors import Anchor
from reader.model import Article
from reader.service.highlighting import QuoteNotFound, highlight_quote, save_article
from reader.store import Library

BODY = (
    "<p>Lighthouse keepers kept logbooks of every ship that passed the rocks.</p>"
    "<p>In winter the lamp burned for sixteen hours a night, and the keeper slept by day.</p>"
    "<p>The last keeper left in 1998, when the light became automatic.</p>"
)


def lighthouse(body: str = BODY, **changes: str) -> Article:
    values = {
        "source": "/saved/lighthouse.html",
        "title": "The last lighthouse keeper",
        "content_html": body,
        "text": "",
        "url": "https://coast.example/lighthouse",
        "byline": "Ada Marsh",
        **changes,
    }
    return Article(**values)  # type: ignore[arg-type]


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "library.sqlite3")


def test_a_quote_becomes_a_highlight_in_reading_order(library: Library) -> None:
    article_id = library.save(lighthouse())
    later = highlight_quote(library, article_id, "The last keeper left in 1998", note="automation")
    earlier = highlight_quote(library, article_id, "kept logbooks of every ship", color="blue")
    assert [h.id for h in library.article_highlights(article_id)] == [earlier.id, later.id]
    assert earlier.color == "blue" and later.note == "automation"
    assert not later.detached and later.article_id == article_id
    assert later.article_title == "The last lighthouse keeper"
    assert later.anchor.prefix.endswith("the keeper slept by day.\n")
    assert later.created_at == later.updated_at


def test_an_imported_highlight_keeps_its_time_and_a_missing_quote_is_kept_detached(
    library: Library,
) -> None:
    article_id = library.save(lighthouse())
    imported = highlight_quote(
        library, article_id, "the lamp burned for sixteen hours", created_at=1_600_000_000
    )
    assert imported.created_at.timestamp() == 1_600_000_000
    lost = highlight_quote(library, article_id, "a sentence the page never had", note="mine")
    assert lost.detached and lost.text == "a sentence the page never had"
    assert [h.detached for h in library.article_highlights(article_id)] == [False, True]
    before = library.article_highlights(article_id)
    with pytest.raises(QuoteNotFound, match=f"article {article_id} does not contain that text"):
        highlight_quote(library, article_id, "nowhere in it", keep_unmatched=False)
    assert library.article_highlights(article_id) == before


def test_bad_input_is_refused_in_one_line(library: Library) -> None:
    article_id = library.save(lighthouse())
    with pytest.raises(StoreError, match="unknown highlight colour 'red'"):
        highlight_quote(library, article_id, "kept logbooks", color="red")
    with pytest.raises(StoreError, match="no article 99"):
        highlight_quote(library, 99, "kept logbooks")
    with pytest.raises(StoreError, match="needs some text"):
        library.add_highlight(article_id, Anchor(exact=" "))
    assert library.article_highlights(article_id) == []


def test_the_library_search_finds_notes_and_is_highlighted(library: Library) -> None:
    marked = library.save(lighthouse())
    other = library.save(lighthouse(url="https://coast.example/other", title="Fog signals"))
    highlight = highlight_quote(library, marked, "kept logbooks", note="ask the archivist")
    assert [hit.id for hit in library.search("archivist")] == [marked]
    assert [hit.id for hit in library.search("is:highlighted")] == [marked]
    assert [hit.id for hit in library.search("-is:highlighted")] == [other]
    library.set_highlight_note(highlight.id, "ask the museum")
    assert library.search("archivist") == []
    assert [hit.id for hit in library.search("museum")] == [marked]
    library.remove_highlight(highlight.id)
    assert library.search("museum") == [] and library.search("is:highlighted") == []
    library.restore_highlight(highlight.id)
    assert [hit.id for hit in library.search("is:highlighted museum")] == [marked]
    library._conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
    )


def test_all_highlights_newest_first_searched_with_the_same_syntax(library: Library) -> None:
    coast = library.save(lighthouse())
    library.set_tags(coast, ["sea"])
    other = library.save(
        lighthouse(
            body="<p>Fog signals sounded every thirty seconds across the bay.</p>",
            url="https://bay.example/fog",
            title="Fog signals",
        )
    )
    first = highlight_quote(library, coast, "kept logbooks", created_at=100)
    second = highlight_quote(library, other, "Fog signals sounded", note="loud", created_at=200)
    third = highlight_quote(library, coast, "the light became automatic", created_at=300)
    assert [h.id for h in library.highlights()] == [third.id, second.id, first.id]
    assert [h.id for h in library.highlights("loud")] == [second.id]
    assert [h.id for h in library.highlights("tag:sea")] == [third.id, first.id]
    assert [h.id for h in library.highlights("site:bay.example")] == [second.id]
    assert [h.id for h in library.highlights('"became automatic"')] == [third.id]
    assert [h.id for h in library.highlights("-logbooks tag:sea")] == [third.id]
    assert [h.id for h in library.highlights(limit=1, offset=1)] == [second.id]


def test_colour_and_note_changes_are_kept(library: Library) -> None:
    article_id = library.save(lighthouse())
    highlight = highlight_quote(library, article_id, "kept logbooks", created_at=100)
    library.set_highlight_color(highlight.id, "pink")
    library.set_highlight_note(highlight.id, "a note\nover two lines")
    again = library.highlight(highlight.id)
    assert (again.color, again.note) == ("pink", "a note\nover two lines")
    assert again.updated_at > again.created_at
    with pytest.raises(StoreError, match="no highlight 42"):
        library.set_highlight_note(42, "x")


def test_deleting_an_article_keeps_its_highlights_as_detached(library: Library) -> None:
    article_id = library.save(lighthouse())
    kept = highlight_quote(library, article_id, "kept logbooks", note="keep me")
    library.delete(article_id, keep_highlights=True)
    (listed,) = library.highlights()
    assert listed.id == kept.id and listed.detached and listed.article_id is None
    assert listed.article_title == "The last lighthouse keeper"
    assert listed.article_url == "https://coast.example/lighthouse"
    assert [h.id for h in library.kept_highlights()] == [kept.id]
    library.restore(article_id)
    (back,) = library.article_highlights(article_id)
    assert not back.detached and back.article_id == article_id
    library.delete(article_id)  # keeping them is the default: nothing is ever lost quietly
    library._purge_deleted(older_than=0)
    (orphan,) = library.highlights()
    assert orphan.detached and orphan.note == "keep me"
    assert orphan.article_title == "The last lighthouse keeper"
    assert orphan.article_url == "https://coast.example/lighthouse"


def test_deleting_an_article_with_its_highlights_and_undoing_it(library: Library) -> None:
    article_id = library.save(lighthouse())
    removed_before = highlight_quote(library, article_id, "kept logbooks")
    library.remove_highlight(removed_before.id)
    goes = highlight_quote(library, article_id, "the light became automatic")
    library.delete(article_id, keep_highlights=False)
    assert library.highlights() == [] and library.kept_highlights() == []
    library.restore(article_id)
    # only what went with the article comes back with it
    assert [h.id for h in library.article_highlights(article_id)] == [goes.id]
    library.delete(article_id, keep_highlights=False)
    library._purge_deleted(older_than=0)
    count = library._conn.execute("SELECT count(*) FROM highlights").fetchone()[0]
    assert count == 0


def test_a_removed_highlight_is_purged_after_the_undo_window(library: Library) -> None:
    article_id = library.save(lighthouse())
    highlight = highlight_quote(library, article_id, "kept logbooks")
    library.remove_highlight(highlight.id)
    library._purge_deleted()  # inside the window: still restorable
    library.restore_highlight(highlight.id)
    library.remove_highlight(highlight.id)
    library._purge_deleted(older_than=0)
    with pytest.raises(StoreError, match="cannot be restored any more"):
        library.restore_highlight(highlight.id)


def test_an_article_extracted_again_takes_its_highlights_along(library: Library) -> None:
    article_id = library.save(lighthouse())
    moves = highlight_quote(library, article_id, "The last keeper left in 1998")
    goes = highlight_quote(library, article_id, "the keeper slept by day")
    rewritten = "<p>A new opening paragraph.</p>" + BODY.replace(
        "<p>In winter the lamp burned for sixteen hours a night, and the keeper slept by day.</p>",
        "",
    )
    result = save_article(library, lighthouse(rewritten), origin=None)
    assert (result.id, result.status) == (article_id, "updated")
    by_id = {h.id: h for h in library.article_highlights(article_id)}
    assert not by_id[moves.id].detached
    assert by_id[moves.id].anchor.start != moves.anchor.start  # moved with its words
    assert by_id[moves.id].anchor.prefix.endswith("the rocks.\n")
    assert by_id[goes.id].detached
    assert library.search("is:highlighted")  # a detached highlight is still a highlight
    save_article(library, lighthouse(), origin=None)  # the old text is back: so is it
    assert not any(h.detached for h in library.article_highlights(article_id))


def test_a_library_from_before_highlights_gains_them(tmp_path: Path) -> None:
    from reader.store.migrate import migrate

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    from reader.store import ranking

    conn.create_function("reader_story_score", 2, ranking.story_score, deterministic=True)
    migrate(conn, path, target=5)
    conn.close()
    with Library(path) as library:
        article_id = library.save(lighthouse())
        highlight_quote(library, article_id, "kept logbooks", note="archivist")
        assert [hit.id for hit in library.search("archivist")] == [article_id]
