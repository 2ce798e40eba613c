"""Classes a page's own style sheets hide from the eye (kept only for screen readers).

Sites with generated class names ("css-1dv1kvn") hide their "Image" and "Credit" labels
with a rule such as ``.css-1dv1kvn{clip:rect(0 0 0 0);height:1px;width:1px;...}``: such a
rule, read from the page's ``<style>`` elements, names a class whose text is not shown.
Only the clip-to-nothing or one-pixel-square pattern counts: ``display:none`` is too often
one side of a responsive pair (the other side shows the same text).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.extract.leftovers.rules import SCREEN_READER_CLASSES

if TYPE_CHECKING:
    from lxml.html import HtmlElement

STYLE_CHARS_MAX = 2_000_000  # read this much CSS at most: a hostile page could send more
SIMPLE_CLASS = re.compile(r"^\s*\.([\w-]+)\s*$")
CLIPPED = re.compile(r"clip\s*:\s*rect\(\s*0|clip-path\s*:\s*inset\(\s*50%")
ONE_PIXEL = (re.compile(r"(?<![-\w])width\s*:\s*1px"), re.compile(r"(?<![-\w])height\s*:\s*1px"))
ABSOLUTE = re.compile(r"position\s*:\s*absolute")


def hidden_classes(root: HtmlElement) -> frozenset[str]:
    """Screen-reader-only classes: the usual names and those the page's CSS hides."""
    found = set(SCREEN_READER_CLASSES)
    budget = STYLE_CHARS_MAX
    for style in root.iter("style"):
        css = (style.text or "")[:budget]
        budget -= len(css)
        for selectors, declarations in css_rules(css):
            if not hides(declarations.lower()):
                continue
            for selector in selectors.split(","):
                match = SIMPLE_CLASS.match(selector)
                if match:
                    found.add(match.group(1).lower())
        if budget <= 0:
            break
    return frozenset(found)


def css_rules(css: str) -> list[tuple[str, str]]:
    """(selectors, declarations) of each innermost rule; one linear pass over the text."""
    rules = []
    for chunk in css.split("}"):
        head, brace, declarations = chunk.rpartition("{")
        if brace:
            rules.append((head.rpartition("{")[2], declarations))  # "@media x{" falls away
    return rules


def hides(declarations: str) -> bool:
    if CLIPPED.search(declarations):
        return True
    return bool(ABSOLUTE.search(declarations)) and all(p.search(declarations) for p in ONE_PIXEL)


def is_hidden(elem: HtmlElement, hidden: frozenset[str]) -> bool:
    classes = (elem.get("class") or "").lower().split()
    return any(name in hidden for name in classes) or _hidden_inline(elem.get("style") or "")


def _hidden_inline(style: str) -> bool:
    return bool(style) and hides(style.lower())
