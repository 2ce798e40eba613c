"""Leftover rules (reader.extract.leftovers) beyond what the pages in tests/pages show."""

import json
from pathlib import Path

import lxml.html
import pytest

from reader.extract import extract
from reader.extract.leftovers import hidden_classes
from reader.extract.leftovers.story import drop_post_meta
from reader.extract.leftovers.titles import own_names, tidy_title, title_from_source
from reader.extract.markdown import to_markdown
from reader.extract.plaintext import to_text
from reader.model import Article, Page

PAGES = Path(__file__).resolve().parent.parent / "pages"


def page_article(slug: str) -> Article:
    folder = PAGES / slug
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    html = (folder / "source.html").read_text("utf-8")
    return extract(Page(source=f"{slug}/source.html", html=html, url=expected.get("page_url")))


@pytest.mark.parametrize(
    ("title", "site", "byline", "url", "expected"),
    [
        ("Mozilla - Wikipedia", None, None, "https://en.wikipedia.org/wiki/Mozilla", "Mozilla"),
        (
            "Whales return | Eleanor Ainge Roy",
            "the Guardian",
            "Eleanor Ainge Roy",
            None,
            "Whales return",
        ),
        (
            "Weekly Edition for March 26, 2015 [LWN.net]",
            None,
            None,
            None,
            "Weekly Edition for March 26, 2015",
        ),
        (
            "Friday Facts #282 - 0.17 in sight | Factorio",
            "Factorio.com",
            None,
            None,
            "Friday Facts #282 - 0.17 in sight",
        ),
        ("A Big Lie - John Welch - Medium", "Medium", "John Welch", None, "A Big Lie"),
        ("BBC News - Storm closes the pier", "BBC News", None, None, "Storm closes the pier"),
        (
            "Kuhn on events - Bradley Kuhn ( bkuhn )",
            None,
            "Bradley Kuhn (http://x.org/)",
            None,
            "Kuhn on events",
        ),
        # Parts that name neither the site nor the author stay.
        (
            "Google - Site Reliability Engineering",
            None,
            None,
            None,
            "Google - Site Reliability Engineering",
        ),
        (
            "Minecraft 1.8 - The Bountiful Update",
            "Minecraft Update News",
            None,
            None,
            "Minecraft 1.8 - The Bountiful Update",
        ),
        # A title that is only the site's name is kept whole.
        (
            "Yahoo News - Latest News",
            "Yahoo News - Latest News",
            None,
            None,
            "Yahoo News - Latest News",
        ),
        ("The Guardian", "The Guardian", None, None, "The Guardian"),
        # Separators inside the story's own words are not split.
        (
            "These Weeks in Firefox: Issue 85 – Firefox Nightly News",
            "Firefox Nightly News",
            None,
            None,
            "These Weeks in Firefox: Issue 85",
        ),
    ],
)
def test_title_without_site_or_author(
    title: str, site: str | None, byline: str | None, url: str | None, expected: str
) -> None:
    assert tidy_title(title, own_names(site, byline, url)) == expected


@pytest.mark.parametrize(
    ("source", "url", "expected"),
    [
        ("/home/kim/Saved/river-notes.html", None, "river-notes"),
        ("notes.txt", None, "notes"),
        ("corpus/page.mhtml", None, "page"),
        ("https://example.org/2024/05/the-tide-tables/", None, "the-tide-tables"),
        ("/tmp/x.html", "https://example.org/", "example.org"),
        ("-", None, "Untitled"),
    ],
)
def test_a_page_without_a_title_is_named_after_its_file(
    source: str, url: str | None, expected: str
) -> None:
    assert title_from_source(source, url) == expected


def test_untitled_page_is_listed_under_its_file_name() -> None:
    html = "<html><body>" + "<p>Words of a note kept without any heading.</p>" * 30
    article = extract(Page(source="/notes/harbour-minutes.html", html=html + "</body></html>"))
    assert article.title == "harbour-minutes"


def test_classes_hidden_by_the_page_css_are_found() -> None:
    root = lxml.html.fromstring(
        "<html><head><style>"
        ".a1{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
        "@media (max-width:600px){.b2,.c3{clip-path:inset(50%)}}"
        ".d4{display:none}.e5{width:1px}.f6 span{clip:rect(0 0 0 0)}"
        "</style></head><body></body></html>"
    )
    found = hidden_classes(root)
    assert {"a1", "b2", "c3", "sr-only", "visually-hidden"} <= found
    assert not {"d4", "e5", "f6"} & found  # display:none is responsive, not screen-reader


