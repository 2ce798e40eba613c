"""Stage 5b: leftovers a reading view must not show, each a rule with a fixture of its own.

Titles lose the site's or the author's name (titles.py); the story loses screen-reader
labels, wiki hatnotes, heading permalinks and "[edit]", "Continue reading the main story",
links that work the page ("Print", "Back") alone on their line; a "Read more:" /
"Lea también:" line with one link to another story leaves for the recommended stories;
links to other stories standing alone between paragraphs gather in a list at the end;
the outlet's call to follow it on its app or channel at the end goes, and so does a blog's
"This entry was posted in …" line, its row of tags ("Tags: …", filing.py), and the count
of a thread of comments left out ("0 Kommentare"),
and the site's note that its links earn it a commission;
a last line that is a label introducing nothing ("Zum Weiterlesen:") goes;
photo credits are set apart from their captions (a one-item list after a figure is its
caption); an opening infobox moves below the first
paragraph (story.py). The rules' words and class names are data (rules.py). A heading that
repeats the title stays in the story: the reading view and the text and Markdown outputs
show the title once (titles.title_repeat).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reader.extract.leftovers import story as _story
from reader.extract.leftovers.filing import drop_tag_lines
from reader.extract.leftovers.hidden import hidden_classes
from reader.extract.leftovers.story import take_read_also_lines
from reader.extract.leftovers.titles import (
    opening_heading,
    own_names,
    repeats_title,
    tidy_title,
    title_from_source,
    title_repeat,
)

if TYPE_CHECKING:  # the reading view's renderer imports this package, not the metadata one
    from lxml.html import HtmlElement

    from reader.extract.metadata import Metadata

__all__ = [
    "drop_title_repeat",
    "hidden_classes",
    "opening_heading",
    "repeats_title",
    "take_read_also_lines",
    "tidy_metadata",
    "tidy_story",
    "title_from_source",
]


def tidy_metadata(meta: Metadata, page_url: str | None) -> Metadata:
    """The metadata with a title that names only the story."""
    if not meta.title:
        return meta
    names = own_names(meta.site_name, meta.byline, meta.url or page_url)
    return replace(meta, title=tidy_title(meta.title, names) or meta.title)


def tidy_story(
    story: HtmlElement, meta: Metadata, hidden: frozenset[str], page_url: str | None
) -> Metadata:
    """Apply the story rules in place; the metadata comes back with the title the story's
    opening heading settles (see story.title_from_heading). ``page_url``: where the page
    came from, when it names no address of its own (the site's name is read from it)."""
    _story.drop_hidden(story, hidden)
    _story.drop_hatnotes(story)
    _story.tidy_headings(story)
    _story.drop_continue_lines(story)
    _story.drop_page_controls(story)
    _story.lists_as_captions(story)
    _story.set_credits_apart(story)
    _story.gather_story_links(story)
    _story.drop_post_meta(story)
    drop_tag_lines(story)
    _story.drop_comment_counts(story)
    _story.drop_affiliate_notes(story)
    _story.drop_outlet_promos(story, own_names(meta.site_name, None, meta.url or page_url))
    _story.drop_dangling_label(story)
    _story.move_opening_infobox(story)
    if meta.title:
        title = _story.title_from_heading(story, meta.title)
        if title != meta.title:
            meta = replace(meta, title=title)
    return meta


def drop_title_repeat(root: HtmlElement, title: str) -> None:
    """Leave out the story's opening heading (and subheading) when they say the title shown
    above them."""
    for heading in title_repeat(root, title):
        heading.drop_tree()
