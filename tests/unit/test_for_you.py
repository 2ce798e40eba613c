""" "For you" as a reader sees it: close to what was read, not only popular; a reason on
each card; the bundled sample's stories never in it; a count of what there is."""

from pathlib import Path

import pytest

from reader.model import Article, Story
from reader.service.reading import Direct, open_source, sample_path
from reader.store import Library

FILLER = [
    "Quarterly earnings beat forecasts at the chip maker",
    "Ten recipes for a quick weekday dinner",
    "The best hiking boots of the season reviewed",
    "City council approves the new bus lanes",
    "A guide to caring for indoor ferns",
    "Football transfer rumours of the week",
]


def page(url: str, stories: tuple[Story, ...], title: str = "Page", excerpt: str = "") -> Article:
    return Article(
        source=f"{url.rsplit('/', 1)[-1]}.html",
        title=title,
        content_html="<p>text</p>",
        text="text",
        url=url,
        excerpt=excerpt or None,
        recommended=stories,
    )


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "library.sqlite3") as lib:
        yield lib


def read(library: Library, url: str, title: str, excerpt: str = "") -> int:
    article_id = library.save(page(url, (), title=title, excerpt=excerpt))
    library.mark_opened(article_id)
    return article_id


def titles(library: Library, limit: int = 50) -> list[str]:
    return [pick.story.title for pick in library.for_you(limit)]


def test_close_stories_beat_a_popular_unrelated_one(library: Library) -> None:
    """Issue 12's case: after reading politics and tech, an unrelated story recommended
    once (and seen more recently) no longer comes before politics and tech stories
    recommended twice."""
    senate = Story("Senate vote on the budget bill delayed again", "https://n.example/senate")
    chips = Story("Chip export rules tighten for phone makers", "https://n.example/chips")
    party = Story("High School Graduation Open House Ideas", "https://n.example/party")
    library.save(page("https://site.example/1", (senate, chips)))
    library.save(page("https://site.example/2", (senate, chips)))
    library.save(page("https://site.example/3", (party,)))
    five_weeks = 35 * 24 * 3600  # the politics stories were last seen a month ago
    library._conn.execute(
        "UPDATE stories SET last_seen = last_seen - ?,"
        " score = reader_story_score(times_recommended, last_seen - ?) WHERE url <> ?",
        (five_weeks, five_weeks, party.url),
    )
    assert titles(library)[0] == party.title  # before any reading: the fresh one first
    read(library, "https://site.example/r1", "Budget fight in the senate", "A vote on the bill")
    read(library, "https://site.example/r2", "Phone makers face new chip rules")
    ranked = titles(library)
    assert ranked.index(party.title) > ranked.index(senate.title)
    assert ranked.index(party.title) > ranked.index(chips.title)


def test_close_stories_are_found_outside_the_popular_pool(library: Library) -> None:
    """After reading about whales, whale stories come first even when hundreds of stories
    are more popular (the old ranking re-ranked only the 250 most popular)."""
    for number in range(300):
        popular = (Story(f"{FILLER[number % 6]} ({number})", f"https://n.example/p{number}"),)
        library.save(page(f"https://site.example/a{number}", popular * 1))
        library.save(page(f"https://site.example/b{number}", popular))
    whales = (
        Story("Pilot whales stranded on a beach in Golden Bay", "https://n.example/w1"),
        Story("Why do whales beach themselves?", "https://n.example/w2"),
    )
    conn = library._conn
    library.save(page("https://site.example/whale-page", whales))
    conn.execute("UPDATE stories SET score = score - 1 WHERE url LIKE 'https://n.example/w%'")
    before = titles(library)
    assert not {w.title for w in whales} & set(before)  # popularity alone never shows them
    read(library, "https://site.example/read", "Pilot whales stranded again on a New Zealand beach")
    assert set(titles(library, 2)) == {w.title for w in whales}


def test_each_pick_says_why(library: Library) -> None:
    garden = Story("Tomatoes that survive a dry summer", "https://n.example/tomatoes")
    popular = Story("Markets fall again", "https://n.example/markets")
    once = Story("A new bridge opens", "https://n.example/bridge")
    library.save(page("https://site.example/1", (garden, popular), title="Weekend papers"))
    library.save(page("https://site.example/2", (popular, once), title="Morning briefing"))
    read(library, "https://site.example/r", "Growing tomatoes without watering")
    reasons = {pick.story.title: pick.reason for pick in library.for_you()}
    assert reasons[garden.title] is not None
    assert reasons[garden.title].text == "Because you read “Growing tomatoes without watering”"
    assert reasons[popular.title] is not None
    assert reasons[popular.title].text == "Recommended by 2 of your articles"
    assert reasons[once.title] is not None
    assert reasons[once.title].text == "Recommended by “Morning briefing”"


