"""The original page kept with each saved article (schema 8), and `reader reextract`
extracting saved articles again from it without losing what the person did with them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from reader_cli import run_reader
from test_store_migrate import old_library

from reader.errors import ReaderError
from reader.extract import extract
from reader.extract.unread import without_unread
from reader.load import load
from reader.model import Article, Asset, Page
from reader.service.highlighting import highlight_quote
from reader.service.reextract import reextract
from reader.store import Library

PAGES = Path(__file__).resolve().parent.parent / "pages"
SEALS = PAGES / "news-jsonld" / "source.html"
HOST = "gazette.example"
KEPT_SENTENCE = "Volunteers from the estuary trust have counted forty-one adults"
OLD_JUNK = "Sign up for our newsletter and never miss a seal story again."


def older_extraction(article: Article) -> Article:
    """The article as a worse extractor of the past gave it: a newsletter box on top."""
    return replace(
        article,
        content_html=f"<p>{OLD_JUNK}</p>{article.content_html}",
        text=f"{OLD_JUNK}\n{article.text}",
    )


def test_a_saved_article_keeps_its_original_page_compressed(tmp_path: Path) -> None:
    page = load(str(SEALS))
    image = Asset("pictures/seal.png", "image/png", b"\x89PNG seal")
    page = replace(page, assets=(image,))
    with Library(tmp_path / "library.sqlite3") as library:
        article_id = library.save(extract(page))
        original = library.original(article_id)
        assert original is not None
        # as loaded, but for what extraction never reads (reader.extract.unread)
        assert original.html == without_unread(page.html) != page.html
        assert '"@type": ["NewsArticle"]' in original.html
        assert (original.source, original.url, original.format) == (
            page.source,
            page.url,
            page.format,
        )
        assert original.assets == (image,)
        loaded, kept = library.originals_size()
        assert loaded == len(original.html.encode()) and 0 < kept < loaded / 2


def test_purging_an_article_drops_its_original_and_assets_no_one_else_uses(
    tmp_path: Path,
) -> None:
    shared = Asset("logo.png", "image/png", b"\x89PNG logo")
    own = Asset("own.png", "image/png", b"\x89PNG own")
    with Library(tmp_path / "library.sqlite3") as library:
        first = library.save(extract(replace(load(str(SEALS)), assets=(shared, own))))
        other = load(str(PAGES / "blog-og-base" / "source.html"))
        library.save(extract(replace(other, assets=(shared,))))
        library.delete(first)
        library._purge_deleted(older_than=-1)
        conn = library._conn
        assert conn.execute("SELECT count(*) FROM article_originals").fetchone()[0] == 1
        hashes = {row[0] for row in conn.execute("SELECT sha256 FROM assets")}
        assert shared.sha256 in hashes and own.sha256 not in hashes
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_reextract_keeps_state_tags_position_and_highlights(tmp_path: Path) -> None:
    page = load(str(SEALS))
    with Library(tmp_path / "library.sqlite3") as library:
        article_id = library.save(older_extraction(extract(page)))
        library.set_read(article_id, True)
        library.set_starred(article_id, True)
        library.set_tags(article_id, ["nature", "coast"])
        library.save_position(article_id, "block:3:12")
        kept = highlight_quote(library, article_id, KEPT_SENTENCE, note="count them")
        junk = highlight_quote(library, article_id, OLD_JUNK)
        before = library.article(article_id)

        summary = reextract(library, workers=1)

        assert (summary.reextracted, summary.unchanged, summary.no_original) == (1, 0, 0)
        after = library.article(article_id)
        assert OLD_JUNK not in after.article.text
        assert after.article.text == extract(page).text
        assert after.read and after.starred and after.tags == before.tags
        assert after.position == "block:3:12" and after.saved_at == before.saved_at
        moved = library.highlight(kept.id)
        assert not moved.detached and moved.note == "count them"
        assert moved.anchor.exact == KEPT_SENTENCE
        assert moved.anchor.start < kept.anchor.start  # the junk above it is gone
        lost = library.highlight(junk.id)
        assert lost.detached and lost.anchor.exact == OLD_JUNK  # kept, listed as detached
        # Once more: today's extraction is what is kept, nothing is written.
        again = reextract(library, workers=1)
        assert (again.reextracted, again.unchanged) == (0, 1)


def test_reextract_in_processes_gives_the_same_library(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        ids = [
            library.save(older_extraction(extract(load(str(PAGES / name / "source.html")))))
            for name in ("news-jsonld", "blog-og-base", "reading-quotes")
        ]
        summary = reextract(library, workers=2)
        assert summary.reextracted == 3 and not summary.failures
        for article_id in ids:
            assert OLD_JUNK not in library.article(article_id).article.text


def test_articles_saved_before_schema_8_are_counted_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        old_id = library.save(replace(older_extraction(extract(load(str(SEALS)))), original=None))
        new_id = library.save(
            older_extraction(extract(load(str(PAGES / "blog-og-base" / "source.html"))))
        )
        summary = reextract(library, workers=1)
        assert (summary.reextracted, summary.no_original) == (1, 1)
        assert "1 skipped (saved before originals were kept)" in summary.line()
        assert OLD_JUNK in library.article(old_id).article.text
        assert OLD_JUNK not in library.article(new_id).article.text
        # Opening the page again (same text) fills in the original it lacked.
        assert (
            library.save_result(older_extraction(extract(load(str(SEALS))))).status == "unchanged"
        )
        assert library.original(old_id) is not None


def test_schema_7_library_migrates_to_keeping_originals(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    old_library(path, 7).close()
    with Library(path) as library:
        article_id = library.save(extract(load(str(SEALS))))
        assert library.original(article_id) is not None


def test_schema_10_converts_zlib_originals_and_leaves_a_damaged_one_as_it_was(
    tmp_path: Path,
) -> None:
    import zlib

    path = tmp_path / "library.sqlite3"
    conn = old_library(path, 9)
    first = f"<html><body>{'<p>Gulls over the harbour wall.</p>' * 300}</body></html>"
    second = f"<html><body>{'<p>Page two of the gulls.</p>' * 300}</body></html>"
    for article_id in (1, 2):
        conn.execute(
            "INSERT INTO articles (id, source, url, url_key, title, saved_at)"
            " VALUES (?, 'a.html', ?, ?, 'Gulls', 1000)",
            (article_id, f"https://e.com/{article_id}", f"https://e.com/{article_id}"),
        )
    rows = [(1, zlib.compress(first.encode(), 6), len(first)), (2, b"not zlib at all", 9)]
    for article_id, markup, size in rows:
        conn.execute(
            "INSERT INTO article_originals (article_id, source, url, format, codec, markup,"
            " markup_size, kept_at) VALUES (?, 'a.html', NULL, 'html', 'zlib', ?, ?, 1000)",
            (article_id, markup, size),
        )
    conn.execute(
        "INSERT INTO original_pages VALUES (1, 2, 'https://e.com/1/2', ?, ?)",
        (zlib.compress(second.encode(), 6), len(second)),
    )
    conn.close()
    with Library(path) as library:
        codecs = library._conn.execute(
            "SELECT codec FROM article_originals ORDER BY article_id"
        ).fetchall()
        assert codecs == [("zstd",), ("zlib",)]  # the damaged row stays as it was
        original = library.original(1)
        assert original is not None and original.html == first
        assert [page.html for page in original.following] == [second]
        loaded, kept = library.originals_size()
        assert kept < loaded / 20  # repetitive markup: zstd keeps it small (migration 10)
        with pytest.raises(ReaderError, match="the original of article 2 is damaged"):
            library.original(2)


def test_new_originals_are_lzma_and_zstd_ones_kept_before_still_read(tmp_path: Path) -> None:
    """Schema 10 libraries hold zstd originals: they stay readable (no migration needed),
    and an article extracts from one as from the new lzma one."""
    from backports import zstd

    with Library(tmp_path / "library.sqlite3") as library:
        first = library.save(extract(load(str(SEALS))))
        conn = library._conn
        codec = conn.execute(
            "SELECT codec FROM article_originals WHERE article_id = ?", (first,)
        ).fetchone()[0]
        assert codec == "lzma"
        kept = library.original(first)
        assert kept is not None
        html = kept.html
        conn.execute(
            "UPDATE article_originals SET codec = 'zstd', markup = ? WHERE article_id = ?",
            (zstd.compress(html.encode(), 12), first),
        )
        original = library.original(first)
        assert original is not None and original.html == html
        assert extract(original) == extract(load(str(SEALS)))


def test_lzma_originals_packed_with_the_whole_preset_dictionary_still_read(
    tmp_path: Path,
) -> None:
    """Originals kept with preset 6's own settings, before the dictionary was cut to the
    page's size, read back as they were."""
    import lzma

    from reader.store.originals import pack

    with Library(tmp_path / "library.sqlite3") as library:
        first = library.save(extract(load(str(SEALS))))
        kept = library.original(first)
        assert kept is not None
        data = kept.html.encode()
        earlier = lzma.compress(data, preset=6)
        assert pack(data) != earlier and lzma.decompress(pack(data)) == data
        library._conn.execute(
            "UPDATE article_originals SET markup = ? WHERE article_id = ?", (earlier, first)
        )
        original = library.original(first)
        assert original is not None and original.html == kept.html


