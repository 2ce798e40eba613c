"""Site rules applied to a page during extraction (reader.extract.pipeline calls these).

Each step is a small function over an lxml tree so the pipeline stays one list of
stages: the markup's find/replace first, then removals on every tree the pipeline
parses, then the fields and the story body the rules point at. An XPath that fails on
a page (it compiled, but the page is odd) is skipped: a rule never costs the article.
"""

from __future__ import annotations

import logging
from copy import deepcopy
from typing import TYPE_CHECKING, TypeGuard

from reader.extract.provenance import Recorder
from reader.siterules.parse import SiteRules

if TYPE_CHECKING:
    from lxml.html import HtmlElement

log = logging.getLogger(__name__)


def replace_strings(html: str, rules: SiteRules) -> str:
    for find, replacement in rules.replacements:
        if find:
            html = html.replace(find, replacement)
    return html


def strip(root: HtmlElement, rules: SiteRules, recorder: Recorder | None = None) -> int:
    """Remove what the rules' strip, strip_id_or_class and strip_image_src name; returns
    how many elements went (each noted with its rule when a recorder is given)."""
    doomed: list[tuple[HtmlElement, str]] = []
    for expression in rules.strip:
        rule = f"strip: {expression}"
        doomed.extend((node, rule) for node in _select(root, expression) if _is_element(node))
    for word in rules.strip_id_or_class:
        quoted = _literal(word)
        rule = f"strip_id_or_class: {word}"
        found = _select(root, f"//*[contains(@id, {quoted}) or contains(@class, {quoted})]")
        doomed.extend((node, rule) for node in found if _is_element(node))
    for word in rules.strip_image_src:
        rule = f"strip_image_src: {word}"
        found = _select(root, f"//img[contains(@src, {_literal(word)})]")
        doomed.extend((node, rule) for node in found if _is_element(node))
    removed = 0
    for node, rule in doomed:
        parent = node.getparent()
        if parent is not None:
            if recorder is not None:
                recorder.note(node, "site rules", rule)
            node.drop_tree()
            removed += 1
    return removed


def fields(root: HtmlElement, rules: SiteRules) -> dict[str, str]:
    """title, byline and published as the rules' XPaths read them (only those found)."""
    from reader.extract.metadata.dates import iso_date

    found: dict[str, str] = {}
    title = _first_text(root, rules.title)
    if title:
        found["title"] = title
    authors = _all_texts(root, rules.author)
    if authors:
        found["byline"] = ", ".join(dict.fromkeys(authors))
    when = iso_date(_first_text(root, rules.date))
    if when:
        found["published"] = when
    return found


def body(root: HtmlElement, rules: SiteRules) -> HtmlElement | None:
    """A copy of the story the first matching body XPath names (several matches are
    joined in one <div>), or None: readability chooses."""
    import lxml.html

    for expression in rules.body:
        nodes = [node for node in _select(root, expression) if _is_element(node)]
        if not nodes:
            continue
        if len(nodes) == 1:
            return deepcopy(nodes[0])
        joined = lxml.html.Element("div")
        for node in nodes:
            joined.append(deepcopy(node))
            joined[-1].tail = None
        return joined
    return None


def _select(root: HtmlElement, expression: str) -> list[object]:
    try:
        result = root.xpath(expression)
    except Exception as error:  # lxml XPathEvalError and friends on an odd page
        log.info("site rule %r skipped: %s", expression, error)
        return []
    return list(result) if isinstance(result, list) else []


def _is_element(node: object) -> TypeGuard[HtmlElement]:
    return hasattr(node, "drop_tree") and isinstance(getattr(node, "tag", None), str)


def _texts(node: object) -> str:
    text = node.text_content() if hasattr(node, "text_content") else str(node)
    return " ".join(text.split())


def _first_text(root: HtmlElement, expressions: tuple[str, ...]) -> str | None:
    for expression in expressions:
        for node in _select(root, expression):
            text = _texts(node)
            if text:
                return text
    return None


def _all_texts(root: HtmlElement, expressions: tuple[str, ...]) -> list[str]:
    for expression in expressions:
        texts = [text for text in (_texts(node) for node in _select(root, expression)) if text]
        if texts:
            return texts
    return []


def _literal(word: str) -> str:
    """``word`` as an XPath 1.0 string literal (which has no escapes)."""
    if "'" not in word:
        return f"'{word}'"
    if '"' not in word:
        return f'"{word}"'
    parts = word.split("'")
    return "concat(" + ', "\'", '.join(f"'{part}'" for part in parts) + ")"
