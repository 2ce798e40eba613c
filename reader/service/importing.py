"""Import many sources into the library: extraction spread over processes, writes here.

Workers only load and extract (pure CPU, no database); this process writes each article
in its own transaction as results arrive, so a crash or a cancel loses at most the
articles still being extracted, and a failing source never stops the others. No Qt: the
GUI runs ``import_sources`` in a worker thread with a progress callback and a cancel flag.
"""

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.errors import ReaderError
from reader.exchange.detect import is_export_folder
from reader.exchange.entries import Parsed
from reader.model import Article
from reader.service.highlighting import save_article
from reader.service.moving_in import Outcome, import_entries
from reader.service.pool import default_workers, run_in_processes
from reader.service.reading import Direct, Writes
from reader.store.library import Library
from reader.urls import is_url, normalize_url, refused_source, source_origin

# The extensions the loaders read; a folder is searched for these (an explicit file is
# always tried: the loaders sniff content, not names).
IMPORT_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".mhtml", ".mht", ".webarchive", ".txt"})
# "Save page, complete" folders hold the page's own frames and scripts, not articles.
SAVED_FILES_SUFFIXES = ("_files", "_archivos", "-Dateien", "_fichiers")
ImportStatus = Literal["added", "updated", "unchanged", "merged", "queued", "failed"]


@dataclass(frozen=True)
class ImportEvent:
    """One source finished: reported in order of completion, after its commit."""

    source: str
    status: ImportStatus
    done: int
    total: int
    article_id: int | None = None
    title: str | None = None
    error: str | None = None


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0  # an export's entries joined with the same article already kept
    queued: int = 0  # an export's addresses kept with no text yet: their pages to fetch
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why): no article
    cancelled: bool = False

    @property
    def failed(self) -> int:
        return len(self.failures)

    def line(self) -> str:
        text = (
            f"imported {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"failed {self.failed}"
        )
        if self.merged:
            text += f", merged {self.merged}"
        if self.queued:
            text += f", {self.queued} to fetch"
        if self.skipped:
            text += f", skipped {len(self.skipped)}"
        return text + (" (cancelled)" if self.cancelled else "")


ProgressCallback = Callable[[ImportEvent], None]


