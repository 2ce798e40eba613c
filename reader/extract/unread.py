"""What no stage of extraction reads, left out of a page before it is read and kept.

The library keeps every article's original page (reader.store.originals), and most of a
news page is markup no stage reads: a browser's code, style sheets, vector drawings.
``without_unread`` leaves out, from the markup as it came:

- ``code``: the bodies of executable scripts (reader.extract.scripts says which);
- ``data``: the bodies of data and template scripts no stage reads (all but JSON-LD,
  the data scripts and state assignments reader.extract.recommended.data reads);
- ``css``: every style sheet rule except those that hide what they select
  (reader.extract.leftovers.hidden reads exactly those; a page with more style text than
  it reads keeps its sheets whole);
- ``comments``: the text of HTML comments (the comment stays, empty: ``<!---->``);
- ``drawings``: the path data of inline ``<svg>`` (``d=""``: the article never shows an
  inline drawing, sanitize drops it; the element stays, so "has media" checks still see it);
- ``handlers``: the code of event-handler attributes (``onclick=""``, the attribute stays);
- ``whitespace``: long whitespace runs, collapsed as stage 1 collapses them anyway
  (reader.extract.normalize.collapse_whitespace).

Every element, attribute name and word of text stays where it was, so the tree the
stages read has the same shape. Extraction starts from the page without these (pipeline
stage 1) and the library keeps the page without them: extracting a kept original again
gives, by construction, the article that the page as loaded gave (``without_unread`` is
idempotent). tests/benchmarks/originals.py --faithful counts, on every corpus page, the
articles each part changes against extracting the page as it came.

The scan is linear and follows the HTML tokenizer where it matters: raw-text elements
(script, style, textarea, title...) end at their own end tag, a comment at the first
``-->``. Where the tokenizer could read the markup another way (an unclosed raw-text
element or comment, ``<!--`` in script data, ``--!>``, ``<plaintext>``) the rest of the
page is kept as it came. Site rules (reader.siterules) see the page without these parts
too: an XPath still finds every element and attribute, ``find_string`` no code or CSS.
"""

import re

from reader.extract import normalize, scripts
from reader.extract.leftovers.hidden import STYLE_CHARS_MAX, css_rules, hides

PARTS = frozenset(("code", "data", "css", "comments", "drawings", "handlers", "whitespace"))

