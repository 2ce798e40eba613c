"""Words of texts and of class/id names, and the phrase tests built on them.

Texts are compared in one form (lowercase, straight apostrophes, collapsed spaces); class
and id names as their words, split on ``-``, ``_`` and camelCase. Phrase lists of hundreds
of entries are grouped by first character (prefixes) or compiled into regex tries
(substrings) once, so most texts are rejected after one or two characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.extract.recommended.rules import heading_prefixes, phrases, texts
from reader.extract.recommended.settings import Thresholds

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")
_ANY_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_LETTERS = re.compile(r"[^\W\d_]+")
_NO_WORDS: frozenset[str] = frozenset()
# Letters of the scripts written without spaces between words (Thai, Lao, Tibetan,
# Myanmar, Khmer, Japanese kana, Han): only there is a headline a run of characters.
_UNSPACED_LETTER = re.compile(
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff"
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)


def unspaced(value: str) -> bool:
    """The text is in a script written without spaces, so it is measured in characters.
    An accent does not make a word of a spaced script one ("Zur Übersicht" is two words,
    as "To the overview" is three)."""
    return not value.isascii() and _UNSPACED_LETTER.search(value) is not None


def text(element: HtmlElement) -> str:
    """The element's whole text with whitespace collapsed."""
    return " ".join(element.text_content().split())


def plain(value: str) -> str:
    """Lowercase with straight apostrophes: the form rule words are compared in."""
    return value.lower().replace("’", "'").replace("‘", "'")


def count(value: str) -> int:
    """Words of a text."""
    return len(value.split())


def letter_words(value: str) -> int:
    """Words made of letters: what a headline is made of ("Ronnie Price (G - POR)" has
    four, not five: a dash is no word)."""
    return len(_LETTERS.findall(value))


def split_words(value: str) -> list[str]:
    """A lowercased text's words (letters and digits only)."""
    return _SPLIT.split(value)


# --- class / id names -------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def name_words(name: str) -> tuple[str, ...]:
    """One class/id name as lowercase words (split on -, _ and camelCase); cached per name."""
    return tuple(word for word in _SPLIT.split(_CAMEL.sub(" ", name).lower()) if word)


def class_words(element: HtmlElement) -> tuple[tuple[str, ...], ...]:
    """Each class/id name of the element as its words."""
    class_attr = element.get("class")
    id_attr = element.get("id")
    if not class_attr and not id_attr:
        return ()
    return attr_words(class_attr or "", id_attr or "")


def flat_words(element: HtmlElement) -> frozenset[str]:
    """Every word of every class/id name of the element, as one set (one C-level
    ``isdisjoint`` per element instead of a generator over its names)."""
    class_attr = element.get("class")
    id_attr = element.get("id")
    if not class_attr and not id_attr:
        return _NO_WORDS
    return _attr_flat(class_attr or "", id_attr or "")


@lru_cache(maxsize=16384)
def _attr_flat(class_attr: str, id_attr: str) -> frozenset[str]:
    return frozenset(word for words in attr_words(class_attr, id_attr) for word in words)


@lru_cache(maxsize=16384)
def attr_words(class_attr: str, id_attr: str) -> tuple[tuple[str, ...], ...]:
    return tuple(name_words(name) for name in f"{class_attr} {id_attr}".split())


# --- phrase patterns ----------------------------------------------------------------------------


_Trie = dict[str, "_Trie"]


