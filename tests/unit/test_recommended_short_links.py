"""Short links are not stories because of how they are spelled: an accent does not make a
German two-word link ("Zur Übersicht") a run of characters like a Chinese headline, a
position and a dash do not make a player's name ("Ronnie Price (G - POR)") a five-word
title, and a year does not make an event's page ("/euro-2024/") a dated story. And a
Chinese headline with a space between its two clauses is still measured in characters."""

from __future__ import annotations

import lxml.html
from capture_pages import paragraphs

from reader.extract.recommended import find_recommended

SITE = "https://www.naturbund.example"
PROSE = paragraphs(
    "Im Herbst sammeln Freiwillige im ganzen Land Daten über Zugvögel, Igel und Bäume "
    "für das Monitoring des Verbands, Absatz {n}, mit vielen Beobachtungen aus den Gärten.",
    count=6,
)


def found(html: str, url: str) -> list[str]:
    tree = lxml.html.document_fromstring(html)
    return [story.url or "" for story in find_recommended(tree, url, url)]


def test_a_line_of_two_accented_words_is_not_a_recommended_story() -> None:
    url = f"{SITE}/tipps/2021/10/vogelzaehlung-im-garten"
    page = f"""<html><head><title>Vogelzählung im Garten</title>
<meta property="article:published_time" content="2021-10-02T08:00:00Z"></head><body>
<article><h1>Vogelzählung im Garten</h1><time datetime="2021-10-02">2. Oktober 2021</time>
{PROSE}
<p><a href="{SITE}/tipps/2021/09/igel-im-herbst-richtig-helfen">Igeln im Herbst richtig
helfen und Futter bereitstellen</a></p>
<p><a href="{SITE}/naturschutz-tipps/">Zur Übersicht</a></p>
</article></body></html>"""
    stories = found(page, url)
    assert f"{SITE}/tipps/2021/09/igel-im-herbst-richtig-helfen" in stories
    assert f"{SITE}/naturschutz-tipps/" not in stories


def test_links_side_by_side_with_ids_need_a_headlines_words_not_a_names() -> None:
    site = "https://www.hoopsdaily.example"
    url = f"{site}/2012/7/31/suns-sign-a-guard-for-the-bench"
    players = "".join(
        f'<a href="{site}/nba/players/{n}/{name.lower().replace(" ", "-")}">{name} (G - {team})'
        f"</a>, "
        for n, name, team in (
            (4356, "Sebastian Telfair", "PHO"),
            (21626, "Ronnie Price", "POR"),
            (21914, "Steve Nash", "LAL"),
        )
    )
    posts = "<br>".join(
        f'<a href="{site}/2012/7/{day}/{slug}">{title}</a>'
        for day, slug, title in (
            (28, "suns-trade-talks-stall", "Suns trade talks stall again before the deadline"),
            (29, "summer-league-wrap", "Summer league wrap up: what we learned this July"),
            (30, "a-new-arena-deal", "City council weighs a new arena deal for the team"),
        )
    )
    page = f"""<html><head><title>Suns sign a guard</title></head><body>
<div id="content"><article><h1>Suns sign a guard for the bench</h1>{PROSE}</article>
<p class="entry-tags">Players: {players}</p></div>
<div id="sidebar"><div class="box">{posts}</div></div></body></html>"""
    stories = found(page, url)
    assert f"{site}/2012/7/29/summer-league-wrap" in stories
    assert not [story for story in stories if "/players/" in story]


def test_an_events_page_named_with_its_year_is_no_dated_story() -> None:
    """'Complete coverage: latest from Euro 2024' reads like a headline, and its address
    holds four digits, but a name and a year at the site's root is the event's hub."""
    site = "https://www.matchday.example"
    url = f"{site}/football/2024/06/20/late-goal-sends-hosts-through-123456"
    day = f"{site}/football/2024/06"
    stories = "".join(
        f'<li><a href="{href}">{title}</a></li>'
        for href, title in (
            (f"{site}/euro-2024/", "Complete coverage: latest from Euro 2024"),
            (f"{day}/19/keeper-saves-two-penalties-123401", "Keeper saves two penalties, again"),
            (f"{day}/18/coach-names-young-squad-123377", "Coach names a young squad for June"),
        )
    )
    page = f"""<html><head><title>Late goal</title></head><body>
<article><h1>Late goal sends hosts through</h1>{PROSE}</article>
<div class="box"><h3>Latest headlines</h3><ul>{stories}</ul></div></body></html>"""
    found_urls = found(page, url)
    assert f"{day}/19/keeper-saves-two-penalties-123401" in found_urls
    assert f"{site}/euro-2024/" not in found_urls


def test_a_chinese_headline_of_two_clauses_is_a_story() -> None:
    """A run of cards under the story, no heading: its titles need a headline's length."""
    site = "http://edu.news.example"
    titles = (
        "江苏最大规模作弊案27人获刑 涉案考生达50余人",
        "艺考生扎堆高校旁忙冲刺 短租房现一房难求",
        "高校求职待定族增多 求职服务能否包就业",
        "南京女大学生宿舍猝死 亲属质疑死因",
    )
    links = [f"{site}/2015/1123/28824{n}.shtml" for n in range(len(titles))]
    cards = "".join(
        f'<div class="card"><a href="{link}"><img src="{n}.jpg"></a>'
        f'<h4><a href="{link}">{title}</a></h4></div>'
        for n, (link, title) in enumerate(zip(links, titles, strict=True))
    )
    prose = paragraphs(
        "今年的高考报名人数再创新高，各地教育部门提前部署考务工作，考点设置、监考人员培训、"
        "试卷保密运输等各个环节都做了周密安排，确保考试安全平稳有序进行，这是第{n}段。"
    )
    url = f"{site}/2015/1124/2888583.shtml"
    page = f"""<html><head><title>高考报名人数再创新高</title></head><body>
<article><h1>高考报名人数再创新高</h1>{prose}</article>
<div class="cards">{cards}</div></body></html>"""
    assert found(page, url) == links
