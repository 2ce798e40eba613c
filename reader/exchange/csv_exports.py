"""The CSV exports: Pocket (2025), Instapaper and Readwise Reader, told apart by their
header row.

- Pocket: ``title,url,time_added,tags,status``; tags joined by ``|``, status ``unread``
  or ``archive``, time_added in Unix seconds.
- Instapaper: ``URL,Title,Selection,Folder[,Timestamp,Tags]``; Folder ``Unread``,
  ``Archive``, ``Starred`` or a folder of the person's (kept as a tag); Tags a JSON list.
- Readwise Reader: ``Title,URL,ID,Document tags,Saved date,Reading progress,Location,
  Seen``; tags a list literal (``['a', 'b']``), progress 0..1, Location ``new``,
  ``later``, ``shortlist``, ``archive`` or ``feed``.
"""

from __future__ import annotations

import ast
import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator

from reader.exchange.dates import timestamp
from reader.exchange.entries import Entry
from reader.tags import clean_tags

# A cell this long is no title or address (csv's own default limit is 128 KB).
MAX_CELL = 10 * 1024 * 1024
# A tags cell longer than this is not a list of tags (and literal_eval would pay for it).
MAX_TAGS_CELL = 64 * 1024
# Reading progress from which an article counts as read.
READ_FROM = 0.95

Row = dict[str, str]


def header(first_line: str) -> tuple[str, ...]:
    """The lower-cased column names of a CSV's first line."""
    try:
        names = next(csv.reader([first_line]))
    except (csv.Error, StopIteration):
        return ()
    return tuple(name.strip().lower() for name in names)


def pocket_row(row: Row, where: str) -> Entry:
    tags = clean_tags(row.get("tags", "").split("|"))
    archived = row.get("status", "").strip().lower() in ("archive", "archived", "read")
    return Entry(
        where=where,
        url=_cell(row, "url"),
        title=row.get("title", "").strip(),
        tags=tags,
        saved_at=timestamp(row.get("time_added")),
        archived=archived,
        read=archived,
    )


INSTAPAPER_FOLDERS = {"unread": "unread", "archive": "archive", "starred": "starred"}


def instapaper_row(row: Row, where: str) -> Entry:
    folder = row.get("folder", "").strip()
    kind = INSTAPAPER_FOLDERS.get(folder.lower())
    tags = list(_json_list(row.get("tags", "")))
    if kind is None and folder:
        tags.insert(0, folder)  # a folder of the person's own
    archived = kind == "archive"
    return Entry(
        where=where,
        url=_cell(row, "url"),
        title=row.get("title", "").strip(),
        excerpt=_cell(row, "selection"),
        tags=clean_tags(tags),
        saved_at=timestamp(row.get("timestamp")),
        starred=kind == "starred",
        archived=archived,
        read=archived,
    )


def readwise_row(row: Row, where: str) -> Entry:
    location = row.get("location", "").strip().lower()
    progress = _fraction(row.get("reading progress"))
    archived = location == "archive"
    return Entry(
        where=where,
        url=_cell(row, "url"),
        title=row.get("title", "").strip(),
        tags=clean_tags(_literal_list(row.get("document tags", ""))),
        saved_at=timestamp(row.get("saved date")),
        progress=progress,
        starred=location == "shortlist",
        archived=archived,
        read=archived or (progress is not None and progress >= READ_FROM),
    )


# format name -> (columns that must all be in the header, row reader)
FORMATS: dict[str, tuple[frozenset[str], Callable[[Row, str], Entry]]] = {
    "pocket": (frozenset({"title", "url", "time_added", "tags", "status"}), pocket_row),
    "instapaper": (frozenset({"url", "title", "selection", "folder"}), instapaper_row),
    "readwise": (
        frozenset({"title", "url", "document tags", "saved date", "location"}),
        readwise_row,
    ),
}


# format name -> why a row is no saved article (None: it is one)
NOT_SAVED: dict[str, Callable[[Row], str | None]] = {
    "readwise": lambda row: (
        "a feed item (never saved to the library)"
        if row.get("location", "").strip().lower() == "feed"
        else None
    ),
}


def csv_format(first_line: str) -> str | None:
    """Which export a CSV is, from its header row (None: not one Reader knows)."""
    columns = set(header(first_line))
    for name, (needed, _) in FORMATS.items():
        if needed <= columns:
            return name
    return None


def read_rows(
    text: str, name: str, label: str, skipped: list[tuple[str, str]] | None = None
) -> Iterator[Entry]:
    """Every row of a CSV export of format ``name`` as an Entry; ``label`` names the
    file in reports ("part_000000.csv line 12"). Rows that were never saved (Readwise's
    feed) go to ``skipped`` with the reason."""
    _, row_entry = FORMATS[name]
    csv.field_size_limit(MAX_CELL)
    reader = csv.DictReader(io.StringIO(text))
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or ()]
    for row in reader:
        cells = {key: value or "" for key, value in row.items() if key}
        where = _line(label, reader)
        reason = NOT_SAVED.get(name, lambda _row: None)(cells)
        if reason is None:
            yield row_entry(cells, where)
        elif skipped is not None:
            skipped.append((where, reason))


def count_rows(text: str) -> int:
    """Rows after the header (a quoted cell may hold line breaks: the csv module counts)."""
    csv.field_size_limit(MAX_CELL)
    return max(sum(1 for _ in csv.reader(io.StringIO(text))) - 1, 0)


def _line(label: str, reader: csv.DictReader[str]) -> str:
    return f"{label} line {reader.line_num}"


def _cell(row: Row, key: str) -> str | None:
    value = row.get(key, "").strip()
    return value or None


def _fraction(value: str | None) -> float | None:
    try:
        number = float((value or "").strip())
    except ValueError:
        return None
    if number != number or number < 0:  # NaN, negative
        return None
    return min(number / 100 if number > 1 else number, 1.0)


def _json_list(text: str) -> Iterable[str]:
    text = text.strip()
    if not text:
        return ()
    try:
        value = json.loads(text)
    except ValueError:
        return text.split(",")
    return [str(item) for item in value] if isinstance(value, list) else ()


def _literal_list(text: str) -> Iterable[str]:
    """Readwise writes tags as a Python-style list (``['a', "b's"]``); read it without
    evaluating anything but literals."""
    text = text.strip()
    if not text or len(text) > MAX_TAGS_CELL:
        return ()
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return text.strip("[]").split(",")
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return (str(value),)
