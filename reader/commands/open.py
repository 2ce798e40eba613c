"""`reader [SOURCE...]`: open the window. Qt is imported only here, inside run()."""

import argparse


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("sources", nargs="*", metavar="SOURCE", help="file path or URL")


def run(args: argparse.Namespace) -> int:
    from reader.app import run_app
    from reader.commands.addresses import without_logins

    return run_app(without_logins(args.sources))
