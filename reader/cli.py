"""The `reader` command: argparse front door; opening the window is the default command.

Each subcommand lives in a module with ``add_arguments(parser, name)`` and ``run(args)``.
Only the module of the command being run is imported (the window's start-up pays for no
other), and those modules keep heavy imports inside ``run``, so ``reader extract`` never
pulls in Qt.
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
    "import": (
        "reader.commands.library",
        "add pages, folders, URLs or another reader's export to the library",
    ),
    "reextract": (
        "reader.commands.reextract",
        "extract saved articles again from their kept originals (--site HOST or --all)",
    ),
    "fetch": ("reader.commands.fetch", "fetch the pages of imported addresses (the queue)"),
    "export": (
        "reader.commands.export",
        "write articles as Markdown, EPUB, HTML, JSON or bookmarks",
    ),
    "list": ("reader.commands.library", "list saved articles"),
    "search": ("reader.commands.library", "search the library"),
    "recommended": ("reader.commands.library", "list recommended stories"),
    "login": ("reader.commands.logins", "store a site login in the system keyring"),
    "logout": ("reader.commands.logins", "forget a site login"),
    "logins": ("reader.commands.logins", "list hosts with a stored login"),
    "highlights": ("reader.commands.highlights", "export highlights and notes (Markdown, JSON)"),
    "highlight": ("reader.commands.highlights", "highlight a quote in a library article"),
    "speak": ("reader.commands.speak", "read an article aloud, or into a WAV file"),
    "install-desktop": ("reader.commands.install_desktop", "add Reader to the desktop menu"),
}

_GLOBAL_OPTIONS_WITH_VALUE = {"--data-dir"}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; only ``command``'s own arguments are filled in."""
    parser = argparse.ArgumentParser(
        prog="reader", description="Read the main story of a page; keep it in your library."
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=f"library folder (also ${DATA_DIR_ENV})")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        if name == command:
            module = importlib.import_module(module_name)
            module.add_arguments(sub, name)
            sub.set_defaults(run=module.run)
    return parser


def _find_command(argv: list[str]) -> tuple[list[str], str | None]:
    """The arguments with "open" inserted when no command is named, and the command.

    Help and version requests name no command; they are left to argparse as they are.
    """
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--":
            break
        if arg in _GLOBAL_OPTIONS_WITH_VALUE:
            index += 2
            continue
        if arg.startswith("-"):
            if arg in ("-h", "--help", "--version"):
                return argv, None
            index += 1
            continue
        if arg in COMMANDS:
            return argv, arg
        break
    return [*argv[:index], "open", *argv[index:]], "open"


def _plain_open(args_list: list[str]) -> argparse.Namespace | None:
    """`reader FILE...` with no option: what argparse would make of it, without building
    the parser (its sixteen subcommands cost ~8 ms before the window's first file is read,
    measured)."""
    if args_list[:1] != ["open"] or any(arg.startswith("-") for arg in args_list[1:]):
        return None
    from reader.commands import open as open_command

    return argparse.Namespace(
        data_dir=None, command="open", sources=args_list[1:], run=open_command.run
    )


def main(argv: Sequence[str] | None = None) -> int:
    args_list, command = _find_command(list(sys.argv[1:] if argv is None else argv))
    args = _plain_open(args_list) or build_parser(command).parse_args(args_list)
    if args.data_dir:
        os.environ[DATA_DIR_ENV] = os.path.abspath(os.path.expanduser(args.data_dir))
    from reader.commands.terminal import safe_output

    with safe_output():  # no escape sequence from a page reaches the terminal
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.run(args) or 0)
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Whoever read the output has gone (`reader list | head`): stop quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
