"""fetch_page against a real HTTP server on 127.0.0.1: good pages and every bad case."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import hostile_server as hs
import pytest
from reader_cli import run_reader

from reader import __version__
from reader.errors import FetchCancelled, FetchError, LoginRequired
from reader.load.fetch import fetch_page
from reader.logins import Credentials, SiteLogin


@pytest.fixture(scope="module")
def server() -> Iterator[hs.Server]:
    yield from hs.serve()


def fetch_error(url: str, **options: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch_page(url, **options)  # type: ignore[arg-type]
    return caught.value


# -- pages ---------------------------------------------------------------------------------


def test_html_page_keeps_final_url_and_sends_honest_user_agent(server: hs.Server) -> None:
    page = fetch_page(server.url("/chain/2"))
    assert "Night trains" in page.html
    assert page.url == server.url("/page")
    assert page.source == server.url("/chain/2")
    assert page.format == "html"
    agent = server.seen("/page")[-1].headers["User-Agent"]
    assert agent == f"Reader/{__version__} (+desktop article reader)"


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/koi8", hs.RUSSIAN), ("/cp1252", hs.FRENCH)],
)
def test_charset_given_only_in_the_http_header_decodes_right(
    server: hs.Server, path: str, expected: str
) -> None:
    assert expected in fetch_page(server.url(path)).html


def test_xhtml_loses_its_xml_declaration(server: hs.Server) -> None:
    page = fetch_page(server.url("/xhtml"))
    assert page.format == "xhtml"
    assert not page.html.lstrip().startswith("<?xml")
    assert hs.FRENCH in page.html


def test_text_plain_goes_through_the_text_dump_loader(server: hs.Server) -> None:
    page = fetch_page(server.url("/text"))
    assert page.format == "text"
    assert "<title>Night trains return</title>" in page.html
    assert "<p>" in page.html


def test_missing_content_type_is_sniffed(server: hs.Server) -> None:
    assert fetch_page(server.url("/no-type")).format == "html"


def test_gzip_page_is_decoded(server: hs.Server) -> None:
    assert "Night trains" in fetch_page(server.url("/gzipped")).html


def test_set_cookie_then_come_back_is_not_a_loop(server: hs.Server) -> None:
    assert "Night trains" in fetch_page(server.url("/cookie-bounce")).html


def test_progress_reports_bytes(server: hs.Server) -> None:
    seen: list[tuple[int, int | None]] = []
    fetch_page(server.url("/big/400"), progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] == len(hs.article(400))


# -- bad cases -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/status/404", "HTTP 404 Not Found"),
        ("/status/500", "HTTP 500 Internal Server Error"),
        ("/status/503", "HTTP 503 Service Unavailable"),
        ("/pdf", "not an article page (application/pdf)"),
        ("/png-as-html", "not an article page (looks like a PNG image)"),
        ("/to-file", "refused a redirect to a file: URL"),
        ("/to-ftp", "refused a redirect to a ftp: URL"),
        ("/to-data", "refused a redirect to a data: URL"),
        ("/chain/10", "too many redirects (more than 10)"),
        ("/reset", "connection reset by the server"),
        ("/brotli", "the server sent the page in an encoding Reader cannot read (br)"),
    ],
)
def test_bad_cases_give_one_clear_line(server: hs.Server, path: str, message: str) -> None:
    assert str(fetch_error(server.url(path))) == message


def test_ten_redirects_are_fine(server: hs.Server) -> None:
    assert fetch_page(server.url("/chain/9")).url == server.url("/page")


def test_redirect_loop_is_reported(server: hs.Server) -> None:
    message = str(fetch_error(server.url("/loop-a")))
    assert message == f"redirect loop at {server.url('/loop-a')}"


def test_unauthorized_without_login(server: hs.Server) -> None:
    error = fetch_error(server.url("/status/401"))
    assert isinstance(error, LoginRequired)
    assert str(error) == "127.0.0.1 asks for a login (401)"
    assert not error.rejected


def test_closed_port() -> None:
    port = hs.closed_port()
    message = str(fetch_error(f"http://127.0.0.1:{port}/"))
    assert message == f"could not connect to 127.0.0.1:{port} (connection refused)"


@pytest.mark.parametrize("url", ["ftp://example.com/", "file:///etc/passwd", "http://", "::"])
def test_bad_addresses(url: str) -> None:
    fetch_error(url)


def test_endless_body_stops_at_the_cap(server: hs.Server) -> None:
    error = fetch_error(server.url("/endless"), max_bytes=2 * 1024 * 1024)
    assert str(error) == "page larger than 2 MB"


def test_gzip_bomb_stops_at_the_cap(server: hs.Server) -> None:
    error = fetch_error(server.url(f"/bomb/{64 * 1024 * 1024}"), max_bytes=1024 * 1024)
    assert str(error) == "page larger than 1 MB"


def test_gzip_in_gzip_bomb_stops_at_the_cap(server: hs.Server) -> None:
    error = fetch_error(server.url(f"/double-bomb/{256 * 1024 * 1024}"), max_bytes=1024 * 1024)
    assert str(error) == "page larger than 1 MB"


def test_gzip_bomb_stops_at_the_real_25_mb_cap(server: hs.Server) -> None:
    started = time.monotonic()
    assert str(fetch_error(server.url(f"/bomb/{40 * 1024 * 1024}"))) == "page larger than 25 MB"
    assert time.monotonic() - started < 10


def test_endless_body_stops_at_the_real_25_mb_cap(server: hs.Server) -> None:
    assert str(fetch_error(server.url("/endless"))) == "page larger than 25 MB"


def test_silent_server_times_out(server: hs.Server) -> None:
    started = time.monotonic()
    message = str(fetch_error(server.url("/hang"), timeout=1))
    assert message == "the server at 127.0.0.1 did not answer within 1 s"
    assert time.monotonic() - started < 3


@pytest.mark.parametrize("path", ["/trickle", "/trickle-headers"])
def test_trickling_server_is_cut_off_by_the_overall_deadline(server: hs.Server, path: str) -> None:
    started = time.monotonic()
    message = str(fetch_error(server.url(path), timeout=1))
    assert message == "the server at 127.0.0.1 was too slow: no complete answer after 3 s"
    assert time.monotonic() - started < 5


def test_cancel_stops_a_blocked_fetch(server: hs.Server) -> None:
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    started = time.monotonic()
    with pytest.raises(FetchCancelled):
        fetch_page(server.url("/hang"), cancel=stop)
    assert time.monotonic() - started < 2


# -- logins --------------------------------------------------------------------------------


def login(server: hs.Server, kind: str, secret: str, *, allow_http: bool = True) -> Credentials:
    username = hs.USERNAME if kind == "password" else ""
    host = f"127.0.0.1:{server.port}"
    return Credentials(SiteLogin(host, username, kind, allow_http=allow_http), secret)


@pytest.mark.parametrize("path", ["/protected/basic", "/protected/digest"])
def test_password_login_round_trip(server: hs.Server, path: str) -> None:
    creds = login(server, "password", hs.PASSWORD)
    assert "Night trains" in fetch_page(server.url(path), credentials=creds).html


@pytest.mark.parametrize("path", ["/protected/basic", "/protected/digest"])
def test_rejected_login_is_reported_as_such(server: hs.Server, path: str) -> None:
    creds = login(server, "password", "wrong-password-123")
    error = fetch_error(server.url(path), credentials=creds)
    assert str(error) == "the login for 127.0.0.1 was rejected (401)"
    assert isinstance(error, LoginRequired) and error.rejected
    assert error.realm == hs.REALM


@pytest.mark.parametrize(
    ("path", "kind", "secret"),
    [("/protected/cookie", "cookie", hs.COOKIE), ("/protected/header", "header", hs.HEADER)],
)
def test_cookie_and_header_logins(server: hs.Server, path: str, kind: str, secret: str) -> None:
    page = fetch_page(server.url(path), credentials=login(server, kind, secret))
    assert "Night trains" in page.html


def test_login_not_sent_over_plain_http_without_consent(server: hs.Server) -> None:
    creds = login(server, "cookie", hs.COOKIE, allow_http=False)
    error = fetch_error(server.url("/protected/cookie"), credentials=creds)
    assert str(error).startswith("127.0.0.1 asks for a login (401); the stored login is not sent")
    assert hs.COOKIE not in server.seen("/protected/cookie")[-1].headers.get("Cookie", "")
    page = fetch_page(server.url("/protected/cookie"), credentials=creds, allow_http_login=True)
    assert "Night trains" in page.html


@pytest.mark.parametrize(
    ("kind", "secret"), [("cookie", hs.COOKIE), ("header", hs.HEADER), ("password", "pw")]
)
def test_credentials_not_sent_after_a_redirect_to_another_host(
    server: hs.Server, kind: str, secret: str
) -> None:
    before = len(server.requests)
    page = fetch_page(server.url("/to-other-host"), credentials=login(server, kind, secret))
    assert page.url == server.url("/echo", host="localhost")
    first, second = server.requests[before:]
    assert first.host.startswith("127.0.0.1")
    assert second.host.startswith("localhost")
    if kind == "cookie":
        assert hs.COOKIE in first.headers.get("Cookie", "")
    if kind == "header":
        assert first.headers.get("X-Api-Key")
    leaked = " ".join(f"{name}: {value}" for name, value in second.headers.items())
    assert "Authorization" not in second.headers
    assert "X-Api-Key" not in second.headers
    assert secret.split("=")[-1].split(": ")[-1] not in leaked


def test_password_in_the_address_is_used_and_never_shown(server: hs.Server) -> None:
    url = f"http://{hs.USERNAME}:{hs.PASSWORD}@127.0.0.1:{server.port}/protected/basic"
    page = fetch_page(url, allow_http_login=True)
    assert hs.PASSWORD not in (page.url or "")
    bad = f"http://{hs.USERNAME}:wrong-pw-777@127.0.0.1:{server.port}/protected/basic"
    assert "wrong-pw-777" not in str(fetch_error(bad, allow_http_login=True))


# -- the command line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop-a", "redirect loop at"),
        ("/to-file", "refused a redirect to a file: URL"),
        ("/status/404", "HTTP 404 Not Found"),
        ("/pdf", "not an article page (application/pdf)"),
        ("/trickle", "was too slow"),
    ],
)
def test_cli_bad_cases_exit_non_zero_with_one_line(
    server: hs.Server, path: str, message: str
) -> None:
    started = time.monotonic()
    result = run_reader("extract", "--timeout", "3", server.url(path))
    assert time.monotonic() - started < 15
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith(f"reader: {server.url(path)}: ")
    assert message in lines[0]
    assert result.stdout == ""


def test_cli_closed_port_exits_non_zero_with_one_line() -> None:
    port = hs.closed_port()
    result = run_reader("extract", "--timeout", "3", f"http://127.0.0.1:{port}/")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"reader: http://127.0.0.1:{port}/: could not connect to 127.0.0.1:{port} "
        "(connection refused)"
    ]


@pytest.fixture
def unanswered_port() -> Iterator[int]:
    """A listening socket whose backlog is full: new connections are never answered."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = int(listener.getsockname()[1])
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    try:
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def test_unanswered_connection_times_out(unanswered_port: int) -> None:
    started = time.monotonic()
    message = str(fetch_error(f"http://127.0.0.1:{unanswered_port}/", timeout=1))
    assert message == "the server at 127.0.0.1 did not answer within 1 s"
    assert time.monotonic() - started < 3


def test_cancel_while_connecting(unanswered_port: int) -> None:
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    started = time.monotonic()
    with pytest.raises(FetchCancelled):
        fetch_page(f"http://127.0.0.1:{unanswered_port}/", cancel=stop)
    assert time.monotonic() - started < 2


def test_declared_length_over_the_cap_is_refused_before_reading(server: hs.Server) -> None:
    assert str(fetch_error(server.url("/big/400"), max_bytes=10_000)) == (
        "page larger than 10000 bytes"
    )


def test_system_proxy_settings_are_followed(
    server: hs.Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy_port = hs.closed_port()
    for name in ("http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy_port}")
    # The server is up, so a refused connection shows the (closed) proxy was used.
    assert str(fetch_error(server.url("/page"))).endswith("(connection refused)")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    assert "Night trains" in fetch_page(server.url("/page")).html
