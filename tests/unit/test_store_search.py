"""Search syntax: words, phrases, prefix*, -exclusion, filters, and garbage that never raises."""

from pathlib import Path

import pytest

from reader.highlights.anchors import Anchor
from reader.model import Article
from reader.store import Library
from reader.store.search import parse

DOCS = [
    ("Tomato gardens", "https://gardens.example/tomato", "Growing red tomatoes in summer heat."),
    ("Bread at home", "https://www.bakery.example/bread", "Sourdough bread needs time and heat."),
    ("Garden birds", "https://gardens.example/birds", "Red robins visit the garden in winter."),
    ("Tomato sauce", "https://food.example/sauce", "A sauce of tomatoes, garlic & <oil>."),
]


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "library.sqlite3") as lib:
        for title, url, text in DOCS:
            lib.save(
                Article(
                    source=url,
                    title=title,
                    content_html=f"<p>{text}</p>",
                    text=text,
                    url=url,
                    site_name=url.split("/")[2].removeprefix("www."),
                    byline="Sam Baker" if "bread" in url else None,
                )
            )
        yield lib


def titles(library: Library, query: str) -> set[str]:
    return {hit.title for hit in library.search(query)}


def test_words_are_anded_and_ranked(library: Library) -> None:
    assert titles(library, "red") == {"Tomato gardens", "Garden birds"}
    assert titles(library, "red summer") == {"Tomato gardens"}
    hits = library.search("tomato")
    assert hits[0].title in {"Tomato gardens", "Tomato sauce"}
    assert all(hits[i].rank <= hits[i + 1].rank for i in range(len(hits) - 1))


def test_phrase_prefix_and_exclusion(library: Library) -> None:
    assert titles(library, '"red robins"') == {"Garden birds"}
    assert titles(library, '"robins red"') == set()
    assert titles(library, "tomat*") == {"Tomato gardens", "Tomato sauce"}
    assert titles(library, "tomato -sauce") == {"Tomato gardens"}
    assert titles(library, 'heat -"sourdough bread"') == {"Tomato gardens"}
    assert titles(library, "-tomato") == {"Bread at home", "Garden birds"}


def test_byline_and_diacritics(library: Library) -> None:
    assert titles(library, "baker") == {"Bread at home"}
    assert titles(library, "bréad") == {"Bread at home"}


def test_filters(library: Library) -> None:
    assert titles(library, "site:gardens.example") == {"Tomato gardens", "Garden birds"}
    assert titles(library, "site:bakery.example") == {"Bread at home"}  # www. host
    assert titles(library, "red site:gardens.example -birds") == {"Tomato gardens"}
    bread = library.find_by_url("https://www.bakery.example/bread")
    assert bread is not None
    library.set_tags(bread, ["Kitchen"])
    library.set_starred(bread, True)
    assert titles(library, "tag:kitchen") == {"Bread at home"}
    assert titles(library, "heat tag:kitchen") == {"Bread at home"}
    assert titles(library, "kitchen") == {"Bread at home"}  # tags are searchable text
    assert titles(library, "is:starred") == {"Bread at home"}
    assert "Bread at home" not in titles(library, "heat -is:starred")
    library.set_read(bread, True)
    assert titles(library, "heat is:unread") == {"Tomato gardens"}
    library.set_archived(bread, True)
    assert titles(library, "is:archived") == {"Bread at home"}


def test_snippets_are_html_safe_and_highlighted(library: Library) -> None:
    [hit] = library.search("garlic")
    assert "<b>garlic</b>" in hit.snippet
    assert "&amp;" in hit.snippet and "&lt;oil&gt;" in hit.snippet
    assert "<oil>" not in hit.snippet


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "AND(",
        "(",
        ")",
        "*",
        "-",
        "NEAR(a b)",
        "a OR",
        "NOT",
        "tomato AND",
        "title:tomato",
        "site:",
        "is:bogus",
        "tag:",
        "'; DROP TABLE articles; --",
        '"unclosed phrase',
        "^tomato",
        "tomato:",
        "col:val*",
        "\x00",
        "🍅",
        "-" * 50,
        "a" * 5000,
    ],
)
def test_garbage_never_raises(library: Library, query: str) -> None:
    library.search(query)
    assert library.count() == 4


def test_operators_are_plain_words(library: Library) -> None:
    # "AND(" is the word "and", not FTS5 syntax: only the bread text has it.
    assert titles(library, "AND(") == {"Bread at home"}
    assert titles(library, '"unclosed red') == set()
    assert titles(library, '"red robins') == {"Garden birds"}


