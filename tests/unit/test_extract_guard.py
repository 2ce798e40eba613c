"""No collapse: where readability keeps the wrong box, the second opinion finds the story.

The page below is built after a mechanism seen on real blogs (a CMS "jump to" block whose
class and id both say "blog"): readability's class weights make that block win the scoring
over the story, then its own cleaning drops the block as too short, in both of its passes,
and the article came out empty ("no article text found"). trafilatura, asked because the
kept story holds almost none of the page's words, sees the story; the guard takes the part
of the page holding it.
"""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from reader import extract_article
from reader.extract import guard, normalize, opinion

if TYPE_CHECKING:
    from lxml.html import HtmlElement

STORY = (
    "On day {} the old crane was lifted from the quay while the dockers who worked it for "
    "thirty years came to watch it go and told how the winter storms had bent its arm twice "
    "and how the town had paid to mend it every time."
)
MONTHS = "".join(
    f"<option value='/blog/2012/{month:02d}'>Month {month}, 2012</option>" for month in range(1, 13)
)


def _page(paragraphs: int, *, jump_menu: bool = True, comments: str = "") -> str:
    menu = (
        "<div id='block-blog-jumpnav' class='block block-blog'><div class='content'>"
        "<b>JUMP TO: </b><form id='month-changer' action='' method='post'>"
        f"<select name='month-nav'>{MONTHS}</select></form></div></div>"
    )
    story = "".join(f"<p>{STORY.format(day)}</p>" for day in range(paragraphs))
    return (
        "<html><head><title>The crane leaves the quay</title></head><body>"
        f"{menu if jump_menu else ''}"
        "<div class='middle-content'><div id='content'><div class='upper-content'>"
        f"<h2>The crane leaves the quay</h2><div class='content-inner'>{story}</div>"
        f"{comments}</div></div></div></body></html>"
    )


def _guard_keeps(html: str, kept: str) -> HtmlElement:
    """The story the guard chooses when readability kept the element at path ``kept``."""
    root = normalize.parse(html)
    normalize.prune(root)
    element = root.find(kept)
    second = opinion.second_opinion(normalize.parse(html))
    assert second is not None
    return guard.choose_story([element], second, lambda: normalize.parse(html))


@pytest.mark.parametrize("paragraphs", [2, 8])
def test_a_story_outscored_by_a_jump_menu_is_still_shown_whole(paragraphs: int) -> None:
    article = extract_article(_page(paragraphs))

    for day in range(paragraphs):
        assert STORY.format(day) in article.text
    assert "JUMP TO" not in article.text
    assert "Month 3" not in article.text


def test_readers_comments_stay_out_of_the_story_the_second_opinion_found() -> None:
    comments = (
        "<div id='comments' class='comments'><h3>3 comments</h3>"
        "<div class='comment'><p>Sam wrote: I remember climbing that crane as a boy, "
        "my father worked it for years and never once let me touch the levers.</p></div>"
        "<div class='comment'><p>Jo wrote: a sad day for the harbour, they should have "
        "kept it as a monument for the children of the town to see.</p></div></div>"
    )

    article = extract_article(_page(4, comments=comments))

    assert STORY.format(3) in article.text
    assert "I remember climbing" not in article.text
    assert "a sad day for the harbour" not in article.text


def test_the_same_page_without_the_menu_reads_the_same() -> None:
    guarded = extract_article(_page(4)).text
    plain = extract_article(_page(4, jump_menu=False)).text

    assert guarded == plain


def test_the_second_opinion_is_asked_only_when_the_story_is_a_small_part_of_the_page() -> None:
    """It costs about as much as readability: a story holding most of the page's words
    cannot be the wrong box, and the opinion is not asked there."""
    root = normalize.parse(_page(4, jump_menu=False))
    page_words = guard.word_total(root)
    story = root.find(".//div[@class='content-inner']")
    menu = normalize.parse(_page(4)).find(".//div[@id='block-blog-jumpnav']")

    assert not guard.in_doubt([story], page_words)
    assert guard.in_doubt([menu], page_words)
    assert guard.in_doubt([story, menu], page_words)  # readability hesitated


def _story_and_stream(teasers: int) -> str:
    """A short story, then a stream of ``teasers`` other stories with their summaries."""
    items = "".join(
        f"<li><a href='https://quay.example/2024/03/{n:02d}/ferry-timetable-{n}'>"
        f"Ferry timetable number {n} changes for the summer season</a>"
        "<p>Boats leave earlier on weekdays and later on Sundays, the operator said, after a "
        "winter of complaints from the island's commuters and shopkeepers.</p></li>"
        for n in range(1, teasers + 1)
    )
    story = "".join(f"<p>{STORY.format(day)}</p>" for day in range(4))
    return (
        "<html><head><title>The crane leaves the quay</title></head><body><article>"
        f"<h1>The crane leaves the quay</h1>{story}</article><section class='more-stories'>"
        f"<h2>More stories</h2><ul>{items}</ul></section></body></html>"
    )


