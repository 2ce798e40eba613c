"""The story's leftovers: what readability keeps that a reader would call noise.

Applied in place to the story element after the junk rules (reader.extract.clean) and
before the sanitizer, while class names still tell what a part of the page is for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.extract.leftovers import rules
from reader.extract.leftovers.hidden import is_hidden
from reader.extract.leftovers.titles import leading_part, opening_heading
from reader.extract.text import fold, fold_within, squash

if TYPE_CHECKING:
    from lxml.html import HtmlElement

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCKS = frozenset(("p", "div", "figcaption", "ul", "ol", "blockquote", "pre", "table"))
PROSE_BLOCKS = ("p", "ul", "ol", "blockquote", "div")
LINE_BLOCKS = BLOCKS | frozenset(("li", "td", "th", "dd", "dt", "section", "nav", *HEADINGS))
OWN_LINE_BLOCKS = LINE_BLOCKS | frozenset(("details", "aside", "header", "footer", "form", "hr"))
READ_ALSO_LINE_TAGS = ("p", "div", *HEADINGS[1:])  # what a "Read more: <a>" line stands in
HIDDEN_TEXT_MAX = 300  # screen-reader text is a label or a sentence, never a section
FILE_LINK = re.compile(r"\.(?:pdf|zip|docx?|xlsx?|pptx?|epub|mp3|mp4)(?:[?#]|$)", re.I)
LINK_SHARE_MAX = 0.5  # prose: most of its text is not link text
LABEL_MAX_WORDS = 3  # "Related:", "Read more:", "See also:"
WORD = re.compile(r"\w+")


def drop_hidden(story: HtmlElement, hidden: frozenset[str]) -> None:
    """Text only a screen reader would read ("Photo", "Image", "Credit")."""
    for elem in list(story.iter()):
        if elem is story or not isinstance(elem.tag, str) or elem.getparent() is None:
            continue
        if not is_hidden(elem, hidden):
            continue  # most elements: their text is not read (2% of extraction, read first)
        if len(squash(elem.text_content())) <= HIDDEN_TEXT_MAX and not elem.xpath(".//img"):
            elem.drop_tree()


def drop_hatnotes(story: HtmlElement) -> None:
    """Wiki notes above the text: "For other uses, see …", "Coordinates: …"."""
    for elem in list(story.iter()):
        if elem is story or not isinstance(elem.tag, str) or elem.getparent() is None:
            continue
        if _classes(elem) & rules.HATNOTE_CLASSES or elem.get("id") in rules.HATNOTE_IDS:
            elem.drop_tree()


def tidy_headings(story: HtmlElement) -> None:
    """Headings keep their words only: no "#" or "¶" permalinks, no "[edit]", and a
    heading that links to itself (a table of contents' back-link) is plain text."""
    for heading in list(story.iter(*HEADINGS)):
        for elem in list(heading.iter()):
            if elem is not heading and _classes(elem) & rules.EDIT_SECTION_CLASSES:
                elem.drop_tree()
        for link in list(heading.iter("a")):
            href = (link.get("href") or "").strip()
            if not href.startswith("#"):
                continue
            text = squash(link.text_content())
            if text in rules.PERMALINK_TEXTS or fold(text) in rules.PERMALINK_TEXTS:
                if not link.xpath(".//img"):
                    link.drop_tree()
            else:
                link.drop_tag()
        _trim_end(heading)


def _trim_end(elem: HtmlElement) -> None:
    """No space left where a removed control ended the element's text."""
    last = elem[-1] if len(elem) else None
    if last is not None:
        last.tail = (last.tail or "").rstrip() or None
    elif elem.text:
        elem.text = elem.text.rstrip()


def drop_continue_lines(story: HtmlElement) -> None:
    """ "Continue reading the main story" and its kin (a jump over an advertisement), and
    "Click to enlarge" (a picture viewer's control), alone on their line or ending a
    caption."""
    for elem in list(story.iter("p", "div", "a", "span", "h2", "h3", "h4", "figcaption")):
        if elem.getparent() is None or elem is story:
            continue
        line = fold_within(elem.text_content(), rules.CONTINUE_LINE_CHARS)
        if line is not None and (line in rules.CONTINUE_PHRASES or line in rules.ENLARGE_LINES):
            if not elem.xpath(".//img"):
                elem.drop_tree()
        elif elem.tag == "figcaption" and elem.text:
            elem.text = rules.ENLARGE_SENTENCE.sub("", elem.text)


def drop_page_controls(story: HtmlElement) -> None:
    """Links that work the page ("Print", "zurück zur Listenansicht", "Auf einer Seite
    lesen") where nothing but such links stands on their line."""
    for link in list(story.iter("a", "button")):
        if link.getparent() is None or not _page_control(link):
            continue
        if _between_blocks(link):  # a line of its own, above a table of contents
            link.drop_tree()
            continue
        line = _line_of(link, story)
        if line is None:
            continue
        controls = [elem for elem in line.iter("a", "button") if _page_control(elem)]
        if len(WORD.findall(line.text_content())) > sum(
            len(WORD.findall(elem.text_content())) for elem in controls
        ):
            continue
        for elem in controls:
            if elem.getparent() is not None:
                elem.drop_tree()
        empty = not squash(line.text_content()) and not line.xpath(".//img")
        if empty and line.getparent() is not None:
            line.drop_tree()


def _page_control(elem: HtmlElement) -> bool:
    return fold(elem.text_content()) in rules.PAGE_CONTROL_TEXTS and not elem.xpath(".//img")


def _between_blocks(elem: HtmlElement) -> bool:
    """Whether a block stands right after ``elem`` and a block (or the start of its parent)
    right before, with no words between: then ``elem`` is a line of its own."""
    if squash(elem.tail or ""):
        return False
    before, after = elem.getprevious(), elem.getnext()
    if before is None:
        parent = elem.getparent()
        if parent is None or squash(parent.text or ""):
            return False
    elif before.tag not in OWN_LINE_BLOCKS or squash(before.tail or ""):
        return False
    return after is not None and after.tag in OWN_LINE_BLOCKS


def _line_of(elem: HtmlElement, story: HtmlElement) -> HtmlElement | None:
    """The block ``elem`` stands in, below the story element (None: the story itself)."""
    for ancestor in elem.iterancestors():
        if ancestor is story:
            return None
        if ancestor.tag in LINE_BLOCKS:
            return ancestor
    return None


def set_credits_apart(story: HtmlElement) -> None:
    """A picture's credit on a line of its own in small type, not run into the caption (or
    into the next paragraph); a bare name that credits nothing nameable goes."""
    import lxml.html

    for credit in _credits(story):
        text = squash(credit.text_content())
        caption = _caption_of(credit)
        if not text:
            continue
        if _dangling(credit, text, caption):
            credit.drop_tree()
            if (
                caption is not None
                and not squash(caption.text_content())
                and not caption.xpath(".//img")
            ):
                caption.drop_tree()  # an empty caption
            continue
        small = lxml.html.Element("small")
        small.text = text
        small.tail = credit.tail
        parent = credit.getparent()
        assert parent is not None  # a credit found inside a figure
        shown = squash((caption if caption is not None else parent).text_content())
        previous = credit.getprevious()
        # After a block (a caption's <p>) the credit starts a line of its own anyway.
        after_block = previous is not None and not previous.tail and _ends_in_block(previous)
        parent.replace(credit, small)
        if not shown.startswith(text) and not after_block:
            _trim_text_before(small)
            small.addprevious(lxml.html.Element("br"))


def _ends_in_block(elem: HtmlElement) -> bool:
    """Whether ``elem`` is a block, or ends with one (a caption's <span><p>…</p></span>)."""
    if elem.tag in BLOCKS:
        return True
    last = elem[-1] if len(elem) else None
    return last is not None and not last.tail and _ends_in_block(last)


def _trim_text_before(elem: HtmlElement) -> None:
    """No space left dangling at the end of the line a ``<br>`` is about to end."""
    previous = elem.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "").rstrip() or None
    else:
        parent = elem.getparent()
        assert parent is not None  # a credit found inside a figure
        parent.text = (parent.text or "").rstrip() or None