def test_a_style_sheet_without_braces_is_read_in_one_pass() -> None:
    """A hostile page's megabyte of CSS with no rules in it: nothing found, no hang."""
    root = lxml.html.fromstring(
        "<html><head><style>" + "a " * 500_000 + "</style></head><body></body></html>"
    )
    assert hidden_classes(root) >= {"sr-only"}


def test_opening_infobox_moves_below_the_first_paragraph() -> None:
    html = page_article("leftover-wiki").content_html
    lead = html.index("Kallin Island is an island in the outer harbour")
    box = html.index("Population")
    history = html.index("History</h2>")
    assert lead < box < history


def test_title_shows_once_in_text_and_markdown() -> None:
    article = page_article("leftover-title-site")
    assert "<h1>Ferry to Kallin Island sails again</h1>" in article.content_html
    assert to_markdown(article).count("Ferry to Kallin Island sails again") == 1
    assert to_text(article).count("Ferry to Kallin Island sails again") == 1


def test_a_title_split_over_heading_and_subheading_shows_once() -> None:
    """Medium: "Open Journalism Project:" over "Better Student Journalism" under the title
    "The Open Journalism Project: Better Student Journalism"."""
    story = (
        "<h2>Ferry to Kallin Island:</h2><h4><em>Sailing Again After Ten Years</em></h4>"
        "<p>The old ferry left the north quay at dawn with forty passengers aboard.</p>"
        "<h2>Ferry to Kallin</h2><h4>A timetable</h4><p>Twice a day in summer.</p>"
    )
    article = Article(
        title="The Ferry to Kallin Island: Sailing Again After Ten Years",
        content_html=story,
        text="",
        source="ferry.html",
    )
    text = to_text(article)
    assert text.count("Sailing Again After Ten Years") == 1
    assert text.startswith("The Ferry to Kallin Island: Sailing Again After Ten Years\n\nThe old")
    assert "Ferry to Kallin\n\nA timetable" in text  # a later heading is no repeat
    markdown = to_markdown(article)
    assert markdown.count("Sailing Again") == 1 and "## Ferry to Kallin\n" in markdown


def test_text_format_reads_like_a_page() -> None:
    article = page_article("leftover-title-heading")
    text = to_text(article)
    first, *rest = text.split("\n\n")
    assert first == "Tide tables: reading the channel"
    assert "The breakwater\n\nNot everyone is convinced." in text
    assert "The winter timetable for the ferry\n\n" in text
    assert " #" not in text and "¶" not in text
    assert all(paragraph.strip() for paragraph in rest)


def test_text_format_keeps_lists_and_code_lines() -> None:
    article = Article(
        source="x.html",
        title="Tide tools",
        content_html=(
            "<div><p>Install it:</p><pre><code>pip install tide<br>tide --help</code></pre>"
            "<ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul><ol start='3'>"
            "<li>three</li></ol><p>Loose <b>bold</b> end.</p></div>"
        ),
        text="",
        byline="Kim Park",
        url="https://s.example/a",
    )
    assert to_text(article) == (
        "Tide tools\nKim Park\nhttps://s.example/a\n\nInstall it:\n\n"
        "pip install tide\ntide --help\n\n• one\n• two\n  • inner\n\n3. three\n\nLoose bold end.\n"
    )


def test_markdown_code_keeps_its_line_breaks_and_headings_lose_permalinks() -> None:
    article = page_article("leftover-title-heading")
    markdown = to_markdown(article)
    assert (
        "## The breakwater\n" in markdown and "## The winter timetable for the ferry\n" in markdown
    )
    assert "[#]" not in markdown and "(#" not in markdown
    code = Article(
        source="x",
        title="t",
        content_html="<pre><code><span>// add.c</span><br>int add(int x);<br><br>x</code></pre>",
        text="",
    )
    assert "```\n// add.c\nint add(int x);\n\nx\n```" in to_markdown(code)


PARAGRAPH = (
    "<p>The ferry left the harbour at dawn with {} passengers, and the crew told them the "
    "crossing would take longer than usual because of the wind from the north.</p>"
)


def paragraphs(first: int, stop: int) -> str:
    """The ferry paragraph for each passenger count from ``first`` up to ``stop``."""
    return "".join(PARAGRAPH.format(count) for count in range(first, stop))


