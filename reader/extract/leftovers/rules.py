"""The leftovers a reading view must not show, as data (reader.extract.leftovers applies them).

Each rule names what it removes and why a reader would call it noise; the words are matched
after folding (case, punctuation and spacing ignored).
"""

import re

# Classes that hide text from the eye and keep it for screen readers ("Photo", "Image",
# "Credit" labels, "Opens in a new window"). Classes a page's own CSS hides the same way
# (clip to nothing, one pixel square) are found in its style sheets (hidden.py).
SCREEN_READER_CLASSES = frozenset(
    {
        "sr-only",
        "sr-text",
        "visually-hidden",
        "visuallyhidden",
        "is-visually-hidden",
        "u-visually-hidden",
        "hidden-visually",
        "screen-reader-text",
        "screen-reader-only",
        "screenreader-only",
        "screenreader",
        "element-invisible",
        "a11y-hidden",
        "assistive-text",
        "show-for-sr",
        "offscreen",
        "vh",
    }
)

# Lines that tell a browser's reader to scroll past an advertisement or a widget.
CONTINUE_PHRASES = frozenset(
    {
        "continue reading the main story",
        "continue reading below",
        "continue reading below advertisement",
        "article continues below",
        "article continues below advertisement",
        "story continues below",
        "story continues below advertisement",
        "skip advertisement",
        "advertisement continue reading below",
    }
)

# Lines that tell a reader to click a picture to see it larger: a control of the page's
# picture viewer, which the reading view does not have; not a caption. Alone on a line
# (folded), or a caption's last sentence (ENLARGE_SENTENCE: the caption itself stays).
# CleanEval tuning final_88 loses four such lines, snippets netzpolitik its caption's hint;
# no page lower anywhere.
ENLARGE_LINES = frozenset(
    {
        "click to enlarge",
        "click to enlarge image",
        "click here to enlarge",
        "click here to enlarge image",
        "click image to enlarge",
        "click on image to enlarge",
        "click on the image to enlarge",
        "click for larger image",
        "vergrößern",
        "bild vergrößern",
        "zum vergrößern klicken",
        "zum vergrößern auf das bild klicken",
        "klicken zum vergrößern",
        "cliquez pour agrandir",
        "agrandir l image",
    }
)
# the longest of both: a longer line is neither (reader.extract.text.fold_within)
CONTINUE_LINE_CHARS = max(map(len, CONTINUE_PHRASES | ENLARGE_LINES))
ENLARGE_SENTENCE = re.compile(
    r"\(?(?:zum vergrößern (?:auf das bild )?klicken|klicken zum vergrößern|"
    r"click (?:here |on )?(?:the )?(?:image )?to enlarge(?: image)?)[.!]?\)?\s*$",
    re.I,
)

# Links that work the page, not the story: print it, go back, share it, read it on one
# page. Dropped when nothing else stands on their line (the same word inside a sentence
# is the story's).
PAGE_CONTROL_TEXTS = frozenset(
    {
        "back",
        "go back",
        "back to top",
        "back to overview",
        "print",
        "print this page",
        "print article",
        "share this article",
        "share this story",
        "zurück",
        "zurück zur übersicht",
        "zurück zur listenansicht",
        "zurück zur startseite",
        "zur startseite",
        "nach oben",
        "drucken",
        "seite drucken",
        "artikel drucken",
        "weiterempfehlen",
        "artikel teilen",
        "auf einer seite lesen",
        "artikel auf einer seite lesen",
        "retour",
        "imprimer",
        "volver",
        "imprimir",
    }
)

# A link inside a heading that only points at the heading itself: "#", "¶", "§", "🔗".
PERMALINK_TEXTS = frozenset({"", "#", "¶", "§", "🔗", "⚓", "link", "permalink", "anchor"})
# Section-editing controls of wikis ("History[edit]").
EDIT_SECTION_CLASSES = frozenset({"mw-editsection", "editsection"})

# Wikipedia-style notes above the text ("For other uses, see ...", "Main article: ...",
# "This section needs expansion"): navigation and maintenance, never the article.
HATNOTE_CLASSES = frozenset({"hatnote", "dablink", "rellink", "ambox", "mbox-small"})
HATNOTE_IDS = frozenset({"coordinates"})
# A box of facts that opens an encyclopedia article: moved below the first paragraph, as
# the mobile Wikipedia does, so the reader starts with prose.
INFOBOX_CLASSES = frozenset({"infobox", "infobox_v2", "infobox_v3"})
INFOBOX_TAGS = ("table", "div", "aside")
TOP_BLOCKS = 6  # an opening infobox sits among the first few blocks

# A picture's credit: set apart from its caption (on a line of its own, small), or dropped
# when it is a bare name with nothing saying what it credits ("Kevin").
CREDIT_FEATURES = re.compile(r"credit|copyright|photographer|attribution|image-source", re.I)
CREDIT_ITEMPROPS = frozenset({"copyrightholder", "creator", "author"})
CREDIT_WORDS = re.compile(
    r"photo|image|picture|credit|illustration|graphic|video|courtesy|source|©|\(c\)|getty|"
    r"reuters|afp|\bap\b|shutterstock|alamy|epa|pa media|/",
    re.I,
)
DANGLING_CREDIT_MAX_WORDS = 3
CAPTION_LIST_MAX_WORDS = 60  # a one-item list after a figure: its caption, not a list

