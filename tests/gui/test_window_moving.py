"""Moving in and out from the window: File ▸ Import from Another Reader… shows progress,
then a report, and fetches the queued pages in the background while the window keeps
handling events; File ▸ Export… offers every format and writes the whole library or the
selection without holding the window."""

from __future__ import annotations

import sys
import time
import zipfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog
from window_helpers import WAIT_MS, stored, wait_idle, wait_tasks

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from queue_server import pocket_csv, serving

from reader.model import Article
from reader.service.exporting import FORMATS
from reader.store import Library
from reader.ui.dialogs.export_dialog import ExportDialog


def test_import_reports_then_fetches_the_pages_while_the_window_runs(qtbot, window, tmp_path):
    with serving() as server:
        urls = [server.url(f"/slow/{n}") for n in range(4)]
        export = tmp_path / "pocket.csv"
        export.write_text(pocket_csv(urls, tags="later"), encoding="utf-8")

        ticks: list[float] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        timer.start(10)
        window.moving.import_exports([str(export)])
        assert isinstance(window.dialogs.shown["import"], QProgressDialog)
        qtbot.waitUntil(lambda: "import-report" in window.dialogs.shown, timeout=WAIT_MS)
        report = window.dialogs.shown["import-report"]
        assert isinstance(report, QMessageBox) and report.isVisible()
        assert report.text().startswith("4 articles new in the library.")
        assert "4 articles wait for their pages: Reader fetches them now" in report.text()
        assert window.queue_fetch.running()
        fetching_ticks = len(ticks)
        wait_idle(qtbot, window)  # the fetch is a pending task until the queue is empty
        timer.stop()
        assert len(ticks) > fetching_ticks  # the window went on handling events meanwhile
        assert len(server.requests) == 4

    summary = window.queue_fetch.last
    assert summary is not None and (summary.fetched, summary.failed) == (4, 0)
    assert window.statusBar().currentMessage() == "Fetched 4 pages."
    library = stored(window)
    texts = [library.article(row.id).article.text for row in library.articles()]
    assert len(texts) == 4 and all("speaks of" in text for text in texts)
    assert all(library.article(row.id).tags == ("later",) for row in library.articles())
    qtbot.waitUntil(lambda: window.library_panel.model.rowCount() == 4, timeout=WAIT_MS)


def test_a_queue_left_unfinished_is_resumed_when_the_window_opens(qtbot, tmp_path):
    from reader.service.importing import import_sources
    from reader.ui.shell.main_window import MainWindow

    with serving() as server:
        export = tmp_path / "pocket.csv"
        export.write_text(pocket_csv([server.url("/a/1"), server.url("/a/2")]), encoding="utf-8")
        with Library() as library:  # `reader import --no-fetch`, then quit
            assert import_sources([str(export)], library, workers=1).queued == 2
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.queue_fetch.last is not None, timeout=WAIT_MS)
        wait_tasks(qtbot)
        assert window.queue_fetch.last.fetched == 2
        assert stored(window).fetch_counts().fetched == 2


def test_the_report_lists_what_was_left_out(qtbot, window):
    export = Path(__file__).resolve().parents[1] / "pages" / "exports" / "omnivore"
    window.moving.import_exports([str(export)])
    qtbot.waitUntil(lambda: "import-report" in window.dialogs.shown, timeout=WAIT_MS)
    report = window.dialogs.shown["import-report"]
    assert report.text().startswith("3 articles new in the library; 1 article left out")
    assert "Show Details" in report.text()
    assert "an article note" in report.detailedText()
    window.queue_fetch.stop()  # its one address is on a host that is not there


def tide_tables() -> list[int]:
    """Three short articles in the window's library; their ids."""
    with Library() as library:
        return [
            library.save(
                Article(
                    source=f"https://tides.example/{number}",
                    title=f"Tide table {number}",
                    content_html=f"<p>High water at {number} o'clock.</p>",
                    text=f"High water at {number} o'clock.",
                    url=f"https://tides.example/{number}",
                )
            )
            for number in range(3)
        ]


def test_export_dialog_offers_every_format_and_the_selection(qtbot, window, tmp_path):
    tide_tables()
    window.actions_by_id["file.export"].trigger()
    qtbot.waitUntil(lambda: "export" in window.dialogs.shown, timeout=WAIT_MS)
    dialog = window.dialogs.shown["export"]
    assert isinstance(dialog, ExportDialog)
    box = dialog.format_box
    assert [box.itemData(index) for index in range(box.count())] == list(FORMATS)
    assert dialog.format_name() == "epub"
    assert dialog.whole.text() == "The whole library (3 articles)"
    dialog.reject()
    chosen = ExportDialog(3, 2, tmp_path)  # two articles selected in the list
    qtbot.addWidget(chosen)
    assert chosen.selection.isChecked() and chosen.selection.text().endswith("(2 articles)")
    heard: list[tuple[str, bool, Path]] = []
    chosen.chosen.connect(lambda *args: heard.append(args))
    chosen.format_box.setCurrentIndex(list(FORMATS).index("markdown"))
    chosen.choose(str(tmp_path / "notes"))
    assert heard == [("markdown", True, tmp_path / "notes")]
    dialog = ExportDialog(3, 0, tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.whole.isChecked() and not dialog.selection.isEnabled()
    dialog.show()
    dialog.choose("")  # the file dialog was cancelled: nothing happens
    assert dialog.isVisible()


def test_export_writes_the_chosen_articles_with_progress(qtbot, window, tmp_path):
    ids = tide_tables()
    out = tmp_path / "tides.epub"
    window.moving.export(ids[:2], "epub", out)
    assert window.dialogs.shown["export-progress"].isVisible()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: out.exists(), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Exported 2 articles"),
        timeout=WAIT_MS,
    )
    book = zipfile.ZipFile(out)
    assert sum(name.endswith(".xhtml") and "chapter" in name for name in book.namelist()) == 2
    assert not window.dialogs.shown["export-progress"].isVisible()


def test_a_failed_export_says_why_in_one_line(qtbot, window, tmp_path):
    with Library() as library:
        library.save(
            Article(source="https://x.example/", title="X", content_html="<p>x</p>", text="x")
        )
    window.moving.export(None, "epub", Path("/proc/no/such/x.epub"))
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=WAIT_MS)
    text = window.message_bar.label.text()
    assert text.startswith("Not exported: cannot write /proc/no/such/x.epub")
    assert "\n" not in text


def test_an_imported_reading_progress_opens_that_far_in(qtbot, window):
    paragraphs = [f"Paragraph {number} of the voyage, with its harbours." for number in range(80)]
    with Library() as library:
        article_id = library.save(
            Article(
                source="https://sea.example/voyage",
                title="The voyage",
                content_html="".join(f"<p>{text}</p>" for text in paragraphs),
                text="\n\n".join(paragraphs),
                url="https://sea.example/voyage",
            )
        )
        library.save_position(article_id, "50.0%")  # as an Omnivore or Readwise import keeps it
    window.opening.open_article(article_id)
    wait_idle(qtbot, window)
    view = window.view
    top = view.cursorForPosition(view.viewport().rect().topLeft()).block().text()
    assert top.startswith("Paragraph ")
    assert 30 <= int(top.split()[1]) <= 50, top