def _credits(story: HtmlElement) -> list[HtmlElement]:
    """Credit elements inside figures (outermost only)."""
    found: list[HtmlElement] = []
    for elem in story.iter():
        if elem is story or not isinstance(elem.tag, str):
            continue
        features = f"{elem.get('class', '')} {elem.get('id', '')}"
        itemprop = (elem.get("itemprop") or "").lower()
        if not (rules.CREDIT_FEATURES.search(features) or itemprop in rules.CREDIT_ITEMPROPS):
            continue
        if elem.xpath(".//img|.//figure|.//p[string-length(normalize-space()) > 200]"):
            continue
        if not elem.xpath("ancestor::figure|ancestor::figcaption"):
            continue
        if any(elem in parent.iterdescendants() for parent in found):
            continue
        found.append(elem)
    return found


def _caption_of(elem: HtmlElement) -> HtmlElement | None:
    for ancestor in elem.iterancestors("figcaption", "figure"):
        return ancestor
    return None


def _dangling(credit: HtmlElement, text: str, caption: HtmlElement | None) -> bool:
    """A credit that is one short link and nothing else, with no caption beside it."""
    links = credit.xpath(".//a[normalize-space()]")
    if len(links) != 1 or squash(links[0].text_content()) != text:
        return False
    if len(text.split()) > rules.DANGLING_CREDIT_MAX_WORDS or rules.CREDIT_WORDS.search(text):
        return False
    around = squash(caption.text_content()) if caption is not None else text
    return around == text


