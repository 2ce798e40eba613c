"""A search costs bounded work: at most MAX_TERMS terms (more is refused with a reason a
person can act on), a term typed twice counts once, and snippets mark only the first
HIGHLIGHT_TERMS terms (FTS5's snippet() grows with the square of the terms it marks)."""

import pytest
from reader_cli import run_reader

from reader.errors import QueryError
from reader.model import Article
from reader.store import Library
from reader.store.search import HIGHLIGHT_TERMS, MAX_TERMS, parse

WORDS = [f"word{n:02d}" for n in range(MAX_TERMS + 8)]


@pytest.fixture
def library(data_dir):
    with Library() as lib:
        text = " ".join(WORDS) + " and the harbour in the morning"
        lib.save(
            Article(
                source="https://x.example/a",
                title="Every word",
                content_html=f"<p>{text}</p>",
                text=text,
                url="https://x.example/a",
            )
        )
        yield lib


def test_up_to_the_limit_a_search_runs(library):
    hits = library.search(" ".join(f"{word[:-1]}*" for word in WORDS[:MAX_TERMS]))
    assert [hit.title for hit in hits] == ["Every word"]


def test_over_the_limit_the_search_is_refused_with_a_reason(library):
    with pytest.raises(QueryError, match=f"at most {MAX_TERMS} words.*has {MAX_TERMS + 1}"):
        library.search(" ".join(WORDS[: MAX_TERMS + 1]))


def test_filters_and_exclusions_count_as_terms():
    query = " ".join(["harbour", "-fog", "site:x.example", "is:unread"] * 9 + ["x"] * 40)
    with pytest.raises(QueryError):
        parse(" ".join(f"{term}{n}" for n, term in enumerate(query.split())))


def test_a_term_typed_many_times_counts_once(library):
    parsed = parse("harbour " * 500 + '"the morning" ' * 100)
    assert parsed.match == '"harbour" AND "the morning"'
    assert [hit.title for hit in library.search("harbour* " * 1000)] == ["Every word"]


def test_snippets_mark_only_the_first_terms(library):
    query = " ".join(WORDS[:MAX_TERMS])
    parsed = parse(query)
    assert parsed.highlight == " AND ".join(f'"{word}"' for word in WORDS[:HIGHLIGHT_TERMS])
    (hit,) = library.search(query)
    marked = {text for text, is_match in hit.parts if is_match}
    assert marked and marked <= set(WORDS[:HIGHLIGHT_TERMS])


def test_the_command_line_says_why_in_one_line(data_dir):
    result = run_reader("search", " ".join(WORDS))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert f"at most {MAX_TERMS} words" in result.stderr
