"""Stage 4b: no collapse. readability's story is checked against a second opinion.

readability's choice stands unless the evidence says it kept the wrong box:

- among readability's own stories (its lenient retry's and its strict pass's, the page's
  <main>), the one trafilatura agrees with clearly more is taken;
- when even that one is far smaller than trafilatura's story and mostly outside it (a
  login box, a caption, one row of a layout table), the story is the part of the page
  trafilatura found: the element of a fresh tree that holds most of its text and little
  else, without the boxes inside it that trafilatura left out.
- when readability's story and trafilatura's are different boxes of similar size sharing
  few words (a donation appeal, a teaser box kept instead of the story), trafilatura's
  part of the page is taken the same way;
- when readability kept nothing at all, the part of the page trafilatura found is shown
  (an error would show the reader nothing on a page that holds words).

Agreement is measured on word bags (F1) and, to place trafilatura's story in the page, on
word trigrams: a menu shares common words with any story but not its phrases.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from reader.extract.opinion import Opinion, words_of

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from reader.model import Story

OPINION_MIN_WORDS = 10  # an opinion shorter than this decides nothing
SWITCH_MARGIN = 0.1  # another of readability's stories must agree this much better
# Collapse: the opinion's story has at least this many words...
COLLAPSE_MIN_WORDS = 50
# ...readability's story has under this share of them...
COLLAPSE_SHARE = 0.35
# ...and under this share of its own words inside the opinion's story.
COLLAPSE_OVERLAP = 0.5
# ...and the part of the page the opinion points at is prose, not a menu or a blogroll.
REGION_MAX_LINKS = 0.35
# A part: the opinion's story is this many times readability's and holds nearly all of it.
PART_FACTOR = 2.5
PART_INSIDE = 0.8
PART_MAX_LINKS = 0.1  # ...and the opinion's region is nearly free of links,
# or has a few more links but reads as prose (a blog's post with its links and a sidebar
# of link lists: cleaneval pages of hand-made sites) and holds most of the opinion's words
# (not a teaser box that shares the opinion's first words).
PROSE_MAX_LINKS = 0.25
REGION_PROSE_SHARE = 0.6  # share of the region's words in runs of text of sentence length
REGION_HOLDS = 0.5  # the region holds at least this share of the opinion's word count
# A scrap: readability's story is under this share of the opinion's. It is then a part of
# the story however few of its words the opinion holds (a byline, a caption, a date line).
SCRAP_SHARE = 0.1
# Disjoint: the opinion's story has at least this many words, and readability's agrees
# with it under this word F1, with under this share of its words inside it.
DISJOINT_MIN_WORDS = 100
DISJOINT_AGREEMENT = 0.2
DISJOINT_INSIDE = 0.25
# Markup written out as text ("<a href=...>" in a slideshow's captions, a template) is no
# story a reader wants: a region showing a few such tags is not taken for a part.
LITERAL_TAG = re.compile(r"</?(?:a|p|div|span|img|br)\b")
LITERAL_TAGS_MAX = 3
PROSE_BLOCK_WORDS = 12  # a block this long is a sentence or more, not a menu entry
PART_PROSE_SHARE = 0.7  # ...and most of the opinion's words are in such blocks
# Readers' comments stay out of the story, also when the opinion kept them: boxes named
# so are dropped from its region unless they hold most of it.
COMMENT_FEATURES = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|disqus|respond|replies)(?:$|[\s_-])", re.I
)
# readability's story before its clean-up is taken when the opinion agrees with what the
# clean-up kept under this word F1 (and with the story before it clearly better)...
CLEANED_DOUBT = 0.5
# ...and at least this share of the words the clean-up took sat in links.
CLEANED_LINKS = 0.25
SHINGLE = 3  # words per phrase when placing the opinion's story in the page
# Inside the opinion's region, boxes that share no phrase with it are dropped; these are
# never dropped that way (trafilatura leaves captions, figures and code aside).
KEPT_BOXES = frozenset(("figure", "figcaption", "img", "picture", "pre", "code", "table"))
DROPPED_BOXES = frozenset(
    ("div", "ul", "ol", "dl", "section", "aside", "nav", "form", "header", "footer", "p", "li")
)


def word_total(elem: HtmlElement) -> int:
    return len(words_of(elem.text_content()))


def teaser_words(page_text: str, stories: Sequence[Story]) -> int:
    """The words of the recommended stories (stage 3) the page's text shows. Stories whose
    title it does not show were read from the page's data and hold none of its words."""
    shown = (story for story in stories if story.title in page_text)
    return sum(len(words_of(f"{story.title} {story.summary}")) for story in shown)


