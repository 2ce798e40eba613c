"""Page -> Article as numbered stages over one parsed tree.

1 normalize   leave out what no stage reads (reader.extract.unread: script code, CSS
              that hides nothing, comments, drawings, event handlers), collapse
              whitespace runs, parse once, give lazy images a real src
2 metadata    JSON-LD / meta tags / markup, from the raw tree
3 recommended the page's story lists, from the raw tree (reader.extract.recommended)
4 story       readability-lxml picks the main story (it mutates the tree: stages 2-3 go first);
              where it may have kept the wrong box, the guard checks it against
              trafilatura's opinion of the same page (reader.extract.guard, .opinion)
              a page that is a discussion (its thread opens above the story kept) is
              read as the box holding the discussion (reader.extract.discussion)
  site rules  a host's ftr-site-config rules (reader.siterules), when the caller gives
              a lookup: find/replace, strip before stage 4, body instead of it, fields
5 clean       junk rules (widget boxes, share bars, reading-time badges, repeats, pixels),
              then the leftovers (reader.extract.leftovers: title suffixes, hatnotes...)
6 sanitize    allow-list, absolute URLs against the link base
7 derive      text, word count, reading time, excerpt, lead image, readerable

Only ReaderError subclasses leave: any other failure of lxml or readability becomes an
ExtractError. A blank page (nothing, whitespace or only comments) is
ExtractError("the page is empty"); a page whose story comes out with neither a word nor
a picture is ExtractError("no article text found on the page"); a page with little story
becomes an Article with ``readerable=False`` (its text still comes out).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from reader.errors import ExtractError, ReaderError
from reader.extract import (
    clean,
    derive,
    discussion,
    guard,
    leftovers,
    markup,
    metadata,
    normalize,
    opinion,
    sanitize,
    story,
)
from reader.extract import site_rules as site
from reader.extract.opinion import words_of
from reader.extract.provenance import Recorder, watching
from reader.extract.unread import without_unread
from reader.model import Article, Asset, Page, Story
from reader.siterules.parse import SiteRules

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# A page's address -> its site's rules (reader.service.site_rules.rules_for), or None.
RulesLookup = Callable[[str | None], SiteRules | None]

log = logging.getLogger(__name__)


def extract(
    page: Page,
    rules_for: RulesLookup | None = None,
    recorder: Recorder | None = None,
    *,
    unread_left_out: bool = False,
) -> Article:
    """``recorder``: note what each stage removes (reader.extract.provenance); None costs
    nothing. ``unread_left_out``: the caller already took out what no stage reads
    (reader.extract.extract does, to keep the original): not done twice (the scan cost
    9% of extraction, Mozilla and Dragnet pages, and changes nothing the second time),
    whitespace collapsed with it."""
    try:
        return _extract(page, rules_for, recorder, unread_left_out)
    except ReaderError:
        raise
    except RecursionError:
        raise ExtractError("the page is nested too deeply to read") from None
    except MemoryError:
        raise ExtractError("the page is too large to read") from None
    except Exception as error:  # lxml / readability failures on hostile markup
        raise ExtractError(f"the page could not be read ({type(error).__name__})") from None


def _extract(
    page: Page, rules_for: RulesLookup | None, recorder: Recorder | None, unread_left_out: bool
) -> Article:
    # 1 normalize (from the page without what no stage reads: reader.extract.unread)
    source = page.html if unread_left_out else without_unread(page.html)
    repaired = markup.repair(source)
    # The unread left out, whitespace is collapsed already (collapsing twice changes
    # nothing): only a repair can leave a run to collapse (75 ms over the Mozilla corpus).
    collapsed = unread_left_out and repaired == source
    html = repaired if collapsed else normalize.collapse_whitespace(repaired)
    root = normalize.parse(html)
    normalize.fix_images(root)
    # 2 metadata
    meta = metadata.read_metadata(root, page.url)
    # the site's rules (reader.siterules), found by the page's address or its own
    rules = None if rules_for is None else rules_for(page.url) or rules_for(meta.url)
    if rules is not None and rules.replacements:
        html = normalize.collapse_whitespace(markup.repair(site.replace_strings(source, rules)))
        root = normalize.parse(html)
        normalize.fix_images(root)
        meta = metadata.read_metadata(root, page.url)
    if recorder is not None:
        recorder.number(root)
    overrides: dict[str, str] = {}
    if rules is not None:
        site.strip(root, rules, recorder)
        overrides = site.fields(root, rules)

    def fresh_tree() -> HtmlElement:
        tree = normalize.parse(html)
        normalize.fix_images(tree)
        if recorder is not None:
            recorder.number(tree)
        if rules is not None:
            site.strip(tree, rules)
        normalize.prune(tree)
        return tree

    hidden = leftovers.hidden_classes(root)
    base = sanitize.link_base(meta.base_href, page.url, meta.url)
    # 3 recommended
    stories = _recommended(root, base, page.url)
    # 4 story, checked against a second opinion
    with watching(recorder, root, "1 normalize", "never article text (script, style, ...)"):
        normalize.prune(root)
    main = None if rules is None else site.body(root, rules)
    if main is None:
        page_text = root.text_content()
        page_words = len(words_of(page_text))
        teasers = guard.teaser_words(page_text, stories)
        uncleaned: list[HtmlElement] = []
        candidates = story.main_story(root, fresh_tree, recorder, uncleaned, meta.excerpt)
        # readability's story's words, read once for the guard and the discussion check
        # (nothing between them changes it)
        words = words_of(candidates[0].text_content())
        in_doubt = guard.in_doubt(candidates, page_words, teasers, len(words))
        # readability mutated root: the opinion reads a fresh tree
        second = opinion.second_opinion(fresh_tree()) if in_doubt else None
        chosen = guard.choose_story(candidates, second, fresh_tree, uncleaned)
        known = words if chosen is candidates[0] else None
        main = discussion.discussion_story(chosen, page_words, fresh_tree, known)
        if recorder is not None and main is not chosen:
            recorder.choose("the page's discussion (its thread opens above the story)")
        elif recorder is not None:
            recorder.choose(_chooser(main, candidates, uncleaned))
    elif recorder is not None:
        recorder.choose("the site's body rule")
    # 5 clean (a site's "prune: no" keeps its body as the rules matched it)
    if rules is None or rules.prune:
        clean.clean_story(main, title=meta.title, byline=meta.byline, recorder=recorder)
    with watching(recorder, main, "5 leftovers", "hidden text, hatnotes, continue lines"):
        read_also = leftovers.take_read_also_lines(main)
        meta = leftovers.tidy_story(main, leftovers.tidy_metadata(meta, page.url), hidden, page.url)
    meta = replace(meta, **overrides)
    # 6 sanitize
    with watching(recorder, main, "6 sanitize", "not allowed in the reading view"):
        sanitize.sanitize(main, base, marks=recorder is not None)
    if recorder is not None:
        recorder.finish(main)
    # 7 derive
    return _article(page, meta, main, _with_read_also(stories, read_also, base), base)


def _chooser(main: HtmlElement, candidates: list[HtmlElement], uncleaned: list[HtmlElement]) -> str:
    """Who chose the story stage 4 kept (said in `reader extract --explain`)."""
    if any(main is copy for copy in uncleaned):
        return "readability, before its clean-up (the second opinion agreed)"
    for index, candidate in enumerate(candidates):
        if candidate is main:
            return "readability" if index == 0 else "readability (another of its passes)"
    return "the second opinion (trafilatura's story, placed in the page)"


def _recommended(root: HtmlElement, base: str | None, page_url: str | None) -> tuple[Story, ...]:
    from reader.extract.recommended import find_recommended

    try:
        return tuple(find_recommended(root, base, page_url))
    except Exception as error:  # a failing side list must not cost the reader the article
        log.warning("recommended stories skipped: %s", error, exc_info=True)
        return ()


def _with_read_also(
    stories: tuple[Story, ...], lines: list[tuple[str, str]], base: str | None
) -> tuple[Story, ...]:
    """The page's recommended stories and, after them, those its "Read more:" lines named
    inside the story (stage 5 took them out of it), each address once."""
    known = {story.url for story in stories}
    added = []
    for title, href in lines:
        url = sanitize.absolute(href, base)
        if url not in known:
            known.add(url)
            added.append(Story(title=title, url=url))
    return (*stories, *added)


def _article(
    page: Page,
    meta: metadata.Metadata,
    main: HtmlElement,
    stories: tuple[Story, ...],
    base: str | None,
) -> Article:
    import lxml.html

    text = derive.story_text(main)
    words = derive.word_count(text)
    if not words and derive.first_image(main) is None:
        raise ExtractError("no article text found on the page")
    content_html = lxml.html.tostring(main, encoding="unicode", method="html")
    title = (
        meta.title
        or _first_heading(main)
        or leftovers.title_from_source(page.source, meta.url or page.url)
    )
    lead_image = meta.image or derive.first_image(main)
    excerpt = meta.excerpt or derive.excerpt_from(main)
    return Article(
        source=page.source,
        title=title,
        content_html=content_html,
        text=text,
        url=meta.url or page.url,
        byline=meta.byline,
        published=meta.published,
        site_name=meta.site_name,
        lang=meta.lang,
        excerpt=derive.shorten(excerpt) if excerpt else None,
        lead_image=lead_image,
        word_count=words,
        reading_minutes=derive.reading_minutes(words),
        readerable=derive.is_readerable(main, text, words),
        recommended=stories,
        assets=_used_assets(page.assets, main, base),
    )


def _first_heading(main: HtmlElement) -> str | None:
    for heading in main.iter("h1", "h2"):
        text = " ".join(heading.text_content().split())
        if text:
            return text
    return None


def _used_assets(
    assets: tuple[Asset, ...], main: HtmlElement, base: str | None
) -> tuple[Asset, ...]:
    """The page's assets the content shows, keyed by the URL as it now appears in it."""
    if not assets:
        return ()
    used = {img.get("src") for img in main.iter("img")}
    kept = []
    for asset in assets:
        url = asset.url if asset.url in used else sanitize.absolute(asset.url, base)
        if url not in used and base:
            try:
                url = urljoin(base, asset.url)
            except ValueError:
                continue
        if url in used:
            kept.append(asset if url == asset.url else Asset(url, asset.media_type, asset.data))
    return tuple(kept)
