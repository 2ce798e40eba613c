"""A story's lead paragraph outside the box readability chose: classed as the page's lead.

readability-lxml brings in an "editorial lead" above its best element (a subhead, a
standfirst, a dek) when the page's <article> or <main> holds both; news pages also name
that paragraph "lead", "a-lead", "article-intro", "leader", "summary" or "dek", and a
reader who misses it misses the story's first sentences. Those names are data here,
matched as the last part of a class ("a-lead" is a lead, "lead-image" and "m-intro-header"
are not). An unclassed <h2> of sentence length right under the <h1> is the dek too. A page
with no <article> or <main> still frames its story with its headline: the block holding the
<h1> and the story, below body, where the lead stands between the two.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# "summary", "dek", "standfirst" and "subheadline" name the opening sentences too (snippets
# tuning: baike, emotion +1 each, no page lower anywhere); a "rating-summary" is a box of
# customer ratings, not a lead. Not "excerpt": Mozilla's gold leaves quanta-1's out.
LEAD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:lead|lede|intro|leader|dek|standfirst|subheadline|(?<!rating-)summary)"
    r"(?:$|\s)",
    re.I,
)
LEAD_MAX_LINKS = 0.2  # readability's own bound for an editorial lead
LEAD_MIN_WORDS = 12  # sentences, not a kicker or a headline
HEADLINES = ("h1", "h2")  # a block holding the headline is the page's header, not its lead
FRAME_TAGS = ("article", "main")
OUTSIDE_FRAME = frozenset(("body", "html"))  # the whole page frames no story
# The lead that says the page's description: the two open alike (over this many characters,
# or the shorter one whole) and neither is half as long again as the other (a description
# may be cut short, or run on past the lead). Tuning: snippets 7mind, cnet.de, handwerksblatt,
# motor.at, Dragnet 140, Mozilla la-nacion and nytimes-4 up, no page lower. Not on a page
# framed only by its headline: Mozilla's gitlab-blog and quanta-1 leave theirs out there
# (0.996 -> 0.983, 1.000 -> 0.996).
DESCRIBED_OPENING_CHARS = 80
DESCRIBED_MIN_CHARS = 40
DESCRIBED_LENGTH_RATIO = 1.5
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))  # left to _dek (an <h2> under <h1>)


def editorial_leads(
    best: HtmlElement,
    found: list[HtmlElement],
    link_density: Callable[[HtmlElement], float],
    description: str | None = None,
) -> list[HtmlElement]:
    """readability's leads (``found``) and the page's lead-classed blocks before ``best``
    inside the same <article> or <main> (on a page with neither, below the headline in the
    block holding it and ``best``), in page order, outermost only. ``description``: the
    page's meta description; inside an <article> or <main>, a block saying it is a lead."""
    frame = next((elem for elem in best.iterancestors(*FRAME_TAGS)), None)
    headline = None
    described = " ".join(description.split()) if description else ""
    if described and described[:DESCRIBED_OPENING_CHARS] in " ".join(best.text_content().split()):
        described = ""  # the story opens with it already (a description is often that)
    if frame is None:
        described = ""
        frame, headline = _headline_frame(best)
        if frame is None:
            return found
    ancestors = set(best.iterancestors())
    leads = []
    for elem in frame.iter():
        if elem is best:
            break
        if headline is not None:  # only what stands below the headline
            headline = None if elem is headline else headline
            continue
        if elem in ancestors or not isinstance(elem.tag, str):
            continue
        if elem not in found:
            if not (
                LEAD_CLASS.search(elem.get("class") or "")
                or _dek(elem)
                or (described and _says(elem, described))
            ):
                continue
            if link_density(elem) > LEAD_MAX_LINKS or not _prose(elem):
                continue
        if any(ancestor in leads for ancestor in elem.iterancestors()):
            continue
        leads.append(elem)
    return leads


def _dek(elem: HtmlElement) -> bool:
    """A subheading right under the headline: the dek, when it is sentences long (_prose).
    Snippets tuning: die-tagespost, neues-deutschland +1 each; Dragnet's golds keep it
    (R374, R379, R710 up); Mozilla's salon-1 leaves it out (1.000 -> 0.996)."""
    before = elem.getprevious()
    return elem.tag == "h2" and before is not None and before.tag == "h1"


def _says(elem: HtmlElement, description: str) -> bool:
    """Whether the block's text is the page's description (see DESCRIBED_OPENING_CHARS)."""
    if elem.tag in HEADINGS:
        return False
    text = " ".join(elem.text_content().split())
    shorter, longer = sorted((len(text), len(description)))
    if shorter < DESCRIBED_MIN_CHARS or longer > shorter * DESCRIBED_LENGTH_RATIO:
        return False
    opening = min(shorter, DESCRIBED_OPENING_CHARS)
    return text[:opening] == description[:opening]


def _headline_frame(best: HtmlElement) -> tuple[HtmlElement | None, HtmlElement | None]:
    """The nearest ancestor of ``best`` below <body> holding an <h1> before ``best``, and
    that headline; (None, None) when there is none. Each box before ``best`` is read once."""
    node = best
    while (parent := node.getparent()) is not None and parent.tag not in OUTSIDE_FRAME:
        for sibling in node.itersiblings(preceding=True):
            if isinstance(sibling.tag, str):
                headline = sibling if sibling.tag == "h1" else next(sibling.iter("h1"), None)
                if headline is not None:
                    return parent, headline
        node = parent
    return None, None


def _prose(elem: HtmlElement) -> bool:
    if any(True for _ in elem.iterdescendants(*HEADLINES)):
        return False
    return len(elem.text_content().split()) >= LEAD_MIN_WORDS