def test_a_word_a_story_breaks_with_soft_hyphens_still_matches_the_reading(
    library: Library,
) -> None:
    """German headlines mark where a long word may break (&shy;): "Wissen&shy;schaftler"
    is the word of an article read about "Wissenschaftler", not "wissen" and "schaftler"."""
    close = Story("Wissen\u00adschaftler zählen Delfine", "https://n.example/delfine")
    other = Story("Neue Buslinie eröffnet", "https://n.example/bus")
    library.save(page("https://site.example/1", (close, other), title="Morgenzeitung"))
    read(library, "https://site.example/r", "Wissenschaftler beobachten Robben")
    reasons = {pick.story.title: pick.reason for pick in library.for_you()}
    reason = reasons[close.title]
    assert reason is not None
    assert reason.text == "Because you read “Wissenschaftler beobachten Robben”"


def test_the_sample_stories_never_enter_for_you(library: Library) -> None:
    document = open_source(str(sample_path()), Direct(library))
    assert document.stories  # its own sidebar still lists them
    assert library.for_you(include_sponsored=True) == []
    assert library.for_you_count(include_sponsored=True) == 0
    assert library.stories(document.article_id or 0)[0].times_recommended == 0
    library.delete(document.article_id or 0)
    library.restore(document.article_id or 0)
    assert library.for_you(include_sponsored=True) == []
    real = Story("A story a real page recommends", "https://n.example/real")
    library.save(page("https://site.example/1", (real,)))
    assert titles(library) == [real.title]


def test_the_sample_saved_by_an_older_reader_stops_counting(tmp_path: Path) -> None:
    from reader.store.migrate import SCHEMA_VERSION, migrate

    path = tmp_path / "old.sqlite3"
    with Library(path) as library:
        library.save(
            page("https://site.example/s", (Story("Example story", "https://example.org/s"),)),
            origin=str(sample_path()),
        )
        conn = library._conn
        conn.execute("UPDATE articles SET bundled = 0")
        conn.execute("UPDATE stories SET times_recommended = 1, score = 1")
        conn.execute("DROP TRIGGER stories_ai")
        conn.execute("DROP TRIGGER stories_ad")
        conn.execute("DROP TRIGGER stories_au")
        conn.execute("DROP TABLE stories_vocab")
        conn.execute("DROP TABLE stories_fts")
        conn.execute("DROP TRIGGER story_counts_ai")
        conn.execute("DROP TRIGGER story_counts_ad")
        conn.execute("DROP TRIGGER story_counts_au")
        conn.execute("DROP TABLE story_counts")
        conn.execute("ALTER TABLE articles DROP COLUMN bundled")
        conn.execute("PRAGMA user_version = 4")
        assert migrate(conn, path, target=5) == 5
        # the objects of the schemas after 5 were never dropped: the file is as new as them
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    with Library(path) as library:
        assert library.for_you() == []
        assert library._conn.execute("SELECT bundled FROM articles").fetchone() == (1,)


def test_count_says_how_many_unread_stories_there_are(library: Library) -> None:
    stories = tuple(Story(f"Story {n}", f"https://n.example/{n}") for n in range(60))
    ad = Story("Buy now", "https://ads.example/x", sponsored=True)
    library.save(page("https://site.example/1", (*stories, ad)))
    assert len(library.for_you(50)) == 50
    assert library.for_you_count() == 60
    assert library.for_you_count(include_sponsored=True) == 61
    library.mark_story_read(library.for_you(1)[0].id)
    assert library.for_you_count() == 59  # a change is seen at once


def test_another_process_changing_the_library_changes_its_version(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    with Library(path) as window, Library(path) as importer:
        before = window.version()
        assert window.version() == before  # nothing changed: the same answer
        importer.save(page("https://site.example/1", (Story("S", "https://n.example/s"),)))
        assert window.version() != before
        assert window.for_you_count() == 1


def test_cli_shows_reasons_and_says_how_many_there_are(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from reader.cli import main

    with Library() as library:  # the command's own library folder
        stories = tuple(
            Story(f"{FILLER[n] if n < 5 else 'Harbour lights'} {n}", f"https://n.example/{n}")
            for n in range(8)
        )
        library.save(page("https://site.example/1", stories, title="Harbour weekly"))
        read(library, "https://site.example/r", "Harbour lights at night")
    assert main(["recommended", "--limit", "3"]) == 0
    out, err = capsys.readouterr()
    assert out.count("Because you read “Harbour lights at night”") == 3
    assert err.strip() == (
        "reader: the best 3 of 8 unread stories; there are more (--limit N to see them)"
    )
    assert main(["recommended", "--format", "json", "--limit", "1"]) == 0
    (pick,) = json.loads(capsys.readouterr().out)
    assert pick["reason"]["kind"] == "read" and pick["reason"]["title"] == "Harbour lights at night"
