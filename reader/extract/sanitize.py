"""Stage 6: an allow-list of what may reach the reading view, with absolute URLs.

Anything not listed is either dropped with its content (active or embedded things:
scripts, frames, forms...) or unwrapped (layout tags: their text stays). Attributes are
kept per tag; URLs are resolved against the link base and only safe schemes survive.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from reader.extract.provenance import MARK
from reader.extract.tags import HEADING_TAGS

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Tags kept as they are.
ALLOWED_TAGS = HEADING_TAGS | frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "strong",
        "sub",
        "summary",
        "details",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    ]
)
# Layout tags turned into a plain div (their children are content).
AS_DIV = frozenset(
    ["article", "section", "main", "header", "footer", "aside", "nav", "center", "address"]
)
# Dropped with everything inside: active, embedded, interactive or invisible.
DROP_WITH_CONTENT = frozenset(
    [
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "input",
        "button",
        "select",
        "option",
        "optgroup",
        "textarea",
        "noscript",
        "template",
        "svg",
        "canvas",
        "audio",
        "video",
        "track",
        "map",
        "area",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "param",
        "dialog",
        "menu",
        "annotation",
    ]
)
# Attributes kept on every allowed tag, then per tag.
COMMON_ATTRS = frozenset(("id", "title", "lang", "dir"))
TAG_ATTRS = {
    "a": frozenset(("href", "name")),
    "img": frozenset(("src", "alt", "width", "height")),
    "td": frozenset(("colspan", "rowspan", "headers", "align")),
    "th": frozenset(("colspan", "rowspan", "headers", "scope", "align")),
    "col": frozenset(("span",)),
    "colgroup": frozenset(("span",)),
    "ol": frozenset(("start", "reversed", "type")),
    "li": frozenset(("value",)),
    "blockquote": frozenset(("cite",)),
    "q": frozenset(("cite",)),
    "del": frozenset(("cite", "datetime")),
    "ins": frozenset(("cite", "datetime")),
    "time": frozenset(("datetime",)),
    "abbr": frozenset(("title",)),
    "pre": frozenset(("class",)),
    "code": frozenset(("class",)),
}
URL_ATTRS = frozenset(("href", "src", "cite"))
# Schemes a link may use; an image may also be inline data or a MIME part.
LINK_SCHEMES = ("http:", "https:", "mailto:", "ftp:", "tel:")
IMAGE_SCHEMES = ("http:", "https:", "cid:")
IMAGE_DATA_PREFIX = "data:image/"
READABILITY_IDS = frozenset(("readabilityBody",))  # set by readability, means nothing here
# Linear two-pass whitespace tidying (no backtracking over long runs).
_BLANK_RUN = re.compile(r"[ \t\r\f]{2,}")
_NEWLINE_RUN = re.compile(r"[ \t\r\f]?\n[ \t\r\n\f]*")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
CODE_CLASS_PREFIXES = ("language-", "lang-", "highlight-")  # kept for syntax colouring


def link_base(base_href: str | None, page_url: str | None, canonical: str | None) -> str | None:
    """The base links resolve against, as a browser does: <base href> over the page URL."""
    if base_href:
        try:
            resolved = urljoin(page_url or canonical or "", base_href.strip())
        except ValueError:
            resolved = ""
        if resolved.lower().startswith(("http://", "https://", "file:")):
            return resolved
    return page_url or canonical


def absolute(url: str, base: str | None) -> str:
    url = url.strip()
    if not base or url.startswith("#"):
        return url
    try:
        return urljoin(base, url)
    except ValueError:
        return url


def sanitize(story: HtmlElement, base: str | None, *, marks: bool = False) -> None:
    """Make ``story`` (an element, kept as the root) safe, in place. ``marks``: keep the
    provenance recorder's element numbers (reader.extract.provenance takes them off)."""
    import lxml.etree

    lxml.etree.strip_elements(
        story, lxml.etree.Comment, lxml.etree.ProcessingInstruction, with_tail=False
    )
    verbatim = {node for pre in story.iter("pre", "textarea") for node in pre.iter()}
    for elem in list(story.iter()):
        if elem not in verbatim:
            _tidy_space(elem)
        if elem is story:
            _clean_attributes(elem, base, marks)
            continue
        tag = elem.tag if isinstance(elem.tag, str) else ""
        tag = tag.lower()
        if tag in DROP_WITH_CONTENT or not tag:
            if elem.getparent() is not None:
                elem.drop_tree()
            continue
        if tag in AS_DIV:
            elem.tag = "div"
        elif tag not in ALLOWED_TAGS:
            elem.drop_tag()
            continue
        elif tag != elem.tag:
            elem.tag = tag
        _clean_attributes(elem, base, marks)
        if tag == "img" and not elem.get("src"):
            elem.drop_tree()
        elif tag == "a" and not elem.get("href") and not elem.get("name") and not elem.get("id"):
            elem.drop_tag()
    story.tag = "div"
    _flatten_wrappers(story)


def _tidy_space(elem: HtmlElement) -> None:
    """Indentation between tags becomes one newline; text keeps its single spaces."""
    if elem.text and "\n" in elem.text:
        elem.text = _tidy(elem.text)
    if elem.tail and "\n" in elem.tail:
        elem.tail = _tidy(elem.tail)


def _tidy(text: str) -> str:
    return _NEWLINE_RUN.sub("\n", _BLANK_RUN.sub(" ", text))


def _flatten_wrappers(story: HtmlElement) -> None:
    """<div><div><p>..</p></div></div> -> <div><p>..</p></div>: wrappers carry nothing."""
    while len(story) == 1 and story[0].tag == "div" and not (story.text or "").strip():
        inner = story[0]
        if (inner.tail or "").strip():
            break
        story.text = inner.text
        children = list(inner)
        story.remove(inner)
        story.extend(children)
    if story.text is not None and not story.text.strip():
        story.text = "\n"


def _clean_attributes(elem: HtmlElement, base: str | None, marks: bool) -> None:
    tag = elem.tag
    allowed = TAG_ATTRS.get(tag, frozenset()) if isinstance(tag, str) else frozenset()
    for name in list(elem.attrib):
        lowered = name.lower()
        if marks and lowered == MARK:
            continue
        if lowered not in COMMON_ATTRS and lowered not in allowed:
            del elem.attrib[name]
            continue
        value = elem.attrib[name]
        if lowered == "id" and value in READABILITY_IDS:
            del elem.attrib[name]
        elif lowered in URL_ATTRS:
            safe = safe_url(value, base, image=(tag == "img"))
            if safe is None:
                del elem.attrib[name]
            else:
                elem.attrib[name] = safe
        elif lowered == "class" and not value.startswith(CODE_CLASS_PREFIXES):
            del elem.attrib[name]


def safe_url(value: str, base: str | None, *, image: bool) -> str | None:
    """The absolute URL if its scheme is allowed here; None for script or unknown schemes."""
    value = "".join(ch for ch in value.strip() if ch >= " ")  # no control chars hiding a scheme
    if not value:
        return None
    lowered = value.lower().replace(" ", "")
    if lowered.startswith("data:"):
        return value if image and lowered.startswith(IMAGE_DATA_PREFIX) else None
    if value.startswith("#"):
        return value
    url = absolute(value, base)
    if not _SCHEME.match(url):
        return url  # still relative (no base known): no scheme to fear
    schemes = IMAGE_SCHEMES if image else LINK_SCHEMES
    return url if url.lower().startswith(schemes) else None
