"""A story's lead paragraph outside the box readability chose: classed as the page's lead.

readability-lxml brings in an "editorial lead" above its best element (a subhead, a
standfirst, a dek) when the page's <article> or <main> holds both; news pages also name
that paragraph "lead", "a-lead", "article-intro" or "leader", and a reader who misses it
misses the story's first sentences. Those names are data here, matched as the last part
of a class ("a-lead" is a lead, "lead-image" and "m-intro-header" are not).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

LEAD_CLASS = re.compile(r"(?:^|[\s_-])(?:lead|lede|intro|leader)(?:$|\s)", re.I)
LEAD_MAX_LINKS = 0.2  # readability's own bound for an editorial lead
LEAD_MIN_WORDS = 12  # sentences, not a kicker or a headline
HEADLINES = ("h1", "h2")  # a block holding the headline is the page's header, not its lead
FRAME_TAGS = ("article", "main")


def editorial_leads(
    best: HtmlElement, found: list[HtmlElement], link_density: Callable[[HtmlElement], float]
) -> list[HtmlElement]:
    """readability's leads (``found``) and the page's lead-classed blocks before ``best``
    inside the same <article> or <main>, in page order, outermost only."""
    frame = next((elem for elem in best.iterancestors(*FRAME_TAGS)), None)
    if frame is None:
        return found
    ancestors = set(best.iterancestors())
    leads = []
    for elem in frame.iter():
        if elem is best:
            break
        if elem in ancestors or not isinstance(elem.tag, str):
            continue
        if elem not in found:
            if not LEAD_CLASS.search(elem.get("class") or ""):
                continue
            if link_density(elem) > LEAD_MAX_LINKS or not _prose(elem):
                continue
        if any(ancestor in leads for ancestor in elem.iterancestors()):
            continue
        leads.append(elem)
    return leads


def _prose(elem: HtmlElement) -> bool:
    if any(True for _ in elem.iterdescendants(*HEADLINES)):
        return False
    return len(elem.text_content().split()) >= LEAD_MIN_WORDS
