"""Stage 4-5 rules added on top of readability-lxml, each on markup written for the test.

The story must gather all its parts (an intro block outside the biggest text block, the
sections of a long post, the prose around a data table, a post written as lists, short
code blocks, headings with permalinks) and clean must drop author boxes and copyright
lines while keeping photo credits.
"""

import lxml.html

from reader.extract import clean, extract, normalize, story
from reader.model import Page


def pick(html: str) -> str:
    def fresh():  # type: ignore[no-untyped-def]
        root = normalize.parse(html)
        normalize.prune(root)
        return root

    return " ".join(story.main_story(fresh(), fresh)[0].text_content().split())


def sentences(word: str, count: int, start: int = 0) -> str:
    return "".join(
        f"<p>{word} paragraph {i}, which is long enough, with commas, to count as real text "
        f"for the scorer of the page.</p>"
        for i in range(start, start + count)
    )


def test_intro_and_first_paragraph_outside_the_best_block_are_kept() -> None:
    # A story split into an intro box, a loose paragraph and a bigger "read more" box:
    # the element holding all three scores higher than the box's own parent.
    html = (
        '<body><div class="page"><div class="story-body">'
        '<div class="story-intro"><p><strong>The intro sentence of the story, which sets the '
        "scene for everything that follows, and it is long.</strong></p></div>"
        "<p>The first paragraph, outside any box, still part of the story, with a comma.</p>"
        f'<div id="read-more"><div id="read-more-content">{sentences("Boxed", 6)}</div></div>'
        '</div><div class="sidebar"><a href="/x">Other</a></div></div></body>'
    )
    text = pick(html)
    assert "The intro sentence of the story" in text
    assert "The first paragraph, outside any box" in text
    assert "Boxed paragraph 5" in text


def test_sections_of_one_post_are_gathered_with_the_figures_between_them() -> None:
    # Comparable sections under one wrapper: the wrapper is the story, so the pictures
    # and captions between the sections come too (not only the sections themselves).
    sections = "".join(
        f'<div class="chunk"><div class="inner">{sentences(f"Section{n}", 4)}</div></div>'
        f'<div class="figure"><img src="/{n}.jpg" width="600" height="400">'
        f"<span>Caption {n}</span></div>"
        for n in range(4)
    )
    html = f'<body><div id="wrap"><div class="col">{sections}</div></div></body>'
    text = pick(html)
    for n in range(4):
        assert f"Section{n} paragraph 3" in text
    assert "Caption 1" in text and "Caption 2" in text


def test_a_data_table_brings_its_intro_and_notes() -> None:
    rows = "".join(
        f"<tr><td>Film {i}</td><td>{1990 + i}</td><td>A character relives the same day, "
        f"again and again, until something changes, number {i}.</td></tr>"
        for i in range(30)
    )
    html = (
        '<body><div class="wrap">'
        "<p>This list gathers films in which the characters repeat the same period of time, "
        "with the year of release and a short summary of each.</p>"
        f"<table><tbody>{rows}</tbody></table>"
        "<p>Several of these films were adapted from short stories published decades before.</p>"
        '</div><div class="nav"><a href="/">Home</a></div></body>'
    )
    text = pick(html)
    assert "This list gathers films" in text
    assert "Film 29" in text
    assert "adapted from short stories" in text


def test_a_post_written_as_lists_beats_a_newsletter_form() -> None:
    items = "".join(
        f"<li>Someone fixed bug {i} so that the toolbar no longer flickers when the window "
        f'opens, see <a href="/b/{i}">bug {i}</a></li>'
        for i in range(10)
    )
    form = (
        '<aside class="newsletter"><form><div class="form-contents">'
        + sentences("Newsletter", 5)
        + "</div></form></aside>"
    )
    html = (
        f'<body><div id="page"><div class="entry-content"><h2>Highlights</h2><ul>{items}</ul>'
        f"<h2>Performance</h2><ul>{items}</ul></div>{form}</div></body>"
    )
    text = pick(html)
    assert "Someone fixed bug 9" in text
    assert "Newsletter paragraph" not in text


