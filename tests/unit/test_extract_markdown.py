"""`reader extract --format markdown`: the sanitized article as CommonMark."""

from reader.extract.markdown import to_markdown
from reader.model import Article


def article(content_html: str) -> Article:
    return Article(
        source="x.html",
        title="A *title*",
        content_html=content_html,
        text="",
        url="https://s.example/a",
        byline="Kim Park",
        published="2022-01-02",
    )


def test_markdown_blocks_and_inline() -> None:
    md = to_markdown(
        article(
            "<div><h2>Part one</h2><p>Some <strong>bold</strong>, <em>soft</em> and "
            '<a href="https://s.example/b">linked</a> words with <code>x = 1</code>.</p>'
            '<figure><img src="https://s.example/i.jpg" alt="Pic">'
            "<figcaption>Caption</figcaption></figure>"
            "<ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul>"
            "<ol start='3'><li>three</li></ol>"
            "<blockquote><p>Quoted line</p></blockquote>"
            "<pre><code>def f():\n    return 1</code></pre>"
            "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table></div>"
        )
    )
    assert md.startswith("# A \\*title\\*\n\nKim Park · 2022-01-02\n\n<https://s.example/a>")
    for snippet in (
        "## Part one",
        "Some **bold**, *soft* and [linked](https://s.example/b) words with `x = 1`.",
        "![Pic](https://s.example/i.jpg)",
        "*Caption*",
        "- one\n- two\n  - inner",
        "3. three",
        "> Quoted line",
        "```\ndef f():\n    return 1\n```",
        "| A | B |\n| --- | --- |\n| 1 | 2 |",
    ):
        assert snippet in md


def test_markdown_of_an_empty_article() -> None:
    assert (
        to_markdown(article(""))
        == "# A \\*title\\*\n\nKim Park · 2022-01-02\n\n<https://s.example/a>\n"
    )