def gather_story_links(story: HtmlElement) -> None:
    """Lines that are only a link to another story, standing between paragraphs of prose
    ("Five things we learned from Obama interview", "[Read: …]"), move to a list at the end
    of the story: the prose reads on, and no link is lost."""
    import lxml.html

    found = {p: kind for p in story.iter("p") if (kind := _story_link_line(p)) is not None}
    moving = []
    for p, (words, labelled) in found.items():
        alone = _neighbour(p, before=True) not in found and _neighbour(p, before=False) not in found
        enough = rules.STORY_LINK_MIN_WORDS if alone else rules.STORY_LINK_RUN_MIN_WORDS
        if (labelled or words >= enough) and _between_prose(p, found):
            moving.append(p)
    if not moving:
        return
    container = moving[-1].getparent()
    assert container is not None  # paragraphs found inside the story
    links = lxml.html.Element("ul")
    for p in moving:
        item = lxml.html.Element("li")
        item.text = p.text
        item.extend(list(p))
        item.tail = "\n"
        _detach(p)
        links.append(item)
    rule = lxml.html.Element("hr")
    rule.tail = links.text = "\n"
    container.extend([rule, links])


def take_read_also_lines(story: HtmlElement) -> list[tuple[str, str]]:
    """Lines that are a "read this too" label and one link to another story ("Lea también:
    <a>…</a>", "Read more: <a>…</a>"), or such a label over links one a line, leave the
    story: (headline, href) of each, in order, for the page's recommended stories. Found
    from the links, each line judged once."""
    taken: list[tuple[str, str]] = []
    judged: set[HtmlElement] = set()
    words = 0  # the story's, counted once a line is found
    for link in list(story.iter("a")):
        line = next(link.iterancestors(*READ_ALSO_LINE_TAGS), None)
        if line is None or line in judged or story not in line.iterancestors():
            continue
        judged.add(line)
        found = _read_also_link(line, link)
        listed = [found] if found is not None else _read_also_list(line)
        if not listed:
            continue
        words = words or len(WORD.findall(story.text_content()))
        if 2 * len(WORD.findall(line.text_content())) > words:
            continue  # never the story itself
        taken.extend(listed)
        _detach(line)
    return taken


