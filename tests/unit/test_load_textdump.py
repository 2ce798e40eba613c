"""Plain-text page dumps become the HTML shape extraction expects (INTERFACES.md)."""

from pathlib import Path

import lxml.html
import pytest

from reader.load.files import load_file
from reader.load.textdump import dump_to_html


def parse(text: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(dump_to_html(text))


def texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


def test_seed_shape(seed_path: Path) -> None:
    page = load_file(seed_path, source=str(seed_path), url=None)
    tree = lxml.html.document_fromstring(page.html)
    title = "U.S., Russian diplomats exchange stern words ahead of Biden-Putin summit"
    assert texts(tree, "//title") == [title]
    assert texts(tree, "//article/h1") == [title]
    assert tree.xpath("//meta[@name='date']/@content") == ["2021-05-19"]
    assert texts(tree, "//article/p[@class='byline']") == ["Nahal Toosi"]
    assert texts(tree, "//article/p[@class='reading-time']") == ["2 min read"]
    story = texts(tree, "//article/p[not(@class)]")
    assert len(story) == 11
    assert story[0].startswith("Secretary of State Antony Blinken warned")
    assert story[-1].startswith("Both countries have said they hope")
    assert not any("Oops" in p or "min read" in p for p in story)
    assert texts(tree, "//aside[@class='recommended']/h2") == ["Recommended Stories"]
    items = tree.xpath("//aside[@class='recommended']/ul/li")
    assert len(items) == 20
    first = items[0]
    assert texts(first, "h3") == ["US-Russia showdown looms as top diplomats meet in Iceland"]
    assert texts(first, "p")[0].startswith("Top diplomats from the United States and Russia")
    assert texts(items[4], "h3") == ["Bet $1 on any golfer and get $100 in free bets*"]
    assert texts(items[-1], "h3") == ["Biden to award Medal of Honor to Korean War veteran"]
    assert all(len(item.xpath("h3")) == 1 and len(item.xpath("p")) == 1 for item in items)


def test_bullets_with_continuation_lines_are_one_item() -> None:
    tree = parse("Title\n\n  • Oops!\n    Something went wrong.\n  • Second\n\nBody text.\n")
    assert texts(tree, "//article/ul/li") == ["Oops! Something went wrong.", "Second"]
    assert texts(tree, "//article/p") == ["Body text."]


def test_without_date_line_first_short_line_is_title() -> None:
    tree = parse("A Plain Title\n\nThe first paragraph.\n")
    assert texts(tree, "//title") == ["A Plain Title"]
    assert texts(tree, "//article/h1") == ["A Plain Title"]
    assert not tree.xpath("//meta[@name='date']")


def test_first_line_that_is_a_sentence_is_not_a_title() -> None:
    tree = parse("This is a sentence that ends.\n\nAnother one.\n")
    assert not tree.xpath("//title") and not tree.xpath("//h1")
    assert len(texts(tree, "//article/p")) == 2


def test_wrapped_lines_join_into_one_paragraph() -> None:
    tree = parse("date 2020-01-02 T\n\nThe first line of a\nwrapped paragraph goes on.\n\nNext.\n")
    assert texts(tree, "//article/p") == ["The first line of a wrapped paragraph goes on.", "Next."]
    assert tree.xpath("//meta[@name='date']/@content") == ["2020-01-02"]


@pytest.mark.parametrize(
    ("line", "minutes"),
    [("·2 min read", "2"), ("5 minute read", "5"), ("| 12 mins read", "12"), ("3 min read.", "3")],
)
def test_reading_time_variants(line: str, minutes: str) -> None:
    tree = parse(f"Title\n\n{line}\n\nStory text here.\n")
    assert texts(tree, "//p[@class='reading-time']") == [f"{minutes} min read"]


def test_by_prefix_byline() -> None:
    tree = parse("Title\n\nBy Jane van der Berg and Tom O'Neil\n\nThe story starts here.\n")
    assert texts(tree, "//p[@class='byline']") == ["Jane van der Berg and Tom O'Neil"]


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    story = "\n\n".join(["A long paragraph of words " * 5] * 3)
    tree = parse(f"Title\n\n{story}\n\nBy Contrast Things Differ\n")
    assert not tree.xpath("//p[@class='byline']")


def test_name_needs_the_reading_time_beside_it() -> None:
    tree = parse("Title\n\nNahal Toosi\n\nStory text.\n")
    assert not tree.xpath("//p[@class='byline']")
    tree = parse("Title\n\n4 min read\nNahal Toosi\n\nStory text.\n")
    assert texts(tree, "//p[@class='byline']") == ["Nahal Toosi"]


def test_recommended_without_bullets() -> None:
    text = (
        "Title\n\nStory.\n\nRelated Stories\n\n"
        "First story title\nIts summary, one sentence.\n\n"
        "Second story title\n\nThe summary in its own paragraph.\n\n"
        "Third title alone\n\nFourth title alone\n"
    )
    tree = parse(text)
    items = tree.xpath("//aside[@class='recommended']/ul/li")
    assert [texts(item, "h3")[0] for item in items] == [
        "First story title",
        "Second story title",
        "Third title alone",
        "Fourth title alone",
    ]
    assert texts(items[0], "p") == ["Its summary, one sentence."]
    assert texts(items[1], "p") == ["The summary in its own paragraph."]
    assert texts(items[2], "p") == []


def test_several_recommended_sections() -> None:
    text = "T\n\nStory.\n\nRecommended Stories\n\n  • A\n\n    a.\n\nMore from Politico\n\n  • B\n"
    tree = parse(text)
    assert texts(tree, "//aside/h2") == ["Recommended Stories", "More from Politico"]
    assert texts(tree, "//aside[2]//h3") == ["B"]


def test_markup_in_text_is_escaped() -> None:
    html = dump_to_html('T\n\n<script>alert("x")</script> & more\n')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("text", ["", "\n\n", "x", "•", "  • ", "date 2020-01-01", "\r\n\t"])
def test_degenerate_input(text: str) -> None:
    assert dump_to_html(text).startswith("<!DOCTYPE html>")


def test_crlf_line_endings() -> None:
    tree = parse("date 2021-05-19 T\r\n\r\nPara one.\r\n\r\nPara two.\r\n")
    assert texts(tree, "//article/p") == ["Para one.", "Para two."]
