"""Orphans after `kill -9`: an import of 500 pages killed (the importer alone, not its
group) at a random point, RUNS times. For each run: the seconds until no process of the
import is left, whether the library passes PRAGMA integrity_check, and whether every
article reported as added is stored. Target: no process left 5 s later in 20 of 20 runs.

    python tests/benchmarks/import_kill.py [RUNS] [PAGES]
"""

import contextlib
import os
import random
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "unit"
sys.path.insert(0, str(TESTS))

from import_processes import read_lines, seconds_until_gone, start_import  # noqa: E402
from test_import_kill import write_pages  # noqa: E402

TARGET_SECONDS = 5.0


def one_run(pages: Path, data: Path, rng: random.Random, total: int) -> tuple[float | None, bool]:
    process = start_import(pages, data)
    lines = read_lines(process, rng.randint(1, total // 2))
    time.sleep(rng.uniform(0, 0.3))
    os.kill(process.pid, signal.SIGKILL)
    out, _ = process.communicate(timeout=120)
    gone = seconds_until_gone(process.pid, limit=TARGET_SECONDS * 2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # whatever outlived the limit
    complete = [line for line in lines + out.splitlines(keepends=True) if line.endswith("\n")]
    reported = {int(line.split("\t")[1]) for line in complete if line.startswith("added")}
    with contextlib.closing(sqlite3.connect(data / "library.sqlite3")) as connection:
        sound = connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in connection.execute("SELECT id FROM articles")}
    return gone, sound and reported <= stored


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    rng = random.Random(10)
    with tempfile.TemporaryDirectory() as folder:
        pages = Path(folder) / "pages"
        write_pages(pages, total)
        results = [one_run(pages, Path(folder) / f"data{n}", rng, total) for n in range(runs)]
    times = [gone for gone, _ in results if gone is not None]
    clean = sum(1 for gone, ok in results if gone is not None and gone < TARGET_SECONDS and ok)
    print(f"kill -9 of an import of {total} pages, {runs} runs")
    print(f"  no process left within {TARGET_SECONDS:.0f} s and library sound: {clean}/{runs}")
    if times:
        print(
            f"  seconds until the last worker was gone: median {statistics.median(times):.3f},"
            f" max {max(times):.3f}"
        )


if __name__ == "__main__":
    main()
