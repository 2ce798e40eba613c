"""Score recommended-story capture against the hand-made labels (tests/labels/recommended).

Precision and recall over stories (normalized URLs), recall per kind of list and for
sponsored stories, and the two page-level rates the issue asks for: pages with stories
where none is found, pages without stories where some are found. Per corpus too.

    python tests/benchmarks/recommended_labels.py [--split tuning|held-out|all] [--worst N]

The held-out third is scored only as a whole (``--split held-out``): per-page detail is
printed for tuning pages only, so that nothing is tuned on the pages kept aside.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "labels" / "recommended"))

import corpus_pages  # noqa: E402
from scoring import Totals, score  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tuning", "held-out", "all"), default="tuning")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst tuning pages")
    parser.add_argument("--page", action="append", default=[], help="detail for a tuning page")
    args = parser.parse_args()
    labels = corpus_pages.load_labels()
    pages = [p for p in corpus_pages.sample() if p.name in labels]
    if args.split != "all":
        pages = [p for p in pages if p.held_out == (args.split == "held-out")]
    scores = [score(page, labels[page.name]) for page in pages]
    overall = Totals(scores)
    for corpus in corpus_pages.SAMPLE_SIZES:
        Totals([s for s in scores if s.name.startswith(corpus + "/")]).report(corpus)
    overall.report(f"ALL ({args.split})")
    if args.split == "held-out":
        return 0
    if args.worst:
        ranked = sorted(
            scores,
            key=lambda s: -(len(s.labelled) - len(s.hits) + len(s.found) - len(s.hits)),
        )
        for s in ranked[: args.worst]:
            missed = len(s.labelled) - len(s.hits)
            extra = len(s.found) - len(s.hits)
            print(f"   {s.name}: missed {missed}/{len(s.labelled)}, extra {extra}/{len(s.found)}")
    for name in args.page:
        s = next(s for s in scores if s.name == name)
        print(f"-- {name}")
        for key, (kind, _) in s.labelled.items():
            if key not in s.found:
                print(f"   - {kind:8} {key[:110]}")
        for key in s.found:
            if key not in s.labelled:
                print(f"   ! extra    {key[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
