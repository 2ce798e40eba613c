"""Schema history as data, applied in order by ``PRAGMA user_version``.

Every schema the library ever had stays here as one SQL step, so an old file can be
brought up to date and tests can build each old schema and migrate from it. A file with
a version newer than this list was written by a newer Reader and is refused untouched.
"""

import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reader.errors import StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    script: str  # file name next to this module

    def sql(self) -> str:
        return resources.files("reader.store").joinpath(self.script).read_text("utf-8")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "minimal library: articles, bodies, assets, stories", "m001_minimal.sql"),
    Migration(2, "state, tags, soft delete, FTS5 search, story aggregates", "m002_library.sql"),
    Migration(3, "listening: queue and per-article listening position", "m003_listening.sql"),
    Migration(4, "the list each recommended story sat in, per article", "m004_story_lists.sql"),
    Migration(
        5, "For you: story words, the bundled sample's stories not counted", "m005_for_you.sql"
    ),
    Migration(6, "highlights and notes, their words in the search index", "m006_highlights.sql"),
    Migration(7, "the fetch queue of imported addresses, text keys", "m007_fetch_queue.sql"),
    Migration(8, "the original page kept with each article saved", "m008_originals.sql"),
    Migration(9, "the later pages of an article fetched over several", "m009_original_pages.sql"),
    Migration(10, "originals kept with zstd, each page with its codec", "m010_original_codec.sql"),
    Migration(11, "soft hyphens out of the article search index", "m011_search_soft_hyphens.sql"),
    Migration(
        12,
        "soft hyphens out of the stories' and highlights' indexes",
        "m012_words_soft_hyphens.sql",
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_not_newer(version: int, path: Path | str) -> None:
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"library {path} was written by a newer Reader "
            f"(schema {version}, this Reader knows {SCHEMA_VERSION})"
        )


def migrate(conn: sqlite3.Connection, path: Path | str, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing steps up to ``target``, each in its own transaction.

    ``conn`` must be in autocommit mode (isolation_level=None). Returns the final version.
    Raises StoreError for a newer file; sqlite3 errors propagate for the caller to word.
    """
    version = schema_version(conn)
    check_not_newer(version, path)
    for step in MIGRATIONS:
        if step.version <= version or step.version > target:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if schema_version(conn) >= step.version:
                conn.execute("COMMIT")
                continue
            for statement in _statements(step.sql()):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step.version:d}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        version = step.version
    return version


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (triggers contain inner semicolons)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not current.strip():
            continue
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