def test_links_that_work_the_page_are_left_out_where_they_stand_alone() -> None:
    """A press release ends in "zurück" (back to the list) and opens with "Print" and
    "Share" links: controls of the page, not its story. The same word inside a sentence
    stays."""
    html = (
        "<html><body><div class='release'>"
        "<div class='tools'><a href='#' id='link-print'>Drucken</a> "
        "<a href='#' id='link-share'>Weiterempfehlen</a></div>"
        + paragraphs(40, 46)
        + "<p>Then the captain turned <a href='/route'>back</a> to the harbour.</p>"
        "<p><a href='javascript:history.back()' class='back'>zurück</a></p>"
        "</div></body></html>"
    )
    article = extract(Page(source="release.html", html=html, url=None))

    assert "Drucken" not in article.text
    assert "Weiterempfehlen" not in article.text
    assert "zurück" not in article.text
    assert "Then the captain turned back to the harbour." in article.text
    assert "with 45 passengers" in article.text


def test_a_page_control_on_a_line_of_its_own_above_the_contents_is_left_out() -> None:
    """A story in two pages: "read on one page" stands between the heading and the list of
    its pages (a line of its own: blocks before and after it); the same words in a
    sentence stay."""
    html = (
        "<html><body><article><div class='body'><aside class='article-toc'><h3>Inhalt</h3>"
        "<a href='/story/all'><span>Auf einer Seite lesen</span></a>"
        "<details><summary>Inhalt</summary><ol><li><div><span>Seite 1</span> — "
        "<span>Im Hafen von Kiel</span></div></li><li><a href='/story/2'>Seite 2 — Auf See</a>"
        "</li></ol></details></aside>"
        + paragraphs(40, 46)
        + "<p>Wer mag, kann alles <a href='/story/all'>auf einer Seite lesen</a>.</p>"
        "</div></article></body></html>"
    )
    article = extract(Page(source="two-pages.html", html=html, url=None))

    assert "Auf einer Seite lesen" not in article.text
    assert "Wer mag, kann alles auf einer Seite lesen." in article.text
    assert "Seite 2 — Auf See" in article.text
    assert "with 45 passengers" in article.text


def test_read_also_lines_leave_the_story_for_the_recommended_stories() -> None:
    """A news story points at other stories between its paragraphs ("Lea también: <a>…</a>",
    "<em>Read more</em>: <a>…</a>" above a subheading): recommendations, not story text, so
    they move to the page's recommended stories. A link under another label, a link that
    names no story ("here") and a link inside a sentence stay."""
    html = (
        "<html><body><article>"
        + paragraphs(40, 43)
        + "<h3>MIRA: <a href='/articulo/viento-50172'>El viento cierra las playas del norte"
        "</a></h3>"
        "<p><strong>Lea también: <a href='/nacionales/1-puerto-cerrado/'>Cierran el puerto"
        " de Corinto por el viento del norte</a></strong></p>"
        + paragraphs(43, 45)
        + "<p><em>Read more</em>: <a href='https://news.example/ferries-a-1'>Ferries on the"
        " northern route lose a third of their passengers</a></p>"
        "<p><strong>A longer crossing</strong></p>"
        + paragraphs(45, 47)
        + "<p>Source: <a href='/data/wind-2021'>Harbour office wind report for March</a></p>"
        "<p>See also: <a href='/timetable'>here</a></p>"
        "<p>The captain <a href='/captain'>wrote about the crossing</a> in his log.</p>"
        "</article></body></html>"
    )
    article = extract(Page(source="ferry.html", html=html, url="https://news.example/ferry"))

    assert "Cierran el puerto" not in article.text and "Lea también" not in article.text
    assert "MIRA" not in article.text and "las playas" not in article.text
    assert "Read more" not in article.text and "lose a third" not in article.text
    assert "A longer crossing" in article.text and "with 46 passengers" in article.text
    assert "Harbour office wind report for March" in article.text
    assert "See also: here" in article.text
    assert "The captain wrote about the crossing in his log." in article.text
    recommended = {story.url: story.title for story in article.recommended}
    assert recommended["https://news.example/articulo/viento-50172"].startswith("El viento")
    assert (
        recommended["https://news.example/nacionales/1-puerto-cerrado/"]
        == "Cierran el puerto de Corinto por el viento del norte"
    )
    assert (
        recommended["https://news.example/ferries-a-1"]
        == "Ferries on the northern route lose a third of their passengers"
    )


