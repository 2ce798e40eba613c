"""The search box language, turned into a safe FTS5 MATCH expression and SQL filters.

    words "a phrase" prefix* -excluded -"excluded phrase" site:example.com tag:python
    is:unread is:read is:starred is:archived is:highlighted

Every word reaches FTS5 as a quoted string, so no input can be an FTS5 syntax error:
``"``, ``AND(``, ``*`` or ``NEAR`` are just text. Terms are ANDed; a query made only of
exclusions or filters lists the matching articles newest first.

The work is bounded: a term given twice counts once, a query of more than MAX_TERMS terms
is refused with a clear reason, and snippets highlight at most HIGHLIGHT_TERMS of them.
FTS5's snippet() costs grow with the square of the terms (measured here: 16 prefix terms
0.11 s, 128 terms 6.2 s on a 300-article library); matching and ranking grow linearly.
"""

import re
from dataclasses import dataclass, field

from reader.errors import QueryError
from reader.store.ranking import SOFT_HYPHEN

MAX_TERMS = 32  # words, phrases, exclusions and filters: a long sentence, never a document
HIGHLIGHT_TERMS = 8  # snippet() is quadratic in the terms it highlights

# is:VALUE -> SQL condition on the articles row "a".
IS_FILTERS: dict[str, str] = {
    "unread": "a.read = 0",
    "read": "a.read = 1",
    "starred": "a.starred = 1",
    "unstarred": "a.starred = 0",
    "archived": "a.archived = 1",
    "inbox": "a.archived = 0",
    "highlighted": "a.highlight_count > 0",
}
FIELD_FILTERS = ("site", "tag", "is")

# A token: optional "-", optional field:, then a quoted phrase (closing quote optional)
# or a run of non-space characters.
TOKEN = re.compile(r'(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))')
WORD_CHARS = re.compile(r"\w", re.UNICODE)
# FTS5 reads its query as a C string: a NUL ends it mid-quote. Control characters are no text.
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class ParsedQuery:
    match: str | None = None  # FTS5 expression for the positive terms
    highlight: str | None = None  # the first HIGHLIGHT_TERMS of them, for snippets
    exclude: str | None = None  # FTS5 expression ORing the excluded terms
    conditions: list[str] = field(default_factory=list)  # SQL on "a"
    params: list[str] = field(default_factory=list)  # for the conditions, in order

    def filters(self, first: str, key: str, index: str) -> tuple[list[str], list[str]]:
        """SQL conditions with their parameters, in order: ``first``, the field filters,
        then the exclusions, looked up in the FTS5 table ``index`` by the row's ``key``."""
        conditions = [first, *self.conditions]
        params = list(self.params)
        if self.exclude is not None:
            conditions.append(f"{key} NOT IN (SELECT rowid FROM {index} WHERE {index} MATCH ?)")
            params.append(self.exclude)
        return conditions, params


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(text: str, *, phrase: bool) -> str | None:
    """One FTS5 term: a quoted string, with a prefix star kept for words ending in *."""
    prefix = False
    if not phrase and text.endswith("*"):
        text = text.rstrip("*")
        prefix = True
    if not WORD_CHARS.search(text):
        return None  # nothing FTS5 would index: punctuation alone matches nothing
    return _quote(text) + ("*" if prefix else "")


def parse(query: str) -> ParsedQuery:
    """The query's FTS5 expressions and SQL filters; QueryError when it has too many terms."""
    parsed = ParsedQuery()
    positive: list[str] = []
    negative: list[str] = []
    # A soft hyphen pasted with a word ("Wissen\u00adschaft" copied from a page) is no break
    # in it: the indexes see words without them (schemas 11 and 12).
    query = CONTROL_CHARS.sub(" ", query).replace(SOFT_HYPHEN, "")
    tokens = list(dict.fromkeys(m.group(0) for m in TOKEN.finditer(query)))
    if len(tokens) > MAX_TERMS:
        raise QueryError(
            f"a search takes at most {MAX_TERMS} words, phrases and filters "
            f"(this one has {len(tokens)}): leave some out"
        )
    for match in map(TOKEN.fullmatch, tokens):
        assert match is not None  # each token came from TOKEN itself
        minus, name, phrase, bare = match.groups()
        value = phrase if phrase is not None else bare
        name = (name or "").lower()
        if name in FIELD_FILTERS and value:
            _add_filter(parsed, name, value.strip(), negate=bool(minus))
            continue
        if name:  # "foo:bar" that is no filter (a URL, a time): search it as text
            value = f"{match.group(2)}:{value}"
        term = _term(value, phrase=phrase is not None)
        if term is None:
            continue
        (negative if minus else positive).append(term)
    positive = list(dict.fromkeys(positive))  # "word" and "word" typed twice: one term
    if positive:
        parsed.match = " AND ".join(positive)
        parsed.highlight = " AND ".join(positive[:HIGHLIGHT_TERMS])
    if negative:
        parsed.exclude = " OR ".join(negative)
    return parsed


def _add_filter(parsed: ParsedQuery, name: str, value: str, *, negate: bool) -> None:
    if name == "is":
        condition = IS_FILTERS.get(value.lower())
        if condition is None:
            return  # unknown state: ignored rather than an error while typing
        parsed.conditions.append(f"NOT ({condition})" if negate else condition)
        return
    if name == "site":
        host = value.lower().removeprefix("www.")
        # ifnull: an article with no host or site name is "not on that site", never unknown
        # (NOT NULL is NULL in SQL, which would drop it from "-site:" results).
        condition = (
            "ifnull(a.host = ? OR a.host LIKE ? ESCAPE '\\' OR a.site_name LIKE ? ESCAPE '\\', 0)"
        )
        parsed.params += [host, "%." + _like(host), "%" + _like(value) + "%"]
    else:  # tag
        condition = "a.id IN (SELECT t.article_id FROM article_tags t WHERE t.tag = ?)"
        parsed.params.append(value)
    parsed.conditions.append(f"NOT {condition}" if negate else condition)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
