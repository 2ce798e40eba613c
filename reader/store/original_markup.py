"""What of a page's markup is kept as its original: all of it but executable script code.

Inline JavaScript is a third of a news page's compressed markup (Mozilla corpus: 4.25 MB
of zlib-6 originals, 3.11 MB without it) and no extraction reads it: the pipeline drops
every <script> before it looks for the story, metadata reads only JSON-LD, and the
dates and bylines skip script elements. So the code inside <script> elements that a
browser would run (no type, "module", a JavaScript MIME type) is left out; the element
stays, empty, and every other script (JSON-LD, JSON data, templates) is kept whole.
tests/unit/test_originals.py checks that extraction of corpus pages is the same with and
without it. Scanning is linear: a script body ends at the first ``</script`` (as the
HTML parser ends it).
"""

import re

_SCRIPT_START = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?\s*([^"'\s>;]*)""", re.IGNORECASE)
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


def without_scripts(html: str) -> str:
    """``html`` with the bodies of its executable scripts left out."""
    parts: list[str] = []
    position = 0
    while (start := _SCRIPT_START.search(html, position)) is not None:
        end = _SCRIPT_END.search(html, start.end())
        if end is None:
            break  # an unclosed script: the parser would take the rest as code; keep it
        declared = _TYPE.search(start.group(1))
        kind = declared.group(1).lower() if declared else ""
        parts.append(html[position : start.end()])
        if kind not in EXECUTABLE_TYPES:
            parts.append(html[start.end() : end.start()])
        position = end.start()
    if not parts:
        return html
    parts.append(html[position:])
    return "".join(parts)
