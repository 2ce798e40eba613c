"""Each extraction stage on its own, on markup written for the test."""

import lxml.html
import pytest

from reader.extract import clean, derive, normalize, sanitize, story


def tree(html: str):  # type: ignore[no-untyped-def]
    return normalize.parse(html)


# 1 normalize ------------------------------------------------------------------------


def test_long_whitespace_runs_collapse_but_pre_keeps_them() -> None:
    spaces = " " * 500
    html = f"<p>a{spaces}b\n{spaces}c</p><pre>x{spaces}y</pre>"
    out = normalize.collapse_whitespace(html)
    assert "a b\nc" in out
    assert f"x{spaces}y" in out


def test_short_runs_are_left_alone() -> None:
    assert normalize.collapse_whitespace("<p>a  b\n  c</p>") == "<p>a  b\n  c</p>"


def test_blank_page_is_an_error() -> None:
    from reader.errors import ExtractError

    with pytest.raises(ExtractError, match="empty"):
        normalize.parse("  \n ")


def test_xml_declaration_is_accepted() -> None:
    root = normalize.parse(
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>hi</p></body></html>'
    )
    assert root.text_content().strip() == "hi"


def test_lazy_images_get_their_real_src() -> None:
    root = tree(
        '<body><img src="data:image/gif;base64,R0lGOD" data-src="/real.jpg">'
        '<img data-lazy-src="/lazy.png">'
        '<img srcset="/s.jpg 300w, /l.jpg 1200w, /m.jpg 800w">'
        '<img src="/blank.gif" data-original="/orig.jpg"></body>'
    )
    normalize.fix_images(root)
    assert [img.get("src") for img in root.iter("img")] == [
        "/real.jpg",
        "/lazy.png",
        "/l.jpg",
        "/orig.jpg",
    ]


def test_noscript_image_replaces_its_placeholder() -> None:
    root = tree(
        '<body><p><img class="lazy" src="/placeholder.svg">'
        '<noscript><img src="/photo.jpg" alt="A photo"></noscript></p></body>'
    )
    normalize.fix_images(root)
    assert [img.get("src") for img in root.iter("img")] == ["/photo.jpg"]
    assert not list(root.iter("noscript"))


def test_sortable_table_keeps_its_header_row() -> None:
    """Sortable tables class every header cell "headerSort"; readability drops "header"."""
    from reader.extract import extract
    from reader.model import Page

    rows = "".join(
        f"<tr><td>Film number {i}</td><td>{1950 + i}</td><td>A story that loops again and "
        "again until somebody finally learns what the day was trying to teach.</td></tr>"
        for i in range(12)
    )
    html = (
        "<html><body><article><h1>Films</h1><p>"
        + "Time loops are a favourite device of film makers, and this list has many. " * 4
        + '</p><table class="wikitable sortable"><thead><tr>'
        '<th class="headerSort" title="Sort ascending">Film</th>'
        '<th class="headerSort" title="Sort ascending">Year</th><th>Description</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></article></body></html>"
    )
    article = extract(Page(source="films.html", html=html))
    headers = lxml.html.fromstring(article.content_html).xpath("//th")
    assert [th.text_content().strip() for th in headers] == ["Film", "Year", "Description"]


def test_a_table_keeps_the_header_cells_the_page_classes_as_headers() -> None:
    """Factorio: <td class="header_cell">UX&nbsp;draft</td> ... readability drops "header",
    leaving a grid of ticks without its column titles. A layout table's site header (long,
    with links) is still left out."""
    from reader.extract import extract
    from reader.model import Page

    titles = ("General UX", "UX draft", "UX review", "UI mockup", "Final review")
    head = "".join(f'<td class="header_cell">{t.replace(" ", "&nbsp;")}</td>' for t in titles)
    row = "".join('<td class="finished">done</td>' for _ in titles)
    rows = "".join(f"<tr><td>Screen number {n}</td>{row}</tr>" for n in range(8))
    menu = " ".join(f'<a href="/s{n}">Section {n} of the site</a>' for n in range(8))
    html = (
        f'<html><body><table><tr><td id="header">{menu}</td></tr><tr><td><article>'
        "<h1>GUI progress</h1><p>"
        + "There are several GUI screens that are finished, and others are not yet. "
        * 5
        + f"</p><table><tr><td></td>{head}</tr>{rows}</table></article></td></tr></table>"
        "</body></html>"
    )
    article = extract(Page(source="fff.html", html=html))
    assert all(title in article.text for title in titles)
    assert "Section 3 of the site" not in article.text


def test_prune_drops_scripts_styles_and_comments_but_keeps_tails() -> None:
    root = tree("<body><p>a<script>x()</script>b<!-- c -->d<style>p{}</style>e</p></body>")
    normalize.prune(root)
    assert root.find(".//p").text_content() == "abde"


