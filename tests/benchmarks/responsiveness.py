"""Does the window keep breathing while a big page is opened? A heartbeat says.

A QTimer ticks every HEARTBEAT_MS on the GUI thread while the window opens ~1 MB corpus
pages the normal way (load + extract + save + render in the thread pool, a long article
parsed one chunk per event-loop turn, then shown). The longest gap between ticks, minus the
interval, is the worst stall of the event loop. Reported separately: stalls before the
document is shown (the worker and the GIL, and the parse turns), the stall of showing it
(setDocument and the window's handlers), and stalls in the SETTLE_S after (Qt lays a long
document out in steps on its own timer). Beside them, the GUI thread's own CPU time in its
longest turn of each phase: on a busy machine a stall also holds time spent waiting for
the CPU or the GIL, and this says how much of it is the window's own work.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/responsiveness.py [RUNS] [--one-shot]

--one-shot parses every article with a single setHtml (before chunking) for comparison.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
PAGES = ("guardian-1", "wikipedia-2", "yahoo-1", "yahoo-2", "yahoo-3")
HEARTBEAT_MS = 5
SETTLE_S = 0.5
TARGET_STALL_MS = 50


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


def turn(app: QCoreApplication, turns: list[tuple[float, float]]) -> None:
    """One turn of the event loop; its end and the GUI thread's own CPU time in it."""
    cpu = time.thread_time()
    app.processEvents()
    turns.append((time.perf_counter(), time.thread_time() - cpu))
    time.sleep(0.0005)


def main() -> int:
    args = [arg for arg in sys.argv[1:] if arg != "--one-shot"]
    runs = int(args[0]) if args else 3
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["READER_DATA_DIR"] = tempfile.mkdtemp(prefix="reader-resp-")
    sys.path.insert(0, str(REPO))
    from heartbeat import lateness_ms, window_with_heartbeat

    from reader.ui.reading import chunks as reading_chunks

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

    worst_worker: list[float] = []
    worst_show: list[float] = []
    worst_after: list[float] = []
    gui_cpu: tuple[list[float], list[float], list[float]] = ([], [], [])
    print(
        f"{'page':<14}{'size':>8}{'open ms':>9}{'before show':>13}{'show stall':>12}{'after':>10}"
        "   GUI CPU of the longest turn: before, show, after"
    )
    for _ in range(runs):
        for source in sources:
            name = source.parent.name if source != synthetic else "synthetic"
            if not source.is_file():
                continue
            ticks.clear()
            shown_at.clear()
            turns: list[tuple[float, float]] = []  # (end, GUI thread CPU) of each turn
            begin = time.perf_counter()
            window.opening.open_source(str(source))
            while window.is_busy() or not shown_at:
                turn(app, turns)
            end = time.perf_counter()
            while time.perf_counter() < end + SETTLE_S:  # Qt's layout steps, paints
                turn(app, turns)
            show_start, show_end = shown_at[-2], shown_at[-1]
            before = [t for t in ticks if t <= show_start]
            after = [t for t in ticks if t >= show_end]
            after_stall = max(lateness_ms(after, HEARTBEAT_MS), default=0.0)
            worker_gaps = [b - a for a, b in zip([begin, *before], before, strict=False)]
            worker_stall = max(worker_gaps, default=0.0) * 1000 - HEARTBEAT_MS
            last = before[-1] if before else begin
            show_stall = ((after[0] if after else show_end) - last) * 1000 - HEARTBEAT_MS
            worst_worker.append(worker_stall)
            worst_show.append(show_stall)
            worst_after.append(after_stall)
            cpu = (
                max((c for t, c in turns if t < show_start), default=0.0) * 1000,
                max((c for t, c in turns if show_start <= t < end), default=0.0) * 1000,
                max((c for t, c in turns if t >= end), default=0.0) * 1000,
            )
            for phase, value in zip(gui_cpu, cpu, strict=True):
                phase.append(value)
            size = source.stat().st_size // 1024
            print(
                f"{name:<14}{size:>6}KB{(end - begin) * 1000:>9.0f}"
                f"{worker_stall:>10.1f} ms{show_stall:>9.1f} ms{after_stall:>7.1f} ms"
                f"   {cpu[0]:>5.1f} {cpu[1]:>5.1f} {cpu[2]:>5.1f} ms"
            )
    timer.stop()
    print(
        f"\nworst event-loop stall before the show (worker, parse turns): median "
        f"{statistics.median(worst_worker):.1f} ms, max {max(worst_worker):.1f} ms "
        f"(target <= {TARGET_STALL_MS})"
    )
    print(
        f"stall showing the result (setDocument, the window's handlers): median "
        f"{statistics.median(worst_show):.1f} ms, max {max(worst_show):.1f} ms"
    )
    print(
        f"worst stall in the {SETTLE_S:.1f} s after (Qt's layout steps): median "
        f"{statistics.median(worst_after):.1f} ms, max {max(worst_after):.1f} ms"
    )
    print(
        "GUI thread's own CPU in its longest turn (what a loaded machine adds is waiting): "
        + ", ".join(
            f"{label} max {max(values):.1f} ms"
            for label, values in zip(("before", "show", "after"), gui_cpu, strict=True)
        )
    )
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
