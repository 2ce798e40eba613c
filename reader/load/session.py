"""One guarded HTTP conversation: limits, hand-checked redirects, logins and clear errors.

Used by fetch.py (the page) and images.py (the article's images). Redirects are followed
by hand so each hop is checked: http(s) only, no loops, at most MAX_REDIRECTS, and
credentials only ever go to their own host. Bodies are decoded piece by piece and counted
against a cap, so a compression bomb stops at the cap instead of filling memory.

httpx is imported here: import this module only from inside a fetch.
"""

from __future__ import annotations

import contextlib
import http
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

import httpx

from reader import __version__
from reader.errors import FetchCancelled, FetchError, LoginRequired, TemporaryFetchError
from reader.load.content_encoding import ACCEPT_ENCODING, Decoder
from reader.load.netguard import Guard, Interrupted, install
from reader.logins import Credentials

USER_AGENT = f"Reader/{__version__} (+desktop article reader)"

# Waiting for a server to accept and to send the next bytes; `--timeout S` replaces both.
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
# A whole response may take this many read timeouts: a steady slow page gets time, while a
# server trickling a byte now and then (which resets every read timeout) is cut off.
DEADLINE_FACTOR = 3
MAX_REDIRECTS = 10  # what browsers allow is higher; real sites need two or three
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
# Client-error answers that say "not now" rather than "never": a background fetch retries.
PASSING_CODES = frozenset({408, 425, 429})
ALLOWED_SCHEMES = ("http", "https")
LOGIN_CODES = frozenset({401, 407})

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class Reply:
    """A response whose headers have arrived; its body is still on the wire."""

    response: httpx.Response
    url: httpx.URL  # the final address, after redirects
    sent_login: bool


_ssl_context: ssl.SSLContext | None = None

# Where _KeepLocation moves a response's Location header (see there).
LOCATION_HEADER = "X-Reader-Location"


