"""Reader's cheaper stand-ins for readability-lxml's steps decide exactly as readability's
own, and the short-text tests answer as the full fold / squash would (the speed work of
issue 13 changed no output): each on markup written for the test, with the cases where a
shortcut could differ (paragraphs of exactly 300 characters, runs of whitespace, capitals
and non-ASCII letters in class names)."""

import lxml.html
from readability import Document

from reader.extract import normalize, readability_alike, story
from reader.extract.text import fold, fold_within, squash, squash_within

CLASSES = (
    "comment-list",
    "Sidebar",
    "SIDEBAR main",
    "footer article",
    "ſidebar",  # a long s: readability's re.I matches it as "sidebar"
    "kommentär-box",
    "nav-menu",
    "ad-break",
    "entry-content",
    "",
)


def page() -> str:
    """Boxes named every which way, each with paragraphs of awkward lengths and spacing."""
    texts = (
        "x" * 299 + ",",  # 300 characters: readability's score is 3.0 here...
        "y" * 301,  # ...and 3 past it
        "Words,  with   runs\n\n of \t whitespace,\u00a0\u00a0and commas, " * 12,
        "short, but long enough",
        "A paragraph of a plain sentence, with a comma, that is long enough to score.",
        "\u2003" * 300 + "wide spaces, " * 30,
    )
    boxes = "".join(
        f'<div class="{name}" id="box{n}"><p>{texts[n % len(texts)]}</p>'
        f"<p>{texts[(n + 1) % len(texts)]}</p><pre>{texts[(n + 2) % len(texts)]}</pre></div>"
        for n, name in enumerate(CLASSES)
    )
    cells = f"<td>{''.join(texts)}</td><td><blockquote>{texts[2]}</blockquote></td>"
    table = f"<table><tr>{cells}</tr></table>"
    return f"<html><body><div id='page'>{boxes}{table}</div></body></html>"


def document() -> Document:
    def fresh() -> lxml.html.HtmlElement:
        root = normalize.parse(page())
        normalize.prune(root)
        return root

    made = story._document_class()(fresh(), fresh)
    made._html()
    return made


def test_paragraph_scores_are_readabilitys() -> None:
    ours, theirs = document(), document()
    ours._link_lengths = theirs._link_lengths = {}
    mine = readability_alike.paragraph_scores(ours)
    readabilitys = Document.score_paragraphs(theirs)
    assert [e.get("id") or e.tag for e in mine] == [e.get("id") or e.tag for e in readabilitys]
    assert [c["content_score"] for c in mine.values()] == [
        c["content_score"] for c in readabilitys.values()
    ]


def test_unlikely_candidates_go_as_readability_drops_them() -> None:
    ours, theirs = document(), document()
    ours._remove_unlikely_candidates()
    Document.remove_unlikely_candidates(theirs)
    assert lxml.html.tostring(ours.html) == lxml.html.tostring(theirs.html)
    kept = {e.get("class") for e in ours.html.iter("div")}
    assert "ſidebar" not in kept and "SIDEBAR main" in kept  # both rules held


def test_class_weight_is_readabilitys() -> None:
    ours = document()
    for elem in ours.html.iter():
        assert ours.class_weight(elem) == Document.class_weight(ours, elem)


def test_short_text_tests_answer_as_the_full_fold_and_squash() -> None:
    texts = [
        "Continue reading the main story",
        "  Continue\n reading   the main story  ",
        "Continue reading the main story " * 40,
        "." * 500 + "Click to enlarge",  # a long start that folds to nothing
        " " * 500 + "Click to enlarge",
        "İstanbul " * 5,
        "",
    ]
    for text in texts:
        for longest in (0, 16, 40, 300):
            folded, squashed = fold(text), squash(text)
            assert fold_within(text, longest) == (folded if len(folded) <= longest else None)
            assert squash_within(text, longest) == (squashed if len(squashed) <= longest else None)