def test_a_read_also_label_over_links_one_a_line_moves_them_to_the_recommended_stories() -> None:
    """A blog post ends in "Siehe auch" and its other posts, one link a line inside one
    paragraph: the page's list of stories, so it moves to the recommended stories. A line
    of the story that opens with the same words and goes on in prose stays."""
    html = (
        "<html><body><article>"
        + paragraphs(40, 44)
        + "<p>Siehe auch<br><a href='/2012/ebbe'>Ebbe und Flut</a><br>"
        "<a href='/2013/leuchtturm'>Der Leuchtturm im Nebel</a><br>"
        "<a href='/2014/mole'>Liebe Mole</a></p>"
        + "<p>Siehe auch<br><a href='/karte'>die Karte</a> des Hafens, die am Kai hängt.</p>"
        "</article></body></html>"
    )
    article = extract(Page(source="blog.html", html=html, url="https://blog.example/post"))

    assert "with 43 passengers" in article.text
    assert "Ebbe und Flut" not in article.text and "Liebe Mole" not in article.text
    assert "die am Kai hängt" in article.text
    recommended = {story.url: story.title for story in article.recommended}
    assert recommended["https://blog.example/2013/leuchtturm"] == "Der Leuchtturm im Nebel"
    assert recommended["https://blog.example/2014/mole"] == "Liebe Mole"


def test_a_label_left_introducing_nothing_at_the_end_is_left_out() -> None:
    """The story ends in "Lesen Sie auch die folgenden Beiträge:" whose list of other stories
    was left out: a label introducing nothing. One with text or a picture after it stays."""
    story = paragraphs(40, 44)
    dangling = (
        f"<html><body><article>{story}<p>Die Fähre fährt wieder:</p><p>{PARAGRAPH[3:-4]}</p>"
        "<p><strong>Lesen Sie auch die folgenden Beiträge:</strong></p>"
        "<ul class='related'><li><a href='/a'>A</a></li><li><a href='/b'>B</a></li></ul>"
        "</article></body></html>"
    )
    pictured = (
        f"<html><body><article>{story}<p><strong>Die Karte der Route:</strong></p>"
        "<figure><img src='/karte.png' alt=''></figure></article></body></html>"
    )

    text = extract(Page(source="fähre.html", html=dangling, url=None)).text
    assert "Lesen Sie auch" not in text
    assert "Die Fähre fährt wieder:" in text and "with 43 passengers" in text
    assert "Die Karte der Route:" in extract(Page(source="k.html", html=pictured, url=None)).text


def test_the_outlets_call_to_follow_it_at_the_end_is_left_out() -> None:
    """The story ends in the outlet's own calls ("Follow The Harbour Times on Twitter…",
    "¡Mira lo que tiene nuestro canal de YouTube!"): the site advertising itself. The
    writer's "Follow Dana on Twitter" line is the story's, and so is a call with story text
    after it."""
    story = paragraphs(50, 54)
    address = "https://harbourtimes.example/news/ferry-50"

    def page(*lines: str) -> str:
        closing = "".join(f"<p>{line}</p>" for line in lines)
        return f"<html><body><article>{story}{closing}</article></body></html>"

    outlet = page(
        "Follow The Harbour Times on Twitter and Instagram @HarbourTimes.",
        "¡Mira lo que tiene nuestro canal de YouTube!",
    )
    text = extract(Page(source="promo.html", html=outlet, url=address)).text
    assert "with 53 passengers" in text
    assert "Follow The Harbour Times" not in text and "YouTube" not in text

    writer = page("Follow Dana on Twitter at @dana_ports.")
    assert "Follow Dana" in extract(Page(source="w.html", html=writer, url=address)).text
    before = page("Follow The Harbour Times on Twitter.", PARAGRAPH[3:-4].format(54))
    text = extract(Page(source="b.html", html=before, url=address)).text
    assert "Follow The Harbour Times" in text and "with 54 passengers" in text


def test_a_blogs_posted_in_line_under_the_post_is_left_out() -> None:
    """A blog theme files the post under it ("This entry was posted in Ferries and tagged
    harbour by Kim. Bookmark the permalink."): the blog's filing, not the story. A sentence
    of the story saying "posted" stays."""
    story = paragraphs(60, 64)
    html = (
        f"<html><body><article><div class='entry-content'>{story}<p>This entry was posted "
        "in the harbour log, the captain said, with every crossing of the winter.</p>"
        "<p class='postmetadata'>This entry was posted in <a href='/c/ferries' "
        "rel='category tag'>Ferries</a> and tagged <a href='/t/harbour' rel='tag'>harbour</a> "
        "by <a href='/a/kim'>Kim</a>. Bookmark the <a href='/ferry-60'>permalink</a>.</p>"
        "</div></article></body></html>"
    )
    text = extract(Page(source="blog.html", html=html, url=None)).text
    assert "with 63 passengers" in text and "the captain said" in text
    assert "Bookmark the permalink" not in text and "tagged harbour" not in text


