"""Phrases of block headings and in-article labels, in every language capture reads.

Texts are compared lowercased with collapsed whitespace and curly quotes straightened.
"""

# --- Block headings ---------------------------------------------------------------------
# The phrases that introduce a block: heading_prefixes.HEADING_PREFIXES.
# Headings that look like the above but never introduce stories.
HEADING_REJECTS: tuple[str, ...] = (
    "related topics",
    "related tags",
    "related searches",
    "related search",
    "related links",
    "related videos",
    "related video",
    "related products",
    "related questions",
    "trending topics",
    "trending tags",
    "trending searches",
    "popular tags",
    "popular topics",
    "popular searches",
    "popular categories",
    "popular products",
    "popular questions",
    "popular videos",
    "popular pages",
    "popular threads",
    "popular discussions",
    "popular destinations",
    "more from the author",
    "latest videos",
    "latest comments",
    "recent comments",
    # other blogs' posts that link to this one: talk about the post, not its stories
    "recent trackbacks",
    "recent pingbacks",
    "top comments",
    "more comments",
    "read more comments",
    "more to follow",
    "related internet links",
    "explore more on these topics",
    "explore more topics",
    "more on these topics",
    "recent searches",
    "recent activity",
    "recently viewed",
    "recent videos",
    "related external links",
    "related sites",
    "related resources",
    "related documents",
    "related files",
    "related terms",
    "related people",
    "related events",
    "related podcasts",
    # a journal article's tools: the paper in scholarly indexes, "E-mail to a friend"
    "related literature",
    "features of",
    "features include",
    "featured in",
    "featured on",
    "featured products",
    "featured deals",
    "featured videos",
    "featured video",
    "featured topics",
    "featured jobs",
    "featured advertiser",
    "advertiser links",
    "ads by google",
    "featured events",
)

# Labels of the form "More <topic> News", "More Sports Stories": a topic between "more"
# and a word for stories (matched on the whole lowercased label).
HEADING_PATTERNS: tuple[str, ...] = (
    r"more( [\w&'-]+){1,3} (news|stories|articles|headlines|posts|reads)",
    r"(latest|recent|top|popular|trending)( [\w&'-]+){1,2} (news|stories|articles|headlines|posts)",
    r"(most|recently) (read|viewed|popular|shared|commented|emailed)( [\w&'-]+){0,3}",
)
# A short label naming a series or a topic by its last word ("Bird Flu Posts", "Lakoff
# Posts" over a Blogger sidebar's lists): two to four words, unless a word says it is a
# pager's link, a feed or an archive ("Older Posts", "Calendar of Posts").
TOPIC_LIST_ENDS: tuple[str, ...] = ("posts", "articles", "stories")
TOPIC_LIST_WORDS = range(2, 5)
TOPIC_LIST_REJECT_WORDS = frozenset(
    {"older", "newer", "next", "no", "all", "subscribe", "your", "calendar", "archive", "index"}
)
# Headings in scripts without spaces name their list anywhere in a short label
# ("48小时点击排行": "48-hour click ranking"; "热点 推荐": "hot picks").
CJK_HEADING_WORDS: tuple[str, ...] = (
    "排行",
    "推荐",
    "推薦",
    "热点",
    "熱點",
    "热门",
    "熱門",
    "相关",
    "相關",
    "最新",
    "阅读",
    "閱讀",
    "ランキング",
    "おすすめ",
    "関連",
    "人気",
    "新着",
    "기사",
    "인기",
)
# Longest heading text in such scripts (characters).
MAX_CJK_HEADING_CHARS = 16

# Words of headings over lists of media, not stories ("Featured Photo Galleries",
# "Most watched", "Latest videos"): such a heading never introduces stories.
MEDIA_LIST_WORDS: tuple[str, ...] = (
    "video",
    "videos",
    "watched",
    "photos",
    "gallery",
    "galleries",
    "podcast",
    "podcasts",
    "clips",
)

# Lead words of a clip's or a gallery's title ("Video: ...", "PHOTOS: ...").
MEDIA_TITLE_LEADS = frozenset(
    {"video", "videos", "watch", "photo", "photos", "gallery", "slideshow", "audio", "podcast"}
)

# Longest heading text considered (words): longer text is a sentence, not a label.
MAX_HEADING_WORDS = 9
# Open-ended headings ("More from <section>", "Plus de <rubrique>") name something short.
MAX_OPEN_HEADING_WORDS = 8  # "More from Priya Raman and Dev Notes"
# Characters before a label's words ("» Most read", "- Related -").
LEAD_CHARS = " \t\r\n:»›>|-–—【「[("
# Characters around a heading's words, stripped before matching.
HEADING_STRIP_CHARS = " :»›>|-–—【】「」[]()"
# Characters around a link text that is a label ("See all »", "More…").
LABEL_TITLE_STRIP_CHARS = " »›>.…"
# Pointers a card sets before or after its title ("Natural Beauty »", "› Weather"), and the
# opening quotes that make a closing "»" part of the title ("«La vie»").
TITLE_POINTER_CHARS = "»›→▸>"
OPENING_QUOTES = "«‹"

# --- In-article modules ------------------------------------------------------------------
# A short paragraph that starts with one of these labels and holds links is a module of
# stories inside the article ("READ MORE: <a>...</a>"). Compared case-insensitively.
INLINE_PREFIXES: tuple[str, ...] = (
    "related:",
    "related stories:",
    "related coverage:",
    "related content:",
    "related article:",
    "related articles:",
    "related reading:",
    "related post:",
    "related posts:",
    "read more:",
    "read more -",
    "read more >>",
    "read more»",
    "read more »",
    "read also:",
    "also read:",
    "read next:",
    "more:",
    "see also:",
    "learn more:",
    "further reading:",
    "also on ",
    "also see:",
    "don't miss:",
    "don't miss",
    "do not miss:",
    "recommended:",
    "watch:",
    "more on this:",
    "more on this story:",
    "click here to read more",
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "voir aussi",
    "mehr zum thema",
    "lesen sie auch",
    "lesen sie mehr",
    "auch interessant",
    "te puede interesar",
    "lee también",
    "lea también",
    "también lea:",
    "también lea",
    "leer más",
    "leia também",
    "leia mais",
    "veja também",
    "leggi anche",
    "previously:",
    "related link:",
    "relacionado:",
    "relacionada:",
    "relacionados:",
    "relacionadas:",
    "ver también",
    "vea también",
    "saiba mais",
    "ler também",
    "vedi anche",
    "leggi pure",
    "lire également",
    "à lire également",
    "sur le même sujet",
    "siehe auch",
    "lesen sie hier",
    "mehr dazu:",
    "zum thema:",
    "weiterlesen:",
    "lees ook",
    "lees meer:",
    "czytaj też",
    "czytaj także",
    "czytaj również",
    "zobacz też",
    "zobacz także",
    "läs också",
    "läs mer:",
    "les også",
    "les mer:",
    "læs også",
    "læs mere:",
    "lue myös",
    "lue lisää:",
    "читайте также",
    "по теме:",
)
