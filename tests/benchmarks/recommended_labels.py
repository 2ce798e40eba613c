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
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "labels" / "recommended"))

import corpus_pages  # noqa: E402

from reader.urls import normalize_url  # noqa: E402


@dataclass
class PageScore:
    name: str
    labelled: dict[str, tuple[str, bool]]  # key -> (kind, sponsored)
    found: dict[str, bool]  # key -> flagged sponsored
    seconds: float

    @property
    def hits(self) -> set[str]:
        return set(self.labelled) & set(self.found)


@dataclass
class Totals:
    pages: list[PageScore] = field(default_factory=list)

    def report(self, title: str) -> None:
        labelled = sum(len(p.labelled) for p in self.pages)
        found = sum(len(p.found) for p in self.pages)
        hits = sum(len(p.hits) for p in self.pages)
        with_stories = [p for p in self.pages if p.labelled]
        without = [p for p in self.pages if not p.labelled]
        none_found = sum(1 for p in with_stories if not p.found)
        some_found = sum(1 for p in without if p.found)
        print(f"== {title}: {len(self.pages)} pages, {labelled} labelled stories")
        print(
            f"   precision {hits / found if found else 1:.3f} ({hits}/{found})   "
            f"recall {hits / labelled if labelled else 1:.3f} ({hits}/{labelled})"
        )
        print(
            f"   pages with stories, none found: {none_found}/{len(with_stories)} "
            f"= {none_found / len(with_stories) if with_stories else 0:.3f}   "
            f"pages without, some found: {some_found}/{len(without)} "
            f"= {some_found / len(without) if without else 0:.3f}"
        )
        by_kind: Counter[str] = Counter()
        hit_kind: Counter[str] = Counter()
        paid = paid_hit = paid_flagged = 0
        for page in self.pages:
            for key, (kind, sponsored) in page.labelled.items():
                by_kind[kind] += 1
                hit_kind[kind] += key in page.found
                if sponsored:
                    paid += 1
                    paid_hit += key in page.found
                    paid_flagged += page.found.get(key, False)
        kinds = "  ".join(
            f"{kind} {hit_kind[kind]}/{by_kind[kind]}={hit_kind[kind] / by_kind[kind]:.2f}"
            for kind in corpus_pages.KINDS
            if by_kind[kind]
        )
        print(f"   recall by kind: {kinds}")
        if paid:
            print(f"   sponsored: found {paid_hit}/{paid}, flagged {paid_flagged}/{paid}")
        wrongly_flagged = sum(
            1
            for p in self.pages
            for key, flagged in p.found.items()
            if flagged and key in p.labelled and not p.labelled[key][1]
        )
        print(f"   found stories flagged sponsored but labelled not: {wrongly_flagged}")


def score(page: corpus_pages.CorpusPage, entry: dict) -> PageScore:
    from reader.extract.recommended import find_recommended

    root, base, url = corpus_pages.parse(page)
    start = time.perf_counter()
    stories = find_recommended(root, base, url)
    seconds = time.perf_counter() - start
    labelled = {
        normalize_url(story_url): (kind, sponsored)
        for story_url, kind, sponsored in entry["stories"]
    }
    found: dict[str, bool] = {}
    for story in stories:
        if story.url:
            found.setdefault(normalize_url(story.url), story.sponsored)
    return PageScore(page.name, labelled, found, seconds)


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
