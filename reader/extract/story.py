"""Stage 4: the main story, chosen by readability-lxml over our already-parsed tree.

readability-lxml is used for its scoring; the parts of it that only cost time here are
replaced: it would re-parse a string, deep-copy the tree through a cleaner we do not need
(stage 6 sanitizes with an allow-list), rewrite every link of the page (stage 6 does it
on the story only), and serialize each child of each div to look for block tags, which
is quadratic in the depth of the page. Those replacements decide exactly as the originals.

Where readability-lxml loses parts of real stories, its choices are widened (each rule
has its constant and reason below): the best element grows to the ancestor that holds
the story's other parts (an intro box, sibling sections, the prose around a data table);
a paragraph the page classes as its lead comes in above the story (reader.extract.leads);
sentence-long list items score as paragraphs; in-page links ("#...") weigh less; short
code blocks, linked subheadings and quoted posts survive its cleaning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from typing import TYPE_CHECKING, Protocol

from reader.errors import ExtractError
from reader.extract import readability_alike as alike
from reader.extract.depth import html_parser
from reader.extract.leads import editorial_leads
from reader.extract.provenance import Recorder, watching
from reader.extract.tags import HEADING_TAGS, LIST_TAGS, TABLE_TAGS
from reader.extract.text import text_chars
from reader.extract.widen import SECTION_SHARE, Candidate, like_sections, twins, widen

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# readability-lxml's own tests for "a div that is really a paragraph": tag prefixes that
# its regex ``<(blockquote|dl|div|img|ol|p|pre|table|ul)`` finds in serialized children.
BLOCK_TAG_PREFIXES = ("blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul")
INLINE_TAGS = frozenset(
    ("a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u")
)
SIBLING_PARAGRAPH_CHARS = 80  # readability's: a sibling paragraph this long joins the story
SENTENCE_END = re.compile(r"\.( |$)")  # a shorter one joins when it ends a sentence
# A story shorter than this (non-blank characters; readability's own retry length) is a
# scrap: readability kept one teaser of an index or a caption. The page's <main> is tried
# instead. Real short articles (a 50-word brief) are longer than this.
SHORT_STORY_CHARS = 250
MAIN_REGION_FACTOR = 3  # ...when <main> holds clearly more text than what was kept
MAIN_REGION_MAX_LINKS = 0.5  # ...and is not mostly links (a menu, a list of other stories)
# A list item scores as a paragraph when it is a leaf (no nested list or block) holding a
# sentence: menus and link lists are short or mostly links and stay unscored.
LIST_ITEM_BLOCKS = frozenset(("ul", "ol", "dl", "p", "div", "table", "pre", "blockquote"))
LIST_ITEM_MIN_CHARS = 60
LIST_ITEM_MAX_LINKS = 0.5
# ...and a list where at least half the items are such is kept whatever its links: a
# changelog citing a bug link per line is prose, not a link farm.
PROSE_LIST_SHARE = 0.5
# A "#fragment" link (heading permalink, contents, footnote) counts this much of its text
# as link text: it does not lead away from the story as a menu or a link list does.
IN_PAGE_LINK_WEIGHT = 0.3
LIST_PENALTY_REFUND = 3  # cancels readability's -3 for lists that parent paragraphs
KEEP_ALL_IMAGES = True  # readability drops image-only divs as "no content": keep pictures
# Elements of a table that holds a widened story's parts are kept by the cleaning.
TABLE_FRAME_TAGS = TABLE_TAGS | frozenset(("tr", "td", "th"))
# A <form> holding at least this share of the story's text is the page's layout (ASP.NET
# wraps whole pages in one), not a form to drop.
PAGE_FORM_SHARE = 0.25
_HIDDEN_STYLE = ("display:none", "visibility:hidden")
# readability's clean-up that leaves under 1/CLEANING_LOSS of its story's text may have
# emptied the story itself (a directory's tables of links were its entries): the story as
# it was before is kept aside for the guard (reader.extract.guard) to weigh.
CLEANING_LOSS = 2.5
# A hidden box (hidden, aria-hidden, display:none) with this much text, nearly free of
# links, is prose a click shows (a tab, a collapsed "read more"): when readability kept
# only a scrap of what shows, the story is read again with such boxes shown.
HIDDEN_PROSE_CHARS = 500
HIDDEN_PROSE_MAX_LINKS = 0.2
# How `reader extract --explain` names this stage and readability's own removals.
STAGE = "4 story"
UNLIKELY_RULE = "readability: an unlikely candidate, by its class or id"
CLEANING_RULE = "readability's clean-up of its story (link density, too short, too few words)"


class _Scoring(Protocol):
    """What scoring a list item needs of the story document."""

    def get_link_density(self, elem: HtmlElement) -> float: ...

    def score_node(self, elem: HtmlElement) -> Candidate: ...


def _hidden(doc: HtmlElement) -> list[HtmlElement]:
    found = doc.xpath("//*[@hidden]|//*[@aria-hidden='true'][not(self::img)]")
    for elem in doc.xpath("//*[@style]"):
        style = (elem.get("style") or "").replace(" ", "").lower()
        if any(word in style for word in _HIDDEN_STYLE):
            found.append(elem)
    return found


def _drop_hidden(doc: HtmlElement, spare_prose: bool = False) -> None:
    for elem in _hidden(doc):
        if elem.getparent() is not None and not (spare_prose and _hidden_prose(elem)):
            elem.drop_tree()


def _hidden_prose(elem: HtmlElement) -> bool:
    """A hidden box holding prose (a tab, a collapsed "read more"): text a click shows."""
    chars = text_chars(elem)
    linked = sum(text_chars(a) for a in elem.iter("a"))
    return chars >= HIDDEN_PROSE_CHARS and linked <= chars * HIDDEN_PROSE_MAX_LINKS


def _clean_length(elem: HtmlElement) -> int:
    words = (elem.text_content() or "").split()
    return sum(map(len, words)) + max(len(words) - 1, 0)


def _has_block_descendant(elem: HtmlElement, include_self: bool) -> bool:
    nodes = elem.iter() if include_self else elem.iterdescendants()
    for node in nodes:
        tag = node.tag
        if isinstance(tag, str) and tag.lower().startswith(BLOCK_TAG_PREFIXES):
            return True
    return False


def _document_class() -> type:
    from lxml.html import fragment_fromstring
    from readability import Document

    class StoryDocument(Document):
        """readability's Document working on a tree we own (see the module docstring)."""

        def __init__(
            self,
            tree: HtmlElement,
            reparse: Callable[[], HtmlElement],
            recorder: Recorder | None = None,
            spare_hidden_prose: bool = False,
            description: str | None = None,
        ) -> None:
            super().__init__("<html></html>", min_text_length=25, retry_length=250)
            self._spare = spare_hidden_prose
            self._description = description
            self._tree = tree
            self._recorder = recorder
            self._reparse = reparse
            self._passes = 0
            self.prose_lists: set[HtmlElement] = set()
            # readability's strongest candidates, before widening
            self.cores: list[HtmlElement] = []
            self._cleaning = False
            # each link's weighed length while scoring (None: measured at each call)
            self._link_lengths: dict[HtmlElement, float] | None = None
            # each box's verdict as a quote's lead while the clean-up looks for them
            self._quote_leads: dict[HtmlElement, bool] | None = None
            self.results: list[HtmlElement] = []  # each pass's story: the lenient retry's last
            # ...and, beside each, that story before readability's clean-up when the clean-up
            # took most of it (else None)
            self.uncleaned: list[HtmlElement | None] = []

        def _parse(self, input: str) -> HtmlElement:
            # First pass scores the tree we were given; the lenient retry needs it pristine.
            doc = self._tree if self._passes == 0 else self._reparse()
            self._passes += 1
            self.encoding = "utf-8"
            with watching(self._recorder, doc, STAGE, "hidden (hidden, aria-hidden or style)"):
                _drop_hidden(doc, self._spare)
            return doc

        def transform_misused_divs_into_paragraphs(self) -> None:
            for elem in self.tags(self.html, "div"):
                if not _has_block_descendant(elem, include_self=False):
                    elem.tag = "p"
            for elem in self.tags(self.html, "div"):
                children = list(elem)
                paragraph = None
                if elem.text and elem.text.strip():
                    p = elem.makeelement("p")
                    p.text = elem.text
                    elem.text = None
                    elem.insert(0, p)
                    paragraph = p
                for child in children:
                    if child.tag == "br":
                        paragraph = None
                        continue
                    if child.tag not in INLINE_TAGS or _has_block_descendant(child, True):
                        paragraph = None
                        continue
                    if paragraph is None:
                        paragraph = elem.makeelement("p")
                        child.addprevious(paragraph)
                    paragraph.append(child)
                for pos, child in reversed(list(enumerate(elem))):
                    if child.tail and child.tail.strip():
                        p = elem.makeelement("p")
                        p.text = child.tail
                        child.tail = None
                        elem.insert(pos + 1, p)
                    if child.tag == "br":
                        child.drop_tree()

        def score_node(self, elem: HtmlElement) -> Candidate:
            # A list that holds real paragraphs is part of the story (captions, steps,
            # quotes); readability's -3 for ol/ul/dl made such lists fail its cleaning.
            scored: Candidate = super().score_node(elem)
            if elem.tag in LIST_TAGS:
                scored["content_score"] += LIST_PENALTY_REFUND
            return scored

        def select_best_candidate(
            self, candidates: dict[HtmlElement, Candidate]
        ) -> Candidate | None:
            best = super().select_best_candidate(candidates)
            if best is None:
                return None
            widened = widen(best, candidates, self.score_node)
            self.cores = _cores(best, widened["elem"], candidates)
            return widened

        def score_paragraphs(self) -> dict[HtmlElement, Candidate]:
            # readability scores only p/pre/td/blockquote, so a post written as lists
            # (release notes, weekly updates) scored nothing and a newsletter form won.
            # Leaf list items with sentence-length text count as paragraphs too.
            # Scoring changes no element, so each link's weighed length is measured once
            # here, not once per candidate around it (nested candidates share their links).
            self._link_lengths = {}
            try:
                candidates = alike.paragraph_scores(self)
                self.prose_lists = set()
                for item in self.tags(self.html, "li"):
                    if _score_list_item(self, item, candidates):
                        self.prose_lists.add(item.getparent())
            finally:
                self._link_lengths = None
            return candidates

        def class_weight(self, e: HtmlElement) -> int:
            # readability's, its regexes searched as alike.class_match does; a document
            # given keywords of its own takes readability's own
            if self.positive_keywords or self.negative_keywords:
                weight: int = super().class_weight(e)
                return weight
            return alike.class_weight(e)

        def get_preserved_elements(self, node: HtmlElement) -> dict[HtmlElement, bool]:
            # A list of sentences inside the story is prose (changelog entries citing
            # bug links), not a link farm: readability's link-density cut must spare it.
            self._quote_leads = {}
            try:
                allowed: dict[HtmlElement, bool] = super().get_preserved_elements(node)
            finally:
                self._quote_leads = None
            # The tables holding the strongest candidates inside a widened story are its
            # frame: from a layout table's story rows the widening reached the outer cell,
            # and the cleaning then dropped the inner tables (for their link rows) with the
            # story in them. (A candidate itself is still judged: a link list that won the
            # scoring is dropped, and the page's <main> is tried instead.)
            for core in self.cores:
                for elem in core.iterancestors():
                    if elem is node or elem in allowed:
                        break
                    if elem.tag in TABLE_FRAME_TAGS:
                        allowed[elem] = True
            for elem in self.prose_lists:
                if elem.tag in ("ul", "ol") and _mostly_prose(elem):
                    allowed[elem] = True
            # A one-line code block ("$ hg init") is short but it is the story's content:
            # wrappers holding nothing but code escape the "too short" cut.
            for pre in node.iter("pre"):
                for wrapper in pre.iterancestors("div", "section", "table"):
                    if wrapper is node or text_chars(wrapper) != _code_chars(wrapper):
                        break
                    allowed[wrapper] = True
            return allowed

        def is_quote_lead(self, elem: HtmlElement) -> bool:
            # readability's test, each ancestor judged once: it asked it again for every
            # box inside it, reading the text of the whole story each time.
            known = self._quote_leads
            if known is None:
                known = {}
            for lead in (elem, *elem.iterancestors()):
                verdict = known.get(lead)
                if verdict is None:
                    verdict = known[lead] = _leads_quote(lead, self.min_text_length)
                if verdict:
                    return True
            return False

        def get_editorial_leads(self, best_elem: HtmlElement) -> list[HtmlElement]:
            found = super().get_editorial_leads(best_elem)
            return editorial_leads(best_elem, found, self.get_link_density, self._description)

        def get_article(
            self,
            candidates: dict[HtmlElement, Candidate],
            best_candidate: Candidate,
            html_partial: bool = False,
        ) -> HtmlElement:
            # readability's own, except that a sibling paragraph is judged on all its text:
            # it measured only the text before the paragraph's first child element, so a
            # paragraph opening with a link or <strong> counted as empty.
            threshold = max(10, best_candidate["content_score"] * 0.2)
            # its <div/> fragment, parsed as stage 1 parses (html_parser): the story moves
            # into this document, and lxml.html's own parser would have every element the
            # later stages touch looked up in Python (2% of extraction)
            output = fragment_fromstring("<div/>", parser=html_parser())
            best_elem = best_candidate["elem"]
            self.add_heading_preamble(candidates, best_elem, threshold)
            self.merge_article_segments(candidates, best_candidate, threshold)
            parent = best_elem.getparent()
            siblings = parent.getchildren() if parent is not None else [best_elem]
            leads = self.get_editorial_leads(best_elem)
            for lead in reversed(leads):
                best_elem.insert(0, lead)
            twins_of_best = twins(best_elem) or like_sections(best_elem)
            for sibling in siblings:
                if sibling in leads:
                    continue
                append = sibling is best_elem or sibling in twins_of_best
                if sibling in candidates and candidates[sibling]["content_score"] >= threshold:
                    append = True
                if sibling.tag == "p":
                    density = self.get_link_density(sibling)
                    content = " ".join(sibling.text_content().split())
                    if (len(content) > SIBLING_PARAGRAPH_CHARS and density < 0.25) or (
                        len(content) <= SIBLING_PARAGRAPH_CHARS
                        and density == 0
                        and SENTENCE_END.search(content)
                    ):
                        append = True
                if append:
                    output.append(sibling)
            return output

        def remove_unlikely_candidates(self) -> None:
            # readability drops "tweet"/"twitter"/"comment"-classed blocks before scoring;
            # an embedded post or a quote is a quotation in the story, so blockquotes
            # are spared (their own links and length still decide later).
            with watching(self._recorder, self.html, STAGE, UNLIKELY_RULE):
                self._remove_unlikely_candidates()

        def _remove_unlikely_candidates(self) -> None:
            spared = []
            for quote in self.html.iter("blockquote"):
                spared.append((quote, quote.get("class"), quote.get("id")))
                quote.attrib.pop("class", None)
                quote.attrib.pop("id", None)
            alike.drop_unlikely(self.html)
            for quote, klass, ident in spared:
                for name, value in (("class", klass), ("id", ident)):
                    if value is not None:
                        quote.set(name, value)

        def sanitize(
            self,
            node: HtmlElement,
            candidates: dict[HtmlElement, Candidate],
            keep_all_images: bool = False,
        ) -> str:
            # readability drops every <form> in the story; a page built inside one
            # (ASP.NET wraps the whole page in a form) lost its story with it.
            _unwrap_page_forms(node)
            before = deepcopy(node)
            self._cleaning = True
            try:
                with watching(self._recorder, node, STAGE, CLEANING_RULE):
                    cleaned: str = super().sanitize(node, candidates, keep_all_images)
            finally:
                self._cleaning = False
            lost = text_chars(node) * CLEANING_LOSS <= text_chars(before)
            self.uncleaned.append(before if lost else None)
            return cleaned

        def get_link_density(self, elem: HtmlElement) -> float:
            if self._cleaning and elem.tag in HEADING_TAGS:
                # A subheading that links to its subject ("Until Dawn ($20)") is still
                # the story's heading: readability dropped any heading over a third links.
                return 0.0
            # readability's measure with its text cleaning done by str.split (each run of
            # whitespace counts one character, as its three regex passes make it), except
            # that links within the page (heading permalinks, contents, footnotes) weigh
            # less: they do not lead away from the story as a menu or a link list does.
            links = sum(self._link_lengths_in(elem))
            return links / max(_clean_length(elem), 1)

        def _link_lengths_in(self, elem: HtmlElement) -> Iterator[float]:
            known = self._link_lengths
            for a in elem.iterdescendants("a"):
                if known is None:
                    yield _weighed_link_length(a)
                    continue
                length = known.get(a)
                if length is None:
                    length = known[a] = _weighed_link_length(a)
                yield length

        def get_clean_html(self) -> str:
            from lxml.etree import tounicode

            self.results.append(self.html)
            return str(tounicode(self.html, method="html"))

    return StoryDocument


