"""Stage 4, widening: the element holding the whole story when readability's best candidate
is only one part of it.

readability-lxml stops at the single best-scored element; these rules take an ancestor (or
siblings) instead where the page shows the story goes on: an intro box and sections under
one wrapper, the prose around a data table, the essay around a reading list, the paper
around its list of references, a page laid out as a run of like tables, a story written as
like sections inside its <main>. None of them leaves the page's own story frame.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, TypedDict

from reader.extract.tags import LIST_TAGS, TABLE_TAGS
from reader.extract.text import text_chars

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

# readability-lxml stops at the single best-scored element, so a story split into an
# intro block, a first paragraph and a "read more" box loses all but the biggest part.
# An ancestor whose score rises again while climbing gathers those parts: it is taken
# instead. The climb stops once an ancestor scores under this share of the best score
# (then it is the page around the story, not the story).
CLIMB_MIN_SHARE = 1 / 3
# Several strong candidates (each at least this share of the best score) under one
# common ancestor are sections of one story: the ancestor holding this many is taken.
SECTION_SHARE = 0.75
SECTION_MIN_COUNT = 3
SECTION_POOL = 5  # only the strongest few candidates are compared
# ...unless a segment classed like the best one (scoring at least this share of it) lies
# outside that ancestor: then the ancestor is one part of a longer story, and
# readability's own segment merging (same class, whole <article>) gathers it better.
SEGMENT_SHARE = 0.25
# A best candidate made of table rows is a data table inside a story (a list of films,
# a spec sheet): the story is the element holding the table, with its intro and notes.
# (A layout table's content cell is a <td>, not its rows, so it is not moved.)
DATA_TABLE_CELLS = 2  # cells per row, on average, of a data table
# A list that wins the scoring yields to an ancestor scoring at least this share of it
# that holds this many times its text: the list sits inside a long essay.
ESSAY_SHARE = 0.4
ESSAY_FACTOR = 5
# Neither move leaves the page's own story frame.
FRAME_TAGS = frozenset(("article", "main"))
# A best element whose box (itself or up to TWIN_LEVELS above it) is one of this many of
# the page's top blocks of one exact make (tag and attributes) is one part of a page laid
# out as a run of like tables (a directory's links, one table per letter): all of them
# are the story.
TWIN_MIN = 3
TWIN_SHARE = 0.9  # ...that hold this share of the page's text
TWIN_LEVELS = 1
# A story written as a run of like sections straight inside the page's <main>/<article>
# (one "textblock" section per part of an interview, pull quotes and info boxes between
# them): the best element is one part, and readability keeps only that. Its box (itself or
# up to SECTION_LEVELS above it) gathers the frame's other children of its exact tag and
# class that read as prose (links under LIKE_SECTION_MAX_LINKS of their text); the boxes
# between them stay out. Snippets tuning: brandeins +2 snippets.
SECTION_LEVELS = 3
LIKE_SECTION_MAX_LINKS = 0.25
# A paper's list of references that outscores its text (a paywalled paper shows only its
# abstract above two thousand words of citations) is the story's appendix, never the story:
# the page's <article>/<main> holding it is taken. The list is named as such by its class
# or id, and it is the best element or most of its text. Snippets tuning: springer +2.
REFERENCES = re.compile(r"reference|bibliograph|citation|literatur", re.I)
REFERENCES_SHARE = 0.8


class Candidate(TypedDict):
    """readability's score of an element, in readability's own shape."""

    content_score: float
    elem: HtmlElement


def widen(
    best: Candidate,
    candidates: dict[HtmlElement, Candidate],
    score_node: Callable[[HtmlElement], Candidate],
) -> Candidate:
    """The element holding the whole story when the best candidate is only one part of it."""
    elem = best["elem"]
    if elem.tag in ("article", "main") or elem.get("itemprop") == "articleBody":
        return best  # the page said where its story is
    if _references(elem):
        frame = next(elem.iterancestors(*FRAME_TAGS), None)
        if frame is not None:
            return _as_candidate(frame, best, candidates, score_node)
    essay = _essay_around_list(best, candidates)
    if essay is not None:
        return essay
    if elem.tag in TABLE_TAGS:
        table = elem if elem.tag == "table" else next(elem.iterancestors("table"), None)
        holder = table.getparent() if table is not None and _data_table(table) else None
        if holder is not None and holder.tag not in ("body", "html"):
            return _as_candidate(holder, best, candidates, score_node)
    ranked = sorted(candidates.values(), key=lambda c: c["content_score"], reverse=True)
    strong = [
        c["elem"]
        for c in ranked[:SECTION_POOL]
        if c["elem"] is not elem and c["content_score"] >= best["content_score"] * SECTION_SHARE
    ]
    if len(strong) >= SECTION_MIN_COUNT:
        for ancestor in _ancestors_in_frame(elem):
            inside = sum(1 for other in strong if ancestor in other.iterancestors())
            if inside >= SECTION_MIN_COUNT:
                if _segment_outside(ancestor, best, candidates):
                    break
                return _as_candidate(ancestor, best, candidates, score_node)
    last = best["content_score"]
    floor = last * CLIMB_MIN_SHARE
    for ancestor in _ancestors_in_frame(elem):
        if ancestor not in candidates:
            continue
        score = candidates[ancestor]["content_score"]
        if score < floor:
            break
        if score > last:
            return candidates[ancestor].copy()
        last = score
    box = _box_of(elem, TWIN_LEVELS, twins)
    if box is None:  # (not `or`: an element without children is false)
        box = _box_of(elem, SECTION_LEVELS, like_sections)
    if box is not None and box is not elem:
        return _as_candidate(box, best, candidates, score_node)
    return best


def like_sections(box: HtmlElement) -> list[HtmlElement]:
    """The box's siblings of its tag and class (the box among them) when their parent is
    the page's story frame and each reads as prose: the parts of one story. Else none."""
    parent = box.getparent()
    classes = box.get("class")
    if parent is None or parent.tag not in FRAME_TAGS or not classes:
        return []
    like = [
        sibling for sibling in parent if sibling.tag == box.tag and sibling.get("class") == classes
    ]
    if len(like) < 2 or not all(_prose(part) for part in like):
        return []
    return like