def _read_also_list(line: HtmlElement) -> list[tuple[str, str]]:
    """(headline, href) of each link when ``line`` is a read-also label on a line of its
    own, then only links, one a line ("Siehe auch<br><a>…</a><br><a>…</a>"). Else none."""
    label = fold((line.text or "").strip().rstrip(":"))
    children = list(line)
    if label not in rules.READ_ALSO_LABELS or not children or children[0].tag != "br":
        return []
    found = []
    for child in children:
        if WORD.search(child.tail or ""):
            return []
        if child.tag == "br":
            continue
        href = (child.get("href") or "").strip()
        headline = squash(child.text_content())
        if child.tag != "a" or not headline or not href or href.startswith(("#", "mailto:")):
            return []
        found.append((headline, href))
    return found if len(found) >= rules.READ_ALSO_LIST_MIN else []


def _read_also_link(line: HtmlElement, link: HtmlElement) -> tuple[str, str] | None:
    """(headline, href) when ``line`` is a read-also label and ``link``, nothing else."""
    href = (link.get("href") or "").strip()
    if not href or href.startswith(("#", "mailto:", "javascript:")) or FILE_LINK.search(href):
        return None
    headline = squash(link.text_content())
    if len(headline.split()) < rules.READ_ALSO_MIN_LINK_WORDS:
        return None
    if any(child.tag in OWN_LINE_BLOCKS for child in line):  # a box of lines, not a line
        return None
    text = squash(line.text_content())
    label, _, rest = text.partition(headline)
    label = label.strip()
    if WORD.search(rest) or not label.endswith(":") or fold(label) not in rules.READ_ALSO_LABELS:
        return None
    inside = line.iterdescendants()
    if any(isinstance(e.tag, str) and e.tag in OWN_LINE_BLOCKS | {"img"} for e in inside):
        return None
    others = [a for a in line.iter("a") if a is not link and squash(a.text_content())]
    return None if others else (headline, href)


def drop_dangling_label(story: HtmlElement) -> None:
    """A short label ending in a colon as the story's last line, with neither text nor a
    picture after it: what it introduced is gone, and it introduces nothing."""
    elements = [elem for elem in story.iter() if isinstance(elem.tag, str)]
    lines = [e for e in elements if e.tag in LINE_BLOCKS and e is not story]
    if not lines:
        return
    last = lines[-1]
    text = squash(last.text_content())
    if not text.endswith(":") or len(text.split()) > rules.DANGLING_LABEL_MAX_WORDS:
        return
    if not squash(story.text_content()).endswith(text):
        return
    # (in page order: from the label on is its own pictures and everything after it)
    if any(elem.tag == "img" for elem in elements[elements.index(last) :]):
        return
    last.drop_tree()


def drop_outlet_promos(story: HtmlElement, site_names: frozenset[str]) -> None:
    """The outlet's call to follow it on its app, channel or newsletter, ending the story
    (one or a few such lines): the site advertising itself, not the story. ``site_names``: the
    site's folded names (titles.own_names)."""
    names = [name.replace(" ", "") for name in site_names]
    names = [name for name in names if len(name) >= rules.PROMO_NAME_MIN_CHARS]
    for line in _last_lines(story):  # from the last line up, while the outlet signs off
        if not _outlet_promo(line, names):
            break
        line.drop_tree()


def drop_affiliate_notes(story: HtmlElement) -> None:
    """The site's note that its links earn it a commission, on a line of its own."""
    text = story.text_content()
    if not rules.AFFILIATE_MONEY.search(text):
        return  # one look at the story's text, not every line
    for elem in list(story.iter(*LINE_BLOCKS)):
        if elem.getparent() is None or elem is story:
            continue
        if not _innermost(elem):
            continue
        line = squash(elem.text_content())
        if len(line.split()) > rules.AFFILIATE_MAX_WORDS:
            continue
        if rules.AFFILIATE_MONEY.search(line) and rules.AFFILIATE_PAGE.search(line):
            elem.drop_tree()