# A paragraph that is nothing but a link to another story, standing between paragraphs of
# prose ("Five things we learned from Obama interview", "Related: Chicago is America's most
# segregated city"): the page's own "read this too". Such lines move to a list at the end
# of the story, so the prose reads on and no link is lost.
STORY_LINK_LABELS = re.compile(
    r"^\W{0,2}(?:related|read|read more|read also|also read|see also|more|watch|video|"
    r"photos?|gallery|opinion|ireport|listen|analysis|explainer)\s*:",
    re.I,
)
STORY_LINK_MIN_WORDS = 6  # a lone unlabelled line: a headline, not a name or a label
STORY_LINK_RUN_MIN_WORDS = 4  # each line of a run of two or more
STORY_LINK_MAX_WORDS = 20
NOT_STORY_LINK = re.compile(r"^(?:table|figure|fig\.|chart|map|appendix|exhibit)\s*\d", re.I)
PROSE_MIN_WORDS = 12  # the paragraphs around it must be prose, not another list of links

# A label that points the reader at another story, standing before a line's one link
# ("Lea también: <a>…</a>", "Read more: <a>…</a>", "Leia mais: <a>…</a>"): the line is the
# page's own recommendation, not story text. It leaves the story and joins the page's
# recommended stories (the sidebar), so no link is lost. Folded, without the colon.
READ_ALSO_LABELS = frozenset(
    {
        # English
        "read more",
        "read also",
        "also read",
        "read",
        "read next",
        "related",
        "related story",
        "related article",
        "see also",
        "more",
        "recommended",
        "don t miss",
        # Spanish
        "lea",
        "lea también",
        "lea además",
        "lea más",
        "lee",
        "lee también",
        "lee además",
        "lee más",
        "leer más",
        "vea",
        "vea también",
        "ve también",
        "mira",
        "mira también",
        "te puede interesar",
        "también te puede interesar",
        "le puede interesar",
        "ver también",
        "más información",
        "noticia relacionada",
        "relacionado",
        # Portuguese
        "leia",
        "leia mais",
        "leia também",
        "veja também",
        "saiba mais",
        # German
        "lesen sie auch",
        "lesen sie mehr",
        "lesen sie hier",
        "auch interessant",
        "mehr zum thema",
        "mehr dazu",
        "weiterlesen",
        "siehe auch",
        "das könnte sie auch interessieren",
        # French
        "lire aussi",
        "à lire aussi",
        "a lire aussi",
        "lire également",
        "à lire également",
        "voir aussi",
        # Italian
        "leggi anche",
        "leggi",
        # Dutch
        "lees ook",
        "lees meer",
        # Polish
        "czytaj też",
        "czytaj także",
        "czytaj więcej",
        "zobacz też",
        "zobacz także",
    }
)
READ_ALSO_MIN_LINK_WORDS = 3  # the link names a story: a headline, not "here"
# ...or the label on a line of its own and then only links, one a line ("Siehe auch<br>
# <a>…</a><br><a>…</a>"): the page's list of its other stories, written into a paragraph.
# Snippets tuning: nesselsetzer's eight "Siehe auch" links leave the story.
READ_ALSO_LIST_MIN = 2

# The story's last line is a short label ending in a colon ("Lesen Sie auch die folgenden
# Beiträge:", "Zum Weiterlesen:", "Mehr Themen:") and nothing follows it: what it
# introduced (a list of other stories, a widget) was left out, so it introduces nothing.
DANGLING_LABEL_MAX_WORDS = 8

# The outlet's call to follow it elsewhere, as the story's last lines ("Follow The Gleaner
# on Twitter…", "Get the latest news straight to your phone with the … app.", "¡Mira lo que
# tiene nuestro canal de YouTube!", "…? Sign up here"): an advertisement for the site, not
# the story. The line opens with the call (after at most a question or "For the latest
# news …"): a writer's bio ending "… Follow him on Twitter" is the story's, as Mozilla's and
# Dragnet's golds keep it. It names a channel to follow (a sign-up names its own), and the
# outlet speaks: "our" / "nuestro", or the site's name (og:site_name, the address's name),
# never only the writer's ("Follow Agam on Twitter", which Dragnet's gold keeps).
# Snippets tuning split: 7 of 110 unwanted lines gone (6 pages); Dragnet tuning 175 +0.012,
# 495 +0.019 word F1; no page lower on any corpus.
PROMO_CALL = re.compile(
    r"^(?:(?:[^.!?]|\.\S)*\?\s|for (?:the latest|more)\b[^.!?]*?\s)?\W*"
    r"(?:follow|download|get|join|subscribe|sign up|únete|unete|síguenos|siguenos|sigue|mira|"
    r"suscríbete|suscribete|descarga|folgen sie|abonnieren sie)\b",
    re.I,
)
PROMO_SIGN_UP = re.compile(r"\b(?:subscribe|sign up|suscríbete|suscribete|abonnieren)\b", re.I)
PROMO_CHANNELS = re.compile(
    r"\b(?:apps?|telegram|whatsapp|youtube|instagram|twitter|facebook|tiktok|newsletter|canal|"
    r"channel|edition)\b",
    re.I,
)
PROMO_OUTLET_WORDS = re.compile(
    r"\b(?:our|nuestro|nuestra|nuestros|nuestras|tenemos|unser|unsere|unseren|unserem|notre)\b",
    re.I,
)
PROMO_NAME_MIN_CHARS = 4  # a site's name long enough not to turn up inside other words
PROMO_MAX_WORDS = 40  # a line or two: a call, not a paragraph of the story
PROMO_LAST_LINES = 3  # the outlet signs off in a line or a few, after the story

