"""A real HTTP server on 127.0.0.1 for the fetch tests: good pages and every bad case.

Routes are data (ROUTES: path prefix -> handler method); each request is recorded with
its headers so tests can check what Reader sent (User-Agent, logins, cookies).
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import socket
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from local_http import LocalServer, QuietHandler, serving

USERNAME = "ada"
PASSWORD = "s3cret-Horse-battery-42"
REALM = "Reader tests"
NONCE = "b4d0c0ffee"
COOKIE = "session=tok-9f8e7d6c5b4a"
HEADER = "X-Api-Key: key-1a2b3c4d5e"

ARTICLE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Night trains</title>"
    "</head><body><article><h1>Night trains</h1>{body}</article></body></html>"
)
PARAGRAPH = (
    "<p>Sleeper cars, late departures and early arrivals across borders make the "
    "overnight journey a quiet pleasure for many travellers.</p>"
)
RUSSIAN = "Ночные поезда возвращаются в Европу: спальные вагоны и тихие станции."
FRENCH = "Les trains de nuit reviennent : café, crème brûlée, déjà vu à l'aube."
TEXT_DUMP = (
    "date 2024-05-01 Night trains return\n\n"
    "Sleeper cars are back on the rails across Europe, and travellers are delighted.\n\n"
    "The overnight journey is a quiet pleasure for many people who dislike flying.\n"
)


@dataclass
class Seen:
    path: str
    host: str
    headers: dict[str, str]


@dataclass
class Server:
    port: int
    requests: list[Seen] = field(default_factory=list)
    trickle_seconds: float = 0.5

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def seen(self, path: str) -> list[Seen]:
        return [request for request in self.requests if request.path == path]


def article(paragraphs: int = 5) -> bytes:
    return ARTICLE.format(body=PARAGRAPH * paragraphs).encode("utf-8")


def gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes gzipped (as several gzip members): a thousandth on the wire."""
    member = 8 * 1024 * 1024
    whole, rest = divmod(size, member)
    blob = gzip.compress(b"\0" * member, compresslevel=9) * whole
    return blob + gzip.compress(b"\0" * rest, compresslevel=9)


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


