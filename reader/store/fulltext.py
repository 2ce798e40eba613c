"""Running a search: the parsed query (reader.store.search) against the FTS5 index."""

import sqlite3

from reader.store import search
from reader.store.rows import ROW_COLUMNS, ROW_WIDTH, SearchHit, Snippet, search_hit

SNIPPET_TOKENS = 24
# Private-use characters mark snippet highlights so escaping cannot confuse them with text.
HIT_START, HIT_END = "\ue000", "\ue001"


def search_articles(
    conn: sqlite3.Connection, query: str, limit: int, offset: int
) -> list[SearchHit]:
    """Search title, byline, site, text and tags (syntax: reader.store.search)."""
    parsed = search.parse(query)
    conditions, params = parsed.filters("a.deleted_at IS NULL", "a.id", "articles_fts")
    where = " AND ".join(conditions)
    if parsed.match is None:
        if not parsed.conditions and parsed.exclude is None:
            return []
        rows = conn.execute(
            f"SELECT {ROW_COLUMNS}, a.excerpt FROM articles a WHERE {where}"
            " ORDER BY a.saved_at DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [search_hit(row[:ROW_WIDTH], _snippet(row[ROW_WIDTH] or ""), 0.0) for row in rows]
    # CROSS JOIN keeps FTS5 outermost: it sorts by rank itself, so the filters run only
    # for the rows actually returned, never for every match.
    rows = conn.execute(
        f"SELECT {ROW_COLUMNS}, f.rank"
        " FROM articles_fts f CROSS JOIN articles a ON a.id = f.rowid"
        f" WHERE articles_fts MATCH ? AND {where} ORDER BY f.rank LIMIT ? OFFSET ?",
        [parsed.match, *params, limit, offset],
    ).fetchall()
    snippets = _snippets(conn, parsed.highlight or parsed.match, [row[0] for row in rows])
    return [
        search_hit(row[:ROW_WIDTH], _snippet(snippets.get(row[0], "")), float(row[ROW_WIDTH]))
        for row in rows
    ]


def _snippets(conn: sqlite3.Connection, highlight: str, ids: list[int]) -> dict[int, str]:
    """Snippets for the hits shown only, marking the first terms of the query (their cost
    grows with the square of the terms marked)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT rowid, snippet(articles_fts, -1, ?, ?, '…', {SNIPPET_TOKENS:d})"
        f" FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})",
        [HIT_START, HIT_END, highlight, *ids],
    ).fetchall()
    return {int(row[0]): str(row[1] or "") for row in rows}


def _snippet(text: str) -> Snippet:
    """FTS5's snippet, marks and all, as (text, is a match) parts: the store writes no
    markup, and each reader of a hit (the window, the terminal, JSON) marks it its own way."""
    parts: list[tuple[str, bool]] = []
    for number, piece in enumerate(" ".join(text.split()).split(HIT_START)):
        match, _, rest = piece.partition(HIT_END) if number else ("", "", piece)
        if match:
            parts.append((match, True))
        if rest:
            parts.append((rest, False))
    return tuple(parts)
