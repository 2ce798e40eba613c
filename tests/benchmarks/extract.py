"""Speed of the whole extraction pipeline against readability-lxml alone, side by side.

    python tests/benchmarks/extract.py [--repeat 3] [--pages REGEX ...] [--corpus DIR]

For every corpus page both run back to back (order alternating), each timed as the
minimum over --repeat runs, so drift in machine load hits both alike. Prints the median
per-page times and their ratio (target <= 1.15) and the slowest page of each (target:
ours <= 0.5x readability's slowest).
"""

import argparse
import gc
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from reader.extract import extract  # noqa: E402
from reader.model import Page  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "mozilla"
PAGE_URL = "http://fakehost/test/page.html"


def readability_alone(html: str) -> None:
    from readability import Document

    Document(html).summary()


def pipeline(html: str) -> None:
    extract(Page(source="bench", html=html, url=PAGE_URL))


def timed(func, html: str) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    func(html)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="regexes: only pages whose name matches")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    folders = sorted(p for p in args.corpus.iterdir() if (p / "source.html").is_file())
    if args.pages:
        folders = [f for f in folders if any(re.fullmatch(r, f.name) for r in args.pages)]
    pages = {f.name: (f / "source.html").read_bytes().decode("utf-8", "replace") for f in folders}
    runners = {"readability": readability_alone, "pipeline": pipeline}
    first = next(iter(pages.values()))
    for func in runners.values():  # warm up: imports, regex caches
        func(first)
    times: dict[str, dict[str, float]] = {name: {} for name in runners}
    for index, (name, html) in enumerate(pages.items()):
        order = list(runners.items())
        if index % 2:
            order.reverse()
        for _ in range(max(1, args.repeat)):
            for runner, func in order:
                gc.collect()
                spent = timed(func, html)
                times[runner][name] = min(spent, times[runner].get(name, spent))
    ours, theirs = times["pipeline"], times["readability"]
    median_ours = statistics.median(ours.values()) * 1e3
    median_theirs = statistics.median(theirs.values()) * 1e3
    slow_ours = max(ours, key=ours.__getitem__)
    slow_theirs = max(theirs, key=theirs.__getitem__)
    ratios = [ours[name] / theirs[name] for name in pages if theirs[name] > 0]
    print(f"pages: {len(pages)}  repeat: {args.repeat}")
    print(
        f"median ms: readability {median_theirs:.1f}  pipeline {median_ours:.1f}  "
        f"ratio {median_ours / median_theirs:.2f} (target <= 1.15)"
    )
    print(f"median of per-page ratios: {statistics.median(ratios):.2f}")
    print(
        f"slowest: readability {slow_theirs} {theirs[slow_theirs] * 1e3:.0f} ms; "
        f"pipeline {slow_ours} {ours[slow_ours] * 1e3:.0f} ms; "
        f"ratio {ours[slow_ours] / theirs[slow_theirs]:.2f} (target <= 0.5)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