class Handler(QuietHandler):
    server: LocalServer[Server]

    @property
    def state(self) -> Server:
        return self.server.state

    def do_GET(self) -> None:
        self.state.requests.append(
            Seen(self.path, self.headers.get("Host", ""), {k: v for k, v in self.headers.items()})
        )
        for prefix, name in ROUTES:
            if self.path == prefix or (prefix.endswith("/") and self.path.startswith(prefix)):
                with contextlib.suppress(OSError):  # the client went away (broken pipe, reset, TLS)
                    getattr(self, name)()
                return
        self.send(404, b"<html><body>nothing here</body></html>")

    # -- helpers -------------------------------------------------------------------------

    def redirect(self, location: str, status: int = 302) -> None:
        self.send(status, b"", None, {"Location": location})

    # -- pages -----------------------------------------------------------------------------

    def page(self) -> None:
        self.send(200, article())

    def big_page(self) -> None:
        self.send(200, article(paragraphs=int(self.path.rsplit("/", 1)[-1])))

    def no_type(self) -> None:
        self.send(200, article(), content_type=None)

    def xhtml(self) -> None:
        body = (
            "<?xml version='1.0' encoding='utf-8'?>\n"
            "<html xmlns='http://www.w3.org/1999/xhtml'><head><title>X</title></head>"
            f"<body><p>{FRENCH}</p></body></html>"
        )
        self.send(200, body.encode("utf-8"), "application/xhtml+xml")

    def koi8(self) -> None:
        body = f"<html><head><title>Поезда</title></head><body><p>{RUSSIAN}</p></body></html>"
        self.send(200, body.encode("koi8-r"), "text/html; charset=KOI8-R")

    def cp1252(self) -> None:
        body = f"<html><head><title>Trains</title></head><body><p>{FRENCH}</p></body></html>"
        self.send(200, body.encode("windows-1252"), 'text/html; charset="windows-1252"')

    def text(self) -> None:
        self.send(200, TEXT_DUMP.encode("utf-8"), "text/plain; charset=utf-8")

    def pdf(self) -> None:
        self.send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/pdf")

    def png_as_html(self) -> None:
        self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "text/html")

    def gzipped(self) -> None:
        self.send(200, gzip.compress(article()), headers={"Content-Encoding": "gzip"})

    def truncated_gzip(self) -> None:
        whole = gzip.compress(article(40))
        self.send(200, whole[: len(whole) * 2 // 3], headers={"Content-Encoding": "gzip"})

    def brotli(self) -> None:
        self.send(200, b"\x8b\x03\x80hello\x03", headers={"Content-Encoding": "br"})

    def echo(self) -> None:
        self.send(200, article())

    def set_cookie(self) -> None:
        self.send(200, article(), headers={"Set-Cookie": "seen=1; Path=/"})

    def status(self) -> None:
        code = int(self.path.rsplit("/", 1)[-1])
        self.send(code, b"<html><body>status page</body></html>")

    # -- redirects -------------------------------------------------------------------------

    def chain(self) -> None:
        left = int(self.path.rsplit("/", 1)[-1])
        self.redirect(f"/chain/{left - 1}" if left > 0 else "/page")

    def loop(self) -> None:
        self.redirect("/loop-b" if self.path == "/loop-a" else "/loop-a")

    def to_file(self) -> None:
        self.redirect("file:///etc/passwd")

    def to_ftp(self) -> None:
        self.redirect("ftp://127.0.0.1/pub/page.html")

    def to_data(self) -> None:
        self.redirect("data:text/html,<p>hi</p>")

    def to_other_host(self) -> None:
        self.redirect(f"http://localhost:{self.state.port}/echo", 307)

    def to_same_host(self) -> None:
        self.redirect("/protected/basic", 302)

    def cookie_bounce(self) -> None:
        """Set a cookie and come back: a finite pattern that is not a loop."""
        if "bounced=1" in (self.headers.get("Cookie") or ""):
            self.send(200, article())
        else:
            self.send(302, b"", None, {"Location": "/cookie-bounce", "Set-Cookie": "bounced=1"})

    # -- hostile -----------------------------------------------------------------------------

    def hang(self) -> None:
        time.sleep(20)

    def trickle(self) -> None:
        """Headers at once, then one byte now and then, forever: resets every read timeout."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body><p>")
        for _ in range(10_000):
            time.sleep(self.state.trickle_seconds)
            self.wfile.write(b"x")
            self.wfile.flush()

    def trickle_headers(self) -> None:
        """The status line and headers one byte at a time."""
        head = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"p" * 10_000
        for byte in head:
            time.sleep(self.state.trickle_seconds)
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body>")
        block = PARAGRAPH.encode() * 400
        while True:
            self.wfile.write(block)

    def bomb(self) -> None:
        size = int(self.path.rsplit("/", 1)[-1])
        self.send(200, gzip_bomb(size), headers={"Content-Encoding": "gzip"})

    def double_bomb(self) -> None:
        size = int(self.path.rsplit("/", 1)[-1])
        body = gzip.compress(gzip_bomb(size), compresslevel=9)
        self.send(200, body, headers={"Content-Encoding": "gzip, gzip"})

    def reset(self) -> None:
        """Close with a TCP RST (SO_LINGER 0) instead of an answer."""
        sock = self.connection
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
        self.close_connection = True

    # -- logins ----------------------------------------------------------------------------

    def basic(self) -> None:
        expected = "Basic " + base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
        if self.headers.get("Authorization") == expected:
            self.send(200, article())
        else:
            self.send(401, b"login", headers={"WWW-Authenticate": f'Basic realm="{REALM}"'})

    def digest(self) -> None:
        fields = _digest_fields(self.headers.get("Authorization") or "")
        if fields and fields.get("username") == USERNAME:
            ha1 = _md5(f"{USERNAME}:{REALM}:{PASSWORD}")
            ha2 = _md5(f"GET:{fields.get('uri', '')}")
            expected = _md5(f"{ha1}:{NONCE}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{ha2}")
            if fields.get("response") == expected and fields.get("nonce") == NONCE:
                self.send(200, article())
                return
        challenge = f'Digest realm="{REALM}", qop="auth", nonce="{NONCE}", algorithm=MD5'
        self.send(401, b"login", headers={"WWW-Authenticate": challenge})

    def cookie_wall(self) -> None:
        if COOKIE in (self.headers.get("Cookie") or ""):
            self.send(200, article())
        else:
            self.send(401, b"paywall")

    def header_wall(self) -> None:
        if self.headers.get("X-Api-Key") == HEADER.split(": ", 1)[1]:
            self.send(200, article())
        else:
            self.send(401, b"paywall")

    # -- images ----------------------------------------------------------------------------

    def image(self) -> None:
        name = self.path.rsplit("/", 1)[-1]
        self.send(200, PNG + name.encode(), "image/png")

    def image_no_type(self) -> None:
        self.send(200, PNG + b"untyped", None)

    def huge_image(self) -> None:
        self.send(200, PNG + b"\0" * (11 * 1024 * 1024), "image/png")

    def not_image(self) -> None:
        self.send(200, article())


def _digest_fields(header: str) -> dict[str, str]:
    if not header.startswith("Digest "):
        return {}
    fields = {}
    for part in header[len("Digest ") :].split(","):
        name, _, value = part.strip().partition("=")
        fields[name.strip()] = value.strip().strip('"')
    return fields


PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"

ROUTES: tuple[tuple[str, str], ...] = (
    ("/page", "page"),
    ("/big/", "big_page"),
    ("/no-type", "no_type"),
    ("/xhtml", "xhtml"),
    ("/koi8", "koi8"),
    ("/cp1252", "cp1252"),
    ("/text", "text"),
    ("/pdf", "pdf"),
    ("/png-as-html", "png_as_html"),
    ("/gzipped", "gzipped"),
    ("/truncated-gzip", "truncated_gzip"),
    ("/brotli", "brotli"),
    ("/echo", "echo"),
    ("/set-cookie", "set_cookie"),
    ("/status/", "status"),
    ("/chain/", "chain"),
    ("/loop-a", "loop"),
    ("/loop-b", "loop"),
    ("/to-file", "to_file"),
    ("/to-ftp", "to_ftp"),
    ("/to-data", "to_data"),
    ("/to-other-host", "to_other_host"),
    ("/to-same-host", "to_same_host"),
    ("/cookie-bounce", "cookie_bounce"),
    ("/hang", "hang"),
    ("/trickle", "trickle"),
    ("/trickle-headers", "trickle_headers"),
    ("/endless", "endless"),
    ("/bomb/", "bomb"),
    ("/double-bomb/", "double_bomb"),
    ("/reset", "reset"),
    ("/protected/basic", "basic"),
    ("/protected/digest", "digest"),
    ("/protected/cookie", "cookie_wall"),
    ("/protected/header", "header_wall"),
    ("/img/", "image"),
    ("/img-untyped", "image_no_type"),
    ("/img-huge", "huge_image"),
    ("/img-not-image", "not_image"),
)


def serve() -> Iterator[Server]:
    """Run the server in a thread for the duration of a test (use as a fixture body)."""
    with serving(Handler, Server) as state:
        yield state


def closed_port() -> int:
    """A port on 127.0.0.1 with nobody listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
