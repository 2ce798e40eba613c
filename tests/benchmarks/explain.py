"""What provenance recording costs: extraction with no recorder against the code before it
(another checkout, e.g. main before the recorder landed), and `--explain`'s own cost.

    python tests/benchmarks/explain.py --baseline /path/to/old/checkout [--repeat 3]
        [--corpus DIR ...] [--limit N]

Two worker processes, one per checkout, extract the same page back to back (order
alternating), each timed as the minimum over --repeat runs, so drift in machine load
hits both alike; the new checkout also times the explanation. Prints the medians of the
per-page ratios (target for "no recorder": 1.00 within noise) and the load average.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED_DIR", REPO.parent / "shared"))
CORPORA = [SHARED / "corpus" / name for name in ("mozilla", "dragnet", "cleaneval")]
PAGE_URL = "http://fakehost/test/page.html"
WORKER = r"""
import json, sys, time
from reader.model import Page
from reader.extract import extract
explain = None
if sys.argv[1] == "new":
    from reader.extract.explain import explain
for line in sys.stdin:
    path, mode, repeat = json.loads(line)
    html = open(path, "rb").read().decode("utf-8", "replace")
    page = Page(source="bench", html=html, url=sys.argv[2])
    run = explain if mode == "explain" else extract
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            run(page)
        except Exception:
            pass
        best = min(best, time.perf_counter() - start)
    print(best, flush=True)
"""


def worker(checkout: Path, role: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, role, PAGE_URL],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd="/",
    )


def timed(process: subprocess.Popen[str], path: Path, mode: str, repeat: int) -> float:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(json.dumps([str(path), mode, repeat]) + "\n")
    process.stdin.flush()
    return float(process.stdout.readline())


def pages(corpora: list[Path], limit: int) -> list[Path]:
    found = []
    for corpus in corpora:
        files = sorted(p for p in corpus.rglob("*.html") if p.name != "expected.html")
        found.extend(files[:limit])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, nargs="*", default=CORPORA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=60, help="pages per corpus")
    args = parser.parse_args()
    paths = pages([c for c in args.corpus if c.is_dir()], args.limit)
    if not paths:
        print("no corpus pages found", file=sys.stderr)
        return 1
    old, new = worker(args.baseline, "old"), worker(REPO, "new")
    timed(old, paths[0], "plain", 1), timed(new, paths[0], "explain", 1)  # warm up
    plain, explained = [], []
    for index, path in enumerate(paths):
        pair = [(old, "plain"), (new, "plain")]
        if index % 2:
            pair.reverse()
        times = {process is new: timed(process, path, mode, args.repeat) for process, mode in pair}
        before, after = times[False], times[True]
        plain.append(after / before)
        explained.append(timed(new, path, "explain", args.repeat) / after)
    for process in (old, new):
        assert process.stdin is not None
        process.stdin.close()
        process.wait()
    load = os.getloadavg()
    print(f"{len(paths)} pages from {', '.join(c.name for c in args.corpus if c.is_dir())}")
    print(f"no recorder / before it:  median ratio {statistics.median(plain):.3f}")
    print(f"--explain / no recorder:  median ratio {statistics.median(explained):.3f}")
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}  ({time.strftime('%H:%M')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