# The next thing the scan may act on: a comment, or a start or end tag.
_NEXT = re.compile(r"<(?:(!--)|(/?)([a-zA-Z][^\t\n\f\r />]*))")
# Elements whose content is text up to their own end tag (skipped as they are).
_SKIPPED = frozenset(("textarea", "title", "xmp", "iframe", "noembed", "noframes"))
_END_TAG = {
    tag: re.compile(rf"</{tag}(?=[\t\n\f\r />])", re.IGNORECASE) for tag in (*_SKIPPED, "style")
}
_STYLE_START = re.compile(r"<style\b[^>]*>", re.IGNORECASE)
# A start tag whose attributes are all well formed and apart (another one is left as it
# came). Each repetition starts at a separator and an attribute starts with neither, so
# the match never backtracks over how to split a run (linear).
_NAME = r"""[^\t\n\f\r "'/<=>]+"""
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\t\n\f\r "'<=>`]+)"""
_START_TAG = re.compile(
    rf"<[a-zA-Z][^\t\n\f\r /<>]*(?:[\t\n\f\r /]+{_NAME}(?:[\t\n\f\r ]*=[\t\n\f\r ]*{_VALUE})?)*"
    r"[\t\n\f\r /]*>"
)
# One attribute of such a tag: (separator, name, "=" with its spaces, value).
_ATTRIBUTE = re.compile(rf"([\t\n\f\r /]+)({_NAME})(?:([\t\n\f\r ]*=[\t\n\f\r ]*)({_VALUE}))?")
_TAG_NAME = re.compile(r"<[a-zA-Z][^\t\n\f\r /<>]*")
# An attribute name starting with "on" (each name follows a separator): the cheap test that
# leaves nearly every tag alone ("on" alone is in "content", "button", "icon"...).
_HANDLER_NAME = re.compile(r"[\t\n\f\r /][oO][nN]")
# What the scan passes over in one step, as the loop would have read it: text, a "<" that
# opens nothing, end tags but </svg> (name and all, as _NEXT reads them), and, outside a
# drawing, start tags it would leave as they are: well formed (_START_TAG matches them, to
# the same ">"), of no element it treats apart, with no separator followed by "on" (where
# _HANDLER_NAME would look for a handler). Nine tags in ten are passed over, each a turn
# of the loop before.
_SEPARATOR = r"[\t\n\f\r /](?![oO][nN])"
_SPACE = r"[\t\n\f\r ](?![oO][nN])"
# (written as runs of ordinary characters between those to test: the regex engine takes a
# run in one step, not one turn per character; and never backtracking, so linear: where
# _START_TAG would split an unquoted value at a "/", the loop reads the tag as before)
_PLAIN_VALUE = (
    rf"""(?:"[^"\t\n\f\r /]*(?:{_SEPARATOR}[^"\t\n\f\r /]*)*"|'[^'\t\n\f\r /]*"""
    rf"""(?:{_SEPARATOR}[^'\t\n\f\r /]*)*'|(?>(?:[^\t\n\f\r "'<=>`/]|/(?![oO][nN]))"""
    r"""[^\t\n\f\r "'<=>`/]*(?:/(?![oO][nN])[^\t\n\f\r "'<=>`/]*)*))"""
)
_APART = "|".join(("script", "style", "plaintext", "svg", *sorted(_SKIPPED)))
_PLAIN_TAG = (
    rf"<(?!(?i:{_APART})[\t\n\f\r />])[a-zA-Z][^\t\n\f\r /<>]*"
    rf"(?:(?:{_SEPARATOR})++{_NAME}(?:(?:{_SPACE})*+=(?:{_SPACE})*+{_PLAIN_VALUE})?+)*+"
    rf"(?:{_SEPARATOR})*+>"
)
_PASSED_TEXT = (
    r"[^<]+|<(?!!--|/?[a-zA-Z])|</(?![sS][vV][gG](?:[\t\n\f\r />]|\Z))[a-zA-Z][^\t\n\f\r />]*"
)
_PASSED = re.compile(rf"(?:{_PASSED_TEXT}|{_PLAIN_TAG})*+")
_PASSED_IN_DRAWING = re.compile(rf"(?:{_PASSED_TEXT})*+")


def without_unread(html: str, parts: frozenset[str] = PARTS) -> str:
    """``html`` without the ``parts`` (of PARTS) extraction never reads."""
    out: list[str] = []
    kept_to = 0  # html[:kept_to] is decided (out holds it)
    position = 0
    drawing = 0  # how many <svg> elements the scan is in
    sheets = "css" in parts and _style_chars(html) <= STYLE_CHARS_MAX
    handlers = "handlers" in parts
    while True:
        passed = (_PASSED_IN_DRAWING if drawing else _PASSED).match(html, position)
        assert passed is not None  # (it matches the empty string)
        found = _NEXT.match(html, passed.end())
        if found is None:
            break
        start = found.start()
        if found.group(1):  # <!--
            end = _comment_end(html, start)
            if end is None:
                break
            if "comments" in parts and end - start > len("<!---->"):
                out.append(html[kept_to:start])
                out.append("<!---->")
                kept_to = end
            position = end
            continue
        name = found.group(3).lower()
        if found.group(2):  # an end tag
            if name == "svg":
                drawing = max(0, drawing - 1)
            position = found.end()
            continue
        if name in ("script", "style"):
            step = _script(html, start, parts) if name == "script" else _style(html, start, sheets)
            if step is None:
                break
            body, kept, end = step
            if kept is not None:
                out.append(html[kept_to : body[0]])
                out.append(kept)
                kept_to = body[1]
            position = end
            continue
        if name == "plaintext":
            break  # the rest of the page is text
        tag = _START_TAG.match(html, start)
        if tag is None:
            position = found.end()
            continue
        text = tag.group()
        if name == "svg" and not text.endswith("/>"):
            drawing += 1
        # (the cheap test first: nearly every tag has no handler and is in no drawing)
        if drawing or (handlers and _HANDLER_NAME.search(text) is not None):
            reduced = _reduced_tag(text, parts, drawing > 0)
            if reduced != text:
                out.append(html[kept_to:start])
                out.append(reduced)
                kept_to = tag.end()
        position = tag.end()
        if name in _SKIPPED:
            end_tag = _END_TAG[name].search(html, position)
            if end_tag is None:
                break
            position = end_tag.start()
    if out:
        out.append(html[kept_to:])
        html = "".join(out)
    return normalize.collapse_whitespace(html) if "whitespace" in parts else html


