"""Article.assets: the page's saved images that the content shows, keyed as the content says."""

from reader.extract import extract
from reader.model import Asset, Page

BODY = "".join(
    f"<p>Paragraph {i} of a story about saved pages, with enough words to count as text.</p>"
    for i in range(6)
)
HTML = (
    "<html><body><article>"
    f'{BODY}<figure><img src="page_files/a.png"><figcaption>A</figcaption></figure>'
    '<p><img src="cid:part1@example">And more text here in the story body.</p>'
    "</article></body></html>"
)
ASSETS = (
    Asset("page_files/a.png", "image/png", b"png"),
    Asset("cid:part1@example", "image/gif", b"gif"),
    Asset("page_files/unused.png", "image/png", b"no"),
)


def test_assets_follow_absolutized_urls() -> None:
    article = extract(Page("p.html", HTML, url="https://s.example/dir/p.html", assets=ASSETS))
    assert 'src="https://s.example/dir/page_files/a.png"' in article.content_html
    keys = {asset.url: asset.data for asset in article.assets}
    assert keys == {"https://s.example/dir/page_files/a.png": b"png", "cid:part1@example": b"gif"}
    for url in keys:
        assert f'src="{url}"' in article.content_html


def test_assets_keep_relative_keys_without_a_base() -> None:
    article = extract(Page("p.html", HTML, url=None, assets=ASSETS))
    assert {asset.url for asset in article.assets} == {"page_files/a.png", "cid:part1@example"}