def _score_list_item(
    document: _Scoring, item: HtmlElement, candidates: dict[HtmlElement, Candidate]
) -> bool:
    """Score a sentence-holding leaf list item like a paragraph; True when it scored."""
    if any(isinstance(c.tag, str) and c.tag in LIST_ITEM_BLOCKS for c in item.iter()):
        return False
    text = " ".join(item.text_content().split())
    if len(text) < LIST_ITEM_MIN_CHARS:
        return False
    links = document.get_link_density(item)
    if links > LIST_ITEM_MAX_LINKS:
        return False
    score = (1 + len(text.split(",")) + min(len(text) / 100, 3)) * (1 - links)
    share = 1.0
    parent = item.getparent()
    assert parent is not None  # an item of a list
    for holder in (parent, parent.getparent()):
        if holder is None:
            break
        if holder not in candidates:
            candidates[holder] = document.score_node(holder)
        candidates[holder]["content_score"] += score * share
        share /= 2
    return True


def _cores(
    best: Candidate, widened: HtmlElement, candidates: dict[HtmlElement, Candidate]
) -> list[HtmlElement]:
    """The candidates a widened story was built around: the best one and those scoring
    nearly as well inside it (none when the story was not widened: readability's own
    cleaning then stands as it is)."""
    if widened is best["elem"]:
        return []
    floor = best["content_score"] * SECTION_SHARE
    return [best["elem"]] + [
        elem
        for elem, found in candidates.items()
        if found["content_score"] >= floor and widened in elem.iterancestors()
    ]


