"""Does the window keep breathing while a big page is opened? A heartbeat says.

A QTimer ticks every HEARTBEAT_MS on the GUI thread while the window opens ~1 MB corpus
pages the normal way (load + extract + save + render in the thread pool, a long article
parsed one chunk per event-loop turn, then shown). The longest gap between ticks, minus the
interval, is the worst stall of the event loop. Reported separately: stalls before the
document is shown (the worker and the GIL, and the parse turns), the stall of showing it
(setDocument and the window's handlers), and stalls after it until the view has laid the
article out, plus SETTLE_S (a long document is laid out in slices, paced_layout.py). Each
stall comes with the most CPU time the GUI thread spent itself between two ticks: on a
loaded machine the wall time stretches (waiting for a core, or for the GIL a worker
holds), the window's own work in one turn much less.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/responsiveness.py [RUNS] [--one-shot]
        [--qt-steps]

--one-shot parses every article with a single setHtml (before chunking) for comparison;
--qt-steps leaves the layout to Qt's own steps (nothing held back) for comparison.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.ui.shell.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
PAGES = ("guardian-1", "wikipedia-2", "yahoo-1", "yahoo-2", "yahoo-3")
HEARTBEAT_MS = 5
SETTLE_S = 0.5
TARGET_STALL_MS = 50
QT_LAYOUT_TIMER_MS = 10  # QTextDocumentLayout's step timer (qtextdocumentlayout.cpp)


def synthetic_page(paragraphs: int = 800, links: int = 30) -> str:
    """~1.1 MB of link-heavy article: the worst case for Qt's HTML parser."""
    body = "".join(
        f"<p>Paragraph {i} "
        + " ".join(
            f'<a href="https://example.org/{i}/{j}">word{j}</a> text text' for j in range(links)
        )
        + "</p>"
        for i in range(paragraphs)
    )
    return (
        f"<html><head><title>Synthetic</title></head><body><article>{body}</article></body></html>"
    )


def laying_out(window: "MainWindow") -> bool:
    """Qt is still laying the shown article out: its layout's 10 ms step timer runs until
    the last block is placed (held back or not by the pacer, paced_layout.py)."""
    from PySide6.QtCore import QAbstractEventDispatcher

    layout = window.view.document().documentLayout()
    dispatcher = QAbstractEventDispatcher.instance()
    timers = dispatcher.registeredTimers(layout) if dispatcher is not None else []
    return any(timer.interval == QT_LAYOUT_TIMER_MS for timer in timers)


def main() -> int:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    runs = int(args[0]) if args else 3
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["READER_DATA_DIR"] = tempfile.mkdtemp(prefix="reader-resp-")
    sys.path.insert(0, str(REPO))
    from heartbeat import window_with_heartbeat, worst_gap_ms

    from reader.ui.reading import chunks as reading_chunks

    if "--qt-steps" in sys.argv:  # Qt's own layout steps, for comparison: nothing held back
        from reader.ui.reading import paced_layout

        paced_layout.QT_LAYOUT_TIMER_MS = -1  # (no timer of Qt's is recognised)
    if "--one-shot" in sys.argv:  # the old way, for comparison: one setHtml per article
        reading_chunks.ONE_SHOT_CHARS = sys.maxsize

    beat = window_with_heartbeat(HEARTBEAT_MS)
    app, window, ticks, timer = beat.app, beat.window, beat.ticks, beat.timer

    shown_at: list[float] = []
    original_show = window.view.show_document

    def show_document(*args: object) -> None:
        started = time.perf_counter()
        original_show(*args)
        shown_at.append(started)
        shown_at.append(time.perf_counter())

    window.view.show_document = show_document  # type: ignore[method-assign]

    synthetic = Path(tempfile.mkdtemp(prefix="reader-resp-page-")) / "synthetic-1mb.html"
    synthetic.write_text(synthetic_page(), encoding="utf-8")
    sources = [SHARED / "corpus" / "mozilla" / name / "source.html" for name in PAGES]
    sources.append(synthetic)

    stalls: dict[str, list[tuple[float, float]]] = {"before": [], "show": [], "after": []}
    print(f"{'page':<14}{'size':>8}{'open ms':>9}   worst stall ms (the GUI thread's most CPU ms)")
    print(f"{'':<31}{'before show':<19}{'show':<19}after")
    for _ in range(runs):
        for source in sources:
            name = source.parent.name if source != synthetic else "synthetic"
            if not source.is_file():
                continue
            ticks.clear()
            beat.cpu.clear()
            shown_at.clear()
            begin = time.perf_counter()
            beat.timer.timeout.emit()  # a tick at the start: opening's own turn counts
            window.opening.open_source(str(source))
            while window.is_busy() or not shown_at or laying_out(window):
                app.processEvents()
                time.sleep(0.0005)
            end = time.perf_counter()
            while time.perf_counter() < end + SETTLE_S:  # Qt's layout steps, paints
                app.processEvents()
                time.sleep(0.0005)
            show_start, show_end = shown_at[-2], shown_at[-1]
            before = [t for t in ticks if t <= show_start]
            after = [t for t in ticks if t >= show_end]
            last = before[-1] if before else begin
            first = after[0] if after else show_end
            row = {
                "before": worst_gap_ms(beat, begin, last),
                "show": worst_gap_ms(beat, last, first),
                "after": worst_gap_ms(beat, first, time.perf_counter()),
            }
            for key, figure in row.items():
                stalls[key].append(figure)
            size = source.stat().st_size // 1024
            cells = "".join(f"{f'{wall:.1f} ({cpu:.1f})':<19}" for wall, cpu in row.values())
            print(f"{name:<14}{size:>6}KB{(end - begin) * 1000:>9.0f}   {cells}")
    timer.stop()
    print(f"\nworst event-loop stall (target <= {TARGET_STALL_MS} ms); the GUI thread's most CPU:")
    labels = {
        "before": "before the show (worker, parse turns)",
        "show": "showing the result (setDocument, the window's handlers)",
        "after": "after the show, until laid out + {SETTLE_S} s (Qt's layout)",
    }
    for key, figures in stalls.items():
        walls = [wall for wall, _ in figures]
        cpus = [cpu for _, cpu in figures]
        print(
            f"  {labels[key].format(SETTLE_S=SETTLE_S)}: median {statistics.median(walls):.1f}, "
            f"max {max(walls):.1f} ms; CPU median {statistics.median(cpus):.1f}, "
            f"max {max(cpus):.1f} ms"
        )
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
