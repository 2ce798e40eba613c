"""Recommended stories in the store: dedupe, maintained aggregate, read state, For you."""

from pathlib import Path

import pytest

from reader.model import Article, Story
from reader.store import Library


def page(url: str, stories: tuple[Story, ...], title: str = "Page", text: str = "text") -> Article:
    return Article(
        source=f"{url.rsplit('/', 1)[-1]}.html",
        title=title,
        content_html=f"<p>{text}</p>",
        text=text,
        url=url,
        recommended=stories,
    )


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "library.sqlite3") as lib:
        yield lib


def aggregate(library: Library) -> dict[str, int]:
    rows = library._conn.execute("SELECT title, times_recommended FROM stories").fetchall()
    return {title: count for title, count in rows}


def recount(library: Library) -> dict[str, int]:
    """The GROUP BY the maintained aggregate saves us from, to check it."""
    rows = library._conn.execute(
        "SELECT s.title, count(a.id) FROM stories s"
        " LEFT JOIN article_stories l ON l.story_id = s.id"
        " LEFT JOIN articles a ON a.id = l.article_id AND a.deleted_at IS NULL"
        " GROUP BY s.id"
    ).fetchall()
    return {title: count for title, count in rows}


def test_page_order_and_dedupe_by_normalized_url(library: Library) -> None:
    stories = (
        Story("Second", "https://news.example/b", "sb", "News"),
        Story("First", "https://news.example/a", "sa"),
        Story("First again", "HTTPS://NEWS.example/a/?utm_medium=rail#x"),
        Story("No link", None, "only text"),
        Story("  no   LINK ", None),
    )
    article_id = library.save(page("https://site.example/p1", stories))
    got = library.stories(article_id)
    assert [s.story.title for s in got] == ["Second", "First", "No link"]
    assert got[0].story.summary == "sb" and got[0].story.source == "News"
    assert got[1].story.summary == "sa"  # a later sighting without summary keeps it
    assert library._conn.execute("SELECT count(*) FROM stories").fetchone()[0] == 3


def test_aggregate_follows_saves_updates_and_deletes(library: Library) -> None:
    shared = Story("Shared", "https://news.example/shared")
    only_one = Story("Only one", "https://news.example/one")
    first = library.save(page("https://site.example/1", (shared, only_one)))
    second = library.save(page("https://site.example/2", (shared,)))
    assert aggregate(library) == {"Shared": 2, "Only one": 1} == recount(library)
    library.save(page("https://site.example/2", (shared,)))  # unchanged re-save
    assert aggregate(library) == recount(library)
    library.save(page("https://site.example/1", (only_one,), text="v2"))  # update drops one
    assert aggregate(library) == {"Shared": 1, "Only one": 1} == recount(library)
    library.delete(second)
    assert aggregate(library) == {"Shared": 0, "Only one": 1} == recount(library)
    library.restore(second)
    assert aggregate(library) == recount(library)
    library.delete(first)
    library.save(page("https://site.example/1", (shared, only_one), text="v3"))  # revived
    assert aggregate(library) == {"Shared": 2, "Only one": 1} == recount(library)
    by_title = {s.story.title: s for s in library.stories(first)}
    assert by_title["Shared"].first_seen is not None
    assert by_title["Shared"].last_seen >= by_title["Shared"].first_seen  # type: ignore[operator]


def test_story_links_to_saved_article_and_read_state(library: Library) -> None:
    story = Story("Follow-up", "https://news.example/follow-up")
    source = library.save(page("https://site.example/1", (story,)))
    assert library.stories(source)[0].article_id is None
    follow_up = library.save(page("https://news.example/follow-up?utm_source=x", ()))
    assert library.stories(source)[0].article_id == follow_up
    assert [s.story.title for s in library.for_you()] == ["Follow-up"]
    library.mark_opened(follow_up)  # reading the story's article reads the story
    assert library.stories(source)[0].read is True
    assert library.for_you() == []


def test_mark_story_read(library: Library) -> None:
    library.save(page("https://site.example/1", (Story("A", "https://n.example/a"),)))
    story_id = library.for_you()[0].id
    library.mark_story_read(story_id)
    assert library.for_you() == []
    library.mark_story_read(story_id, False)
    assert len(library.for_you()) == 1


def test_for_you_prefers_often_recommended_and_hides_ads(library: Library) -> None:
    popular = Story("Popular", "https://n.example/popular")
    ad = Story("Win big", "https://ads.example/x", sponsored=True)
    library.save(page("https://site.example/1", (popular, Story("Rare", "https://n.example/r"))))
    library.save(page("https://site.example/2", (popular, ad)))
    library.save(page("https://site.example/3", (popular, ad)))
    titles = [s.story.title for s in library.for_you()]
    assert titles == ["Popular", "Rare"]
    with_ads = [s.story.title for s in library.for_you(include_sponsored=True)]
    assert with_ads[0] == "Popular" and "Win big" in with_ads
    assert library.for_you()[0].times_recommended == 3


def test_for_you_prefers_recent_sightings(library: Library) -> None:
    old = Story("Old news", "https://n.example/old")
    new = Story("Fresh news", "https://n.example/fresh")
    library.save(page("https://site.example/1", (old,)))
    library.save(page("https://site.example/2", (new,)))
    conn = library._conn
    month = 30 * 24 * 3600
    conn.execute(
        "UPDATE stories SET last_seen = last_seen - ?,"
        " score = reader_story_score(times_recommended, last_seen - ?) WHERE title = 'Old news'",
        (month, month),
    )
    assert [s.story.title for s in library.for_you()] == ["Fresh news", "Old news"]


def test_for_you_prefers_stories_close_to_what_was_read(library: Library) -> None:
    stories = (
        Story("Garden tomatoes in a dry summer", "https://n.example/tomatoes", "Watering tips"),
        Story("Stock markets fall again", "https://n.example/stocks", "Investors worry"),
    )
    library.save(page("https://site.example/1", stories))
    baseline = [s.story.title for s in library.for_you()]
    reading = library.save(
        page(
            "https://site.example/garden",
            (),
            title="Growing tomatoes without watering",
            text="tomatoes watering garden summer",
        )
    )
    library.mark_opened(reading)
    ranked = [s.story.title for s in library.for_you()]
    assert ranked[0] == "Garden tomatoes in a dry summer"
    assert sorted(ranked) == sorted(baseline)


def test_for_you_uses_the_rank_index(library: Library) -> None:
    plan = library._conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM stories s INDEXED BY stories_rank"
        " WHERE s.read = 0 AND s.times_recommended > 0 AND s.sponsored = 0"
        " ORDER BY s.score DESC LIMIT 10"
    ).fetchall()
    assert "stories_rank" in " ".join(str(row) for row in plan)


def test_each_article_keeps_the_list_its_stories_sat_in(library: Library) -> None:
    """One story can sit in "Most read" on one page and "Related" on another; the library
    gives each article its own lists back, and For you shows the story once."""
    shared = "https://news.example/shared-story"
    first = library.save(
        page(
            "https://site.example/1",
            (
                Story("Shared story", shared, group="Most read"),
                Story("Another one", "https://news.example/another", group="Most read"),
                Story("Inline line", "https://news.example/inline"),
            ),
        )
    )
    second = library.save(
        page("https://site.example/2", (Story("Shared story", shared, group="Related"),))
    )
    assert [s.story.group for s in library.stories(first)] == ["Most read", "Most read", ""]
    assert [s.story.group for s in library.stories(second)] == ["Related"]
    assert [s.story.url for s in library.for_you()].count(shared) == 1
