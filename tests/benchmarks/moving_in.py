"""Moving in, measured: the issue's figures for importing another reader's export.

1. A 10,000-entry Pocket CSV imported (entries listed, fetch queue filled), each run in a
   fresh process (`reader import --no-fetch`): seconds and peak memory, side by side with
   a 1,000-entry CSV in the same run (10x the entries should cost ~10x, not more).
   Target: <= 10 s for 10,000.
2. The window while its queue fetches pages from a loopback server: the longest stall of
   a 5 ms heartbeat on the GUI thread, next to the same window idle for as long, and
   while File ▸ Imported Pages is open (its list is read again as pages arrive).
   Target: no stall over 50 ms.
3. Reader's own export of a 1,000-article library and its import into an empty one
   (seconds; that nothing is lost is tests/unit/test_export_round_trip.py's job).

    python tests/benchmarks/moving_in.py [RUNS] [import|round_trip|kill|stall ...]

The machine's load average is printed before and after: quote it with the figures.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "unit"))
sys.path.insert(0, str(REPO / "tests" / "benchmarks"))

from queue_server import QueueServer, pocket_csv, serving  # noqa: E402

TARGET_SECONDS = 10.0
TARGET_STALL_MS = 50.0
HEARTBEAT_MS = 5
FETCH_PAGES = 20  # one host: the polite delay makes it ~1 page a second

ONE_IMPORT = """
import resource, sys, time
from reader.service.importing import import_sources
from reader.store import Library
start = time.perf_counter()
with Library() as library:
    summary = import_sources([sys.argv[1]], library, workers=1)
