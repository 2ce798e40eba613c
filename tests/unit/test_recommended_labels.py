"""Recommended-story capture against the hand-made labels of 833 corpus pages (sixteen
labelling rounds, the third a fresh check set, the fourth and fifth tuning pages of the
weak kinds, the sixth, tenth, fourteenth and sixteenth any pages, the seventh, eleventh,
twelfth, thirteenth and fifteenth article pages, the eighth and ninth pages capture found
stories on;
tests/labels/recommended): the labels
are well formed, and capture keeps the quality it reached on them. The corpus lives
outside the repository (``../shared``); these tests skip without it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

LABELS = Path(__file__).resolve().parent.parent / "labels" / "recommended"
sys.path.insert(0, str(LABELS))

import corpus_pages  # noqa: E402
import scoring  # noqa: E402

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def labelled() -> dict[str, dict]:
    if not (corpus_pages.CORPUS / "mozilla").is_dir():
        pytest.skip("../shared is not present")
    return corpus_pages.load_labels()


def test_every_sampled_page_is_labelled_and_marked_held_out_as_sampled(
    labelled: dict[str, dict],
) -> None:
    sample = corpus_pages.sample()
    assert {page.name for page in sample} == set(labelled)
    assert len(sample) >= 833
    for page in sample:
        assert labelled[page.name]["held_out"] == page.held_out
        assert labelled[page.name].get("split", page.split) == page.split
    # every third page of each corpus's order in rounds 1, 2, 6, 7 and 10 to 16; round 3
    # all kept aside
    fresh = [page for page in sample if page.round == 3]
    assert len(fresh) == sum(corpus_pages.ROUND3_SIZES.values())
    assert all(page.held_out and page.split == "fresh" for page in fresh)
    weak = [page for page in sample if page.round == 4]
    assert len(weak) == sum(corpus_pages.ROUND4_SIZES.values())
    assert all(page.split == "tuning" and corpus_pages.shows_weak_kind(page.path) for page in weak)
    broad = [page for page in sample if page.round == 5]
    assert len(broad) == sum(corpus_pages.ROUND5_SIZES.values())
    assert all(
        page.split == "tuning" and corpus_pages.declares_article_or_weak_kind(page.path)
        for page in broad
    )
    rounds = (
        (1, corpus_pages.SAMPLE_SIZES),
        (2, corpus_pages.ROUND2_SIZES),
        (6, corpus_pages.ROUND6_SIZES),
        (7, corpus_pages.ROUND7_SIZES),
        (10, corpus_pages.ROUND10_SIZES),
        (11, corpus_pages.ROUND11_SIZES),
        (12, corpus_pages.ROUND12_SIZES),
        (13, corpus_pages.ROUND13_SIZES),
        (14, corpus_pages.ROUND14_SIZES),
        (15, corpus_pages.ROUND15_SIZES),
        (16, corpus_pages.ROUND16_SIZES),
    )
    for round_, sizes in rounds:
        pages = [page for page in sample if page.round == round_]
        assert len(pages) == sum(sizes.values())
        assert sum(page.held_out for page in pages) == sum(size // 3 for size in sizes.values())
    # rounds 8 and 9, chosen by capture's own finds: their held-out third is scored apart
    for round_, chosen in ((8, corpus_pages.ROUND8_PAGES), (9, corpus_pages.ROUND9_PAGES)):
        pages = [page for page in sample if page.round == round_]
        assert [page.name for page in pages] == [
            f"{corpus}/{name}" for corpus, names in chosen.items() for name in names
        ]
        held = [page for page in pages if page.held_out]
        assert len(held) == sum(len(names) // 3 for names in chosen.values())
        assert all(page.split == "held-out-chosen" for page in held)


def test_the_article_rounds_pages_declare_themselves_articles(
    labelled: dict[str, dict],
) -> None:
    """The rule fixed before the second round's pages were opened picked them, and the
    seventh, eleventh, twelfth, thirteenth and fifteenth rounds'."""
    for page in corpus_pages.sample():
        if page.round in (2, 7, 11, 12, 13, 15):
            assert corpus_pages.declares_article(page.path), page.name


def test_no_page_labels_its_own_address(labelled: dict[str, dict]) -> None:
    from reader.urls import normalize_url

    for entry in labelled.values():
        own = normalize_url(entry["url"])
        assert all(normalize_url(url) != own for url, _, _ in entry["stories"]), entry["page"]


def test_labels_are_absolute_story_urls_of_a_known_kind(labelled: dict[str, dict]) -> None:
    for entry in labelled.values():
        for url, kind, sponsored in entry["stories"]:
            assert url.startswith(("http://", "https://")), (entry["page"], url)
            assert kind in corpus_pages.KINDS
            assert isinstance(sponsored, bool)


def _totals(labelled: dict[str, dict], split: str) -> scoring.Totals:
    pages = [p for p in corpus_pages.sample() if p.split == split]
    return scoring.Totals([scoring.score(page, labelled[page.name]) for page in pages])


def test_capture_on_the_pages_it_was_tuned_on(labelled: dict[str, dict]) -> None:
    """Floors just under what capture reaches on the tuning pages (stop 41: micro 0.964 /
    0.881, per page 0.952 / 0.848, none found on 5.2 % of the pages with stories): a
    change that loses stories or finds menus fails here first. One blog
    (cleaneval/dev_50) holds 454 of the 5,637 labelled stories, in two series lists of
    ~440 posts under "Bird Flu Posts" and "Lakoff Posts": micro recall was 0.80 while they
    were left as archives, so the per-page figures are the finer guard. Rounds 10 and 11
    brought five pages whose lists capture does not reach (a side list that repeats the
    menu's, a card linked only by its script, a "Featured Stories" <nav> that another
    page of the same site labels as its menu, two boxes of one story each), hence none
    found up to 6 %."""
    totals = _totals(labelled, "tuning")
    assert totals.precision >= 0.95
    assert totals.recall >= 0.87
    assert totals.macro_precision() >= 0.94
    assert totals.macro_recall() >= 0.84
    assert totals.none_found() <= 0.06
