"""A box of another site's headlines whose addresses spell them ("/nokia-maps-updated-
to-version-3") is a partner's or a sister title's feed, a list of stories even on a page
that shows no date: a manual's contents that spell their headlines are its own pages."""

from __future__ import annotations

import lxml.html
from capture_pages import paragraphs

from reader.extract.recommended import find_recommended

SITE = "https://www.phonecentral.example"
SISTER = "https://www.tabletnation.example"
PROSE = paragraphs(
    "The streaming app now learns what you play and builds a daily mix from it, and the "
    "update also brings offline playlists to phones with little storage, part {n}.",
)
HEADLINES = (
    "Nokia maps updated to version three for tablets",
    "Slacker radio ready for the new tablets",
    "How to replace the battery in an older tablet",
    "Skype becomes the new tablet messenger",
)


def _slug(title: str) -> str:
    return "-".join(
        word.lower()
        for word in title.split()
        if word.lower() not in {"to", "the", "in", "an", "for"}
    )


def test_another_sites_feed_with_spelled_addresses_is_a_list_on_an_undated_page() -> None:
    feed = "".join(f'<li><a href="{SISTER}/{_slug(title)}">{title}</a></li>' for title in HEADLINES)
    page = f"""<html><head><title>Streaming app update</title></head><body>
<div id="page"><div id="content"><h1>The streaming app learns what you play</h1>{PROSE}</div>
<div id="network"><div class="feed"><h4><a href="{SISTER}/">Tablet Nation</a></h4>
<ul class="feed-items">{feed}</ul></div></div></div></body></html>"""
    url = f"{SITE}/streaming-app-learns-what-you-play"
    found = [story.url for story in find_recommended(lxml.html.document_fromstring(page), url, url)]
    assert found == [f"{SISTER}/{_slug(title)}" for title in HEADLINES]


def test_a_feed_box_whose_lead_story_has_a_picture_link_is_no_branch_of_a_tree() -> None:
    def box(title_site: str) -> str:
        links = [f"{title_site}/{_slug(title)}" for title in HEADLINES]
        items = "".join(
            f'<li><a href="{link}">{title}</a></li>'
            for link, title in zip(links, HEADLINES, strict=True)
        )
        return (
            f'<li class="feed"><h3><a href="{title_site}/"><img src="{title_site}/logo.png"></a>'
            f'</h3><a href="{links[0]}"><img src="{title_site}/lead.jpg"></a>'
            f'<ul class="feed-items">{items}</ul></li>'
        )

    other = "https://www.watchnation.example"
    page = f"""<html><head><title>Streaming app update</title></head><body>
<div id="page"><div id="content"><h1>The streaming app learns what you play</h1>{PROSE}</div>
</div><div id="network"><ul class="feeds">{box(SISTER)}{box(other)}</ul></div></body></html>"""
    url = f"{SITE}/streaming-app-learns-what-you-play"
    found = [story.url for story in find_recommended(lxml.html.document_fromstring(page), url, url)]
    assert found == [f"{site}/{_slug(title)}" for site in (SISTER, other) for title in HEADLINES]
