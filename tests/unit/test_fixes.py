"""A fix made on one page becomes a site rule (reader.service.fixes): it is tried on the
page before it is written, and the rule then fixes another page of the same template
(tests/pages/siterules: two pages of one site) when extracted from the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.extract.explain import Explanation, explain
from reader.load import load
from reader.model import Page
from reader.service.fixes import NoRuleFound, keep_fix, plan_fix, save_fix
from reader.service.site_rules import extract_page, rules_for
from reader.store import Library

PAGES = Path(__file__).resolve().parent.parent / "pages" / "siterules"
SITE = "https://www.harbourcourier.example/news/"
NEWSLETTER = "Get the Courier every morning"
MOST_READ = "Council approves new ferry timetable"
STORY = "Passengers will be able to sail at eleven"


def page(name: str) -> Page:
    return load(str(PAGES / f"{name}.html"), url=SITE + name)


def number_of(explanation: Explanation, start: str) -> int:
    return next(block.number for block in explanation.blocks if block.text.startswith(start))


def region_of(explanation: Explanation, start: str) -> int:
    """The removed part holding the block that starts with ``start``."""
    block = number_of(explanation, start)
    tree = {
        int(e.get("data-reader-block")): e
        for e in explanation.tree.iter()
        if e.get("data-reader-block")
    }
    numbers = {r.number for r in explanation.regions}
    for elem in (tree[block], *tree[block].iterancestors()):
        if int(elem.get("data-reader-block")) in numbers:
            return int(elem.get("data-reader-block"))
    raise AssertionError(f"{start!r} is in no removed part")


def test_removing_a_block_names_its_container_class_and_fixes_the_other_page(data_dir):
    ferry = page("ferry")
    fix = plan_fix(
        ferry, explain(ferry, rules_for), number_of(explain(ferry), NEWSLETTER), "remove"
    )
    assert fix.rule == "strip_id_or_class: newsletter-signup"
    assert fix.path == data_dir / "site-rules" / "harbourcourier.example.txt"
    save_fix(fix)
    for name in ("ferry", "lifeboat"):
        text = extract_page(page(name)).text
        assert NEWSLETTER not in text and "We will never share" not in text, name
    assert STORY in extract_page(ferry).text


def test_restoring_a_list_names_it_in_the_body_and_fixes_the_other_page(data_dir):
    ferry = page("ferry")
    explanation = explain(ferry, rules_for)
    fix = plan_fix(ferry, explanation, region_of(explanation, MOST_READ), "restore")
    assert fix.rule.startswith("body: //article | //aside[@class='most-read']")
    save_fix(fix)
    lifeboat = extract_page(page("lifeboat")).text
    assert "Most read" in lifeboat and "Lifeboat crew rescue stranded walkers" in lifeboat
    assert STORY in extract_page(ferry).text


def test_restoring_what_a_site_rule_removed_takes_that_rule_out(data_dir):
    folder = data_dir / "site-rules"
    folder.mkdir(parents=True)
    (folder / "harbourcourier.example.txt").write_text(
        "# mine\nstrip_id_or_class: newsletter-signup\ntitle: //h1\n", encoding="utf-8"
    )
    ferry = page("ferry")
    explanation = explain(ferry, rules_for)
    fix = plan_fix(ferry, explanation, region_of(explanation, NEWSLETTER), "restore")
    assert fix.rule == "(taken out) strip_id_or_class: newsletter-signup"
    save_fix(fix)
    assert (folder / "harbourcourier.example.txt").read_text() == "# mine\ntitle: //h1\n"
    assert NEWSLETTER in extract_page(page("lifeboat")).text


PLAIN = """<html><head><title>Notes</title></head><body><div id="page"><div>
<p>The first paragraph of the note is long enough to be a story on its own, with words about
the harbour, the tides, the ferries and the people who wait for them on the quay at dawn.</p>
<p>Buy our calendar of the harbour, twelve photographs, one for every month of the year.</p>
<p>The second paragraph goes on about the harbour, the boats, the nets and the gulls that
follow the boats home in the evening, and the lights that come on along the quay.</p>
<p>The third paragraph ends the note with the weather for the weekend, calm and bright, with
a light wind from the west and the tide high at noon on Saturday and on Sunday.</p>
</div></div></body></html>"""


def test_a_block_without_class_or_id_gets_an_xpath_that_works(data_dir):
    note = Page(source="note.html", html=PLAIN, url="https://notes.example/a")
    explanation = explain(note, rules_for)
    fix = plan_fix(note, explanation, number_of(explanation, "Buy our calendar"), "remove")
    assert fix.rule == "strip: //div[@id='page']/div/p[2]"
    after = {block.text[:15]: block.kept for block in fix.after.blocks}
    assert not after["Buy our calenda"] and after["The first parag"] and after["The third parag"]


def test_a_page_without_an_address_cannot_have_a_site_rule(data_dir):
    note = Page(source="note.html", html=PLAIN, url=None)
    explanation = explain(note)
    with pytest.raises(ReaderError, match="no web address"):
        plan_fix(note, explanation, number_of(explanation, "Buy our calendar"), "remove")


def test_restoring_a_kept_block_or_removing_a_removed_one_is_refused(data_dir):
    note = Page(source="note.html", html=PLAIN, url="https://notes.example/a")
    explanation = explain(note)
    story = number_of(explanation, "The first paragraph")
    with pytest.raises(NoRuleFound, match="in the article already"):
        plan_fix(note, explanation, story, "restore")
    ferry = page("ferry")
    explanation = explain(ferry)
    with pytest.raises(NoRuleFound, match="removed already"):
        plan_fix(ferry, explanation, number_of(explanation, "News Sport Weather"), "remove")
    assert not (data_dir / "site-rules").exists()


def test_keeping_a_fix_replaces_the_saved_article_and_counts_the_others(data_dir):
    from reader.extract import extract

    data_dir.mkdir(parents=True, exist_ok=True)
    with Library() as library:
        ferry_id = library.save(extract(page("ferry")), origin=SITE + "ferry")
        library.save(extract(page("lifeboat")), origin=SITE + "lifeboat")
        library.set_starred(ferry_id, True)
        ferry = page("ferry")
        explanation = explain(ferry)
        fix = plan_fix(ferry, explanation, number_of(explanation, NEWSLETTER), "remove")
        assert keep_fix(library, ferry_id, fix) == 1  # the lifeboat page waits for the offer
        saved = library.article(ferry_id)
        assert NEWSLETTER not in saved.article.text and saved.starred


NUMBERED = PLAIN.replace(
    '<div id="page"><div>', '<div id="page"><div id="post-4412" class="entry">'
)


def test_a_name_that_numbers_this_page_is_never_written(data_dir):
    # "post-4412" is on no other page of the site: the rule names the class instead
    note = Page(source="note.html", html=NUMBERED, url="https://notes.example/a")
    explanation = explain(note, rules_for)
    fix = plan_fix(note, explanation, number_of(explanation, "Buy our calendar"), "remove")
    assert fix.rule == "strip: //div[@class='entry']/p[2]"