def test_reextract_command_by_site(tmp_path: Path, data_dir: Path) -> None:
    with Library() as library:
        seals = library.save(older_extraction(extract(load(str(SEALS)))))
        library.save(older_extraction(extract(load(str(PAGES / "blog-og-base" / "source.html")))))
        other = library.save(
            replace(
                older_extraction(extract(load(str(PAGES / "reading-quotes" / "source.html")))),
                original=None,
                url="https://gazette.example/old",
                source="old.html",
            )
        )
    done = run_reader("reextract", "--site", "Gazette.Example")
    assert done.returncode == 0, done.stderr
    lines = sorted(done.stdout.splitlines())
    assert lines[0].startswith(f"no_original\t{other}")
    assert lines[1].startswith(f"reextracted\t{seals}\tHarbour seals return")
    assert "1 re-extracted, 0 unchanged, 1 skipped (saved before originals were kept)" in (
        done.stderr
    )
    missing = run_reader("reextract", "--site", "nowhere.example")
    assert missing.returncode == 1
    assert missing.stderr.strip() == "reader: no article from nowhere.example in the library"
    neither = run_reader("reextract")
    assert neither.returncode == 2 and "--site" in neither.stderr


def test_article_json_has_no_original_in_it() -> None:
    article = extract(load(str(SEALS)))
    assert isinstance(article.original, Page)
    assert "original" not in article.to_json()
    assert article == replace(article, original=None)
