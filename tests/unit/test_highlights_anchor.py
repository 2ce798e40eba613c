"""Anchors find their words again: after text moved, spacing or punctuation changed, a
word was edited; repeated quotes by their context; and what is gone is None (detached)."""

from reader.highlights.anchors import Anchor, describe
from reader.highlights.attach import Matcher, attach, attach_all, reattach

STORY = (
    "Harbour notes\u2029"
    "The boats came in at dawn. The bakers had been up since four.\u2029"
    "By noon the market was full. The boats came in at dawn.\u2029"
    "Nobody expected the storm that followed the quiet morning on the coast."
)


def anchor_of(text: str, quote: str, occurrence: int = 0) -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    anchor = describe(text, start, start + len(quote))
    assert anchor is not None
    return anchor


def found(text: str, anchor: Anchor) -> str | None:
    place = attach(text, anchor)
    return None if place is None else text[place.start : place.end]


def test_an_anchor_is_the_quote_its_context_and_where_it_was() -> None:
    anchor = anchor_of(STORY, "The bakers had been up since four.")
    assert anchor.exact == "The bakers had been up since four."
    assert anchor.prefix.endswith("came in at dawn. ")
    assert anchor.suffix.startswith("\nBy noon")  # Qt's paragraph mark reads as a new line
    assert (anchor.start, anchor.end, anchor.length) == (
        STORY.index("The bakers"),
        STORY.index("The bakers") + 34,
        len(STORY),
    )


def test_a_selection_with_spaces_and_marks_around_it_is_trimmed() -> None:
    start = STORY.index("dawn.") + len("dawn.")  # a space, then the next sentence
    anchor = describe(STORY, start, STORY.index("\u2029By noon") + 1)
    assert anchor is not None
    assert anchor.exact == "The bakers had been up since four."
    assert describe(STORY, 0, 0) is None
    assert describe("a \u2029 \ufffc b", 1, 5) is None


def test_a_quote_is_found_where_its_words_moved() -> None:
    anchor = anchor_of(STORY, "Nobody expected the storm")
    moved = "A new introduction paragraph was added.\u2029" + STORY
    place = attach(moved, anchor)
    assert place is not None and place.how == "exact"
    assert moved[place.start : place.end] == "Nobody expected the storm"


def test_repeated_quotes_are_told_apart_by_their_context() -> None:
    second = anchor_of(STORY, "The boats came in at dawn.", occurrence=1)
    first = anchor_of(STORY, "The boats came in at dawn.", occurrence=0)
    edited = STORY.replace("Harbour notes", "Harbour notes, a longer title for the page")
    quote = "The boats came in at dawn."
    places = (edited.index(quote), edited.rindex(quote))
    for anchor, expected in zip((first, second), places, strict=True):
        place = attach(edited, anchor)
        assert place is not None and place.how == "context"
        assert place.start == expected


def test_the_position_decides_between_places_with_the_same_context() -> None:
    text = "Same words here. Other text. " * 3
    anchor = anchor_of(text, "Same words here.", occurrence=2)
    place = attach(text, anchor)
    assert place is not None and place.start == text.rindex("Same words here.")


def test_paragraphs_joined_or_split_keep_their_highlight() -> None:
    anchor = anchor_of(STORY, "The bakers had been up since four.\u2029By noon the market")
    assert anchor.exact == "The bakers had been up since four.\nBy noon the market"
    joined = STORY.replace("four.\u2029By", "four.   By")
    assert found(joined, anchor) == "The bakers had been up since four.   By noon the market"


def test_punctuation_and_quotes_may_change() -> None:
    anchor = anchor_of(STORY, "The bakers had been up since four.")
    curly = STORY.replace(
        "The bakers had been up since four.", "“The bakers” had been up since four!"
    )
    place = attach(curly, anchor)
    assert place is not None and place.how == "loose"
    # the quote's own closing period stands for the new "!"; no opening mark was quoted
    assert curly[place.start : place.end] == "The bakers” had been up since four!"
    quoted = anchor_of("He said: “Go home.” Then left.", "“Go home.”")
    place = attach("He said: 'Go home'. Then left.", quoted)
    assert place is not None
    assert "He said: 'Go home'. Then left."[place.start : place.end] == "'Go home'."


def test_a_loose_match_starts_and_ends_on_word_boundaries() -> None:
    anchor = anchor_of("Words about a cat here.", "a cat")
    assert found("See the concatenation.", anchor) is None


def test_a_word_changed_in_a_long_quote_is_found_by_the_fuzzy_match() -> None:
    anchor = anchor_of(STORY, "Nobody expected the storm that followed the quiet morning")
    edited = STORY.replace("the quiet morning", "the calm morning")
    place = attach(edited, anchor)
    assert place is not None and place.how == "fuzzy"
    assert edited[place.start : place.end] == (
        "Nobody expected the storm that followed the calm morning"
    )


def test_what_is_gone_is_detached() -> None:
    anchor = anchor_of(STORY, "Nobody expected the storm that followed the quiet morning")
    assert attach(STORY.split("\u2029Nobody")[0], anchor) is None
    short = anchor_of(STORY, "By noon")
    assert attach(STORY.replace("By noon", "At midday"), short) is None
    assert attach(STORY, Anchor(exact="  ")) is None


def test_a_quote_known_only_by_its_words_attaches_to_the_first_place() -> None:
    place = attach(STORY, Anchor(exact="The  boats came in\nat dawn."))
    assert place is not None and place.start == STORY.index("The boats")


def test_many_anchors_share_one_folded_text() -> None:
    anchors = [anchor_of(STORY, "By noon"), Anchor(exact="missing words entirely")]
    results = attach_all(STORY, anchors)
    assert results[0] is not None and results[1] is None
    matcher = Matcher(STORY)
    assert matcher.attach(anchors[0]) == results[0]


def test_reattach_describes_each_anchor_afresh_in_the_new_text() -> None:
    anchor = anchor_of(STORY, "The bakers had been up since four.")
    new_text = "Intro.\u2029" + STORY.replace("up since four.", "up since four!")
    (result, missing) = reattach(STORY, new_text, [anchor, Anchor(exact="not there at all")])
    assert missing is None
    assert result is not None
    assert result.anchor.exact == "The bakers had been up since four!"
    assert result.anchor.start == new_text.index("The bakers")
    assert result.anchor.length == len(new_text)
    assert result.anchor.prefix.endswith("came in at dawn. ")
