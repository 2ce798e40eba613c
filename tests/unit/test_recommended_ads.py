"""Ad-network widgets: found by their links to a network or by a paid box's class name,
whatever their vendor's markup, and only their other sites' stories flagged as paid."""

from __future__ import annotations

import lxml.html
import pytest

from reader.extract.recommended import find_recommended
from reader.model import Story

BASE = "https://news.example/world/2024/05/01/main-story-1001.html"
ARTICLE = "".join(
    f"<p>Paragraph {n} of the main story carries enough words to read like running prose in a "
    f"real article, with a clause or two more to make it long enough.</p>"
    for n in range(4)
)


def run(body: str) -> list[Story]:
    html = (
        f"<html><head><title>t</title></head><body><article>{ARTICLE}</article>{body}</body></html>"
    )
    return find_recommended(lxml.html.document_fromstring(html), BASE, BASE)


AD_TITLES = (
    "Doctors stunned by this simple morning habit",
    "The one thing retirees regret buying most",
    "Why everyone in Texas is switching their insurance",
)


@pytest.mark.parametrize(
    "click",
    [
        "https://trends.revcontent.com/click.php?d={n}x",  # Revcontent
        "https://clck.adskeeper.co.uk/ghits/{n}1234/i/5",  # MGID's other brand
        "https://a-ssl.ligatus.com/?ids={n}x&t=1",  # Ligatus
        "https://jadserve.postrelease.com/trk?ntv_a={n}x",  # Nativo
        "https://offers{n}.example/lp/deal?utm_source=outbrain&dicbo=v2-{n}",  # advertiser
    ],
)
def test_ad_widget_known_only_by_its_links(click: str) -> None:
    """A native-ad widget saved without its names or its "Sponsored" heading ("rc-item",
    "mgline") is still found by its links to the network, and all its items are paid;
    a story of the site's own in it is not."""
    cards = "".join(
        f"<div class='rc-item'><a href='{click.format(n=n)}'><img src='x.jpg'>"
        f"<div class='rc-headline'>{title}</div></a><div class='rc-provider'>Brand</div></div>"
        for n, title in enumerate(AD_TITLES)
    )
    own = (
        "<div class='rc-item'><a href='/world/2024/04/30/own-story-about-the-river-0996.html'>"
        "<div class='rc-headline'>Our own story about the river crossing</div></a></div>"
    )
    stories = run(f"<div id='w_6e3f'><div class='rc-wc rc-bp'>{cards}{own}</div></div>")
    assert [(s.title, s.sponsored) for s in stories][:3] == [(t, True) for t in AD_TITLES]
    assert all(not s.sponsored for s in stories[3:])


def test_display_ads_together_are_no_widget() -> None:
    """Two banner links to a display-ad host side by side are banners, not stories."""
    body = "".join(
        f"<div class='slot'><a href='https://adclick.g.doubleclick.net/pcs/click?xai={n}'>"
        f"{title}</a></div>"
        for n, title in enumerate(AD_TITLES[:2])
    )
    assert run(f"<aside><div>{body}</div></aside>") == []


@pytest.mark.parametrize(
    "name", ["sponsored-content", "brandedContent", "native-ads-widget", "partner_content"]
)
def test_paid_box_by_its_class(name: str) -> None:
    """A box its class calls paid ("branded-content") is a block of sponsored stories
    whatever network fills it, even with links through a shortener."""
    items = "".join(
        f"<div class='item'><a href='http://bit.ly/2Bs8W{n}q'><img src='x.jpg'></a>"
        f"<a href='http://bit.ly/2Bs8W{n}q'>{title}</a></div>"
        for n, title in enumerate(AD_TITLES)
    )
    stories = run(f"<div class='{name}'>{items}</div>")
    assert [(s.title, s.sponsored) for s in stories] == [(t, True) for t in AD_TITLES]
