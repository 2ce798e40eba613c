"""Recommended-story capture against the hand-made labels of 155 corpus pages
(tests/labels/recommended): the labels are well formed, and capture keeps the quality it
reached on them. The corpus lives outside the repository (``../shared``); these tests skip
without it.
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
    assert len(sample) >= 150
    for page in sample:
        assert labelled[page.name]["held_out"] == page.held_out
    # every third page of each corpus's order
    held_out = sum(size // 3 for size in corpus_pages.SAMPLE_SIZES.values())
    assert sum(page.held_out for page in sample) == held_out


def test_labels_are_absolute_story_urls_of_a_known_kind(labelled: dict[str, dict]) -> None:
    for entry in labelled.values():
        for url, kind, sponsored in entry["stories"]:
            assert url.startswith(("http://", "https://")), (entry["page"], url)
            assert kind in corpus_pages.KINDS
            assert isinstance(sponsored, bool)


def _totals(labelled: dict[str, dict], held_out: bool) -> scoring.Totals:
    pages = [p for p in corpus_pages.sample() if p.held_out == held_out]
    return scoring.Totals([scoring.score(page, labelled[page.name]) for page in pages])


def test_capture_on_the_pages_it_was_tuned_on(labelled: dict[str, dict]) -> None:
    """Floors just under what capture reaches on the tuning pages: a change that loses
    stories or finds menus fails here first."""
    totals = _totals(labelled, held_out=False)
    assert totals.precision >= 0.92
    assert totals.recall >= 0.83
