"""Stage 5: remove the junk readability lets through, keep what a reader wants to see.

Rules are data: phrase patterns for widget boxes, reading-time badges and newsletter
prompts; class/id patterns for share and follow bars, author boxes, subscription offers
and the article's footer box; teaser boxes for other stories; a link's file type and
size; the page's copyright line; lists of links to other stories, by class or by their
"Related" / "Most read" label; hosts of tracking pixels. Figures, captions (with their
photo credits), images, quotes, lists, tables and code are never dropped for being short.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

# The recommended-stories capture's heading list: one list of "other stories" labels.
from reader.extract.provenance import Recorder, watching
from reader.extract.recommended.rules.heading_prefixes import HEADING_PREFIXES
from reader.extract.recommended.rules.phrases import MAX_HEADING_WORDS
from reader.extract.tags import HEADING_TAGS
from reader.extract.text import fold, fold_within, squash, squash_within

if TYPE_CHECKING:
    from lxml.etree import XPath
    from lxml.html import HtmlElement

STAGE = "5 clean"  # as `reader extract --explain` names this stage
# A block whose whole text is made of these phrases is a broken widget, not the story.
WIDGET_PHRASES = (
    r"oops!?",
    r"something went wrong\.?",
    r"please try again( later)?\.?",
    r"try again\.?",
    r"an error (has )?occurred\.?",
    r"(this )?content (is )?(not|no longer|currently un) ?available\.?",
    r"loading\.*",
    r"we('|’)re sorry,? (but )?something went wrong\.?",
    r"sorry,? (this|the) (video|content|widget|player) (could not|couldn('|’)t) (be )?load(ed)?\.?",
    r"(your )?browser does not support (the )?(video|audio|iframe)s?( tag| element)?\.?",
    r"advertisement",
    r"ad",
    r"sponsored content",
    r"story continues below( advertisement)?",
)
_WIDGET = re.compile(r"^(?:\s*(?:" + "|".join(WIDGET_PHRASES) + r")\s*)+$", re.IGNORECASE)
# A question to the reader about the page, standing alone as a label over its rating stars
# or share buttons ("Was this article helpful?"), is the page's, not the story's.
PAGE_QUESTIONS = (
    r"(was|war) (this|the|der|dieser) (article|post|page|artikel|beitrag) (helpful|useful|"
    r"hilfreich|nützlich)",
    r"(did you find|fanden sie) (this|the|diesen|den) (article|post|artikel|beitrag) "
    r"(helpful|useful|hilfreich|nützlich)",
    r"(möchten|wollen) sie (den|diesen) (artikel|beitrag) teilen",
)
_PAGE_QUESTION = re.compile(r"^\W*(?:" + "|".join(PAGE_QUESTIONS) + r")\W*$", re.IGNORECASE)
# How such a question ends ("article helpful", "Artikel teilen"): looked for as plain
# substrings of the story's text before any block is read.
QUESTION_WORDS = ("helpful", "useful", "hilfreich", "nützlich", "teilen")
QUESTION_ENDS = tuple(
    f"{noun} {word}"
    for noun in ("article", "post", "page", "Artikel", "Beitrag")
    for word in QUESTION_WORDS
)
QUESTION_TAGS = ("p", "div", "span", "strong", "b", "h2", "h3", "h4", "h5", "h6", "label")
READING_TIME = re.compile(
    r"^\W*(?:reading time:?\s*)?(?:about\s+)?\d+\s*(?:-\s*\d+\s*)?(?:min|mins|minutes?)"
    r"(?:\.|ute)?\s*(?:read|reading|de lecture|lesezeit|lectura)?\W*$",
    re.IGNORECASE,
)
# The type and size a site prints beside a link to a file ("PDF | 38 KB | Datei ist nicht
# barrierefrei", "(PDF, 1.2 MB)"): the link's furniture, never the story's words. The type
# must be named: a size alone is a table's figure ("71.1 MB", Mozilla's links-in-tables).
# Snippets tuning: zoll.de's badge gone.
FILE_BADGE = re.compile(
    r"^\W*(?:pdf|docx?|xlsx?|pptx?|odt|ods|rtf|zip|epub|mp3|mp4)\b\W*"
    r"\d+(?:[.,]\d+)?\s*(?:[kmg]i?b|bytes?)\b[^\d]{0,40}$",
    re.IGNORECASE,
)
# A subscription offer standing where the rest of a paid story would be, or the site's
# shop box selling its paid plans inside the story ("paidbox": womenshealth's training
# plans, 49 lines of offers gone from the tuning page), or a paper's "buy box" (its price,
# "Instant access to the full article PDF": snippets tuning springer, 2 lines gone).
PAYWALL_FEATURES = re.compile(
    r"(?:^|[\s_-])(?:paywall|paidbox|buybox|buy-box)(?:$|[\s_-])", re.IGNORECASE
)
PAYWALL_MAX = 700  # an offer and a login link; a paid story's own text is longer
NEWSLETTER = re.compile(
    r"^\W*(?:sign up|subscribe|get|join)\b.{0,80}\b(?:newsletter|daily email|inbox|updates)\b",
    re.IGNORECASE,
)
SHARE_FEATURES = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|follow|sharebar|share-bar|social-links|"
    r"newsletter|subscribe|subscription|signup|related-links|read-more-links|"
    r"reading-time|read-time|readtime)(?:$|[\s_-])",
    re.IGNORECASE,
)
# The writer's biography box under the story ("Dana covers transport... Follow Dana").
AUTHOR_BOX_FEATURES = re.compile(
    r"author-?(?:box|bio|info|card|details|profile|blurb)|about-?(?:the-)?author|"
    r"contributor-?(?:bio|box)|(?:^|[\s_-])bio-?box|"
    r"saboxplugin|(?:^|\s)m-a-box(?:$|\s)|"  # the Simple Author Box and Molongui plugins
    r"(?:^|\s)abh_box(?:$|[\s_])",  # ...and the About Author Box plugin (snippets +1)
    re.IGNORECASE,
)
AUTHOR_BOX_MAX = 700  # a short biography, never a chapter of the story
# The box a site sets under its story ("article-footer": the agencies, the original's
# source, tags, a contact): the site's filing, not the story. Snippets tuning: motor.at's
# agencies line gone.
ARTICLE_FOOTER_FEATURES = re.compile(r"(?:^|[\s_])article-footer(?:$|[\s_-])", re.IGNORECASE)
ARTICLE_FOOTER_MAX = 700
# A line that only states the page's copyright ("© Site 2021", "Copyright 2020 Site. All
# rights reserved."): a year or "all rights reserved" tells it from a photo credit
# ("© Provided by Agency"), which belongs to its picture and is kept.
COPYRIGHT = re.compile(
    r"^[^\w©(]*+(?:©|\(c\)|copyright\b)(?=.*(?:\b(?:19|20)\d\d\b|all rights reserved))"
    r".{0,100}$",
    re.IGNORECASE,
)
# Blocks of other stories or widgets inside the story container, whatever their length.
# A site's "linkbox" (handwerksblatt's "DHB jetzt auch digital!") and a paragraph type of
# "interesting articles" (jolie's teaser) are such blocks: snippets tuning +2, no page lower.
RELATED_FEATURES = re.compile(
    r"(?:^|[\s_-])(?:related|relatedposts|related-posts|related-articles|sharedaddy|yarpp|"
    r"outbrain|taboola|read-next|more-stories|recommended|recirculation|linkbox)(?:$|[\s_-])|"
    r"interesting-articles",  # inside a longer name ("paraTypeInteresting-articles")
    re.IGNORECASE,
)
# A block introduced by a "Related stories" / "Most read" / "Read more" label (the
# recommended-stories capture's own heading list) and made mostly of links is a list of
# other pages inside the story, even without a telling class.
LINK_BLOCK_SHARE = 0.6  # share of the block's text (label aside) that sits in links
LINK_LIST_MIN = 2  # a list, not one inline cross-reference
# ...or such a list written one link a paragraph under a heading ("Weitere Beiträge aus der
# Kolumne"); under a "Read more:" line in the story's own voice, Mozilla's gold keeps it.
LINK_LINE_TAGS = frozenset(("p", "div"))
HEADING_LABELS = HEADING_TAGS - {"h1"}  # (an <h1> is the story's own headline)
LABEL_TAGS = ("h2", "h3", "h4", "h5", "h6", "p", "strong", "b", "span")
RELATED_SHARE_MAX = 0.5  # never drop what holds half the story: then it IS the story
SHARE_TEXT_MAX = 200  # a share/follow bar is a row of short labels, never a paragraph
BOX_TEXT_MAX = 300  # longest widget box / prompt we expect; longer blocks are content
BOX_MAX_CHILDREN = 8  # a widget box or a share bar is a few elements, not a container
TOP_BLOCKS = 6  # a repeated title or byline sits among the first few blocks of the story
TRACKER_HOSTS = (
    "doubleclick.net",
    "google-analytics.com",
    "googletagmanager.com",
    "facebook.com/tr",
    "scorecardresearch.com",
    "quantserve.com",
    "pixel.",
    "stats.wp.com",
    "b.scorecardresearch",
    "analytics.",
    "bat.bing.com",
    "sb.scorecardresearch.com",
    "ad.doubleclick",
    "pixel.wp.com",
    "counter.",
    "feeds.feedburner.com/~r",
)
PIXEL_MAX = 2  # an image this small (width or height in px) is a tracker, not a picture
# Elements kept even when they hold no text.
KEEP_EMPTY = frozenset(
    ("img", "br", "hr", "td", "th", "tr", "video", "audio", "source", "picture", "iframe", "col")
)
HAS_MEDIA = ".//img|.//video|.//audio|.//iframe|.//picture|.//hr|.//math|.//svg"
BLOCKS = ("p", "div", "li", "ul", "ol", "span", "section", "aside", "figure", "header", "footer")
NEVER_DROP = frozenset(("figure", "figcaption", "table", "pre", "code", "blockquote"))
HEADINGS = ("h1", "h2", "h3")
# A teaser card: a link around a picture and a headline or a summary paragraph.
TEASER_TEXT = ".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//p[normalize-space()]"
# ...or a box whose headline is a link and whose summary ends in a short link to the same
# page ("mehr", "Read more", "Download (123 KB)"): another story's teaser, set in this one.
# Such boxes holding half the story or more are what the page lists (CleanEval final_757, a
# shop's tours, fell 0.645 -> 0.038 without that bound): they stay. Snippets tuning: ndr's
# "Weitere Informationen" teaser gone; Dragnet held-out one page higher.
TEASER_BOX_TAGS = frozenset(("div", "section", "article", "aside", "li"))
TEASER_BOX_MAX = 400
TEASER_MORE_MAX_WORDS = 3
IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]|$)", re.IGNORECASE)
# The byline block above the story repeats the metadata: dropped when short.
BYLINE_FEATURES = re.compile(r"byline|(?:^|[\s_-])author(?:$|[\s_-])|dateline", re.IGNORECASE)
BYLINE_BLOCK_MAX = 120
# Inline elements are only dropped when they are a widget or badge: a link inside a
# sentence that says "newsletter" is still part of the sentence.
INLINE_JUNK_ONLY = frozenset(("a", "button", "time", "span"))


def clean_story(
    story: HtmlElement, *, title: str | None, byline: str | None, recorder: Recorder | None = None
) -> None:
    """Remove junk from the story element in place (each rule's removals noted on the
    recorder, when one is given)."""
    text = story.text_content()  # before the junk goes: read once, for both rules
    with watching(recorder, story, STAGE, "widget, badge, share bar, author box or related"):
        _drop_junk_blocks(story, text, recorder)
    with watching(recorder, story, STAGE, "a teaser box for another story"):
        _drop_teaser_boxes(story, text)
    with watching(recorder, story, STAGE, "a question to the reader about the page"):
        _drop_page_questions(story, text)
    with watching(recorder, story, STAGE, "a labelled list of links to other stories"):
        _drop_labelled_link_blocks(story)
    with watching(recorder, story, STAGE, "the title or byline repeated at the top"):
        _drop_repeats_at_top(story, title=title, byline=byline)
    with watching(recorder, story, STAGE, "a tracking pixel"):
        _drop_tracking_pixels(story)
    with watching(recorder, story, STAGE, "empty once the junk went"):
        _drop_empty(story)


def _drop(elem: HtmlElement, recorder: Recorder | None = None, rule: str = "") -> None:
    if elem.getparent() is not None:
        if recorder is not None:
            recorder.note(elem, STAGE, rule)
        elem.drop_tree()


def _drop_junk_blocks(story: HtmlElement, text: str, recorder: Recorder | None = None) -> None:
    story_chars = len(squash(text)) or 1
    for elem in list(story.iter(*BLOCKS, "h4", "h5", "h6", "a", "button", "time")):
        if elem.getparent() is None or elem is story:
            continue
        features = f"{elem.get('class', '')} {elem.get('id', '')}"
        if RELATED_FEATURES.search(features):
            if _share(elem, story_chars) < RELATED_SHARE_MAX:
                _drop(elem, recorder, "a block of related stories (by its class or id)")
            continue
        if AUTHOR_BOX_FEATURES.search(features) and elem.tag not in NEVER_DROP:
            chars = len(squash(elem.text_content()))
            if chars <= AUTHOR_BOX_MAX and chars < story_chars * RELATED_SHARE_MAX:
                _drop(elem, recorder, "the author's box")
                continue
        if ARTICLE_FOOTER_FEATURES.search(features) and elem.tag not in NEVER_DROP:
            chars = len(squash(elem.text_content()))
            if chars <= ARTICLE_FOOTER_MAX and chars < story_chars * RELATED_SHARE_MAX:
                _drop(elem, recorder, "the article's footer")
                continue
        if PAYWALL_FEATURES.search(features) and elem.tag not in NEVER_DROP:
            chars = len(squash(elem.text_content()))
            if chars <= PAYWALL_MAX and chars < story_chars * RELATED_SHARE_MAX:
                _drop(elem, recorder, "a subscription offer")
                continue
        if elem.tag == "a" and _is_teaser(elem, story_chars):
            _drop(elem, recorder, "a teaser card for another story")
            continue
        if len(elem) > BOX_MAX_CHILDREN:
            continue
        box = squash_within(elem.text_content(), BOX_TEXT_MAX)
        if box is None:
            continue
        if box and _WIDGET.match(box):
            _drop(elem, recorder, "a widget's or an ad's words only")
        elif box and READING_TIME.match(box):
            _drop(elem, recorder, "a reading-time badge")
        elif box and FILE_BADGE.match(box):
            _drop(elem, recorder, "a link's file type and size")
        elif box and _copyright(elem, box):
            _drop(elem, recorder, "the page's copyright line")
        elif elem.tag in INLINE_JUNK_ONLY:
            continue
        elif _is_bar_or_prompt(elem, box, features):
            _drop(elem, recorder, "a share or follow bar, or a newsletter prompt")


def _drop_page_questions(story: HtmlElement, text: str) -> None:
    """``text``: the story's text before stage 5 began (a question dropped since does no
    harm: the blocks are only read on a story whose text holds such an ending)."""
    # a regex over every story's text cost 1.5 ms a page; the last words, then the endings
    if not any(word in text for word in QUESTION_WORDS):
        return
    if not any(end in text for end in QUESTION_ENDS):
        return
    for elem in list(story.iter(*QUESTION_TAGS)):
        if (
            elem is not story
            and elem.getparent() is not None
            and _PAGE_QUESTION.match(squash(elem.text_content()))
        ):
            _drop(elem)


def _is_teaser(link: HtmlElement, story_chars: int) -> bool:
    """A link to another page that wraps a picture and a headline or summary: a card
    promoting another story (the story's own pictures link to themselves, if at all)."""
    if not len(link):
        return False  # most links hold only words: no xpath for them
    href = (link.get("href") or "").strip()
    if not href or href.startswith("#") or IMAGE_FILE.search(href):
        return False
    if not link.xpath(".//img|.//picture") or not link.xpath(TEASER_TEXT):
        return False
    return _share(link, story_chars) < RELATED_SHARE_MAX


def _drop_labelled_link_blocks(story: HtmlElement) -> None:
    story_chars = len(squash(story.text_content())) or 1
    for label in list(story.iter(*LABEL_TAGS)):
        block = label.getparent()
        if block is None or label is story or not _is_list_label(label):
            continue
        if block is not story and _is_link_list(block, skip=label):
            # never half the story: a table cell holding it and a "Related:" label is the story
            if _share(block, story_chars) < RELATED_SHARE_MAX:
                _drop(block)
            continue
        following = label.getnext()
        if (
            following is not None
            and _is_link_list(following)
            and _share(following, story_chars) < RELATED_SHARE_MAX
        ):
            _drop(following)
            _drop(label)
            continue
        run = _link_lines(following) if label.tag in HEADING_LABELS else []
        if (
            len(run) >= LINK_LIST_MIN
            and sum(_share(e, story_chars) for e in run) < RELATED_SHARE_MAX
        ):
            for line in run:
                _drop(line)
            _drop(label)


def _link_lines(first: HtmlElement | None) -> list[HtmlElement]:
    """The run of paragraphs from ``first`` on that are each mostly one link: a list of
    other stories written one link a paragraph."""
    run = []
    elem = first
    while elem is not None and elem.tag in LINK_LINE_TAGS and not squash(elem.tail or ""):
        if len(elem.xpath(".//a[normalize-space()]")) != 1 or _links_share(elem) < LINK_BLOCK_SHARE:
            break
        run.append(elem)
        elem = elem.getnext()
    return run


def _drop_teaser_boxes(story: HtmlElement, text: str) -> None:
    """The teaser boxes set in the story, unless together they are half of it: then they
    are what the page lists (a shop's products, an index of stories)."""
    boxes: list[HtmlElement] = []
    for elem in story.iter(*TEASER_BOX_TAGS):
        if elem is story or any(box in boxes for box in elem.iterancestors()):
            continue
        if _is_teaser_box(elem):
            boxes.append(elem)
    held = sum(len(squash(box.text_content())) for box in boxes)
    if boxes and held < len(squash(text)) * RELATED_SHARE_MAX:
        for box in boxes:
            _drop(box)


def _is_teaser_box(box: HtmlElement) -> bool:
    """A short box whose headline is one link and which links to that page again with a
    short "more" link: a teaser for another story."""
    heading = next(box.iter(*HEADING_LABELS), None)
    if heading is None or len(squash(box.text_content())) > TEASER_BOX_MAX:
        return False
    links = heading.findall(".//a")
    href = links[0].get("href", "").strip() if len(links) == 1 else ""
    if not href or href.startswith("#"):
        return False
    if squash(links[0].text_content()) != squash(heading.text_content()):
        return False
    for link in box.iter("a"):
        if link is links[0] or link.get("href", "").strip() != href:
            continue
        if 0 < len(link.text_content().split()) <= TEASER_MORE_MAX_WORDS:
            return True
    return False


def _share(elem: HtmlElement, story_chars: int) -> float:
    return len(squash(elem.text_content())) / story_chars


def _is_link_list(elem: HtmlElement, skip: HtmlElement | None = None) -> bool:
    """Several links making up most of the text: a list of other pages.

    A single "Read more: <a>...</a>" line is left: it is one aside, often in the
    story's own voice, and the story's text is judged to include it."""
    links = len(elem.xpath(".//a[normalize-space()]"))
    if skip is not None:
        links -= len(skip.xpath(".//a[normalize-space()]"))
    return links >= LINK_LIST_MIN and _links_share(elem, skip) >= LINK_BLOCK_SHARE


def _is_list_label(label: HtmlElement) -> bool:
    """A short label naming a list of other stories ("Related stories", "Most read:")."""
    text = squash(label.text_content()).lower().replace("’", "'")
    if label.tag == "p" and ":" in text:  # "Read more: <a>...</a>, <a>...</a>"
        text = text.split(":", 1)[0]
    if not text or len(text.split()) > MAX_HEADING_WORDS:
        return False
    return text.rstrip(" :»›>").startswith(HEADING_PREFIXES)


def _links_share(elem: HtmlElement, skip: HtmlElement | None = None) -> float:
    """Share of the text of ``elem`` (``skip`` aside) that is link text."""
    if elem.tag in NEVER_DROP or _holds_kept_boxes(elem):
        return 0.0
    total = len(squash(elem.text_content()))
    linked = sum(len(squash(a.text_content())) for a in elem.iter("a"))
    if skip is not None:
        total -= len(squash(skip.text_content()))
        linked -= sum(len(squash(a.text_content())) for a in skip.iter("a"))
    return linked / total if total > 0 else 0.0


def _holds_kept_boxes(elem: HtmlElement) -> bool:
    """A figure, table or code block inside: never a bar, a prompt or a list of links."""
    return bool(_kept_boxes()(elem))


@cache
def _kept_boxes() -> XPath:
    """Compiled once: compiling the XPath at each of the story's short blocks cost 0.5%."""
    from lxml.etree import XPath

    return XPath(".//figure|.//table|.//pre")


def _copyright(elem: HtmlElement, text: str) -> bool:
    """The page's copyright line; a credit inside a figure belongs to its picture."""
    return bool(COPYRIGHT.match(text)) and not elem.xpath("ancestor-or-self::figure")


def _is_bar_or_prompt(elem: HtmlElement, text: str, features: str) -> bool:
    """A share/follow bar or a newsletter prompt (never a figure, table or code)."""
    if elem.tag in NEVER_DROP or _holds_kept_boxes(elem):
        return False
    if SHARE_FEATURES.search(features) and len(text) <= SHARE_TEXT_MAX:
        return True
    return bool(text and NEWSLETTER.match(text) and elem.tag != "li")


def _drop_repeats_at_top(story: HtmlElement, *, title: str | None, byline: str | None) -> None:
    targets = {fold(value) for value in (title, byline) if value}
    if byline:
        targets.add(fold(f"by {byline}"))
    targets.discard("")
    longest = max(map(len, targets), default=0)
    seen = 0
    doomed = []
    for elem in story.iter(*HEADINGS, "p", "h4", "div", "span", "address"):
        text = squash(elem.text_content())
        if not text:
            continue
        seen += 1
        if seen > TOP_BLOCKS:
            break
        features = f"{elem.get('class', '')} {elem.get('id', '')}"
        if elem.xpath(HAS_MEDIA):
            continue
        if fold_within(text, longest) in targets or (
            BYLINE_FEATURES.search(features) and len(text) <= BYLINE_BLOCK_MAX
        ):
            doomed.append(elem)
    for elem in doomed:
        _drop(elem)


def _drop_tracking_pixels(story: HtmlElement) -> None:
    for img in list(story.iter("img")):
        src = (img.get("src") or "").lower()
        if any(host in src for host in TRACKER_HOSTS) or _tiny(img):
            _drop(img)


def _tiny(img: HtmlElement) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= PIXEL_MAX:
            return True
    return False


def _drop_empty(story: HtmlElement) -> None:
    # Deepest first, so a list emptied of its widget items goes too.
    for elem in reversed(list(story.iter())):
        if elem is story or not isinstance(elem.tag, str) or elem.tag in KEEP_EMPTY:
            continue
        if elem.text and elem.text.strip():
            continue
        if len(elem) == 0 or (not elem.text_content().strip() and not elem.xpath(HAS_MEDIA)):
            if elem.tag in ("a",) and elem.get("id"):
                continue
            if elem.text:  # a whitespace-only inline element still separates two words
                elem.tail = " " + (elem.tail or "")
            _drop(elem)
