"""The spoken script: reading order, cues for code and tables, sentences, positions."""

from pathlib import Path

import pytest

from reader.extract import extract
from reader.listen.doctext import document_text
from reader.listen.script import Script, article_html, build_script, realign
from reader.listen.sentences import MAX_SENTENCE_CHARS, sentence_spans
from reader.load import load

VIEW = (
    '<html><body><p class="site">Example News</p>'
    '<h1 class="title">Lighthouses of the North</h1>'
    '<p class="meta">Ada Keeper &nbsp;·&nbsp; 3 min read</p><hr class="rule"/>'
    "<p>The first light was lit in 1820. Dr. Smith kept it for years! Was it worth it?</p>"
    "<h2>Keepers</h2>"
    "<ul><li>Ada, who wrote the logbook</li><li>Bram, who fixed the lens</li></ul>"
    '<div class="figure" align="center"><img src="a.png" width="10" height="10">'
    '<p class="caption">The lens in 1901.</p></div>'
    '<table class="code"><tr><td class="code"><pre>print("light")\nprint("dark")</pre>'
    "</td></tr></table>"
    '<table class="data"><tr><td>Year</td><td>Keeper</td></tr><tr><td>1820</td><td>Ada</td>'
    "</tr></table>"
    '<table class="quote"><tr><td class="quote-bar"></td><td class="quote-text">'
    "<p>Keep the light burning.</p></td></tr></table>"
    '<p>See <span class="missing-image">[image not saved: a map]</span> the map. Line one<br>'
    "line two</p></body></html>"
)


def spoken(script: Script) -> list[tuple[str, str]]:
    return [(u.kind, " ".join(u.text.split())) for u in script.utterances]


def test_reading_order_with_cues_for_code_and_tables() -> None:
    script = build_script(VIEW, "en")
    assert spoken(script) == [
        ("title", "Lighthouses of the North"),
        ("sentence", "The first light was lit in 1820."),
        ("sentence", "Dr. Smith kept it for years!"),
        ("sentence", "Was it worth it?"),
        ("heading", "Keepers"),
        ("item", "Ada, who wrote the logbook"),
        ("item", "Bram, who fixed the lens"),
        ("caption", "The lens in 1901."),
        ("cue", "Code block skipped."),
        ("cue", "Table skipped."),
        ("quote", "Keep the light burning."),
        ("sentence", "See the map."),
        ("sentence", "Line one"),
        ("sentence", "line two"),
    ]


def test_every_span_is_the_text_it_speaks() -> None:
    script = build_script(VIEW, "en")
    for utterance in script.utterances:
        if utterance.kind == "cue":
            continue
        shown = script.text[utterance.start : utterance.end]
        assert len(shown) == len(utterance.text)
        assert shown.replace("\n", " ").replace("\ufffc", " ") == utterance.text or (
            "[image not saved" in shown
        )


def test_cues_cover_the_whole_block_they_replace() -> None:
    script = build_script(VIEW, "en")
    code, table = [u for u in script.utterances if u.kind == "cue"]
    assert 'print("light")\nprint("dark")' in script.text[code.start : code.end]
    assert script.text[table.start : table.end].split() == ["Year", "Keeper", "1820", "Ada"]


def test_cues_speak_the_articles_language() -> None:
    script = build_script(VIEW, "fr-CA")
    assert [u.text for u in script.utterances if u.kind == "cue"] == [
        "Bloc de code omis.",
        "Tableau omis.",
    ]
    assert build_script(VIEW, "xx").utterances[8].text == "Code block skipped."
    assert build_script(VIEW, None).utterances[9].text == "Table skipped."


def test_paragraph_steps() -> None:
    script = build_script(VIEW, "en")
    texts = [u.text.strip() for u in script.utterances]
    dr = texts.index("Dr. Smith kept it for years!")
    assert texts[script.paragraph_start(dr, 0)] == "The first light was lit in 1820."
    assert texts[script.paragraph_start(dr, 1)] == "Keepers"
    assert texts[script.paragraph_start(dr, -1)] == "Lighthouses of the North"
    assert texts[script.paragraph_start(0, -5)] == "Lighthouses of the North"
    assert texts[script.paragraph_start(len(texts) - 1, 3)].startswith("See ")


def test_index_at_a_saved_position() -> None:
    script = build_script(VIEW, "en")
    keepers = next(u for u in script.utterances if u.text == "Keepers")
    assert script.utterances[script.index_at(keepers.start)] == keepers
    assert script.utterances[script.index_at(keepers.start + 3)] == keepers
    assert script.index_at(10**9) == len(script.utterances) - 1


def test_realign_moves_positions_onto_the_real_text() -> None:
    script = build_script(VIEW, "en")
    shifted = "XYZ" + script.text  # a view whose text differs from the prediction
    moved = realign(script, shifted)
    for before, after in zip(script.utterances, moved.utterances, strict=True):
        assert after.start == before.start + 3 and after.end == before.end + 3
    assert realign(script, script.text) is script


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("Mr. Brown met Dr. Who. Then left.", ["Mr. Brown met Dr. Who.", "Then left."]),
        ("J. R. R. Tolkien wrote it. Yes.", ["J. R. R. Tolkien wrote it.", "Yes."]),
        ("The U.S. of hypocrisy. Next.", ["The U.S. of hypocrisy.", "Next."]),
        ("Version 3.5 is out. Good.", ["Version 3.5 is out.", "Good."]),
        ("“Go home.” She left.", ["“Go home.”", "She left."]),
        ("e.g. this one. Or not.", ["e.g. this one.", "Or not."]),
        ("wait... and then. Done", ["wait... and then.", "Done"]),
        ("你好。我们走吧！好", ["你好。", "我们走吧！", "好"]),
        ("Line one\nline two", ["Line one", "line two"]),
    ],
)
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


def test_an_endless_sentence_is_cut_at_commas() -> None:
    text = "word, " * 200 + "end."
    spans = sentence_spans(text)
    assert len(spans) > 1
    assert all(b - a <= MAX_SENTENCE_CHARS for a, b in spans)
    assert " ".join(text[a:b] for a, b in spans).split() == text.split()


def test_seed_is_read_in_order(seed_path: Path) -> None:
    article = extract(load(str(seed_path)))
    script = build_script(article_html(article.title, article.content_html), article.lang)
    texts = [u.text.strip() for u in script.utterances]
    assert texts[0] == article.title
    assert texts[1].startswith("Secretary of State Antony Blinken warned")
    assert "Oops!" not in " ".join(texts)
    # every word of the story is spoken, in order, exactly once
    story = " ".join(texts[1:]).split()
    assert story == article.text.split()[: len(story)]
    assert len(story) >= article.word_count * 0.95


def test_empty_and_broken_html() -> None:
    assert build_script("", "en").utterances == ()
    assert document_text("<p>unclosed <b>bold").text == "unclosed bold"