def test_short_code_blocks_and_permalinked_headings_stay() -> None:
    html = (
        '<body><div class="document"><div class="body">'
        '<h2><a href="#setup">Setting up</a><a class="headerlink" href="#setup">¶</a></h2>'
        + sentences("Docs", 3)
        + '<div class="highlight"><pre>$ tool init</pre></div>'
        + sentences("More", 3)
        + "</div></div></body>"
    )
    text = pick(html)
    assert "Setting up" in text
    assert "$ tool init" in text


def cleaned(html: str) -> str:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    clean.clean_story(root, title=None, byline=None)
    return lxml.html.tostring(root, encoding="unicode")


def test_author_box_and_copyright_line_go_photo_credit_stays() -> None:
    story_text = sentences("Story", 6)
    html = (
        f"{story_text}"
        '<figure><img src="/a.jpg"><figcaption>A heron. © Provided by Wildlife Agency'
        "</figcaption></figure>"
        '<div class="author-bio"><p>Dana covers transport for the paper. She joined in '
        '2019.</p><a href="https://x.example/dana">Follow Dana</a></div>'
        "<p>© Example Gazette 2021. All rights reserved.</p>"
        "<p>Copyright law was changed in 2019, and the story explains what it means for "
        "readers who publish photographs online.</p>"
    )
    out = cleaned(html)
    assert "Story paragraph 5" in out
    assert "© Provided by Wildlife Agency" in out
    assert "Dana covers transport" not in out and "Follow Dana" not in out
    assert "All rights reserved" not in out
    assert "Copyright law was changed" in out


def test_segments_outside_the_common_wrapper_are_not_lost() -> None:
    # The first text segment sits apart from the others (a hero block): widening to the
    # wrapper of the later segments would drop it, so readability's own segment merge
    # (same class, whole <article>) is left to gather them all.
    def segment(word: str, count: int) -> str:
        return f'<div class="cell"><div class="article-text">{sentences(word, count)}</div></div>'

    rest = "".join(f'<div class="block">{segment(f"Later{n}", 4)}</div>' for n in range(4))
    html = (
        f'<body><article><div class="hero">{segment("Opening", 2)}</div>'
        f'<div class="rest">{rest}</div></article></body>'
    )
    text = pick(html)
    assert "Opening paragraph 1" in text
    assert "Later3 paragraph 3" in text


def test_like_sections_inside_main_are_one_story_and_the_boxes_between_stay_out() -> None:
    # An interview written as one "textblock" section per part straight inside <main>, a
    # pull quote and an info box between them: readability kept only the longest part.
    def part(word: str, count: int) -> str:
        inner = f'<div class="col">{sentences(word, count)}</div>'
        return f'<section class="textblock container">{inner}</section>'

    html = (
        f"<body><nav><a href='/'>Home</a></nav><main>{part('Opening', 2)}"
        '<section class="quote">A pull quote that repeats a line of the story.</section>'
        f"{part('Middle', 8)}"
        '<section class="info-box"><p>About the author, a short note with a comma, long enough '
        "to count as text for the scorer of the page.</p></section>"
        f"{part('Closing', 3)}</main></body>"
    )
    text = pick(html)
    assert "Opening paragraph 1" in text
    assert "Middle paragraph 7" in text
    assert "Closing paragraph 2" in text
    assert "pull quote" not in text and "About the author" not in text


def test_like_sections_of_links_are_not_gathered_into_the_story() -> None:
    # The same make holding a list of other stories is the page's teasers, not a part.
    teasers = "".join(
        f'<p><a href="/story-{n}">Another story of the site, number {n}, with a long title</a></p>'
        for n in range(6)
    )
    html = (
        f'<body><main><section class="block">{sentences("Story", 8)}</section>'
        f'<section class="block">{teasers}</section></main></body>'
    )
    text = pick(html)
    assert "Story paragraph 7" in text
    assert "Another story of the site" not in text


def test_embedded_post_quotes_and_linked_subheadings_stay() -> None:
    html = (
        '<body><div class="article-body">'
        + sentences("Review", 3)
        + '<blockquote class="twitter-tweet"><p>Drinking game for developers: think of a noun '
        'and search for it</p>— Someone (@someone) <a href="https://x.example/1">May 1</a>'
        "</blockquote>"
        + sentences("Middle", 3)
        + '<h3><a href="https://shop.example/game">"Night Drive" ($20)</a></h3>'
        + sentences("Games", 3)
        + "</div></body>"
    )
    text = pick(html)
    assert "Drinking game for developers" in text
    assert '"Night Drive" ($20)' in text
    assert "Games paragraph 2" in text


