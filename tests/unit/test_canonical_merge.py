"""An article is only replaced by the same article: a page that claims another's canonical
address merges with it only when where it came from backs the claim and its text is
plausibly the same; anything else is saved as an article of its own, and nothing a page
says can erase another article."""

import pytest

from reader.model import Article
from reader.store import Library
from reader.store.same_article import origin_backs_claim, plausibly_same

CANONICAL = "https://news.example/2024/05/harbour-reopens"
STORY = " ".join(
    f"Paragraph {n}: the harbour reopened on Monday after the storm, and the ferries ran "
    f"again to the islands while the fishing boats came back with their nets full."
    for n in range(20)
)
OTHER = " ".join(
    f"Session {n} expired. Please log in again at the secure portal to keep reading and "
    "enter your bank details so your subscription is not cancelled tonight."
    for n in range(20)
)


def article(text: str = STORY, title: str = "The harbour reopens", source: str = "") -> Article:
    return Article(
        source=source,
        title=title,
        content_html=f"<p>{text}</p>",
        text=text,
        url=CANONICAL,
    )


@pytest.fixture
def library(data_dir):
    with Library() as lib:
        yield lib


def save(library: Library, item: Article, origin: str):
    return library.save_result(item, origin=origin)


def test_a_file_claiming_a_fetched_article_does_not_replace_it(library):
    original = save(library, article(), CANONICAL)
    claim = save(library, article(OTHER, "Session expired"), "/home/me/Downloads/page.html")
    assert (original.status, claim.status) == ("added", "added")
    assert claim.id != original.id
    assert [hit.id for hit in library.search("ferries")] == [original.id]
    assert library.article(original.id).article.title == "The harbour reopens"


def test_another_host_claiming_it_with_the_same_text_is_a_new_article(library):
    original = save(library, article(), CANONICAL)
    mirror = save(library, article(), "https://mirror.example/copy-of-harbour")
    assert mirror.status == "added" and mirror.id != original.id


def test_the_same_site_with_different_text_is_a_new_article(library):
    original = save(library, article(), CANONICAL)
    other = save(library, article(OTHER, "Log in"), "https://news.example/login?next=harbour")
    assert other.status == "added" and other.id != original.id
    assert library.article(original.id).article.text.startswith("Paragraph 0")


def test_an_update_of_the_same_story_from_its_site_merges(library):
    original = save(library, article(), CANONICAL)
    edited = STORY.replace("Paragraph 3:", "Update: the council met; paragraph 3:")
    updated = save(library, article(edited, "The harbour reopens (updated)"), CANONICAL)
    assert (updated.status, updated.id) == ("updated", original.id)
    mobile = save(library, article(edited + " Corrected."), "https://m.news.example/harbour")
    assert (mobile.status, mobile.id) == ("updated", original.id)


def test_two_saved_files_of_the_same_story_merge(library):
    first = save(library, article(), "/home/me/saved/harbour.html")
    second = save(library, article(STORY + " Photo: the quay."), "/home/me/old/harbour.html")
    assert second.id == first.id and second.status == "updated"
    different = save(library, article(OTHER, "Session expired"), "/tmp/evil.html")
    assert different.id != first.id


def test_the_same_source_again_is_always_the_same_article(library):
    first = save(library, article(), "/home/me/saved/harbour.html")
    again = save(library, article(OTHER, "Rewritten completely"), "/home/me/saved/harbour.html")
    assert again.id == first.id and again.status == "updated"


def test_many_impostors_leave_the_original_alone(library):
    original = save(library, article(), CANONICAL)
    for n in range(30):
        save(library, article(f"{OTHER} {n}", f"Impostor {n}"), f"https://evil{n}.example/x")
    assert library.article(original.id).article.title == "The harbour reopens"
    assert len(library.search("ferries")) == 1


@pytest.mark.parametrize(
    ("canonical", "new", "saved", "backed"),
    [
        (CANONICAL, CANONICAL, None, True),
        (CANONICAL, "https://www.news.example/a", None, True),
        (CANONICAL, "https://evil.example/a", "https://news.example/a", False),
        (CANONICAL, "https://cdn.example/a", "https://cdn.example/b", True),
        (CANONICAL, "/tmp/page.html", "https://news.example/a", False),
        (CANONICAL, "/tmp/page.html", "/home/me/page.html", True),
        (CANONICAL, None, "/home/me/page.html", False),
        (CANONICAL, "https://news.example.evil.example/a", None, False),
    ],
)
def test_which_origins_back_a_claim(canonical, new, saved, backed):
    assert origin_backs_claim(canonical, new, saved) is backed


def test_plausibly_same():
    assert plausibly_same("The harbour reopens", "x", "the  HARBOUR reopens", "y")
    assert plausibly_same("A", STORY, "B", STORY[: len(STORY) // 2])
    assert not plausibly_same("A", STORY, "B", OTHER)
    assert not plausibly_same("", "", "", "")
