"""Exports: an article's highlights as an Obsidian-friendly Markdown note, every article's
as a folder of notes or one JSON document, from the command line."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from reader_cli import run_reader

from reader.cli import main
from reader.highlights.anchors import Anchor
from reader.highlights.export import ArticleHighlights, file_names, to_json, to_markdown
from reader.model import Article
from reader.service.highlighting import highlight_quote
from reader.store import Highlight, Library

NOON = datetime(2024, 5, 2, 12, 0, tzinfo=UTC)  # the same date in every time zone


def highlight(number: int, text: str, note: str = "", detached: bool = False) -> Highlight:
    return Highlight(
        id=number,
        article_id=7,
        anchor=Anchor(text, "before ", " after", 10, 10 + len(text), 500),
        color="yellow",
        note=note,
        created_at=NOON,
        updated_at=NOON,
        detached=detached,
        article_title="Whales sing in dialects",
        article_url="https://sea.example/whales",
    )


ITEM = ArticleHighlights(
    title="Whales sing in dialects",
    url="https://sea.example/whales",
    article_id=7,
    byline="Ada Marsh",
    site_name="Sea News",
    published="2021-03-04T08:00:00Z",
    tags=("marine life", "audio"),
    highlights=(
        highlight(1, "Each pod keeps a song of its own.\nYoung whales learn it."),
        highlight(2, "Calls travel *hundreds* of #miles", note="Check the [source].\n\nLater."),
        highlight(3, "- a line that looked like a list", detached=True),
    ),
)

EXPECTED = """---
title: "Whales sing in dialects"
source: "https://sea.example/whales"
author: "Ada Marsh"
site: "Sea News"
published: 2021-03-04
highlighted: 2024-05-02
tags: ["marine-life", "audio"]
---

# Whales sing in dialects

<https://sea.example/whales>

> Each pod keeps a song of its own.
>
> Young whales learn it.

> Calls travel \\*hundreds\\* of \\#miles

Check the [source].

Later.

## Detached highlights

These could not be found in the article's current text.

> \\- a line that looked like a list
"""


def test_markdown_note_of_an_article() -> None:
    assert to_markdown(ITEM) == EXPECTED


def test_json_keeps_everything_with_w3c_selectors() -> None:
    (article,) = json.loads(to_json([ITEM]))["articles"]
    assert article["title"] == "Whales sing in dialects" and article["tags"] == [
        "marine life",
        "audio",
    ]
    first = article["highlights"][0]
    assert first["created"] == "2024-05-02T12:00:00+00:00" and first["detached"] is False
    assert first["target"] == {
        "source": "https://sea.example/whales",
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": "Each pod keeps a song of its own.\nYoung whales learn it.",
                "prefix": "before ",
                "suffix": " after",
            },
            {"type": "TextPositionSelector", "start": 10, "end": 66},
        ],
    }
    assert article["highlights"][2]["detached"] is True


def test_file_names_are_safe_and_distinct() -> None:
    def titled(title: str, number: int) -> ArticleHighlights:
        return ArticleHighlights(title=title, url=None, highlights=(), article_id=number)

    items = [
        titled("What: a/b? <c> #1 [x]", 1),
        titled("Same", 2),
        titled("same", 3),
        titled("  ...  ", 4),
        titled("Same", 5),
    ]
    assert file_names(items) == [
        "What a b c 1 x.md",
        "Same.md",
        "same (3).md",
        "Untitled.md",
        "Same (5).md",
    ]


LIGHTHOUSE = Article(
    source="/saved/lighthouse.html",
    title="The last lighthouse keeper",
    content_html="<p>Lighthouse keepers kept logbooks of every ship that passed the rocks.</p>"
    "<p>The last keeper left in 1998, when the light became automatic.</p>",
    text="",
    url="https://coast.example/lighthouse",
)


def test_the_command_line_highlights_and_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library() as library:
        article_id = library.save(LIGHTHOUSE)
        gone = library.save(
            Article(
                source="/saved/fog.html",
                title="Fog",
                content_html="<p>Fog horns sound low.</p>",
                text="",
            )
        )
        highlight_quote(library, gone, "Fog horns sound low", note="kept")
        library.delete(gone)
    assert main(["highlight", str(article_id), "kept logbooks of every ship", "--note", "ask"]) == 0
    assert capsys.readouterr().out.strip().isdigit()
    assert main(["highlights", "--article", str(article_id)]) == 0
    out = capsys.readouterr().out
    assert "# The last lighthouse keeper" in out and "> kept logbooks of every ship\n\nask\n" in out
    assert main(["highlights", "--format", "json", "--search", "ask"]) == 0
    (only,) = json.loads(capsys.readouterr().out)["articles"]
    assert only["id"] == article_id
    folder = tmp_path / "vault" / "Reader"
    assert main(["highlights", "--folder", str(folder)]) == 0
    assert capsys.readouterr().err == f"wrote 2 Markdown files to {folder}\n"
    assert sorted(path.name for path in folder.iterdir()) == [
        "Fog.md",
        "The last lighthouse keeper.md",
    ]
    fog = (folder / "Fog.md").read_text(encoding="utf-8")
    assert "## Detached highlights" in fog and "> Fog horns sound low\n\nkept\n" in fog


def test_command_line_errors_are_one_line(tmp_path: Path) -> None:
    with Library() as library:
        article_id = library.save(LIGHTHOUSE)
    missing = run_reader("highlight", str(article_id), "words the article does not have")
    assert missing.returncode == 1
    assert missing.stderr == f"reader: article {article_id} does not contain that text\n"
    assert (
        run_reader("highlights", "--article", "99").stderr
        == "reader: no article 99 in the library\n"
    )
    blocked = tmp_path / "a file"
    blocked.write_text("x")
    from_stdin = run_reader("highlight", str(article_id), "-", stdin="the light became automatic")
    assert from_stdin.returncode == 0
    failed = run_reader("highlights", "--folder", str(blocked / "sub"))
    assert failed.returncode == 1 and failed.stderr.startswith(
        f"reader: cannot write {blocked / 'sub'}"
    )
    assert len(failed.stderr.splitlines()) == 1
    both = run_reader("highlights", "--folder", str(tmp_path), "--format", "json")
    assert both.stderr == "reader: --folder writes Markdown files; leave out --format json\n"
    with Library() as library:
        assert len(library.highlights()) == 1
