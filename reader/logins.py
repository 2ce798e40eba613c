"""Which sites have a login: host, username, kind. Never the secret (see reader.secrets).

The list is a small JSON file in the data folder, so ``reader logins`` and the Site
Logins dialog work without unlocking the keyring. A login kept for the session only
(no keyring) is listed from memory and never written to the file.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader import secrets
from reader.errors import ReaderError
from reader.paths import data_dir, make_private_folder

if TYPE_CHECKING:
    import httpx

LOGINS_FILE = "logins.json"
FILE_VERSION = 1
# password: Basic or Digest, whichever the server asks for. cookie: a Cookie header value
# the person copied from their browser. header: one "Name: value" line (e.g. a token).
KINDS = ("password", "cookie", "header")
DEFAULT_PORTS = {"http": 80, "https": 443}

_session: dict[str, SiteLogin] = {}
_lock = threading.Lock()


class LoginError(ReaderError):
    """A login could not be stored, found or removed."""


@dataclass(frozen=True)
class SiteLogin:
    """A login for one host ("news.example.com", or "127.0.0.1:8080" for one port)."""

    host: str
    username: str = ""
    kind: str = "password"
    allow_http: bool = False  # the person agreed to send it over plain HTTP
    session_only: bool = False  # no keyring: kept in memory until Reader quits

    @property
    def account(self) -> str:
        """The keyring account name: the username, or the kind for cookie/header logins."""
        return self.username or f"({self.kind})"

    def matches(self, url: str | httpx.URL) -> bool:
        """True when ``url`` (str or httpx.URL) is on this login's host (and port, if set)."""
        host, port = _url_host_port(url)
        if host is None:
            return False
        own_host, own_port = _split_host(self.host)
        return host == own_host and (own_port is None or own_port == port)


@dataclass(frozen=True)
class Credentials:
    """A login with its secret, for one fetch. The secret never shows in repr()."""

    login: SiteLogin
    secret: str = field(repr=False)

    def applies_to(self, url: str | httpx.URL) -> bool:
        return self.login.matches(url)


def normalize_host(text: str) -> str:
    """ "https://News.Example.com/a" or "news.example.com:443" -> "news.example.com"."""
    value = text.strip()
    if not value:
        raise LoginError("no host given")
    scheme = "https"
    if "://" in value:
        scheme = value.split("://", 1)[0].lower()
    else:
        value = "//" + value
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").strip(".").lower()
        port = parts.port
    except ValueError:
        raise LoginError(f"not a host name: {text.strip()}") from None
    if not host or any(c.isspace() for c in host):
        raise LoginError(f"not a host name: {text.strip()}")
    if ":" in host:
        host = f"[{host}]"
    if port is None or port == DEFAULT_PORTS.get(scheme):
        return host
    return f"{host}:{port}"


def _split_host(host: str) -> tuple[str, int | None]:
    parts = urlsplit("//" + host)
    hostname = (parts.hostname or "").lower()
    return hostname, parts.port


def _url_host_port(url: str | httpx.URL) -> tuple[str | None, int | None]:
    try:
        parts = urlsplit(str(url))
        hostname = parts.hostname
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return None, None
    if not hostname:
        return None, None
    return hostname.lower().strip("."), port


# -- the hosts list ------------------------------------------------------------------------


def _file() -> Path:
    return data_dir() / LOGINS_FILE


def _read_file() -> list[SiteLogin]:
    path = _file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as error:
        raise LoginError(f"could not read the list of site logins ({path.name}: {error})") from None
    logins = []
    for item in data.get("logins", []) if isinstance(data, dict) else []:
        if not isinstance(item, dict) or not isinstance(item.get("host"), str):
            continue
        kind = item.get("kind", "password")
        logins.append(
            SiteLogin(
                host=item["host"],
                username=str(item.get("username", "")),
                kind=kind if kind in KINDS else "password",
                allow_http=bool(item.get("allow_http", False)),
            )
        )
    return logins