def _trie(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` as a trie: Python's regex engine tries alternatives
    one by one, and a trie lets it fail after one character."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here: a text starting with (or holding) it matches

    def build(node: _Trie) -> str:
        if "" in node:
            return ""
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(trie)


def prefix_test(prefixes: Iterable[str]) -> Callable[[str], bool]:
    """``str.startswith(prefixes)``, trying only the phrases that begin with the text's first
    character (a few dozen of hundreds). A regex trie did as well but took ~12 ms to
    compile in every process that extracts, the read-ahead of the first story included."""
    by_first: dict[str, tuple[str, ...]] = {}
    for prefix in prefixes:
        if not prefix:
            raise ValueError("an empty prefix would match every text")
        by_first[prefix[0]] = (*by_first.get(prefix[0], ()), prefix)

    def starts(text: str) -> bool:
        return text.startswith(by_first.get(text[:1], ()))

    return starts


def substring_pattern(needles: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of ``needles`` as a substring, built as a trie."""
    needles = set(needles)
    kept = {n for n in needles if not any(o != n and o in n for o in needles)}
    return re.compile(_trie(kept))


def phrase_pattern(phrases_: Iterable[str]) -> re.Pattern[str]:
    """Any of the word sequences as whole words of a space-joined name."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases_, key=len, reverse=True))
    return re.compile(rf"(?:^| )(?:{alternatives})(?: |$)")


HEADING_START = prefix_test(heading_prefixes.HEADING_PREFIXES)
_HEADING_PATTERN = re.compile("|".join(f"(?:{p})" for p in phrases.HEADING_PATTERNS))
# First letters of the words ``phrases.HEADING_PATTERNS`` begin with (more, latest,
# recent, top, popular, trending, most): the cheap look tries the patterns only for these.
_PATTERN_FIRST_CHARS = frozenset("mlrtp")
# A list of pictures, clips or episodes is no list of stories, whatever it is called.
_REJECT_WORDS = re.compile(rf"\b(?:{'|'.join(phrases.MEDIA_LIST_WORDS)})\b")
_TOPIC_END_CHARS = max(len(end) for end in phrases.TOPIC_LIST_ENDS)

INLINE_START = prefix_test(phrases.INLINE_PREFIXES)
# Every heading phrase, for exact matches ("Most popular" as a whole link text).
HEADING_SET = frozenset(p.strip() for p in heading_prefixes.HEADING_PREFIXES)
# First letters of the heading and inline labels: one set lookup rejects most texts
# before any lowercasing and prefix matching.
HEADING_FIRST_CHARS = frozenset(p[0] for p in heading_prefixes.HEADING_PREFIXES)
INLINE_FIRST_CHARS = frozenset(p[0] for p in phrases.INLINE_PREFIXES)


# --- labels -------------------------------------------------------------------------------------


def heading_match(value: str) -> bool:
    """True for a block label such as "Most read", "MORE FROM SPORT »", "Mehr zum Thema"."""
    lowered = plain(value).strip(phrases.HEADING_STRIP_CHARS)
    if _cjk_label(lowered):
        return True
    if not HEADING_START(lowered):
        lowered = lowered.replace("-", " ")  # "Most-read", "Read-next"
        if not HEADING_START(lowered) and not _HEADING_PATTERN.match(lowered):
            return _topic_list(lowered)
    words = count(lowered)
    if words > phrases.MAX_HEADING_WORDS:
        return False
    if lowered.startswith(phrases.HEADING_REJECTS) or _REJECT_WORDS.search(lowered):
        return False
    if _HEADING_PATTERN.fullmatch(lowered):
        return True
    for prefix in heading_prefixes.HEADING_PREFIXES:
        if lowered.startswith(prefix):
            rest = lowered[len(prefix) :]
            if prefix.endswith(" "):
                # "More from <section>" names something short; a longer text is a sentence.
                if words <= phrases.MAX_OPEN_HEADING_WORDS:
                    return True
            elif not rest or not rest[0].isalnum():
                return True
    return False


def _topic_list(lowered: str) -> bool:
    """A series' or a topic's list named by its last word ("Bird Flu Posts")."""
    names = lowered.split()
    return (
        len(names) in phrases.TOPIC_LIST_WORDS
        and names[-1] in phrases.TOPIC_LIST_ENDS
        and all(name.replace("&", "").replace("'", "").isalnum() for name in names[:-1])
        and phrases.TOPIC_LIST_REJECT_WORDS.isdisjoint(names)
        and not lowered.startswith(phrases.HEADING_REJECTS)
        and _REJECT_WORDS.search(lowered) is None
    )


def may_end_label(value: str) -> bool:
    """A cheap look: could the text be a label named by its last word ("Bird Flu Posts")?"""
    end = value.rstrip(phrases.HEADING_STRIP_CHARS + "\n\t")[-_TOPIC_END_CHARS:]
    return end.lower().endswith(phrases.TOPIC_LIST_ENDS)


def media_title(value: str) -> bool:
    """A clip's or a gallery's title by its lead word ("Video: How easy is it...",
    "PHOTOS: The royals at the Olympics")."""
    head, colon, _ = value.strip().partition(":")
    return bool(colon) and plain(head).strip() in phrases.MEDIA_TITLE_LEADS


def _cjk_label(lowered: str) -> bool:
    """A short label without spaces between words that names a list ("热点推荐")."""
    return (
        0 < len(lowered) <= phrases.MAX_CJK_HEADING_CHARS
        and not lowered.isascii()
        and any(word in lowered for word in phrases.CJK_HEADING_WORDS)
    )


def heading_start(value: str) -> bool:
    """A cheap look: could a heading phrase start this (already peeked) text?"""
    head = plain(" ".join(value.split()).lstrip(phrases.LEAD_CHARS))
    if HEADING_START(head) or HEADING_START(head.replace("-", " ")) or may_end_label(head):
        return True
    if head.isascii():
        return head[:1] in _PATTERN_FIRST_CHARS and _HEADING_PATTERN.match(head) is not None
    return _cjk_label(head.strip(phrases.HEADING_STRIP_CHARS))


def starts_inline(element: HtmlElement) -> bool:
    """True when the element's text starts with an inline label ("Read more:")."""
    return INLINE_START(plain(text(element)[:40]))


def sponsored_label(value: str) -> bool:
    """A whole label that marks something as paid for ("Ad", "Sponsored by Acme")."""
    lowered = value.lower().strip(" :·•|-–—()[]")
    return len(lowered) <= texts.MAX_LABEL_CHARS and (
        lowered in texts.SPONSORED_LABELS or lowered.startswith(texts.SPONSORED_LEADS)
    )


def label_title(title: str, settings: Thresholds) -> bool:
    """Titles that are labels: utilities, block headings, sponsor notices, dates, and a
    vendor's documents."""
    lowered = title.lower().strip(phrases.LABEL_TITLE_STRIP_CHARS)
    return (
        lowered in texts.UTILITY_TEXTS
        or _heading_title(lowered, settings)
        or sponsored_label(lowered)
        or lowered.startswith(texts.LABEL_TITLE_PREFIXES)
        or texts.DATE_TITLE.fullmatch(lowered) is not None
        or texts.VENDOR_DOCUMENT.search(lowered) is not None
    )


def _heading_title(lowered: str, settings: Thresholds) -> bool:
    """A link whose whole text is a block heading ("Most popular", "More from Sport"), not
    a story that starts like one ("Popular singer cancels tour", "Latest: talks fail")."""
    if not heading_match(lowered):
        return False
    words = plain(lowered).strip(phrases.LEAD_CHARS).replace("-", " ")
    if words in HEADING_SET:
        return True
    return (
        any(words.startswith(p) for p in heading_prefixes.HEADING_PREFIXES if p.endswith(" "))
        and count(words) <= settings.max_label_link_words
    )


# --- titles -------------------------------------------------------------------------------------


def title_ok(title: str, min_words: int, settings: Thresholds) -> bool:
    """A story title: enough words (or, in scripts without spaces, enough characters)."""
    if not title:
        return False
    if " " not in title.strip():
        return len(title) >= settings.min_title_chars_nospace and not title.isascii()
    if unspaced(title):  # a Chinese headline with a space between its two clauses
        return len(title) - title.count(" ") >= settings.min_title_chars_nospace
    return count(title) >= min_words


def headline(value: str, settings: Thresholds) -> bool:
    """Text that reads like a headline: a few words, mostly letters (not a score line)."""
    words = count(value)
    if not settings.min_teaser_words <= words <= settings.max_teaser_words:
        # Scripts without spaces: a headline is a run of characters, not of words.
        chars = len(value) - value.count(" ")
        if value.isascii() or words > settings.max_teaser_words:
            return False
        if not settings.min_teaser_chars_nospace <= chars <= settings.max_teaser_chars_nospace:
            return False
    # A year is a word of a headline ("The best credit cards for 2017"); score lines and
    # tables are made of other numbers, and a date ("Tuesday | Sept 3, 2002") has too
    # few words of letters.
    digits = len(_ANY_DIGIT.findall(value)) - 4 * len(_YEAR.findall(value))
    if digits > settings.max_teaser_digit_share * (len(value) - value.count(" ")):
        return False
    return words < settings.min_teaser_words or (
        len(_LETTER_WORD.findall(value)) >= settings.min_teaser_words - 1
    )


_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe"})


def spelled_out(value: str) -> str:
    """Letters a slug spells out rather than folds ("Grüße" -> "gruesse")."""
    return value.lower().translate(_SPELLED_OUT)


@lru_cache(maxsize=4096)
def slug_words(value: str) -> tuple[str, ...]:
    """Words of a heading or URL slug, accents and case folded ("Últimas" == "ultimas")."""
    folded = unicodedata.normalize("NFKD", value.lower())
    ascii_ = "".join(c for c in folded if not unicodedata.combining(c))
    return tuple(w for w in re.split(r"[^a-z0-9]+", ascii_) if w)
