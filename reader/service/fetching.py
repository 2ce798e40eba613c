"""The fetch queue's runner: imported addresses fetched in turn, politely, resumably.

At most ``per_host`` requests to one host at a time and ``delay`` seconds between two
to the same host; requests spread over hosts (the next page of each host is asked for,
not the next hundred of one). A failure that may pass (a timeout, a 5xx or 429, a
dropped connection) is tried again later, after 30 s, 2 min, 10 min (or what the server
asked with Retry-After); then it is failed for good, with its reason. A site that wants
a login is set aside as "login" until one is stored (the site logins flow), then
queued again.

One runner per library at a time (a lock file beside it). Everything is in the library:
each page's article and its "fetched" mark commit together, so after a crash or a
kill -9 a new runner queues again only what was being fetched, and nothing fetched is
fetched again. Fetching and extraction run in threads; the library is written on the
runner's thread.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from reader.errors import FetchCancelled, LoginRequired, ReaderError, TemporaryFetchError
from reader.model import Article
from reader.store import Library
from reader.store.fetch_queue import QueueCounts, QueuedFetch
from reader.urls import source_origin

# Seconds to wait before the 2nd, 3rd, 4th try of a page whose failure may pass; after
# the last, it has failed for good.
RETRY_DELAYS = (30.0, 120.0, 600.0)
MAX_RETRY_AFTER = 3600.0  # a server asking to wait longer is not waited for longer
IDLE_POLL = 0.5  # seconds between looks at the queue while nothing is due
LOCK_SUFFIX = ".fetch-lock"
LOGIN_PAGES_AT_MOST = 100_000  # pages behind logins looked at when a login is stored

FetchState = Literal["fetched", "failed", "login", "retry"]


class FetchBusy(ReaderError):
    """Another Reader is fetching this library's queue."""


@dataclass(frozen=True)
class FetchPolicy:
    per_host: int = 2
    delay: float = 1.0  # seconds between the starts of two requests to one host
    workers: int = 6  # requests at a time, over all hosts
    retry_delays: tuple[float, ...] = RETRY_DELAYS
    timeout: float | None = None  # connect and read timeouts (None: the fetcher's own)


@dataclass(frozen=True)
class FetchEvent:
    """One page done (or set aside to try again); ``counts``: the queue after it."""

    article_id: int
    url: str
    state: FetchState
    counts: QueueCounts
    title: str = ""
    reason: str = ""


@dataclass
class FetchSummary:
    fetched: int = 0
    failed: int = 0
    login: int = 0
    retried: int = 0
    cancelled: bool = False
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)

    def line(self) -> str:
        text = f"fetched {self.fetched}, failed {self.failed}, login needed {self.login}"
        return text + (" (stopped: `reader fetch` resumes)" if self.cancelled else "")


FetchProgress = Callable[[FetchEvent], None]
Waiting = Callable[[float, QueueCounts], None]  # (when the next try is due, the queue)


def fetch_page_article(url: str, cancel: threading.Event, timeout: float | None) -> Article:
    """Worker thread: the page at ``url`` read as an article, with its images."""
    from reader.service.reading import FetchOptions, read_article

    return read_article(url, fetch=FetchOptions(cancel=cancel, timeout=timeout), images=True)


@contextlib.contextmanager
def queue_lock(library_path: Path) -> Iterator[None]:
    """Hold the library's fetch lock, or FetchBusy. The kernel lets go of it when the
    process ends, however it ends."""
    try:
        import fcntl
    except ImportError:  # no advisory locks here: one runner is the person's business
        yield
        return
    path = library_path.with_name(library_path.name + LOCK_SUFFIX)
    handle: IO[str] = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (held until the end)
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise FetchBusy("another Reader is fetching this library's queue") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()


def requeue_for_login(library: Library, matches: Callable[[str], bool]) -> int:
    """A login was stored: the pages that wanted one and that it ``matches`` (an address,
    as reader.logins.SiteLogin.matches takes it) are queued again; returns how many."""
    waiting = library.fetch_listed(("login",), limit=LOGIN_PAGES_AT_MOST)
    return library.fetch_requeue_articles(
        [item.article_id for item in waiting if matches(item.url)]
    )