class _KeepLocation(httpx.BaseTransport):
    """Moves Location out of httpx's sight: its client prepares the next request of every
    redirect even when not following it, and fails on addresses like data: before Reader
    could refuse them with a clear message. Reader follows redirects itself."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if "location" in response.headers:
            response.headers[LOCATION_HEADER] = response.headers["location"]
            del response.headers["location"]
        return response

    def close(self) -> None:
        self._inner.close()


def environment_proxies() -> dict[str, str | None]:
    """httpx mount patterns from the system proxy settings (None = connect directly)."""
    from urllib.request import getproxies

    info = getproxies()
    mounts: dict[str, str | None] = {}
    for scheme in ("http", "https", "all"):
        proxy = info.get(scheme)
        if proxy:
            mounts[f"{scheme}://"] = proxy if "://" in proxy else f"http://{proxy}"
    for host in (part.strip() for part in info.get("no", "").split(",")):
        if host == "*":
            return {}
        if not host:
            continue
        if "://" in host:
            mounts[host] = None
        elif ":" in host and not host.startswith("["):
            mounts[f"all://[{host}]"] = None
        elif host.lower() == "localhost" or host.replace(".", "").isdigit():
            mounts[f"all://{host}"] = None
        else:
            mounts[f"all://*{host}"] = None
    return mounts


def _shared_ssl_context() -> ssl.SSLContext:
    """Loading the CA bundle costs tens of milliseconds: do it once per process."""
    global _ssl_context
    if _ssl_context is None:
        _ssl_context = httpx.create_ssl_context()
    return _ssl_context


def seconds(value: float) -> str:
    """3.0 -> "3", 0.5 -> "0.5": how a timeout reads in a message."""
    return f"{value:g}"


def display_url(url: httpx.URL | str) -> str:
    """A URL fit for a message: no user:password part, ever."""
    try:
        parsed = httpx.URL(str(url))
    except (httpx.InvalidURL, TypeError, ValueError):
        return "(invalid address)"
    return str(parsed.copy_with(username=None, password=None))


def host_port(url: httpx.URL) -> str:
    port = url.port or (443 if url.scheme == "https" else 80)
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{host}:{port}"


def parse_url(url: str) -> httpx.URL:
    """Check an address the person gave: http(s), with a host, or a clear FetchError."""
    if not isinstance(url, str):
        raise FetchError("not a valid web address")
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError):
        raise FetchError("not a valid web address") from None
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FetchError(f"only http and https addresses can be fetched (not {parsed.scheme}:)")
    if not parsed.host:
        raise FetchError("not a valid web address (no host)")
    return parsed


class Session:
    """One fetch's client, limits and login. Thread-safe for parallel image downloads."""

    def __init__(
        self,
        *,
        timeout: float | None = None,
        total: float | None = None,
        cancel: Callable[[], bool] | None = None,
        credentials: Credentials | None = None,
        allow_http_login: bool = False,
        accept: str = "*/*",
    ) -> None:
        self.connect_timeout = CONNECT_TIMEOUT if timeout is None else timeout
        self.read_timeout = READ_TIMEOUT if timeout is None else timeout
        self.total = self.read_timeout * DEADLINE_FACTOR if total is None else total
        self.guard = Guard(time.monotonic() + self.total, cancel)
        self.credentials = credentials
        self.allow_http_login = allow_http_login or bool(
            credentials is not None and credentials.login.allow_http
        )
        self.withheld_login = False  # a login existed but was not sent over plain HTTP
        self._auth: httpx.Auth | None = None
        self.client = httpx.Client(
            transport=self._transport(None),
            mounts={
                pattern: None if proxy is None else self._transport(proxy)
                for pattern, proxy in environment_proxies().items()
            },
            trust_env=False,
            follow_redirects=False,
            timeout=httpx.Timeout(
                connect=self.connect_timeout,
                read=self.read_timeout,
                write=self.read_timeout,
                pool=self.read_timeout,
            ),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": accept,
                "Accept-Encoding": ACCEPT_ENCODING,
            },
        )

    def _transport(self, proxy: str | None) -> httpx.BaseTransport:
        transport = httpx.HTTPTransport(verify=_shared_ssl_context(), proxy=proxy)
        install(transport, self.guard)
        return _KeepLocation(transport)

    def close(self) -> None:
        self.client.close()

    def credentials_host(self) -> str:
        return self.credentials.login.host if self.credentials is not None else "HOST"

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- redirects -----------------------------------------------------------------------

    def open(self, url: httpx.URL) -> Reply:
        """GET url, following redirects by hand; return the first non-redirect response."""
        current = url
        seen: set[tuple[str, frozenset[tuple[str, str, str]]]] = set()
        login_allowed = True  # turned off for good once a hop leaves the login's host
        sent_any = False
        hops = 0
        while True:
            state = (str(current.copy_with(fragment=None)), self._cookie_state())
            if state in seen:
                raise FetchError(f"redirect loop at {display_url(current)}")
            seen.add(state)
            if self.credentials is not None and not self.credentials.applies_to(current):
                login_allowed = False
            with self.errors(current):
                response, sent = self._send(current, login_allowed)
            sent_any = sent_any or sent
            location = response.headers.get(LOCATION_HEADER) or response.headers.get("location")
            if response.status_code not in REDIRECT_CODES or not location:
                return Reply(response, current, sent_any)
            response.close()
            try:
                target = current.join(location.strip())
            except (httpx.InvalidURL, TypeError, ValueError):
                raise FetchError(
                    f"the server at {current.host} sent an invalid redirect address"
                ) from None
            if target.scheme not in ALLOWED_SCHEMES:
                raise FetchError(f"refused a redirect to a {target.scheme or 'schemeless'}: URL")
            if not target.host:
                raise FetchError(f"the server at {current.host} sent an invalid redirect address")
            hops += 1
            if hops > MAX_REDIRECTS:
                raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")
            current = target

    def _cookie_state(self) -> frozenset[tuple[str, str, str]]:
        """Revisiting a URL is a loop only when no cookie changed since the last visit:
        "set a cookie and come back" is a common, finite pattern."""
        return frozenset((c.name, c.value or "", c.domain) for c in self.client.cookies.jar)

    # -- one request, with the login when it applies --------------------------------------

    def _login_for(self, url: httpx.URL, allowed: bool) -> Credentials | None:
        creds = self.credentials
        if creds is None or not allowed or not creds.applies_to(url):
            return None
        if url.scheme != "https" and not self.allow_http_login:
            self.withheld_login = True
            return None
        return creds

    def _send(self, url: httpx.URL, login_allowed: bool) -> tuple[httpx.Response, bool]:
        creds = self._login_for(url, login_allowed)
        request = self.client.build_request("GET", url)
        if creds is None:
            return self.client.send(request, stream=True), False
        if creds.login.kind == "cookie":
            existing = request.headers.get("cookie")
            request.headers["Cookie"] = f"{existing}; {creds.secret}" if existing else creds.secret
            return self.client.send(request, stream=True), True
        if creds.login.kind == "header":
            name, _, value = creds.secret.partition(":")
            request.headers[name.strip()] = value.strip()
            return self.client.send(request, stream=True), True
        return self._send_password(request, creds)

    def _send_password(
        self, request: httpx.Request, creds: Credentials
    ) -> tuple[httpx.Response, bool]:
        """Basic or Digest, whichever the server's challenge names. Nothing secret is sent
        before the server asks, so a Digest site never sees the password in Basic form."""
        sent = False
        if self._auth is not None:
            request = next(self._auth.auth_flow(request))
            sent = True
        response = self.client.send(request, stream=True)
        if response.status_code != 401 or sent:
            return response, sent
        challenges = [
            value.strip().lower() for value in response.headers.get_list("www-authenticate")
        ]
        username, password = creds.login.username, creds.secret
        auth: httpx.Auth
        if any(value.startswith("digest") for value in challenges):
            auth = httpx.DigestAuth(username, password)
        elif any(value.startswith("basic") for value in challenges):
            auth = httpx.BasicAuth(username, password)
        else:
            return response, False
        flow = auth.auth_flow(request)
        retry = next(flow)  # Basic: already carries the login
        if isinstance(auth, httpx.DigestAuth):
            try:
                retry = flow.send(response)  # Digest: answers the server's challenge
            except StopIteration:
                return response, False
        response.close()
        self._auth = auth
        return self.client.send(retry, stream=True), True

    # -- body ------------------------------------------------------------------------------

    def read(
        self,
        reply: Reply,
        *,
        limit: int,
        too_large: str,
        progress: Progress | None = None,
    ) -> bytes:
        """The decoded body, stopping with FetchError(too_large) past ``limit`` bytes."""
        response = reply.response
        decoder = Decoder(response.headers.get("content-encoding"))
        total: int | None = None
        if not response.headers.get("content-encoding"):
            with contextlib.suppress(ValueError):
                total = int(response.headers.get("content-length", ""))
        if total is not None and total > limit:
            raise FetchError(too_large)
        parts: list[bytes] = []
        size = 0
        with self.errors(reply.url):
            for raw in response.iter_raw():
                self.guard.check()
                for piece in decoder.feed(raw):
                    size += len(piece)
                    if size > limit:
                        raise FetchError(too_large)
                    parts.append(piece)
                if progress is not None:
                    progress(size, total)
        return b"".join(parts)

    # -- errors ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def errors(self, url: httpx.URL) -> Iterator[None]:
        """Turn what httpx and the guard raise into one clear FetchError line."""
        try:
            yield
        except FetchError:
            raise
        except Interrupted as stop:
            raise self._stopped(url, stop.reason) from None
        except httpx.TimeoutException as error:
            if self.guard.cancelled():
                raise self._stopped(url, "cancelled") from None
            if self.guard.expired():
                raise self._stopped(url, "deadline") from None
            wait = (
                self.connect_timeout
                if isinstance(error, httpx.ConnectTimeout)
                else self.read_timeout
            )
            raise TemporaryFetchError(
                f"the server at {url.host} did not answer within {seconds(wait)} s"
            ) from None
        except httpx.HTTPError as error:
            raise self._network_error(url, error) from None
        except (OSError, ValueError) as error:  # beneath httpx, should it let one through
            raise self._network_error(url, error) from None

    def _stopped(self, url: httpx.URL, reason: str) -> FetchError:
        if reason == "cancelled":
            return FetchCancelled("cancelled")
        return TemporaryFetchError(
            f"the server at {url.host} was too slow: "
            f"no complete answer after {seconds(self.total)} s"
        )

    @classmethod
    def _network_error(cls, url: httpx.URL, error: BaseException) -> FetchError:
        """The network failed: worth another try later, unless it never can work (an
        untrusted certificate, an address that is not http(s))."""
        message = cls._network_message(url, error)
        lasting = isinstance(error, httpx.UnsupportedProtocol) or isinstance(
            _root_os_error(error), ssl.SSLError
        )
        return FetchError(message) if lasting else TemporaryFetchError(message)

    @staticmethod
    def _network_message(url: httpx.URL, error: BaseException) -> str:
        cause = _root_os_error(error)
        where = host_port(url)
        if isinstance(error, httpx.ConnectError) or isinstance(cause, ConnectionRefusedError):
            if isinstance(cause, ConnectionRefusedError):
                return f"could not connect to {where} (connection refused)"
            if isinstance(cause, socket.gaierror):
                return f"could not find the server {url.host} (name lookup failed)"
            if isinstance(cause, ssl.SSLCertVerificationError):
                reason = cause.verify_message or "certificate not trusted"
                return f"could not make a secure connection to {url.host} ({reason})"
            if isinstance(cause, ssl.SSLError):
                return f"could not make a secure connection to {url.host}"
            if isinstance(cause, ConnectionResetError):
                return "connection reset by the server"
            reason = cause.strerror if cause is not None and cause.strerror else "network error"
            return f"could not connect to {where} ({reason.lower()})"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
        text = str(error).lower()
        if isinstance(error, httpx.RemoteProtocolError):
            if "without sending a response" in text:
                return f"the server at {url.host} closed the connection without answering"
            if "incomplete" in text or "complete message body" in text:
                return (
                    f"the server at {url.host} closed the connection before the page was complete"
                )
            return f"the server at {url.host} sent a malformed response"
        if isinstance(error, httpx.UnsupportedProtocol):
            return "only http and https addresses can be fetched"
        if isinstance(error, httpx.DecodingError):
            return f"the server at {url.host} sent a damaged compressed page"
        if isinstance(error, httpx.ReadError | httpx.WriteError):
            return f"the connection to {url.host} failed while reading the page"
        return f"could not fetch from {url.host} ({type(error).__name__})"


