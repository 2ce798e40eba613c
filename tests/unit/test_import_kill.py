"""kill -9 during `reader import`, many times: the file stays sound and every article the
importer reported as committed is there."""

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
KILLS = 10  # about 1.5 s each
PAGES = 150


def write_pages(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    words = [
        "tide",
        "harbour",
        "lantern",
        "orchard",
        "meadow",
        "quarry",
        "valley",
        "glacier",
        "canyon",
        "prairie",
    ]
    for n in range(count):
        topic = words[n % len(words)]
        body = "".join(
            f"<p>Paragraph {k} of story {n}: the {topic} was quiet, people walked along it "
            f"and talked about the weather, the {topic} and the long winter ahead.</p>"
            for k in range(40)
        )
        (folder / f"story{n:03d}.html").write_text(
            f"<html><head><title>Story {n} about the {topic}</title>"
            f'<link rel="canonical" href="https://kill.example/{n}"></head><body>'
            f"<article><h1>Story {n} about the {topic}</h1>{body}</article>"
            f'<aside class="related"><h2>Related</h2><ul><li>'
            f'<a href="https://kill.example/r{n % 7}">'
            f"Related {n % 7} on the {topic}</a></li></ul></aside></body></html>",
            encoding="utf-8",
        )


def run_import(folder: Path, data: Path, kill_after_lines: int | None, delay: float) -> list[str]:
    """Run `reader import`; kill -9 its whole process group after N reported lines."""
    env = {**os.environ, "READER_DATA_DIR": str(data), "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "import", str(folder), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,  # the group holds the pool's workers too
        text=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    if kill_after_lines is not None:
        while len(lines) < kill_after_lines:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    out, _ = process.communicate(timeout=120)
    lines += out.splitlines(keepends=True)
    # A line cut by the kill has no newline: that article was committed, but not reported.
    return [line.rstrip("\n") for line in lines if line.endswith("\n")]


@pytest.mark.slow
def test_kill_during_import_loses_no_committed_article(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    write_pages(folder, PAGES)
    data = tmp_path / "data"
    rng = random.Random(5)
    reported: dict[str, int] = {}
    totals: list[int] = []
    for _ in range(KILLS):
        # Kill somewhere in the work still left (unchanged files report first).
        present = totals[-1] if totals else 0
        kill_at = present + rng.randint(1, max(1, (PAGES - present) // 4))
        lines = run_import(folder, data, kill_at, rng.uniform(0, 0.05))
        for line in lines:
            status, article_id, source = line.split("\t")
            if status in ("added", "updated"):
                reported[source] = int(article_id)
        totals.append(check(data / "library.sqlite3", reported))
    assert sum(total < PAGES for total in totals) >= KILLS // 2, f"kills came too late: {totals}"
    run_import(folder, data, None, 0)  # and a full run completes the set
    total = check(data / "library.sqlite3", reported)
    assert total == PAGES
    assert reported, "no article was committed before the kills: raise the delays"


def check(path: Path, reported: dict[str, int]) -> int:
    if not path.exists():
        return 0
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        present = {row[0]: row[1] for row in conn.execute("SELECT id, origin FROM articles")}
        for source, article_id in reported.items():
            assert article_id in present, f"{source} was reported committed but is missing"
            assert present[article_id] == str(Path(source).resolve())
        return len(present)
    finally:
        conn.close()
