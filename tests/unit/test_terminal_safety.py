"""What the command line prints is safe to show: no control character from a page, a
server or a file name reaches the terminal, and a login written into an address is never
kept, sent or printed (it is left out, and Reader says so)."""

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import hostile_server as hs
import pytest
from reader_cli import run_reader

from reader.commands.terminal import strip_controls

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e"
SECRET = "Pa55-w0rd-never-shown"


@pytest.fixture(scope="module")
def server() -> Iterator[hs.Server]:
    yield from hs.serve()


def hostile_page(folder: Path) -> Path:
    """Escapes in the title (through JSON-LD, which decodes \\u001b), the site name, the
    byline, the text and a recommended story; the file name holds one too."""
    meta = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": f"Harbour {ESCAPES} news",
            "author": {"@type": "Person", "name": f"Sam{ESCAPES}"},
            "publisher": {"@type": "Organization", "name": f"Gazette{ESCAPES}"},
        }
    )
    body = "".join(
        f"<p>Paragraph {n}: the harbour was quiet \x1b[2J and the boats came in at dawn with "
        "their nets full, while the market opened along the old quay.</p>"
        for n in range(10)
    )
    related = "".join(
        f'<li><a href="https://news.example/world/2024/04/2{n}/story-{n}.html">Story {n} '
        f"{ESCAPES} about the ferry timetable changes in spring</a></li>"
        for n in range(4)
    )
    page = folder / "page\x1b[2J.html"
    page.write_text(
        f'<html><head><script type="application/ld+json">{meta}</script>'
        '<link rel="canonical" href="https://news.example/world/2024/05/01/harbour.html">'
        f"</head><body><article><h1>Harbour news</h1>{body}</article>"
        f'<aside class="related"><h2>Related</h2><ul>{related}</ul></aside></body></html>',
        encoding="utf-8",
    )
    return page


def assert_clean(*outputs: str) -> None:
    for output in outputs:
        assert strip_controls(output) == output, repr(output[:300])


def test_nothing_a_page_holds_drives_the_terminal(tmp_path, data_dir):
    folder = tmp_path / "saved"
    folder.mkdir()
    page = hostile_page(folder)
    imported = run_reader("import", "--verbose", str(folder))
    assert imported.returncode == 0, imported.stderr
    results = [imported]
    for args in (
        ("list",),
        ("list", "--format", "json"),
        ("search", "harbour"),
        ("search", "harbour", "--format", "json"),
        ("recommended",),
        ("recommended", "--format", "json"),
        *(("extract", "--format", fmt, str(page)) for fmt in ("json", "text", "markdown", "html")),
        ("extract", str(folder / "missing\x1b[2J.html")),
    ):
        result = run_reader(*args)
        results.append(result)
        assert_clean(result.stdout, result.stderr)
    listing = results[1].stdout
    assert "Harbour" in listing and "]0;pwned" in listing  # the text stays, the escapes go
    assert any("Story 0" in result.stdout for result in results)


def test_the_filter_keeps_text_tabs_and_newlines():
    text = "Ünïcode — 中文 עברית\tcolumn\nnext line"
    assert strip_controls(text) == text
    assert strip_controls("a\x1b[31mb\x07c\x9bd\r\x00e\u202ef") == "a[31mbcdef"


def test_a_login_in_an_address_is_left_out_never_kept_or_shown(server, tmp_path, data_dir):
    address = server.url("/page").replace("http://", f"http://ada:{SECRET}@")
    extracted = run_reader("extract", "--format", "json", address)
    imported = run_reader("import", "--verbose", address)
    missing = run_reader("extract", address.replace("/page", "/status/404"))
    listed = run_reader("list", "--format", "json")
    for result in (extracted, imported, missing, listed):
        assert SECRET not in result.stdout + result.stderr
        assert "ada:" not in result.stdout + result.stderr
    assert extracted.returncode == 0, extracted.stderr
    assert "left out the login written into the address for 127.0.0.1" in extracted.stderr
    assert json.loads(extracted.stdout)["source"] == server.url("/page")
    assert not any("authorization" in {k.lower() for k in r.headers} for r in server.requests)
    library = data_dir / "library.sqlite3"
    assert SECRET.encode() not in library.read_bytes()
    with sqlite3.connect(library) as connection:
        stored = connection.execute("SELECT source, origin, url, url_key FROM articles").fetchall()
    assert stored and not any("ada" in str(value) for row in stored for value in row)


def test_the_store_drops_a_login_even_when_given_one(data_dir):
    from reader.model import Article
    from reader.store import Library

    with Library() as library:
        article_id = library.save(
            Article(
                source=f"https://ada:{SECRET}@intranet.example/a",
                title="Salaries",
                content_html="<p>Numbers.</p>",
                text="Numbers.",
                url=f"https://ada:{SECRET}@intranet.example/a",
            )
        )
        stored = library.article(article_id)
    assert SECRET not in repr(stored)
    assert SECRET.encode() not in (data_dir / "library.sqlite3").read_bytes()
