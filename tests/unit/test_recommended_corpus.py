"""Recommended-story capture on real pages of the shared corpus (Mozilla Readability's
test pages), labelled by hand: stories that must come out (in page order), links that
must not, ads that must be flagged, and pages that recommend nothing at all.

The corpus lives outside the repository (``../shared``); these tests skip without it.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from reader.extract.recommended import find_recommended
from reader.model import Story
from reader.urls import normalize_url

pytestmark = pytest.mark.corpus

PAGE_URL = "http://fakehost/test/page.html"  # where Readability's tests saved these pages

# page -> (must come out, in page order; must not come out; must be flagged sponsored)
WITH_STORIES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "seattletimes-1": (  # "Most Read Business Stories" list
        [
            "http://www.seattletimes.com/business/real-estate/metro-seattle-home-prices-ease-in-expensive-areas-surge-in-lower-cost-cities/",
            "https://www.seattletimes.com/business/amazon/amazon-grabs-large-downtown-bellevue-property-next-to-transit-hub/",
        ],
        [
            "http://fakehost/seattle-news/transportation/",
            # the page itself (its own headline, listed over http): out since stop 36
            "http://www.seattletimes.com/business/amazon/alaskan-halibut-caught-by-a-century-old-seattle-boat-provides-a-glimpse-of-amazons-strategy-with-whole-foods/",
            "https://finance.yahoo.com/news/amazonowned-whole-foods-scraps-smaller-365-store-expansion-203543290.html",
        ],
        [],
    ),
    "wordpress": (  # Jetpack related posts
        [
            "https://wptavern.com/stack-overflow-survey-results-show-wordpress-is-trending-up-despite-being-ranked-among-most-dreaded-technologies",
            "https://wptavern.com/stack-overflow-developer-survey-ranks-wordpress-as-the-3rd-most-dreaded-technology",
            "https://wptavern.com/stack-overflow-documentation-is-now-in-beta",
        ],
        ["https://wptavern.com/category/bbpress", "http://stackoverflow.com/jobs"],
        [],
    ),
    "guardian-1": (  # "more on this story"
        [
            "https://www.theguardian.com/uk-news/2019/jan/03/sperm-whale-stranded-scottish-loch-eriboll",
            "https://www.theguardian.com/environment/2018/oct/09/images-show-baby-humpback-whale-trapped-in-shark-net-off-queensland-coast",
        ],
        [
            "https://www.theguardian.com/world/newzealand",
            "https://www.radionz.co.nz/news/national/377272/new-zealand-beached-whales-why-are-so-many-getting-stranded",
        ],
        [],
    ),
    "salon-1": (  # related stories widget and partner stories
        [
            "http://www.salon.com/2015/02/20/when_marriage_is_an_act_of_political_protest_partner/",
            "http://www.salon.com/2015/03/16/the_worst_song_of_2015_is_here_meghan_trainors_dear_future_husband/",
        ],
        ["http://fakehost/topic/uber", "http://www.salon.com/category/news/"],
        [],
    ),
    "wapo-1": (  # recommended strip and trending strip
        [
            "http://www.washingtonpost.com/world/middle_east/tunisias-islamists-get-sobering-lesson-in-governing/2014/11/20/b6fc8988-65ad-11e4-ab86-46000e1d0035_story.html",
            "http://www.washingtonpost.com/blogs/worldviews/wp/2015/03/18/tunisias-bardo-museum-attacked-by-terrorists-is-home-to-amazing-roman-treasures/",
        ],
        [],
        [],
    ),
    "aclu": (  # related blog posts pane
        [
            "http://fakehost/blog/privacy-technology/internet-privacy/staying-safe-when-you-say-metoo",
            "http://fakehost/blog/privacy-technology/internet-privacy/landmark-european-law-could-change-facebook-and-improve",
        ],
        [],
        [],
    ),
    "liberation-1": (
        [
            "http://fakehost/monde/2015/04/29/a-katmandou-exode-sous-pression_1277386",
            "http://fakehost/politiques/2015/04/29/est-ce-vraiment-de-gaulle-qui-a-donne-le-droit-de-vote-aux-femmes_1277138",
        ],
        [],
        [],
    ),
    "theverge": (  # "Related" in-article list, more stories rail
        [
            "http://fakehost/2023/6/5/23750003/apple-vision-pro-hands-on-the-best-headset-demo-ever",
            "http://fakehost/2023/6/13/23759224/you-can-buy-the-new-15-inch-macbook-air-today",
        ],
        [
            "http://fakehost/tech",
            "http://fakehost/authors/alex-heath",
            "http://fakehost/2023/6/5/23738968/apple-vision-pro-ar-headset-features-specs-price-release-date-wwdc-2023",
        ],
        [],
    ),
    "herald-sun-1": (
        [
            "http://www.heraldsun.com.au/entertainment/confidential/wifes-fury-at-hawthorn-husbands-million-dollar-gamble/story-fnn7ma1h-1227271771330?sv=df95c2a03e18b583f7f54541951f2017",
        ],
        [],
        [],
    ),
    "breitbart": (  # Taboola and ZergNet widgets, then the site's own list
        [
            "http://www.zergnet.com/i/1423529/40875/0/0/0",
            "http://fakehost/big-hollywood/2017/01/23/snl-writer-suspended-barron-trump-homeschool-shooter-tweet/",
        ],
        [
            "http://popup.taboola.com/en/?template=colorbox&utm_source=breitbartcom&utm_medium=referral&utm_content=thumbs-2r:Bottom%20Main%20Column:",
        ],
        ["http://www.zergnet.com/i/1423529/40875/0/0/0"],
    ),
    "yahoo-1": (  # "What to Read Next" stream with Gemini ads
        [
            "http://fakehost/news/becoming-clear-were-2-big-152321240.html",
            "http://fakehost/news/the-real-reason-why-millennials-are-leaving-banks-170424785.html",
            "http://fakehost/news/this-is-how-fbi-director-comey-really-hurt-the-democrats-172445180.html",
        ],
        [
            "http://finance.yahoo.com/news/review-playstation-vr-is-comfortable-and-affordable-but-lacks-must-have-games-165053851.html",
        ],
        [],
    ),
    "lwn-1": (  # "Recent Features" side box: a recent-posts widget (issue 4's rules)
        [
            "http://fakehost/Articles/640549/",
            "http://fakehost/Articles/641275/",
            "http://fakehost/Articles/639894/",
            "http://fakehost/Articles/639998/",
            "http://fakehost/Articles/639773/",
        ],
        [
            "http://fakehost/Articles/636463/",  # "This page": previous / following week
            "http://fakehost/Articles/638065/",
            "http://fakehost/Articles/637397/",  # the edition's own sections
            "http://fakehost/Articles/637393/bigpage",
        ],
        [],
    ),
    "webmd-1": (  # "Top Picks"
        [
            "http://www.webmd.com/allergies/guide/insect-stings",
            "http://www.webmd.com/allergies/features/allergy-tips",
        ],
        [],
        [],
    ),
    # Not required languages, but cheap to read: Chinese and Japanese block labels.
    "qq": (  # 推荐阅读 ("recommended reading") rail
        [
            "http://fakehost/a/20161025/023092.htm",
            "http://fakehost/a/20160829/003655.htm",
        ],
        [],
        [],
    ),
    "yahoo-4": (  # 【関連記事】 ("related articles") and アクセスランキング ("most read")
        [
            "http://rdsig.yahoo.co.jp/media/news/rd_tool/cnetj/articles/sci/RV=1/RE=1490262788/RH=cmRzaWcueWFob28uY28uanA-/RB=/RU=aHR0cHM6Ly9qYXBhbi5jbmV0LmNvbS9uZXdzL3NlcnZpY2UvMzUwOTUyNjMvP3JlZj15ag--/RS=%5EADAyThplohjh_otBDigxUMD2uwNpcY-;_ylt=A7YWOgEDJsFY.TUAwbAvl.Z7;_ylu=X3oDMWM0MGdiajZ0BHBvcwMxBHJsX3RpdGxlA05FWENPM.ekvuOAgemrmOmAn.mBk.i3r1NB44KEUEHjga7lhazooYbnhKHnt5pMQU7jgqLjgqvjgqbjg7Pjg4jjgpLlhbHpgJrljJYtLeWIqeeUqOWItumZkOOBruaSpOW7g.OCggRybF91cmwDaHR0cHM6Ly9qYXBhbi5jbmV0LmNvbS9uZXdzL3NlcnZpY2UvMzUwOTUyNjMvP3JlZj15agRzZWMDcmVsYXRlZARzbGsDcGMEdGl0bGUD44OI44Os44Oz44OJ44Oe44Kk44Kv44Ot44CB5YWs6KGG54Sh57eaTEFO44KS5a6J5YWo44Gr5L2_44GG44Gf44KB44Gu44Ki44OX44Oq44CM44OV44Oq44O8V2ktRmnjg5fjg63jg4bjgq_jgrfjg6fjg7PjgI0EdXJsA2h0dHA6Ly9oZWFkbGluZXMueWFob28uY28uanAvaGw_YT0yMDE3MDMwOS0zNTA5NzgzOC1jbmV0ai1zY2k-",
            "http://headlines.yahoo.co.jp/hl?a=20170303-00000047-zdn_n-sci",
        ],
        ["http://news.yahoo.co.jp/ranking"],
        [],
    ),
    "pixnet": (  # blog sidebar: 最新文章 ("latest posts") and 熱門文章 ("popular posts")
        [
            "http://fakehost/blog/post/44340778",
            "http://stevenhgm.pixnet.net/blog/post/38408365-%e6%a1%83%e5%9c%92%e5%be%a9%e8%88%88_%e9%9b%85%e6%b8%a1%e8%be%b2%e8%8e%8a%e9%81%bf%e6%9a%91",
        ],
        [],
        [],
    ),
    "heise": (  # "Meistgelesen" ("most read") tabs and the section's news teasers
        [
            "http://fakehost/mac-and-i/artikel/Pro-Contra-Hat-Apple-den-Bogen-ueberspannt-2580439.html",
            "http://fakehost/meldung/Fotos-und-mehr-Apple-stellt-OS-X-10-10-3-zum-Download-bereit-2597165.html",
            "http://fakehost/meldung/Apple-Watch-Erste-Testberichte-fallen-ordentlich-aus-2597244.html",
            "http://fakehost/mac-and-i/meldung/Apple-stopft-Sicherheitsluecken-in-iOS-und-mehreren-OS-X-Versionen-2597723.html",
        ],
        [
            "http://fakehost/mac-and-i/news/",
            "http://shop.heise.de/ct-mac-special-2014?pid=5001002207",
        ],
        [],
    ),
}

# Pages whose markup recommends no story (reference pages, docs, personal blogs, a section
# front, an article whose only list sits in its own <footer>): nothing may come out.
WITHOUT_STORIES = [
    "wikipedia",
    "wikipedia-2",
    "wikipedia-3",
    "wikipedia-4",
    "mozilla-1",
    "mozilla-2",
    "ietf-1",
    "mercurial",
    "google-sre-book-1",
    "daringfireball-1",
    "hukumusume",
    "medium-1",
    "keep-images",
    "ebb-org",
    "dev418",
    "nytimes-5",
]


def capture(corpus: Path, name: str) -> list[Story]:
    html = (corpus / name / "source.html").read_text(encoding="utf-8", errors="replace")
    return find_recommended(lxml.html.document_fromstring(html), PAGE_URL, PAGE_URL)


@pytest.fixture
def corpus(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "mozilla"


@pytest.mark.parametrize("name", sorted(WITH_STORIES))
def test_corpus_page_stories(corpus: Path, name: str) -> None:
    must, must_not, sponsored = WITH_STORIES[name]
    stories = capture(corpus, name)
    found = [normalize_url(s.url) for s in stories if s.url]
    wanted = [normalize_url(url) for url in must]
    assert [url for url in found if url in wanted] == wanted
    assert not {normalize_url(url) for url in must_not} & set(found)
    flagged = {normalize_url(s.url) for s in stories if s.url and s.sponsored}
    assert {normalize_url(url) for url in sponsored} <= flagged
    assert all(s.title for s in stories)


@pytest.mark.parametrize("name", WITHOUT_STORIES)
def test_corpus_page_without_stories(corpus: Path, name: str) -> None:
    assert [s.url for s in capture(corpus, name)] == []


def test_yahoo_ads_flagged(corpus: Path) -> None:
    stories = capture(corpus, "yahoo-1")
    ads = [s for s in stories if s.url and "beap.gemini.yahoo.com" in s.url]
    assert ads and all(s.sponsored for s in ads)
    assert not any(s.sponsored for s in stories if s.url and s.url.startswith("http://fakehost/"))