def in_doubt(
    candidates: list[HtmlElement],
    page_words: int,
    teasers: int = 0,
    story_words: int | None = None,
) -> bool:
    """Whether the second opinion could change anything, judged before paying for it.

    It is asked when readability itself hesitated (more than one story), or when its story
    holds so few of the page's words that the opinion could be PART_FACTOR times larger
    (both rules below need that, and no opinion holds more words than the page). About a
    quarter of the development pages ask; on the others the answer stands as it is.

    A stream of ``teasers`` (their words: teaser_words) that outweighs the story is what
    the rest of the page is, not a sign of a missed story, and is set aside: the seed (513
    words of story, 1,592 in its twenty teasers, 2,101 in all) is then spared trafilatura's
    import, ~190 ms before its story is on screen. Only a stream that outweighs the story:
    set aside whatever its size, fewer teasers (one held-out page: 199 words of story, 70
    of teasers) cost a page the opinion it needed. 8 development pages no longer ask, and
    the opinion had changed none of them.

    ``story_words``: the word count of ``candidates[0]``, when the caller has it.
    """
    if len(candidates) > 1:
        return True
    story = word_total(candidates[0]) if story_words is None else story_words
    if teasers >= story:
        page_words -= teasers
    return story * PART_FACTOR <= page_words


def words_in(elem: HtmlElement) -> Counter[str]:
    return Counter(words_of(elem.text_content()))


def agreement(words: Counter[str], opinion: Opinion) -> float:
    shared = (words & opinion.words).total()
    return 2 * shared / max(1, words.total() + opinion.total)


def choose_story(
    candidates: list[HtmlElement],
    opinion: Opinion | None,
    fresh_tree: Callable[[], HtmlElement],
    uncleaned: list[HtmlElement] | None = None,
) -> HtmlElement:
    """The story element to keep: ``candidates[0]`` unless the opinion says otherwise.
    ``uncleaned``: ``candidates[0]`` as it was before readability's clean-up, when that
    took most of it (reader.extract.story.main_story)."""
    best = candidates[0]
    if opinion is None or opinion.total < OPINION_MIN_WORDS:
        return best
    bags = [words_in(candidate) for candidate in candidates]
    scores = [agreement(bag, opinion) for bag in bags]
    chosen = 0
    for index in range(1, len(candidates)):
        if scores[index] > scores[chosen] + SWITCH_MARGIN:
            chosen = index
    best, bag = candidates[chosen], bags[chosen]
    if not bag and next(best.iter("img"), None) is None:
        # readability kept nothing (its cleaning dropped every box: a page of ad blocks
        # in tables, cleaneval/final_606); what the opinion found, whatever it is, beats
        # "no article text found" on a page that holds words.
        region = opinion_region(fresh_tree(), opinion)
        return best if region is None or not word_total(region) else region
    if uncleaned and _cleaned_away(candidates[0], bags[0], uncleaned[0], scores[chosen], opinion):
        best, bag = uncleaned[0], words_in(uncleaned[0])
    collapsed = _collapsed(bag, opinion)
    disjoint = _disjoint(bag, opinion)
    if collapsed or disjoint or _part_of(bag, opinion):
        region = opinion_region(fresh_tree(), opinion)
        if region is None or _link_share(region) > REGION_MAX_LINKS:
            return best
        if collapsed:
            return region
        if (
            _few_links(region, opinion)
            and (disjoint or _scrap(bag, opinion) or _inside(bag, words_in(region)) >= PART_INSIDE)
            and len(LITERAL_TAG.findall(region.text_content())) < LITERAL_TAGS_MAX
        ):
            return region
    return best


def _cleaned_away(
    cleaned: HtmlElement,
    bag: Counter[str],
    uncleaned: HtmlElement,
    agreed: float,
    opinion: Opinion,
) -> bool:
    """readability's clean-up took the story with the links it dropped (a directory's
    tables of links, its entries cut for their link density): the opinion disagrees with
    what was kept and agrees clearly better with the story before the clean-up. Boxes of
    prose the clean-up dropped went for their names (a thread of readers' comments): the
    opinion does not overrule that."""
    if agreed >= CLEANED_DOUBT:
        return False
    before = words_in(uncleaned)
    if agreement(before, opinion) <= agreed + SWITCH_MARGIN:
        return False
    removed = before.total() - bag.total()
    links = linked_words(uncleaned) - linked_words(cleaned)
    return links >= CLEANED_LINKS * max(1, removed)


def _few_links(region: HtmlElement, opinion: Opinion) -> bool:
    """Whether the opinion's region is free enough of links to be taken as the story."""
    links = _link_share(region)
    if links <= PART_MAX_LINKS:
        return True
    return (
        links <= PROSE_MAX_LINKS
        and word_total(region) >= REGION_HOLDS * opinion.total
        and _run_prose_share(region) >= REGION_PROSE_SHARE
    )


def _run_prose_share(elem: HtmlElement) -> float:
    """Share of the element's words in runs of text (text between tags) of sentence
    length: a menu, a glossary sidebar, a list of teasers are short runs."""
    runs = [words_of(run) for run in elem.itertext()]
    total = sum(len(run) for run in runs)
    prose = sum(len(run) for run in runs if len(run) >= PROSE_BLOCK_WORDS)
    return prose / max(1, total)


