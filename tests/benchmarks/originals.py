"""Keeping originals and extracting again from them (issue 18), side by side in one run.

1. Compression of the original markup, as loaded, without its executable script code,
   and without everything extraction never reads (reader.extract.unread): each codec's
   total, size ratio and time per page (medians over the Mozilla corpus), and what each
   part of unread saves: why reader.store.originals keeps what it keeps, as it does.
2. Storage: the Mozilla corpus saved into two libraries, with and without originals
   (each VACUUMed): what keeping originals adds. Target: at most +40%.
3. Re-extraction of a library of ARTICLES articles made from the corpus pages (each
   saved with an older extraction and a highlight): articles per second, next to plain
   extraction of the same pages in the same run, and highlights lost. Target: >= 20/s.
4. (--faithful) Every page of every corpus: is the article extracted again from the kept
   original the one the loaded page gave (must be all), is leaving the unread out
   idempotent, and how many articles leaving it out changed against extracting the page
   as it came (and by which part of reader.extract.unread).

    READER_SHARED_DIR=/work/shared python tests/benchmarks/originals.py [ARTICLES] [--faithful]
"""

import bz2
import lzma
import os
import statistics
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from backports import zstd

from reader.errors import ReaderError
from reader.extract import extract, pipeline
from reader.extract.unread import PARTS, without_unread
from reader.load import load
from reader.model import Article, Page
from reader.service.highlighting import highlight_quote
from reader.service.reextract import reextract
from reader.store import Library
from reader.store.originals import CODEC, READERS
from reader.store.originals import pack as keep_packed

