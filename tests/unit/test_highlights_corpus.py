"""Highlights survive re-extraction on the Mozilla corpus (issue 15's target).

Five random sentences per page (seeded) are highlighted; each page is extracted again by
a changed pipeline (whitespace normalisation, a clean rule toggled off, the leftover
rules off, typography straightened) and at least 99% of the highlights whose words are
still there must re-attach to the same text; every other one must be listed as detached,
none attached to other words. Skips without ../shared. The figures:
tests/benchmarks/reattach.py.
"""

from pathlib import Path

import pytest
import reattach_corpus
from reattach_corpus import VARIANTS, Tally

from reader.model import Article

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

TARGET = 0.99
_ORIGINALS: dict[str, Article] = {}


@pytest.fixture
def corpus(shared_dir: Path) -> Path:
    folder = shared_dir / "corpus" / "mozilla"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/mozilla is absent")
    if not _ORIGINALS:
        _ORIGINALS.update(reattach_corpus.originals(folder))
    return folder


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_highlights_reattach_after_reextraction(corpus: Path, variant: str) -> None:
    tally: Tally = reattach_corpus.run_variant(corpus, variant, _ORIGINALS)
    assert tally.total >= 5 * 120  # five sentences on nearly every page
    assert tally.share_of_present >= TARGET, tally.misses
    assert tally.elsewhere == 0, tally.misses  # what is not found is detached, never moved
    assert tally.same + tally.detached == tally.total
