"""Another reader's export into the library: every entry kept with its state, the same
article never twice, addresses without text queued for the fetch queue.

Entries with a body (Omnivore, wallabag) are read again by Reader's extraction in worker
processes (reader.service.pool); their highlights are anchored there too. The rest is
cheap and is kept in batches, one transaction each, so ten thousand Pocket rows take
seconds, and a crash or a cancel loses at most the batch being written (an import run
again merges with what it already kept: nothing is doubled).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from reader.errors import ReaderError
from reader.exchange.entries import Entry, HighlightIn, Parsed
from reader.highlights.anchors import Anchor, describe, quote_anchor
from reader.model import Article
from reader.service.pool import run_in_processes
from reader.service.reading import Writes
from reader.store.fetch_queue import host_of
from reader.store.imported import Keep, Kept, KeptHighlight, KeptState
from reader.urls import is_url, source_origin

if TYPE_CHECKING:
    from reader.store import Library

BATCH = 500  # entries kept per transaction: quick to write, little lost to a crash
BATCH_SECONDS = 0.5  # and no result waits longer than this for its batch


OutcomeStatus = Literal["added", "merged", "queued", "failed"]


@dataclass(frozen=True)
class Outcome:
    """One entry done: its status and where it went."""

    entry: Entry
    status: OutcomeStatus
    article_id: int | None = None
    error: str | None = None


Report = Callable[[Outcome], None]


def import_entries(
    parsed: Parsed,
    writes: Writes,
    report: Report,
    *,
    workers: int,
    cancel: threading.Event | None = None,
    fork_safe: bool = True,
) -> bool:
    """Keep every entry of ``parsed``; ``report`` hears of each after its commit.
    Returns True when ``cancel`` stopped it."""
    batch = _Batch(writes, report)
    to_extract: list[Entry] = []

    def entries() -> list[Entry]:
        """Entries that need no extraction are kept as they come; the others wait."""
        for entry in parsed.entries:
            if cancel is not None and cancel.is_set():
                break
            if not entry.url and entry.article is None and entry.content_html is None:
                batch.fail(entry, "no address and no text")
            elif entry.content_html is not None and entry.article is None:
                to_extract.append(entry)
            else:
                batch.add(entry, keep_of(entry, entry.article))
        return to_extract

    def finish(entry: Entry, result: Extracted | None, crash: str | None) -> None:
        if result is None or result.article is None:
            reason = crash or (result.error if result is not None else None) or "no article"
            if entry.url:  # the body did not read as an article: fetch the page instead
                batch.add(entry, keep_of(entry, None))
            else:
                batch.fail(entry, reason)
            return
        batch.add(entry, keep_of(entry, result.article, result.highlights))

    try:
        pending = entries()
        batch.flush()
        cancelled = cancel is not None and cancel.is_set()
        if pending and not cancelled:
            count = min(workers, len(pending))
            cancelled = run_in_processes(
                pending, extract_entry, finish, workers=count, cancel=cancel, fork_safe=fork_safe
            )
    finally:
        batch.flush()
    return cancelled


class _Batch:
    """Kept entries gathered and written together, each reported after its commit."""

    def __init__(self, writes: Writes, report: Report) -> None:
        self.writes = writes
        self.report = report
        self.items: list[tuple[Entry, Keep]] = []
        self.started = 0.0

    def add(self, entry: Entry, item: Keep) -> None:
        if not self.items:
            self.started = time.monotonic()
        self.items.append((entry, item))
        if len(self.items) >= BATCH or time.monotonic() - self.started > BATCH_SECONDS:
            self.flush()

    def fail(self, entry: Entry, reason: str) -> None:
        self.flush()  # reports stay in file order
        self.report(Outcome(entry, "failed", error=reason))

    def flush(self) -> None:
        items, self.items = self.items, []
        if not items:
            return
        keeps = [item for _, item in items]
        try:
            kept = self.writes(lambda library: _keep_all(library, keeps))
        except ReaderError as error:
            for entry, _ in items:
                self.report(Outcome(entry, "failed", error=str(error)))
            return
        for (entry, _), result in zip(items, kept, strict=True):
            self.report(Outcome(entry, result.status, result.article_id))


def _keep_all(library: Library, keeps: list[Keep]) -> list[Kept]:
    """Keep the batch, then find merged articles' new highlights in their text."""
    from reader.service.highlighting import reattach_article

    kept = library.keep_imported(keeps)
    for result in kept:
        if result.status == "merged" and result.new_highlights:
            reattach_article(library, result.article_id)
    return kept


# -- an entry as the library keeps it ------------------------------------------------------