def _comment_end(html: str, start: int) -> int | None:
    """Where the comment at ``start`` ends, or None when the tokenizer might end it
    elsewhere (no ``-->``, or a ``--!>`` before it)."""
    for abrupt in ("<!-->", "<!--->"):  # empty comments, closed at once
        if html.startswith(abrupt, start):
            return start + len(abrupt)
    end = html.find("-->", start + 4)
    if end < 0 or "--!>" in html[start : end + 3]:
        return None
    return end + 3


Step = tuple[tuple[int, int], str | None, int]  # (body span, its new text or None, scan on)


def _script(html: str, start: int, parts: frozenset[str]) -> Step | None:
    opening = scripts.SCRIPT_START.match(html, start)
    if opening is None:
        return ((start, start), None, start + 1)  # "<scripts" or the like: not a script
    end = scripts.SCRIPT_END.search(html, opening.end())
    if end is None:
        return None  # an unclosed script: the parser takes the rest as its code
    body = html[opening.end() : end.start()]
    if "<!--" in body:
        return None  # "<!--" in script data: the parser may end it later
    span = (opening.end(), end.start())
    attributes = opening.group(1)
    if body and (
        ("code" in parts and scripts.is_code(attributes, body))
        or ("data" in parts and scripts.is_unread_data(attributes, body))
    ):
        return (span, "", end.start())
    return (span, None, end.start())


def _style(html: str, start: int, reduce: bool) -> Step | None:
    opening = _STYLE_START.match(html, start)
    if opening is None:
        return ((start, start), None, start + 1)
    end = _END_TAG["style"].search(html, opening.end())
    if end is None:
        return None
    span = (opening.end(), end.start())
    if not reduce:
        return (span, None, end.start())
    css = html[span[0] : span[1]]
    kept = "".join(
        f"{selectors}{{{declarations}}}"
        for selectors, declarations in css_rules(css)
        if hides(declarations.lower())
    )
    return (span, None if kept == css else kept, end.start())


def _style_chars(html: str) -> int:
    """All style sheet text of the page (at least what the parser gives hidden.py)."""
    total = 0
    position = 0
    while (opening := _STYLE_START.search(html, position)) is not None:
        end = _END_TAG["style"].search(html, opening.end())
        if end is None:
            return total + len(html) - opening.end()
        total += end.start() - opening.end()
        position = end.start()
    return total


def _reduced_tag(text: str, parts: frozenset[str], in_drawing: bool) -> str:
    """The start tag with the values of its event handlers and (in a drawing) its path
    data emptied, attribute by attribute (a value that merely mentions one is left)."""
    handlers = "handlers" in parts and _HANDLER_NAME.search(text) is not None
    paths = in_drawing and "drawings" in parts
    if not (handlers or paths):
        return text
    head = _TAG_NAME.match(text)
    assert head is not None  # text matched _START_TAG
    out = [head.group()]
    position = head.end()
    changed = False
    while (found := _ATTRIBUTE.match(text, position)) is not None:
        separator, name, equals, value = found.groups()
        lowered = name.lower()
        emptied = (
            value is not None
            and value not in ('""', "''")
            and ((handlers and lowered.startswith("on")) or (paths and lowered == "d"))
        )
        if emptied:
            out.append(f'{separator}{name}{equals}""')
            changed = True
        else:
            out.append(found.group())
        position = found.end()
    if not changed:
        return text
    out.append(text[position:])
    return "".join(out)