# The line a blog theme sets under a post ("This entry was posted in Travel and tagged
# ferries by Kim. Bookmark the permalink."; WordPress's default themes, in its translations):
# the blog's filing, not the story. Folded openings; the line is short and links to the
# blog's categories or tags (rel="category tag", as the themes write it). Dragnet's golds
# never keep it: tuning pages R47 +0.020, R466 +0.009 word F1; no page lower anywhere.
POST_META_OPENINGS = (
    "this entry was posted in",
    "this entry was posted on",
    "dieser eintrag wurde veröffentlicht",
    "ce billet a été publié",
    "cette entrée a été publiée",
    "esta entrada fue publicada",
    "questa voce è stata pubblicata",
)
POST_META_MAX_CHARS = 400
# The theme may set the writer's box in the same footer, after the line ("About Kim", a
# short bio): the footer goes whole, up to this size (a bio, not a chapter of the story).
# Snippets tuning: knowledge-on-air's filing line and bio gone; no page lower anywhere.
POST_META_BOX_MAX_CHARS = 1200

# The count of readers' comments left under the story when the thread itself stayed out
# ("0 Kommentare", "No comments yet", "Dieser Artikel hat 32 Kommentare.", "Kommentare lesen
# und schreiben, hier klicken"): the heading of a thread that is not there. The whole line
# says it (a quote ending "No comment, said the mayor." is the story's); only the story's
# last lines, from the last up. Snippets tuning: petri-heil's line gone; Dragnet held-out
# +0.002 word F1; no page lower anywhere.
_COMMENTS = r"(?:comments|kommentare|commentaires|comentarios|commenti|reacties)"
_COMMENT = r"(?:comments?|kommentare?|commentaires?|comentarios?|commenti|commento|reacties)"
COMMENT_COUNT_LINE = re.compile(
    r"^\W*(?:(?:\d+\s+"
    + _COMMENT
    + r"|(?:no|keine|noch keine|aucun|sin|nessun)\s+"
    + _COMMENTS
    + r")(?:\s+(?:yet|vorhanden|bisher))?\s*(?:\([^()]*\))?\W*$|"
    r"(?:this (?:article|post|story) has|dieser (?:artikel|beitrag) hat)\s+\d+\s+"
    + _COMMENT
    + r"\W*$|"
    r"(?:comments?|kommentare?)\s*(?:\(\d+\)\W*$|lesen\b|anzeigen\b))",
    re.I,
)
COMMENT_COUNT_MAX_WORDS = 12

# The site's note that its links earn it money ("This post may contain affiliate links…",
# "Für Links auf dieser Seite erhält CHIP ggf. eine Provision vom Händler"): the business
# behind the page, told on every page, not the story. A short line naming this page and
# the money both; an article about affiliate marketing talks of others' pages. Snippets
# tuning: chip.de's two notes gone; no page lower anywhere.
AFFILIATE_PAGE = re.compile(
    r"\b(?:this (?:post|page|article|site)|links on this|dieser (?:seite|artikel|beitrag)|"
    r"diesem (?:artikel|beitrag)|diese seite)\b",
    re.I,
)
AFFILIATE_MONEY = re.compile(r"\b(?:affiliate[- ]?links?|commission|provision)\b", re.I)
AFFILIATE_MAX_WORDS = 50

# The post's tags on a line of their own ("Tags: ferries, harbour, winter", "Filed under:
# Travel", "Schlagwörter: …"): labelled links to the site's tag or category pages, its
# filing, not the story. The label opens the line and links make up the rest of it (a
# sentence of the story that starts "Keywords:" is not a row of links). Dragnet's golds
# never keep it (10 tuning pages); CleanEval's keep a directory's "CATEGORIES:" rows, so
# categories are not named.
TAG_LINE_LABEL = re.compile(
    r"^\W*(?:tags?|tagged(?: with| as)?|keywords|schlagw[öo]rter|schlagworte|stichw[öo]rter|"
    r"stichworte|etiquetas|mots[- ]cl[ée]s|filed under|posted in|abgelegt unter)\s*:",
    re.I,
)
TAG_LINE_MAX_WORDS = 40  # a row of tags, not a paragraph
TAG_LINE_LINK_SHARE = 0.8  # of the letters after the label, those in links
