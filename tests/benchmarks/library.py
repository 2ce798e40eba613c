"""Library speed on a synthetic library of 100k articles (5 KB of text each, 2M story links).

    python tests/benchmarks/library.py [--rebuild] [--runs N] [--no-import]

The library is built once with bulk inserts and cached under /tmp (a few minutes the first
time). Prints medians next to the targets of issues 4 and 5, then times `reader import` of
the 130 corpus pages with 2 processes against extracting them one by one in one process.
"""

import argparse
import contextlib
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from reader.errors import ReaderError  # noqa: E402
from reader.store import SCHEMA_VERSION, Library  # noqa: E402
from reader.store.ranking import story_score  # noqa: E402

ARTICLES = 100_000
TEXT_BYTES = 5_000
LINKS_PER_ARTICLE = 20  # 2M links
STORIES = 400_000  # distinct stories; popular ones are recommended by many articles
VOCABULARY = 30_000
OPENED = 40  # articles opened recently: the reading profile of "For you"
GENERATOR = 3  # bump when the synthetic data or the schema of a version changes
CACHE = Path(tempfile.gettempdir()) / "reader-bench"
CORPUS = REPO.parent / "shared" / "corpus" / "mozilla"
TARGETS_MS = {
    "open article by id": 5.0,
    "200 newest": 5.0,
    "For you (50)": 10.0,
    "this article's stories": 5.0,
    "search mid-frequency word + snippets": 50.0,
    "200 newest unread (library filter)": 5.0,
    "count all (library model size)": 5.0,
    "last opened (reopen at start)": 5.0,
    "changed? (data_version, nothing changed)": 5.0,
    "For you unread count": 5.0,
}
SYLLABLES = [c + v for c in "bcdfghjklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]


def _vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    words: set[str] = set()
    while len(words) < VOCABULARY:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    ordered = sorted(words)
    rng.shuffle(ordered)
    weights = [1 / (rank + 1) ** 1.05 for rank in range(len(ordered))]
    cumulative: list[float] = []
    total = 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    return ordered, cumulative


def build(path: Path) -> None:
    """Fill a fresh library with bulk inserts in one transaction (the schema's triggers
    still index every article for search)."""
    rng = random.Random(20261128)
    words, cumulative = _vocabulary(rng)

    def text(count: int) -> str:
        return " ".join(rng.choices(words, cum_weights=cumulative, k=count))

    Library(path).close()  # the real schema, migrations and all
    conn = sqlite3.connect(path, isolation_level=None)
    conn.create_function("reader_story_score", 2, story_score, deterministic=True)
    conn.execute("PRAGMA journal_mode = OFF")  # one big load: no WAL copy of 1.5 GB
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    conn.execute("BEGIN")
    now = time.time()
    start = time.perf_counter()
    for index in range(STORIES):
        conn.execute(
            "INSERT INTO stories (id, key, title, url, url_key, summary, source)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                index + 1,
                f"u:https://news{index % 500}.example/story/{index}",
                text(7).capitalize(),
                f"https://news{index % 500}.example/story/{index}",
                f"https://news{index % 500}.example/story/{index}",
                text(18).capitalize() + ".",
                f"News {index % 500}",
            ),
        )
    print(f"  stories: {time.perf_counter() - start:.0f} s", flush=True)
    # Story popularity follows a power law: a few stories sit in many rails.
    story_weights = []
    total = 0.0
    for rank in range(STORIES):
        total += 1 / (rank + 1) ** 0.8
        story_weights.append(total)
    counts = [0] * (STORIES + 1)
    first = [0.0] * (STORIES + 1)
    last = [0.0] * (STORIES + 1)
    for index in range(ARTICLES):
        article_id = index + 1
        saved = now - (ARTICLES - index) * 600
        body = []
        size = 0
        while size < TEXT_BYTES:
            paragraph = text(rng.randint(40, 90)).capitalize() + "."
            body.append(paragraph)
            size += len(paragraph) + 2
        plain = "\n\n".join(body)
        html = "".join(f"<p>{paragraph}</p>\n" for paragraph in body)
        title = text(rng.randint(4, 9)).capitalize()
        site = index % 800
        conn.execute(
            "INSERT INTO articles (id, source, origin, url, url_key, host, title, byline,"
            " published, site_name, excerpt, word_count, reading_minutes, saved_at, opened_at,"
            " content_hash, read, starred, tags)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                f"/bench/{article_id}.html",
                f"/bench/{article_id}.html",
                f"https://site{site}.example/a/{article_id}",
                f"https://site{site}.example/a/{article_id}",
                f"site{site}.example",
                title,
                f"By {text(2).title()}",
                time.strftime("%Y-%m-%d", time.gmtime(saved - 86400)),
                f"Site {site}",
                body[0][:200],
                len(plain.split()),
                max(1, len(plain.split()) // 230),
                saved,
                saved + 60 if index >= ARTICLES - OPENED else None,
                f"{article_id:064x}",
                int(index % 3 == 0),
                int(index % 50 == 0),
                "",
            ),
        )
        conn.execute(
            "INSERT INTO article_bodies (article_id, content_html, text) VALUES (?, ?, ?)",
            (article_id, html, plain),
        )
        chosen: list[int] = []
        while len(chosen) < LINKS_PER_ARTICLE:
            story = rng.choices(range(1, STORIES + 1), cum_weights=story_weights, k=1)[0]
            if story not in chosen:
                chosen.append(story)
        conn.executemany(
            "INSERT INTO article_stories (article_id, position, story_id) VALUES (?, ?, ?)",
            [(article_id, position, story) for position, story in enumerate(chosen)],
        )
        for story in chosen:  # saves are in time order: first sighting, then the latest
            counts[story] += 1
            first[story] = first[story] or saved
            last[story] = saved
        if index % 10_000 == 9_999:
            print(f"  {index + 1} articles: {time.perf_counter() - start:.0f} s", flush=True)
    # The aggregate the Library maintains on every save, filled in one go for the bulk data.
    conn.executemany(
        "UPDATE stories SET times_recommended = ?, first_seen = ?, last_seen = ?,"
        " score = reader_story_score(?, ?) WHERE id = ?",
        [
            (counts[i], first[i], last[i], counts[i], last[i], i)
            for i in range(1, STORIES + 1)
            if counts[i]
        ],
    )
    conn.execute("UPDATE stories SET read = 1 WHERE id % 10 = 0")
    conn.execute("UPDATE stories SET sponsored = 1 WHERE id % 37 = 0")
    conn.execute("COMMIT")
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    print(f"  built in {time.perf_counter() - start:.0f} s", flush=True)


