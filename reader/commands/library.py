"""`reader import | list | search | recommended`: the library from the command line.

Text output is a readable table for people; ``--format json`` is for scripts. `import`
prints one line per committed article on stdout when stdout is not a terminal (so a
pipeline or a test knows exactly what is safely in the library), a progress bar on
stderr when stderr is a terminal, and always a summary line at the end.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from reader.commands.addresses import without_logins
from reader.commands.fetch import add_fetch_policy
from reader.commands.progress import Bar, stop_on_signals
from reader.commands.terminal import raw, source_failed, strip_controls

if TYPE_CHECKING:
    from reader.json_types import JsonObject
    from reader.store import Library
    from reader.store.rows import ArticleRow, SearchHit
    from reader.store.story_rows import Reason, StoredStory

Item = TypeVar("Item")

FORMATS = ("text", "json")
LIST_FILTERS = ("all", "unread", "starred", "archived")
LIST_SORTS = ("saved", "published", "title")
LIST_PAGE = 500  # rows read from the library at a time by `reader list`
SITE_WIDTH = 22
BOLD, PLAIN = "\033[1m", "\033[0m"


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    if name == "import":
        parser.add_argument("sources", nargs="+", metavar="SOURCE", help="file, folder or URL")
        parser.add_argument(
            "--workers", type=int, metavar="N", help="extraction processes (default: all cores)"
        )
        parser.add_argument(
            "-v", "--verbose", action="store_true", help="one line per source, even on a terminal"
        )
        parser.add_argument(
            "--no-fetch",
            dest="fetch",
            action="store_false",
            help="leave an export's addresses queued (reader fetch, or the window, fetches them)",
        )
        add_fetch_policy(parser)
        return
    parser.add_argument("--format", choices=FORMATS, default="text")
    if name == "list":
        parser.add_argument("--filter", choices=LIST_FILTERS, default="all")
        parser.add_argument("--tag", help="only articles with this tag")
        parser.add_argument("--sort", choices=LIST_SORTS, default="saved")
        parser.add_argument(
            "--limit", type=int, metavar="N", help="at most N articles (default: every one)"
        )
    elif name == "search":
        parser.add_argument(
            "query",
            nargs="+",
            metavar="QUERY",
            help='words, "phrases", prefix*, -word, site:, tag:,'
            " is:unread|starred|archived|highlighted",
        )
        parser.add_argument("--limit", type=int, default=50, metavar="N")
    elif name == "recommended":
        parser.add_argument(
            "--article", type=int, metavar="ID", help="the stories this article recommended"
        )
        parser.add_argument("--ads", action="store_true", help="include sponsored stories")
        parser.add_argument("--limit", type=int, default=50, metavar="N")


def run(args: argparse.Namespace) -> int:
    from reader.store import Library

    with Library() as library:
        if args.command == "import":
            return _import(args, library)
        if args.command == "list":
            return _list(args, library)
        if args.command == "search":
            hits = library.search(" ".join(args.query), limit=args.limit + 1)
            _print_hits(hits[: args.limit], args.format)
            if len(hits) > args.limit:
                _say_more(f"the first {args.limit} matches")
            return 0
        if args.article is not None:
            library.article(args.article)  # StoreError "no article N" when missing
            stories = library.stories(args.article)
            if not args.ads:
                stories = [item for item in stories if not item.story.sponsored]
            stories = stories[: args.limit]
        else:
            stories = library.for_you(limit=args.limit, include_sponsored=args.ads)
        _print_stories(stories, args.format)
        if args.article is None and len(stories) == args.limit:
            total = library.for_you_count(include_sponsored=args.ads)
            if total > len(stories):
                _say_more(f"the best {len(stories)} of {total} unread stories")
        return 0


def _say_more(shown: str) -> None:
    """A list cut at --limit says so (on stderr, so a pipe reads only the list)."""
    print(f"reader: {shown}; there are more (--limit N to see them)", file=sys.stderr)


def _list(args: argparse.Namespace, library: Library) -> int:
    """Every article unless --limit says otherwise; a cut list says how many there are."""
    query = {"filter": args.filter, "tag": args.tag, "sort": args.sort}
    if args.limit is None:
        rows: list[ArticleRow] = []
        while page := library.articles(limit=LIST_PAGE, offset=len(rows), **query):
            rows += page
        more = False
    else:
        rows = library.articles(limit=max(args.limit, 0) + 1, **query)
        more = len(rows) > args.limit
        rows = rows[: max(args.limit, 0)]
    _print_articles(rows, args.format)
    if more:
        _say_more(f"{len(rows)} of {library.count(args.filter, args.tag)} articles shown")
    return 0


# -- import --------------------------------------------------------------------------------


def _import(args: argparse.Namespace, library: Library) -> int:
    from reader.service.importing import ImportEvent, import_sources

    lines = args.verbose or not sys.stdout.isatty()
    bar = Bar(raw(sys.stderr), sys.stderr.isatty())

    def progress(event: ImportEvent) -> None:
        if event.status == "failed":
            bar.clear()
            print(source_failed(event.source, event.error), file=sys.stderr, flush=True)
        elif lines:
            bar.clear()
            print(f"{event.status}\t{event.article_id}\t{event.source}", flush=True)
        bar.update(event.done, event.total, event.source.rsplit("/", 1)[-1])

    cancel = threading.Event()
    stopped_by: list[int] = []
    restore = stop_on_signals(cancel, stopped_by)
    try:
        summary = import_sources(
            without_logins(args.sources),
            library,
            workers=args.workers,
            progress=progress,
            cancel=cancel,
        )
    finally:
        restore()
        bar.clear()
    print(summary.line(), file=sys.stderr)
    for where, why in summary.skipped:
        print(f"reader: skipped {where}: {why}", file=sys.stderr)
    if stopped_by:
        return 128 + stopped_by[0]  # the shell's way of saying "stopped by that signal"
    status = 1 if summary.failed else 0
    if args.fetch and summary.queued:
        from reader.commands.fetch import fetch_queue

        fetched = fetch_queue(library, args, quiet_when_busy=True)
        status = fetched if status == 0 or fetched >= 128 else status
    return status


# -- output --------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def _day(value: datetime | None) -> str:
    return "" if value is None else value.astimezone().strftime("%Y-%m-%d")


def _fit(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _state(row: ArticleRow | SearchHit) -> str:
    return (
        ("*" if row.starred else "-") + ("A" if row.archived else "-") + ("R" if row.read else "-")
    )


def _title_width() -> int:
    return max(shutil.get_terminal_size((100, 24)).columns - 6 - 11 - 5 - 4 - SITE_WIDTH - 6, 20)


def _print_list(
    items: list[Item],
    fmt: str,
    *,
    as_json: Callable[[Item], JsonObject],
    empty: str,
    as_text: Callable[[list[Item]], None],
) -> None:
    """JSON for scripts, else lines for people; an empty list is said on stderr."""
    if fmt == "json":
        print(json.dumps([as_json(item) for item in items], ensure_ascii=False, indent=2))
    elif not items:
        print(empty, file=sys.stderr)
    else:
        as_text(items)


def _print_articles(rows: list[ArticleRow], fmt: str) -> None:
    _print_list(
        rows, fmt, as_json=_article_json, empty="the library is empty", as_text=_article_lines
    )


def _article_json(row: ArticleRow) -> JsonObject:
    return {
        "id": row.id,
        "title": row.title,
        "site_name": row.site_name,
        "url": row.url,
        "published": row.published,
        "saved_at": _iso(row.saved_at),
        "opened_at": _iso(row.opened_at),
        "reading_minutes": row.reading_minutes,
        "starred": row.starred,
        "archived": row.archived,
        "read": row.read,
        "tags": list(row.tags),
    }


def _article_lines(rows: list[ArticleRow]) -> None:
    # A terminal gets titles cut to its width; a pipe or a file gets them whole.
    width = _title_width() if sys.stdout.isatty() else None
    print(f"{'ID':>6}  {'SAVED':10}  {'MIN':>3}  {'S':3}  {'SITE':{SITE_WIDTH}}  TITLE")
    for row in rows:
        print(
            f"{row.id:>6}  {_day(row.saved_at):10}  {row.reading_minutes:>3}  {_state(row):3}  "
            f"{_fit(row.site_name, SITE_WIDTH):{SITE_WIDTH}}  "
            f"{_fit(row.title, width) if width else ' '.join(row.title.split())}"
        )


def _print_hits(hits: list[SearchHit], fmt: str) -> None:
    _print_list(hits, fmt, as_json=_hit_json, empty="no matches", as_text=_hit_lines)


def _hit_json(hit: SearchHit) -> JsonObject:
    return {
        "id": hit.id,
        "title": hit.title,
        "site_name": hit.site_name,
        "url": hit.url,
        "published": hit.published,
        "saved_at": _iso(hit.saved_at),
        "snippet": hit.snippet,
        "rank": hit.rank,
        "starred": hit.starred,
        "archived": hit.archived,
        "read": hit.read,
    }


def _hit_lines(hits: list[SearchHit]) -> None:
    tty = sys.stdout.isatty()
    for hit in hits:
        site = f"  ({hit.site_name})" if hit.site_name else ""
        print(f"{hit.id:>6}  {hit.title}{site}")
        if hit.parts:
            if tty:  # bold matches: Reader's own escapes, past the filter on stdout
                raw(sys.stdout).write(f"        {hit.marked(BOLD, PLAIN, strip_controls)}\n")
            else:
                print(f"        {hit.marked('', '')}")


def _print_stories(stories: list[StoredStory], fmt: str) -> None:
    _print_list(
        stories, fmt, as_json=_story_json, empty="no recommended stories", as_text=_story_lines
    )


def _story_json(item: StoredStory) -> JsonObject:
    return {
        "id": item.id,
        **item.story.to_json(),
        "times_recommended": item.times_recommended,
        "first_seen": _iso(item.first_seen),
        "last_seen": _iso(item.last_seen),
        "read": item.read,
        "article_id": item.article_id,
        **({"reason": _reason_json(item.reason)} if item.reason is not None else {}),
    }


def _reason_json(reason: Reason) -> JsonObject:
    return {
        "kind": reason.kind,
        "article_id": reason.article_id,
        "title": reason.title,
        "count": reason.count,
        "text": reason.text,
    }


def _story_lines(stories: list[StoredStory]) -> None:
    for number, item in enumerate(stories, 1):
        story = item.story
        marks = []
        if story.sponsored:
            marks.append("sponsored")
        if item.read:
            marks.append("read")
        if item.article_id is not None:
            marks.append(f"in library #{item.article_id}")
        extra = f"  [{', '.join(marks)}]" if marks else ""
        source = f" — {story.source}" if story.source else ""
        print(f"{number:>3}. {story.title}{source}{extra}")
        times = item.times_recommended
        why = f"Recommended by {times} saved article{'s' if times != 1 else ''}"
        print(f"     {item.reason.text if item.reason is not None else why}")
        if story.url:
            print(f"     {story.url}")
        if story.summary:
            print(f"     {_fit(story.summary, 200)}")
