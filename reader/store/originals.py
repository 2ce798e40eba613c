"""The original page kept with an article (schema 8), so it can be extracted again.

Markup is kept compressed with zstd at level LEVEL (schema 10; before it, zlib-6: such
rows are converted by migration 10 and can still be read). The page comes without its
executable script code (reader.extract.scripts: extraction never reads it), so
extracting the kept page again gives the article the loaded page gave.

Measured on the Mozilla corpus (132 pages, 25.7 MB as loaded, 19.4 MB without the code;
tests/benchmarks/originals.py): whole markup zlib-6 4.25 MB; without the code zlib-6
3.18 MB (3.1 ms a page to pack), zstd-12 2.75 MB (7 ms; 0.2 ms to read back), zstd-19
2.63 MB (107 ms), lzma-6 2.56 MB (76 ms; 3.7 ms to read back). Packing runs on the
thread that writes the library (an import's writer), so zstd-12: about zlib's cost for
14% less; what the slower codecs gain (4-7%) is not worth 10-25x the time on every save.
A preset dictionary trained on other pages gained 8% (a dictionary of others' pages is
not ours to ship), the same host's first page as the dictionary 4% on this corpus.
The page's assets go to the content-addressed assets table, as the article's do.
"""

import sqlite3
import sys
import zlib
from collections.abc import Callable

from reader.errors import StoreError
from reader.model import Asset, Page
from reader.store import assets

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

CODEC = "zstd"
LEVEL = 12
# How each codec a library may hold is read back (a row names its own).
READERS: dict[str, Callable[[bytes], bytes]] = {"zstd": zstd.decompress, "zlib": zlib.decompress}


def keep(conn: sqlite3.Connection, article_id: int, page: Page, now: float) -> None:
    """Keep ``page`` as the article's original (replacing an older one)."""
    data = page.html.encode("utf-8", "surrogatepass")
    old = linked_shas(conn, article_id)
    conn.execute("DELETE FROM article_originals WHERE article_id = ?", (article_id,))
    conn.execute(
        "INSERT INTO article_originals (article_id, source, url, format, codec, markup,"
        " markup_size, kept_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article_id,
            page.source,
            page.url,
            page.format,
            CODEC,
            _pack(data),
            len(data),
            now,
        ),
    )
    for number, later in enumerate(page.following, start=2):
        later_data = later.html.encode("utf-8", "surrogatepass")
        conn.execute(
            "INSERT INTO original_pages (article_id, number, url, codec, markup, markup_size)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                article_id,
                number,
                later.url or later.source,
                CODEC,
                _pack(later_data),
                len(later_data),
            ),
        )
    for asset in page.assets:
        conn.execute(
            "INSERT OR IGNORE INTO assets (sha256, media_type, data) VALUES (?, ?, ?)",
            (asset.sha256, asset.media_type, asset.data),
        )
        conn.execute(
            "INSERT OR REPLACE INTO original_assets (article_id, url, sha256) VALUES (?, ?, ?)",
            (article_id, asset.url, asset.sha256),
        )
    assets.drop_orphan_assets(conn, old)


def has_original(conn: sqlite3.Connection, article_id: int) -> bool:
    row = conn.execute(
        "SELECT 1 FROM article_originals WHERE article_id = ?", (article_id,)
    ).fetchone()
    return row is not None


def load(conn: sqlite3.Connection, article_id: int) -> Page | None:
    """The article's original page, or None when it was saved before originals were kept."""
    row = conn.execute(
        "SELECT source, url, format, codec, markup FROM article_originals WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    source, url, page_format, codec, markup = row
    html = _unpack(codec, markup, article_id)
    following = tuple(
        Page(
            source=str(later_url), html=_unpack(later_codec, later, article_id), url=str(later_url)
        )
        for later_url, later_codec, later in conn.execute(
            "SELECT url, codec, markup FROM original_pages WHERE article_id = ? ORDER BY number",
            (article_id,),
        )
    )
    rows = conn.execute(
        "SELECT x.url, s.media_type, s.data FROM original_assets x"
        " JOIN assets s ON s.sha256 = x.sha256 WHERE x.article_id = ? ORDER BY x.url",
        (article_id,),
    ).fetchall()
    page_assets = tuple(Asset(str(ref), str(kind), bytes(data)) for ref, kind, data in rows)
    return Page(
        source=source,
        html=html,
        url=url,
        assets=page_assets,
        format=page_format,
        following=following,
    )


def _pack(data: bytes) -> bytes:
    return zstd.compress(data, LEVEL)


def _unpack(codec: str, markup: bytes, article_id: int) -> str:
    read = READERS.get(codec)
    if read is None:
        raise StoreError(f"the original of article {article_id} is kept in an unknown way")
    try:
        return read(bytes(markup)).decode("utf-8", "surrogatepass")
    except (zlib.error, zstd.ZstdError, UnicodeDecodeError):
        raise StoreError(f"the original of article {article_id} is damaged") from None


def repacked(codec: str, markup: bytes) -> bytes | None:
    """Migration 10's SQL function: markup kept with ``codec`` as CODEC keeps it, or None
    when it cannot be read (the row stays as it was and says it is damaged when read)."""
    read = READERS.get(codec)
    if read is None or codec == CODEC:
        return None
    try:
        return _pack(read(bytes(markup)))
    except (zlib.error, zstd.ZstdError):
        return None


def linked_shas(conn: sqlite3.Connection, article_id: int) -> set[str]:
    return {
        row[0]
        for row in conn.execute(
            "SELECT sha256 FROM original_assets WHERE article_id = ?", (article_id,)
        )
    }


def sizes(conn: sqlite3.Connection) -> tuple[int, int]:
    """(markup bytes as loaded, bytes kept) over every original in the library."""
    total = (0, 0)
    for table in ("article_originals", "original_pages"):
        row = conn.execute(
            f"SELECT ifnull(sum(markup_size), 0), ifnull(sum(length(markup)), 0) FROM {table}"
        ).fetchone()
        total = (total[0] + int(row[0]), total[1] + int(row[1]))
    return total