def keep_of(
    entry: Entry, article: Article | None, anchored: tuple[KeptHighlight, ...] | None = None
) -> Keep:
    """What the library keeps of an entry: ``article`` (read from its body, or Reader's
    own), else a placeholder with its title and address, its page queued."""
    state = KeptState(
        starred=entry.starred,
        archived=entry.archived,
        read=entry.read,
        tags=entry.tags,
        saved_at=entry.saved_at,
        opened_at=entry.opened_at,
        updated_at=entry.updated_at,
        position=entry.position or progress_position(entry.progress),
        listen_position=entry.listen_position,
        listen_rank=entry.listen_rank,
    )
    url = entry.url or (article.url if article is not None else None)
    origin = source_origin(url) if url and is_url(url) else None
    if article is None:
        return Keep(
            article=placeholder(entry),
            state=state,
            origin=origin,
            fetch=entry.url,
            highlights=tuple(_quoted(mark) for mark in entry.highlights),
        )
    if anchored is None:
        anchored = tuple(_as_kept(mark) for mark in entry.highlights)
    return Keep(
        article=article,
        state=state,
        origin=origin if entry.article is None else source_origin(article.source),
        highlights=anchored,
        read_stories=frozenset(entry.read_stories),
    )


def progress_position(progress: float | None) -> str | None:
    """Another reader's "42 % read" as a reading position the view understands."""
    if progress is None or progress <= 0:
        return None
    return f"{min(progress, 1.0) * 100:.1f}%"


def placeholder(entry: Entry) -> Article:
    """The article an address stands for until its page arrives: its title (or the
    address) and the metadata the export had, no text."""
    url = entry.url or ""
    host = host_of(url).removeprefix("www.")
    return Article(
        source=url,
        title=" ".join(entry.title.split()) or url,
        content_html="",
        text="",
        url=url,
        byline=entry.byline,
        published=entry.published,
        site_name=host or None,
        lang=entry.lang,
        excerpt=entry.excerpt,
        lead_image=entry.lead_image,
        word_count=0,
        reading_minutes=0,
        readerable=False,
    )


def _as_kept(mark: HighlightIn) -> KeptHighlight:
    """A highlight with Reader's own anchor (its export): kept exactly."""
    anchor = Anchor(mark.quote, mark.prefix, mark.suffix, mark.start, mark.end, mark.length)
    return KeptHighlight(
        anchor, mark.color, mark.note, mark.created_at, mark.updated_at, mark.detached
    )


def _quoted(mark: HighlightIn) -> KeptHighlight:
    """A quote with no text to find it in yet: detached until its article is fetched."""
    wanted = quote_anchor(mark.quote)
    return KeptHighlight(
        Anchor(wanted.exact, mark.prefix, mark.suffix),
        mark.color,
        mark.note,
        mark.created_at,
        mark.updated_at,
        detached=True,
    )


# -- in a worker process ---------------------------------------------------------------------


@dataclass(frozen=True)
class Extracted:
    article: Article | None
    highlights: tuple[KeptHighlight, ...] = ()
    error: str | None = None


def extract_entry(entry: Entry) -> Extracted:
    """Worker: the entry's body read as an article, its highlights found in the text."""
    from reader.service.reading import extract_article

    try:
        article = extract_article(_page_of(entry), url=entry.url)
    except ReaderError as error:
        return Extracted(None, error=str(error))
    except Exception as error:  # one bad body must not end the whole import
        return Extracted(None, error=f"unexpected {type(error).__name__}: {error}")
    article = replace(
        article,
        source=entry.url or entry.where,
        title=" ".join(entry.title.split()) or article.title,
        byline=entry.byline or article.byline,
        published=entry.published or article.published,
        lang=entry.lang or article.lang,
        excerpt=entry.excerpt or article.excerpt,
        lead_image=entry.lead_image or article.lead_image,
    )
    return Extracted(article, anchor_highlights(article, entry.highlights))


def anchor_highlights(
    article: Article, marks: tuple[HighlightIn, ...]
) -> tuple[KeptHighlight, ...]:
    """Each quote found in the article's text (as the view lays it out), else detached."""
    if not marks:
        return ()
    from reader.highlights.attach import Matcher
    from reader.highlights.text import anchor_text

    text = anchor_text(article)
    matcher = Matcher(text)
    kept = []
    for mark in marks:
        wanted = _quoted(mark)
        found = matcher.attach(wanted.anchor)
        anchor = None if found is None else describe(text, found.start, found.end)
        kept.append(
            replace(wanted, anchor=anchor, detached=False) if anchor is not None else wanted
        )
    return tuple(kept)


def _page_of(entry: Entry) -> str:
    """The body another reader kept, as a page the extraction reads."""
    import html

    title = html.escape(" ".join(entry.title.split()))
    lang = f' lang="{html.escape(entry.lang)}"' if entry.lang else ""
    return (
        f'<!doctype html><html{lang}><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><article>{entry.content_html or ''}</article></body></html>"
    )
