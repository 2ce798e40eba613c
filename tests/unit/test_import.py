"""`reader import` and the import pipeline: folders, failures, re-import, progress, cancel."""

import json
import threading
from pathlib import Path

import pytest

from reader.cli import main
from reader.service.importing import ImportEvent, collect_sources, import_sources
from reader.store import Library

PARAGRAPH = (
    "<p>The harbour town woke slowly while fishing boats returned with their catch, and "
    "the market filled with voices, baskets and the smell of salt and fresh bread.</p>"
)


def write_page(path: Path, n: int, topic: str = "harbour") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = (PARAGRAPH.replace("harbour", topic)) * 6
    path.write_text(
        f"""<!doctype html><html><head><title>Story {n} about {topic}</title>
<link rel="canonical" href="https://news.example/story-{n}">
<meta property="og:site_name" content="News Example"></head><body>
<article><h1>Story {n} about {topic}</h1>{body}</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="https://news.example/2024/05/sea-story-{n % 3}">
  A story about the sea, number {n % 3}</a></li>
<li><a href="https://news.example/2024/05/popular-story">
  The popular one everybody links to these days</a></li>
<li><a href="https://news.example/2024/05/third-story">
  A third story about harbours and the weather</a></li>
</ul></aside></body></html>""",
        encoding="utf-8",
    )


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    for n in range(4):
        write_page(folder / f"page{n}.html", n)
    write_page(folder / "nested" / "deeper" / "page9.htm", 9, topic="mountain")
    (folder / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "style.css").write_text("body { color: red }")
    write_page(folder / "page0_files" / "frame.html", 77)  # a saved page's own frame
    return folder


def test_collect_sources(pages: Path, tmp_path: Path) -> None:
    found, failures = collect_sources([str(pages), str(pages / "page1.html"), "nope.html"])
    names = sorted(Path(item).name for item in found)
    assert names == [
        "broken.html",
        "page0.html",
        "page1.html",
        "page2.html",
        "page3.html",
        "page9.htm",
    ]
    assert failures == [("nope.html", "no such file or folder")]


@pytest.mark.parametrize("workers", [1, 2])
def test_import_folder_then_reimport_adds_nothing(pages: Path, workers: int) -> None:
    events: list[ImportEvent] = []
    with Library() as library:
        summary = import_sources([str(pages)], library, workers=workers, progress=events.append)
        assert (summary.added, summary.updated, summary.unchanged) == (5, 0, 0)
        assert [Path(source).name for source, _ in summary.failures] == ["broken.html"]
        assert summary.line() == "imported 5, updated 0, unchanged 0, failed 1"
        assert [event.done for event in events] == list(range(1, 7))
        assert all(event.total == 6 for event in events)
        assert library.count() == 5
        story = next(
            s
            for s in library.for_you()
            if s.story.url == "https://news.example/2024/05/popular-story"
        )
        assert story.times_recommended == 5

        again = import_sources([str(pages)], library, workers=workers)
        assert (again.added, again.updated, again.unchanged, again.failed) == (0, 0, 5, 1)
        assert library.count() == 5
        assert (
            story.times_recommended
            == next(s for s in library.for_you() if s.id == story.id).times_recommended
        )


def test_changed_file_updates_in_place(pages: Path) -> None:
    with Library() as library:
        import_sources([str(pages / "page1.html")], library)
        [row] = library.articles()
        write_page(pages / "page1.html", 1, topic="lighthouse")
        summary = import_sources([str(pages / "page1.html")], library)
        assert summary.updated == 1
        [after] = library.articles()
        assert after.id == row.id and "lighthouse" in after.title


def test_cancel_stops_early(pages: Path) -> None:
    cancel = threading.Event()

    def stop(event: ImportEvent) -> None:
        cancel.set()

    with Library() as library:
        summary = import_sources([str(pages)], library, workers=1, progress=stop, cancel=cancel)
        assert summary.cancelled
        assert summary.added + summary.failed == 1
        assert summary.line().endswith("(cancelled)")


def test_cli_import_list_search_recommended(
    pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(pages), "--workers", "2"]) == 1  # broken.html failed
    out, err = capsys.readouterr()
    assert "imported 5, updated 0, unchanged 0, failed 1" in err
    assert "broken.html" in err
    committed = [line.split("\t") for line in out.splitlines()]
    assert len(committed) == 5 and all(parts[0] == "added" for parts in committed)

    assert main(["import", str(pages / "page1.html")]) == 0
    assert "unchanged 1" in capsys.readouterr().err

    assert main(["list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 5 and {"id", "title", "saved_at", "read"} <= rows[0].keys()
    assert main(["list"]) == 0
    text = capsys.readouterr().out
    assert "TITLE" in text and "Story 9 about mountain" in text

    assert main(["search", "mountain", "--format", "json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [hit["title"] for hit in hits] == ["Story 9 about mountain"]
    assert "<b>" in hits[0]["snippet"].lower()
    assert main(["search", '"', "AND("]) == 0
    capsys.readouterr()

    assert main(["recommended", "--format", "json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    assert stories[0]["url"] == "https://news.example/2024/05/popular-story"
    assert stories[0]["times_recommended"] == 5
    article_id = rows[0]["id"]
    assert main(["recommended", "--article", str(article_id)]) == 0
    assert "Recommended by" in capsys.readouterr().out
    assert main(["recommended", "--article", "9999"]) == 1
    assert "no article 9999" in capsys.readouterr().err


def test_spawned_workers_as_in_the_gui(pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window runs threads of its own, so its workers are spawned rather than forked."""
    with Library() as library:
        summary = import_sources([str(pages)], library, workers=2, fork_safe=False)
    assert (summary.added, summary.failed) == (5, 1)
