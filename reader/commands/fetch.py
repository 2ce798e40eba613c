"""`reader fetch`: the pages of imported addresses, fetched from the library's queue.

On a terminal a progress bar (stderr); one line per page on stdout when stdout is not a
terminal (``fetched|failed|login|retry <TAB> id <TAB> address [<TAB> reason]``). The window
runs the same queue runner in a child process of its own (reader.service.fetch_child).
``--status`` lists
what waits and what failed, with the reasons; ``--retry`` queues the failed pages again
(after a login was stored with `reader login HOST`, say). Stopping (Ctrl+C) keeps the
rest queued: the next `reader fetch`, or the window, resumes.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from datetime import datetime
from typing import TYPE_CHECKING

from reader.commands.progress import Bar, stop_on_signals
from reader.commands.terminal import raw

if TYPE_CHECKING:
    from reader.store import Library
    from reader.store.fetch_queue import QueueCounts

STATUS_FORMATS = ("text", "json")
STATUS_LIMIT = 1000  # failed pages listed by --status


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "--status", action="store_true", help="say what waits and what failed; fetch nothing"
    )
    parser.add_argument(
        "--retry",
        action="store_true",
        help="queue the failed pages (and those wanting a login) again",
    )
    parser.add_argument("--host", help="with --retry: only this site's pages")
    parser.add_argument("--format", choices=STATUS_FORMATS, default="text", help="of --status")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="one line per page, even on a terminal"
    )
    add_fetch_policy(parser)


def add_fetch_policy(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--delay",
        type=float,
        default=1.0,
        metavar="S",
        help="seconds between two requests to one site (default 1; at most 2 at a time)",
    )


def run(args: argparse.Namespace) -> int:
    from reader.store import Library

    with Library() as library:
        if args.status:
            _print_status(library, args.format)
            return 0
        if args.retry:
            again = library.fetch_requeue(host=args.host)
            print(f"queued {again} page{'s' if again != 1 else ''} again", file=sys.stderr)
        return fetch_queue(library, args)


def fetch_queue(
    library: Library, args: argparse.Namespace, *, quiet_when_busy: bool = False
) -> int:
    """Run the library's queue with a bar or lines; the exit status (0: all fetched)."""
    from reader.service.fetching import FetchBusy, FetchEvent, FetchPolicy, QueueRunner

    counts = library.fetch_counts()
    lines = getattr(args, "verbose", False) or not sys.stdout.isatty()
    bar = Bar(raw(sys.stderr), sys.stderr.isatty())
    start = counts.fetched + counts.failed + counts.login

    def progress(event: FetchEvent) -> None:
        if event.state in ("failed", "login"):
            bar.clear()
            print(f"reader: {event.url}: {event.reason}", file=sys.stderr, flush=True)
        if lines:
            bar.clear()
            reason = f"\t{event.reason}" if event.reason else ""
            print(f"{event.state}\t{event.article_id}\t{event.url}{reason}", flush=True)
        done = event.counts.fetched + event.counts.failed + event.counts.login - start
        bar.update(done, done + event.counts.waiting, event.title or event.url)

    def waiting(when: float, counts: QueueCounts) -> None:
        if bar.shown:
            bar.clear()
            moment = datetime.fromtimestamp(when).strftime("%H:%M:%S")
            raw(sys.stderr).write(
                f"waiting until {moment} to try {counts.queued} again (Ctrl+C: later)"
            )
            sys.stderr.flush()

    cancel = threading.Event()
    stopped_by: list[int] = []
    restore = stop_on_signals(cancel, stopped_by)
    runner = QueueRunner(
        library,
        FetchPolicy(delay=max(args.delay, 0.0)),
        progress=progress,
        waiting=waiting,
        cancel=cancel,
    )
    try:
        summary = runner.run()
    except FetchBusy as error:
        if quiet_when_busy:
            print(f"reader: {error}; it fetches the new pages too", file=sys.stderr)
            return 0
        raise
    finally:
        restore()
        bar.clear()
    print(summary.line(), file=sys.stderr)
    if summary.failed or summary.login:
        print(
            "reader: `reader fetch --status` lists why; `reader fetch --retry` tries again",
            file=sys.stderr,
        )
    if stopped_by:
        return 128 + stopped_by[0]
    return 1 if summary.failed or summary.login else 0


def _print_status(library: Library, fmt: str) -> None:
    counts = library.fetch_counts()
    listed = library.fetch_listed(("failed", "login", "queued", "fetching"), STATUS_LIMIT)
    if fmt == "json":
        print(
            json.dumps(
                {
                    "queued": counts.queued,
                    "fetching": counts.fetching,
                    "fetched": counts.fetched,
                    "failed": counts.failed,
                    "login": counts.login,
                    "pages": [
                        {
                            "article_id": item.article_id,
                            "url": item.url,
                            "state": item.state,
                            "attempts": item.attempts,
                            "reason": item.reason,
                            "title": item.title,
                        }
                        for item in listed
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    print(
        f"{counts.waiting} to fetch, {counts.fetched} fetched, {counts.failed} failed, "
        f"{counts.login} waiting for a login"
    )
    for item in listed:
        if item.state in ("failed", "login"):
            label = "login needed" if item.state == "login" else "failed"
            print(f"{item.article_id:>6}  {label}: {item.reason}\n        {item.url}")