def drop_comment_counts(story: HtmlElement) -> None:
    """The count of readers' comments ("0 Kommentare", "No comments yet") among the story's
    last lines: the heading of a thread left out."""
    for line in _last_lines(story):  # from the last line up
        text = squash(line.text_content())
        if len(text.split()) > rules.COMMENT_COUNT_MAX_WORDS:
            break
        if not rules.COMMENT_COUNT_LINE.match(text):
            break  # the story's own end, or another leftover
        line.drop_tree()


def _last_lines(story: HtmlElement) -> list[HtmlElement]:
    """The story's last few lines with text, innermost blocks only, the last first."""
    lines: list[HtmlElement] = []
    for elem in reversed(list(story.iter(*LINE_BLOCKS))):
        if len(lines) == rules.PROMO_LAST_LINES:
            break
        if elem is story or not elem.text_content().strip():
            continue
        if _innermost(elem):
            lines.append(elem)
    return lines


def _innermost(line: HtmlElement) -> bool:
    """A line holding no other line: a box of lines is judged line by line."""
    return not any(child.tag in LINE_BLOCKS for child in line.iterdescendants())


def _outlet_promo(line: HtmlElement, names: list[str]) -> bool:
    text = squash(line.text_content())
    if len(text.split()) > rules.PROMO_MAX_WORDS or line.xpath("ancestor::blockquote"):
        return False
    call = rules.PROMO_CALL.search(text)
    if not call:
        return False
    if not (rules.PROMO_CHANNELS.search(text) or rules.PROMO_SIGN_UP.search(call[0])):
        return False
    compact = fold(text).replace(" ", "")
    return bool(rules.PROMO_OUTLET_WORDS.search(text)) or any(name in compact for name in names)


def drop_post_meta(story: HtmlElement) -> None:
    """The blog theme's filing line under the post ("This entry was posted in …")."""
    text = story.text_content().casefold()
    if not any(opening in text for opening in rules.POST_META_OPENINGS):
        return  # one look at the story's text, not a fold of every block
    for elem in list(story.iter("footer", "div", "p", "span")):
        if elem is story or elem.getparent() is None:
            continue
        line = fold(_own_line(elem))
        if len(line) > rules.POST_META_MAX_CHARS or not line.startswith(rules.POST_META_OPENINGS):
            continue
        if len(squash(elem.text_content())) > rules.POST_META_BOX_MAX_CHARS:
            continue
        if elem.xpath(".//a[contains(@rel, 'category') or contains(@rel, 'tag')]"):
            elem.drop_tree()  # it files the post: links to the blog's categories or tags


def _own_line(elem: HtmlElement) -> str:
    """The text of ``elem`` up to its first child that stands on a line of its own."""
    parts = [elem.text or ""]
    for child in elem:
        if isinstance(child.tag, str) and child.tag in OWN_LINE_BLOCKS:
            break
        if isinstance(child.tag, str):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts)


def _story_link_line(p: HtmlElement) -> tuple[int, bool] | None:
    """(words, labelled) when the paragraph is one link to another page, with at most a
    label ("Related:") beside it; None otherwise."""
    text = squash(p.text_content())
    words = len(text.split())
    if not text or words > rules.STORY_LINK_MAX_WORDS or text.endswith(":"):
        return None
    links = p.xpath(".//a[@href][normalize-space()]")
    if len(links) != 1 or p.xpath(".//img") or rules.NOT_STORY_LINK.match(text):
        return None
    href = links[0].get("href", "").strip()
    link_text = squash(links[0].text_content())
    if not href or href.startswith(("#", "mailto:")) or FILE_LINK.search(href):
        return None
    if "://" in link_text or link_text.startswith("www."):
        return None  # an address shown as text: a reference, not a story
    labelled = bool(rules.STORY_LINK_LABELS.match(text) or rules.STORY_LINK_LABELS.match(link_text))
    rest = WORD.findall(text.replace(link_text, " ", 1))
    if rest and not (labelled and len(rest) <= LABEL_MAX_WORDS):
        return None
    return words, labelled


