"""What the list commands print: everything by default, whole titles in a pipe, and a word
when a list is cut or empty; addresses of other kinds refused in one line."""

import json
from pathlib import Path

import pytest
from reader_cli import run_reader

from reader.cli import main
from reader.model import Article
from reader.store import Library

LONG_TITLE = "A harbour town counts its boats, its bakers and its cats through a long winter"


def fill(count: int) -> None:
    with Library() as library:
        for number in range(count):
            title = LONG_TITLE if number == 0 else f"Note {number}"
            library.save(
                Article(
                    source=f"/notes/{number}.html",
                    title=title,
                    content_html="<p>x</p>",
                    text="x",
                    url=f"https://notes.example/{number}",
                )
            )


def test_list_prints_every_article_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    fill(263)
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 + 263  # the header line, then every article
    assert err == ""
    assert main(["list", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 263


def test_list_limit_says_how_many_there_are(capsys: pytest.CaptureFixture[str]) -> None:
    fill(12)
    assert main(["list", "--limit", "5"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 + 5
    assert err.strip() == "reader: 5 of 12 articles shown; there are more (--limit N to see them)"
    assert main(["list", "--limit", "12"]) == 0
    assert capsys.readouterr().err == ""


def test_titles_are_whole_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    fill(2)
    assert main(["list"]) == 0
    assert LONG_TITLE in capsys.readouterr().out


def test_search_cut_at_its_limit_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    fill(4)
    assert main(["search", "note", "--limit", "2"]) == 0
    out, err = capsys.readouterr()
    hits = [line for line in out.splitlines() if not line.startswith(" " * 8)]  # no snippets
    assert len(hits) == 2 and all("Note" in line for line in hits)
    assert "the first 2 matches; there are more" in err


def test_logins_says_when_there_are_none() -> None:
    result = run_reader("logins")
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "no site logins stored (add one with: reader login HOST)"


def test_other_kinds_of_address_are_refused_clearly(tmp_path: Path) -> None:
    for command in ("extract", "import"):
        result = run_reader(command, "ftp://files.example/story.html")
        assert result.returncode == 1
        assert (
            "reader: ftp://files.example/story.html: ftp:// addresses are not supported"
            " (Reader opens http(s) addresses and files)"
        ) in result.stderr.splitlines()
        assert "Traceback" not in result.stderr


def test_a_blank_source_is_refused_and_its_folder_left_alone(tmp_path: Path) -> None:
    """Taken for a path, "" would name the working folder, and import would walk it."""
    (tmp_path / "saved.html").write_text(
        "<html><head><title>A saved page</title></head><body><article>"
        + "<p>A paragraph of the saved story, long enough to be read as one.</p>" * 5
        + "</article></body></html>",
        encoding="utf-8",
    )
    for command in ("extract", "import"):
        result = run_reader(command, "", cwd=tmp_path)
        assert result.returncode == 1
        assert "reader: '': no file or address given" in result.stderr.splitlines()
        assert "Traceback" not in result.stderr
    with Library() as library:
        assert library.count() == 0
