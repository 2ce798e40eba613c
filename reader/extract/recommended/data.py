"""Story lists a page ships only as data: JSON-LD ``ItemList``, Next.js ``__NEXT_DATA__``,
and ``window.__INITIAL_STATE__``-style objects (scripts render them after load, so the
saved markup shows no list).

Read only when the markup holds no list, and only beside an article: on an index page
the same data is the page's own listing. A list counts when the data names it as one
(an ``ItemList``, or a key such as ``relatedArticles`` / ``mostPopular`` on the way to it)
and at least a few of its entries are stories: a story address and a title of some words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.extract.recommended import urls, words
from reader.extract.recommended.rules import data as rules
from reader.extract.recommended.settings import Thresholds
from reader.extract.recommended.state import PageState
from reader.model import Story
from reader.urls import normalize_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# A JSON value as json.loads returns it.
Json = dict[str, "Json"] | list["Json"] | str | int | float | bool | None

_STATE_ASSIGNMENT = re.compile(rf"\b(?:window\.)?({'|'.join(rules.STATE_NAMES)})\s*=\s*")


def stories(page: PageState) -> list[Story]:
    """The stories of the lists found in the page's data, in data order, by URL once, not
    the page itself (by address or headline, as for the markup's lists)."""
    if not page.has_article():
        return []
    found: list[Story] = []
    seen = set(page.self_urls)
    settings = page.settings
    for payload in _payloads(page.root, settings):
        budget = [settings.max_data_nodes]
        for entries, sponsored_list in _lists(payload, (), budget, settings.max_data_depth):
            batch = [s for s in (_story(page, e, sponsored_list) for e in entries) if s]
            if len(batch) < settings.min_data_items or len(batch) < (
                settings.min_data_story_share * len(entries)
            ):
                continue  # a site map typed as a list: mostly sections, few stories
            for story in batch:
                key = normalize_url(story.url or "")
                if key not in seen and not page.own_headline(story.title):
                    seen.add(key)
                    found.append(story)
    return found


def _payloads(root: HtmlElement, settings: Thresholds) -> Iterator[Json]:
    """The JSON documents of the page's data scripts (each of a bounded size)."""
    for script in root.iter("script"):
        text = script.text or ""
        if not text or len(text) > settings.max_data_script_chars:
            continue
        kind = (script.get("type") or "").lower()
        if kind == "application/ld+json" or script.get("id") in rules.DATA_SCRIPT_IDS:
            try:
                yield json.loads(text)
            except (ValueError, RecursionError):
                continue  # not JSON, or nested deeper than the parser goes
        elif "__" in text:
            for match in _STATE_ASSIGNMENT.finditer(text):
                try:
                    yield json.JSONDecoder().raw_decode(text, match.end())[0]
                except (ValueError, RecursionError):
                    continue  # a JavaScript object, not JSON: nothing to read safely


def _lists(
    value: Json, path: tuple[str, ...], budget: list[int], depth: int
) -> Iterator[tuple[list[Json], bool]]:
    """Arrays the data names as story lists, with whether the name says "sponsored".
    ``budget`` bounds the values visited (a page's state can hold tens of thousands)."""
    budget[0] -= 1
    if budget[0] < 0 or len(path) > depth:
        return
    if isinstance(value, dict):
        kind = value.get("@type")
        kinds = set(kind) if isinstance(kind, list) else {kind}
        if not rules.SKIPPED_TYPES.isdisjoint(kinds):
            return  # a breadcrumb trail or a site's navigation is no list of stories
        for key, child in value.items():
            if isinstance(child, (dict, list)):
                yield from _lists(child, (*path, key), budget, depth)
        elements = value.get("itemListElement")
        if not rules.LIST_TYPES.isdisjoint(kinds) and isinstance(elements, list):
            yield elements, False
    elif isinstance(value, list):
        names = words.split_words(" ".join(path).lower())
        named = _named(path)
        if named and not rules.NEGATIVE_KEY_WORDS.intersection(names):
            yield value, not rules.SPONSORED_KEY_WORDS.isdisjoint(names)
        for child in value:
            if isinstance(child, (dict, list)):
                yield from _lists(child, path, budget, depth)


def _named(path: tuple[str, ...]) -> bool:
    """The nearest telling key on the way to an array says it lists stories
    ("relatedArticles", "mostPopular" above "items")."""
    for key in reversed(path):
        key_words = words.name_words(key)
        if set(key_words) <= rules.GENERIC_KEY_WORDS:
            continue  # "items", "data", "articles": the name above tells which list
        joined = " ".join(key_words)
        return any(phrase in joined for phrase in rules.LIST_KEY_PHRASES)
    return False


def _story(page: PageState, entry: Json, sponsored_list: bool) -> Story | None:
    if not isinstance(entry, dict):
        return None
    item = entry.get("item")
    if isinstance(item, dict):  # a JSON-LD ListItem wraps its thing
        entry = {**item, **{k: v for k, v in entry.items() if k != "item"}}
    title = _text_field(entry, rules.TITLE_KEYS)
    href = _text_field(entry, rules.URL_KEYS) or (item if isinstance(item, str) else "")
    if not title or not href:
        return None
    settings = page.settings
    url = urls.story_address(page, href, relaxed=False, lenient=True)
    if url is None or not words.title_ok(title, settings.min_title_words, settings):
        return None
    if words.label_title(title, settings):
        return None
    return Story(
        title=title,
        url=urls.clean(url),
        summary=_text_field(entry, rules.SUMMARY_KEYS),
        source=_text_field(entry, rules.SOURCE_KEYS),
        image=_image(page, entry),
        sponsored=sponsored_list
        or any(entry.get(key) is True for key in rules.SPONSORED_FLAGS)
        or urls.ad_link(url),
    )


def _text_field(entry: dict[str, Json], keys: tuple[str, ...]) -> str:
    """The first of ``keys`` holding text (or {"basic": text}, as some CMSs nest it)."""
    for key in keys:
        value = entry.get(key)
        if isinstance(value, dict):
            value = next(
                (value[k] for k in rules.NESTED_TEXT_KEYS if isinstance(value.get(k), str)), None
            )
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def _image(page: PageState, entry: dict[str, Json]) -> str | None:
    for key in rules.IMAGE_KEYS:
        value = entry.get(key)
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, dict):
            value = value.get("url") or value.get("src")
        if isinstance(value, str) and value.strip():
            return urls.resolve_address(page, value.strip())
    return None