def _neighbour(p: HtmlElement, *, before: bool) -> HtmlElement | None:
    return p.getprevious() if before else p.getnext()


def _between_prose(p: HtmlElement, lines: dict[HtmlElement, tuple[int, bool]]) -> bool:
    return _prose_side(p, lines, before=True) and _prose_side(p, lines, before=False)


def _prose_side(
    p: HtmlElement, lines: dict[HtmlElement, tuple[int, bool]], *, before: bool
) -> bool:
    sibling = _neighbour(p, before=before)
    while sibling is not None and sibling in lines:
        sibling = _neighbour(sibling, before=before)
    return sibling is not None and _is_prose(sibling)


def _is_prose(elem: HtmlElement) -> bool:
    if not isinstance(elem.tag, str) or elem.tag not in PROSE_BLOCKS:
        return False
    text = squash(elem.text_content())
    if len(text.split()) < rules.PROSE_MIN_WORDS:
        return False
    linked = sum(len(squash(a.text_content())) for a in elem.iter("a"))
    return linked <= LINK_SHARE_MAX * len(text)


def _detach(elem: HtmlElement) -> None:
    """Take ``elem`` out of the tree; its tail stays where it was."""
    tail, elem.tail = elem.tail, None
    previous, parent = elem.getprevious(), elem.getparent()
    assert parent is not None  # only elements inside the story are detached
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(elem)


def move_opening_infobox(story: HtmlElement) -> None:
    """An encyclopedia's box of facts above the first paragraph goes below it."""
    blocks = 0
    for elem in story.iter(*rules.INFOBOX_TAGS, "p"):
        if elem is story:
            continue
        blocks += 1
        if blocks > rules.TOP_BLOCKS or (elem.tag == "p" and _is_prose(elem)):
            return
        if _classes(elem) & rules.INFOBOX_CLASSES:
            first = _first_prose_after(story, elem)
            if first is not None:
                _move_after(elem, first)
            return


def _first_prose_after(story: HtmlElement, box: HtmlElement) -> HtmlElement | None:
    inside = set(box.iter())
    seen_box = False
    for elem in story.iter():
        if elem is box:
            seen_box = True
        elif seen_box and elem not in inside and elem.tag == "p" and _is_prose(elem):
            return elem
    return None


def _move_after(elem: HtmlElement, anchor: HtmlElement) -> None:
    """Move ``elem`` (without its tail, which stays where it was) right after ``anchor``."""
    _detach(elem)
    anchor.addnext(elem)


def title_from_heading(story: HtmlElement, title: str) -> str:
    """A title that only adds a tagline to the story's opening heading ("Evolve: Shared
    Mutable History — evolve extension for Mercurial") becomes that heading. The heading
    stays in the story: whoever shows the title above it leaves out the repeat
    (titles.opening_heading)."""
    lead = leading_part(title)
    heading = opening_heading(story)
    if lead and heading is not None:
        text = squash(heading.text_content())
        if fold(text) == fold(lead) and len(text.split()) >= 2:
            return text
    return title


def _classes(elem: HtmlElement) -> set[str]:
    return set((elem.get("class") or "").lower().split())


def lists_as_captions(story: HtmlElement) -> None:
    """A one-item list right after a figure without a caption is that figure's caption (the
    Guardian writes captions so): it becomes the figure's figcaption."""
    import lxml.html

    for figure in list(story.iter("figure")):
        following = figure.getnext()
        if figure.find(".//figcaption") is not None or following is None:
            continue
        if following.tag not in ("ul", "ol") or len(following) != 1 or following[0].tag != "li":
            continue
        if (following.text or "").strip() or (following[0].tail or "").strip():
            continue
        text = squash(following.text_content())
        if not text or len(text.split()) > rules.CAPTION_LIST_MAX_WORDS:
            continue
        caption = lxml.html.Element("figcaption")
        caption.text = text
        figure.append(caption)
        following.drop_tree()
