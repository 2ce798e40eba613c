"""A person's fix of one article becomes a site rule: "restore this block" or "remove this
block", said in the window's "Show what was removed", written in the ftr-site-config
syntax to site-rules/HOST.txt, so every later page of that site's template comes out fixed.

A rule is only written once it is shown to work: each candidate (most general first) is
tried by extracting the article's original page again with the site's rules plus that
line; it must do what was asked (the block gone, or kept) and keep all that was kept
before. Removing prefers ``strip_id_or_class`` with the block's (or its container's) class
or id, which carries to other pages of the template; an XPath is the fallback. Restoring
takes back the site rule that dropped the block, else names the story and the block as the
site's ``body`` (with ``prune: no`` only when Reader's clean-up would drop it again).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reader.errors import ReaderError
from reader.service.site_rules import host_of, rules_file, rules_folder

if TYPE_CHECKING:
    from lxml.etree import _ElementTree
    from lxml.html import HtmlElement

    from reader.extract.explain import Explanation
    from reader.model import Page
    from reader.store import Library

Action = Literal["restore", "remove"]
# (the rule as shown, the rules file's new text, the element numbers it means to drop)
Candidate = tuple[str, str, set[int | None]]
# A container holding more than this share of the article's words is the story itself:
# removing it is never what "remove this block" means.
STORY_SHARE = 0.5
CLASS_WORD = re.compile(r"^[A-Za-z][\w-]{2,}$")  # a class or id a rule may name
# ...unless it numbers this page's own story ("text-35597159", "post-4412"): such a name
# is on no other page of the site, so a rule naming it would fix this page only.
PAGE_NUMBER = re.compile(r"\d{3,}")
# Class words too common to tell one block from another (every template has them).
GENERIC_WORDS = frozenset(
    ("container", "wrapper", "content", "row", "col", "clearfix", "inner", "outer", "block")
)


TAKEN_OUT = "(taken out) "  # a restore that takes back the site rule which removed the block


# Tags a page usually has once, which name the story's frame on every page of a template.
UNIQUE_TAGS = frozenset(("article", "main"))


class NoRuleFound(ReaderError):
    """No rule of the kinds Reader writes does what was asked on this page."""


@dataclass(frozen=True)
class Fix:
    host: str
    action: Action
    rule: str  # the line a person reads: "strip_id_or_class: newsletter-signup"
    text: str  # the site's rules file as it will be
    path: Path  # where it goes
    after: Explanation  # the page extracted with it


def plan_fix(
    page: Page, explanation: Explanation, number: int, action: Action, folder: Path | None = None
) -> Fix:
    """The verified rule that restores (or removes) element ``number`` of the page;
    raises NoRuleFound (or ReaderError when the page has no web address)."""
    host = host_of(explanation.article.url or page.url)
    if host is None:
        raise ReaderError("this article has no web address, so no rule can be kept for its site")
    folder = folder or rules_folder()
    path = rules_file(host, folder) or folder / f"{host.removeprefix('www.')}.txt"
    current = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    assert explanation.tree is not None  # explain() keeps the numbered page
    elements = {_number(e): e for e in explanation.tree.iter() if isinstance(e.tag, str)}
    target = elements.get(number)
    if target is None:
        raise NoRuleFound("that block is not part of the page")
    kept = {block.number for block in explanation.blocks if block.kept}
    inside = _numbers(target)
    blocks_inside = {block.number for block in explanation.blocks} & inside
    if action == "remove" and not blocks_inside & kept:
        raise NoRuleFound("that block is removed already")
    if action == "restore" and blocks_inside <= kept:
        raise NoRuleFound("that block is in the article already")
    if action == "remove":
        candidates = _removals(target, explanation, current)
    else:
        candidates = _restorations(target, explanation, current)
    for rule, text, dropped in candidates:
        after = _extract_with(page, text)
        if after is None:
            continue
        kept_after = {block.number for block in after.blocks if block.kept}
        if action == "remove":
            works = not (kept_after & inside) and (kept - dropped) <= kept_after
        elif rule.startswith(TAKEN_OUT):  # undone: the site rule no longer drops any of it
            works = kept <= kept_after and not any(
                block.removal is not None and block.removal.stage == "site rules"
                for block in after.blocks
                if block.number in blocks_inside
            )
        else:
            works = blocks_inside <= kept_after and kept <= kept_after
        if works:
            return Fix(host, action, rule, text, path, after)
    what = "removes" if action == "remove" else "brings back"
    raise NoRuleFound(f"no site rule Reader can write {what} that block without changing the rest")


def save_fix(fix: Fix) -> None:
    """Write the site's rules file whole (a half-written file is never left)."""
    from reader.highlights.files import write_whole

    write_whole(fix.path, fix.text)


def keep_fix(library: Library, article_id: int | None, fix: Fix) -> int:
    """Save the rule and put the fixed extraction in the article's place (state, tags and
    position stay; highlights found again by their quotes). Returns how many other saved
    articles of that site have an original to extract again with the new rule."""
    from dataclasses import replace

    from reader.service.reextract import move_highlights

    save_fix(fix)
    if article_id is not None:
        fixed = replace(fix.after.article, original=None)
        library.replace_extraction(article_id, fixed, move_highlights)
    candidates = library.reextract_candidates(fix.host)
    return sum(1 for other, has_original in candidates if has_original and other != article_id)


def _extract_with(page: Page, text: str) -> Explanation | None:
    from reader.extract.explain import explain
    from reader.siterules.parse import parse_rules

    rules = parse_rules(text)
    try:
        return explain(page, lambda _url: rules)
    except ReaderError:
        return None


