"""Is this file (or folder) another reader's export, and which? Decided by content, as
the page loaders decide, never by the name alone: a Pocket export is a ".html" page and
a bookmarks file too, a wallabag export and Reader's own are JSON.

``read_export`` returns the export's entries, or None for anything else (a saved page,
which the loaders read as before).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from reader.errors import LoadError
from reader.exchange import bookmarks, csv_exports, native, omnivore, opml, pocket, wallabag
from reader.exchange.archive import FolderFiles, ZipFiles
from reader.exchange.entries import Parsed

SAMPLE_BYTES = 64 * 1024
# An export read whole (JSON, CSV, HTML) larger than this is refused with a reason.
MAX_EXPORT_BYTES = 1024 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"


def read_export(path: Path) -> Parsed | None:
    """The entries of the export at ``path`` (a file, or an unpacked Pocket or Omnivore
    export folder), None when it is no export Reader knows. LoadError: it is one, but
    damaged."""
    if path.is_dir():
        return _folder(path)
    try:
        with path.open("rb") as file:
            head = file.read(SAMPLE_BYTES)
    except OSError as error:
        raise LoadError(f"{path}: {error.strerror or error}") from None
    if head.startswith(ZIP_MAGIC):
        return _zip(path)
    sample = head.decode("utf-8-sig", errors="replace").lstrip("\ufeff")
    label = path.name
    first_line = sample.split("\n", 1)[0].strip()
    if native.is_native(first_line):
        parsed = native.read(_lines_after_header(path), label)
        parsed.total = _count_lines(path) - 1
        return parsed
    if bookmarks.is_bookmarks(sample):
        return bookmarks.read(_text(path), label)
    if pocket.is_pocket_html(sample):
        return pocket.read_html(_text(path), label)
    if opml.is_opml(sample):
        return opml.read(_bytes(path), label)
    kind = csv_exports.csv_format(first_line)
    if kind is not None:
        text = _text(path)
        parsed = Parsed(kind, iter(()), csv_exports.count_rows(text))
        parsed.entries = csv_exports.read_rows(text, kind, label, parsed.skipped)
        return parsed
    if sample.lstrip().startswith("["):
        return _json_list(path)
    return None


def is_export_folder(path: Path) -> bool:
    try:
        names = [entry.name for entry in path.iterdir() if entry.is_file()]
    except OSError:
        return False
    return pocket.is_pocket_export(names) or omnivore.is_omnivore(names)


def _folder(path: Path) -> Parsed | None:
    if not is_export_folder(path):
        return None
    files = FolderFiles(path)
    names = files.names()
    if omnivore.is_omnivore(names):
        return omnivore.read(files, path.name)
    return pocket.read_files(files)


def _zip(path: Path) -> Parsed | None:
    files = ZipFiles(path)
    names = files.names()
    if pocket.is_pocket_export(names):
        return pocket.read_files(files)
    if omnivore.is_omnivore(names):
        return omnivore.read(files, path.name)
    files.close()
    return None


def _json_list(path: Path) -> Parsed | None:
    try:
        data = json.loads(_text(path))
    except ValueError:
        return None  # not JSON after all: let the loaders say what it is
    if wallabag.looks_like_wallabag(data):
        return wallabag.read(data, path.name)
    if _looks_like_omnivore(data):
        return omnivore.read(FolderFiles(path.parent), path.name, only=path.name)
    return None


def _looks_like_omnivore(data: object) -> bool:
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        return False
    return "slug" in data[0] and "savedAt" in data[0]


def _bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_EXPORT_BYTES:
            raise LoadError(f"{path.name}: larger than {MAX_EXPORT_BYTES // 2**20} MB")
        return path.read_bytes()
    except OSError as error:
        raise LoadError(f"{path}: {error.strerror or error}") from None


def _text(path: Path) -> str:
    return _bytes(path).decode("utf-8-sig", errors="replace")


def _lines_after_header(path: Path) -> Iterator[str]:
    """The lines of Reader's export after its header, read as they are asked for."""
    try:
        file = path.open(encoding="utf-8")
    except OSError as error:
        raise LoadError(f"{path}: {error.strerror or error}") from None
    with file:
        next(file, None)
        yield from file


def _count_lines(path: Path) -> int:
    count = 0
    try:
        with path.open("rb") as file:
            while block := file.read(1024 * 1024):
                count += block.count(b"\n")
    except OSError as error:
        raise LoadError(f"{path}: {error.strerror or error}") from None
    return count