def _unwrap_page_forms(node: HtmlElement) -> None:
    """Unwrap forms that hold a good share of the story's text: layout, not a form."""
    total = text_chars(node)
    for form in list(node.iter("form")):
        chars = text_chars(form)
        if chars >= SHORT_STORY_CHARS and chars >= total * PAGE_FORM_SHARE:
            form.drop_tag()


def _mostly_prose(elem: HtmlElement) -> bool:
    """Most of the list's items are sentences (not titles of other pages)."""
    items = [li for li in elem if li.tag == "li"]
    long = sum(1 for li in items if len(" ".join(li.text_content().split())) >= LIST_ITEM_MIN_CHARS)
    return bool(items) and long >= len(items) * PROSE_LIST_SHARE


_DOCUMENT: type | None = None


def main_story(
    tree: HtmlElement,
    reparse: Callable[[], HtmlElement],
    recorder: Recorder | None = None,
    uncleaned: list[HtmlElement] | None = None,
    description: str | None = None,
) -> list[HtmlElement]:
    """The story elements readability finds in ``tree`` (which it mutates), its choice
    first: when its strict pass kept too little and its lenient retry was taken, the strict
    pass's story follows (a short post is not always a scrap: reader.extract.guard judges
    with a second opinion); when both kept a scrap, the page's <main> comes first.

    ``reparse`` gives a fresh normalized tree for readability's lenient second pass;
    ``recorder`` notes what readability's own steps drop (reader.extract.provenance);
    ``uncleaned`` gets readability's chosen story as it was before its clean-up, when the
    clean-up took most of it (a directory's link tables around its entries): the guard
    may find that one is the page's story. ``description``: the page's own summary of
    the story (its meta description), which names the story's lead (reader.extract.leads).
    """
    global _DOCUMENT
    if _DOCUMENT is None:
        _DOCUMENT = _document_class()
    document = _DOCUMENT(tree, reparse, recorder, description=description)
    try:
        document.summary(html_partial=True, keep_all_images=KEEP_ALL_IMAGES)
    except RecursionError:
        raise ExtractError("the page is nested too deeply to read") from None
    except Exception as error:  # readability wraps everything in Unparseable
        raise ExtractError(f"no article could be found ({error})") from None
    if not document.results:
        raise ExtractError("no article could be found")
    found = document.results[::-1]
    before = document.uncleaned[-1] if document.uncleaned else None
    if uncleaned is not None and before is not None:
        uncleaned.append(before)
    chars = max(text_chars(story) for story in found)
    if chars < SHORT_STORY_CHARS:
        shown = _story_with_hidden_prose(reparse, chars)
        if shown is not None:
            found, chars = [shown], text_chars(shown)
    if chars < SHORT_STORY_CHARS:
        region = _main_region(reparse, chars)
        if region is not None:
            found.insert(0, region)
    return found


