"""Which scripts are code: never read by extraction, never kept with the original.

Inline JavaScript is about a quarter of a news page's compressed markup (Mozilla corpus:
see reader.store.originals) and no stage needs it to find the story, so
reader.extract.unread leaves the body of a script a browser would run (no type,
"module", a JavaScript MIME type) out of the page extraction reads and the library
keeps; the element stays, empty. Every script extraction reads stays whole: JSON-LD,
JSON data and templates (any other type), and a script that assigns the page's state
(``window.__INITIAL_STATE__ = {...}``), which reader.extract.recommended.data reads.

A script body ends at the first ``</script`` followed by whitespace, "/" or ">", as the
parser ends it (an earlier cut at any ``</script`` changed 3 of 1,794 corpus articles).
A script whose text holds ``<!--`` (old pages' ``<script><!-- ... //--></script>``) may
end later for the parser (HTML's escaped script data): unread keeps the rest as it came.
On the corpora, leaving the code out changes 2 of 1,794 articles: CleanEval final_573
(script text that leaked into the story is gone), and the snippets page
mitundvoneinander.com-Frühling, whose sidebar list of Deutsche Welle headlines was only
found because a one-line script in a hidden paragraph of the comment form counted as
story prose (the page's only "prose", so the form passed for the story's column).
"""

import re

from reader.extract.recommended.rules.data import DATA_SCRIPT_IDS, STATE_NAMES

SCRIPT_START = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
# HTML's end tag of script data: "</script" then whitespace, "/" or ">" (libxml2 2.14
# tokenizes as HTML does).
SCRIPT_END = re.compile(r"</script(?=[\t\n\f\r />])", re.IGNORECASE)
# An attribute's value by its name ("data-type" is another name).
_TYPE = re.compile(r"""(?<![\w-])type\s*=\s*["']?\s*([^"'\s>;]*)""", re.IGNORECASE)
_ID = re.compile(r"""(?<![\w-])id\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
# A state assignment, "window." before it or not (the "." is a word boundary all the same).
# The names all start "__": written so, the regex engine skips ahead to "__" (1.7x faster
# than trying "window." at every position).
_STATE = re.compile(rf"(?<!\w)__(?:{'|'.join(name[2:] for name in STATE_NAMES)})\s*=")
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


def is_code(attributes: str, body: str) -> bool:
    """A script a browser runs (``attributes``: its start tag's) that assigns no page state."""
    if _type(attributes) not in EXECUTABLE_TYPES:
        return False  # data or a template
    return not _assigns_state(body)


def is_unread_data(attributes: str, body: str) -> bool:
    """A data or template script no stage reads: only JSON-LD (metadata, story lists),
    the data scripts of DATA_SCRIPT_IDS and state assignments (story lists) are read."""
    kind = _type(attributes)
    if kind in EXECUTABLE_TYPES or "ld+json" in kind:
        return False
    named = _ID.search(attributes)
    return (named is None or named.group(1) not in DATA_SCRIPT_IDS) and not _assigns_state(body)


def _type(attributes: str) -> str:
    declared = _TYPE.search(attributes)
    return declared.group(1).lower() if declared else ""


def _assigns_state(body: str) -> bool:
    return "__" in body and _STATE.search(body) is not None
