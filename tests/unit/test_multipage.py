"""Articles over several pages are fetched whole (issue 18, deliverable 4), against a real
HTTP server on 127.0.0.1 serving pages of our own: numbered pagination, rel="next",
a site's next_page_link rule, a "view as one page" link; and what must stop the chain:
a cycle, a link off the host, a 25-page chain (20 pages at most), a "next" that is
another article."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from local_http import LocalServer, QuietHandler, serving
from reader_cli import run_reader

from reader.model import Article
from reader.service.reading import Direct, open_source, read_article
from reader.service.reextract import reextract
from reader.store import Library

Links = Callable[[int], str]  # page number -> the markup of its links


def page_html(slug: str, number: int, links: str, parts: tuple[int, ...] = ()) -> bytes:
    """Page ``number`` of the article ``slug``: four paragraphs only it has (markNxK);
    ``parts``: the pages whose paragraphs it shows instead (a one-page version)."""
    paragraphs = "".join(
        f"<p>Part {part} of the {slug} story, paragraph {k}: mark{part}x{k} the keeper"
        " climbed the stair at dusk, trimmed the wick and logged the passing ships by"
        " name, as every keeper before had done on that rock in the long winters.</p>"
        for part in (parts or (number,))
        for k in range(4)
    )
    heading = f"The {slug} story"
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{heading}</title>"
        f"</head><body><nav><a href='/'>Home</a> <a href='/news/'>News</a></nav>"
        f"<article><h1>{heading}</h1>{paragraphs}</article>"
        f"<div class='pager'>{links}</div><footer>Copyright the Gazette</footer>"
        "</body></html>"
    ).encode()


@dataclass
class Site:
    port: int
    pages: dict[str, bytes] = field(default_factory=dict)
    asked: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


class _Handler(QuietHandler):
    server: LocalServer[Site]

    def do_GET(self) -> None:
        site = self.server.state
        host = self.headers.get("Host", "").rsplit(":", 1)[0]
        with site.lock:
            site.asked[f"{host}{self.path}"] += 1
        body = site.pages.get(self.path)
        if body is None:
            self.send(404, b"not here", "text/plain")
        else:
            self.send(200, body)


@pytest.fixture
def site() -> Iterator[Site]:
    with serving(_Handler, Site) as state:
        yield state


def serve(site: Site, slug: str, count: int, path: Callable[[int], str], links: Links) -> None:
    for number in range(1, count + 1):
        site.pages[path(number)] = page_html(slug, number, links(number))


def marks(article: Article) -> list[int]:
    """The page numbers whose story made it into the article, in their order."""
    found = []
    for number in range(1, 40):
        at = article.text.find(f"mark{number}x0")
        if at >= 0:
            found.append((at, number))
    return [number for _, number in sorted(found)]


def test_numbered_pagination_joins_the_pages_in_order(site: Site) -> None:
    def path(n: int) -> str:
        return "/news/lighthouse" if n == 1 else f"/news/lighthouse?page={n}"

    def numbers(n: int) -> str:
        return " ".join(f"<a href='{path(k)}'>{k}</a>" for k in range(1, 4))

    serve(site, "lighthouse", 3, path, numbers)
    article = read_article(site.url("/news/lighthouse"))
    assert marks(article) == [1, 2, 3]
    assert article.title == "The lighthouse story"
    assert article.text.count("Copyright the Gazette") == 0
    assert article.word_count > 3 * 100
    assert site.asked["127.0.0.1/news/lighthouse?page=2"] == 1


def test_rel_next_chain_of_25_pages_stops_at_20(site: Site) -> None:
    def path(n: int) -> str:
        return f"/long-read/{n}"

    def next_link(n: int) -> str:
        return f"<a rel='next' href='{path(n + 1)}'>Next page</a>" if n < 25 else ""

    serve(site, "long", 25, path, next_link)
    article = read_article(site.url(path(1)))
    assert marks(article) == list(range(1, 21))
    assert site.asked["127.0.0.1/long-read/21"] == 0
    assert all(site.asked[f"127.0.0.1/long-read/{n}"] == 1 for n in range(1, 21))


def test_a_cycle_ends_the_chain_and_no_page_is_fetched_twice(site: Site) -> None:
    def path(n: int) -> str:
        return f"/story/loop/page-{n}"

    serve(site, "loop", 3, path, lambda n: f"<link rel='next' href='{path(n % 3 + 1)}'>")
    article = read_article(site.url(path(1)))
    assert marks(article) == [1, 2, 3]
    assert [site.asked[f"127.0.0.1{path(n)}"] for n in (1, 2, 3)] == [1, 1, 1]


def test_a_next_link_to_another_host_is_not_followed(site: Site) -> None:
    elsewhere = site.url("/away/2", host="localhost")
    site.pages["/away/1"] = page_html("away", 1, f"<a rel='next' href='{elsewhere}'>Next</a>")
    site.pages["/away/2"] = page_html("away", 2, "")
    article = read_article(site.url("/away/1"))
    assert marks(article) == [1]
    assert site.asked["localhost/away/2"] == 0


def test_a_next_that_is_another_article_is_not_joined(site: Site) -> None:
    site.pages["/blog/first-post"] = page_html(
        "first", 1, "<a rel='next' href='/blog/second-post'>Next post: the second</a>"
    )
    site.pages["/blog/second-post"] = page_html("second", 2, "")
    article = read_article(site.url("/blog/first-post"))
    assert marks(article) == [1]
    assert site.asked["127.0.0.1/blog/second-post"] == 0


def test_a_list_numbered_like_pages_is_ambiguous_and_not_followed(site: Site) -> None:
    # Two different addresses both called "2": not an unambiguous pagination.
    links = "<a href='/tables/2'>2</a> <a href='/tables?page=2'>2</a>"
    site.pages["/tables"] = page_html("tables", 1, links)
    article = read_article(site.url("/tables"))
    assert marks(article) == [1]
    assert site.asked["127.0.0.1/tables/2"] == site.asked["127.0.0.1/tables?page=2"] == 0


def blog_listing(titles: tuple[str, ...], pager: str, head: str = "") -> bytes:
    """A page of many posts: each an <article> with its own long teaser, and a pager."""
    posts = "".join(
        f"<article><h2><a href='/{title}/'>{title.title()}</a></h2>"
        f"<p>mark1x{k} {title}: the keeper climbed the stair at dusk, trimmed the wick and"
        " logged the passing ships by name, as every keeper before had done on that rock"
        " in the long winters, and wrote it all down in the station's book.</p></article>"
        for k, title in enumerate(titles)
    )
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>The Blog</title>"
        f"{head}</head><body><main>{posts}</main><div class='pager'>{pager}</div></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("/", "/page/2/"),  # a blog's front page
        ("/category/lighthouses/", "/category/lighthouses/page/2/"),  # a category's list
        ("/tag/keepers/", "/tag/keepers/page/2/"),
        ("/2019/", "/2019/page/2/"),  # undeclared, but several posts: a list
    ],
)
def test_the_pages_of_a_list_of_posts_are_not_joined(site: Site, first: str, second: str) -> None:
    pager = f"<a href='{first}'>1</a> <a href='{second}'>2</a>"
    pager += f" <a rel='next' href='{second}'>Older</a>"
    site.pages[first] = blog_listing(("keepers", "storms", "lamps"), pager)
    site.pages[second] = blog_listing(("wrecks", "gulls", "tides"), "")
    article = read_article(site.url(first))
    assert "wrecks" not in article.text
    assert site.asked[f"127.0.0.1{second}"] == 0


def test_a_page_that_declares_itself_a_website_is_not_followed(site: Site) -> None:
    head = "<meta property='og:type' content='website'>"
    pager = "<a href='/lighthouses'>1</a> <a href='/lighthouses?page=2'>2</a>"
    site.pages["/lighthouses"] = blog_listing(("keepers",), pager, head)
    site.pages["/lighthouses?page=2"] = blog_listing(("wrecks",), "")
    read_article(site.url("/lighthouses"))
    assert site.asked["127.0.0.1/lighthouses?page=2"] == 0


def test_an_article_with_article_cards_around_it_is_still_followed(site: Site) -> None:
    """og:type article wins over the <article> cards of related stories in its margin."""
    cards = "".join(f"<article><a href='/other/{k}'>Story {k}</a></article>" for k in range(3))

    def path(n: int) -> str:
        return "/news/lamps" if n == 1 else f"/news/lamps/{n}"

    def pager(n: int) -> str:
        return cards + " ".join(f"<a href='{path(k)}'>{k}</a>" for k in (1, 2))

    serve(site, "lamps", 2, path, pager)
    site.pages["/news/lamps"] = site.pages["/news/lamps"].replace(
        b"<head>", b"<head><meta property='og:type' content='article'>"
    )
    article = read_article(site.url("/news/lamps"))
    assert marks(article) == [1, 2]


def test_view_as_one_page_is_preferred_to_the_next_pages(site: Site) -> None:
    def path(n: int) -> str:
        return f"/feature/keepers/{n}"

    pager = "<a href='/feature/keepers/all'>View as one page</a> <a rel='next' href='%s'>Next</a>"
    serve(site, "keepers", 3, path, lambda n: pager % path(n + 1))
    site.pages["/feature/keepers/all"] = page_html("keepers", 1, "", parts=(1, 2, 3))
    article = read_article(site.url(path(1)))
    assert marks(article) == [1, 2, 3]
    assert site.asked["127.0.0.1/feature/keepers/all"] == 1
    assert site.asked["127.0.0.1/feature/keepers/2"] == 0


def test_a_sites_next_page_link_rule_is_followed(site: Site, data_dir: Path) -> None:
    def path(n: int) -> str:
        return f"/ausgabe/bericht-{n}.html"

    serve(site, "bericht", 2, path, lambda n: f"<a class='weiter' href='{path(n + 1)}'>»</a>")
    assert marks(read_article(site.url(path(1)))) == [1]  # nothing says it is a next page
    folder = data_dir / "site-rules"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "127.0.0.1.txt").write_text("next_page_link: //a[@class='weiter']\n")
    assert marks(read_article(site.url(path(1)))) == [1, 2]


def test_the_library_keeps_every_page_and_reextracts_the_whole_article(
    site: Site, tmp_path: Path
) -> None:
    def path(n: int) -> str:
        return f"/essay/tides?p={n}"

    serve(site, "tides", 3, path, lambda n: f"<a rel='next' href='{path(n + 1)}'>Next</a>")
    with Library(tmp_path / "library.sqlite3") as library:
        shown = open_source(site.url(path(1)), Direct(library))
        assert shown.article_id is not None
        original = library.original(shown.article_id)
        assert original is not None
        assert [page.url for page in original.following] == [site.url(path(n)) for n in (2, 3)]
        summary = reextract(library, workers=1, fork_safe=False)
        assert summary.failures == [] and summary.unchanged == 1
        assert marks(library.article(shown.article_id).article) == [1, 2, 3]


def test_reader_extract_prints_the_whole_article(site: Site) -> None:
    def path(n: int) -> str:
        return f"/cli/report/page/{n}"

    serve(site, "report", 2, path, lambda n: f"<a rel='next' href='{path(n + 1)}'>Next</a>")
    result = run_reader("extract", site.url(path(1)), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "mark1x0" in result.stdout and "mark2x3" in result.stdout
