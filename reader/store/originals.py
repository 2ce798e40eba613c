"""The original page kept with an article (schema 8), so it can be extracted again.

What is kept is the page without what extraction never reads (reader.extract.unread:
script code, style rules that hide nothing, comment text, drawings' path data, event
handlers): extracting the kept page again gives the article the loaded page gave.

Markup is kept compressed with lzma at preset 6 (before it: zstd-12, and before schema
10 zlib-6; each row names its codec and every one can still be read; migration 10
converts zlib rows to zstd-12). Measured on the Mozilla corpus (130 pages, 25.7 MB as
loaded, 19.6 MB without the code, 11.4 MB without everything unread;
tests/benchmarks/originals.py): kept zstd-12 2.06 MB (2.3 ms CPU a page), zstd-19 1.99 MB
(19 ms), **lzma-6 1.93 MB (12 ms; about 3 ms to read back)**, lzma-9e 1.92 MB (56 ms).
lzma-6 is the smallest of the affordable codecs (the target: originals add at most 40%
to the library), and still cheaper than zstd-19; packing runs on the thread that writes
the library, a re-extraction reads it back in the extraction workers. A preset
dictionary trained on other pages gained 8% with zstd (a dictionary of others' pages is
not ours to ship), the same host's first page as the dictionary 4%.
The preset's 8 MiB dictionary is cut to the page's size (a power of two, 64 KiB at least):
a dictionary larger than the input finds no more matches, so the bytes are the same
(1,888,100 over the corpus either way), but liblzma sets up its match finder for the
dictionary on every call, about 3 ms a page: packing the corpus 2.5 -> 2.0 s of CPU.
Matches are searched up to 32 bytes, not 64 (NICE_LENGTH), and positions are not
modelled (pb=0: text has no 4-byte structure, xz's advice for text). Instructions to pack
a sixth of the corpus (callgrind, its own count less Python's start): nice_len 48 1.79 G,
40 1.64 G, 36 1.58 G, **32 1.50 G** (16% less than 48), 24 1.32 G; over the whole corpus
48 keeps 1,888,192 bytes, 32 1,903,660 (+0.8%: storage with originals +39.4% -> +39.6%),
24 about 2.4% more (past the 40% target). A shallower search (depth 8 at 48) or the hash
chain match finder cost more bytes for the instructions they save.
The page's assets go to the content-addressed assets table, as the article's do.
"""

import lzma
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

CODEC = "lzma"
PRESET = 6
SMALLEST_DICTIONARY = 1 << 16
NICE_LENGTH = 32
POSITION_BITS = 0
# How each codec a library may hold is read back (a row names its own).
READERS: dict[str, Callable[[bytes], bytes]] = {
    "lzma": lzma.decompress,
    "zstd": zstd.decompress,
    "zlib": zlib.decompress,
}
MIGRATION_10_LEVEL = 12  # zstd level of the rows migration 10 converts from zlib


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
            pack(data),
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
                pack(later_data),
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


def pack(data: bytes) -> bytes:
    """Markup as a new original keeps it (CODEC): an .xz stream that lzma.decompress reads
    as it reads the preset's own."""
    dictionary = max(SMALLEST_DICTIONARY, 1 << (len(data) - 1).bit_length())
    chain = [
        {
            "id": lzma.FILTER_LZMA2,
            "preset": PRESET,
            "dict_size": dictionary,
            "nice_len": NICE_LENGTH,
            "pb": POSITION_BITS,
        }
    ]
    return lzma.compress(data, filters=chain)


def _unpack(codec: str, markup: bytes, article_id: int) -> str:
    read = READERS.get(codec)
    if read is None:
        raise StoreError(f"the original of article {article_id} is kept in an unknown way")
    try:
        return read(bytes(markup)).decode("utf-8", "surrogatepass")
    except (zlib.error, zstd.ZstdError, lzma.LZMAError, UnicodeDecodeError):
        raise StoreError(f"the original of article {article_id} is damaged") from None


def repacked(codec: str, markup: bytes) -> bytes | None:
    """Migration 10's SQL function: zlib markup as zstd (what the migration says its
    rows hold), or None when it cannot be read (the row stays as it was and says it is
    damaged when read)."""
    read = READERS.get(codec)
    if read is None or codec == "zstd":
        return None
    try:
        return zstd.compress(read(bytes(markup)), MIGRATION_10_LEVEL)
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
