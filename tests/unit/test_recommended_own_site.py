"""An ad network's widget that carries the site's own stories: those are the site's
stories, not ads; a player's "Play Video" is never a story's source."""

from reader.extract import extract
from reader.model import Page

PROSE = (
    "<p>" + "The harbour council met on Monday to decide on the new ferry timetable. " * 5 + "</p>"
)


def item(href: str, title: str, source: str) -> str:
    return (
        f'<li class="ob-dynamic-rec-container"><a class="ob-dynamic-rec-link" href="{href}">'
        f'<span class="ob-unit ob-rec-text">{title}</span>'
        f'<span class="ob-unit ob-rec-source">{source}</span></a></li>'
    )


FREE = "http://traffic.outbrain.com/network/redir?"  # the site's own, unpaid
PAID = "http://paid.outbrain.com/network/redir?"
SITE = "https://www.harbournews.co.uk/news"
PAGE = f"""<html><head><title>Ferry timetable - Harbour News</title>
<link rel="canonical" href="{SITE}/ferry-timetable"></head><body>
<article><h1>Ferry timetable</h1>{PROSE * 4}</article>
<div class="OUTBRAIN"><div class="ob-widget-section"><div class="ob-widget-header">Elsewhere on
Harbour News</div><ul class="ob-widget-items-container">
{item(f"{FREE}p=abc1", "Lighthouse keeper retires after forty years", "")}
{item(f"{FREE}p=abc2", "Storm closes the north quay for a week", "")}
{item(f"{PAID}p=def3", "Dock workers win a new pay deal", "Harbour News")}
{item(f"{PAID}p=def4", "These credit cards pay you to travel", "(CardAdvisor)")}
{item(f"{PAID}p=def5", "Seven tricks airlines hate", "")}
</ul></div></div>
<aside class="related"><h2>More on this story</h2><ul>
<li><a href="{SITE}/ferry-history"><span class="video-label">Play Video</span>
<h3>A century of ferries to the island</h3></a></li>
<li><a href="{SITE}/bridge-plan"><h3>The bridge that was never built</h3></a></li>
</ul></aside></body></html>"""


def stories() -> dict[str, tuple[bool, str]]:
    article = extract(Page(source="harbour.html", html=PAGE))
    return {story.title: (story.sponsored, story.source) for story in article.recommended}


def test_the_sites_own_stories_through_an_ad_network_are_not_ads() -> None:
    found = stories()
    assert found["Lighthouse keeper retires after forty years"][0] is False  # unpaid redirect
    assert found["Storm closes the north quay for a week"][0] is False
    assert found["Dock workers win a new pay deal"] == (False, "Harbour News")  # its own name
    assert found["These credit cards pay you to travel"][0] is True
    assert found["Seven tricks airlines hate"][0] is True


def test_a_player_control_is_not_a_source() -> None:
    found = stories()
    assert found["A century of ferries to the island"] == (False, "")
