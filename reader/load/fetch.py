"""A web address becomes a Page: HTML or XHTML as it is, plain text through the dump loader.

Safe by default: hand-checked redirects, a cap on the decoded size, timeouts that a
trickling server cannot stretch, logins only to their own host. Every failure is a
FetchError with one line saying why. The function is pure and blocking, meant for a
worker thread: ``cancel`` stops it promptly and ``progress`` reports bytes as they come.
httpx is imported only when a fetch starts.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, Literal

from reader.errors import FetchError, SecretsError
from reader.model import Page

if TYPE_CHECKING:
    import httpx

    from reader.load.session import Cancel
    from reader.logins import Credentials

# A page larger than this (after decompression) is not an article; a bomb stops here.
MAX_PAGE_BYTES = 25 * 1024 * 1024

# Content types that are articles ("text" goes through the text-dump loader).
PAGE_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "xhtml",
    "text/plain": "text",
}
# Types servers send when they do not know: the bytes decide.
SNIFFED_TYPES = frozenset(
    {
        "",
        "application/octet-stream",
        "binary/octet-stream",
        "application/unknown",
        "unknown/unknown",
        "application/xml",
        "text/xml",
    }
)
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"

_XML_DECLARATION = re.compile(r"\A(\ufeff)?\s*<\?xml[^>]{0,300}\?>\s*")


class _Stored(enum.Enum):
    """Default for ``credentials``: use the login stored for the URL's host, if any (an
    enum of one, so that ``credentials is STORED`` tells the type checker which it is)."""

    STORED = "STORED"

    def __repr__(self) -> str:
        return "STORED"


STORED: Final = _Stored.STORED


def fetch_page(
    url: str,
    timeout: float | None = None,
    *,
    credentials: Credentials | Literal[_Stored.STORED] | None = STORED,
    allow_http_login: bool = False,
    cancel: Cancel = None,
    progress: Callable[[int, int | None], None] | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
) -> Page:
    """Fetch ``url`` and return its Page (``Page.url`` is the address after redirects).

    timeout: seconds for connecting and for each wait for data (default 10 s and 30 s);
      the whole page must arrive within three times the read timeout.
    credentials: a Credentials, None for no login, or by default the stored login for
      the URL's host. Sent only to that host, and over plain HTTP only when
      ``allow_http_login`` (or the stored login says the person allowed it).
    cancel: a callable returning True (or a threading.Event) to stop the fetch.
    progress: called with (bytes so far, total or None) as the body arrives.
    Raises FetchError (FetchCancelled, LoginRequired are subclasses); nothing else.
    """
    try:
        return _fetch_page(
            url,
            timeout,
            credentials=credentials,
            allow_http_login=allow_http_login,
            cancel=cancel,
            progress=progress,
            max_bytes=max_bytes,
        )
    except FetchError:
        raise
    except (RecursionError, MemoryError):
        raise FetchError("the page is too large or too deeply nested to read") from None
    except Exception as error:  # a bug must still reach the person as one line
        raise FetchError(
            f"could not fetch the page (internal error: {type(error).__name__})"
        ) from None


def _fetch_page(
    url: str,
    timeout: float | None,
    *,
    credentials: Credentials | Literal[_Stored.STORED] | None,
    allow_http_login: bool,
    cancel: Cancel,
    progress: Callable[[int, int | None], None] | None,
    max_bytes: int,
) -> Page:
    from reader.load.session import Session, cancel_hook, display_url, parse_url, status_error

    parsed = parse_url(url)
    if parsed.username or parsed.password:
        # user:password@ in an address: a one-off Basic/Digest login for that host only.
        from reader.logins import Credentials, SiteLogin

        if credentials is None or credentials is STORED:
            credentials = Credentials(
                SiteLogin(host=_host_of(parsed), username=parsed.username),
                parsed.password,
            )
        parsed = parsed.copy_with(username=None, password=None)
    if credentials is STORED:
        credentials = _stored_credentials(str(parsed))
    with Session(
        timeout=timeout,
        cancel=cancel_hook(cancel),
        credentials=credentials,
        allow_http_login=allow_http_login,
        accept=ACCEPT,
    ) as session:
        reply = session.open(parsed)
        try:
            problem = status_error(reply, session)
            if problem is not None:
                raise problem
            media_type, charset = _content_type(reply.response.headers.get("content-type"))
            kind = PAGE_TYPES.get(media_type)
            if kind is None and media_type not in SNIFFED_TYPES:
                raise FetchError(f"not an article page ({media_type})")
            body = session.read(
                reply,
                limit=max_bytes,
                too_large=f"page larger than {_megabytes(max_bytes)}",
                progress=progress,
            )
        finally:
            reply.response.close()
    html, fmt = _to_markup(body, kind, charset)
    return Page(source=url, html=html, url=display_url(reply.url), format=fmt)


def _to_markup(body: bytes, kind: str | None, charset: str | None) -> tuple[str, str]:
    """Decode the body and make it markup; the bytes overrule a lying content type."""
    from reader.load.decode import decode_html, decode_text, markup_safe
    from reader.load.sniff import SAMPLE_BYTES, describe_binary, html_kind
    from reader.load.textdump import dump_to_html

    if not body.strip():
        raise FetchError("the server sent an empty page")
    what = describe_binary(body[:SAMPLE_BYTES])
    if what is not None:
        raise FetchError(f"not an article page (looks like {what})")
    if kind == "text" or kind is None:
        text = decode_html(body, declared=charset) if charset else decode_text(body)
        found = html_kind(text[:SAMPLE_BYTES]) if kind is None else None
        if found is None:
            return markup_safe(dump_to_html(text.removeprefix("\ufeff"))), "text"
        kind = found
        markup = decode_html(body, declared=charset)
    else:
        markup = decode_html(body, declared=charset)
    if kind == "xhtml":
        # Decoded text no longer matches the declared encoding, and lxml refuses a str
        # that carries one.
        markup = _XML_DECLARATION.sub("", markup, count=1)
    return markup_safe(markup), kind


def _content_type(header: str | None) -> tuple[str, str | None]:
    """("text/html", "koi8-r") from 'text/html; charset="KOI8-R"'."""
    if not header:
        return "", None
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def _megabytes(size: int) -> str:
    if size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MB"
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size} bytes"


def _host_of(parsed: httpx.URL) -> str:
    from reader.load.session import host_port

    return host_port(parsed)


def _stored_credentials(url: str) -> Credentials | None:
    from reader.logins import credentials_for

    try:
        return credentials_for(url)
    except SecretsError as error:
        raise FetchError(str(error)) from None