SHARED = Path(os.environ.get("READER_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
MOZILLA = SHARED / "corpus" / "mozilla"
CODECS: dict[str, tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]] = {
    "zlib-6": (lambda data: zlib.compress(data, 6), zlib.decompress),
    "zlib-9": (lambda data: zlib.compress(data, 9), zlib.decompress),
    "lzma-6": (lambda data: lzma.compress(data, preset=6), lzma.decompress),
    "bz2-9": (lambda data: bz2.compress(data, 9), bz2.decompress),
    "zstd-12": (lambda data: zstd.compress(data, 12), zstd.decompress),
    "zstd-19": (lambda data: zstd.compress(data, 19), zstd.decompress),
}
OLD_JUNK = "<p>Sign up for our newsletter and never miss a story again.</p>"


def corpus() -> list[Article]:
    articles = []
    for source in sorted(MOZILLA.glob("*/source.html")):
        try:
            articles.append(extract(load(str(source))))
        except ReaderError:
            continue
    return articles


def compression(loaded: list[str]) -> None:
    code_out = [without_unread(html, frozenset({"code"})).encode() for html in loaded]
    for label, pages in (
        ("as loaded", [html.encode() for html in loaded]),
        ("without script code", code_out),
        ("without what extraction never reads", [without_unread(h).encode() for h in loaded]),
    ):
        size = sum(map(len, pages)) / 1e6
        print(f"1. compression of {len(pages)} pages' markup {label}, {size:.1f} MB")
        codecs(pages)
    base = sum(len(zstd.compress(data, 12)) for data in code_out)
    print(f"   each part of unread, on top of leaving the code out ({base / 1e6:.2f} MB zstd-12):")
    for part in sorted(PARTS - {"code"}):
        kept = [without_unread(html, frozenset({"code", part})).encode() for html in loaded]
        saved = base - sum(len(zstd.compress(data, 12)) for data in kept)
        print(f"     {part:10} saves {saved / 1e6:.3f} MB ({100 * saved / base:.1f}%)")


def codecs(pages: list[bytes]) -> None:
    for name, (pack, unpack) in CODECS.items():
        ratios, packing, unpacking, total = [], [], [], 0
        for data in pages:
            start = time.perf_counter()
            packed = pack(data)
            middle = time.perf_counter()
            unpack(packed)
            packing.append(middle - start)
            unpacking.append(time.perf_counter() - middle)
            ratios.append(len(data) / len(packed))
            total += len(packed)
        print(
            f"   {name:7} {total / 1e6:5.2f} MB, {statistics.median(ratios):5.2f}x smaller,"
            f" {1000 * statistics.median(packing):6.2f} ms to pack,"
            f" {1000 * statistics.median(unpacking):5.2f} ms to unpack"
        )


def library_size(folder: Path, name: str, articles: list[Article]) -> int:
    path = folder / f"{name}.sqlite3"
    with Library(path) as library:
        for article in articles:
            library.save(article)
        library._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        library._conn.execute("VACUUM")
    return path.stat().st_size


def storage(folder: Path, articles: list[Article]) -> None:
    without = library_size(folder, "without", [replace(a, original=None) for a in articles])
    kept = library_size(folder, "with", articles)
    print(f"2. library of the Mozilla corpus ({len(articles)} articles), VACUUMed")
    print(f"   without originals {without / 1e6:.2f} MB, with {kept / 1e6:.2f} MB:")
    print(f"   originals add {100 * (kept - without) / without:.1f}% (target <= 40%)")


def save_older_extractions(library: Library, articles: list[Article], count: int) -> None:
    """``count`` articles made from the corpus pages, each saved as an older extractor gave
    it (a newsletter box on top) with its original and a highlight (the window benchmark
    uses it too)."""
    for n in range(count):
        base = articles[n % len(articles)]
        assert base.original is not None
        url = f"https://corpus.example/{n}"
        older = replace(
            base,
            source=url,
            url=url,
            content_html=OLD_JUNK + base.content_html,
            original=replace(base.original, source=url, url=url),
        )
        article_id = library.save(older)
        quote = next((line for line in base.text.splitlines() if len(line) > 40), "")
        if quote:
            highlight_quote(library, article_id, quote[:80])


def reextraction(folder: Path, articles: list[Article], count: int) -> None:
    path = folder / "reextract.sqlite3"
    with Library(path) as library:
        save_older_extractions(library, articles, count)
        highlights_before = library._conn.execute(
            "SELECT count(*) FROM highlights WHERE detached = 0"
        ).fetchone()[0]
        pages = [a.original for a in articles if a.original]
        start = time.perf_counter()
        for n in range(count):
            extract(pages[n % len(pages)])
        plain = count / (time.perf_counter() - start)
        rates = []
        for workers in (1, 2):
            start = time.perf_counter()
            summary = reextract(library, workers=workers)
            rates.append((workers, summary, count / (time.perf_counter() - start)))
        detached = library._conn.execute(
            "SELECT count(*) FROM highlights WHERE detached = 1"
        ).fetchone()[0]
        total = library._conn.execute("SELECT count(*) FROM highlights").fetchone()[0]
    print(f"3. re-extracting a library of {count} articles (Mozilla pages, ~200 kB each)")
    print(f"   plain extraction, one process: {plain:.1f} pages/s")
    for workers, summary, rate in rates:
        print(
            f"   reextract, {workers} process(es): {rate:.1f} articles/s"
            f" ({rate / plain:.2f}x plain extraction; {summary.line()})"
        )
    print(
        f"   highlights: {highlights_before} attached before, {total} kept after,"
        f" {detached} detached (target: >= 20 articles/s, none lost)"
    )


CORPORA = ("mozilla/*/*.html", "dragnet/*.html", "cleaneval/*.html", "snippets/pages/*.html")


def faithfulness() -> None:
    """Extracted again from the kept original (through the library's codec) == extracted
    from the page as loaded, on every page; and what leaving the unread out changed."""
    kept_differs, not_idempotent, changed, pages = [], [], [], 0
    for pattern in CORPORA:
        for path in sorted((SHARED / "corpus").glob(pattern)):
            try:
                page = load(str(path))
                article = extract(page)
            except ReaderError:
                continue
            pages += 1
            original = article.original
            assert original is not None
            if without_unread(original.html) != original.html:
                not_idempotent.append(path)
            stored = READERS[CODEC](keep_packed(original.html.encode())).decode()
            if extract(replace(original, html=stored)) != article:
                kept_differs.append(path)
            as_it_came = extracted_leaving_out(page, frozenset())
            if as_it_came != replace(article, original=None):
                parts = [
                    part
                    for part in sorted(PARTS)
                    if without_unread(page.html, frozenset({part})) != page.html
                    and extracted_leaving_out(page, frozenset({part})) != as_it_came
                ]
                changed.append((path, parts))
    print(f"4. {pages} corpus pages: extracted again from the kept original != as loaded:")
    print(f"   {len(kept_differs)} {[str(p) for p in kept_differs]} (must be 0)")
    print(f"   leaving the unread out again changes it: {len(not_idempotent)} (must be 0)")
    print(f"   articles changed by leaving the unread out: {len(changed)}")
    for path, parts in changed:
        print(f"     {path} (alone, these parts change it: {', '.join(parts) or 'none'})")


def extracted_leaving_out(page: Page, parts: frozenset[str]) -> Article | None:
    """The article of ``page`` with only ``parts`` of reader.extract.unread left out."""
    setattr(pipeline, "without_unread", partial(without_unread, parts=parts))  # noqa: B010
    try:
        return replace(pipeline.extract(page), original=None)
    except ReaderError:
        return None
    finally:
        pipeline.without_unread = without_unread


def main() -> None:
    if not MOZILLA.is_dir():
        sys.exit(f"no corpus at {MOZILLA} (set READER_SHARED_DIR)")
    if "--faithful" in sys.argv:
        faithfulness()
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 260
    articles = corpus()
    compression([load(str(source)).html for source in sorted(MOZILLA.glob("*/source.html"))])
    with tempfile.TemporaryDirectory() as folder:
        storage(Path(folder), articles)
        reextraction(Path(folder), articles, count)


if __name__ == "__main__":
    main()
