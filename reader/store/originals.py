"""The original page kept with an article (schema 8), so it can be extracted again.

Markup is compressed with zlib at level 6. Measured on the Mozilla corpus (132 pages,
tests/benchmarks/originals.py): zlib-6 shrinks markup 6.1x in 8 ms a page; zlib-9 gains
1% for twice the time; lzma gains 30% more but costs 150 ms a page (every save pays
it, on the thread that keeps the article); bz2 is 7.3x at 39 ms to compress and 12 ms
to read back. zlib also reads back fastest (1.3 ms), which re-extraction pays per page.
The page's assets go to the content-addressed assets table, as the article's do.
"""

import sqlite3
import zlib

from reader.errors import StoreError
from reader.model import Asset, Page
from reader.store import assets

CODEC = "zlib"
LEVEL = 6


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
            "INSERT INTO original_pages (article_id, number, url, markup, markup_size)"
            " VALUES (?, ?, ?, ?, ?)",
            (article_id, number, later.url or later.source, _pack(later_data), len(later_data)),
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
    if codec != CODEC:
        raise StoreError(f"the original of article {article_id} is kept in an unknown way")
    html = _unpack(markup, article_id)
    following = tuple(
        Page(source=str(later_url), html=_unpack(later, article_id), url=str(later_url))
        for later_url, later in conn.execute(
            "SELECT url, markup FROM original_pages WHERE article_id = ? ORDER BY number",
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
    return zlib.compress(data, LEVEL)


def _unpack(markup: bytes, article_id: int) -> str:
    try:
        return zlib.decompress(bytes(markup)).decode("utf-8", "surrogatepass")
    except (zlib.error, UnicodeDecodeError):
        raise StoreError(f"the original of article {article_id} is damaged") from None


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