# -- candidates: (the rule as shown, the file's new text, numbers it means to drop) --------


def _removals(target: HtmlElement, explanation: Explanation, current: str) -> list[Candidate]:
    total = max(1, len(explanation.article.text.split()))
    kept = {block.number for block in explanation.blocks if block.kept}
    found: list[Candidate] = []
    for elem in (target, *target.iterancestors()):
        if elem.tag in ("body", "html") or _kept_words(elem, kept) > total * STORY_SHARE:
            break
        numbers = _numbers(elem)
        for word in _words(elem):
            rule = f"strip_id_or_class: {word}"
            found.append((rule, _with_line(current, rule, "remove"), numbers))
    rule = f"strip: {_xpath(target)}"
    found.append((rule, _with_line(current, rule, "remove"), _numbers(target)))
    return found


def _restorations(target: HtmlElement, explanation: Explanation, current: str) -> list[Candidate]:
    found: list[Candidate] = []
    region = next((r for r in explanation.regions if r.number == _number(target)), None)
    if region is not None and region.removal.stage == "site rules":
        lines = current.splitlines()
        without = [line for line in lines if line.strip() != region.removal.rule]
        if len(without) < len(lines):
            text = "\n".join(without) + "\n"
            found.append((f"{TAKEN_OUT}{region.removal.rule}", text, set()))
    story = _story_root(explanation)
    if story is not None and story.tag not in ("html", "body"):  # never "the whole page"
        body = f"body: {_xpath(story)} | {_xpath(target)}"
        with_body = _with_line(current, body, "restore")
        found.append((body, with_body, set()))
        found.append((f"{body}\nprune: no", _with_prune_off(with_body), set()))
    return found


def _with_line(current: str, line: str, action: Action) -> str:
    """The rules file with ``line`` added under a note saying where it came from; a body
    line goes before the file's other body lines (the first that matches wins)."""
    note = f"# {action} in Reader's window, {time.strftime('%Y-%m-%d')}"
    lines = current.splitlines()
    if line.startswith("body:"):
        at = next((i for i, text in enumerate(lines) if text.strip().startswith("body:")), None)
        if at is not None:
            lines[at:at] = [note, line]
            return "\n".join(lines) + "\n"
    return "\n".join([*lines, note, line]) + "\n"


def _with_prune_off(text: str) -> str:
    lines = [line for line in text.splitlines() if not line.strip().startswith("prune:")]
    return "\n".join([*lines, "prune: no"]) + "\n"


# -- naming elements ------------------------------------------------------------------------


def _words(elem: HtmlElement) -> list[str]:
    """The element's id and class words a rule may name (not the generic ones), longest
    first; whether one also takes other blocks is for the verification to say."""
    words = [(elem.get("id") or "").strip(), *(elem.get("class") or "").split()]
    usable = [
        word
        for word in dict.fromkeys(words)
        if word
        and CLASS_WORD.match(word)
        and not PAGE_NUMBER.search(word)
        and word.lower() not in GENERIC_WORDS
    ]
    return sorted(usable, key=len, reverse=True)


def _xpath(elem: HtmlElement) -> str:
    """An XPath for ``elem``: by its id or its whole class attribute when those name it
    alone, else a path from the nearest ancestor that can be named so."""
    tree = elem.getroottree()
    steps: list[str] = []
    node = elem
    while node is not None and isinstance(node.tag, str):
        named = _named(node, tree)
        if named is not None:
            return named + "".join(f"/{step}" for step in reversed(steps))
        parent = node.getparent()
        if parent is None:
            steps.append(node.tag)
            break
        same = [sibling for sibling in parent if sibling.tag == node.tag]
        steps.append(node.tag if len(same) == 1 else f"{node.tag}[{same.index(node) + 1}]")
        node = parent
    return "/" + "/".join(reversed(steps))


def _named(elem: HtmlElement, tree: _ElementTree[HtmlElement]) -> str | None:
    tag = elem.tag
    if not isinstance(tag, str):
        return None  # _xpath names elements only
    if tag in UNIQUE_TAGS and len(tree.xpath(f"//{tag}")) == 1:
        return f"//{tag}"
    ident = (elem.get("id") or "").strip()
    if ident and "'" not in ident and not PAGE_NUMBER.search(ident):
        return f"//{tag}[@id='{ident}']"
    classes = (elem.get("class") or "").strip()
    if classes and "'" not in classes and not PAGE_NUMBER.search(classes):
        expression = f"//{tag}[@class='{classes}']"
        if len(tree.xpath(expression)) == 1:
            return expression
    return None


def _story_root(explanation: Explanation) -> HtmlElement | None:
    """The element of the page holding everything the story kept."""
    kept = {block.number for block in explanation.blocks if block.kept}
    assert explanation.tree is not None  # explain() keeps the numbered page
    elements = [e for e in explanation.tree.iter() if _number(e) in kept]
    if not elements:
        return None
    common = [elements[0], *elements[0].iterancestors()]
    for elem in elements[1:]:
        ancestors = {_number(a) for a in (elem, *elem.iterancestors())}
        common = [c for c in common if _number(c) in ancestors]
    return common[0] if common else None


def _kept_words(elem: HtmlElement, kept: set[int]) -> int:
    from reader.extract.explain import own_text

    return sum(
        len(own_text(e).split())
        for e in elem.iter()
        if isinstance(e.tag, str) and _number(e) in kept
    )


def _number(elem: HtmlElement) -> int | None:
    from reader.extract.provenance import number_of

    return number_of(elem) if isinstance(elem.tag, str) else None


def _numbers(elem: HtmlElement) -> set[int | None]:
    return {_number(e) for e in elem.iter() if isinstance(e.tag, str)}
