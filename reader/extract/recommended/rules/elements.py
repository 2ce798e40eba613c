"""Which elements may play which part in a story list (block, label, title, skipped)."""

from reader.extract.tags import HEADING_TAGS, NON_TEXT_TAGS

# Elements never holding recommended stories (menus, page furniture, non-content).
EXCLUDED_TAGS = NON_TEXT_TAGS | {
    "nav",
    "footer",
    "header",
    "menu",
    "form",
    "select",
    "button",
    "head",
}
# Tags whose class may name a block (inline/presentational tags never do).
BLOCK_TAGS = frozenset(
    {
        "div",
        "section",
        "aside",
        "ul",
        "ol",
        "dl",
        "table",
        "article",
        "span",
        "p",
        "li",
        "main",
        "figure",
        "tbody",
    }
)
# Tags that can hold a label-like heading ("<div class='title'>Most read</div>").
LABEL_TAGS = frozenset({"div", "span", "p", "strong", "b", "header", "legend", "dt", "em", "a"})
# Unclassed leaf elements read as a label: <div class="box"><span>Most popular</span><ul>...
BARE_LABEL_TAGS = frozenset({"span", "strong", "b", "div", "dt", "em", "legend", "figcaption"})
# The leading element of a paragraph that may hold an inline label ("<b>READ MORE:</b>").
LEAD_TAGS = frozenset({"strong", "b", "em", "i", "span", "u", "font"})
# Elements that may be an inline module ("READ MORE: <a>...</a>").
INLINE_MODULE_TAGS = frozenset({"p", "li", "div", "h3", "h4", "h5", "h6", "blockquote", "strong"})
# Parts of a link that are not its title: dates, hidden code, buttons.
SKIP_TEXT_TAGS = NON_TEXT_TAGS | {"time", "button"}
# The tags the candidate pass looks at; links, images, scripts, table cells and the like
# are skipped without building Python objects for them (that is most of the pass's cost).
# Links are left out: a third of all elements, and never blocks or labels themselves.
SCAN_TAGS = tuple(
    sorted((BLOCK_TAGS | LABEL_TAGS | INLINE_MODULE_TAGS | HEADING_TAGS | BARE_LABEL_TAGS) - {"a"})
)
# Of those, the ones read for text (paragraphs, headings, inline modules).
TEXT_TAGS = INLINE_MODULE_TAGS | HEADING_TAGS | {"a"}
# Page furniture whose class words are feature-flag soup ("NoMegaMenu", "hasSubnav").
ROOT_TAGS = frozenset({"html", "body"})
# Elements that may be a line of the story that is nothing but a link ("lines").
LINE_TAGS = ("p", "li")
# Boxes set into the story that may hold one other story's card ("inset", "referenced").
INSET_TAGS = ("aside",)
# Bullets around such a line's link ("» <a>...</a>", "- <a>...</a>").
LINE_BULLETS = " »›•·-–—>|*"
# A list's own punctuation after a line's link ("<li><a>Working with Widgets</a>.</li>").
LINE_END_MARKS = " .,;"
# Where a teaser's picture, time or paragraph shows an item is a card, not a bare link.
CARD_PART_TAGS = ("img", "time", "p", "picture")
# Elements that never hold a provider line.
MEDIA_TAGS = frozenset({"img", "time", "picture", "source"})
# What an ad slot holds (the ad is loaded into it): such an element is no "Ad" label.
AD_SLOT_TAGS = ("iframe", "script", "ins")
# Elements short enough to be an item's "Ad" label.
AD_LABEL_TAGS = frozenset({"span", "small", "em", "b", "strong", "div"})
# Elements that end a link's sentence context (a paragraph) or show there is none.
SENTENCE_TAGS = frozenset({"p", "blockquote"})
BOX_TAGS = frozenset({"li", "div", "section", "article", "td", "aside", "body"})
# Rules between the lists of a side column ("Moto News" ... <hr> "Book Reviews" ...).
DIVIDER_TAGS = frozenset({"hr"})
# A line without links this short between a column's lists is the next list's label.
MAX_DIVIDER_WORDS = 6
# Tags of a page column: a box of boxes (a menu is a list).
COLUMN_TAGS = frozenset({"div", "aside", "section", "td"})
