"""Where sentences end: the rules as data, the cutting as one small function.

A sentence ends at . ! ? … (or 。！？ in Chinese and Japanese text), after any closing
quotes and brackets, when a space and then something other than a lower-case letter
follows. Abbreviations, initials and dotted acronyms ("Dr.", "J.", "U.S.") do not end a
sentence. Spans are returned rather than strings so each piece keeps its place.
"""

import re

# Words that end with a period without ending the sentence (compared case-insensitively,
# without their period). Titles, common Latin, months and corporate forms in the languages
# Reader's corpora hold most.
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "gov",
        "sen", "rep", "rev", "hon", "pres", "sgt", "lt", "col", "capt", "cmdr", "adm",
        "vs", "etc", "e.g", "i.e", "cf", "al", "approx", "ca", "inc", "ltd", "co", "corp",
        "no", "nos", "vol", "vols", "fig", "figs", "p", "pp", "ch", "sec", "ed", "eds",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "dept", "univ", "assn", "bros",
        "av", "ave", "blvd", "rd", "mme", "mlle", "m", "bzw", "usw", "vgl", "z.b", "d.h",
        "sra", "srta", "dra", "núm", "pág",
    }
)  # fmt: skip
TERMINALS = ".!?…‽"
CJK_TERMINALS = "。！？"
CLOSERS = "\"'’”»)]}›"
# An utterance longer than this is cut at its last comma, semicolon or dash before it,
# so a highlight never covers half a screen and the voice never waits long to start.
MAX_SENTENCE_CHARS = 400
_SOFT_BREAKS = re.compile(r"[,;:—–]\s|\s[—–]\s")

_END = re.compile(
    rf"[{re.escape(TERMINALS)}]+[{re.escape(CLOSERS)}]*(?=\s)"
    rf"|[{CJK_TERMINALS}]+[{re.escape(CLOSERS)}」』]*"
)
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of one paragraph as (start, end) spans of ``text``, spaces trimmed.

    Line breaks inside a paragraph (a <br>, shown as a newline) always end a sentence."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        for start, end in _line_sentences(line):
            spans.extend(_limit(text, line_start + start, line_start + end))
        line_start += len(line) + 1
    return spans


def _line_sentences(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(line):
        end = match.end()
        if match.group()[0] == "." and _is_abbreviation(line[: match.start() + 1]):
            continue
        following = line[end:].lstrip()
        if following and following[0].islower():
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(line)))
    return [trimmed for span in spans if (trimmed := _trim(line, *span)) is not None]


def _is_abbreviation(before: str) -> bool:
    """Does the text up to and including a period end with an abbreviation or initial?"""
    match = _WORD_BEFORE.search(before)
    if match is None:
        return False
    word = match.group(1)
    if word.casefold() in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. R. R. Tolkien"
    return "." in word and all(len(part) <= 2 for part in word.split("."))  # "U.S", "e.g"


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _limit(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence at soft breaks (then at spaces) into pieces that fit."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start : start + MAX_SENTENCE_CHARS]
        breaks = [m.end() for m in _SOFT_BREAKS.finditer(window) if m.end() > 40]
        cut = breaks[-1] if breaks else window.rfind(" ")
        if cut <= 0:
            cut = MAX_SENTENCE_CHARS
        piece = _trim(text, start, start + cut)
        if piece is not None:
            pieces.append(piece)
        start += cut
    piece = _trim(text, start, end)
    if piece is not None:
        pieces.append(piece)
    return pieces