def test_labelled_link_lists_go_without_a_telling_class() -> None:
    body = sentences("Story", 4)
    links = '<li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li>'
    html = (
        f"{body}<h3>Related stories</h3><ul>{links}</ul>"
        f"<div><h2>Most read</h2><ol>{links}</ol></div>"
        '<p><strong>Read more:</strong> <a href="/c">One cross-reference stays</a></p>'
        '<h2>More about the method</h2><p>The method is described with a <a href="/x">link</a>'
        " inside a real sentence, which is part of the story.</p>"
    )
    out = cleaned(html)
    assert "Story paragraph 3" in out
    assert "Related stories" not in out and "Most read" not in out
    assert "Other story" not in out
    assert "One cross-reference stays" in out
    assert "More about the method" in out and "inside a real sentence" in out


def test_a_lead_paragraph_classed_as_the_lead_comes_with_the_story() -> None:
    # A news page names its opening paragraph "a-lead" and sets it in the page's header,
    # apart from the body box readability picks; a header block holding the headline is
    # not a lead, and neither is a short kicker.
    html = (
        '<body><main><div class="l-head"><div class="intro"><h1>Ferry crossing doubled</h1>'
        "<p>The short kicker</p></div>"
        '<p class="a-lead">The crossing to the islands now takes twice as long, the harbour '
        "office said on Monday, because the wind keeps the ferries in port.</p></div>"
        f'<div class="l-sidebar"><a href="/a">Other</a></div>'
        f'<div class="l-body"><div class="pagetext">{sentences("Body", 6)}</div></div>'
        "</main></body>"
    )
    text = pick(html)
    assert text.startswith("The crossing to the islands now takes twice as long")
    assert "Body paragraph 5" in text
    assert "Ferry crossing doubled" not in text


def test_a_summary_or_dek_classed_so_comes_with_the_story_a_rating_summary_does_not() -> None:
    # The opening sentences named "field--summary" (or a "dek", a "standfirst") above the
    # body box; a box of star ratings named "rating-summary" is no lead.
    def page(lead_class: str) -> str:
        return (
            '<body><main><div class="l-head"><h1>Ten tips</h1>'
            f'<div class="{lead_class}">Every morning a long routine is too much for you? Do '
            "not worry, these ten tips take a minute each, the editors say.</div></div>"
            '<div class="l-sidebar"><a href="/a">Other</a></div>'
            f'<div class="l-body"><div class="pagetext">{sentences("Body", 6)}</div></div>'
            "</main></body>"
        )

    leads = ("field--summary field--summary--article", "Article__dek", "standfirst", "subheadline")
    for lead_class in leads:
        text = pick(page(lead_class))
        assert text.startswith("Every morning a long routine is too much for you?"), lead_class
        assert "Body paragraph 5" in text
    assert "Every morning" not in pick(page("ekomi-rating-summary"))


def test_a_sentence_long_subheading_under_the_headline_is_the_dek_and_comes_with_it() -> None:
    # An unclassed <h2> right under the <h1> holding a sentence is the story's dek; a short
    # one is a kicker, and a long <h2> further down is a section's heading, not a lead.
    def page(subheading: str) -> str:
        return (
            f"<body><article><header><h1>Rents frozen</h1><h2>{subheading}</h2></header>"
            '<div class="l-sidebar"><a href="/a">Other</a></div>'
            f'<div class="l-body"><div class="pagetext">{sentences("Body", 6)}</div></div>'
            "</article></body>"
        )

    dek = "In the United States activists call for a rent freeze in the crisis and warn landlords"
    text = pick(page(dek))
    assert text.startswith(dek) and "Body paragraph 5" in text
    assert "Rents frozen" not in text
    assert "Rents in the city" not in pick(page("Rents in the city"))


