"""Images and other page assets, stored once by SHA-256 and linked to the articles using them.

Content addressing lets two articles share one copy of a logo, so an asset row is dropped
only when no article links to it any more.
"""

import sqlite3
from collections.abc import Iterable, Sequence
from urllib.parse import unquote

from reader.model import Asset
from reader.urls import reference_name


def linked_shas(conn: sqlite3.Connection, article_id: int) -> set[str]:
    return {
        row[0]
        for row in conn.execute(
            "SELECT sha256 FROM article_assets WHERE article_id = ?", (article_id,)
        )
    }


def write_assets(conn: sqlite3.Connection, article_id: int, assets: Sequence[Asset]) -> None:
    """Replace the article's asset links; assets nobody links to any more go."""
    old = linked_shas(conn, article_id)
    conn.execute("DELETE FROM article_assets WHERE article_id = ?", (article_id,))
    add_assets(conn, article_id, assets)
    drop_orphan_assets(conn, old)


def add_assets(conn: sqlite3.Connection, article_id: int, assets: Sequence[Asset]) -> None:
    """Link more assets to the article (images fetched after it was saved); the links it
    has stay."""
    for asset in assets:
        conn.execute(
            "INSERT OR IGNORE INTO assets (sha256, media_type, data) VALUES (?, ?, ?)",
            (asset.sha256, asset.media_type, asset.data),
        )
        conn.execute(
            "INSERT OR REPLACE INTO article_assets (article_id, url, sha256) VALUES (?, ?, ?)",
            (article_id, asset.url, asset.sha256),
        )


def drop_orphan_assets(conn: sqlite3.Connection, shas: Iterable[str]) -> None:
    """Drop the assets neither an article nor an original page (schema 8) links."""
    for sha in shas:
        conn.execute(
            "DELETE FROM assets WHERE sha256 = ?"
            " AND NOT EXISTS (SELECT 1 FROM article_assets WHERE sha256 = ?)"
            " AND NOT EXISTS (SELECT 1 FROM original_assets WHERE sha256 = ?)",
            (sha, sha, sha),
        )


def find_asset(conn: sqlite3.Connection, article_id: int, url: str) -> tuple[str, bytes] | None:
    """(media_type, data) of an image the article references, or None.

    Tries the URL as given, then percent-decoded, then a unique file-name match, since
    the view may hand back the reference resolved or re-encoded (reader.urls.reference_name).
    """
    for candidate in (url, unquote(url)):
        row = conn.execute(
            "SELECT s.media_type, s.data FROM article_assets x"
            " JOIN assets s ON s.sha256 = x.sha256 WHERE x.article_id = ? AND x.url = ?",
            (article_id, candidate),
        ).fetchone()
        if row is not None:
            return str(row[0]), bytes(row[1])
    name = reference_name(url)
    if not name:
        return None
    rows = conn.execute(
        "SELECT x.url, x.sha256 FROM article_assets x WHERE x.article_id = ?", (article_id,)
    ).fetchall()
    matches = {sha for ref, sha in rows if reference_name(ref) == name}
    if len(matches) != 1:
        return None
    row = conn.execute(
        "SELECT media_type, data FROM assets WHERE sha256 = ?", (matches.pop(),)
    ).fetchone()
    return None if row is None else (str(row[0]), bytes(row[1]))


def article_assets(conn: sqlite3.Connection, article_id: int) -> list[Asset]:
    """Every asset the article links, keyed by the reference its HTML uses."""
    rows = conn.execute(
        "SELECT x.url, s.media_type, s.data FROM article_assets x"
        " JOIN assets s ON s.sha256 = x.sha256 WHERE x.article_id = ? ORDER BY x.url",
        (article_id,),
    ).fetchall()
    return [Asset(url=str(url), media_type=str(kind), data=bytes(data)) for url, kind, data in rows]
