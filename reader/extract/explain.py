"""Each block of a page, kept or dropped, and by which stage and rule: `reader extract
--explain`, so a person filing a bug can show what extraction did.

A block is an element holding text of its own (a paragraph, a heading, a list item, a
cell; the text of its inline children counts, its block children are blocks of their own)
or a picture. Its verdict comes from a Recorder passed along the pipeline
(reader.extract.provenance); its kind (navigation, comments, recommended list, ad,
boilerplate) from the rule that removed it, else from the tags, classes and ids around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.extract.provenance import Recorder, Removal, number_of

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from reader.extract.pipeline import RulesLookup
    from reader.model import Article, Page

INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "mark",
        "nobr",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)
NEVER_BLOCKS = frozenset(
    [
        "head",
        "title",
        "meta",
        "link",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "option",
        "select",
    ]
)
PICTURE_TAGS = frozenset(("img",))
# The kind of a dropped block, said by the rule that dropped it (phrases of its name)...
KIND_BY_RULE = (
    ("related stories", "recommended list"),
    ("other stories", "recommended list"),
    ("an ad's", "ad"),
)
# ...else by the tags, classes and ids of the block and the elements around it.
KIND_BY_TAG = {"nav": "navigation", "header": "navigation", "footer": "navigation"}
KIND_BY_FEATURES = (
    ("comments", re.compile(r"comment|disqus|discussion|respond|replies", re.IGNORECASE)),
    (
        "recommended list",
        re.compile(
            r"related|recommend|outbrain|taboola|read-?next|more-?stories|most-?(?:read|popular)"
            r"|trending|recirc",
            re.IGNORECASE,
        ),
    ),
    (
        "ad",
        re.compile(r"(?:^|[\s_-])ads?(?:$|[\s_-])|advert|sponsor|promo|dfp|banner", re.IGNORECASE),
    ),
    (
        "navigation",
        re.compile(
            r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|pagination|pager|masthead"
            r"|header|footer|skip|sitemap)(?:$|[\s_-])",
            re.IGNORECASE,
        ),
    ),
)
BOILERPLATE = "boilerplate"
TEXT_SHOWN = 72  # characters of a block's text in a line of the explanation


@dataclass(frozen=True)
class Block:
    number: int  # the element's place in the page's document order
    label: str  # "p", "div#comments", "li.menu-item"
    text: str  # its own text, squashed ("[picture] alt" for a picture)
    kept: bool
    removal: Removal | None  # for a dropped block: the stage and rule
    kind: str | None  # for a dropped block: navigation, comments, recommended list, ad...


@dataclass(frozen=True)
class Region:
    """A dropped part of the page shown as one piece: the largest element holding nothing
    kept, split where its blocks were dropped for different reasons."""

    number: int
    label: str
    kind: str
    removal: Removal
    inline: bool  # an inline element (a badge, a link) inside a kept block


@dataclass(frozen=True)
class Explanation:
    article: Article
    chooser: str  # who chose the story in stage 4
    blocks: tuple[Block, ...]
    regions: tuple[Region, ...] = ()
    # The numbered page before any removal, and the finished story with its numbers on
    # (lxml trees, for reader.extract.removed_view and the fixes that become site rules).
    tree: HtmlElement | None = field(default=None, compare=False, repr=False)
    story: HtmlElement | None = field(default=None, compare=False, repr=False)

    def dropped(self) -> list[Block]:
        return [block for block in self.blocks if not block.kept]

    def lines(self) -> list[str]:
        """The explanation as a person reads it: runs of blocks under one verdict line."""
        kept = sum(block.kept for block in self.blocks)
        out = [
            f"story chosen by {self.chooser}; "
            f"{kept} of {len(self.blocks)} blocks kept, {len(self.blocks) - kept} dropped",
        ]
        heading = None
        for block in self.blocks:
            verdict = _verdict(block)
            if verdict != heading:
                out.append(verdict)
                heading = verdict
            out.append(f"    {block.label:<24} {_quoted(block.text)}")
        return out


def explain(page: Page, rules_for: RulesLookup | None = None) -> Explanation:
    """Extract ``page`` (as reader.extract.extract does) and say what became of each block."""
    from dataclasses import replace

    from reader.extract.pipeline import extract as run

    recorder = Recorder()
    article = replace(run(page, rules_for, recorder), original=page)
    if recorder.pristine is None:  # pragma: no cover - the pipeline always numbers a tree
        return Explanation(article, recorder.chooser, ())
    fallback = Removal("4 story", f"outside the story {recorder.chooser} chose")
    blocks = []
    found = _blocks(recorder.pristine)
    for elem in found:
        number = number_of(elem)
        if number is None:
            continue
        kept = number in recorder.kept
        removal = None if kept else recorder.removals.get(number, fallback)
        blocks.append(
            Block(
                number=number,
                label=_label(elem),
                text=own_text(elem),
                kept=kept,
                removal=removal,
                kind=None if removal is None else kind_of(elem, removal),
            )
        )
    regions = _Regions(recorder, {number_of(elem) for elem in found}, fallback).of(
        recorder.pristine
    )
    return Explanation(
        article,
        recorder.chooser,
        tuple(blocks),
        tuple(regions),
        tree=recorder.pristine,
        story=recorder.story,
    )


class _Regions:
    """The dropped parts of the page, in page order (see Region)."""

    def __init__(self, recorder: Recorder, blocks: set[int | None], fallback: Removal) -> None:
        self.recorder = recorder
        self.blocks = blocks  # numbers of the block elements (lxml proxies have no fixed id)
        self.fallback = fallback
        self.holds_kept: set[int | None] = set()  # numbers of elements holding something kept
        assert recorder.pristine is not None  # the recorder numbered the page
        for elem in recorder.pristine.iter():
            if number_of(elem) in recorder.kept:
                self.holds_kept.add(number_of(elem))
                self.holds_kept.update(number_of(a) for a in elem.iterancestors())

    def of(self, root: HtmlElement) -> list[Region]:
        found: list[Region] = []
        for child in root:
            if not isinstance(child.tag, str) or child.tag in NEVER_BLOCKS:
                continue
            if number_of(child) in self.holds_kept:
                found.extend(self.of(child))
            else:
                found.extend(self._split(child))
        return found

    def _split(self, elem: HtmlElement) -> list[Region]:
        inside = [e for e in elem.iter() if number_of(e) in self.blocks]
        if not inside:
            return []
        removals = {self._removal(e) for e in inside}
        own_block = number_of(elem) in self.blocks
        if len(removals) > 1 and not own_block:  # parts dropped for different reasons
            found = []
            for child in elem:
                if isinstance(child.tag, str):
                    found.extend(self._split(child))
            return found
        number = number_of(elem)
        if number is None:
            return []
        removal = self._removal(elem) if own_block else removals.pop()
        inline = elem.tag in INLINE_TAGS and any(
            number_of(a) in self.holds_kept for a in elem.iterancestors()
        )
        return [Region(number, _label(elem), kind_of(elem, removal), removal, inline)]

    def _removal(self, elem: HtmlElement) -> Removal:
        number = number_of(elem)
        return (
            self.recorder.removals.get(number, self.fallback)
            if number is not None
            else self.fallback
        )


def block_numbers(explanation: Explanation) -> set[int]:
    return {block.number for block in explanation.blocks}


def kind_of(elem: HtmlElement, removal: Removal) -> str:
    """navigation, comments, recommended list, ad or boilerplate."""
    for phrase, kind in KIND_BY_RULE:
        if phrase in removal.rule:
            return kind
    for node in (elem, *elem.iterancestors()):
        if not isinstance(node.tag, str):
            continue
        if node.tag in KIND_BY_TAG:
            return KIND_BY_TAG[node.tag]
        features = f"{node.get('class', '')} {node.get('id', '')}"
        for kind, pattern in KIND_BY_FEATURES:
            if pattern.search(features):
                return kind
    return BOILERPLATE


def _blocks(root: HtmlElement) -> list[HtmlElement]:
    found = []
    for elem in root.iter():
        tag = elem.tag
        if not isinstance(tag, str) or tag in INLINE_TAGS or tag in NEVER_BLOCKS:
            continue
        if any(ancestor.tag in NEVER_BLOCKS for ancestor in elem.iterancestors()):
            continue
        if tag in PICTURE_TAGS or own_text(elem):
            found.append(elem)
    return found


def own_text(elem: HtmlElement) -> str:
    """The block's text without its nested blocks' (those are blocks of their own)."""
    if elem.tag in PICTURE_TAGS:
        alt = " ".join((elem.get("alt") or "").split())
        return f"[picture] {alt}".rstrip()
    parts = [elem.text or ""]
    for child in elem:
        if isinstance(child.tag, str) and child.tag in INLINE_TAGS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join(" ".join(parts).split())


def _label(elem: HtmlElement) -> str:
    label = str(elem.tag)
    ident = (elem.get("id") or "").strip()
    classes = (elem.get("class") or "").split()
    if ident:
        label += f"#{ident}"
    elif classes:
        label += f".{classes[0]}"
    return label


def _verdict(block: Block) -> str:
    if block.removal is None:
        return "kept"
    return f"dropped [{block.kind}] by {block.removal.stage}: {block.removal.rule}"


def _quoted(text: str) -> str:
    if len(text) > TEXT_SHOWN:
        text = text[: TEXT_SHOWN - 1].rstrip() + "…"
    return f"“{text}”"
