"""`reader export [--format F] [--query SEARCH] OUT`: articles out of the library.

The format is read from OUT's ending when not given (.epub, .html, .json for wallabag,
.jsonl for Reader's own; no ending: a folder of Markdown files). A progress bar on a
terminal; a summary line at the end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.progress import Bar
from reader.commands.terminal import raw


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    from reader.service.exporting import FORMATS

    parser.add_argument("out", metavar="OUT", type=Path, help="the file (or Markdown folder)")
    parser.add_argument(
        "--format",
        choices=tuple(FORMATS),
        help="markdown (a folder), epub, html (one page), wallabag (JSON), bookmarks, reader"
        " (everything, for `reader import`); default: from OUT's ending",
    )
    parser.add_argument(
        "--query",
        metavar="SEARCH",
        help='only the articles this search finds (words, "phrases", site:, tag:, is:...)',
    )


def run(args: argparse.Namespace) -> int:
    from reader.service.exporting import FORMATS, chosen_ids, export, format_for
    from reader.store import Library

    out: Path = args.out.expanduser()
    format_name = args.format or format_for(out)
    bar = Bar(raw(sys.stderr), sys.stderr.isatty())
    with Library() as library:
        ids = chosen_ids(library, args.query)
        try:
            count = export(
                library,
                ids,
                format_name,
                out,
                lambda done, total, title: bar.update(done, total, title),
            )
        finally:
            bar.clear()
    label = FORMATS[format_name].label
    print(
        f"exported {count} article{'s' if count != 1 else ''} to {out} ({label})", file=sys.stderr
    )
    return 0
