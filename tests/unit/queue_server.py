"""A real HTTP server on 127.0.0.1 for the fetch queue's tests and benchmark.

Routes (``/<kind>/<n>``): ``a`` an article of its own words; ``slow`` the same after a
pause; ``flaky`` 503 (Retry-After 0) the first times it is asked, then the article;
``hang`` never answers in time; ``login`` 401 until asked with the login LOGIN (Basic),
then the article; ``gone`` 404; ``moved`` a redirect to
``/a/<n>``. Every request is recorded with its host and start and end times, and the
greatest number of requests a host had open at once is kept.
"""

from __future__ import annotations

import base64
import contextlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import local_http
from local_http import LocalServer, QuietHandler

WORDS = [
    *("harbour", "lantern", "meadow", "orchard", "signal", "timber", "voyage", "winter"),
    *("basket", "candle", "river", "granite", "ferry", "pepper", "quarry", "saddle"),
    *("thistle", "velvet", "walnut", "yarrow"),
]


def article_html(number: int, words: int = 120) -> bytes:
    """An article whose text is its own (number ``number`` in every sentence)."""
    sentences = []
    for index in range(words // 12):
        picked = " ".join(WORDS[(number * 7 + index * 3 + k) % len(WORDS)] for k in range(8))
        sentences.append(f"Entry {number} part {index} speaks of {picked}.")
    body = "".join(f"<p>{' '.join(sentences[i : i + 3])}</p>" for i in range(0, len(sentences), 3))
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Article {number}"
        f"</title></head><body><article><h1>Article {number}</h1>{body}</article></body></html>"
    ).encode()


LOGIN = ("ada", "opensesame")  # the one login the ``login`` route lets through
LOGIN_HEADER = "Basic " + base64.b64encode(":".join(LOGIN).encode()).decode()


@dataclass
class Request:
    path: str
    host: str
    started: float
    ended: float = 0.0


@dataclass
class QueueServer:
    port: int
    requests: list[Request] = field(default_factory=list)
    open_now: Counter[str] = field(default_factory=Counter)
    most_open: Counter[str] = field(default_factory=Counter)
    asked: Counter[str] = field(default_factory=Counter)
    flaky_failures: int = 2
    slow_seconds: float = 0.3
    hang_seconds: float = 5.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for request in self.requests if request.path == path)


class _Handler(QuietHandler):
    server: LocalServer[QueueServer]

    def do_GET(self) -> None:
        state = self.server.state
        host = self.headers.get("Host", "").rsplit(":", 1)[0]
        request = Request(self.path, host, time.monotonic())
        with state.lock:
            state.requests.append(request)
            state.asked[self.path] += 1
            asked = state.asked[self.path]
            state.open_now[host] += 1
            state.most_open[host] = max(state.most_open[host], state.open_now[host])
        try:
            with contextlib.suppress(OSError):
                self._answer(state, asked)
        finally:
            with state.lock:
                state.open_now[host] -= 1
                request.ended = time.monotonic()

    def _answer(self, state: QueueServer, asked: int) -> None:
        parts = self.path.strip("/").split("/")
        kind, number = parts[0], int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        if kind == "a":
            self.send(200, article_html(number))
        elif kind == "slow":
            time.sleep(state.slow_seconds)
            self.send(200, article_html(number))
        elif kind == "flaky":
            if asked <= state.flaky_failures:
                self.send(503, b"busy", headers={"Retry-After": "0"})
            else:
                self.send(200, article_html(number))
        elif kind == "hang":
            time.sleep(state.hang_seconds)
            self.send(200, article_html(number))
        elif kind == "login" and self.headers.get("Authorization") == LOGIN_HEADER:
            self.send(200, article_html(number))
        elif kind == "login":
            self.send(
                401, b"who are you?", headers={"WWW-Authenticate": 'Basic realm="Queue tests"'}
            )
        elif kind == "moved":
            self.send(301, b"", headers={"Location": f"/a/{number}"})
        else:
            self.send(404, b"<html><body>gone</body></html>")


@contextlib.contextmanager
def serving() -> Iterator[QueueServer]:
    with local_http.serving(_Handler, QueueServer) as state:
        yield state


def pocket_csv(urls: list[str], *, tags: str = "", status: str = "unread") -> str:
    """A Pocket export's part CSV listing ``urls`` (titles "Saved N", dates ascending)."""
    lines = ["title,url,time_added,tags,status"]
    for number, url in enumerate(urls):
        lines.append(f"Saved {number},{url},{1_600_000_000 + number},{tags},{status}")
    return "\n".join(lines) + "\n"
