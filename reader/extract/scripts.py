"""A page's executable script code: never read by extraction, never kept with the original.

Inline JavaScript is about a quarter of a news page's compressed markup (Mozilla corpus:
see reader.store.originals) and no stage needs it to find the story. So extraction
starts from the page without it (pipeline stage 1) and the library keeps the page
without it: extracting a kept original again gives, by construction, the article that
the page as loaded gave (``without_code`` is idempotent). Left out is only the body of a
script a browser would run (no type, "module", a JavaScript MIME type); the element
stays, empty, and every script extraction reads stays whole: JSON-LD, JSON data and
templates (any other type), and a script that assigns the page's state
(``window.__INITIAL_STATE__ = {...}``), which reader.extract.recommended.data reads.

An earlier cut (ending every script at the first ``</script``, "<!--" or not) changed
the article of 3 of 1,794 corpus pages; this one changes 1 of those 3 (CleanEval
final_573: script text that leaked into the story is gone; tests/benchmarks/originals.py
--faithful counts all pages). Site rules' ``find_string`` sees no executable code either.

Scanning is linear: a script body ends at the first ``</script`` followed by whitespace,
"/" or ">", as the parser ends it. A script whose text holds ``<!--`` (old pages'
``<script><!-- ... //--></script>``) may end later for the parser (HTML's escaped
script data): from there on the page is kept as it came.
"""

import re

from reader.extract.recommended.rules.data import STATE_NAMES

_SCRIPT_START = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
# HTML's end tag of script data: "</script" then whitespace, "/" or ">" (libxml2 2.14
# tokenizes as HTML does).
_SCRIPT_END = re.compile(r"</script(?=[\t\n\f\r />])", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?\s*([^"'\s>;]*)""", re.IGNORECASE)
_STATE = re.compile(rf"\b(?:window\.)?(?:{'|'.join(STATE_NAMES)})\s*=")
# The types a browser runs as JavaScript (HTML's "JavaScript MIME type essence" list).
EXECUTABLE_TYPES = frozenset(
    {
        "",
        "module",
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)


def without_code(html: str) -> str:
    """``html`` without the bodies of its executable scripts (the same string when it
    has none)."""
    parts: list[str] = []
    position = 0
    while (start := _SCRIPT_START.search(html, position)) is not None:
        end = _SCRIPT_END.search(html, start.end())
        if end is None:
            break  # an unclosed script: the parser takes the rest as its code; kept
        body = html[start.end() : end.start()]
        if "<!--" in body:
            break  # "<!--" in script data: the parser may end it later; the rest is kept
        parts.append(html[position : start.end()])
        if body and _kept(start.group(1), body):
            parts.append(body)
        position = end.start()
    if not parts:
        return html
    parts.append(html[position:])
    return "".join(parts)


def _kept(attributes: str, body: str) -> bool:
    declared = _TYPE.search(attributes)
    if (declared.group(1).lower() if declared else "") not in EXECUTABLE_TYPES:
        return True  # data or a template: read, or might be
    return "__" in body and _STATE.search(body) is not None
