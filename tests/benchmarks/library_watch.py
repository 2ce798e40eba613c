"""What noticing outside changes to the library costs (reader.ui.presenter.library_watch).

    python tests/benchmarks/library_watch.py [--runs N] [--library PATH]

Per check when nothing changed: the GUI thread's own time (asking, and hearing the answer),
the round trip through the writer thread, and the pragma alone; then how long after another
process's commit the window hears of it. Issue 12's targets: <= 5 ms when nothing changed,
shown within 2 s. Medians; the 100k-article library of tests/benchmarks/library.py when it
is built (--library), else a small fresh one.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=101)
    parser.add_argument("--library", type=Path, help="an existing library file")
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication

    from reader.model import Article
    from reader.store import Library
    from reader.ui.presenter.library_service import LibraryService
    from reader.ui.presenter.library_watch import WATCH_INTERVAL_MS, LibraryWatch

    app = QCoreApplication.instance() or QCoreApplication([])
    path = args.library or Path(tempfile.mkdtemp(prefix="reader-watch-")) / "library.sqlite3"
    service = LibraryService(path)
    watch = LibraryWatch(service)
    heard: list[float] = []
    watch.changed.connect(lambda: heard.append(time.perf_counter()))

    def one_check() -> tuple[float, float]:
        """(GUI-thread ms, round trip ms) of one check."""
        gui = 0.0
        started = time.perf_counter()
        watch.check()
        gui += time.perf_counter() - started
        while watch._asking:
            before = time.perf_counter()
            app.processEvents()
            after = time.perf_counter()
            if not watch._asking:
                gui += after - before  # the event that delivered the answer
            time.sleep(0.0002)
        return gui * 1000, (time.perf_counter() - started) * 1000

    one_check()  # opens the writer's connection
    results = [one_check() for _ in range(args.runs)]
    with Library(path) as library:
        pragma = []
        for _ in range(args.runs):
            started = time.perf_counter()
            library.version()
            pragma.append((time.perf_counter() - started) * 1000)

    watch.start()
    delays = []
    with Library(path) as other:  # another connection: what `reader import` is
        for number in range(5):
            time.sleep(0.3)
            other.save(Article(source=f"w{number}", title="x", content_html="<p>x</p>", text="x"))
            committed = time.perf_counter()
            count = len(heard)
            while len(heard) == count and time.perf_counter() - committed < 5:
                app.processEvents()
                time.sleep(0.001)
            delays.append(heard[-1] - committed if len(heard) > count else float("inf"))
    watch.stop()
    service.close()

    gui = statistics.median(r[0] for r in results)
    trip = statistics.median(r[1] for r in results)
    print(f"library: {path} ({path.stat().st_size >> 20} MB), {args.runs} checks")
    print(f"  GUI thread per check, nothing changed: {gui:.3f} ms")
    print(f"  round trip via the writer thread:      {trip:.3f} ms")
    print(f"  PRAGMA data_version alone:             {statistics.median(pragma):.3f} ms")
    print("  target when nothing changed: <= 5 ms")
    print(
        f"  an outside commit heard after: median {statistics.median(delays):.2f} s,"
        f" worst {max(delays):.2f} s (checks every {WATCH_INTERVAL_MS} ms; target <= 2 s"
        " including the reload)"
    )


if __name__ == "__main__":
    main()
