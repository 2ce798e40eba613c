"""Hostile and broken inputs keep their clean behaviour: an article or one clear line,
never a traceback, nothing read from outside the page, the library untouched on error.

Cases that other tests already hold: control characters (test_load_files,
test_terminal_safety), UTF-16 without a BOM (test_load_decode), gzip bombs and redirects to
file:// (test_fetch), broken base64 in MHTML (test_load_properties), SVG entities and file
references (test_svg_check), deep and unclosed nesting (test_extract_properties,
test_load_properties)."""

import base64
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import hostile_server as hs
import pytest
from reader_cli import run_reader

from reader.service.reading import read_article

MARKER = "TOP-SECRET-MARKER-7f3a"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8DwnwEKmBgQAFMBAOT3Aw"
    "H1jf0eAAAAAElFTkSuQmCC"
)
STORY = "".join(
    f"<p>Paragraph {n}: the harbour was quiet and the boats came in at dawn with their "
    "nets full, while the market opened along the old quay.</p>"
    for n in range(8)
)


@pytest.fixture(scope="module")
def server() -> Iterator[hs.Server]:
    yield from hs.serve()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret" / "passwords.txt"
    path.parent.mkdir()
    path.write_text(MARKER, encoding="utf-8")
    return path


def clean_outcome(result) -> None:
    """An article (exit 0) or one line on stderr (exit 1); never a traceback."""
    assert "Traceback" not in result.stderr
    if result.returncode != 0:
        assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr


def xhtml_with_entities(path: Path, declarations: str, paragraph: str) -> Path:
    """An XHTML page whose internal DTD declares ``declarations``; ``paragraph`` uses them."""
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html [{declarations}]>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Harbour</title></head>'
        f"<body><article><h1>Harbour</h1><p>{paragraph}</p>{STORY}</article></body></html>",
        encoding="utf-8",
    )
    return path


def test_xxe_in_xhtml_reads_no_file(tmp_path, secret):
    declaration = f'<!ENTITY xxe SYSTEM "file://{secret}">'
    page = xhtml_with_entities(tmp_path / "xxe.xhtml", declaration, "Secret: &xxe;")
    result = run_reader("extract", "--format", "json", str(page))
    clean_outcome(result)
    assert MARKER not in result.stdout + result.stderr


def test_entity_bomb_is_not_expanded(tmp_path):
    entities = '<!ENTITY a0 "lol lol lol lol lol lol lol lol lol lol">' + "".join(
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10)
    )
    page = xhtml_with_entities(tmp_path / "laughs.xhtml", entities, "&a9;")
    result = run_reader("extract", "--format", "json", str(page))
    clean_outcome(result)
    assert len(result.stdout) < 200_000  # 10**10 "lol"s, had they been expanded
    assert result.stdout.count("lol") < 1000


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_links_out_of_page_files_are_not_followed(tmp_path, secret):
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    site = tmp_path / "site"
    files = site / "page_files"
    files.mkdir(parents=True)
    (files / "inside.png").write_bytes(PNG)
    (files / "escape.png").symlink_to(outside)
    (files / "secret.png").symlink_to(secret)
    (site / "other_files").symlink_to(secret.parent)
    page = site / "page.html"
    page.write_text(
        "<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1>"
        '<img src="page_files/inside.png"><img src="page_files/escape.png">'
        '<img src="page_files/secret.png"><img src="other_files/passwords.txt">'
        f"{STORY}</article></body></html>",
        encoding="utf-8",
    )
    article = read_article(str(page))
    assert [asset.url for asset in article.assets] == ["page_files/inside.png"]


def test_file_images_are_never_read_or_kept(tmp_path, data_dir):
    photo = tmp_path / "private" / "photo.png"
    photo.parent.mkdir()
    photo.write_bytes(PNG)
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1>"
        f'<img src="file://{photo}"><img src="{photo}"><img src="../private/photo.png">'
        f"{STORY}</article></body></html>",
        encoding="utf-8",
    )
    assert read_article(str(page)).assets == ()
    result = run_reader("import", str(page))
    clean_outcome(result)
    with sqlite3.connect(data_dir / "library.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM assets").fetchone()[0] == 0


def test_a_long_xml_declaration_does_not_hang(tmp_path):
    page = tmp_path / "long.xhtml"
    declaration = '<?xml version="1.0" encoding="utf-8"' + " x='y'" * 200_000 + "?>"
    page.write_text(
        declaration + '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Harbour'
        f"</title></head><body><article><h1>Harbour</h1>{STORY}</article></body></html>",
        encoding="utf-8",
    )
    result = run_reader("extract", "--format", "text", str(page))
    clean_outcome(result)


def test_truncated_gzip_from_a_server_is_one_clean_line_or_the_page(server, data_dir):
    result = run_reader("extract", "--format", "json", server.url("/truncated-gzip"))
    clean_outcome(result)
    if result.returncode == 0:
        assert "Night trains" in json.loads(result.stdout)["title"]


@pytest.mark.parametrize(
    "damage",
    ["cut in a part", "no closing boundary", "garbage headers", "boundary never used"],
)
def test_broken_mhtml_gives_an_article_or_one_line(tmp_path, data_dir, damage):
    html = f"<html><head><title>Harbour</title></head><body><article>{STORY}</article></body>"
    parts = (
        "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
        "------B\r\nContent-Type: text/html\r\nContent-Location: https://news.example/a\r\n\r\n"
        f"{html}\r\n------B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        f"Content-Location: https://news.example/a.png\r\n\r\n{base64.b64encode(PNG).decode()}"
        "\r\n------B--\r\n"
    )
    broken = {
        "cut in a part": parts[: len(parts) // 2],
        "no closing boundary": parts.replace("------B--", ""),
        "garbage headers": parts.replace("MIME-Version: 1.0", "\x00\x01 ::: \xff" * 50),
        "boundary never used": parts.replace('boundary="----B"', 'boundary="nope"'),
    }[damage]
    page = tmp_path / "page.mhtml"
    page.write_text(broken, encoding="utf-8", errors="surrogateescape")
    clean_outcome(run_reader("extract", "--format", "json", str(page)))
    result = run_reader("import", str(page))
    assert "Traceback" not in result.stderr
    if result.returncode != 0:  # a failed import leaves the library as it was
        library = data_dir / "library.sqlite3"
        if library.exists():
            with sqlite3.connect(library) as connection:
                assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
