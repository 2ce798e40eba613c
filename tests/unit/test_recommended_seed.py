"""The seed page (issue 2 and 4 targets): its 20 recommended stories, as a text dump turned
into HTML and as a Yahoo-like stream with links, the betting promotion flagged."""

# ruff: noqa: E501 - the HTML snippets are test data; one element per line reads best.

from __future__ import annotations

import html
import re
from pathlib import Path

import lxml.html
import pytest

from reader.extract.recommended import find_recommended

PAGE_URL = "https://news.yahoo.example/u-s-russian-diplomats-exchange-stern-words-203711342.html"
PROMOTION = "Bet $1 on any golfer and get $100 in free bets*"


def seed_stories(seed_path: Path) -> list[tuple[str, str]]:
    """(title, summary) pairs of the seed's "Recommended Stories" list, read independently
    of the loader: a bullet line starts a title, the indented lines after it are the teaser."""
    text = seed_path.read_text(encoding="utf-8")
    tail = text.split("\nRecommended Stories\n", 1)[1]
    stories: list[tuple[str, list[str]]] = []
    for line in tail.splitlines():
        bullet = re.match(r"^\s*•\s+(.*)$", line)
        if bullet:
            stories.append((bullet.group(1).strip(), []))
        elif line.strip() and stories:
            stories[-1][1].append(line.strip())
    return [(title, " ".join(lines)) for title, lines in stories]


def seed_paragraphs(seed_path: Path) -> list[str]:
    """The story's own paragraphs: unindented lines between "min read" and the list."""
    text = seed_path.read_text(encoding="utf-8").split("\nRecommended Stories\n", 1)[0]
    body = text.split("min read", 1)[1]
    return [line for line in body.splitlines() if line.strip() and not line[0].isspace()]


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]


def dump_html(items: list[tuple[str, str]]) -> str:
    """The markup the loader gives a text dump (see INTERFACES.md)."""
    lis = "".join(f"<li><h3>{html.escape(t)}</h3><p>{html.escape(s)}</p></li>" for t, s in items)
    return (
        "<html><head><title>U.S., Russian diplomats exchange stern words</title></head><body>"
        "<article><h1>U.S., Russian diplomats exchange stern words</h1>"
        "<p class='byline'>Nahal Toosi</p><p>Secretary of State Antony Blinken warned his "
        "Russian counterpart on Wednesday that the United States would respond.</p></article>"
        f"<aside class='recommended'><h2>Recommended Stories</h2><ul>{lis}</ul></aside>"
        "</body></html>"
    )


def stream_html(
    items: list[tuple[str, str]], paragraphs: list[str], heading: bool, ad_host: str
) -> tuple[str, list[str]]:
    """A Yahoo-like stream: atomic-CSS classes, provider line, one item labelled as an ad."""
    lis = []
    urls = []
    for number, (title, summary) in enumerate(items):
        if title == PROMOTION:
            url = f"https://{ad_host}/mbclk?bv=1.0.0&es=golf{number}"
            label = (
                '<a class="C(#959595)" href="https://help.yahoo.example/kb/adinfo">Ad</a> • BetMGM'
            )
            kind = "controller gemini-ad native-ad-item"
        else:
            url = f"https://news.yahoo.example/{slug(title)}-{210000000 + number}.html"
            label = "<span>Reuters</span>"
            kind = "Cf"
        urls.append(url)
        lis.append(
            f'<li class="js-stream-content Pos(r)"><div class="{kind}">'
            f'<div class="Fl(start) W(30%)"><img src="https://s.yimg.example/{number}.jpg" alt=""></div>'
            f'<div class="Ov(h) Pend(14%)"><div class="C(#959595) Fz(11px) Mb(4px)">{label}</div>'
            f'<h3 class="Mb(5px)"><a class="js-content-viewer" href="{url}">{html.escape(title)}</a></h3>'
            f'<p class="Fz(14px) Lh(19px) M(0)">{html.escape(summary)}</p></div></div></li>'
        )
    title_block = '<h2 class="Fz(20px)">Recommended Stories</h2>' if heading else ""
    page = (
        "<html><head><title>U.S., Russian diplomats exchange stern words</title></head><body>"
        '<div id="YDC-UH"><nav><a href="https://www.yahoo.example/">Home</a>'
        '<a href="https://news.yahoo.example/politics/">Politics</a></nav></div>'
        '<div id="Main"><article><h1>U.S., Russian diplomats exchange stern words</h1>'
        + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        + "</article></div>"
        f'<div id="YDC-Stream" class="tdv2-applet-stream">{title_block}'
        f'<ul class="My(0) Ov(h) P(0) Wow(bw)">{"".join(lis)}</ul></div>'
        "</body></html>"
    )
    return page, urls


