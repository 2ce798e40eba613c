"""Search cost against the number of prefix* terms, up to the limit the search allows.

A library of 300 articles of 800 random words; queries of N distinct prefix terms that
all match every article (the worst case: every term is in every row). Before the bound,
FTS5's snippet() made this quadratic (100 terms 3.6 s, 200 terms 13.9 s, 400 terms 55 s
here); now snippets mark at most HIGHLIGHT_TERMS and a query holds at most MAX_TERMS.
Reports the median ms per query and per term for each N (flat per-term cost = linear).

    python tests/benchmarks/search_terms.py [RUNS]
"""

import os
import random
import statistics
import string
import sys
import tempfile
import time

from reader.errors import QueryError
from reader.model import Article
from reader.store import Library, search
from reader.store.search import HIGHLIGHT_TERMS, MAX_TERMS


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    os.environ["READER_DATA_DIR"] = tempfile.mkdtemp(prefix="reader-search-")
    rng = random.Random(1)
    words = [
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9)))
        for _ in range(3000)
    ]
    # prefixes that each match many words of every article: the costly case
    prefixes = [*string.ascii_lowercase, "st", "ch", "pr", "tr", "br", "sp"]
    with Library() as library:
        for n in range(300):
            text = " ".join(rng.choice(words) for _ in range(800))
            library.save(
                Article(
                    source=f"s{n}",
                    title=f"Story {n}",
                    content_html=f"<p>{text}</p>",
                    text=text,
                    url=f"https://x.example/{n}",
                )
            )
        print(f"{'prefix terms':>12}{'ms per query':>14}{'ms per term':>13}{'marking all, ms':>17}")
        for count in (4, 8, 16, MAX_TERMS):
            query = " ".join(f"{prefix}*" for prefix in prefixes[:count])
            now, before = [], []
            for _ in range(runs):
                started = time.perf_counter()
                library.search(query)
                now.append((time.perf_counter() - started) * 1000)
                search.HIGHLIGHT_TERMS = MAX_TERMS  # as before: snippets mark every term
                started = time.perf_counter()
                library.search(query)
                before.append((time.perf_counter() - started) * 1000)
                search.HIGHLIGHT_TERMS = HIGHLIGHT_TERMS
            median = statistics.median(now)
            print(
                f"{count:>12}{median:>14.1f}{median / count:>13.2f}"
                f"{statistics.median(before):>17.1f}"
            )
        try:
            library.search(" ".join(f"w{n}*" for n in range(MAX_TERMS + 1)))
        except QueryError as error:
            print(f"{MAX_TERMS + 1} terms: refused: {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