def _write_file(logins: list[SiteLogin]) -> None:
    """Write the list atomically: a crash leaves the old list or the new, never half."""
    path = _file()
    make_private_folder(path.parent)
    data = {
        "version": FILE_VERSION,
        "logins": [
            {
                "host": login.host,
                "username": login.username,
                "kind": login.kind,
                "allow_http": login.allow_http,
            }
            for login in sorted(logins, key=lambda login: login.host)
        ],
    }
    handle, temp = tempfile.mkstemp(prefix=".logins-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2)
            out.write("\n")
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise LoginError(f"could not save the list of site logins ({error.strerror})") from None


def all_logins() -> list[SiteLogin]:
    """Every stored login (file and session-only), sorted by host."""
    with _lock:
        merged = {login.host: login for login in _read_file()}
        merged.update(_session)
    return sorted(merged.values(), key=lambda login: login.host)


def find_login(url_or_host: str) -> SiteLogin | None:
    """The login for a URL or host: one for the exact host:port first, then the host."""
    target = url_or_host if "://" in url_or_host else "https://" + url_or_host
    candidates = [login for login in all_logins() if login.matches(target)]
    candidates.sort(key=lambda login: ":" not in login.host.rsplit("]", 1)[-1])
    return candidates[0] if candidates else None


def save_login(login: SiteLogin, secret: str) -> SiteLogin:
    """Store a login (replacing the host's previous one). The returned login says whether
    it is ``session_only`` (no keyring: the caller shows secrets.NO_KEYRING)."""
    if login.kind not in KINDS:
        raise LoginError(f"unknown login kind: {login.kind} (use one of {', '.join(KINDS)})")
    if login.kind == "password" and not login.username:
        raise LoginError("a password login needs a username")
    if login.kind == "header" and ":" not in secret:
        raise LoginError('a header login is one line "Name: value"')
    if any(c in secret for c in "\r\n"):
        raise LoginError("the login must be a single line")
    host = normalize_host(login.host)
    previous = find_exact(host)
    if previous is not None and previous.account != login.account:
        secrets.delete_secret(previous.host, previous.account)
    where = secrets.set_secret(host, login.account, secret)
    stored = replace(login, host=host, session_only=where == "session")
    with _lock:
        listed = [entry for entry in _read_file() if entry.host != host]
        if stored.session_only:
            _session[host] = stored
            if len(listed) != len(_read_file()):
                _write_file(listed)
        else:
            _session.pop(host, None)
            _write_file([*listed, stored])
    return stored


def find_exact(host: str) -> SiteLogin | None:
    for login in all_logins():
        if login.host == host:
            return login
    return None


def remove_login(host: str) -> SiteLogin | None:
    """Forget a host's login (list entry and secret); None when there was none."""
    host = normalize_host(host)
    login = find_exact(host)
    if login is None:
        return None
    with _lock:
        _session.pop(host, None)
        listed = _read_file()
        kept = [entry for entry in listed if entry.host != host]
        if len(kept) != len(listed):
            _write_file(kept)
    secrets.delete_secret(host, login.account)
    return login


def credentials_for(url: str) -> Credentials | None:
    """The stored login with its secret for a URL's host, or None.

    Reads only the small list unless the host has a login, so fetching a page from a
    site without one never touches (or unlocks) the keyring.
    """
    try:
        login = find_login(url)
    except LoginError:
        return None
    if login is None:
        return None
    secret = secrets.get_secret(login.host, login.account)
    if secret is None:
        return None
    return Credentials(login, secret)


def session_credentials() -> list[Credentials]:
    """The logins kept for this session only (no keyring), with their secrets: a helper
    process this one starts (the window's fetcher) is handed them, having no other way."""
    with _lock:
        kept = list(_session.values())
    found = [(login, secrets.get_secret(login.host, login.account)) for login in kept]
    return [Credentials(login, secret) for login, secret in found if secret]


def keep_for_session(credentials: Credentials) -> None:
    """Keep a login handed over by the process that started this one, in memory only."""
    login = replace(credentials.login, session_only=True)
    secrets.keep_for_session(login.host, login.account, credentials.secret)
    with _lock:
        _session[login.host] = login


def forget_session() -> None:
    """Drop the session-only logins and their secrets (tests; "forget all" in the window)."""
    with _lock:
        _session.clear()
    secrets.forget_session()
