"""`reader extract --explain`: each block of a page, kept or dropped, by which stage and
rule, and of which kind; and the recording behind it changes nothing in the article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reader_cli import run_reader

from reader.errors import ReaderError
from reader.extract import extract
from reader.extract.explain import Block, explain
from reader.load import load
from reader.model import Page

PAGES = Path(__file__).resolve().parent.parent / "pages"
FERRY = PAGES / "siterules" / "ferry.html"
STORY = "Passengers will be able to sail at eleven in the evening"
PROMPT = "Sign up to our free morning newsletter"

COMMENTS_PAGE = """<html><head><title>Tide tables</title></head><body>
<nav class="site-menu"><a href="/">Home</a> <a href="/tides">Tides</a></nav>
<article><h1>Why the spring tides are higher this week</h1>
<p>The moon is at perigee on Thursday, which means it is closer to the earth than at any
other time this year, and the pull it exerts on the sea is correspondingly stronger.</p>
<p>Harbour masters have warned owners of small boats to check their moorings, as the tide
will be half a metre above the usual spring level on the morning of the full moon.</p>
<p>The effect lasts for three days either side of the peak and is strongest in the
estuaries, where the narrowing channel funnels the incoming water.</p>
<div class="advertisement">Advertisement</div>
<p>Residents of the lower town are advised to move cars away from the quay on those days.</p>
</article>
<div id="comments" class="comments-area"><h3>3 comments</h3>
<div class="comment"><p>Great piece, thank you for the warning about the quay.</p></div>
<div class="comment"><p>Same thing happened in 2015 and the car park flooded.</p></div></div>
</body></html>"""


def blocks_by_text(page: Page) -> dict[str, Block]:
    return {block.text: block for block in explain(page).blocks}


def find(blocks: dict[str, Block], start: str) -> Block:
    matches = [block for text, block in blocks.items() if text.startswith(start)]
    assert matches, f"no block starting {start!r}"
    return matches[0]


def test_each_block_says_kept_or_dropped_with_stage_rule_and_kind() -> None:
    blocks = blocks_by_text(load(str(FERRY)))
    assert find(blocks, STORY).kept
    prompt: Any = find(blocks, PROMPT)
    assert not prompt.kept
    assert prompt.removal.stage == "5 clean"
    assert "newsletter prompt" in prompt.removal.rule
    menu: Any = find(blocks, "News Sport Weather")
    assert menu.kind == "navigation"
    assert menu.removal.stage == "4 story"
    assert "readability chose" in menu.removal.rule
    assert find(blocks, "Council approves").kind == "recommended list"


def test_comments_and_ads_are_named_as_such() -> None:
    page = Page(source="tides.html", html=COMMENTS_PAGE, url="https://tides.example/a")
    blocks = blocks_by_text(page)
    assert find(blocks, "The moon is at perigee").kept
    assert find(blocks, "Residents of the lower town").kept
    comment: Any = find(blocks, "Great piece")
    assert comment.kind == "comments"
    assert "unlikely candidate" in comment.removal.rule
    advert = find(blocks, "Advertisement")
    assert advert.kind == "ad" and not advert.kept
    assert find(blocks, "Home Tides").kind == "navigation"


def test_site_rules_are_named_with_the_line_that_removed(data_dir: Path) -> None:
    from reader.service.site_rules import rules_for

    folder = data_dir / "site-rules"
    folder.mkdir(parents=True)
    (folder / "harbourcourier.example.txt").write_text(
        "strip_id_or_class: newsletter-signup\n", encoding="utf-8"
    )
    page = load(str(FERRY), url="https://www.harbourcourier.example/news/ferry-returns")
    explanation = explain(page, rules_for)
    prompt = next(b for b in explanation.blocks if b.text.startswith(PROMPT))
    assert prompt.removal is not None
    assert (prompt.removal.stage, prompt.removal.rule) == (
        "site rules",
        "strip_id_or_class: newsletter-signup",
    )


def test_the_command_prints_the_blocks_under_their_verdicts() -> None:
    done = run_reader("extract", "--explain", str(FERRY))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].endswith("Night ferry returns after two winters away")
    assert lines[1].startswith("story chosen by readability; 8 of 17 blocks kept, 9 dropped")
    verdict = lines.index(
        "dropped [boilerplate] by 5 clean: a share or follow bar, or a newsletter prompt"
    )
    assert lines[verdict + 1].split()[0] == "p" and PROMPT in lines[verdict + 1]
    assert "kept" in lines and any(STORY in line for line in lines)


def test_the_command_fails_in_one_line_on_a_missing_file(tmp_path: Path) -> None:
    done = run_reader("extract", "--explain", str(tmp_path / "gone.html"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"reader: {tmp_path / 'gone.html'}: no such file"]


def test_recording_leaves_the_article_exactly_as_without() -> None:
    pages = [p for p in sorted(PAGES.rglob("*.html")) if "exports" not in p.parts]
    assert len(pages) > 10
    for path in pages:
        page = load(str(path))
        try:
            plain = extract(page)
        except ReaderError:  # an error page fixture: explaining fails alike
            with pytest.raises(ReaderError):
                explain(page)
            continue
        explained = explain(page).article
        assert explained == plain, path
        assert explained.content_html == plain.content_html, path
        assert "data-reader-block" not in explained.content_html


def test_a_page_cannot_smuggle_the_recorders_marks_into_the_article() -> None:
    html = COMMENTS_PAGE.replace("<p>The moon", '<p data-reader-block="7">The moon')
    article = extract(Page(source="t.html", html=html, url="https://tides.example/a"))
    assert "data-reader-block" not in article.content_html


def test_corpus_pages_come_out_the_same_with_the_recorder(shared_dir: Path) -> None:
    folders = sorted((shared_dir / "corpus" / "mozilla").iterdir())[::10]
    assert folders
    for folder in folders:
        html = (folder / "source.html").read_bytes().decode("utf-8", "replace")
        page = Page(source="x", html=html, url="http://fakehost/test/page.html")
        assert explain(page).article == extract(page), folder.name
