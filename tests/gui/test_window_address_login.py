"""A login written into an address the window opens is left out: not sent, not kept in
the recent files or the library, not shown; the status line says it was left out."""

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from window_helpers import WAIT_MS, stored

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import hostile_server as hs

SECRET = "Pa55-w0rd-never-shown"


@pytest.fixture(scope="module")
def server() -> Iterator[hs.Server]:
    yield from hs.serve()


def test_window_leaves_the_login_out(qtbot, window, server):
    address = server.url("/page").replace("http://", f"http://ada:{SECRET}@")
    window.opening.open_source(address)
    shown = window.statusBar().currentMessage()
    assert "login written into the address was left out" in shown and SECRET not in shown
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=WAIT_MS)
    assert window.current.article is not None
    assert all(SECRET not in item and "ada@" not in item for item in window.settings.recent)
    assert server.url("/page") in window.settings.recent
    assert not any("authorization" in {k.lower() for k in r.headers} for r in server.requests)
    with stored(window) as library:
        rows = library.articles(limit=10)
    assert rows and all(SECRET not in (row.url or "") for row in rows)