def test_a_blogs_footer_with_the_posted_in_line_and_a_bio_is_left_out_whole() -> None:
    """The theme sets the writer's box in the same footer after the filing line: the line
    is judged alone (the box makes the footer too long for a line), and the footer goes."""
    bio = "Kim has sailed the island ferries for twenty years, and writes about them. " * 5
    story = lxml.html.fragment_fromstring(
        f"<div>{paragraphs(60, 62)}"
        "<footer class='entry-meta'>Dieser Eintrag wurde veröffentlicht in <a href='/c/f' "
        "rel='category tag'>Fähren</a> und verschlagwortet mit <a href='/t/h' rel='tag'>"
        "Hafen</a> von <a href='/a/kim'>Kim</a>. <a href='/ferry-60'>Permanentlink</a>."
        "<div id='author-info'><div id='author-avatar'><img src='kim.jpg'></div>"
        f"<div id='author-description'><h2>Über Kim</h2>{bio}</div></div></footer></div>"
    )
    drop_post_meta(story)
    text = story.text_content()
    assert "with 61 passengers" in text
    assert "Permanentlink" not in text and "twenty years" not in text


def test_the_posts_row_of_tags_is_left_out() -> None:
    """A blog prints the post's tags under it ("Tags: ferries, harbour"), links to its tag
    pages: the post's filing, not its story. A sentence of the story that opens with
    "Keywords:" and links one word in it stays."""
    story = paragraphs(60, 64)
    html = (
        f"<html><body><article><div class='entry-content'>{story}<p>Keywords: the captain "
        "wrote them on the <a href='/board'>board</a> by the gangway before every crossing "
        "of the winter.</p><p class='tags'>Tags: <a href='/tag/ferries' rel='tag'>"
        "ferries</a>, <a href='/tag/harbour' rel='tag'>harbour</a>, <a href="
        "'/tag/winter-timetable' rel='tag'>winter timetable</a></p></div>"
        "</article></body></html>"
    )
    text = extract(Page(source="blog.html", html=html, url=None)).text
    assert "with 63 passengers" in text and "Keywords: the captain wrote" in text
    assert "Tags:" not in text and "winter timetable" not in text


def test_the_count_of_a_thread_of_comments_left_out_goes_with_it() -> None:
    """The thread stays out, so its heading ("0 Kommentare") and its "no comments yet" note
    are the heading of nothing; a story ending on a quote saying "No comment" keeps it."""
    story = paragraphs(60, 62)
    html = (
        f"<html><body><article>{story}<section class='kommentare'><h2>0 Kommentare</h2>"
        "<p>Keine Kommentare (Kommentare erscheinen erst nach Freigabe)</p></section>"
        "</article></body></html>"
    )
    text = extract(Page(source="c.html", html=html, url=None)).text
    assert "with 61 passengers" in text and "Kommentare" not in text
    quote = (
        f"<html><body><article>{story}<p>No comments, said the mayor.</p></article></body></html>"
    )
    assert (
        "No comments, said the mayor." in extract(Page(source="q.html", html=quote, url=None)).text
    )


def test_click_to_enlarge_goes_alone_on_its_line_or_ending_a_caption() -> None:
    """The reading view has no picture viewer: "Click to enlarge" under a figure, or as its
    caption's last sentence, is a control of the page; the caption itself stays."""
    story = paragraphs(60, 62)
    html = (
        f"<html><body><article>{story}<figure><img src='map.png' width='600' height='400'>"
        "<figcaption>The ferry routes of the bay. Zum Vergrößern auf das Bild klicken."
        "</figcaption></figure><p>(Click to enlarge)</p>"
        f"{paragraphs(62, 64)}</article></body></html>"
    )
    text = extract(Page(source="e.html", html=html, url=None)).text
    assert "The ferry routes of the bay." in text and "with 63 passengers" in text
    assert "Vergrößern" not in text and "enlarge" not in text


def test_the_sites_note_that_its_links_earn_it_a_commission_goes() -> None:
    """ "This post may contain affiliate links…" tells the page's business, on every page;
    a story's sentence about commissions of others stays."""
    story = paragraphs(60, 63)
    html = (
        "<html><body><article><p><em>This post may contain affiliate links: if you buy "
        "through them, we may earn a small commission.</em></p>"
        f"{story}<p>The harbour board paid the agents a commission of two percent.</p>"
        "</article></body></html>"
    )
    text = extract(Page(source="a.html", html=html, url=None)).text
    assert "with 62 passengers" in text and "a commission of two percent" in text
    assert "affiliate" not in text
