"""Site rules in the ftr-site-config syntax: the parser on rules files written for this
project, and the rules applied to two pages of one site's template (tests/pages/siterules)
from the data folder's site-rules/HOST.txt, by `reader extract` and `reader reextract`."""

from __future__ import annotations

from pathlib import Path

from reader_cli import run_reader

from reader.extract import extract
from reader.load import load
from reader.service.site_rules import candidate_names, extract_page, rules_for
from reader.siterules import parse_rules
from reader.store import Library

PAGES = Path(__file__).resolve().parent.parent / "pages" / "siterules"
FERRY = PAGES / "ferry.html"
LIFEBOAT = PAGES / "lifeboat.html"
NEWSLETTER = "Get the Courier every morning"

COURIER_RULES = """\
# The Harbour Courier: the newsletter box sits inside the story body.
# Written for Reader's tests, in the ftr-site-config syntax.
body: //div[@class='standfirst'] | //div[@class='article-body']
strip_id_or_class: newsletter-signup
author: //span[@class='author-name']
date: //time/@datetime
tidy: no
test_url: https://www.harbourcourier.example/news/ferry-returns
"""

GAZETTE_RULES = """\
title: //h1[contains(@class, 'entry-title')]
author: //a[@rel='author']
date: //span[@class="posted-on"]/time
body: //div[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]
body: //article
strip: //div[@class='sharedaddy']
strip: //p[contains(., 'Related posts')]
strip_image_src: /pixel.gif
prune: no
find_string: <p>&nbsp;</p>
replace_string:
replace_string(<br><br>): </p><p>
single_page_link: //a[contains(@href, 'view=all')]
next_page_link: //a[@rel='next']
http_header(user-agent): Mozilla/5.0
autodetect_on_failure: yes
test_url: https://gazette.example/2024/05/harbour-walls
test_contains: The harbour walls were built in 1820
"""

BROKEN_RULES = """\
body: //div[@id='main'
strip_id_or_class:
prune: perhaps
replace_string: nothing to find
wrap_in(blockquote): //div[@class='pullquote']
lazy_images: data-src
this line has no colon at all
body: //main
"""


def write_rules(data_dir: Path, host: str, text: str) -> Path:
    folder = data_dir / "site-rules"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{host}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_parser_reads_what_reader_uses_in_file_order() -> None:
    rules = parse_rules(GAZETTE_RULES)
    assert rules.title == ("//h1[contains(@class, 'entry-title')]",)
    assert rules.body[1] == "//article" and len(rules.body) == 2
    assert rules.strip == ("//div[@class='sharedaddy']", "//p[contains(., 'Related posts')]")
    assert rules.strip_image_src == ("/pixel.gif",)
    assert rules.replacements == (("<p>&nbsp;</p>", ""), ("<br><br>", "</p><p>"))
    assert rules.prune is False
    assert rules.single_page_link and rules.next_page_link
    assert [d.name for d in rules.ignored] == [
        "http_header",
        "autodetect_on_failure",
        "test_url",
        "test_contains",
    ]
    assert rules.ignored[0].argument == "user-agent"
    assert rules.unknown == () and rules.problems == ()


def test_parser_keeps_and_reports_what_it_cannot_use_and_never_fails() -> None:
    rules = parse_rules(BROKEN_RULES)
    assert rules.body == ("//main",)  # the bad XPath is dropped, the good one kept
    assert [d.name for d in rules.unknown] == ["lazy_images"]
    assert rules.unknown[0].value == "data-src" and rules.unknown[0].line == 6
    assert [d.name for d in rules.ignored] == ["wrap_in"]
    report = rules.report()
    assert "line 6: unknown directive 'lazy_images' kept" in report
    assert any(line.startswith("line 1: body: bad XPath") for line in report)
    assert "line 2: strip_id_or_class has no value" in report
    assert "line 3: prune wants yes or no, not 'perhaps'" in report
    assert "line 4: replace_string without a find_string" in report
    assert "line 7: not a 'directive: value' line" in report
    assert parse_rules("").empty and parse_rules("# only a comment\n\n").empty


def test_rules_file_names_follow_ftr_site_config() -> None:
    assert candidate_names("www.harbourcourier.example") == [
        "www.harbourcourier.example.txt",
        "harbourcourier.example.txt",
        ".harbourcourier.example.txt",
    ]  # never a wildcard for a whole top-level domain
    assert candidate_names("news.courier.example")[-2:] == [
        ".news.courier.example.txt",
        ".courier.example.txt",
    ]


def test_one_rule_file_fixes_two_pages_of_one_template(data_dir: Path) -> None:
    before = [extract(load(str(page))) for page in (FERRY, LIFEBOAT)]
    assert all(NEWSLETTER in article.text for article in before)  # the fault the rule fixes
    write_rules(data_dir, "harbourcourier.example", COURIER_RULES)
    for page, old in zip((FERRY, LIFEBOAT), before, strict=True):
        article = extract_page(load(str(page)))
        assert NEWSLETTER not in article.text
        assert article.text.splitlines()[0] == old.text.splitlines()[0]  # the standfirst
        assert article.text.splitlines()[-1] == old.text.splitlines()[-1]
        assert "Most read" not in article.text and "All rights reserved" not in article.text
        assert article.byline == old.byline and article.published == old.published


def test_rules_strip_replace_and_keep_the_body_unpruned_when_asked(data_dir: Path) -> None:
    write_rules(
        data_dir,
        ".harbourcourier.example",
        "body: //div[@class='article-body']\nprune: no\n"
        "find_string: the operator confirmed\nreplace_string: the operator CONFIRMED\n"
        "title: //p[@class='meta']/span\n",
    )
    article = extract_page(load(str(FERRY)))
    assert article.title == "Morwenna Tregear"  # the rule's XPath wins over the page's title
    assert "Sign up to our free morning newsletter" in article.text  # prune: no keeps it all
    assert "The overnight crossing" not in article.text  # the standfirst is outside the body
    write_rules(
        data_dir,
        ".harbourcourier.example",
        "body: //div[@class='standfirst']\n"
        "find_string: the operator confirmed\nreplace_string: the operator CONFIRMED\n",
    )
    assert "the operator CONFIRMED on Friday" in extract_page(load(str(FERRY))).text


def test_a_rule_file_full_of_errors_never_costs_the_article(data_dir: Path) -> None:
    write_rules(data_dir, "harbourcourier.example", BROKEN_RULES)
    rules = rules_for("https://www.harbourcourier.example/news/ferry-returns")
    assert rules is not None and rules.body == ("//main",)
    article = extract_page(load(str(FERRY)))
    assert "Passengers will be able to sail" in article.text


def test_extract_command_and_reextract_apply_the_site_rules(data_dir: Path) -> None:
    with Library() as library:
        article_id = library.save(extract_page(load(str(FERRY))))
        assert NEWSLETTER in library.article(article_id).article.text
    write_rules(data_dir, "harbourcourier.example", COURIER_RULES)
    printed = run_reader("extract", "--format", "text", str(LIFEBOAT))
    assert printed.returncode == 0, printed.stderr
    assert "Four walkers were brought" in printed.stdout and NEWSLETTER not in printed.stdout
    done = run_reader("reextract", "--site", "www.harbourcourier.example")
    assert done.returncode == 0, done.stderr
    assert "1 re-extracted" in done.stderr
    with Library() as library:
        assert NEWSLETTER not in library.article(article_id).article.text
