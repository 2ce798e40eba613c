"""What a box's markup says beside its list, and what it does not: a post card that a
theme styles as an "archive-view" (a MediaNews letters page), a related-posts box that can
page ("td_with_ajax_pagination"), a named list in a pager's wrapper, a named list in the
page's footer whose stories show their comment counts, a list whose items' titles are
headings of the list heading's own rank, cards whose picture sits in their own <header>.
And what is no story though it sits among them: a box of text ads whose links go through
a display-ad click server (an IDG page's "Sponsored links", taken as 35 stories before), a
vendor's white papers, a form's "Submit your letter" link."""

from __future__ import annotations

from capture_pages import article_page, found_urls, paragraphs

SITE = "https://www.letters.example"
URL = f"{SITE}/2023/01/16/letters-1119"
PROSE = paragraphs(
    "Readers wrote in about the flood, the gas stoves and the council's budget, and this "
    "is letter {n} of the day, long enough to read like running prose.",
)
TITLES = (
    "Letters: Saving species | Gas stove fears | Davos players",
    "Letters: Carbon emissions | Voluntary acts | Floodwaters",
    "Letters: Settled science | Justice reform | Tax refunds",
)
URLS = [f"{SITE}/2023/01/{19 - n}/letters-{1125 - n}" for n in range(len(TITLES))]


def _found(after_story: str) -> list[str | None]:
    return found_urls(article_page("Letters to the editor", PROSE, after_story), URL)


def _each(template: str, count: int = len(TITLES)) -> str:
    """``template`` filled in for each of the first ``count`` stories (``{n}``, ``{url}``,
    ``{title}``), joined: one list item or card per story."""
    stories = zip(URLS[:count], TITLES[:count], strict=True)
    return "".join(
        template.format(n=n, url=url, title=title) for n, (url, title) in enumerate(stories)
    )


def test_post_cards_a_theme_styles_as_an_archive_view_are_stories() -> None:
    cards = _each(
        '<li><article class="more-posts-view archive-view post-{n} post type-post hentry'
        ' category-letters tag-politics"><figure><a href="{url}"><img src="{n}.jpg"></a>'
        '</figure><header><h3 class="entry-title"><a href="{url}">{title}</a></h3></header>'
        "</article></li>"
    )
    box = f'<div class="more-news"><h2>More in Letters to the Editor</h2><ul>{cards}</ul></div>'
    assert _found(box) == URLS


def test_a_related_posts_box_that_can_page_is_no_pager() -> None:
    """Each module also links its section, so the box is not plainly a list of stories."""
    modules = _each(
        '<div class="td_module_related_posts"><div class="td-module-thumb"><a href="{url}"'
        ' class="td-image-wrap"><img src="{n}.jpg"></a><a href="/section-{n}"'
        ' class="td-post-category">Section {n}</a></div><h3 class="entry-title">'
        '<a href="{url}">{title}</a></h3></div>'
    )
    box = (
        '<div class="td_block_wrap td_block_related_posts td_with_ajax_pagination">'
        f'<h4 class="td-related-title">Verwandte Artikel</h4><div class="td-related-row">'
        f"{modules}</div></div>"
    )
    assert _found(box) == URLS


def test_text_ads_through_a_display_ad_click_server_are_no_stories() -> None:
    ads = "".join(
        f'<li><a href="http://ad.doubleclick.net/clk;26439{n};45098004;r?http://vendor{n}'
        f'.example/whitepaper/{n}">Gartner Magic Quadrant report number {n}: learn more'
        " about wireless access</a></li>"
        for n in range(5)
    )
    box = f'<div class="sponsored_links"><h3>Sponsored links</h3><ul>{ads}</ul></div>'
    assert _found(box) == []


def test_white_papers_and_a_submission_form_are_no_stories() -> None:
    letters = _each('<li><a href="{url}">{title}</a></li>')
    form = (
        f'<li><a href="{SITE}/2017/12/07/submit-your-letter">'
        "Submit Your Letter to the Editor</a></li>"
    )
    papers = "".join(
        f'<li><a href="https://resources.vendor.example/assets/{n}/detail">Protecting the'
        f" mobile enterprise, part {n} | White Paper</a></li>"
        for n in range(3)
    )
    box = (
        f"<div><h2>More in Letters to the Editor</h2><ul>{letters}{form}</ul></div>"
        f'<div class="recommended_resources"><h3>Recommended resources</h3><ul>{papers}</ul></div>'
    )
    assert _found(box) == URLS


def test_a_named_list_in_a_pagers_wrapper_is_a_list() -> None:
    items = _each('<div class="listing-item"><a href="{url}">{title}</a></div>', count=2)
    box = (
        '<div class="bs-listing bs-pagination-wrapper"><h3>Aktuelle Beiträge</h3>'
        f'<div class="listing">{items}</div><a class="btn-bs-pagination" href="#">mehr</a></div>'
    )
    assert _found(box) == URLS[:2]


def test_a_named_list_in_the_footer_with_comment_counts_is_a_list() -> None:
    """Each story's count of comments links to its "#mh-comments": a part of its card,
    not a menu entry that would make the list the footer's navigation."""
    items = _each('<li><a href="{url}">{title}</a> <a href="{url}#mh-comments">19{n}</a></li>')
    footer = (
        '<footer class="mh-footer"><div class="mh-footer-widget"><h4>Beliebte Artikel</h4>'
        f"<ul>{items}</ul></div></footer>"
    )
    assert _found(footer) == URLS


def test_items_titled_by_headings_of_the_lists_rank_stay_in_the_list() -> None:
    """WordPress's post-list block titles each item with an <h2>, a short one too: an
    item's linked title does not end the list as the next section's heading would."""
    titles = ("Neue Seminare", *TITLES)
    links = [f"{SITE}/2023/01/{10 + n}/item-{n}" for n in range(len(titles))]
    items = "".join(
        f'<li class="wp-block-post"><h2 class="wp-block-post-title"><a href="{link}">{title}'
        "</a></h2></li>"
        for link, title in zip(links, titles, strict=True)
    )
    box = (
        f'<div class="wp-block-group"><h2>Meistgelesene Artikel</h2><ul>{items}</ul>'
        "<h2>Folgen Sie uns</h2></div>"
    )
    assert _found(box) == links


def test_a_cards_own_header_is_no_banner() -> None:
    """A card is an <article> whose <header> holds its picture and headline: the page's
    banner is a <header> too, but never inside an article."""
    cards = _each(
        '<article class="grid__item"><header><figure><a href="{url}"><img src="{n}.jpg">'
        '</a></figure><h3><a href="{url}">{title}</a></h3></header></article>'
    )
    box = f'<section class="article__teaser"><h2>Weitere Artikel</h2>{cards}</section>'
    assert _found(box) == URLS
