"""The post's filing left in the story: its row of tags ("Tags: ferries, harbour").

A blog or news theme prints the tags under (or over) the story as labelled links to the
site's tag pages. They file the story; a reader of it never reads them as part of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.extract.leftovers import rules
from reader.extract.leftovers.story import LINE_BLOCKS, WORD
from reader.extract.text import squash

if TYPE_CHECKING:
    from lxml.html import HtmlElement


def drop_tag_lines(story: HtmlElement) -> None:
    """A line that is a tags label and then links, nothing else."""
    for elem in list(story.iter(*LINE_BLOCKS)):
        if elem is story or elem.getparent() is None:
            continue
        raw = elem.text_content()
        # too many words for a tag line: told by splitting off no more than that many
        # (squashing every long paragraph of the story was 1% of extraction)
        if len(raw.split(None, rules.TAG_LINE_MAX_WORDS)) > rules.TAG_LINE_MAX_WORDS:
            continue
        text = squash(raw)
        label = rules.TAG_LINE_LABEL.match(text)
        if label is None:
            continue
        letters = _letters(text[label.end() :])
        linked = sum(_letters(link.text_content()) for link in elem.iter("a"))
        if letters and linked >= rules.TAG_LINE_LINK_SHARE * letters:
            elem.drop_tree()


def _letters(text: str) -> int:
    return sum(len(word) for word in WORD.findall(text))
