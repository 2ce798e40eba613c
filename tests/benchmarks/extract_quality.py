"""Reader against readability-lxml and trafilatura on every development corpus, in one go.

    python tests/benchmarks/extract_quality.py [--shared DIR] [--corpus NAME ...]
        [--jobs N] [--speed] [--worst N] [--split tuning|held-out] [--pages REGEX]
        [--save NAME] [--against NAME]

Prints, for mozilla, cleaneval, dragnet (mean word F1) and snippets (pooled snippet F1),
each extractor's score on all pages and on the tuning / held-out thirds (tests/dev_corpora.py),
the Mozilla metadata match rates, the collapses (pages where Reader errs or shows under 30%
of the words of a peer that scores F1 >= 0.8 there), the errors, and speed.

The peers' outputs never change for a given version: they are cached under --cache (one
file per extractor version and corpus), so a run after the first only extracts with Reader;
Reader's own outputs are cached by a hash of its source. --jobs N spreads the extraction
over N processes (quality only). --speed times all three in this one process, page by page
in alternating order, so machine load hits them alike (it re-runs the peers and refreshes
their cache): median per page and slowest page, the figures the issue's targets name.

--worst N lists the pages of --split (default tuning: the held-out third is for reporting
only) where Reader is furthest behind the better peer. --save NAME keeps Reader's per-page
scores; --against NAME lists every page that scores lower than in that saved run.
"""

from __future__ import annotations

import argparse
import functools
import gc
import hashlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from multiprocessing import get_context
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "tests" / "unit")]

import dev_corpora  # noqa: E402
from dev_corpora import CorpusPage, Score  # noqa: E402
from reader_titles import READER_TITLES  # noqa: E402

PEERS = ("readability", "trafilatura")  # as the shared tools call them
# trafilatura without comments: the fair peer on Dragnet, whose gold keeps comments
# (Reader leaves them out); scored, not timed.
EXTRACTORS = ("reader", *PEERS, "trafilatura-nc")
TIMED = ("reader", *PEERS)
LABELS = {
    "reader": "Reader",
    "readability": "readability-lxml",
    "trafilatura": "trafilatura",
    "trafilatura-nc": "trafilatura, no comments",
}
DISTRIBUTIONS = {
    "readability": "readability-lxml",
    "trafilatura": "trafilatura",
    "trafilatura-nc": "trafilatura",
}
METADATA = {
    "title": "title",
    "byline": "byline",
    "published": "publishedTime",
    "site_name": "siteName",
}
LOSS = 0.005  # --against: a page that falls by more than this is listed

SHARED = Path(os.environ.get("READER_SHARED_DIR") or REPO.parent / "shared")
Table = dict[str, dict[str, Score | None]]  # extractor -> page key -> its score
PAGES: list[CorpusPage] = []  # filled before the worker processes fork


def run_reader(page: CorpusPage) -> dict[str, object]:
    import reader

    if hasattr(reader, "extract_article"):
        article = reader.extract_article(page.data, page.url)
    else:  # an older checkout, measured side by side (tests/benchmarks/import_speed.py)
        from reader.extract import extract
        from reader.load.files import page_from_bytes

        article = extract(page_from_bytes(page.data, page.url or "-", page.url))
    meta = {name: getattr(article, name) for name in METADATA}
    return {"text": article.text, "meta": meta}


def run_peer(name: str) -> Callable[[CorpusPage], dict[str, object]]:
    scorer = dev_corpora.tool(SHARED, "extract_score")
    function = scorer.BUILTIN[name]

    def run(page: CorpusPage) -> dict[str, object]:
        return {"text": function(page.text, page.url) or ""}

    return run


def run_trafilatura_without_comments(page: CorpusPage) -> dict[str, object]:
    import trafilatura

    return {"text": trafilatura.extract(page.text, url=page.url, include_comments=False) or ""}


def runner(name: str) -> Callable[[CorpusPage], dict[str, object]]:
    if name == "trafilatura-nc":
        return run_trafilatura_without_comments
    return run_reader if name == "reader" else run_peer(name)


def timed(name: str, page: CorpusPage) -> dict[str, object]:
    """One extraction: its output, time, or error (a failure is a result, not a crash)."""
    function = runner(name)
    start = time.perf_counter()
    try:
        result = function(page)
    except Exception as error:
        result = {"text": "", "error": f"{type(error).__name__}: {error}"[:200]}
    result["seconds"] = time.perf_counter() - start
    return result


def _work(task: tuple[str, int]) -> tuple[str, int, dict[str, object]]:
    name, index = task
    return name, index, timed(name, PAGES[index])