seconds = time.perf_counter() - start
assert summary.queued == int(sys.argv[2]), summary.line()
print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def import_once(size: int, work: Path) -> tuple[float, float]:
    """(seconds, peak MB) of one import of a ``size``-entry Pocket CSV into a new library."""
    export = work / f"pocket-{size}.csv"
    if not export.exists():
        urls = [f"https://site{n % 400}.example/story/{n}" for n in range(size)]
        export.write_text(pocket_csv(urls, tags="later|news"), encoding="utf-8")
    data = Path(tempfile.mkdtemp(dir=work))
    env = {**os.environ, "READER_DATA_DIR": str(data)}
    done = subprocess.run(
        [sys.executable, "-c", ONE_IMPORT, str(export), str(size)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    seconds, megabytes = (float(value) for value in done.stdout.split())
    return seconds, megabytes


def import_figures(runs: int, work: Path) -> None:
    small: list[tuple[float, float]] = []
    large: list[tuple[float, float]] = []
    for _ in range(runs):  # interleaved: the machine's noise falls on both alike
        small.append(import_once(1_000, work))
        large.append(import_once(10_000, work))
    small_s = statistics.median(item[0] for item in small)
    large_s = statistics.median(item[0] for item in large)
    small_mb = statistics.median(megabytes for _, megabytes in small)
    print(f"import 1,000 entries: {small_s:.2f} s, peak {small_mb:.0f} MB")
    print(
        f"import 10,000 entries: {large_s:.2f} s, peak "
        f"{statistics.median(m for _, m in large):.0f} MB (target <= {TARGET_SECONDS:.0f} s: "
        f"{'met' if large_s <= TARGET_SECONDS else 'NOT met'})"
    )
    print(f"  10x the entries cost {large_s / small_s:.1f}x the time")


def stall_figures(runs: int, work: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from heartbeat import window_with_heartbeat

    from reader.service.importing import import_sources
    from reader.store import Library
    from reader.ui.presenter import tasks

    fetching: list[float] = []
    idle: list[float] = []
    viewing: list[float] = []
    long_fetching: list[int] = []
    long_idle: list[int] = []
    long_viewing: list[int] = []
    for run, view_open in itertools.product(range(runs), (False, True)):
        data = work / f"window-{run}-{int(view_open)}"
        os.environ["READER_DATA_DIR"] = str(data)
        with serving_elsewhere(slow_seconds=0.05) as server:
            urls = [server.url(f"/slow/{n}") for n in range(FETCH_PAGES)]
            export = work / f"fetch-{run}-{int(view_open)}.csv"
            export.write_text(pocket_csv(urls), encoding="utf-8")
            with Library() as library:
                import_sources([str(export)], library, workers=1)
            beat = window_with_heartbeat(HEARTBEAT_MS)
            window, app = beat.window, beat.app
            if view_open:
                window.queue_view.show_queue()
            deadline = time.monotonic() + 10
            while window.queue_fetch.task is None and time.monotonic() < deadline:
                app.processEvents()  # the window resumes the queue it finds
            beat.ticks.clear()
            started = time.perf_counter()
            while (window.queue_fetch.task is not None or tasks.pending()) and (
                time.perf_counter() - started < 120
            ):
                app.processEvents()
                time.sleep(0.001)
            took = time.perf_counter() - started
            (viewing if view_open else fetching).append(_worst_gap(beat.ticks))
            (long_viewing if view_open else long_fetching).append(_long_gaps(beat.ticks))
            assert window.queue_fetch.last is not None
            assert window.queue_fetch.last.fetched == FETCH_PAGES, window.queue_fetch.last
            beat.ticks.clear()
            started = time.perf_counter()
            while time.perf_counter() - started < took:
                app.processEvents()
                time.sleep(0.001)
            if not view_open:
                idle.append(_worst_gap(beat.ticks))
                long_idle.append(_long_gaps(beat.ticks))
            beat.timer.stop()
            window.close()
            app.processEvents()
    worst, calm = statistics.median(fetching), statistics.median(idle)
    shown = statistics.median(viewing)
    print(
        f"window while fetching {FETCH_PAGES} pages: worst stall {worst:.0f} ms (idle for as"
        f" long: {calm:.0f} ms, ratio {worst / max(calm, 1):.1f}x; target <= "
        f"{TARGET_STALL_MS:.0f} ms: {'met' if worst <= TARGET_STALL_MS else 'NOT met'});"
        f" with Imported Pages open: {shown:.0f} ms"
    )
    print(f"  worst stalls per run (ms): fetching {_ms(fetching)}, idle {_ms(idle)},"
          f" view open {_ms(viewing)}")  # fmt: skip
    many, few = statistics.median(long_fetching), statistics.median(long_idle)
    print(
        f"  stalls over {TARGET_STALL_MS:.0f} ms per run: fetching {many:.0f}, idle {few:.0f},"
        f" view open {statistics.median(long_viewing):.0f}"
    )


SERVE = """
import sys
sys.path.insert(0, sys.argv[2])
from queue_server import serving
with serving() as server:
    server.slow_seconds = float(sys.argv[1])
    print(server.port, flush=True)
    sys.stdin.read()  # until the benchmark closes it
"""


@contextlib.contextmanager
def serving_elsewhere(slow_seconds: float) -> Iterator[QueueServer]:
    """The loopback server in a process of its own, as a real site is: its threads must
    not take turns with the window's GUI thread for the GIL (what is measured)."""
    child = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(slow_seconds), str(REPO / "tests" / "unit")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        yield QueueServer(port=int(child.stdout.readline()))
    finally:
        child.stdin.close()
        child.wait(10)


def _ms(values: list[float]) -> str:
    return "/".join(f"{value:.0f}" for value in values)


def _gaps(ticks: list[float]) -> list[float]:
    from heartbeat import lateness_ms

    return lateness_ms(ticks, HEARTBEAT_MS)


def _worst_gap(ticks: list[float]) -> float:
    return max(_gaps(ticks), default=0.0)


def _long_gaps(ticks: list[float]) -> int:
    return sum(gap > TARGET_STALL_MS for gap in _gaps(ticks))


def round_trip_figures(runs: int, work: Path) -> None:
    from export_library import article

    from reader.service.exporting import chosen_ids, export
    from reader.service.importing import import_sources
    from reader.store import Library

    source = work / "round-trip.sqlite3"
    with Library(source) as library:
        for number in range(1, 1001):
            article_id = library.save(article(number))
            library.set_tags(article_id, [f"t{number % 7}", "tides"])
    out_times: list[float] = []
    in_times: list[float] = []
    for run in range(runs):
        out = work / f"library-{run}.jsonl"
        with Library(source) as library:
            start = time.perf_counter()
            export(library, chosen_ids(library, None), "reader", out)
            out_times.append(time.perf_counter() - start)
        with Library(work / f"restored-{run}.sqlite3") as restored:
            start = time.perf_counter()
            import_sources([str(out)], restored, workers=1)
            in_times.append(time.perf_counter() - start)
    out_s, in_s = statistics.median(out_times), statistics.median(in_times)
    print(
        f"1,000-article library: export {out_s:.2f} s, import of it {in_s:.2f} s "
        f"(import/export {in_s / out_s:.1f}x)"
    )


def kill_figures(work: Path, count: int = 1_000) -> None:
    """kill -9 of `reader fetch` a third of the way through ``count`` pages, then a new
    run: what was fetched twice (only what was in flight may be), what was lost."""
    import signal

    from reader.store import Library

    os.environ["READER_DATA_DIR"] = str(work / "kill")
    with serving() as server:
        server.slow_seconds = 0.02
        urls = [server.url(f"/slow/{n}") for n in range(count)]
        export = work / "kill.csv"
        export.write_text(pocket_csv(urls), encoding="utf-8")
        reader = [sys.executable, "-m", "reader"]
        subprocess.run(
            [*reader, "import", "--no-fetch", str(export)], check=True, capture_output=True
        )
        child = subprocess.Popen(
            [*reader, "fetch", "--delay", "0"], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        fetched = 0
        while fetched < count // 3 and (line := child.stdout.readline()):
            fetched += line.startswith("fetched\t")
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
        with Library() as library:
            kept = {item.url for item in library.fetch_listed(("fetched",), count)}
        subprocess.run([*reader, "fetch", "--delay", "0"], check=True, capture_output=True)
        with Library() as library:
            done, articles = library.fetch_counts().fetched, library.count()
        twice = [url for url in urls if server.asked[url.split(str(server.port), 1)[1]] > 1]
    print(
        f"kill -9 after {len(kept)} of {count} fetched: after the restart {done} fetched,"
        f" {articles} articles (lost {count - done}), fetched twice {len(twice)}"
        f" (of those kept before the kill: {len(set(twice) & kept)})"
    )


PARTS = ("import", "round_trip", "kill", "stall")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    parts = sys.argv[2:] or PARTS
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if "import" in parts:
            import_figures(runs, work)
        if "round_trip" in parts:
            round_trip_figures(runs, work)
        if "kill" in parts:
            kill_figures(work)
        if "stall" in parts:
            stall_figures(runs, work)
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
