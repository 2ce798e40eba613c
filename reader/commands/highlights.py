"""`reader highlights` (export) and `reader highlight` (add one from a quote).

Markdown goes to stdout, or with ``--folder`` to one file per article (what a notes app
such as Obsidian reads); JSON goes to stdout. Each file is written whole or not at all.
"""

import argparse
import sys
from pathlib import Path

from reader.errors import ReaderError

FORMATS = ("markdown", "json")
SEARCH_LIMIT = 1_000_000  # every highlight the search matches


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    from reader.highlights.colors import COLORS, DEFAULT_COLOR

    if name == "highlight":
        parser.add_argument("article", type=int, metavar="ARTICLE", help="a library article id")
        parser.add_argument(
            "quote",
            metavar="QUOTE",
            help="the text to highlight, as the article has it (- reads stdin)",
        )
        parser.add_argument("--note", default="", help="a note on the highlight")
        parser.add_argument("--color", choices=COLORS, default=DEFAULT_COLOR)
        return
    parser.add_argument("--article", type=int, metavar="ID", help="only this article's highlights")
    parser.add_argument(
        "--search",
        metavar="QUERY",
        help='only highlights matching: words of quotes and notes, "phrases", site:, tag:, is:...',
    )
    parser.add_argument("--format", choices=FORMATS, default="markdown")
    parser.add_argument(
        "--folder", metavar="DIR", type=Path, help="write one Markdown file per article into DIR"
    )


def run(args: argparse.Namespace) -> int:
    from reader.store import Library

    with Library() as library:
        if args.command == "highlight":
            return _highlight(args, library)
        return _export(args, library)


def _highlight(args: argparse.Namespace, library: object) -> int:
    from reader.service.highlighting import highlight_quote
    from reader.store import Library

    assert isinstance(library, Library)
    quote = sys.stdin.read() if args.quote == "-" else args.quote
    highlight = highlight_quote(
        library, args.article, quote, note=args.note, color=args.color, keep_unmatched=False
    )
    print(highlight.id)
    return 0


def _export(args: argparse.Namespace, library: object) -> int:
    from dataclasses import replace

    from reader.highlights.export import to_json, to_markdown
    from reader.highlights.files import write_folder
    from reader.service.highlighting import exported
    from reader.store import Library

    assert isinstance(library, Library)
    if args.folder is not None and args.format != "markdown":
        raise ReaderError("--folder writes Markdown files; leave out --format json")
    items = exported(library, args.article)
    if args.search:
        wanted = {item.id for item in library.highlights(args.search, limit=SEARCH_LIMIT)}
        items = [
            replace(item, highlights=tuple(h for h in item.highlights if h.id in wanted))
            for item in items
        ]
    items = [item for item in items if item.highlights]
    if args.format == "json":
        sys.stdout.write(to_json(items))
        return 0
    if not items:
        print("reader: no highlights to export", file=sys.stderr)
        return 0
    if args.folder is None:
        sys.stdout.write("\n".join(to_markdown(item) for item in items))
        return 0
    write_folder(args.folder, items)
    files = "file" if len(items) == 1 else "files"
    print(f"wrote {len(items)} Markdown {files} to {args.folder}", file=sys.stderr)
    return 0