# 4 story ----------------------------------------------------------------------------


def test_story_picks_the_article_not_the_menu() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i} of the story, long enough, with commas, to score well here.</p>"
        for i in range(8)
    )
    html = (
        '<body><div class="menu"><a href="/">Home</a><a href="/x">Other</a></div>'
        f'<div class="article-body">{paragraphs}</div>'
        '<div class="footer">Copyright</div></body>'
    )
    root = tree(html)
    result = story.main_story(root, lambda: tree(html))[0]
    text = result.text_content()
    assert "Paragraph 7 of the story" in text
    assert "Copyright" not in text and "Home" not in text


def test_block_detection_matches_readability_prefixes() -> None:
    div = lxml.html.fragment_fromstring("<div><span><picture></picture></span></div>")
    assert story._has_block_descendant(div, include_self=False)  # "p" prefix, as readability
    div = lxml.html.fragment_fromstring("<div><span><b>x</b></span></div>")
    assert not story._has_block_descendant(div, include_self=False)


# 5 clean ----------------------------------------------------------------------------


def cleaned(html: str, title: str | None = None, byline: str | None = None) -> str:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    clean.clean_story(root, title=title, byline=byline)
    return lxml.html.tostring(root, encoding="unicode")


def test_widget_error_boxes_go() -> None:
    out = cleaned(
        "<ul><li>Oops! Something went wrong. Please try again later.</li></ul>"
        "<div><p>Oops!</p><p>Something went wrong.</p></div>"
        "<p>The real story sentence stays here.</p>"
    )
    assert "Oops" not in out and "went wrong" not in out
    assert "<ul>" not in out  # the list emptied of its boxes goes too
    assert "real story" in out


@pytest.mark.parametrize(
    "badge", ["2 min read", "·5 min read", "Reading time: 3 minutes", "10 mins read"]
)
def test_reading_time_badges_go(badge: str) -> None:
    assert "min" not in cleaned(f"<p>{badge}</p><p>Story text that stays.</p>")


def test_share_bar_newsletter_and_related_blocks_go() -> None:
    out = cleaned(
        '<div class="share-buttons"><a href="#">Facebook</a><a href="#">Twitter</a></div>'
        "<p>Story text that stays in place.</p>"
        "<p>Sign up for our newsletter to get the best stories.</p>"
        '<div class="related-posts"><a href="/x">Another story</a></div>'
    )
    assert "Facebook" not in out and "newsletter" not in out and "Another story" not in out
    assert "Story text that stays" in out


def test_newsletter_link_inside_a_sentence_stays() -> None:
    out = cleaned('<p>More at <a href="/n">Get our daily email in your inbox</a> today.</p>')
    assert "daily email" in out


def test_repeated_title_and_byline_at_the_top_go() -> None:
    out = cleaned(
        "<h1>The Title Here</h1><p>By Jo Smith</p><p>Body text of the article.</p>",
        title="The Title Here",
        byline="Jo Smith",
    )
    assert "The Title Here" not in out and "Jo Smith" not in out
    assert "Body text" in out


def test_tracking_pixels_go_real_images_stay() -> None:
    out = cleaned(
        '<p>Text.<img src="https://www.google-analytics.com/collect?x=1">'
        '<img src="/one.gif" width="1" height="1"><img src="/photo.jpg" width="640"></p>'
    )
    assert "analytics" not in out and "one.gif" not in out
    assert "photo.jpg" in out


def test_figures_quotes_lists_tables_code_stay() -> None:
    html = (
        '<figure><img src="/a.jpg"><figcaption>Cap</figcaption></figure>'
        "<blockquote>Q</blockquote><ul><li>L</li></ul>"
        "<table><tr><td>T</td></tr></table><pre><code>C</code></pre>"
    )
    out = cleaned(html)
    for snippet in (
        "<figure>",
        "<figcaption>Cap",
        "<blockquote>Q",
        "<li>L",
        "<td>T",
        "<pre><code>C",
    ):
        assert snippet in out


def test_empty_elements_go_but_words_stay_apart() -> None:
    out = cleaned("<p>one<span> </span>two</p><div><p></p></div><p>three</p>")
    assert "one two" in out.replace("  ", " ")
    assert "<div>" not in out.replace("<div>", "", 1)


# 6 sanitize -------------------------------------------------------------------------


def sanitized(html: str, base: str | None = "https://site.example/a/page.html") -> str:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    sanitize.sanitize(root, base)
    return lxml.html.tostring(root, encoding="unicode")