class QueueRunner:
    """Fetches the queue of ``library`` until nothing is left to try (see module doc)."""

    def __init__(
        self,
        library: Library,
        policy: FetchPolicy | None = None,
        *,
        progress: FetchProgress | None = None,
        waiting: Waiting | None = None,
        cancel: threading.Event | None = None,
        fetch: Callable[[str, threading.Event, float | None], Article] = fetch_page_article,
    ) -> None:
        self.library = library
        self.policy = policy or FetchPolicy()
        self.progress = progress
        self.waiting = waiting
        self.cancel = cancel or threading.Event()
        self.fetch = fetch
        self.summary = FetchSummary()
        self.running: dict[Future[Article], QueuedFetch] = {}
        self.active: Counter[str] = Counter()
        self.last_start: dict[str, float] = {}

    def run(self) -> FetchSummary:
        """Fetch until the queue is empty (pages to try again later are waited for) or
        ``cancel`` is set; FetchBusy when another runner holds the queue."""
        with queue_lock(self.library.path):
            self.library.fetch_release_taken()
            pool = ThreadPoolExecutor(self.policy.workers, thread_name_prefix="reader-fetch")
            try:
                self._loop(pool)
            finally:
                self.cancel.set()  # a fetch still running stops at its next read
                for future in list(self.running):
                    with contextlib.suppress(Exception):
                        future.result()
                pool.shutdown(wait=True)
                self.library.fetch_release_taken()  # what was stopped waits for next time
        return self.summary

    def _loop(self, pool: ThreadPoolExecutor) -> None:
        while not self.cancel.is_set():
            self._start_due(pool)
            if not self.running:
                next_due = self.library.fetch_next_due()
                if next_due is None:
                    return
                pause = max(0.0, min(next_due - time.time(), IDLE_POLL))
                if next_due - time.time() > IDLE_POLL and self.waiting is not None:
                    self.waiting(next_due, self.library.fetch_counts())
                self.cancel.wait(max(pause, 0.01))
                continue
            finished, _ = wait(
                self.running, timeout=self._next_start(), return_when=FIRST_COMPLETED
            )
            for future in finished:
                self._finish(future)
        self.summary.cancelled = True

    def _start_due(self, pool: ThreadPoolExecutor) -> None:
        """Start pages until no host may take one more request now (the store hands out
        one page per host a round: with no delay, a host's second request starts at once,
        not when its first one ends)."""
        while self._start_round(pool):
            pass

    def _start_round(self, pool: ThreadPoolExecutor) -> bool:
        """Start the next page of every host that may take one more request now; whether
        one started."""
        now = time.monotonic()
        free = self.policy.workers - len(self.running)
        if free <= 0:
            return False
        busy = [host for host, count in self.active.items() if count >= self.policy.per_host]
        busy += [
            host
            for host, started in self.last_start.items()
            if now - started < self.policy.delay and host not in busy
        ]
        started = False
        for item in self.library.fetch_due(limit=free, skip_hosts=busy):
            if not self.library.fetch_take(item.article_id):
                continue  # opened (and fetched) in the window meanwhile
            self.active[item.host] += 1
            self.last_start[item.host] = time.monotonic()
            future = pool.submit(self.fetch, item.url, self.cancel, self.policy.timeout)
            self.running[future] = item
            started = True
        return started

    def _next_start(self) -> float:
        """Seconds until a host's polite delay ends (the next request may start), at most
        IDLE_POLL: new entries may be queued meanwhile."""
        now = time.monotonic()
        waits = [self.policy.delay - (now - started) for started in self.last_start.values()]
        upcoming = [value for value in waits if value > 0]
        return min([IDLE_POLL, *upcoming]) if upcoming else IDLE_POLL

    def _finish(self, future: Future[Article]) -> None:
        item = self.running.pop(future)
        self.active[item.host] -= 1
        try:
            article = future.result()
        except FetchCancelled:
            return  # stays taken: released for the next run
        except LoginRequired as error:
            self.library.fetch_failed(item.article_id, str(error), login=True)
            self.summary.login += 1
            self._report(item, "login", str(error))
            return
        except TemporaryFetchError as error:
            self._passing_failure(item, error)
            return
        except ReaderError as error:
            self._failed(item, str(error))
            return
        except Exception as error:  # a bug must not stop the queue
            self._failed(item, f"unexpected {type(error).__name__}: {error}")
            return
        try:
            article_id = self.library.fill_fetched(
                item.article_id, article, source_origin(item.url)
            )
            self._reattach(article_id)
        except ReaderError as error:
            self._failed(item, str(error))
            return
        self.summary.fetched += 1
        self._report(item, "fetched", title=article.title, article_id=article_id)

    def _reattach(self, article_id: int) -> None:
        """Highlights imported with the address, found in the text that came."""
        from reader.service.highlighting import reattach_article

        if self.library.article_highlights(article_id):
            reattach_article(self.library, article_id)

    def _passing_failure(self, item: QueuedFetch, error: TemporaryFetchError) -> None:
        delays = self.policy.retry_delays
        if item.attempts >= len(delays):
            tries = item.attempts + 1
            self._failed(item, f"{error} (tried {tries} times)")
            return
        wait_for = delays[item.attempts]
        if error.retry_after is not None:
            wait_for = max(wait_for, min(error.retry_after, MAX_RETRY_AFTER))
        self.library.fetch_later(item.article_id, str(error), time.time() + wait_for)
        self.summary.retried += 1
        self._report(item, "retry", str(error))

    def _failed(self, item: QueuedFetch, reason: str) -> None:
        self.library.fetch_failed(item.article_id, reason)
        self.summary.failed += 1
        self.summary.failures.append((item.url, reason))
        self._report(item, "failed", reason)

    def _report(
        self,
        item: QueuedFetch,
        state: FetchState,
        reason: str = "",
        *,
        title: str = "",
        article_id: int | None = None,
    ) -> None:
        if self.progress is None:
            return
        self.progress(
            FetchEvent(
                article_id=article_id or item.article_id,
                url=item.url,
                state=state,
                counts=self.library.fetch_counts(),
                title=title or item.title,
                reason=reason,
            )
        )