def _root_os_error(error: BaseException) -> OSError | None:
    """The OSError beneath httpx's and httpcore's wrappers, if any."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError):
            return current
        current = current.__cause__ or current.__context__
    return None


def status_error(reply: Reply, session: Session) -> FetchError | None:
    """The FetchError for an HTTP error status, or None when the response is usable."""
    response = reply.response
    code = response.status_code
    host = reply.url.host
    if code in LOGIN_CODES:
        realm = _realm(response)
        if code == 407:
            return LoginRequired(
                "the proxy asks for a login (407)",
                host=host,
                status=code,
                rejected=False,
                realm=realm,
            )
        if reply.sent_login:
            return LoginRequired(
                f"the login for {host} was rejected (401)",
                host=host,
                status=code,
                rejected=True,
                realm=realm,
            )
        message = f"{host} asks for a login (401)"
        if session.withheld_login:
            message += (
                "; the stored login is not sent over plain HTTP "
                f"(allow it with: reader login {session.credentials_host()} --allow-http)"
            )
        return LoginRequired(message, host=host, status=code, rejected=False, realm=realm)
    if code >= 400 or code < 200 or code in REDIRECT_CODES or 300 <= code < 400:
        try:
            phrase = http.HTTPStatus(code).phrase
        except ValueError:
            phrase = ""
        message = f"HTTP {code} {phrase}".rstrip()
        if code >= 500 or code in PASSING_CODES:
            return TemporaryFetchError(message, retry_after=_retry_after(response))
        return FetchError(message)
    return None


def _retry_after(response: httpx.Response) -> float | None:
    """Retry-After as seconds (a number, or an HTTP date), None when absent or unreadable."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _realm(response: httpx.Response) -> str | None:
    for value in response.headers.get_list("www-authenticate"):
        lowered = value.lower()
        start = lowered.find('realm="')
        if start >= 0:
            end = value.find('"', start + 7)
            if end > start:
                return value[start + 7 : end]
    return None


class Settable(Protocol):
    """A threading.Event, or anything else that says whether it was set."""

    def is_set(self) -> bool: ...


# What a caller may pass to stop a fetch: a callable, an Event, or nothing.
Cancel = Callable[[], bool] | Settable | None


def cancel_hook(cancel: Cancel) -> Callable[[], bool] | None:
    """Accept a threading.Event (or anything with is_set) as well as a plain callable."""
    if cancel is None:
        return None
    is_set = getattr(cancel, "is_set", None)
    if callable(is_set):
        return is_set
    if callable(cancel):
        return cancel
    raise TypeError("cancel must be a callable or a threading.Event")
