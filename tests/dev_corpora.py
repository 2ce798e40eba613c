"""The four development corpora of ../shared/corpus as one list of pages, scored one way.

mozilla, cleaneval and dragnet are scored by word F1 against their ground-truth text,
snippets by the snippets that must and must not appear, exactly as the shared tools
(../shared/tools/extract_score.py, snippet_score.py) score them; the tools themselves are
loaded from ../shared, so the figures match theirs.

Every page has a fixed side of a tuning / held-out split: a third of each corpus, chosen by
the hash of its name, is held out (work is tuned on the other two thirds, the held-out
third is looked at only to report). Used by tests/benchmarks/extract_quality.py and by the
no-collapse test.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

CORPORA = ("mozilla", "cleaneval", "dragnet", "snippets")
MOZILLA_URL = "http://fakehost/test/page.html"  # the address Readability.js's tests use
HELD_OUT_SHARE = 3  # one page in three
# Pages issue 13 names as showing a cause that the hash put in the held-out third, and
# held-out pages looked into later (final_606, the one error left in wave 5; in wave 6 the
# held-out collapses and the one held-out page a guard rule first lost): they were studied
# to fix that cause, so they count as tuning pages.
STUDIED = frozenset(
    (
        "cleaneval/final_163",
        "cleaneval/final_569",
        "dragnet/360",
        "cleaneval/final_606",
        "cleaneval/final_74",
        "cleaneval/final_266",
        "cleaneval/final_347",
        "cleaneval/final_561",
        "cleaneval/final_586",
        "snippets/mitundvoneinander.com-Frühling.html",
    )
)
# The line Dragnet's gold puts before the readers' comments ("!@#$%^&*()  COMMENTS", a few
# with a character or two mistyped).
COMMENTS_MARKER = re.compile(r"^!.{0,12}COMMENTS[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class CorpusPage:
    corpus: str
    name: str
    data: bytes = field(repr=False)  # the file as saved: what Reader reads
    url: str | None
    truth: str | None = field(default=None, repr=False)  # word-F1 corpora
    # Dragnet's gold keeps the readers' comments after a marker line; Reader leaves
    # comments out, so its story is also scored against the gold before the marker.
    article_truth: str | None = field(default=None, repr=False)
    wanted: tuple[str, ...] = field(default=(), repr=False)  # snippets corpus
    unwanted: tuple[str, ...] = field(default=(), repr=False)
    meta: dict[str, str] = field(default_factory=dict, repr=False)  # mozilla metadata

    @property
    def key(self) -> str:
        return f"{self.corpus}/{self.name}"

    @property
    def held_out(self) -> bool:
        if self.key in STUDIED:
            return False
        digest = hashlib.sha1(self.key.encode("utf-8")).hexdigest()
        return int(digest, 16) % HELD_OUT_SHARE == 0

    @property
    def text(self) -> str:
        """The page as the shared tools hand it to the peers (UTF-8, errors replaced)."""
        return self.data.decode("utf-8", "replace")


def tool(shared: Path, name: str) -> ModuleType:
    """One of ../shared/tools/*.py, loaded once."""
    if name in sys.modules:
        return sys.modules[name]
    path = shared / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load(shared: Path, corpus: str, pages: str | None = None) -> list[CorpusPage]:
    """The pages of one corpus (``pages``: a regex their name must contain)."""
    folder = shared / "corpus" / corpus
    if corpus == "snippets":
        return _snippets(folder, pages)
    scorer = tool(shared, "extract_score")
    kind = "mozilla" if corpus == "mozilla" else "plain"
    found = []
    for row in scorer.load_corpus(kind, folder):
        if pages and not re.search(pages, row["name"]):
            continue
        path = folder / row["name"] / "source.html" if kind == "mozilla" else None
        path = path or folder / f"{row['name']}.html"
        marker = COMMENTS_MARKER.search(row["truth"]) if corpus == "dragnet" else None
        found.append(
            CorpusPage(
                corpus,
                row["name"],
                path.read_bytes(),
                row["url"],
                truth=row["truth"],
                article_truth=row["truth"][: marker.start()] if marker else row["truth"],
                meta={k: v for k, v in row["meta"].items() if isinstance(v, str)},
            )
        )
    return found


def _snippets(folder: Path, pages: str | None) -> list[CorpusPage]:
    items = json.loads((folder / "evaldata.json").read_text("utf-8"))
    found = []
    for url in sorted(items):
        item = items[url]
        if pages and not re.search(pages, item["file"]):
            continue
        data = (folder / "pages" / item["file"]).read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        found.append(
            CorpusPage(
                "snippets",
                item["file"],
                data,
                url,
                wanted=tuple(item["with"]),
                unwanted=tuple(item["without"]),
            )
        )
    return found


@dataclass(frozen=True)
class Score:
    """One extractor's result on one page."""

    f1: float  # word F1, or the page's snippet F1
    words: int  # words it returned
    hits: tuple[int, int, int] = (0, 0, 0)  # snippets: wanted found, wanted missed, unwanted found


def score(shared: Path, page: CorpusPage, text: str, *, article_only: bool = False) -> Score:
    """``article_only``: against the gold without Dragnet's comments (same gold elsewhere)."""
    scorer = tool(shared, "extract_score")
    tokens = scorer.TOKENIZERS["word"]
    words = len(tokens.findall(text or ""))
    if page.truth is not None:
        truth = page.article_truth if article_only else page.truth
        return Score(scorer.page_scores(truth, text, 1, tokens)["f1"], words)
    snippet = tool(shared, "snippet_score")
    flat = snippet.collapse(text)
    found = sum(snippet.collapse(s) in flat for s in page.wanted)
    wrong = sum(snippet.collapse(s) in flat for s in page.unwanted)
    missed = len(page.wanted) - found
    f1 = 2 * found / max(1, 2 * found + wrong + missed)
    if not page.wanted and not wrong:
        f1 = 1.0
    return Score(f1, words, (found, missed, wrong))


def snippet_f1(scores: list[Score]) -> float:
    """Pooled over all snippets, as snippet_score.py reports it."""
    found = sum(s.hits[0] for s in scores)
    missed = sum(s.hits[1] for s in scores)
    wrong = sum(s.hits[2] for s in scores)
    return 2 * found / max(1, 2 * found + wrong + missed)


# A collapse: the reader errs, or shows under this share of the words of a peer that
# got the page right (F1 at least COLLAPSE_PEER_F1).
COLLAPSE_SHARE = 0.3
COLLAPSE_PEER_F1 = 0.8


def collapsed(ours: Score | None, peer: Score) -> bool:
    if ours is None:
        return True
    return peer.f1 >= COLLAPSE_PEER_F1 and ours.words < COLLAPSE_SHARE * peer.words
