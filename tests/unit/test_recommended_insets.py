"""Boxes set into the story between its paragraphs (an <aside> holding one or two other
stories' cards: a picture, the headline, a "Read more") are recommendations the story
makes; a box of the story's own (a pull quote, a box linking its source) is not."""

from __future__ import annotations

import lxml.html

from reader.extract.recommended import find_recommended

SITE = "https://www.savings.example"
PAGE = f"{SITE}/how-to-stop-buying-things-you-do-not-need-1690268064"


def _paragraphs(n: int) -> str:
    return "".join(
        f"<p>Before you can stop buying things you do not need, you have to find out what they "
        f"are, and the first step is to list everything you own, room by room ({n}.{i}).</p>"
        for i in range(3)
    )


def _card(url: str, title: str) -> str:
    return (
        f'<div class="referenced-item"><a href="{url}"><img src="/i.jpg" alt=""></a>'
        f'<h6 class="headline"><span class="full"><a href="{url}">{title}</a></span>'
        f'<span class="short"><a href="{url}">{title}</a></span></h6>'
        f'<p class="text">Stores know how to make you spend. <a href="{url}">Read more</a></p>'
        "</div>"
    )


def _found(body: str) -> list[str | None]:
    html = f"""<html><head><title>Stop buying</title>
<meta property="og:type" content="article"></head><body>
<article><h1>How to stop buying things you do not need</h1>
<div class="post-content">{body}</div></article></body></html>"""
    stories = find_recommended(lxml.html.document_fromstring(html), PAGE, PAGE)
    return [story.url for story in stories]


def test_cards_set_between_the_paragraphs_are_related_stories() -> None:
    first = f"{SITE}/how-stores-manipulate-your-senses-so-you-spend-more-475987594"
    second = f"{SITE}/how-your-brain-corrupts-your-shopping-choices-5968125"
    third = f"{SITE}/how-to-defeat-the-urge-to-binge-shop-1468216943"
    body = (
        _paragraphs(1)
        + f'<aside class="inset"><a href="{PAGE}#share">Share</a>'
        + _card(first, "How Stores Manipulate Your Senses So You Spend More Money")
        + _card(second, "How Your Brain Corrupts Your Shopping Choices")
        + "</aside>"
        + _paragraphs(2)
        + f'<aside class="inset">{_card(third, "How to Defeat the Urge to Binge Shop")}</aside>'
        + _paragraphs(3)
    )
    assert _found(body) == [first, second, third]


def test_a_box_of_the_story_own_is_no_card() -> None:
    source = f"{SITE}/the-survey-this-story-quotes-1690000001"
    body = (
        _paragraphs(1)
        + '<aside class="pullquote"><p>"List everything you own, room by room."</p></aside>'
        + f'<aside class="source"><p>The figures come from <a href="{source}">a survey of '
        f"2,000 shoppers</a> run by the magazine last spring, weighted by age.</p>"
        + f'<a href="{SITE}/about/">About the magazine</a></aside>'
        + _paragraphs(2)
    )
    assert _found(body) == []