def _story_with_hidden_prose(
    reparse: Callable[[], HtmlElement], story_chars: int
) -> HtmlElement | None:
    """readability's story of the page with its hidden prose shown, when readability kept
    only a scrap and the page hides far more prose (the story behind a tab or a "read
    more" a reader clicks open)."""
    tree = reparse()
    hidden = sum(text_chars(elem) for elem in _hidden(tree) if _hidden_prose(elem))
    if not hidden or hidden < story_chars * MAIN_REGION_FACTOR:
        return None
    assert _DOCUMENT is not None  # main_story made it
    document = _DOCUMENT(tree, reparse, spare_hidden_prose=True)
    try:
        document.summary(html_partial=True, keep_all_images=KEEP_ALL_IMAGES)
    except Exception:  # readability failed on it: the scrap stands
        return None
    if not document.results:
        return None
    story = document.results[-1]
    chars = text_chars(story)
    return story if chars >= max(SHORT_STORY_CHARS, story_chars * MAIN_REGION_FACTOR) else None


def _leads_quote(lead: HtmlElement, min_chars: int) -> bool:
    """readability's quote lead: a box ending in a colon, followed by one holding a
    quotation. Its clean-up changes only whitespace, so a text whose last character is
    no colon is no lead and is not cleaned."""
    from readability.readability import clean

    following = lead.getnext()
    if following is None or not following.findall(".//blockquote"):
        return False
    text = lead.text_content() or ""
    if not text.rstrip().endswith(":"):
        return False
    return len(clean(text)) >= min_chars


def _weighed_link_length(link: HtmlElement) -> float:
    """A link's text length as link density counts it (in-page links weigh less)."""
    return _clean_length(link) * (IN_PAGE_LINK_WEIGHT if _in_page(link) else 1)


def _in_page(link: HtmlElement) -> bool:
    return (link.get("href") or "").strip().startswith("#")


def _code_chars(elem: HtmlElement) -> int:
    return sum(text_chars(pre) for pre in elem.iter("pre"))


def _main_region(reparse: Callable[[], HtmlElement], story_chars: int) -> HtmlElement | None:
    """The page's <main> when readability kept only a scrap of it (index pages, odd layouts)."""
    tree = reparse()
    for region in tree.xpath("//main | //*[@role='main']"):
        chars = text_chars(region)
        if chars < SHORT_STORY_CHARS or chars < story_chars * MAIN_REGION_FACTOR:
            continue
        linked = sum(text_chars(a) for a in region.iter("a"))
        if linked <= chars * MAIN_REGION_MAX_LINKS:
            return region
    return None
