"""reader.extract_article: the article of a page held in memory, for scripts (issue 13).

Bytes are read exactly as `reader extract FILE` reads a saved file; text is taken as
decoded. Bad input is a ReaderError with one line; importing and calling it loads no Qt.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from reader_cli import run_reader

import reader
from reader.errors import ReaderError
from reader.model import Article

STORY = "".join(
    f"<p>Paragraph {n}: the night ferry leaves the harbour at ten and reaches the "
    "island before dawn, when the market opens on the quay.</p>"
    for n in range(6)
)
PAGE = (
    "<html><head><meta charset='windows-1252'><title>Night ferry – Harbour News</title>"
    "<meta property='og:site_name' content='Harbour News'></head><body><article>"
    f"<h1>Night ferry</h1><p>Caf\xe9 on the quay.</p>{STORY}<a href='/next'>Next</a>"
    "</article></body></html>"
)


def test_bytes_are_read_as_reader_extract_reads_the_file(tmp_path: Path) -> None:
    data = PAGE.encode("cp1252")
    page = tmp_path / "ferry.html"
    page.write_bytes(data)
    url = "https://harbour.example/news/ferry"
    article = reader.extract_article(data, url=url)
    printed = json.loads(run_reader("extract", "--url", url, str(page)).stdout)
    assert isinstance(article, Article)
    assert "Café on the quay." in article.text  # the declared charset, not UTF-8
    assert article.text == printed["text"]
    assert article.title == printed["title"] == "Night ferry"
    assert article.content_html == printed["content_html"]
    assert 'href="https://harbour.example/next"' in article.content_html


def test_text_is_taken_as_decoded() -> None:
    article = reader.extract_article(PAGE)
    assert "Café on the quay." in article.text
    assert article.url is None
    assert article.word_count > 100


def test_a_plain_text_dump_becomes_an_article() -> None:
    dump = "date 2024-05-01 Night ferry\n\n" + "\n\n".join(
        f"Paragraph {n}: the night ferry leaves the harbour at ten and reaches the island."
        for n in range(6)
    )
    assert "Paragraph 5" in reader.extract_article(dump.encode()).text


@pytest.mark.parametrize(
    "data",
    [b"", "   ", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "<html><body></body></html>"],
)
def test_bad_input_is_one_clear_error(data: bytes | str) -> None:
    with pytest.raises(ReaderError) as raised:
        reader.extract_article(data)
    assert str(raised.value) and "\n" not in str(raised.value)


def test_no_qt_is_imported() -> None:
    code = (
        "import sys, reader; reader.extract_article(sys.argv[1]); "
        "print(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, PAGE], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "False", result.stderr
