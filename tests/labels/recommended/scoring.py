"""Capture scored against the labels: per page, then summed (the benchmark prints it, the
test holds it to floors)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

import corpus_pages

from reader.urls import normalize_url


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

    @property
    def labelled(self) -> int:
        return sum(len(p.labelled) for p in self.pages)

    @property
    def found(self) -> int:
        return sum(len(p.found) for p in self.pages)

    @property
    def hits(self) -> int:
        return sum(len(p.hits) for p in self.pages)

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.labelled if self.labelled else 1.0

    def macro_precision(self) -> float:
        """Precision per page, averaged over the pages where capture found something: each
        page weighs the same, so one 120-item page cannot carry the figure."""
        pages = [p for p in self.pages if p.found]
        return sum(len(p.hits) / len(p.found) for p in pages) / len(pages) if pages else 1.0

    def macro_recall(self) -> float:
        """Recall per page, averaged over the pages that offer stories."""
        pages = [p for p in self.pages if p.labelled]
        return sum(len(p.hits) / len(p.labelled) for p in pages) / len(pages) if pages else 1.0

    def none_found(self) -> float:
        """Share of pages with stories where none is found."""
        pages = [p for p in self.pages if p.labelled]
        return sum(1 for p in pages if not p.found) / len(pages) if pages else 0.0

    def some_found(self) -> float:
        """Share of pages without stories where some are found."""
        pages = [p for p in self.pages if not p.labelled]
        return sum(1 for p in pages if p.found) / len(pages) if pages else 0.0

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
            f"   per page (macro): precision {self.macro_precision():.3f}   "
            f"recall {self.macro_recall():.3f}"
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


def score(page: corpus_pages.CorpusPage, entry: dict, settings: object = None) -> PageScore:
    """One page scored; ``settings`` (a ``Thresholds``) tries other thresholds."""
    from reader.extract.recommended import DEFAULTS, find_recommended

    root, base, url = corpus_pages.parse(page)
    start = time.perf_counter()
    stories = find_recommended(root, base, url, settings or DEFAULTS)  # type: ignore[arg-type]
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