def test_excluding_a_site_keeps_articles_with_no_address(library: Library) -> None:
    """A saved text dump has no host and no site name: it is on no site, so "-site:" keeps
    it (SQL's NOT NULL would have dropped it)."""
    library.save(
        Article(
            source="/notes/heat.txt",
            title="Heat notes",
            content_html="<p>Notes on summer heat.</p>",
            text="Notes on summer heat.",
        )
    )
    assert titles(library, "heat -site:gardens.example") == {"Bread at home", "Heat notes"}
    assert titles(library, "-site:bakery.example") == {
        "Tomato gardens",
        "Garden birds",
        "Tomato sauce",
        "Heat notes",
    }
    assert titles(library, "heat site:gardens.example") == {"Tomato gardens"}


def test_parse_shapes() -> None:
    parsed = parse('red "a phrase" pre* -not site:x.org tag:t is:unread')
    assert parsed.match == '"red" AND "a phrase" AND "pre"*'
    assert parsed.exclude == '"not"'
    assert len(parsed.conditions) == 3
    assert parse("").match is None
    assert parse('say "he said ""hi"""').match is not None


def test_empty_query_gives_nothing(library: Library) -> None:
    assert library.search("") == []
    assert library.search("   ") == []


def test_any_text_is_a_valid_query(tmp_path: Path) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    with Library(tmp_path / "fuzz.sqlite3") as lib:
        lib.save(Article(source="a", title="Alpha beta", content_html="<p>g</p>", text="gamma"))

        @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
        @given(
            st.text(
                alphabet=st.characters(codec="utf-8") | st.sampled_from('"*-:()^+'), max_size=40
            )
        )
        def search_anything(query: str) -> None:
            lib.search(query)

        search_anything()


def _hyphenated(url: str, title: str, text: str) -> Article:
    return Article(source=url, title=title, content_html=f"<p>{text}</p>", text=text, url=url)


def _index_is_whole(library: Library) -> None:
    library._conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
    )


def test_a_word_the_page_broke_with_soft_hyphens_is_found_whole(tmp_path: Path) -> None:
    """German pages mark where a long word may break (&shy;, U+00AD); the search index
    split the word there, so "Wissenschaft" did not find "Wissen&shy;schaft"."""
    with Library(tmp_path / "library.sqlite3") as library:
        url = "https://zeitung.example/forschung"
        article_id = library.save(
            _hyphenated(url, "Sonnen\u00adenergie im Winter", "Die Wissen\u00adschaft staunt.")
        )

        assert titles(library, "Wissenschaft") == {"Sonnen\u00adenergie im Winter"}
        assert titles(library, "Sonnenenergie") == {"Sonnen\u00adenergie im Winter"}
        assert titles(library, "Wissen\u00adschaft") == {"Sonnen\u00adenergie im Winter"}  # pasted
        assert library.article(article_id).article.text == "Die Wissen\u00adschaft staunt."

        library.save(_hyphenated(url, "Sonnen\u00adenergie", "Die Forschungs\u00adgruppe staunt."))
        library.set_tags(article_id, ["Klima"])
        _index_is_whole(library)
        assert titles(library, "Forschungsgruppe") == {"Sonnen\u00adenergie"}
        assert titles(library, "Wissenschaft") == set()

        library.delete(article_id)
        library._purge_deleted(older_than=-1)  # past the undo window: gone for good
        _index_is_whole(library)
        assert library.search("Forschungsgruppe") == []


def test_highlights_and_notes_broken_by_soft_hyphens_are_found_whole(tmp_path: Path) -> None:
    """A quote keeps the page's soft hyphens (and a note pasted from it): the highlights
    view and the article search find them by the whole word all the same."""
    with Library(tmp_path / "library.sqlite3") as library:
        url = "https://zeitung.example/wale"
        article_id = library.save(
            _hyphenated(url, "Wale im Fjord", "Die Wissen\u00adschaft zählt.")
        )
        quote = Anchor(exact="Wissen\u00adschaft", prefix="Die ", suffix=" zählt.")
        kept = library.add_highlight(article_id, quote, note="Forschungs\u00adgruppe fragen")

        assert [found.id for found in library.highlights("Wissenschaft")] == [kept.id]
        assert [found.id for found in library.highlights("Forschungsgruppe")] == [kept.id]
        assert titles(library, "Forschungsgruppe") == {"Wale im Fjord"}
        library._conn.execute(
            "INSERT INTO highlights_fts(highlights_fts, rank) VALUES ('integrity-check', 1)"
        )
        _index_is_whole(library)