@functools.cache
def version(name: str) -> str:
    """The cache key of an extractor: a peer's version, or a hash of Reader's source."""
    if name == "reader":
        digest = hashlib.sha1()
        for path in sorted((REPO / "reader").rglob("*.py")):
            digest.update(path.read_bytes())
        return digest.hexdigest()[:12]
    from importlib.metadata import version as installed

    return installed(DISTRIBUTIONS[name])


class Cache:
    """Outputs per extractor version and corpus, as JSON files under one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, name: str, corpus: str) -> Path:
        return self.folder / f"{name}@{version(name)}" / f"{corpus}.json"

    def read(self, name: str, corpus: str) -> dict[str, dict[str, object]]:
        path = self.path(name, corpus)
        return json.loads(path.read_text("utf-8")) if path.is_file() else {}

    def write(self, name: str, corpus: str, rows: dict[str, dict[str, object]]) -> None:
        path = self.path(name, corpus)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")


def extract_all(
    pages: list[CorpusPage], cache: Cache, jobs: int, speed: bool
) -> dict[str, dict[str, dict[str, object]]]:
    """results[extractor][page key] for every page: cached where possible."""
    corpora = sorted({page.corpus for page in pages})
    results: dict[str, dict[str, dict[str, object]]] = {}
    for name in EXTRACTORS:
        results[name] = {}
        for corpus in corpora:
            for page_name, row in cache.read(name, corpus).items():
                results[name][f"{corpus}/{page_name}"] = row
    if speed:
        _timed_side_by_side(pages, results)
    else:
        todo = [
            (name, index)
            for index, page in enumerate(pages)
            for name in EXTRACTORS
            if page.key not in results[name]
        ]
        if todo:
            print(f"# extracting {len(todo)} page outputs with {jobs} process(es)", file=sys.stderr)
        done = 0
        if jobs > 1 and len(todo) > 1:
            with get_context("fork").Pool(jobs) as pool:
                for name, index, row in pool.imap_unordered(_work, todo, chunksize=4):
                    results[name][pages[index].key] = row
                    done = _progress(done, len(todo))
        else:
            for task in todo:
                name, index, row = _work(task)
                results[name][pages[index].key] = row
                done = _progress(done, len(todo))
    for name in EXTRACTORS:
        for corpus in corpora:
            rows = cache.read(name, corpus)
            for page in pages:
                if page.corpus == corpus and page.key in results[name]:
                    rows[page.name] = results[name][page.key]
            cache.write(name, corpus, rows)
    return results


def _progress(done: int, total: int) -> int:
    done += 1
    if done % 200 == 0 or done == total:
        print(f"#   {done}/{total}", file=sys.stderr, flush=True)
    return done


def _timed_side_by_side(
    pages: list[CorpusPage], results: dict[str, dict[str, dict[str, object]]]
) -> None:
    for name in TIMED:  # warm up: imports, regex caches
        timed(name, pages[0])
    for index, page in enumerate(pages):
        order = list(TIMED[index % 3 :] + TIMED[: index % 3])
        if index % 2:
            order.reverse()
        for name in order:
            gc.collect()
            results[name][page.key] = timed(name, page)
        if page.key not in results["trafilatura-nc"]:
            results["trafilatura-nc"][page.key] = timed("trafilatura-nc", page)
        _progress(index, len(pages))


def scores(
    pages: list[CorpusPage],
    results: dict[str, dict[str, dict[str, object]]],
    article_only: bool = False,
) -> dict[str, dict[str, Score | None]]:
    """Score per extractor and page key (None: the extractor failed on the page)."""
    table: dict[str, dict[str, Score | None]] = {}
    for name in EXTRACTORS:
        table[name] = {}
        for page in pages:
            row = results[name][page.key]
            text = str(row.get("text") or "")
            table[name][page.key] = (
                None
                if row.get("error")
                else dev_corpora.score(SHARED, page, text, article_only=article_only)
            )
    return table


def _set_score(page_list: list[CorpusPage], column: dict[str, Score | None]) -> float:
    got = [column[p.key] or Score(0.0, 0) for p in page_list]
    if not got:
        return float("nan")
    if page_list[0].corpus == "snippets":
        return dev_corpora.snippet_f1(got)
    return statistics.fmean(s.f1 for s in got)


def print_quality(pages: list[CorpusPage], tables: dict[str, Table]) -> None:
    print("\n## Quality: all pages (tuning / held-out)\n")
    header = " | ".join(LABELS[name] for name in EXTRACTORS)
    print(f"| set | pages (tuning / held-out) | {header} |")
    print("|---|---|" + "---|" * len(EXTRACTORS))
    rows = [(corpus, corpus, "full") for corpus in dev_corpora.CORPORA]
    rows.insert(3, ("dragnet", "dragnet, article only", "article"))
    for corpus, label, gold in rows:
        mine = [p for p in pages if p.corpus == corpus]
        if not mine:
            continue
        tuning = [p for p in mine if not p.held_out]
        held = [p for p in mine if p.held_out]
        cells = []
        for name in EXTRACTORS:
            values = [_set_score(part, tables[gold][name]) for part in (mine, tuning, held)]
            cells.append(f"{values[0]:.3f} ({values[1]:.3f} / {values[2]:.3f})")
        measure = "snippet F1" if corpus == "snippets" else "word F1"
        print(
            f"| {label} ({measure}) | {len(mine)} ({len(tuning)} / {len(held)}) | "
            + " | ".join(cells)
            + " |"
        )
    print(
        "\nDragnet's gold keeps readers' comments after a marker line; \"article only\" "
        "scores against the gold before it (Reader leaves comments out)."
    )


def print_metadata(
    pages: list[CorpusPage], results: dict[str, dict[str, dict[str, object]]]
) -> None:
    mozilla = [p for p in pages if p.corpus == "mozilla"]
    if not mozilla:
        return
    scorer = dev_corpora.tool(SHARED, "extract_score")
    parts = []
    for field, expected_field in METADATA.items():
        right = total = 0
        for page in mozilla:
            expected = page.meta.get(expected_field)
            if field == "title":
                expected = READER_TITLES.get(page.name, expected)
            if not (expected or "").strip():
                continue
            total += 1
            got = (results["reader"][page.key].get("meta") or {}).get(field)  # type: ignore[union-attr]
            right += bool(got) and scorer.norm_meta(expected_field, got) == scorer.norm_meta(
                expected_field, expected
            )
        parts.append(f"{field} {right / max(total, 1):.3f} ({right}/{total})")
    print("\nMozilla metadata (Reader, normalized match): " + ", ".join(parts))


def collapses(
    pages: list[CorpusPage], table: Table, name: str, peers: tuple[str, ...] = PEERS
) -> list[tuple[CorpusPage, Score | None, Score]]:
    """Pages where ``name`` errs or shows under 30% of the words of the better of the two
    peers (of the other two extractors, for a peer) while that one scores F1 >= 0.8."""
    others = [peer for peer in ("reader", *peers) if peer != name]
    found = []
    for page in pages:
        mine = table[name][page.key]
        best = max(
            (table[o][page.key] for o in others if table[o][page.key] is not None),
            key=lambda s: s.f1,  # type: ignore[union-attr]
            default=None,
        )
        if best is not None and dev_corpora.collapsed(mine, best):
            found.append((page, mine, best))
    return found


def print_collapses(pages: list[CorpusPage], tables: dict[str, Table]) -> None:
    print("\n## Collapses and errors (Dragnet judged on its article-only gold)\n")
    for name in ("reader", *PEERS):
        found = collapses(pages, tables["article"], name)
        full = collapses(pages, tables["full"], name)
        errors = [p.key for p in pages if tables["full"][name][p.key] is None]
        print(
            f"{LABELS[name]}: {len(found)} collapses ({len(full)} with Dragnet's comments "
            f"counted), {len(errors)} errors"
        )
        if name == "reader":
            # Reader leaves readers' comments out; where the gold keeps them (CleanEval's
            # forum-like blogs) or the snippets ask for them, trafilatura with comments
            # "wins" by them alone: no collapse against trafilatura without comments.
            fair = collapses(pages, tables["article"], name, ("readability", "trafilatura-nc"))
            by_comments = {page.key for page, _, _ in found} - {page.key for page, _, _ in fair}
            held = sum(page.held_out for page, _, _ in found)
            print(
                f"    ({held} of them held-out: not named; {len(by_comments)} only against "
                "trafilatura's readers' comments: none against trafilatura without them)"
            )
            for page, mine, best in found:
                if page.held_out:
                    continue
                words = "error" if mine is None else f"{mine.words} words (F1 {mine.f1:.2f})"
                note = " [comments]" if page.key in by_comments else ""
                print(
                    f"    {page.key}: {words}; better peer {best.words} words, "
                    f"F1 {best.f1:.2f}{note}"
                )


def print_speed(pages: list[CorpusPage], results: dict[str, dict[str, dict[str, object]]]) -> None:
    print("\n## Speed (one process, side by side; ms)\n")
    print("| extractor | median per page | slowest page | median vs readability |")
    print("|---|---|---|---|")
    seconds = {
        name: {p.key: float(results[name][p.key]["seconds"]) for p in pages}  # type: ignore[arg-type]
        for name in TIMED
    }
    medians = {name: statistics.median(seconds[name].values()) for name in TIMED}
    for name in TIMED:
        slowest = max(seconds[name], key=seconds[name].__getitem__)
        print(
            f"| {LABELS[name]} | {medians[name] * 1e3:.1f} | {seconds[name][slowest] * 1e3:.0f} "
            f"({slowest}) | {medians[name] / medians['readability']:.2f}x |"
        )


def print_worst(
    pages: list[CorpusPage], table: dict[str, dict[str, Score | None]], count: int
) -> None:
    for corpus in dev_corpora.CORPORA:
        rows = []
        for page in pages:
            if page.corpus != corpus:
                continue
            mine = table["reader"][page.key] or Score(0.0, 0)
            best = max((table[p][page.key] or Score(0.0, 0) for p in PEERS), key=lambda s: s.f1)
            rows.append((mine.f1 - best.f1, page, mine, best))
        if not rows:
            continue
        print(f"\n# {corpus}: furthest behind the better peer")
        for delta, page, mine, best in sorted(rows, key=lambda r: r[0])[:count]:
            print(
                f"  {page.name:44} {delta:+.3f}  Reader {mine.f1:.3f} ({mine.words} words)"
                f"  peer {best.f1:.3f} ({best.words} words)"
            )


def compare(pages: list[CorpusPage], table: dict[str, dict[str, Score | None]], path: Path) -> None:
    before = json.loads(path.read_text("utf-8"))
    lower, higher, held = [], 0, [0, 0]
    for page in pages:
        if page.key not in before:
            continue
        now = (table["reader"][page.key] or Score(0.0, 0)).f1
        delta = now - before[page.key]
        if page.held_out:  # counted, never named: the held-out third is not looked into
            held[0] += delta > LOSS
            held[1] += delta < -LOSS
            continue
        if delta < -LOSS:
            lower.append((delta, page.key, before[page.key], now))
        higher += delta > LOSS
    print(
        f"\n## Against {path.name}: tuning pages {higher} higher, {len(lower)} lower;"
        f" held-out pages {held[0]} higher, {held[1]} lower"
    )
    for delta, key, old, new in sorted(lower):
        print(f"  {key:50} {old:.3f} -> {new:.3f} ({delta:+.3f})")


def main() -> int:
    global SHARED
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--corpus", action="append", choices=dev_corpora.CORPORA)
    parser.add_argument("--pages", help="regex: only pages whose name contains a match")
    parser.add_argument("--split", choices=("all", "tuning", "held-out"), default="all")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--worst", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/reader-extract-quality"))
    parser.add_argument("--save", help="keep Reader's per-page scores under this name")
    parser.add_argument("--against", help="list pages lower than in the run saved as NAME")
    args = parser.parse_args()
    SHARED = args.shared
    if not (SHARED / "corpus").is_dir():
        raise SystemExit(f"no corpus under {SHARED} (give --shared)")
    for corpus in args.corpus or dev_corpora.CORPORA:
        PAGES.extend(dev_corpora.load(SHARED, corpus, args.pages))
    if args.split != "all":
        PAGES[:] = [p for p in PAGES if p.held_out == (args.split == "held-out")]
    results = extract_all(PAGES, Cache(args.cache), args.jobs, args.speed)
    tables = {"full": scores(PAGES, results), "article": scores(PAGES, results, True)}
    table = tables["article"]  # per-page figures below: Dragnet without its comments
    versions = ", ".join(f"{LABELS[n]} {version(n)}" for n in TIMED)
    print(f"# {len(PAGES)} pages; {versions}")
    print_quality(PAGES, tables)
    print_metadata(PAGES, results)
    print_collapses(PAGES, tables)
    if args.speed:
        print_speed(PAGES, results)
    if args.worst:
        shown = PAGES if args.split != "all" else [p for p in PAGES if not p.held_out]
        print_worst(shown, table, args.worst)
    saved = args.cache / "saved"
    if args.against:
        compare(PAGES, table, saved / f"{args.against}.json")
    if args.save:
        saved.mkdir(parents=True, exist_ok=True)
        kept = {key: (s or Score(0.0, 0)).f1 for key, s in table["reader"].items()}
        (saved / f"{args.save}.json").write_text(json.dumps(kept), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
