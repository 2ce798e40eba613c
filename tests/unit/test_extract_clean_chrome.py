"""Stage 5: the page's own chrome inside the story box goes, the story stays.

Each page is written for the test: a question about the page, a subscription offer, an
author box of a blog plugin, a teaser card for another story; beside each, the story's own
text (and its own linked picture) that must stay.
"""

import lxml.html

from reader.extract import clean


def story(word: str, count: int) -> str:
    return "".join(
        f"<p>{word} paragraph {i} tells the reader what happened at the harbour, with "
        "enough words and a comma, to count as prose.</p>"
        for i in range(count)
    )


def cleaned(html: str) -> str:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    clean.clean_story(root, title=None, byline=None)
    return " ".join(root.text_content().split())


def test_questions_about_the_page_go_a_question_in_the_story_stays() -> None:
    html = (
        story("Ferry", 5)
        + "<p>Was this article helpful? The mayor asked it of the council, twice.</p>"
        + "<h3>War der Artikel nützlich?</h3><div>(12 Stimmen)</div>"
        + "<h3>Möchten Sie den Artikel teilen?</h3>"
        + "<div class='rating'><span>Was this article helpful?</span></div>"
    )
    text = cleaned(html)
    assert "Ferry paragraph 4" in text
    assert "The mayor asked it of the council" in text  # a sentence of the story
    assert "nützlich" not in text and "teilen" not in text
    assert text.count("Was this article helpful?") == 1


def test_a_subscription_offer_goes_a_long_paid_story_marked_paywall_stays() -> None:
    offer = (
        "<aside id='paywall'><h3>Choose your access and read on:</h3><ul><li>Digital: all "
        "articles free</li><li>Four weeks free</li></ul><p>Already a subscriber? "
        "<a href='/login'>Log in</a></p></aside>"
    )
    shop = (
        "<div class='v-A_-paidbox-container'><div class='v-A_-paidbox-headline'>Your "
        "training plan</div><p>8 weeks, no equipment, 94 pages as PDF</p><a href='/shop'>"
        "more info</a><p>Already a customer? Log in here.</p></div>"
    )
    text = cleaned(story("Free", 4) + offer + shop)
    assert "Free paragraph 3" in text
    assert "Choose your access" not in text and "Already a subscriber" not in text
    assert "Your training plan" not in text and "Already a customer" not in text
    # a paid story whose box the site marks "paywall": its text is the story, kept
    paid = f"<div class='article-body paywall'>{story('Paid', 8)}</div>"
    text = cleaned(story("Free", 2) + paid)
    assert "Paid paragraph 7" in text


def test_author_boxes_of_blog_plugins_go() -> None:
    html = (
        story("Photo", 5) + "<div class='saboxplugin-wrap'><div class='saboxplugin-desc'><p>Pat, a "
        "photographer from the coast. Follow me on <a href='/i'>Instagram</a>.</p></div></div>"
        + "<div class='m-a-box'><div>About the writer</div><p>Lee writes about people at "
        "work.</p></div>"
        + "<div class='abh_box abh_box_down'><section class='vcard author abh_about_tab'>"
        "<h4>Sam</h4><div class='abh_description'>My blog is full of tide tables.</div>"
        "</section></div>"
    )
    text = cleaned(html)
    assert "Photo paragraph 4" in text
    assert "a photographer from the coast" not in text and "Lee writes about" not in text
    assert "My blog is full of tide tables" not in text


def test_boxes_of_links_to_other_pages_go_by_their_class() -> None:
    # A site's link box ("DHB now digital! Click here …") and a paragraph type of
    # "interesting articles" (a teaser for another story) inside the story's box.
    html = (
        story("Quay", 4)
        + "<p><span class='linkbox_large v2'><strong>The paper is digital now!</strong> "
        "<a href='/digital'>Click here and register</a></span></p>"
        + "<div class='paragraph paraTypeInteresting-articles'><a href='/summer'>Summer is "
        "holiday time, and a singer enjoys the islands. See for yourself!</a></div>"
    )
    text = cleaned(html)
    assert "Quay paragraph 3" in text
    assert "The paper is digital now" not in text and "Summer is holiday time" not in text


