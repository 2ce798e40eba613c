"""The leftover rules (reader.extract.leftovers) on and off, side by side, on every corpus.

    python tests/benchmarks/leftovers.py [--shared DIR] [--corpus NAME ...] [--pages REGEX]

Word F1 per page on mozilla, cleaneval and dragnet (the scorer of
../shared/tools/extract_score.py), snippet hits per page on snippets
(../shared/tools/snippet_score.py's matching), and the Mozilla title score both ways:
against Readability.js's expected titles, and against the reader's view of the same pages
(READER_TITLES: the expected title without the site or author name it carries). Every page
that scores lower with the rules is listed.
"""

import argparse
import importlib.util
import os
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "benchmarks"))
sys.path.insert(0, str(REPO / "tests" / "unit"))
sys.path.insert(0, str(REPO / "tests"))

import adapter  # noqa: E402
import dev_corpora  # noqa: E402
from reader_titles import READER_TITLES  # noqa: E402

LOSS = 0.0005  # a page counts as losing below this much F1


def _tool(shared: Path, name: str) -> ModuleType:
    path = shared / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def word_f1(shared: Path, corpus: str, pages: str | None) -> None:
    score = _tool(shared, "extract_score")
    kind = "mozilla" if corpus == "mozilla" else "plain"
    only = [pages] if pages else None
    rows = score.load_corpus(kind, shared / "corpus" / corpus, only)
    tok = score.TOKENIZERS["word"]
    on: list[float] = []
    off: list[float] = []
    changed = []
    for page in rows:
        results = []
        for extract in (adapter.extract_text, adapter.extract_text_without_leftovers):
            try:
                text = extract(page["html"], page["url"])
            except Exception:  # scored as empty, as the shared scorer does
                text = ""
            results.append(score.page_scores(page["truth"], text, 1, tok)["f1"])
        on.append(results[0])
        off.append(results[1])
        if results[0] != results[1]:
            changed.append((results[0] - results[1], page["name"], results[1], results[0]))
    losing = [row for row in changed if row[0] < -LOSS]
    print(
        f"\n{corpus}: {len(rows)} pages, word F1 mean {statistics.mean(off):.4f} without the"
        f" rules, {statistics.mean(on):.4f} with them; {len(changed)} pages changed,"
        f" {sum(row[0] > LOSS for row in changed)} better, {len(losing)} worse"
    )
    for delta, name, before, after in sorted(changed)[:12]:
        print(f"  {name:40} {before:.4f} -> {after:.4f} ({delta:+.4f})")


def snippets(shared: Path, pages: str | None) -> None:
    snippet = _tool(shared, "snippet_score")
    totals = {"on": [0, 0], "off": [0, 0]}  # [found wanted, found unwanted]
    changed = []
    for page in dev_corpora.load(shared, "snippets", pages):
        html, url = page.text, page.url
        item = {"with": page.wanted, "without": page.unwanted, "file": page.name}
        found = {}
        for name, extract in (
            ("on", adapter.extract_text),
            ("off", adapter.extract_text_without_leftovers),
        ):
            try:
                text = snippet.collapse(extract(html, url))
            except Exception:
                text = ""
            wanted = sum(snippet.collapse(s) in text for s in item["with"])
            unwanted = sum(snippet.collapse(s) in text for s in item["without"])
            totals[name][0] += wanted
            totals[name][1] += unwanted
            found[name] = (wanted, unwanted)
        if found["on"] != found["off"]:
            changed.append((item["file"], found["off"], found["on"]))
    print(
        f"\nsnippets: wanted found {totals['off'][0]} -> {totals['on'][0]},"
        f" unwanted found {totals['off'][1]} -> {totals['on'][1]}; {len(changed)} pages changed"
    )
    for name, before, after in changed:
        print(f"  {name:50} (wanted, unwanted) {before} -> {after}")


def titles(shared: Path) -> None:
    score = _tool(shared, "extract_score")
    rows = score.load_corpus("mozilla", shared / "corpus" / "mozilla")

    def rate(extract: Callable[[str, str | None], dict[str, str | None]], reader: bool) -> float:
        right = counted = 0
        for page in rows:
            expected = page["meta"].get("title")
            if not expected:
                continue
            if reader:
                expected = READER_TITLES.get(page["name"], expected)
            got = extract(page["html"], page["url"]).get("title")
            counted += 1
            right += score.norm_meta("title", got) == score.norm_meta("title", expected)
        return right / counted

    def without(html: str, url: str | None) -> dict[str, str | None]:
        with adapter.leftovers_off():
            return adapter.extract_metadata(html, url)

    print("\nMozilla titles (normalized match)        without rules  with rules")
    for reader, label in ((False, "Readability.js's expected titles"), (True, "the reader's view")):
        print(
            f"  against {label:32} {rate(without, reader):12.3f} "
            f"{rate(adapter.extract_metadata, reader):11.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("READER_SHARED_DIR") or str(REPO.parent / "shared")
    parser.add_argument("--shared", type=Path, default=Path(default))
    parser.add_argument(
        "--corpus",
        action="append",
        choices=("mozilla", "cleaneval", "dragnet", "snippets", "titles"),
    )
    parser.add_argument("--pages", help="regex: only these pages")
    args = parser.parse_args()
    if not (args.shared / "corpus").is_dir():
        raise SystemExit(f"no corpus under {args.shared} (give --shared)")
    for corpus in args.corpus or ("titles", "mozilla", "cleaneval", "dragnet", "snippets"):
        if corpus == "titles":
            titles(args.shared)
        elif corpus == "snippets":
            snippets(args.shared, args.pages)
        else:
            word_f1(args.shared, corpus, args.pages)


if __name__ == "__main__":
    main()
