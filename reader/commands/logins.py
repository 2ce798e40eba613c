"""`reader login HOST`, `reader logout HOST`, `reader logins`: site logins from the shell.

The secret comes from a hidden prompt, or from stdin when stdin is not a terminal (for
scripts: `pass show site | reader login HOST -u me`). It goes to the system keyring only;
nothing printed here ever contains it.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.logins import SiteLogin

PROMPTS = {
    "password": "Password for {user}@{host}: ",
    "cookie": "Cookie for {host} (the Cookie header value, not shown): ",
    "header": "Header for {host} (one line 'Name: value', not shown): ",
}
HTTP_WARNING = (
    "reader: warning: the login for {host} may now be sent over plain HTTP, "
    "where anyone on the network can read it"
)


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    if name == "login":
        parser.add_argument("host", metavar="HOST", help="site host, e.g. news.example.com")
        parser.add_argument("-u", "--username", help="user name (for a password login)")
        kind = parser.add_mutually_exclusive_group()
        kind.add_argument(
            "--cookie",
            dest="kind",
            action="store_const",
            const="cookie",
            help="store a Cookie header value copied from your browser instead of a password",
        )
        kind.add_argument(
            "--header",
            dest="kind",
            action="store_const",
            const="header",
            help="store one 'Name: value' request header (e.g. an API token)",
        )
        parser.add_argument(
            "--allow-http",
            action="store_true",
            help="also send this login over plain HTTP (unencrypted: anyone can read it)",
        )
        parser.set_defaults(kind="password")
    elif name == "logout":
        parser.add_argument("host", metavar="HOST", help="site host to forget")


def run(args: argparse.Namespace) -> int:
    if args.command == "login":
        return _login(args)
    if args.command == "logout":
        return _logout(args)
    return _list()


def _read_secret(prompt: str) -> str:
    """A hidden prompt on a terminal; otherwise the first line of stdin."""
    from reader.logins import LoginError

    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        try:
            value = getpass.getpass(prompt)
        except EOFError:
            value = ""
    else:
        value = sys.stdin.readline() if sys.stdin is not None else ""
    value = value.rstrip("\r\n")
    if not value.strip():
        raise LoginError("no secret given (nothing was stored)")
    return value


def _login(args: argparse.Namespace) -> int:
    from reader import secrets
    from reader.logins import LoginError, SiteLogin, normalize_host, save_login

    host = normalize_host(args.host)
    username = (args.username or "").strip()
    if args.kind == "password" and not username:
        if sys.stdin is not None and sys.stdin.isatty():
            username = input(f"Username for {host}: ").strip()
        if not username:
            raise LoginError("a password login needs a username (give --username)")
    secret = _read_secret(PROMPTS[args.kind].format(user=username, host=host))
    stored = save_login(
        SiteLogin(host=host, username=username, kind=args.kind, allow_http=args.allow_http),
        secret,
    )
    if args.allow_http:
        print(HTTP_WARNING.format(host=host), file=sys.stderr)
    if stored.session_only:
        # A command-line session ends with this command: nothing was kept, say so.
        print(f"reader: {secrets.NO_KEYRING}", file=sys.stderr)
        return 1
    who = f" ({username})" if username else ""
    print(f"stored the {args.kind} login for {host}{who} in the system keyring")
    _queue_pages_again(stored)
    return 0


def _queue_pages_again(login: SiteLogin) -> None:
    """Pages the fetch queue set aside for want of this login are queued again (the
    window does the same when a login is saved in Site Logins)."""
    from reader.paths import library_path

    if not library_path().exists():
        return  # no library yet: nothing waits, and none is made for this
    from reader.service.fetching import requeue_for_login
    from reader.store import Library

    with Library() as library:
        again = requeue_for_login(library, login.matches)
    if again:
        pages = f"{again} page{'s' if again != 1 else ''}"
        print(f"queued {pages} that wanted this login again: `reader fetch` fetches them")


def _logout(args: argparse.Namespace) -> int:
    from reader.logins import LoginError, normalize_host, remove_login

    host = normalize_host(args.host)
    removed = remove_login(host)
    if removed is None:
        raise LoginError(f"no login stored for {host}")
    print(f"forgot the login for {host}")
    return 0


def _list() -> int:
    from reader.logins import all_logins

    logins = all_logins()
    if not logins:
        print("no site logins stored (add one with: reader login HOST)", file=sys.stderr)
        return 0
    for login in logins:
        notes = []
        if login.allow_http:
            notes.append("plain HTTP allowed")
        if login.session_only:
            notes.append("this session only")
        line = f"{login.host}\t{login.username or '-'}\t{login.kind}"
        print(line + (f"\t({', '.join(notes)})" if notes else ""))
    return 0
