"""The window with a 100k-article library against the window with an empty one (issue 5).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/window_library.py [RUNS]

Uses the synthetic library that tests/benchmarks/library.py builds and caches (run that
first). Each run is a fresh `reader SEED` process, alternating between an empty data folder
and one whose library file is the big one, timed to the first paint and to the seed's
article on screen, with the RSS at that moment. Targets: launch ≤ 1.1x the empty library,
RSS ≤ empty + 30 MB.
"""

import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from library import CACHE  # benchmark scripts sit side by side
from startup import REPO, SEED, launch

LAUNCH_TARGET = 1.1
RSS_TARGET_MB = 30.0


def big_library() -> Path:
    candidates = sorted(CACHE.glob("library-*.sqlite3"))
    if not candidates:
        raise SystemExit(f"no synthetic library in {CACHE}: run tests/benchmarks/library.py")
    return candidates[-1]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["PYTHONPATH"] = str(REPO)
    reader = [sys.executable, "-m", "reader", str(SEED)]
    results: dict[str, dict[str, list[float]]] = {"empty": {}, "100k": {}}
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as full:
        (Path(full) / "library.sqlite3").symlink_to(big_library())
        folders = {"empty": empty, "100k": full}
        for folder in folders.values():  # warm caches; the seed is saved once in each
            launch(reader, {**env, "READER_DATA_DIR": folder, "READER_BENCH": "article"})
        for _ in range(runs):
            for name, folder in folders.items():
                for mode in ("paint", "article"):
                    shown = launch(reader, {**env, "READER_DATA_DIR": folder, "READER_BENCH": mode})
                    results[name].setdefault(mode, []).append(shown[mode] * 1000)
                    if mode == "article":
                        results[name].setdefault("rss", []).append(shown.get("rss_mb", 0.0))
    median = {n: {k: statistics.median(v) for k, v in r.items()} for n, r in results.items()}
    print(f"runs: {runs} each, alternating; library {big_library().name}")
    for name in ("empty", "100k"):
        m = median[name]
        print(
            f"{name:>5} library: first paint {m['paint']:6.1f} ms   "
            f"seed on screen {m['article']:6.1f} ms   RSS {m['rss']:6.1f} MB"
        )
    paint_ratio = median["100k"]["paint"] / median["empty"]["paint"]
    shown_ratio = median["100k"]["article"] / median["empty"]["article"]
    rss_delta = median["100k"]["rss"] - median["empty"]["rss"]
    print(f"first paint ratio {paint_ratio:.2f}, seed on screen ratio {shown_ratio:.2f}")
    print(f"(target <= {LAUNCH_TARGET}); RSS +{rss_delta:.1f} MB (target <= +{RSS_TARGET_MB:.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
