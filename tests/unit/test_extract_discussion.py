"""Readers' comments stay out of an article, but a page that is a discussion is read as
one (reader.extract.discussion), each on a small page written for the test.

A "your views" page opens with the site's question and the reply form's notes in boxes
named as comments, then the readers' answers: readability kept one featured answer and
the furniture around it. A short post with a long comment thread below it is an article:
its comments stay out, however long the thread.
"""

from reader.extract import extract
from reader.model import Article, Page

READERS = ("Ann, Leeds", "Bob, Hull", "Cat, York", "Dan, Bath", "Eve, Ely", "Fay, Wells")
ANSWER = (
    "{name} thinks the tune is the band's finest hour, with a chorus that lifts the whole "
    "record and words that still mean something {n} years later."
)


def article(html: str) -> Article:
    return extract(Page(source="test.html", html=html))


def answers(tag: str) -> str:
    return "".join(
        f"<{tag} class='comment-entry'><b>{name}</b><br>{ANSWER.format(name=name, n=n + 20)}"
        f"</{tag}>"
        for n, name in enumerate(READERS)
    )


def views_page() -> str:
    """A site's question, its reply form with notes, a featured answer, the answers."""
    menu = "".join(f"<td><a href='/{w}'>{w}</a></td>" for w in ("Home", "Radio", "Music"))
    return (
        "<html><head><title>Your views: Harbour Lights</title></head><body>"
        f"<table><tr>{menu}</tr></table>"
        "<table><tr><td><h2>Harbour Lights</h2>"
        "<div class='commentq'>Is this the band's best song? Or has a later one beaten it?</div>"
        "<div class='comments'><form action='/post'><input name='name'>"
        "<textarea name='comment'></textarea></form>"
        "<p>Notes: the station will publish as many of your answers as it can but cannot "
        "promise to publish every one it is sent.</p></div>"
        "<div class='about'><p>The finest song of the year, a tune that soars and breaks "
        "your heart at once, with a voice that carries every line of it.</p><b>Gil</b></div>"
        f"<div class='commenti'>{answers('p')}</div>"
        "</td><td><p><a href='/news'>Newsletter sign-up</a></p></td></tr></table>"
        "</body></html>"
    )


def test_a_page_that_is_a_discussion_shows_the_question_and_every_answer() -> None:
    text = article(views_page()).text
    assert "Is this the band's best song?" in text
    for name in READERS:
        assert ANSWER.format(name=name, n=READERS.index(name) + 20) in text
    assert "The finest song of the year" in text  # the featured answer stays
    assert "Newsletter" not in text  # the furniture beside the discussion stays out


def post_page() -> str:
    """A two-sentence post, then a thread of comments ten times as long."""
    thread = "".join(
        f"<li id='comment-{n}'><p>{name} says:</p><p>{ANSWER.format(name=name, n=n)} "
        f"{ANSWER.format(name='And ' + name, n=n + 1)}</p></li>"
        for n, name in enumerate(READERS * 2)
    )
    return (
        "<html><head><title>Harbour Lights live</title></head><body>"
        "<div class='menu'><a href='/'>Home</a> <a href='/about'>About</a></div>"
        "<div class='post'><h2>Harbour Lights live</h2><p>The band played the harbour last "
        "night under a full moon, and the old song closed the set to a crowd that sang "
        "every word of it back to them.</p></div>"
        "<div id='comments'><h3>12 Responses</h3>"
        f"<ol class='commentlist'>{thread}</ol></div>"
        "</body></html>"
    )


def test_a_short_post_keeps_its_long_comment_thread_out() -> None:
    text = article(post_page()).text
    assert "the old song closed the set" in text
    assert "says:" not in text and "finest hour" not in text