def test_a_teaser_card_for_another_story_goes_the_story_own_linked_picture_stays() -> None:
    html = (
        story("Rail", 3) + "<figure><a href='/photos/big-harbour.jpg'><img src='/harbour.jpg'></a>"
        "<figcaption>The harbour at dawn.</figcaption></figure>"
        + "<a href='https://news.example/2021/trains-every-half-hour'><figure>"
        "<img src='/train.jpg'><figcaption><h3>Trains every half hour</h3><p>The railway "
        "plans a new timetable.</p></figcaption></figure></a>"
        + story("More", 3)
        + "<p>Read the <a href='https://news.example/plan'>railway's plan</a> itself.</p>"
    )
    text = cleaned(html)
    assert "Rail paragraph 2" in text and "More paragraph 2" in text
    assert "The harbour at dawn." in text
    assert "railway's plan" in text  # a link in a sentence is no card
    assert "Trains every half hour" not in text and "new timetable" not in text


def test_a_heading_over_other_stories_one_link_a_paragraph_goes_with_them() -> None:
    # "Weitere Beiträge" over a run of paragraphs that are each one link to another story:
    # a list of other stories, though not written as a list. A "Read more:" line of the
    # story over such links is the story's own voice and stays.
    others = "".join(
        f"<p><a href='/story-{i}'>Another story about the harbour, number {i}</a></p>"
        for i in range(4)
    )
    text = cleaned(story("Pier", 5) + "<h2>Weitere Beiträge aus der Kolumne:</h2>" + others)
    assert "Pier paragraph 4" in text
    assert "Weitere Beiträge" not in text and "Another story" not in text
    text = cleaned(story("Pier", 5) + "<p><strong>Read more:</strong></p>" + others)
    assert "Read more:" in text and "number 3" in text


def test_a_paper_buy_box_goes_with_its_prices() -> None:
    # A journal's box selling the paper beside its abstract ("buy box"): the site's shop.
    box = (
        "<div class='c-article-buy-box'><h2>Access options</h2><h3>Buy single article</h3>"
        "<p>Instant access to the full article PDF.</p><p class='price'>39,95 €</p>"
        "<p>Price includes VAT.</p></div>"
    )
    text = cleaned(story("Abstract", 4) + box)
    assert "Abstract paragraph 3" in text
    assert "Instant access" not in text and "39,95" not in text


def test_the_article_footer_box_goes_the_story_stays() -> None:
    # The box a site sets under its story: the agencies and the filing, not the story.
    footer = (
        "<footer class='article-footer'><p class='article-meta'>Agencies: news.example, "
        "wire.example</p><ul><li><a href='/tags/harbour'>Harbour</a></li></ul></footer>"
    )
    text = cleaned(story("Dock", 4) + footer)
    assert "Dock paragraph 3" in text
    assert "Agencies" not in text and "Harbour" not in text


def test_a_file_badge_beside_a_download_link_goes_a_size_in_a_table_stays() -> None:
    download = (
        "<p><a href='/letter.pdf'>Letter of 14 October</a>"
        "<span class='info'>PDF | 38 KB | not accessible</span></p>"
    )
    figures = "<table><tr><td>Maps</td><td><p>32.7 MB</p></td><td><p>17.5 MB</p></td></tr></table>"
    text = cleaned(story("Tax", 4) + download + figures)
    assert "Tax paragraph 3" in text and "Letter of 14 October" in text
    assert "38 KB" not in text and "not accessible" not in text
    assert "32.7 MB" in text  # a figure of the story's table, not a link's badge


def test_a_teaser_box_for_another_story_goes_a_page_of_them_stays() -> None:
    # A headline that is a link, a summary and a "more" link to the same page: another
    # story's teaser set in this one. A shop's page made of such boxes keeps them.
    def teaser(n: int) -> str:
        return (
            f"<div class='teaser'><h2><a href='/guide-{n}'>What to know about tides {n}</a></h2>"
            f"<p>Tides rise twice a day. Here are answers to many questions. "
            f"<a href='/guide-{n}'>more</a></p></div>"
        )

    text = cleaned(story("Pilot", 4) + teaser(1) + story("Buoy", 2))
    assert "Pilot paragraph 3" in text and "Buoy paragraph 1" in text
    assert "What to know about tides" not in text and "Tides rise twice" not in text
    text = cleaned("<p>Our tours.</p>" + "".join(teaser(n) for n in range(6)))
    assert "What to know about tides 5" in text
