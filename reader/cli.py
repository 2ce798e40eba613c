"""The `reader` command: argparse front door; opening the window is the default command.

Each subcommand lives in ``reader.commands.<name>`` with ``add_arguments(parser)`` and
``run(args) -> int``. Those modules keep heavy imports inside ``run`` so that building the
parser stays cheap and ``reader extract`` never pulls in Qt.
"""

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from reader import __version__
from reader.errors import ReaderError
from reader.paths import DATA_DIR_ENV

# name -> (module, one-line help). "open" is the default when no command is named.
COMMANDS: dict[str, tuple[str, str]] = {
    "open": ("reader.commands.open", "open the window (SOURCE = file path or URL)"),
    "extract": ("reader.commands.extract", "print the article of each SOURCE"),
    "import": ("reader.commands.library", "add sources to the library (folders recurse)"),
    "list": ("reader.commands.library", "list saved articles"),
    "search": ("reader.commands.library", "search the library"),
    "recommended": ("reader.commands.library", "list recommended stories"),
    "login": ("reader.commands.logins", "store a site login in the system keyring"),
    "logout": ("reader.commands.logins", "forget a site login"),
    "logins": ("reader.commands.logins", "list hosts with a stored login"),
    "install-desktop": ("reader.desktop_install", "add Reader to the desktop menu"),
}

_GLOBAL_OPTIONS_WITH_VALUE = {"--data-dir"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader", description="Read the main story of a page; keep it in your library."
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=f"library folder (also ${DATA_DIR_ENV})")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        module = importlib.import_module(module_name)
        module.add_arguments(sub, name)
        sub.set_defaults(run=module.run)
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """Insert "open" before the first positional argument when it names no command."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--":
            return [*argv[:index], "open", *argv[index:]]
        if arg in _GLOBAL_OPTIONS_WITH_VALUE:
            index += 2
            continue
        if arg.startswith("-"):
            if arg in ("-h", "--help", "--version"):
                return argv
            index += 1
            continue
        if arg in COMMANDS:
            return argv
        break
    return [*argv[:index], "open", *argv[index:]]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(_with_default_command(args_list))
    if args.data_dir:
        os.environ[DATA_DIR_ENV] = os.path.abspath(os.path.expanduser(args.data_dir))
    try:
        return int(args.run(args) or 0)
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
