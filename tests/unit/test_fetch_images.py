"""The article's images: parallel, limited, a failed image simply left out."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import hostile_server as hs
import pytest

from reader.load.images import (
    article_images,
    fetch_images,
    pick_from_srcset,
)
from reader.model import Article, Asset
from reader.service.images import with_images


@pytest.fixture(scope="module")
def server() -> Iterator[hs.Server]:
    yield from hs.serve()


@pytest.mark.parametrize(
    ("srcset", "expected"),
    [
        ("a.jpg 320w, b.jpg 1024w, c.jpg 1600w, d.jpg 3000w", "b.jpg"),
        ("a.jpg 320w, c.jpg 1300w", "c.jpg"),
        ("a.jpg 1x, b.jpg 2x, c.jpg 3x", "b.jpg"),
        ("only.jpg", "only.jpg"),
        ("https://cdn.example.com/img,w_800.jpg 800w, https://cdn.example.com/x.jpg 1200w", None),
        ("", None),
    ],
)
def test_pick_from_srcset(srcset: str, expected: str | None) -> None:
    picked = pick_from_srcset(srcset)
    if expected is None and srcset:
        assert picked == "https://cdn.example.com/x.jpg"
    else:
        assert picked == expected


def test_article_images_in_page_order() -> None:
    html = '<p><img src="a.png"><img src="b.png" srcset="b1.png 600w, b2.png 1200w"><img></p>'
    assert article_images(html) == [("a.png", None), ("b.png", "b2.png")]


def test_fetch_images_keeps_good_ones_and_skips_failures(server: hs.Server) -> None:
    urls = [
        server.url("/img/one.png"),
        server.url("/img/two.png"),
        server.url("/img-untyped"),
        server.url("/status/404"),
        server.url("/img-not-image"),
        server.url("/img-huge"),
        f"http://127.0.0.1:{hs.closed_port()}/x.png",
        "ftp://example.com/x.png",
    ]
    got = fetch_images(urls)
    assert set(got) == {urls[0], urls[1], urls[2]}
    assert got[urls[0]].media_type == "image/png"
    assert got[urls[0]].data.endswith(b"one.png")


def test_fetch_images_at_most_40(server: hs.Server) -> None:
    urls = [server.url(f"/img/{n}.png") for n in range(45)]
    got = fetch_images(urls)
    assert set(got) == set(urls[:40])


def test_fetch_images_overall_time_limit(server: hs.Server) -> None:
    started = time.monotonic()
    got = fetch_images([server.url("/hang"), server.url("/img/ok.png")], total=1.5)
    assert time.monotonic() - started < 4
    assert list(got) == [server.url("/img/ok.png")]


def test_fetch_images_cancel(server: hs.Server) -> None:
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    started = time.monotonic()
    assert fetch_images([server.url("/hang")], cancel=stop) == {}
    assert time.monotonic() - started < 2


def test_with_images_fills_assets_keyed_by_src(server: hs.Server) -> None:
    base = server.url("/articles/story.html")
    content = (
        '<figure><img src="/img/lead.png" srcset="/img/small.png 400w, /img/large.png 1200w">'
        f'</figure><p><img src="{server.url("/img/abs.png")}"><img src="/status/404">'
        '<img src="data:image/png;base64,AAAA"><img src="kept.png"></p>'
    )
    kept = Asset("kept.png", "image/png", b"saved")
    article = Article(
        source=base, title="T", content_html=content, text="t", url=base, assets=(kept,)
    )
    result = with_images(article)
    assert result is not article
    by_url = {asset.url: asset for asset in result.assets}
    assert set(by_url) == {"kept.png", "/img/lead.png", server.url("/img/abs.png")}
    assert by_url["/img/lead.png"].data.endswith(b"large.png")  # the srcset pick
    assert by_url["kept.png"] is kept
    assert result.content_html == article.content_html


def test_with_images_without_images_returns_the_article() -> None:
    article = Article(source="s", title="T", content_html="<p>no images</p>", text="no images")
    assert with_images(article) is article


def test_a_saved_page_gets_its_web_images_after_it_is_saved(
    server: hs.Server, tmp_path: Path
) -> None:
    """A page saved without its pictures: they are fetched once, kept in the library, and a
    picture that cannot be fetched (offline, gone) is skipped without a word."""
    from reader.service.images import fetch_missing_images, missing_images
    from reader.store import Library

    offline = f"http://127.0.0.1:{hs.closed_port()}/gone.png"
    content = (
        f'<p><img src="{server.url("/img/one.png")}"><img src="kept.png">'
        f'<img src="{offline}"><img src="data:image/png;base64,AAAA"></p>'
    )
    article = Article(
        source="/saved/page.html", title="T", content_html=content, text="t",
        assets=(Asset("kept.png", "image/png", b"saved"),),
    )  # fmt: skip
    with Library(tmp_path / "library.sqlite3") as library:
        article_id = library.save(article)
        assert missing_images(article, {"kept.png"}) == [server.url("/img/one.png"), offline]
        arrived = fetch_missing_images(library, article_id, article, timeout=2)
        assert [asset.url for asset in arrived] == [server.url("/img/one.png")]
        stored = {asset.url for asset in library.article_assets(article_id)}
        assert stored == {"kept.png", server.url("/img/one.png")}
        assert library.asset(article_id, server.url("/img/one.png")) is not None
        assert fetch_missing_images(library, article_id, article, timeout=2) == []
