"""Stage 1a: repair the markup before it is parsed, where libxml2 and a browser part ways.

- Characters no document can hold (C0 controls, U+FFFE/U+FFFF), raw or written as a
  reference (``&#26;``), are dropped and a form feed becomes a space: a browser shows
  nothing for them, and lxml refuses any text holding one, so the first stage that sets
  such text (readability's cleaning, our sanitizer) failed on the whole page.
- A ``<title>`` that is never closed ends at the first tag, as a browser recovers it:
  libxml2 reads the rest of the page into the title and the article comes out empty.
- An XML declaration goes, however long or odd (a ``>`` inside it, a 400-character
  encoding name): its encoding no longer holds for decoded text, and lxml refuses a str
  that carries one.

Every pattern here runs on the whole page and is linear in its length
(tests/unit/test_linear_patterns.py).
"""

import re

# The characters, or "&" followed by a reference to one: decimal 0-8, 11, 12, 14-31,
# 65534, 65535 or the hex forms (an "&" starting no such reference matches nothing). One
# character class first, "&" in it, so the regex engine skips ahead to candidates; written
# as "characters | &#..." it tried the whole pattern at every position (2x slower).
_NOT_XML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff&]"
    r"(?:(?<=&)#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|6553[45])(?![0-9])"
    r"|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F]));?|(?<!&))"
)

_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
# Tags that never sit inside a title someone meant to close: seeing one before </title>
# means the title was left open.
_TITLE_BREAKER = re.compile(
    r"</head\b|<(?:body|meta|link|script|style|div|p|h[1-6]|table|article|main|header|nav|"
    r"section|ul|ol|img|a|form|iframe|noscript|base|span|center|font|br)[\s/>]",
    re.IGNORECASE,
)
_TAG_START = re.compile(r"<[a-zA-Z/!]")

_XML_DECLARATION = re.compile(r"\A\s*<\?xml\b", re.IGNORECASE)


def repair(html: str) -> str:
    """The markup with the repairs above; unchanged when none is needed."""
    return _close_open_title(drop_xml_declaration(_drop_not_xml(html)))


def _drop_not_xml(html: str) -> str:
    return _NOT_XML.sub(_replacement, html)


def _replacement(match: re.Match[str]) -> str:
    text = match.group(0)
    return " " if text == "\x0c" or (text.startswith("&#") and _code_point(text) == 12) else ""


def _code_point(reference: str) -> int:
    body = reference[2:].rstrip(";")
    return int(body[1:], 16) if body[:1] in "xX" else int(body)


def drop_xml_declaration(html: str) -> str:
    """The markup without its XML declaration (lxml refuses a str that carries one)."""
    found = _XML_DECLARATION.match(html)
    if found is None:
        return html
    end = html.find("?>", found.end())
    if end >= 0:
        return html[end + 2 :]
    end = html.find(">", found.end())
    return html[end + 1 :] if end >= 0 else ""


def _close_open_title(html: str) -> str:
    opening = _TITLE_OPEN.search(html)
    if opening is None:
        return html
    closing = _TITLE_CLOSE.search(html, opening.end())
    end = closing.start() if closing else len(html)
    if _TITLE_BREAKER.search(html, opening.end(), end) is None:
        return html
    cut = _TAG_START.search(html, opening.end(), end)
    if cut is None:  # cannot happen: a breaker is a tag
        return html
    return html[: cut.start()] + "</title>" + html[cut.start() :]
