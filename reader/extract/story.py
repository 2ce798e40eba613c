"""Stage 4: the main story, chosen by readability-lxml over our already-parsed tree.

readability-lxml is used for its scoring; the parts of it that only cost time here are
replaced: it would re-parse a string, deep-copy the tree through a cleaner we do not need
(stage 6 sanitizes with an allow-list), rewrite every link of the page (stage 6 does it
on the story only), and serialize each child of each div to look for block tags, which
is quadratic in the depth of the page. The replacements decide exactly as the originals.
"""

import re
from collections.abc import Callable
from typing import Any

from reader.errors import ExtractError

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
LIST_TAGS = frozenset(("ol", "ul", "dl"))
LIST_PENALTY_REFUND = 3  # cancels readability's -3 for lists that parent paragraphs
KEEP_ALL_IMAGES = True  # readability drops image-only divs as "no content": keep pictures
_HIDDEN_STYLE = ("display:none", "visibility:hidden")


def _clean_length(elem: Any) -> int:
    words = (elem.text_content() or "").split()
    return sum(map(len, words)) + max(len(words) - 1, 0)


def _has_block_descendant(elem: Any, include_self: bool) -> bool:
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

        def __init__(self, tree: Any, reparse: Callable[[], Any]) -> None:
            super().__init__("<html></html>", min_text_length=25, retry_length=250)
            self._tree = tree
            self._reparse = reparse
            self._passes = 0
            self.result: Any = None

        def _parse(self, input: Any) -> Any:
            # First pass scores the tree we were given; the lenient retry needs it pristine.
            doc = self._tree if self._passes == 0 else self._reparse()
            self._passes += 1
            self.encoding = "utf-8"
            for elem in doc.xpath("//*[@hidden]|//*[@aria-hidden='true'][not(self::img)]"):
                if elem.getparent() is not None:
                    elem.drop_tree()
            for elem in doc.xpath("//*[@style]"):
                style = (elem.get("style") or "").replace(" ", "").lower()
                if any(word in style for word in _HIDDEN_STYLE) and elem.getparent() is not None:
                    elem.drop_tree()
            return doc

        def transform_misused_divs_into_paragraphs(self) -> None:
            for elem in self.tags(self.html, "div"):
                if not _has_block_descendant(elem, include_self=False):
                    elem.tag = "p"
            for elem in self.tags(self.html, "div"):
                children = list(elem)
                paragraph = None
                if elem.text and elem.text.strip():
                    p = fragment_fromstring("<p/>")
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
                        paragraph = fragment_fromstring("<p/>")
                        child.addprevious(paragraph)
                    paragraph.append(child)
                for pos, child in reversed(list(enumerate(elem))):
                    if child.tail and child.tail.strip():
                        p = fragment_fromstring("<p/>")
                        p.text = child.tail
                        child.tail = None
                        elem.insert(pos + 1, p)
                    if child.tag == "br":
                        child.drop_tree()

        def score_node(self, elem: Any) -> dict[str, Any]:
            # A list that holds real paragraphs is part of the story (captions, steps,
            # quotes); readability's -3 for ol/ul/dl made such lists fail its cleaning.
            scored: dict[str, Any] = super().score_node(elem)
            if elem.tag in LIST_TAGS:
                scored["content_score"] += LIST_PENALTY_REFUND
            return scored

        def get_article(
            self,
            candidates: dict[Any, Any],
            best_candidate: dict[str, Any],
            html_partial: bool = False,
        ) -> Any:
            # readability's own, except that a sibling paragraph is judged on all its text:
            # it measured only the text before the paragraph's first child element, so a
            # paragraph opening with a link or <strong> counted as empty.
            threshold = max(10, best_candidate["content_score"] * 0.2)
            output = fragment_fromstring("<div/>")
            best_elem = best_candidate["elem"]
            self.add_heading_preamble(candidates, best_elem, threshold)
            self.merge_article_segments(candidates, best_candidate, threshold)
            parent = best_elem.getparent()
            siblings = parent.getchildren() if parent is not None else [best_elem]
            leads = self.get_editorial_leads(best_elem)
            for lead in reversed(leads):
                best_elem.insert(0, lead)
            for sibling in siblings:
                if sibling in leads:
                    continue
                append = sibling is best_elem
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

        def get_link_density(self, elem: Any) -> float:
            # readability's measure with its text cleaning done by str.split (each run of
            # whitespace counts one character, as its three regex passes make it).
            links = sum(_clean_length(a) for a in elem.iterdescendants("a"))
            return links / max(_clean_length(elem), 1)

        def get_clean_html(self) -> str:
            from lxml.etree import tounicode

            self.result = self.html
            return str(tounicode(self.html, method="html"))

    return StoryDocument


_DOCUMENT: type | None = None


def main_story(tree: Any, reparse: Callable[[], Any]) -> Any:
    """The story element (a ``div``) readability picks from ``tree`` (which it mutates).

    ``reparse`` gives a fresh normalized tree for readability's lenient second pass.
    """
    global _DOCUMENT
    if _DOCUMENT is None:
        _DOCUMENT = _document_class()
    document = _DOCUMENT(tree, reparse)
    try:
        document.summary(html_partial=True, keep_all_images=KEEP_ALL_IMAGES)
    except RecursionError:
        raise ExtractError("the page is nested too deeply to read") from None
    except Exception as error:  # readability wraps everything in Unparseable
        raise ExtractError(f"no article could be found ({error})") from None
    result = document.result
    if result is None:
        raise ExtractError("no article could be found")
    if _text_chars(result) < SHORT_STORY_CHARS:
        region = _main_region(reparse, _text_chars(result))
        return result if region is None else region
    return result


def _text_chars(elem: Any) -> int:
    return len("".join(elem.text_content().split()))


def _main_region(reparse: Callable[[], Any], story_chars: int) -> Any:
    """The page's <main> when readability kept only a scrap of it (index pages, odd layouts)."""
    tree = reparse()
    for region in tree.xpath("//main | //*[@role='main']"):
        chars = _text_chars(region)
        if chars < SHORT_STORY_CHARS or chars < story_chars * MAIN_REGION_FACTOR:
            continue
        linked = sum(_text_chars(a) for a in region.iter("a"))
        if linked <= chars * MAIN_REGION_MAX_LINKS:
            return region
    return None
