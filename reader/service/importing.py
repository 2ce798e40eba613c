"""Import many sources into the library: extraction spread over processes, writes here.

Workers only load and extract (pure CPU, no database); this process writes each article
in its own transaction as results arrive, so a crash or a cancel loses at most the
articles still being extracted, and a failing source never stops the others. No Qt: the
GUI runs ``import_sources`` in a worker thread with a progress callback and a cancel flag.
"""

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.errors import ReaderError
from reader.model import Article
from reader.service.highlighting import save_article
from reader.service.reading import Direct, Writes
from reader.store.library import Library
from reader.urls import is_url, normalize_url, source_origin, unsupported_address

# The extensions the loaders read; a folder is searched for these (an explicit file is
# always tried: the loaders sniff content, not names).
IMPORT_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".mhtml", ".mht", ".webarchive", ".txt"})
# "Save page, complete" folders hold the page's own frames and scripts, not articles.
SAVED_FILES_SUFFIXES = ("_files", "_archivos", "-Dateien", "_fichiers")
IN_FLIGHT_PER_WORKER = 4  # enough queued work to keep every core busy, bounded memory

ImportStatus = Literal["added", "updated", "unchanged", "failed"]


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
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    cancelled: bool = False

    @property
    def failed(self) -> int:
        return len(self.failures)

    def line(self) -> str:
        text = (
            f"imported {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"failed {self.failed}"
        )
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
        refused = unsupported_address(source)
        if refused is not None:
            failures.append((source, refused))
            continue
        path = Path(source).expanduser()
        if path.is_dir():
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


def _pool_context(fork_safe: bool) -> multiprocessing.context.BaseContext:
    """fork is cheapest (workers inherit imported modules) but unsafe in a process with
    threads of its own (a GUI): the caller says which it is."""
    if sys.platform.startswith("linux") and fork_safe:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


# Modules a worker needs; imported here before forking so that workers start warm.
PRELOAD_MODULES = ("reader.extract.pipeline", "reader.load.files", "lxml.html", "readability")


def _preload() -> None:
    import importlib

    for name in PRELOAD_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _size(source: str) -> int:
    """Work estimate for scheduling: the file size (URLs count as small)."""
    if is_url(source):
        return 0
    try:
        return os.stat(source).st_size
    except OSError:
        return 0


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def import_sources(
    sources: Iterable[str],
    library: Library | Writes,
    *,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    fork_safe: bool = True,
) -> ImportSummary:
    """Import every source; each article commits alone as soon as it is extracted.

    ``library``: a Library written to at once, or a ``Writes`` runner (the window's writer
    thread, so an import's commits queue with the window's other writes, never beside them).
    ``fork_safe``: False in a process that runs threads of its own (the window), whose
    extraction processes must then start fresh rather than be forked."""
    writes = Direct(library) if isinstance(library, Library) else library
    files, failures = collect_sources(sources)
    summary = ImportSummary()
    total = len(files) + len(failures)
    done = 0

    def report(event: ImportEvent) -> None:
        if progress is not None:
            progress(event)

    for source, reason in failures:
        done += 1
        summary.failures.append((source, reason))
        report(ImportEvent(source, "failed", done, total, error=reason))

    def finish(source: str, article: Article | None, reason: str | None) -> None:
        nonlocal done
        done += 1
        if article is None:
            reason = reason or "no article"
            summary.failures.append((source, reason))
            report(ImportEvent(source, "failed", done, total, error=reason))
            return
        try:
            origin = source_origin(source)
            result = writes(lambda into: save_article(into, article, origin=origin))
        except ReaderError as error:
            summary.failures.append((source, str(error)))
            report(ImportEvent(source, "failed", done, total, error=str(error)))
            return
        setattr(summary, result.status, getattr(summary, result.status) + 1)
        report(ImportEvent(source, result.status, done, total, result.id, article.title))

    count = min(workers or default_workers(), len(files))
    if count <= 1:
        for source in files:
            if cancel is not None and cancel.is_set():
                summary.cancelled = True
                break
            finish(source, *extract_source(source))
        return summary

    context = _pool_context(fork_safe)
    files = sorted(files, key=_size, reverse=True)  # longest first: no straggler at the end
    if context.get_start_method() == "fork":
        _preload()
    pool = ProcessPoolExecutor(
        max_workers=count,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    try:
        summary.cancelled = _run_pool(pool, files, count, finish, cancel)
    except BaseException:  # an interrupt: keep what is committed, stop the workers now
        _stop_workers(pool)
        raise
    if summary.cancelled:
        _stop_workers(pool)
    else:
        pool.shutdown(wait=True)
    return summary


def _start_worker(parent_pid: int) -> None:
    """Workers leave Ctrl+C to the main process (which stops them), and end by themselves
    when it dies, even by SIGKILL (reader.lifeline)."""
    from reader.lifeline import bind_to_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    bind_to_parent(parent_pid)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers at once: an extraction in progress is
    thrown away (its source was not committed), nobody waits for it."""
    pool.shutdown(wait=False, cancel_futures=True)
    kill = getattr(pool, "kill_workers", None)  # Python 3.14
    if kill is not None:
        kill()
        return
    # Before 3.14 the executor keeps its processes here (pid -> Process), and nowhere public.
    processes = dict(getattr(pool, "_processes", None) or {})
    for process in processes.values():
        with contextlib.suppress(OSError, ValueError):
            process.kill()
    for process in processes.values():
        with contextlib.suppress(OSError, ValueError, AssertionError):
            process.join(timeout=1)


def _run_pool(
    pool: Executor,
    files: list[str],
    workers: int,
    finish: Callable[[str, Article | None, str | None], None],
    cancel: threading.Event | None,
) -> bool:
    """Feed the pool a bounded window of sources; returns True when cancelled."""
    queue = iter(files)
    running: dict[Future[tuple[Article | None, str | None]], str] = {}

    def refill() -> None:
        while len(running) < workers * IN_FLIGHT_PER_WORKER:
            source = next(queue, None)
            if source is None:
                return
            try:
                running[pool.submit(extract_source, source)] = source
            except BrokenProcessPool:
                finish(source, None, "the extraction process crashed")

    refill()
    while running:
        finished, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
        for future in finished:  # what is extracted is kept, even when cancelling
            source = running.pop(future)
            try:
                article, reason = future.result()
            except BrokenProcessPool:
                article, reason = None, "the extraction process crashed"
            except Exception as error:  # unpicklable result and the like
                article, reason = None, f"unexpected {type(error).__name__}: {error}"
            finish(source, article, reason)
        if cancel is not None and cancel.is_set():
            return True
        refill()
    return False