def test_seed_reading(seed_path: Path) -> None:
    assert len(seed_stories(seed_path)) == 20
    assert len(seed_paragraphs(seed_path)) == 11


def test_seed_text_dump_gives_twenty_stories_without_urls(seed_path: Path) -> None:
    items = seed_stories(seed_path)
    assert len(items) == 20
    tree = lxml.html.document_fromstring(dump_html(items))
    stories = find_recommended(tree, None, None)
    assert [(s.title, s.summary) for s in stories] == items
    assert all(s.url is None for s in stories)
    assert [s.title for s in stories if s.sponsored] == [PROMOTION]


def test_seed_through_the_loader(seed_path: Path) -> None:
    textdump = pytest.importorskip("reader.load.textdump")
    markup = textdump.dump_to_html(seed_path.read_text(encoding="utf-8"))
    stories = find_recommended(lxml.html.document_fromstring(markup), None, None)
    assert [s.title for s in stories] == [t for t, _ in seed_stories(seed_path)]
    assert [s.title for s in stories if s.sponsored] == [PROMOTION]


@pytest.mark.parametrize("heading", [True, False])
@pytest.mark.parametrize("ad_host", ["beap.gemini.yahoo.com", "ads.betmgm.example"])
def test_seed_as_yahoo_stream(seed_path: Path, heading: bool, ad_host: str) -> None:
    items = seed_stories(seed_path)
    page, urls = stream_html(items, seed_paragraphs(seed_path), heading, ad_host)
    stories = find_recommended(lxml.html.document_fromstring(page), PAGE_URL, PAGE_URL)
    assert [s.url for s in stories] == urls
    assert [(s.title, s.summary) for s in stories] == items
    assert [s.title for s in stories if s.sponsored] == [PROMOTION]
    assert stories[0].source == "Reuters"
    assert stories[0].image == "https://s.yimg.example/0.jpg"


@pytest.mark.parametrize("saved_as", ["txt", "html", "mhtml", "webarchive"])
def test_seed_in_every_saved_format_gives_its_twenty_stories(
    seed_path: Path, tmp_path: Path, saved_as: str
) -> None:
    """Loader and pipeline end to end: the seed as the text dump it is, and as the page a
    browser would save (HTML, MHTML, Safari webarchive): the same 20 stories, the
    promotion flagged."""
    import plistlib
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    from reader.extract import extract
    from reader.load import load

    items = seed_stories(seed_path)
    page, _ = stream_html(items, seed_paragraphs(seed_path), True, "beap.gemini.yahoo.com")
    if saved_as == "txt":
        path = seed_path
    elif saved_as == "html":
        path = tmp_path / "seed.html"
        path.write_text(page, encoding="utf-8")
    elif saved_as == "mhtml":
        message = MIMEMultipart("related", type="text/html")
        message["Snapshot-Content-Location"] = PAGE_URL
        part = MIMEText(page, "html", "utf-8")
        part["Content-Location"] = PAGE_URL
        message.attach(part)
        path = tmp_path / "seed.mhtml"
        path.write_bytes(message.as_bytes())
    else:
        resource = {
            "WebResourceData": page.encode("utf-8"),
            "WebResourceMIMEType": "text/html",
            "WebResourceTextEncodingName": "UTF-8",
            "WebResourceURL": PAGE_URL,
        }
        path = tmp_path / "seed.webarchive"
        path.write_bytes(plistlib.dumps({"WebMainResource": resource}, fmt=plistlib.FMT_BINARY))
    article = extract(load(str(path), url=None if saved_as == "txt" else PAGE_URL))
    assert [(s.title, s.summary) for s in article.recommended] == items
    assert [s.title for s in article.recommended if s.sponsored] == [PROMOTION]