def collect_sources(sources: Iterable[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Expand folders (recursively, sorted) into files; URLs and files pass through.

    Returns (sources to import, failures) where a failure is a path that does not exist.
    Duplicates (the same file reached twice) are dropped.
    """
    found: list[str] = []
    failures: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(item: str, key: str) -> None:
        if key not in seen:
            seen.add(key)
            found.append(item)

    for source in sources:
        if is_url(source):
            add(source, normalize_url(source))
            continue
        refused = refused_source(source)
        if refused is not None:
            failures.append((source, refused))
            continue
        path = Path(source).expanduser()
        if path.is_dir() and is_export_folder(path):
            add(str(path), str(path.resolve()))  # an unpacked Pocket or Omnivore export
        elif path.is_dir():
            for file in _walk(path):
                add(str(file), str(file.resolve()))
        elif path.exists():
            add(source, str(path.resolve()))
        else:
            failures.append((source, "no such file or folder"))
    return found, failures


def _walk(top: Path) -> Iterator[Path]:
    """The pages under ``top`` in sorted order, each real folder visited once: a link to a
    folder is followed the first time only, so a link back up (a loop) ends there. No
    recursion: a folder nested ten thousand deep is only a longer list."""
    seen: set[tuple[int, int]] = set()
    levels: list[tuple[Iterator[Path], set[str]]] = []

    def enter(folder: Path) -> None:
        try:
            info = folder.stat()
            entries = sorted(folder.iterdir())
        except OSError:
            return
        if (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            levels.append((iter(entries), {entry.name for entry in entries}))

    enter(top)
    while levels:
        entries, names = levels[-1]
        entry = next(entries, None)
        if entry is None:
            levels.pop()
        elif _is_folder(entry):
            if not _is_saved_files_folder(entry.name, names):
                enter(entry)
        elif entry.suffix.lower() in IMPORT_EXTENSIONS and not entry.name.startswith("."):
            yield entry


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a link loop of its own, too long a name...
        return False


def _is_saved_files_folder(name: str, siblings: set[str]) -> bool:
    for suffix in SAVED_FILES_SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            if any(f"{stem}{ext}" in siblings for ext in (".html", ".htm", ".xhtml")):
                return True
    return False


def extract_source(source: str) -> tuple[Article | None, str | None]:
    """Worker: load and extract one source. Returns (article, None) or (None, reason)."""
    try:
        from reader.service.reading import read_article

        # a saved file brought its images; a fetched page must get them
        return read_article(source, images=True), None
    except ReaderError as error:
        return None, str(error)
    except Exception as error:  # one bad page must not end the whole import
        return None, f"unexpected {type(error).__name__}: {error}"


def _size(source: str) -> int:
    """Work estimate for scheduling: the file size (URLs count as small)."""
    if is_url(source):
        return 0
    try:
        return os.stat(source).st_size
    except OSError:
        return 0


def import_sources(
    sources: Iterable[str],
    library: Library | Writes,
    *,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    fork_safe: bool = True,
) -> ImportSummary:
    """Import every source; each article commits as soon as it is extracted.

    A source that is another reader's export (Pocket, Omnivore, wallabag...; told by
    content, reader.exchange.detect) brings its entries: kept with their state, merged
    with the same article already here, addresses without text queued to fetch
    (reader.service.moving_in). Every other source is a page, extracted in processes.

    ``library``: a Library written to at once, or a ``Writes`` runner (the window's writer
    thread, so an import's commits queue with the window's other writes, never beside them).
    ``fork_safe``: False in a process that runs threads of its own (the window), whose
    extraction processes must then start fresh rather than be forked."""
    writes = Direct(library) if isinstance(library, Library) else library
    files, failures = collect_sources(sources)
    exports, files = _exports(files, failures)
    summary = ImportSummary()
    total = len(files) + len(failures) + sum(parsed.total for _, parsed in exports)
    done = 0

    def report(event: ImportEvent) -> None:
        if progress is not None:
            progress(event)

    def failed(source: str, reason: str) -> None:
        nonlocal done
        done += 1
        summary.failures.append((source, reason))
        report(ImportEvent(source, "failed", done, max(total, done), error=reason))

    for source, reason in failures:
        failed(source, reason)

    def kept(outcome: Outcome) -> None:
        nonlocal done
        entry = outcome.entry
        where = entry.url or entry.where
        if outcome.status == "failed":
            failed(f"{entry.where}: {entry.url or entry.title}", outcome.error or "not kept")
            return
        done += 1
        status = outcome.status
        setattr(summary, status, getattr(summary, status) + 1)
        report(ImportEvent(where, status, done, max(total, done), outcome.article_id, entry.title))

    count = workers or default_workers()
    for source, parsed in exports:
        if cancel is not None and cancel.is_set():
            summary.cancelled = True
            break
        summary.cancelled = import_entries(
            parsed, writes, kept, workers=count, cancel=cancel, fork_safe=fork_safe
        )
        summary.skipped.extend((f"{source}: {where}", why) for where, why in parsed.skipped)
    if summary.cancelled:
        return summary

    def finish(
        source: str, result: tuple[Article | None, str | None] | None, crash: str | None
    ) -> None:
        nonlocal done
        article, reason = result or (None, crash)
        if article is None:
            failed(source, reason or "no article")
            return
        try:
            origin = source_origin(source)
            saved = writes(lambda into: save_article(into, article, origin=origin))
        except ReaderError as error:
            failed(source, str(error))
            return
        done += 1
        setattr(summary, saved.status, getattr(summary, saved.status) + 1)
        report(ImportEvent(source, saved.status, done, max(total, done), saved.id, article.title))

    files = sorted(files, key=_size, reverse=True)  # longest first: no straggler at the end
    summary.cancelled = run_in_processes(
        files,
        extract_source,
        finish,
        workers=min(count, len(files)),
        cancel=cancel,
        fork_safe=fork_safe,
    )
    return summary


def _exports(
    files: list[str], failures: list[tuple[str, str]]
) -> tuple[list[tuple[str, Parsed]], list[str]]:
    """(the exports among ``files`` with their entries, the pages); a damaged export is a
    failure of its own."""
    from reader.exchange.detect import read_export

    exports: list[tuple[str, Parsed]] = []
    pages: list[str] = []
    for source in files:
        if is_url(source):
            pages.append(source)
            continue
        try:
            parsed = read_export(Path(source))
        except ReaderError as error:
            failures.append((source, str(error)))
            continue
        if parsed is None:
            pages.append(source)
        else:
            exports.append((source, parsed))
    return exports, pages