def test_active_content_is_removed() -> None:
    out = sanitized(
        '<p onclick="x()" style="color:red">Hi <a href="javascript:alert(1)">js</a>'
        '<a href=" JaVa&#09;Script:alert(1)">js2</a><a href="vbscript:x">vb</a></p>'
        "<script>bad()</script><iframe src='/f'></iframe><object data='/o'></object>"
        "<embed src='/e'><form><input name='q'><button>go</button></form><style>p{}</style>"
        "<svg><script>bad()</script></svg>"
    )
    for bad in (
        "onclick",
        "style",
        "javascript",
        "vbscript",
        "<script",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<button",
        "<svg",
        "bad()",
    ):
        assert bad not in out.lower()
    assert "Hi" in out and "js2" in out


def test_urls_become_absolute_and_data_only_for_images() -> None:
    out = sanitized(
        '<p><a href="../b.html">b</a><a href="#top">top</a><img src="img/x.png">'
        '<img src="data:image/png;base64,iVBOR"><a href="data:text/html,<b>x</b>">d</a>'
        '<a href="mailto:me@site.example">m</a></p>'
    )
    assert 'href="https://site.example/b.html"' in out
    assert 'href="#top"' in out
    assert 'src="https://site.example/a/img/x.png"' in out
    assert 'src="data:image/png;base64,iVBOR"' in out
    assert "data:text/html" not in out
    assert 'href="mailto:me@site.example"' in out


def test_layout_tags_unwrap_and_figures_stay() -> None:
    out = sanitized(
        '<section><font color="red">x</font><figure><img src="/a.jpg" srcset="/b.jpg 2x">'
        "<figcaption>c</figcaption></figure></section>"
    )
    assert "<font" not in out and "x" in out and "<section" not in out
    assert "<figure>" in out and "<figcaption>c</figcaption>" in out and "srcset" not in out


def test_link_base_prefers_base_href_resolved_against_page_url() -> None:
    assert sanitize.link_base("/b/", "https://s.example/a/p.html", None) == "https://s.example/b/"
    assert (
        sanitize.link_base(None, "https://s.example/p", "https://c.example/")
        == "https://s.example/p"
    )
    assert sanitize.link_base(None, None, "https://c.example/x") == "https://c.example/x"
    assert sanitize.link_base("rel/", None, None) is None


def test_relative_urls_stay_relative_without_a_base() -> None:
    out = sanitized('<p><img src="page_files/a.png"><a href="x:y">bad</a></p>', base=None)
    assert 'src="page_files/a.png"' in out
    assert "x:y" not in out


# 7 derive ---------------------------------------------------------------------------


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (100, 1), (345, 2), (460, 2), (2300, 10)])
def test_reading_minutes(words: int, minutes: int) -> None:
    assert derive.reading_minutes(words) == minutes


def test_text_has_one_line_per_block_and_keeps_pre() -> None:
    root = lxml.html.fragment_fromstring(
        "<div><p>One <b>two</b></p><p>three</p><pre>a\n  b</pre><ul><li>x</li><li>y</li></ul></div>"
    )
    assert derive.story_text(root) == "One two\nthree\na\n  b\nx\ny"


def test_text_spells_each_letter_one_way() -> None:
    # a page written with combining marks (e + U+0301; Bengali ya + nukta) reads as NFC
    root = lxml.html.fromstring("<div><p>Cafe\u0301 \u09df \u09af\u09bc</p></div>")
    assert derive.story_text(root) == "Caf\u00e9 \u09af\u09bc \u09af\u09bc"


def test_word_count_counts_cjk_characters() -> None:
    assert derive.word_count("hello world") == 2
    assert derive.word_count("日本語") == 3


def test_excerpt_is_cut_at_a_word() -> None:
    text = "word " * 200
    short = derive.shorten(text)
    assert len(short) <= derive.EXCERPT_MAX_CHARS + 1 and short.endswith("…")


def test_scrap_story_falls_back_to_main() -> None:
    teasers = "".join(
        f'<div class="card"><a href="/s/{i}">Headline number {i}</a>'
        f"<span>Short dek {i}</span></div>"
        for i in range(40)
    )
    html = f"<body><main>{teasers}</main><footer><p>About us and contact.</p></footer></body>"
    result = story.main_story(tree(html), lambda: tree(html))[0]
    assert "Headline number 39" in result.text_content()


def test_short_real_story_is_kept_over_a_busy_main() -> None:
    brief = (
        "<p>The council voted on Tuesday to extend the night bus service to the northern "
        "villages, after a petition signed by more than two thousand residents, and the first "
        "buses will run in March.</p>"
    )
    related = "".join(
        f'<li><a href="/r/{i}">Related story number {i} here</a></li>' for i in range(60)
    )
    html = f'<body><main><article>{brief}</article><ul class="more">{related}</ul></main></body>'
    result = story.main_story(tree(html), lambda: tree(html))[0]
    text = result.text_content()
    assert "night bus service" in text
    assert "Related story number 59" not in text
