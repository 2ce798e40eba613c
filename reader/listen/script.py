"""The spoken script of an article: what the voice says, in reading order, and where.

Each Utterance carries the span of the reading view's text it stands for (document
positions, see doctext), so the window can highlight the sentence being spoken and keep it
in view. Headings, list items, quotations and captions are spoken where they stand; a code
block or a table is replaced by a short cue, its whole span highlighted meanwhile; images
and the header's site and byline line are passed over.
"""

import html as html_lib
import re
from dataclasses import dataclass, replace

from reader.listen.doctext import OBJECT, Block, DocumentText, document_text
from reader.listen.sentences import sentence_spans

SPOKEN_KINDS = frozenset({"title", "heading", "paragraph", "item", "quote", "caption"})
CUE_KINDS = frozenset({"code", "table"})
# What the voice says instead of a code block or a table, by the article's language.
CUES: dict[str, dict[str, str]] = {
    "en": {"code": "Code block skipped.", "table": "Table skipped."},
    "fr": {"code": "Bloc de code omis.", "table": "Tableau omis."},
    "de": {"code": "Codeblock übersprungen.", "table": "Tabelle übersprungen."},
    "es": {"code": "Bloque de código omitido.", "table": "Tabla omitida."},
    "it": {"code": "Blocco di codice saltato.", "table": "Tabella saltata."},
    "pt": {"code": "Bloco de código ignorado.", "table": "Tabela ignorada."},
    "nl": {"code": "Codeblok overgeslagen.", "table": "Tabel overgeslagen."},
}
DEFAULT_CUE_LANGUAGE = "en"
# Characters shown but not read: an image's placeholder and Qt's own separators. Replaced
# by spaces (not removed) so an offset in the spoken text is an offset in the view's text.
_UNSPOKEN = str.maketrans({OBJECT: " ", "\n": " "})
# What may stand between two words of a sentence in the real text: spaces, an image
# placeholder ("[image not saved: ...]").
_GAP = r"(?:\s|\[[^\]\n]{0,200}\])+"


@dataclass(frozen=True)
class Utterance:
    """One thing the voice says. ``start``/``end``: the span of the view's text to
    highlight; ``paragraph``: the number of the block it belongs to (for "next paragraph").
    When ``kind`` is not "cue", ``text`` has exactly the span's length, so a word the engine
    reports at offset i of ``text`` is at position start + i of the view."""

    text: str
    start: int
    end: int
    kind: str  # title, heading, sentence, item, quote, caption, cue
    paragraph: int


@dataclass(frozen=True)
class Script:
    """Everything to be spoken, in order, and the view's text the positions refer to."""

    utterances: tuple[Utterance, ...]
    text: str
    lang: str | None = None

    def index_at(self, position: int) -> int:
        """The utterance at a view position (a saved listening position), or the next one."""
        for index, utterance in enumerate(self.utterances):
            if utterance.end > position:
                return index
        return max(0, len(self.utterances) - 1)

    def paragraph_start(self, index: int, step: int) -> int:
        """The first utterance of the paragraph ``step`` paragraphs away from ``index``'s
        (step 0: the start of its own paragraph); clamped to the script."""
        if not self.utterances:
            return 0
        index = max(0, min(index, len(self.utterances) - 1))
        target = self.utterances[index].paragraph + step
        paragraphs = sorted({u.paragraph for u in self.utterances})
        target = max(paragraphs[0], min(target, paragraphs[-1]))
        if step < 0:
            target = max(p for p in paragraphs if p <= target)
        elif step > 0:
            target = min(p for p in paragraphs if p >= target)
        return next(i for i, u in enumerate(self.utterances) if u.paragraph >= target)


def build_script(view_html: str, lang: str | None = None) -> Script:
    """The script of the HTML the reading view shows (header included)."""
    return script_from_text(document_text(view_html), lang)


def article_html(title: str, content_html: str) -> str:
    """View-like HTML for an article outside the window (the CLI): the title, then the
    story. The positions of such a script are not used; the words and order are."""
    return (
        f'<html><body><h1 class="title">{html_lib.escape(title)}</h1>{content_html}</body></html>'
    )


def script_from_text(document: DocumentText, lang: str | None = None) -> Script:
    cues = CUES.get(language_code(lang), CUES[DEFAULT_CUE_LANGUAGE])
    utterances: list[Utterance] = []
    spoken = _silence(document)
    for number, block in enumerate(document.blocks):
        if block.kind in CUE_KINDS:
            utterances.append(Utterance(cues[block.kind], block.start, block.end, "cue", number))
        elif block.kind in SPOKEN_KINDS:
            utterances.extend(_sentences(spoken, block, number))
    return Script(tuple(utterances), document.text, lang)


def _silence(document: DocumentText) -> str:
    """The view's text with what is not read (placeholders, separators) blanked out."""
    text = document.text.translate(_UNSPOKEN)
    for start, end in document.silent:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _sentences(spoken: str, block: Block, number: int) -> list[Utterance]:
    kind = "sentence" if block.kind == "paragraph" else block.kind
    segment = block.text  # sentence ends are found on the text as shown (newlines kept)
    result = []
    for start, end in sentence_spans(segment):
        text = spoken[block.start + start : block.start + end]
        if text.strip() and any(ch.isalnum() for ch in text):
            result.append(Utterance(text, block.start + start, block.start + end, kind, number))
    return result


def language_code(lang: str | None) -> str:
    """ "en-GB", "pt_BR", "EN" -> "en"; "" or None -> ""."""
    return (lang or "").replace("_", "-").split("-")[0].strip().casefold()


def realign(script: Script, actual_text: str) -> Script:
    """The same script with its positions moved onto ``actual_text`` (the view's real text)
    when the prediction missed: each utterance is found in order after the previous one.

    Cues keep their span shifted by the offset of the last utterance found before them."""
    if actual_text == script.text:
        return script
    flat = actual_text.translate(_UNSPOKEN)
    moved: list[Utterance] = []
    cursor = 0
    shift = 0
    for utterance in script.utterances:
        if utterance.kind == "cue":
            start = max(cursor, utterance.start + shift)
            end = max(start, min(len(actual_text), utterance.end + shift))
            moved.append(replace(utterance, start=start, end=end))
            continue
        match = _find(flat, utterance.text, cursor)
        if match is None:
            moved.append(replace(utterance, start=cursor, end=cursor))
            continue
        start, end = match
        shift = start - utterance.start
        moved.append(replace(utterance, start=start, end=end))
        cursor = end
    return Script(tuple(moved), actual_text, script.lang)


def _find(text: str, wanted: str, cursor: int) -> tuple[int, int] | None:
    """The span of ``wanted``'s words in ``text`` after ``cursor``, whatever the spacing
    between them (and a bracketed placeholder among them), or None."""
    found = text.find(wanted, cursor)
    if found >= 0:
        return found, found + len(wanted)
    words = wanted.split()
    if not words:
        return None
    pattern = _GAP.join(re.escape(word) for word in words)
    match = re.compile(pattern).search(text, cursor)
    return (match.start(), match.end()) if match else None
