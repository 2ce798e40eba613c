"""`reader extract`: print the article of each source, in the chosen format.

A failing source prints one line on stderr and the batch goes on; the exit status is 1
when any source failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from reader.commands.addresses import without_logins
from reader.commands.terminal import source_failed
from reader.errors import ReaderError
from reader.model import Article

if TYPE_CHECKING:
    from reader.service.reading import FetchOptions

FORMATS = ("json", "html", "text", "markdown")


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument(
        "--url", help="the address a saved file came from (its links resolve against it)"
    )
    parser.add_argument("--timeout", type=float, metavar="S", help="network timeout in seconds")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print each block of the page, kept or dropped, and by which stage and rule",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="file path or URL")


def render(article: Article, fmt: str, *, several: bool) -> str:
    if fmt == "json":
        data = article.to_json()
        if several:
            return json.dumps(data, ensure_ascii=False)
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "html":
        return article.content_html
    if fmt == "markdown":
        from reader.extract.markdown import to_markdown

        return to_markdown(article)
    from reader.extract.plaintext import to_text

    return to_text(article).rstrip("\n")


def run(args: argparse.Namespace) -> int:
    from reader.service.reading import FetchOptions, read_article

    sources = without_logins(args.sources)
    base = without_logins([args.url])[0] if args.url else None
    several = len(sources) > 1
    failed = 0
    for source in sources:
        try:
            if args.explain:
                sys.stdout.write(_explained(source, base, FetchOptions(timeout=args.timeout)))
                sys.stdout.flush()
                continue
            article = read_article(source, url=base, fetch=FetchOptions(timeout=args.timeout))
        except ReaderError as error:
            failed += 1
            print(source_failed(source, error), file=sys.stderr)
            continue
        sys.stdout.write(render(article, args.format, several=several) + "\n")
        sys.stdout.flush()
    return 1 if failed else 0


def _explained(source: str, base: str | None, fetch: FetchOptions) -> str:
    from reader.service.explaining import explain_source

    explanation = explain_source(source, url=base, fetch=fetch)
    lines = [f"{source}: {explanation.article.title}", *explanation.lines()]
    return "".join(line + "\n" for line in lines)
