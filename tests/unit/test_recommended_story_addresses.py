"""What a link's address says about it: a forum's thread under a German "/foren/" folder is
talk, not a story; a story filed as "/thema/<headline>/<id>" (its id in a folder of its
own) is a story, while "/thema/<name>" stays a topic's page."""

from __future__ import annotations

from capture_pages import article_page, found_urls, paragraphs

SITE = "https://www.magazin.example"
URL = f"{SITE}/leben/gelassenheit-im-alltag-123"
PROSE = paragraphs(
    "Gelassenheit lässt sich üben, sagen Psychologinnen, und zwar am besten in kleinen "
    "Schritten, die in jeden Alltag passen, Absatz {n} dieses Beitrags.",
)
TITLES = (
    "Warum Hundertjährige so gelassen sind",
    "Was selbstbewussten Menschen wirklich hilft",
    "Neid im Freundeskreis: so gehst du damit um",
)


def _found(box: str) -> list[str | None]:
    return found_urls(article_page("Gelassenheit im Alltag", PROSE, box), URL)


def _box(heading: str, urls: list[str]) -> str:
    items = "".join(
        f'<li><a href="{url}">{title}</a></li>' for url, title in zip(urls, TITLES, strict=True)
    )
    return f"<div><h2>{heading}</h2><ul>{items}</ul></div>"


def test_threads_of_a_forum_under_a_german_folder_are_no_stories() -> None:
    threads = [
        f"https://community.magazin.example/foren/beziehung/53273{n}-thread.html" for n in range(3)
    ]
    assert _found(_box("Mehr zum Thema", threads)) == []


def test_a_story_whose_id_has_a_folder_of_its_own_under_a_topic_word_is_a_story() -> None:
    stories = [
        f"{SITE}/thema/{'-'.join(title.lower().replace(':', '').split())}/49703996{n}"
        for n, title in enumerate(TITLES)
    ]
    assert _found(_box("Mehr zum Thema", stories)) == stories


def test_a_topic_page_under_the_same_word_is_no_story() -> None:
    topics = [f"{SITE}/thema/{name}" for name in ("gelassenheit", "psychologie", "neid")]
    assert _found(_box("Mehr zum Thema", topics)) == []
