"""Highlights re-attached after re-extraction: the Mozilla corpus, five seeded random
sentences per page, each pipeline change of tests/reattach_corpus.py (issue 15's target:
>= 99% re-attach to the same text, the rest detached).

    python tests/benchmarks/reattach.py [--shared DIR]

Prints per change: pages whose text changed, highlights, still present (their letters are
in the new text), re-attached to the same text, attached elsewhere, detached, how they
were found, and the time to re-attach one page's highlights (median).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "tests"))
    import reattach_corpus as corpus_run

    from reader.highlights.attach import reattach
    from reader.highlights.text import anchor_text

    corpus = args.shared / "corpus" / "mozilla"
    if not corpus.is_dir():
        print(f"skipped: {corpus} is absent")
        return 0
    originals = corpus_run.originals(corpus)
    print(f"{len(originals)} pages extracted\n")
    print(
        f"{'change':<15} {'pages':>5} {'marks':>5} {'there':>5} {'same':>5} {'else':>4} "
        f"{'det.':>4} {'same/there':>10} {'same/all':>8}  how"
    )
    worst = 1.0
    variants = {**corpus_run.VARIANTS, **corpus_run.STRESS_VARIANTS}
    for name, change in variants.items():
        tally = corpus_run.run_variant(corpus, name, originals)
        changed = 0
        with change():
            for page in corpus_run.pages(corpus):
                old = originals.get(page.name)
                new = corpus_run.read(page)
                if old and new and anchor_text(old) != anchor_text(new):
                    changed += 1
        how = ", ".join(f"{key} {count}" for key, count in sorted(tally.how.items()))
        # an edited page has fewer quotes "there" letter for letter than it re-attaches
        there = f"{tally.share_of_present:.4f}" if name in corpus_run.VARIANTS else "-"
        print(
            f"{name:<15} {changed:>5} {tally.total:>5} {tally.present:>5} {tally.same:>5} "
            f"{tally.elsewhere:>4} {tally.detached:>4} {there:>10} "
            f"{tally.share_of_all:>8.4f}  {how}"
        )
        if name in corpus_run.VARIANTS:
            worst = min(worst, tally.share_of_present)
        for miss in tally.misses[:5]:
            print(f"    {miss}")
    timings = []
    for page in corpus_run.pages(corpus):
        old = originals.get(page.name)
        if old is None:
            continue
        text, anchors = corpus_run.pick_sentences(old, page.name)
        started = time.perf_counter()
        reattach(text, text + " ", anchors)
        timings.append((time.perf_counter() - started) * 1000)
    print(f"\nre-attach one page's highlights: median {statistics.median(timings):.2f} ms, "
          f"max {max(timings):.2f} ms")  # fmt: skip
    print(f"worst share re-attached to the same text: {worst:.4f} (target >= 0.99)")
    return 0 if worst >= 0.99 else 1


if __name__ == "__main__":
    raise SystemExit(main())
