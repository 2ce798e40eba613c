"""Score recommended-story capture against the hand-made labels (tests/labels/recommended).

Precision and recall over stories (normalized URLs), recall per kind of list and for
sponsored stories, and the two page-level rates the issue asks for: pages with stories
where none is found, pages without stories where some are found. Per corpus too.

    python tests/benchmarks/recommended_labels.py [--split tuning|held-out|...|all]
        [--round 1|2|...|16]
        [--worst N] [--page NAME] [--save FILE] [--compare FILE] [--set NAME=VALUE]

Micro figures (every story counts once) beside macro ones (every page counts once).
The held-out third is scored only as a whole (``--split held-out``), and so are the
held-out third of the pages capture chose (rounds 8 and 9: ``--split held-out-chosen``)
and round 3's fresh check set (``--split fresh``): per-page detail is printed for tuning
pages only, so that nothing is tuned on the pages kept aside.
``--save`` keeps each page's hits and extras; ``--compare`` against such a file prints
every tuning page that lost a story or gained a wrong one (a change that wins on average
must not lose a page somewhere); on the held-out split it prints only how many pages got
worse or better, never which.
"""

from __future__ import annotations

import argparse
import json
import sys
from ast import literal_eval
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "labels" / "recommended"))

import corpus_pages  # noqa: E402
from scoring import Totals, score  # noqa: E402

from reader.extract.recommended import DEFAULTS  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=(*corpus_pages.SPLITS, "all"), default="tuning")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst tuning pages")
    parser.add_argument("--page", action="append", default=[], help="detail for a tuning page")
    rounds = (1, *(round_ for round_, _, _ in corpus_pages.ROUNDS))
    parser.add_argument("--round", type=int, choices=rounds, help="only one labelling round")
    parser.add_argument("--save", type=Path, help="write per-page results (tuning pages)")
    parser.add_argument("--compare", type=Path, help="per-page regressions against a --save")
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="try another threshold"
    )
    args = parser.parse_args()
    settings = replace(
        DEFAULTS, **{k: literal_eval(v) for k, v in (a.split("=", 1) for a in args.set)}
    )
    labels = corpus_pages.load_labels()
    pages = [p for p in corpus_pages.sample() if p.name in labels]
    if args.split != "all":
        pages = [p for p in pages if p.split == args.split]
    if args.round:
        pages = [p for p in pages if p.round == args.round]
    scores = [score(page, labels[page.name], settings) for page in pages]
    overall = Totals(scores)
    for corpus in corpus_pages.SAMPLE_SIZES:
        Totals([s for s in scores if s.name.startswith(corpus + "/")]).report(corpus)
    overall.report(f"ALL ({args.split}{f', round {args.round}' if args.round else ''})")
    if args.save:
        args.save.write_text(json.dumps(_results(scores), indent=0), encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        if args.split == "tuning":
            _compare(before, _results(scores))
        else:
            _count_changes(before, _results(scores))
    if args.split != "tuning":
        return 0
    if args.worst:
        ranked = sorted(
            scores,
            key=lambda s: -(len(s.labelled) - len(s.hits) + len(s.found) - len(s.hits)),
        )
        for s in ranked[: args.worst]:
            missed = len(s.labelled) - len(s.hits)
            extra = len(s.found) - len(s.hits)
            print(f"   {s.name}: missed {missed}/{len(s.labelled)}, extra {extra}/{len(s.found)}")
    for name in args.page:
        s = next(s for s in scores if s.name == name)
        print(f"-- {name}")
        for key, (kind, _) in s.labelled.items():
            if key not in s.found:
                print(f"   - {kind:8} {key[:110]}")
        for key in s.found:
            if key not in s.labelled:
                print(f"   ! extra    {key[:110]}")
    return 0


def _results(scores: list) -> dict[str, dict[str, list[str]]]:
    return {
        s.name: {
            "hits": sorted(s.hits),
            "extra": sorted(set(s.found) - set(s.labelled)),
            # found stories whose sponsored flag disagrees with the label
            "flag": sorted(k for k in s.hits if s.found[k] != s.labelled[k][1]),
        }
        for s in scores
    }


def _changes(then: dict[str, list[str]], now: dict[str, list[str]]) -> tuple[bool, bool]:
    """(worse, better) for one page: a story lost, a wrong one or a wrong flag gained."""
    worse = (
        bool(set(then["hits"]) - set(now["hits"]))
        or bool(set(now["extra"]) - set(then["extra"]))
        or bool(set(now.get("flag", ())) - set(then.get("flag", ())))
    )
    better = (
        bool(set(now["hits"]) - set(then["hits"]))
        or bool(set(then["extra"]) - set(now["extra"]))
        or bool(set(then.get("flag", ())) - set(now.get("flag", ())))
    )
    return worse, better


def _count_changes(before: dict, after: dict) -> None:
    """Held-out pages are guarded blind: only how many got worse or better, never which,
    so that a change that loses a page there is refused without anyone reading the page."""
    pairs = [(before[name], now) for name, now in after.items() if name in before]
    verdicts = [_changes(then, now) for then, now in pairs]
    worse = sum(1 for w, _ in verdicts if w)
    better = sum(1 for _, b in verdicts if b)
    lost = sum(len(set(then["hits"]) - set(now["hits"])) for then, now in pairs)
    wrong = sum(len(set(now["extra"]) - set(then["extra"])) for then, now in pairs)
    emptied = sum(1 for then, now in pairs if then["hits"] and not now["hits"])
    print(
        f"   held-out pages worse: {worse} (stories lost {lost}, new wrong {wrong}, pages "
        f"left with no hit {emptied}), pages better: {better} (names not shown)"
    )


def _compare(before: dict, after: dict) -> None:
    """Every page that lost a labelled story or gained a wrong one, and every page won."""
    lost_pages = won_pages = 0
    for name, now in after.items():
        then = before.get(name)
        if then is None:
            continue
        lost = set(then["hits"]) - set(now["hits"])
        gained = set(now["hits"]) - set(then["hits"])
        wrong = set(now["extra"]) - set(then["extra"])
        dropped = set(then["extra"]) - set(now["extra"])
        misflagged = set(now.get("flag", ())) - set(then.get("flag", ()))
        unflagged = set(then.get("flag", ())) - set(now.get("flag", ()))
        if lost or wrong or misflagged:
            lost_pages += 1
            print(
                f"   REGRESSION {name}: lost {len(lost)}, new wrong {len(wrong)}, "
                f"sponsored flag newly wrong {len(misflagged)}"
            )
            for key in sorted(lost)[:5]:
                print(f"      - {key[:110]}")
            for key in sorted(wrong | misflagged)[:5]:
                print(f"      ! {key[:110]}")
        if gained or dropped or unflagged:
            won_pages += 1
            print(
                f"   better {name}: +{len(gained)} found, -{len(dropped)} wrong, "
                f"{len(unflagged)} sponsored flags put right"
            )
    print(f"   pages worse: {lost_pages}, pages better: {won_pages}")


if __name__ == "__main__":
    raise SystemExit(main())
