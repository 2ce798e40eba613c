"""Extract saved articles again from the originals kept with them (issue 18).

Today's extractor (and the site's rules) run on each stored original in processes, and
each new text takes its article's place in a transaction of its own: state, tags,
reading position and saved date stay, highlights move with their quotes
(reader.highlights.attach.reattach). Articles saved before Reader kept originals have
nothing to extract from: they are counted and left as they are. No Qt: the window runs
``reextract_saved`` in a child process (reader.service.child_process), so neither the
extraction nor the writes share the window's GIL; a terminal runs ``reextract`` directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reader.errors import ReaderError
from reader.highlights.anchors import Anchor
from reader.model import Article, Page
from reader.service.pool import default_workers, run_in_processes
from reader.store.highlights import Highlight
from reader.store.library import Library

if TYPE_CHECKING:
    from reader.service.child_process import Report, StopFlag

Outcome = Literal["reextracted", "unchanged", "no_original", "failed"]


@dataclass(frozen=True)
class ReextractEvent:
    """One article done (reported after its commit)."""

    article_id: int
    outcome: Outcome
    done: int
    total: int
    title: str | None = None
    error: str | None = None


@dataclass
class ReextractSummary:
    reextracted: int = 0
    unchanged: int = 0
    no_original: int = 0  # saved before originals were kept: nothing to extract from
    failures: list[tuple[int, str]] = field(default_factory=list)  # (article id, reason)
    cancelled: bool = False

    def line(self) -> str:
        parts = [f"{self.reextracted} re-extracted", f"{self.unchanged} unchanged"]
        if self.no_original:
            parts.append(f"{self.no_original} skipped (saved before originals were kept)")
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        return ", ".join(parts) + (" (stopped)" if self.cancelled else "")


ProgressCallback = Callable[[ReextractEvent], None]


def extract_original(item: tuple[int, Page]) -> tuple[Article | None, str | None]:
    """Worker: the article of one original page, or (None, reason)."""
    from reader.service.site_rules import extract_page

    try:  # the original stays here: the library has it already
        return replace(extract_page(item[1]), original=None), None
    except ReaderError as error:
        return None, str(error)
    except Exception as error:  # one bad page must not end the whole run
        return None, f"unexpected {type(error).__name__}: {error}"


def move_highlights(
    old: Article, new: Article, highlights: list[Highlight]
) -> list[tuple[int, Anchor | None]]:
    """Each highlight found again in the new text by its quote (None: detached)."""
    from reader.highlights.attach import reattach
    from reader.highlights.text import anchor_text

    found = reattach(
        anchor_text(old), anchor_text(new), [highlight.anchor for highlight in highlights]
    )
    return [
        (highlight.id, None if place is None else place.anchor)
        for highlight, place in zip(highlights, found, strict=True)
    ]


def reextract(
    library: Library,
    *,
    host: str | None = None,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: StopFlag | None = None,
    fork_safe: bool = True,
) -> ReextractSummary:
    """Extract every live article again (``host``: only that site's) from its original."""
    candidates = library.reextract_candidates(host)
    summary = ReextractSummary()
    total = len(candidates)
    done = 0

    def report(article_id: int, outcome: Outcome, title: str | None, error: str | None) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(ReextractEvent(article_id, outcome, done, total, title, error))

    def originals() -> Iterator[tuple[int, Page]]:
        for article_id, has_original in candidates:
            page = None
            if has_original:
                try:
                    page = library.original(article_id)
                except ReaderError as error:  # damaged, or deleted meanwhile
                    summary.failures.append((article_id, str(error)))
                    report(article_id, "failed", None, str(error))
                    continue
            if page is None:
                summary.no_original += 1
                report(article_id, "no_original", None, None)
                continue
            yield article_id, page

    def finish(
        item: tuple[int, Page], result: tuple[Article | None, str | None] | None, crash: str | None
    ) -> None:
        article_id = item[0]
        article, reason = result or (None, crash)
        if article is None:
            summary.failures.append((article_id, reason or "no article"))
            report(article_id, "failed", None, reason)
            return
        try:
            changed = library.replace_extraction(article_id, article, move_highlights)
        except ReaderError as error:
            summary.failures.append((article_id, str(error)))
            report(article_id, "failed", article.title, str(error))
            return
        if changed:
            summary.reextracted += 1
        else:
            summary.unchanged += 1
        report(article_id, "reextracted" if changed else "unchanged", article.title, None)

    with_original = sum(1 for _, has in candidates if has)
    count = min(workers or default_workers(), max(1, with_original))
    summary.cancelled = run_in_processes(
        originals(), extract_original, finish, workers=count, cancel=cancel, fork_safe=fork_safe
    )
    return summary


def reextract_saved(
    library_path: Path | None, host: str | None, report: Report, stop: StopFlag
) -> ReextractSummary:
    """``reextract`` on the library at ``library_path`` (None: the default one), as a
    child process runs it for the window: events go to ``report``, ``stop`` cancels. The
    child has no thread but lifeline's watch (which holds no lock), so its extraction
    workers are forked: they start warm."""
    with Library(library_path) as library:
        return reextract(library, host=host, progress=report, cancel=stop)