def test_a_stream_of_teasers_below_a_short_story_asks_no_second_opinion() -> None:
    """The teasers outweigh the story: they are the page's other words, and the story is
    shown without trafilatura's import (~190 ms before it is on screen)."""
    code = (
        "import sys\n"
        "from reader import extract_article\n"
        f"article = extract_article({_story_and_stream(12)!r})\n"
        "print(len(article.recommended), 'on day 3 the old crane' in article.text.lower(),"
        " 'trafilatura' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    assert shown.stdout.split() == ["12", "True", "False"], shown.stderr


def test_a_few_teasers_do_not_excuse_a_story_that_is_a_small_part_of_the_page() -> None:
    root = normalize.parse(_story_and_stream(12))
    normalize.prune(root)
    story = root.find(".//article")
    page_words = guard.word_total(root)
    stories = extract_article(_story_and_stream(12)).recommended
    teasers = guard.teaser_words(root.text_content(), stories)

    assert teasers > guard.word_total(story) and page_words >= guard.PART_FACTOR * guard.word_total(
        story
    )
    assert not guard.in_doubt([story], page_words, teasers)
    assert guard.in_doubt([story], page_words, teasers=guard.word_total(story) - 1)
    assert guard.in_doubt([story], page_words)


def test_a_date_line_kept_instead_of_the_story_yields_to_the_story() -> None:
    """readability kept a scrap (a date line repeating the headline) that the opinion holds
    only partly: neither collapsed (mostly outside the opinion) nor a part (nearly all inside
    it), it is under a tenth of the opinion's story, and the story is taken."""
    html = (
        "<html><body><div class='dateline'>Filed March 3 from the harbour office: "
        "The crane leaves the quay, photographs by the town archive</div>"
        f"{_page(8, jump_menu=False)}</body></html>"
    )
    story = _guard_keeps(html, ".//div[@class='dateline']")

    text = story.text_content()
    assert all(STORY.format(day) in text for day in range(8))
    assert "photographs by the town archive" not in text


def test_the_opinion_holds_the_words_of_a_list_item_with_a_sublist() -> None:
    """trafilatura nests a sublist inside its item: the item's own words count too (they
    were lost, and the opinion of a page of such lists looked too small to overrule)."""
    items = "".join(
        f"<li>Step {step}: the walkers leave the harbour at dawn along the towpath"
        f"<ul><li>bring water for climb number {step}</li></ul></li>"
        for step in range(8)
    )
    html = f"<html><body><div class='story'><ol>{items}</ol></div></body></html>"

    second = opinion.second_opinion(normalize.parse(html))

    assert second is not None
    assert second.words["towpath"] == 8
    assert second.words["climb"] == 8


def test_a_story_inside_unclosed_anchors_is_no_list_of_links() -> None:
    """Old pages open `<a name=...>` before each section and never close it: libxml2 nests
    the rest of the page in the anchor. Only links with an address make a region a menu."""
    sections = "".join(
        f"<h3><a name='part{part}'>Part {part}</h3>"
        + "".join(f"<p>{STORY.format(part * 10 + day)}</p>" for day in range(3))
        for part in range(4)
    )
    html = f"<html><body><a name='top'><div class='story'>{sections}</div></body></html>"
    story = _guard_keeps(html, ".//p")

    text = story.text_content()
    assert all(STORY.format(part * 10 + day) in text for part in range(4) for day in range(3))


def test_a_live_commentary_is_the_story_not_readers_comments() -> None:
    """A live page names its entries "live-comment": when such boxes hold most of the story
    the opinion found, they are the story (readers' comments beside a story never are)."""
    entries = "".join(
        f"<div class='live-comment'><span class='live-comment-time'>{minute}'</span>"
        f"<p class='live-comment-body'>{STORY.format(minute)}</p></div>"
        for minute in range(5, 95, 10)
    )
    html = (
        "<html><body><div class='match'><div class='score'>Harbour FC 1 - 1 Quay United"
        "</div><div id='live-content'><div class='live-comments'>"
        f"{entries}</div></div></div></body></html>"
    )
    story = _guard_keeps(html, ".//div[@class='score']")

    text = story.text_content()
    assert all(STORY.format(minute) in text for minute in range(5, 95, 10))


def _parked_domain_page() -> str:
    """A parked domain's page: spacer tables, a column of topic links, sponsored results
    and a footer of links, all in layout tables. readability's cleaning drops every box."""
    spacer = "<table><tr><td height='3'></td></tr></table>"
    topics = "".join(f"<a href='park.php?rx={i}'>Topic {i}</a><br />{spacer}" for i in range(8))
    ads = "".join(
        f"<table width='400'><tr><td><a class='ad-line1' href='/click?ad={i}'>Garden Tools {i}"
        "</a><br /><span class='ad-line2'>Spades, rakes and hoes for every garden.</span>"
        f"<br /><a class='ad-line3' href='/click?ad={i}'>www.tools{i}.example</a>"
        "</td></tr></table><br />"
        for i in range(8)
    )
    footer = " | ".join(
        f"<a href='http://site{i}.example'>Free Web Hosting {i}</a>" for i in range(8)
    )
    return (
        "<table width='770'><tr><td><form action='/s'><input name='q'></form></td></tr>"
        "<tr><td><a href='/renew'><img src='banner.gif' width='770' height='38'></a></td></tr>"
        "<tr><td><table><tr><td width='30'></td><td><div class='quickLinks'><table><tr>"
        f"<td width='180'><span class='section'>Related Links</span><br />{topics}</td>"
        f"<td><span class='sponsored'>Sponsored Results</span>{ads}</td></tr></table></div>"
        f"</td></tr></table></td></tr><tr><td class='footerLinks'><p>{footer}</p></td></tr>"
        "<tr><td><table><tr><td width='13'><img src='c.gif' width='13' height='8'></td>"
        "<td class='legal'><!-- (c) --></td></tr></table></td></tr></table>"
    )


def test_a_page_where_readability_keeps_nothing_shows_what_the_opinion_found() -> None:
    """No error on a page that holds words: what trafilatura found is shown, marked as no
    article (readerable False), instead of "no article text found"."""
    article = extract_article(_parked_domain_page())

    assert article.word_count > 0
    assert "Free Web Hosting" in article.text
    assert not article.readerable


def test_a_box_of_its_own_kept_instead_of_the_story_yields_to_the_story() -> None:
    """readability kept a donation appeal beside the story (the story's paragraphs are cut
    up by embedded posts); the opinion's story is of similar size and shares almost no
    words with it: two different boxes, and the one holding the story is taken."""
    tweet = (
        "<figure class='wp-block-embed'><blockquote class='twitter-tweet'><p>Watch the crane "
        "go, a video from the quay pic.twitter.com/x{0}</p>Harbour News (@harbour) "
        "<a href='https://twitter.com/harbour/status/{0}'>November 6, 2023</a></blockquote>"
        "</figure>"
    )
    appeal = (
        "If you want to help our independent journalism stay a voice against the mainstream "
        "media, please support us with a donation! Information away from the mainstream is "
        "fought online more than ever. To stay informed quickly, follow us on our channel or "
        "subscribe to our newsletter, and if you can, support us by bank transfer or by card: "
        "every gift counts and keeps us going."
    )
    story = "".join(f"<p>{STORY.format(day)}</p>{tweet.format(day)}" for day in range(3))
    html = (
        "<html><body><div class='column'><div class='post-content'>"
        f"{story}</div><div class='appeal hidden-desktop hidden-phone'><p><em>{appeal}</em>"
        "</p></div></div></body></html>"
    )
    story_box = _guard_keeps(html, ".//div[@class='appeal hidden-desktop hidden-phone']")

    text = story_box.text_content()
    assert all(STORY.format(day) in text for day in range(3))
    assert "donation" not in text


def test_a_blog_post_with_links_in_its_sentences_is_taken_whole() -> None:
    """readability kept one paragraph of a post whose sentences each end in a link to the
    archive (a fifth of the words in links, more than a story without links has): the
    region reads as prose, runs of sentence length, so the whole post is taken."""
    post = "".join(
        f"<p>{STORY.format(day)} See <a href='/photos/{day}'>the photographs of the crane "
        f"on day {day} in the archive</a>.</p>"
        for day in range(8)
    )
    html = (
        "<html><body><div class='header'><a href='/'>Harbour notes</a></div>"
        f"<div class='post'>{post}</div></body></html>"
    )
    story = _guard_keeps(html, ".//p")

    text = story.text_content()
    assert all(STORY.format(day) in text for day in range(8))
    assert guard._link_share(story) > guard.PART_MAX_LINKS  # the rule this page is about