def test_a_lead_below_the_headline_comes_with_the_story_on_a_page_with_no_article_frame() -> None:
    # No <article> or <main>: the block holding the headline and the story frames it, and
    # the lead-classed paragraph between them is the story's opening; a lead-classed
    # teaser above the headline (the site's header) is not.
    html = (
        '<body><div class="top"><p class="promo-intro">Our new podcast is out now, with '
        "twelve episodes about the coast, its people and its weather, free to stream.</p></div>"
        '<div class="col"><div class="head"><h1>Ferry crossing doubled</h1>'
        '<p class="intro">The crossing to the islands now takes twice as long, the harbour '
        "office said on Monday, because the wind keeps the ferries in port.</p></div>"
        '<div class="share"><a href="/s">Share</a></div>'
        f'<div class="body"><div class="text">{sentences("Body", 6)}</div></div></div></body>'
    )
    text = pick(html)
    assert text.startswith("The crossing to the islands now takes twice as long")
    assert "Body paragraph 5" in text
    assert "podcast" not in text


def test_the_paragraph_saying_the_pages_description_is_the_lead_inside_its_article() -> None:
    # An unclassed paragraph under the headline, in the <article>, says what the page's
    # meta description says (cut short there): the story's opening sentences. Another
    # sentence-long paragraph there, a teaser for the newsletter, is no lead.
    lead = (
        "The crossing to the islands now takes twice as long, the harbour office said on "
        "Monday, because the wind keeps the ferries in port for hours."
    )
    html = (
        f'<html><head><meta name="description" content="{lead[:120]}..."></head><body>'
        f"<article><header><h1>Ferry crossing doubled</h1><p>{lead}</p>"
        "<p>Get our newsletter every morning, with the tides, the weather and the ferry "
        "times for the whole week ahead.</p></header>"
        '<div class="share"><a href="/s">Share</a></div>'
        f'<div class="body"><div class="text">{sentences("Body", 6)}</div></div>'
        "</article></body></html>"
    )
    text = extract(Page(source="ferry.html", html=html, url=None)).text
    assert text.startswith(lead) and "Body paragraph 5" in text
    assert "newsletter" not in text
    # A story that opens with the description itself does not say it twice.
    html = html.replace('<div class="text">', f'<div class="text"><p>{lead}</p>')
    text = extract(Page(source="ferry.html", html=html, url=None)).text
    assert text.count("The crossing to the islands") == 1 and "Body paragraph 5" in text


REVIEW = (
    "<p>The inn stands behind a high stone wall at the end of the harbour lane, and its "
    "rooms look over the water on one side and the old town on the other. Breakfast is "
    "served in the library until ten, and tea follows it there all afternoon.</p>"
)


def tabbed_page(visible_sentences: int) -> str:
    """An inn's page: its name, some visible sentences, and the review in a tab hidden
    until a click (display: none)."""
    visible = "A visible sentence about the inn goes on here. " * visible_sentences
    return (
        "<body><table><tr><td><form><select><option>1</option></select></form></td><td><table>"
        f"<tr><td><p class='title'>Harbour Inn: a quiet house by the water</p><p>{visible}</p>"
        "</td></tr><tr><td><div class='tab'><a href='#review'>Read our review</a></div>"
        f"<div class='tab' style='display: none'>{REVIEW * 4}</div>"
        "</td></tr></table></td></tr></table></body>"
    )


def test_a_story_behind_a_tab_is_read_when_only_a_scrap_shows() -> None:
    assert "high stone wall" in pick(tabbed_page(0))


def test_hidden_prose_stays_out_beside_a_story_that_shows() -> None:
    text = pick(tabbed_page(12))
    assert "A visible sentence about the inn" in text
    assert "high stone wall" not in text


def test_a_list_of_references_that_outscores_the_abstract_brings_in_the_whole_paper() -> None:
    # A paywalled paper: its abstract, then two thousand words of citations. readability
    # scores the long list highest; the story is the <article> holding both.
    citations = "".join(
        f"<li><p>Author{n} A, Writer B, Other C. A study of harbours and their tides, part "
        f"{n}, with results. Journal of Coasts. 2016;{n}(2):1-9.</p></li>"
        for n in range(40)
    )
    html = (
        "<body><nav><a href='/'>Journals</a></nav><article><h1>Tides</h1>"
        f"<section><h2>Abstract</h2>{sentences('Abstract', 3)}</section>"
        f"<section><h2>References</h2><ol class='c-article-references'>{citations}</ol>"
        "</section></article></body>"
    )
    text = pick(html)
    assert "Abstract paragraph 2" in text
    assert "Author39 A" in text