def _prose(elem: HtmlElement) -> bool:
    chars = text_chars(elem)
    links = sum(text_chars(link) for link in elem.iter("a"))
    return chars > 0 and links < chars * LIKE_SECTION_MAX_LINKS


def twins(box: HtmlElement) -> list[HtmlElement]:
    """The box's siblings of its exact make (tag and attributes, the box among them) when
    it is one of the page's top blocks, they are several and they hold nearly all the
    page's text: an old page laid out as a run of like tables (a directory's, a long
    document's). None else (like boxes inside a page are teasers, posts, sidebars)."""
    parent = box.getparent()
    if parent is None or parent.tag != "body" or not box.attrib:
        return []
    make = dict(box.attrib)
    like = [
        sibling for sibling in parent if sibling.tag == box.tag and dict(sibling.attrib) == make
    ]
    if len(like) < TWIN_MIN:
        return []
    held = sum(text_chars(twin) for twin in like)
    return like if held >= text_chars(parent) * TWIN_SHARE else []


def _box_of(
    elem: HtmlElement, levels: int, gather: Callable[[HtmlElement], list[HtmlElement]]
) -> HtmlElement | None:
    """The best element's box (the element itself or up to ``levels`` above it) whose
    siblings ``gather`` finds (twins, like_sections): they join it as siblings
    (get_article)."""
    for level, box in enumerate((elem, *_ancestors_in_frame(elem))):
        if level > levels:
            return None
        if gather(box):
            return box
    return None


def _essay_around_list(
    best: Candidate, candidates: dict[HtmlElement, Candidate]
) -> Candidate | None:
    """The container of a long essay that a list inside it (its references, its notes)
    outscored: sentence-long list items score as paragraphs, and a page whose essay is
    written straight into <body> lost 6,000 words to its reading list."""
    elem = best["elem"]
    if elem.tag not in LIST_TAGS and elem.tag != "li":
        return None
    floor = best["content_score"] * ESSAY_SHARE
    chars = text_chars(elem) * ESSAY_FACTOR
    for ancestor in elem.iterancestors():
        found = candidates.get(ancestor)
        if found is not None and found["content_score"] >= floor and text_chars(ancestor) >= chars:
            return found.copy()
    return None


def _references(elem: HtmlElement) -> bool:
    """The element is a list of references, or holds one as most of its text."""
    for inner in elem.iter(*LIST_TAGS):
        named = f"{inner.get('class') or ''} {inner.get('id') or ''}"
        if REFERENCES.search(named) and text_chars(inner) >= text_chars(elem) * REFERENCES_SHARE:
            return True
    return False


def _data_table(table: HtmlElement) -> bool:
    """Rows of several cells (or header cells): data, not a page laid out in a table."""
    if table.find(".//th") is not None:
        return True
    rows = table.findall(".//tr")
    cells = sum(len(row.findall("td")) for row in rows)
    return bool(rows) and cells >= len(rows) * DATA_TABLE_CELLS


def _ancestors_in_frame(elem: HtmlElement) -> Iterator[HtmlElement]:
    """Ancestors up to (and including) the first <article>/<main>, never <body>."""
    for ancestor in elem.iterancestors():
        if ancestor.tag in ("body", "html"):
            return
        yield ancestor
        if ancestor.tag in FRAME_TAGS:
            return


def _segment_outside(
    ancestor: HtmlElement, best: Candidate, candidates: dict[HtmlElement, Candidate]
) -> bool:
    classes = best["elem"].get("class")
    if not classes:
        return False
    floor = best["content_score"] * SEGMENT_SHARE
    for elem, candidate in candidates.items():
        if (
            elem.get("class") == classes
            and candidate["content_score"] >= floor
            and ancestor not in elem.iterancestors()
        ):
            return True
    return False


def _as_candidate(
    elem: HtmlElement,
    best: Candidate,
    candidates: dict[HtmlElement, Candidate],
    score_node: Callable[[HtmlElement], Candidate],
) -> Candidate:
    candidate = candidates[elem].copy() if elem in candidates else score_node(elem)
    candidate["content_score"] = max(candidate["content_score"], best["content_score"])
    candidates[elem] = candidate
    return candidate.copy()