def library_file(rebuild: bool) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"library-s{SCHEMA_VERSION}-g{GENERATOR}-{ARTICLES}.sqlite3"
    if rebuild or not path.exists():
        partial = path.with_suffix(".building")
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        print(f"building {path} …", flush=True)
        build(partial)
        partial.rename(path)
    return path


def median_ms(func: Callable[[int], object], runs: int) -> float:
    times = []
    for run in range(runs):
        start = time.perf_counter()
        func(run)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def mid_frequency_word(library: Library) -> tuple[str, int]:
    """A word in about 2% of the articles: common enough to rank, rare enough to mean it."""
    conn = library._conn
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab"
        " USING fts5vocab(main, articles_fts, row)"
    )
    target = ARTICLES * 0.02
    row = conn.execute(
        "SELECT term, doc FROM temp.bench_vocab WHERE doc BETWEEN ? AND ?"
        " ORDER BY abs(doc - ?) LIMIT 1",
        (target * 0.8, target * 1.2, target),
    ).fetchone()
    return str(row[0]), int(row[1])


def library_benchmarks(path: Path, runs: int) -> None:
    rng = random.Random(7)
    with Library(path) as library:
        ids = [rng.randint(1, ARTICLES) for _ in range(runs)]
        # Warm the OS cache the way a running app would have it.
        library.articles(limit=200)
        library.for_you()
        word, docs = mid_frequency_word(library)
        results = {
            "open article by id": median_ms(lambda run: library.article(ids[run]), runs),
            "200 newest": median_ms(lambda run: library.articles(limit=200), runs),
            "For you (50)": median_ms(lambda run: library.for_you(limit=50), runs),
            "this article's stories": median_ms(lambda run: library.stories(ids[run]), runs),
            "search mid-frequency word + snippets": median_ms(
                lambda run: library.search(word, limit=50), runs
            ),
            "200 newest unread (library filter)": median_ms(
                lambda run: library.articles(limit=200, filter="unread"), runs
            ),
            "count all (library model size)": median_ms(lambda run: library.count(), runs),
            "last opened (reopen at start)": median_ms(lambda run: library.last_opened(), runs),
            "changed? (data_version, nothing changed)": median_ms(
                lambda run: library.version(), runs
            ),
            "For you unread count": median_ms(lambda run: library.for_you_count(), runs),
        }
        links = library._conn.execute("SELECT count(*) FROM article_stories").fetchone()[0]
    print(f"\nlibrary: {ARTICLES} articles, {links} story links, {path.stat().st_size >> 20} MB")
    print(f"search word: {word!r} in {docs} articles ({100 * docs / ARTICLES:.1f}%)")
    print(f"{'query':40} {'median ms':>10} {'target':>8}")
    for name, value in results.items():
        target = TARGETS_MS[name]
        verdict = "ok" if value <= target else "SLOW"
        print(f"{name:40} {value:10.2f} {target:8.1f}  {verdict}")


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def import_benchmark(rounds: int) -> None:
    """Serial and pooled runs alternate so that a busy machine hurts both alike."""
    pages = sorted(CORPUS.glob("*/source.html"))
    if not pages:
        print("\nimport: ../shared/corpus absent, skipped")
        return
    from reader.extract import extract
    from reader.load import load
    from reader.service.importing import import_sources

    for page in pages[:3]:  # warm imports and caches for both sides
        extract(load(str(page)))
    serial: list[float] = []
    pooled: list[float] = []
    main_cpu: list[float] = []
    worker_cpu: list[float] = []
    line = ""
    for round_ in range(rounds):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            with Library(Path(folder) / "serial.sqlite3") as library:
                for page in pages:
                    with contextlib.suppress(ReaderError):
                        library.save(extract(load(str(page))), origin=str(page))
            serial.append(time.perf_counter() - start)
            before = _cpu()
            start = time.perf_counter()
            with Library(Path(folder) / "pool.sqlite3") as library:
                line = import_sources([str(page) for page in pages], library, workers=2).line()
            pooled.append(time.perf_counter() - start)
            after = _cpu()
            main_cpu.append(after[0] - before[0])
            worker_cpu.append(after[1] - before[1])
        print(f"  round {round_ + 1}: serial {serial[-1]:.2f} s, 2 processes {pooled[-1]:.2f} s")
    one, two = statistics.median(serial), statistics.median(pooled)
    print(f"\nimport of {len(pages)} corpus pages (load + extract + save), {rounds} rounds")
    print(f"  one by one, one process: median {one:6.2f} s, best {min(serial):6.2f} s")
    print(f"  reader import, 2 procs:  median {two:6.2f} s, best {min(pooled):6.2f} s ({line})")
    print(
        f"  speed-up: median {one / two:.2f}x, best {min(serial) / min(pooled):.2f}x"
        f" (target >= 1.6x); load average {os.getloadavg()[0]:.1f}"
    )
    print("  (the best runs are the least disturbed by other work on a shared machine)")
    print(
        f"  CPU of a pooled run: main process {statistics.median(main_cpu):.2f} s,"
        f" workers {statistics.median(worker_cpu):.2f} s (serial wall {one:.2f} s)"
    )


def main() -> None:
    global ARTICLES, STORIES
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=51)
    parser.add_argument("--no-import", action="store_true")
    parser.add_argument("--no-library", action="store_true")
    parser.add_argument("--rounds", type=int, default=3, help="import benchmark rounds")
    parser.add_argument("--articles", type=int, default=ARTICLES, help="smaller, for a quick try")
    args = parser.parse_args()
    ARTICLES, STORIES = args.articles, max(args.articles * 4, 100)
    if not args.no_library:
        library_benchmarks(library_file(args.rebuild), args.runs)
    if not args.no_import:
        import_benchmark(args.rounds)


if __name__ == "__main__":
    main()
