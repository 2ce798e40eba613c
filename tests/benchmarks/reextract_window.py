"""Re-extracting a library from the window: does the window stall? (issue 18)

A library of ARTICLES articles made from the Mozilla corpus pages (each saved with an
older extraction, its original and a highlight: tests/benchmarks/originals.py), the
window shown with a 5 ms heartbeat on the GUI thread, then File ▸ Re-extract the Whole
Library. Printed: the worst lateness of a heartbeat while it ran, how many beats came
more than 50 ms late, next to the same window idle for as long (the machine's own
noise), the articles per second, and the highlights before and after.

    READER_SHARED_DIR=/work/shared python tests/benchmarks/reextract_window.py [ARTICLES]
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HEARTBEAT_MS = 5
TARGET_STALL_MS = 50.0


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from heartbeat import lateness_ms, window_with_heartbeat
    from originals import MOZILLA, corpus, save_older_extractions

    from reader.store import Library

    if not MOZILLA.is_dir():
        sys.exit(f"no corpus at {MOZILLA} (set READER_SHARED_DIR)")
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as folder:
        os.environ["READER_DATA_DIR"] = folder
        with Library() as library:
            save_older_extractions(library, corpus(), count)
            attached = len(library._conn.execute("SELECT id FROM highlights").fetchall())
        beat = window_with_heartbeat(HEARTBEAT_MS)
        window, app = beat.window, beat.app
        deadline = time.monotonic() + 30
        while not window.is_built() and time.monotonic() < deadline:
            app.processEvents()
        settle = time.perf_counter()
        while time.perf_counter() - settle < 2:  # the first article and the library list
            app.processEvents()
            time.sleep(0.001)
        load_before = os.getloadavg()
        beat.ticks.clear()
        started = time.perf_counter()
        window.reextracting.start(None)
        while window.reextracting.running() and time.perf_counter() - started < 1800:
            app.processEvents()
            time.sleep(0.001)
        took = time.perf_counter() - started
        running = lateness_ms(beat.ticks, HEARTBEAT_MS)
        late_at = [
            (round(beat.ticks[n + 1] - started, 2), round(gap))
            for n, gap in enumerate(running)
            if gap > TARGET_STALL_MS
        ]
        beat.ticks.clear()
        calm_start = time.perf_counter()
        while time.perf_counter() - calm_start < min(took, 60):
            app.processEvents()
            time.sleep(0.001)
        idle = lateness_ms(beat.ticks, HEARTBEAT_MS)
        summary = window.reextracting.last
        beat.timer.stop()
        window.close()
        app.processEvents()
        with Library() as library:
            rows = library._conn.execute("SELECT count(*), sum(detached) FROM highlights")
            kept, detached = rows.fetchone()
    assert summary is not None
    worst, calm = max(running, default=0.0), max(idle, default=0.0)
    print(f"re-extracting {count} articles in the window (load average {load_before[0]:.1f})")
    print(f"  {summary.line()} in {took:.1f} s: {count / took:.1f} articles/s (target >= 20)")
    print(
        f"  worst heartbeat lateness {worst:.0f} ms (idle for as long: {calm:.0f} ms;"
        f" target <= {TARGET_STALL_MS:.0f} ms: {'met' if worst <= TARGET_STALL_MS else 'NOT met'})"
    )
    print(
        f"  beats over {TARGET_STALL_MS:.0f} ms late: {sum(g > TARGET_STALL_MS for g in running)}"
        f" of {len(running)} (idle: {sum(g > TARGET_STALL_MS for g in idle)} of {len(idle)});"
        f" median lateness {statistics.median(running or [0]):.1f} ms"
    )
    print(f"  late beats (seconds into the run, ms late): {late_at}")
    print(f"  highlights: {attached} before, {kept} after, {detached} detached")
    print(f"  load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
