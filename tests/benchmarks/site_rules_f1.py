"""Site rules written here (tests/benchmarks/site_rules/HOST.txt, ftr-site-config syntax)
against the Dragnet corpus: per page of those hosts, word F1 without and with the rules.

Dragnet's gold keeps the reader comments under a post; Reader (like readability) keeps
the post only, so these rules say "the post and its discussion", a choice a person makes
for a site whose comments they read. Each file was written looking at one page of its
host; the other pages of that host (slashdot.org) are held out.

    READER_SHARED_DIR=/work/shared python tests/benchmarks/site_rules_f1.py
"""

import collections
import os
import re
import statistics
import sys
from pathlib import Path

from reader.errors import ReaderError
from reader.extract import extract
from reader.model import Page
from reader.service.site_rules import host_of, rules_file, rules_for

SHARED = Path(os.environ.get("READER_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
DRAGNET = SHARED / "corpus" / "dragnet"
RULES = Path(__file__).resolve().parent / "site_rules"
# The page each file was written from; every other page of its host is held out.
WRITTEN_FROM = {"360.html"}
WORD = re.compile(r"\w+")


def f1(text: str, truth: str) -> float:
    got = collections.Counter(WORD.findall(text.lower()))
    want = collections.Counter(WORD.findall(truth.lower()))
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def score(page: Page, truth: str, with_rules: bool) -> float:
    try:
        lookup = (lambda url: rules_for(url, RULES)) if with_rules else None
        return f1(extract(page, lookup).text, truth)
    except ReaderError:
        return 0.0


def _held_out(name: str, host: str) -> bool:
    return host.endswith("slashdot.org") and name not in WRITTEN_FROM


def main() -> None:
    if not DRAGNET.is_dir():
        sys.exit(f"no corpus at {DRAGNET} (set READER_SHARED_DIR)")
    rows = []
    for path in sorted(DRAGNET.glob("*.html")):
        truth = path.with_suffix(".gt.txt").read_text(encoding="utf-8")
        page = Page(source=path.name, html=path.read_text(encoding="utf-8", errors="replace"))
        try:
            host = host_of(extract(page).url)
        except ReaderError:
            continue
        if host is None or rules_file(host, RULES) is None:
            continue
        rows.append((path.name, host, score(page, truth, False), score(page, truth, True)))
    files = {rules_file(r[1], RULES) for r in rows}
    print(f"{len(files)} rule files, {len(rows)} Dragnet pages of their hosts")
    for name, host, before, after in rows:
        held = " (held out)" if _held_out(name, host) else ""
        print(f"  {name:10} {host:28} F1 {before:.3f} -> {after:.3f}{held}")
    gains = [after - before for _, _, before, after in rows]
    print(
        f"median F1 without {statistics.median(r[2] for r in rows):.3f},"
        f" with {statistics.median(r[3] for r in rows):.3f};"
        f" median gain {statistics.median(gains):+.3f}, pages worse: {sum(g < 0 for g in gains)}"
    )
    held = [r for r in rows if _held_out(r[0], r[1])]
    if held:
        print(
            f"held out (slashdot.org, {len(held)} pages): median F1"
            f" {statistics.median(r[2] for r in held):.3f} ->"
            f" {statistics.median(r[3] for r in held):.3f}"
        )


if __name__ == "__main__":
    main()
