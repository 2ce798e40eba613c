"""Stage 4c: a page that is a discussion is read as the discussion.

Readers' comments stay out of an article: readability drops boxes named so before it
scores, and the guard's second opinion runs without them. But on a page whose substance
is the discussion (a "your views" page: the site's question, its reply form, the
readers' answers) readability keeps one entry and the furniture around it, and the view
is near-empty. Such a page opens its discussion before the story readability kept: the
question or the form's notes sit in boxes named as comments above the first sentence
kept, and the thread goes on below it. There, and only when the thread dwarfs the story,
the story is the box holding the whole discussion.

On an article with comments the thread follows the story. Size alone cannot tell the two
apart (measured on the development corpora's tuning pages): CleanEval keeps comments in
its gold, Dragnet's article-only gold does not, and pages of either kind have a story of
25-400 words under a thread 4 to 80 times as long (dragnet R728: 25 words under 1,003 of
comments, article-only F1 1.00, 0.05 with them). Where the thread opens is what differs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.extract.guard import SHINGLE, linked_words, phrases, word_total
from reader.extract.opinion import words_of

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Boxes a page names as its readers' comments, as readability's "unlikely candidate" test
# finds them (WordPress "commentlist", "comment-279", Blogger "comment-body", BBC
# "commenti", Disqus, "respond", "replies").
THREAD_NAMES = re.compile(r"comment|disqus|discussion|replies|\brespond\b", re.I)
# A story this long is an article, whatever follows it.
STORY_MAX_WORDS = 250
# The thread has at least this many times the story's words (cleaneval final_266: 610
# words of question, notes and answers against 65 kept).
THREAD_FACTOR = 3.0
# A run of text this long is a sentence (reader.extract.guard.PROSE_BLOCK_WORDS): boxes
# named as comments above the story count only with one in them. Above the story, the
# 1,105 tuning pages otherwise show comment counts ("12 comments"), moderation menus and
# "discussions disabled" notes (1 to 9 words), never a sentence.
SENTENCE_WORDS = 12
# A box named as comments that holds this share of the story's phrases wraps the story
# (WordPress marks an article "comments-open"): it is looked into, not taken.
WRAPPER_SHARE = 0.5
# A box mostly in links is a "recent comments" list of the sidebar, not the discussion;
# the same holds for the box holding the discussion (reader.extract.guard.REGION_MAX_LINKS).
THREAD_MAX_LINKS = 0.35
FORM_TAGS = ("form", "textarea", "input", "button", "select")


def discussion_story(
    main: HtmlElement,
    page_words: int,
    fresh_tree: Callable[[], HtmlElement],
    words: list[str] | None = None,
) -> HtmlElement:
    """The box holding the page's discussion when the page is one (see the module
    docstring); ``main`` otherwise. ``page_words``: the page's word count, which tells for
    free whether the page has room for a thread THREAD_FACTOR times the story; ``words``:
    the words of ``main`` (reader.extract.opinion.words_of), when the caller has them."""
    if words is None:
        words = words_of(main.text_content())
    if len(words) >= STORY_MAX_WORDS or page_words < (1 + THREAD_FACTOR) * len(words):
        return main
    opening = _first_sentence(main)
    if opening is None:
        return main
    tree = fresh_tree()
    boxes = thread_boxes(tree, set(phrases(words)))
    if sum(word_total(box) for box in boxes) < THREAD_FACTOR * max(1, len(words)):
        return main
    start = _holding(tree, opening)
    order = {elem: index for index, elem in enumerate(tree.iter())}
    if start is None or not any(
        order[box] < order[start] and _first_sentence(box) is not None for box in boxes
    ):
        return main
    holder = _common_ancestor(boxes)
    if holder is None or holder.tag in ("html", "body"):
        return main
    _drop_forms(holder)
    return main if linked_words(holder) > THREAD_MAX_LINKS * word_total(holder) else holder


def thread_boxes(root: HtmlElement, story: set[tuple[str, ...]]) -> list[HtmlElement]:
    """The outermost boxes of ``root`` named as comments, in page order, without their
    reply forms: not a wrapper of the story (``story``: its phrases), not a list of
    links, not a part of the story already."""
    found: list[HtmlElement] = []
    stack = [root]
    while stack:
        elem = stack.pop()
        children = [child for child in elem if isinstance(child.tag, str)]
        named = THREAD_NAMES.search(f"{elem.get('class', '')} {elem.get('id', '')}")
        if not named or elem.tag in ("html", "body"):
            stack.extend(reversed(children))
            continue
        own = set(phrases(words_of(elem.text_content())))
        shared = len(own & story)
        if story and shared >= WRAPPER_SHARE * len(story):
            stack.extend(reversed(children))  # it wraps the story: its thread is inside
            continue
        if shared >= WRAPPER_SHARE * max(1, len(own)) or elem.tag in FORM_TAGS:
            continue  # the story holds it already, or it is the reply form
        _drop_forms(elem)
        words = word_total(elem)
        if words and linked_words(elem) <= THREAD_MAX_LINKS * words:
            found.append(elem)
    return found


def _first_sentence(elem: HtmlElement) -> tuple[str, ...] | None:
    """The first phrase of the element's first run of text of sentence length."""
    for run in elem.itertext():
        words = words_of(run)
        if len(words) >= SENTENCE_WORDS:
            return tuple(words[:SHINGLE])
    return None


def _holding(root: HtmlElement, phrase: tuple[str, ...]) -> HtmlElement | None:
    """The first element of ``root`` whose own text (its text, its children's tails)
    holds ``phrase``."""
    for elem in root.iter():
        if not isinstance(elem.tag, str):
            continue
        for run in (elem.text, *(child.tail for child in elem)):
            if phrase in phrases(words_of(run or "")):
                return elem
    return None


def _common_ancestor(elems: list[HtmlElement]) -> HtmlElement | None:
    if not elems:
        return None
    shared = [elems[0], *elems[0].iterancestors()]
    for elem in elems[1:]:
        mine = {elem, *elem.iterancestors()}
        shared = [ancestor for ancestor in shared if ancestor in mine]
    return shared[0] if shared else None


def _drop_forms(elem: HtmlElement) -> None:
    """The reply form and its fields: the discussion's furniture, not its text."""
    for form in list(elem.iter(*FORM_TAGS)):
        if form.getparent() is not None:
            form.drop_tree()
