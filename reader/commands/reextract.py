"""`reader reextract --site HOST | --all`: extract saved articles again from their originals.

Like `import`: a progress bar on stderr's terminal, one line per article on stdout when
stdout is not a terminal (or with -v), a summary line at the end, Ctrl+C stops in order.
"""

import argparse
import sys
import threading

from reader.commands.progress import Bar, stop_on_signals
from reader.commands.terminal import raw
from reader.errors import ReaderError


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--site", metavar="HOST", help="the articles saved from this host")
    which.add_argument("--all", action="store_true", help="every article in the library")
    parser.add_argument(
        "--workers", type=int, metavar="N", help="extraction processes (default: all cores)"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="one line per article, even on a terminal"
    )


def run(args: argparse.Namespace) -> int:
    from reader.service.reextract import ReextractEvent, reextract
    from reader.store import Library

    host = None if args.all else args.site.strip().lower()
    if host is not None and not host:
        raise ReaderError("--site needs a host name, e.g. --site example.com")
    lines = args.verbose or not sys.stdout.isatty()
    bar = Bar(raw(sys.stderr), sys.stderr.isatty())

    def progress(event: ReextractEvent) -> None:
        if event.outcome == "failed":
            bar.clear()
            print(f"reader: article {event.article_id}: {event.error}", file=sys.stderr)
        elif lines:
            bar.clear()
            print(f"{event.outcome}\t{event.article_id}\t{event.title or ''}", flush=True)
        bar.update(event.done, event.total, event.title or "")

    with Library() as library:
        if host is not None and not library.reextract_candidates(host):
            raise ReaderError(f"no article from {host} in the library")
        cancel = threading.Event()
        stopped_by: list[int] = []
        restore = stop_on_signals(cancel, stopped_by)
        try:
            summary = reextract(
                library, host=host, workers=args.workers, progress=progress, cancel=cancel
            )
        finally:
            restore()
            bar.clear()
    print(summary.line(), file=sys.stderr)
    if stopped_by:
        return 128 + stopped_by[0]
    return 1 if summary.failures else 0
