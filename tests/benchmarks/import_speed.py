"""`reader import` of the Mozilla corpus: this checkout against an older one, side by side.

    python tests/benchmarks/import_speed.py [--base REV] [--rounds N] [--workers N]

Issue 13's target: importing the corpus is no more than 1.6x slower than before its work
(REV defaults to the commit its first change was made on). The older checkout is taken
with `git archive` into a temporary folder; each round imports the 130 pages into a fresh
library with one version then the other (the order alternates, so machine load hits both
alike), each as its own `python -m reader import` process, exactly as a person runs it.
Prints the median wall time of each and their ratio.

Both trees are compiled to bytecode first and run with bytecode caches, as an installed
Reader is (pip compiles it): with PYTHONDONTWRITEBYTECODE set (this machine's default) and
stale caches for the modules a change touched, every process compiled them again, which
read as 1.62-1.73x where the same code with caches measured 1.43-1.52x.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED_DIR") or REPO.parent / "shared")
BEFORE_ISSUE_13 = "e4abe32"  # main when issue 13's first change (6ce0577) began
NO_BYTECODE = "PYTHONDONTWRITEBYTECODE"


def checkout(revision: str, folder: Path) -> Path:
    """The tree of ``revision`` unpacked under ``folder``."""
    archive = folder / "tree.tar"
    subprocess.run(
        ["git", "-C", str(REPO), "archive", "--output", str(archive), revision],
        check=True,
    )
    tree = folder / revision
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    return tree


def import_once(tree: Path, pages: list[Path], workers: int, scratch: Path) -> float:
    data = Path(tempfile.mkdtemp(dir=scratch))
    env = {
        **{name: value for name, value in os.environ.items() if name != NO_BYTECODE},
        "PYTHONPATH": str(tree),
        "READER_DATA_DIR": str(data / "data"),
        "READER_CACHE_DIR": str(data / "cache"),
    }
    command = [sys.executable, "-m", "reader", "import", "--workers", str(workers)]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, *map(str, pages)], env=env, cwd=tree, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: some pages refused, as the summary line says
        raise SystemExit(f"{tree.name}: reader import failed\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=BEFORE_ISSUE_13)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    pages = sorted((SHARED / "corpus" / "mozilla").glob("*/source.html"))
    if not pages:
        raise SystemExit(f"no Mozilla corpus under {SHARED} (set READER_SHARED_DIR)")
    times: dict[str, list[float]] = {"before": [], "now": []}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        trees = {"before": checkout(args.base, scratch), "now": REPO}
        for tree in trees.values():
            subprocess.run(
                [sys.executable, "-m", "compileall", "-q", str(tree / "reader")], check=True
            )
        for round_ in range(args.rounds):
            order = ("before", "now") if round_ % 2 == 0 else ("now", "before")
            for name in order:
                times[name].append(import_once(trees[name], pages, args.workers, scratch))
    before, now = statistics.median(times["before"]), statistics.median(times["now"])
    print(f"reader import of {len(pages)} Mozilla pages, {args.workers} workers, ", end="")
    print(f"{args.rounds} rounds, load average {os.getloadavg()[0]:.1f}")
    print(f"  before ({args.base}): median {before:6.2f} s  {sorted(times['before'])}")
    print(f"  now:                median {now:6.2f} s  {sorted(times['now'])}")
    print(f"  ratio: {now / before:.2f}x (target <= 1.6x)")


if __name__ == "__main__":
    main()