def _disjoint(bag: Counter[str], opinion: Opinion) -> bool:
    """readability and the opinion kept different boxes of similar size, sharing few
    words: readability's is a teaser, a box of other stories or a notice (snippets/
    report24: 87 words, 16% of them inside the opinion's 160-word story)."""
    return (
        opinion.total >= DISJOINT_MIN_WORDS
        and agreement(bag, opinion) < DISJOINT_AGREEMENT
        and _inside(bag, opinion.words) < DISJOINT_INSIDE
        and _prose_share(opinion) >= PART_PROSE_SHARE
    )


def _inside(bag: Counter[str], whole: Counter[str]) -> float:
    return (bag & whole).total() / max(1, bag.total())


def _part_of(bag: Counter[str], opinion: Opinion) -> bool:
    """readability kept one part (a section, one post) of the story the opinion sees whole,
    and the rest is prose too (not a menu, a list of links, a directory)."""
    return (
        opinion.total >= COLLAPSE_MIN_WORDS
        and opinion.total >= PART_FACTOR * bag.total()
        and (_scrap(bag, opinion) or _inside(bag, opinion.words) >= PART_INSIDE)
        and _prose_share(opinion) >= PART_PROSE_SHARE
    )


def _scrap(bag: Counter[str], opinion: Opinion) -> bool:
    return bag.total() < SCRAP_SHARE * opinion.total


def _prose_share(opinion: Opinion) -> float:
    """Share of the opinion's words in blocks of sentence length."""
    prose = sum(len(block) for block in opinion.blocks if len(block) >= PROSE_BLOCK_WORDS)
    return prose / max(1, opinion.total)


def _link_share(elem: HtmlElement) -> float:
    """Share of the element's words that sit in links (a menu, a blogroll: no story)."""
    return linked_words(elem) / max(1, word_total(elem))


def linked_words(elem: HtmlElement) -> int:
    """Anchors (an <a name> without href, often never closed) are no links."""
    return sum(len(words_of(link.text_content())) for link in elem.iter("a") if link.get("href"))


def _collapsed(bag: Counter[str], opinion: Opinion) -> bool:
    if opinion.total < COLLAPSE_MIN_WORDS or bag.total() >= COLLAPSE_SHARE * opinion.total:
        return False
    inside = (bag & opinion.words).total()
    return inside < COLLAPSE_OVERLAP * max(1, bag.total())


def opinion_region(root: HtmlElement, opinion: Opinion) -> HtmlElement | None:
    """The element of ``root`` holding the opinion's story best (trigram F1), cleared of
    boxes the opinion left out; None when the page holds none of it."""
    phrases = _shingles(opinion.blocks)
    if not phrases:
        return None
    matched: dict[HtmlElement, int] = {}
    total: dict[HtmlElement, int] = {}
    elements = [elem for elem in root.iter() if isinstance(elem.tag, str)]
    for elem in reversed(elements):  # children before parents: sums climb up
        own = _own_shingles(elem)
        matched[elem] = matched.get(elem, 0) + sum(1 for shingle in own if shingle in phrases)
        total[elem] = total.get(elem, 0) + len(own)
        parent = elem.getparent()
        if parent is not None:
            matched[parent] = matched.get(parent, 0) + matched[elem]
            total[parent] = total.get(parent, 0) + total[elem]
    best, best_score = None, 0.0
    for elem in elements:
        if elem.tag in ("html", "head") or not matched[elem]:
            continue
        score = 2 * matched[elem] / (total[elem] + len(phrases))
        if score > best_score:
            best, best_score = elem, score
    if best is None:
        return None
    comment_boxes = [
        elem
        for elem in best.iterdescendants()
        if COMMENT_FEATURES.search(f"{elem.get('class', '')} {elem.get('id', '')}")
    ]
    # A box named so that holds most of the story makes the story its entries (a live
    # commentary, a thread): none of them is dropped then.
    if all(matched.get(elem, 0) < matched[best] / 2 for elem in comment_boxes):
        for elem in comment_boxes:
            if elem.getparent() is not None:
                elem.drop_tree()
    for elem in list(best.iterdescendants()):
        if (
            elem.tag in DROPPED_BOXES
            and total.get(elem)
            and not matched.get(elem)
            and not any(inner.tag in KEPT_BOXES for inner in elem.iter())
            and elem.getparent() is not None
        ):
            elem.drop_tree()
    return best


def _shingles(blocks: tuple[tuple[str, ...], ...]) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for block in blocks:
        found.update(phrases(block))
    return found


def phrases(words: tuple[str, ...] | list[str]) -> Iterator[tuple[str, ...]]:
    """Word trigrams (a shorter run whole): two texts share common words, not phrases."""
    if len(words) < SHINGLE:
        if words:
            yield tuple(words)
        return
    for start in range(len(words) - SHINGLE + 1):
        yield tuple(words[start : start + SHINGLE])


def _own_shingles(elem: HtmlElement) -> list[tuple[str, ...]]:
    """Phrases of the text directly inside ``elem`` (its text and its children's tails)."""
    parts = [elem.text or ""]
    parts.extend(child.tail or "" for child in elem)
    return list(phrases(words_of(" ".join(parts))))
