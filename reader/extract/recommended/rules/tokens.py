"""Class/id words: what names a story block, a menu, page furniture or a part of an item.

Class/id names are split into words (``jp-relatedposts`` -> jp, relatedposts;
``mostRead`` -> most, read) and compared as such.
"""

# --- Class / id tokens -------------------------------------------------------------------
# Class/id names are split into words (``jp-relatedposts`` -> jp, relatedposts;
# ``mostRead`` -> most, read). A block is a candidate when a class name contains one of
# these word sequences. Strong: almost always a story list.
BLOCK_TOKENS: tuple[str, ...] = (
    "related",
    "relatedposts",
    "related posts",
    "related stories",
    "related articles",
    "related content",
    "recommend",
    "recommended",
    "recommendations",
    "recommendation",
    "more stories",
    "morestories",
    "more news",
    "more from",
    "more in",
    "more on",
    "read next",
    "readnext",
    "whats next",
    "up next",
    "trending",
    "popular",
    "most popular",
    "most read",
    "mostread",
    "most viewed",
    "most shared",
    "most emailed",
    "recirc",
    "recirculation",
    "onward",
    "jp",  # only with relatedposts, see BLOCK_TOKEN_PAIRS
    "rp4wp",
    "yarpp",
    "crp",
    "taboola",
    "tbla",
    "trc",
    "outbrain",
    "zergnet",
    "revcontent",
    "mgid",
    "stream",
    "rail",
    "carousel",
    "latest",
    "recent posts",
    "recentposts",
    "popularposts",
    "mostpopular",
    "latestnews",
    "latest news",
    "latest posts",
    "read more",
    "readmore",
    "more articles",
    "morearticles",
    "you may like",
    "you might like",
    "youmaylike",
    "also like",
    "suggested",
    "topstories",
    "editorspicks",
    "further reading",
    "top stories",
    "editors picks",
    "dont miss",
    "also read",
    "lire aussi",
    "mehr zum thema",
    # WordPress widgets that list a site's posts: Genesis' "Featured Posts"
    # ("featured-content featuredpost") and Enfold's news box ("newsbox").
    "featuredpost",
    "newsbox",
)
# Class/id words of a shop's product grid.
PRODUCT_WORDS = frozenset({"product", "products", "shop", "store", "sku"})
# Class/id words of a run's box or cards that list what is no story: products, a calendar's
# events ("tribe-mini-calendar-event"). ("events" alone names themes too: "events-4-cols-grid"
# holds a stream of stories.)
LISTING_CLASS_WORDS = PRODUCT_WORDS | {"calendar"}
# Words of a heading over a run of teasers that name a listing, not stories: jobs, shops,
# deals, events, and talk: comments and forum threads (in the languages capture reads).
LISTING_LABEL_WORDS = frozenset(
    {
        "jobs",
        "careers",
        "pages",  # a blog's static pages ("About", "Advertise"): the site's own, no stories
        "shop",
        "store",
        "products",
        "deals",
        "events",
        "stellenangebote",
        "stellenanzeigen",
        "jobborse",
        "emplois",
        "empleos",
        "offerte",
        "angebote",
        "comments",
        "kommentare",
        "commentaires",
        "comentarios",
        "commenti",
        "reacties",
        "forum",
        "forums",
        "foren",
        "threads",
        "discussions",
        "diskussionen",
        "trackbacks",
        "pingbacks",
    }
)
# Class/id words written as one word with what they relate ("block-relatedarticle",
# "recommendedcontent"): a word starting with one of these is a strong token too.
STRONG_STEMS: tuple[str, ...] = ("related", "recommend")
# Tokens that only count next to another token (too generic alone).
WEAK_TOKENS = frozenset({"stream", "rail", "carousel", "latest", "trc", "jp", "crp", "popular"})

# Class/id words that disqualify a block: what it holds is not stories.
NEGATIVE_TOKENS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "menubar",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "tags",
        "tag",
        "tagcloud",
        "topics",
        "categories",
        "category",
        "share",
        "sharing",
        "social",
        "comment",
        "comments",
        "pagination",
        "pager",
        "searches",
        "search",
        "ticker",
        "issue",
        "issues",
        "products",
        "product",
        "shop",
        "button",
        "btn",
        "badge",
        "login",
        "subscribe",
        "newsletter",
        "author",
        "authors",
        "video",
        "videos",
        "interlanguage",
        "hatnote",
        "toc",
        "reflist",
        "references",
        "citation",
        # Archive widgets list posts by month: a calendar, not a recommendation.
        "archive",
        "archives",
        "archivedate",
    }
)

# Class/id words of containers that never hold recommendations, however they are named:
# a block inside one of them (or being one) is dropped.
FURNITURE_WORDS = frozenset(
    {
        "comment",
        "comments",
        "disqus",
        "share",
        "sharing",
        "sharebar",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "login",
        "breadcrumb",
        "breadcrumbs",
        "hatnote",
        "reflist",
        "references",
        "footnotes",
        # A forum's threads and replies are talk, not stories (bbPress: "bbp-...").
        "forum",
        "forums",
        "bbp",
        "bbpress",
        # Trackbacks and pingbacks are other blogs answering the post: talk, not stories.
        "trackback",
        "trackbacks",
        "pingback",
        "pingbacks",
    }
)

# A class name opening with one of these ranks stories by what it names ("top_comments",
# "most-shared"): a "Most commented" list, not a comment thread or a share bar.
RANKING_FIRST_WORDS = frozenset({"top", "most"})

# Class/id words of pagers. A pager holds page numbers; a list that is merely paginated
# ("td_with_ajax_pagination", a "load more" stream) holds stories, and stays a candidate.
PAGER_WORDS = frozenset({"pagination", "pager", "paginate", "pagenavi"})

# Ad-network widgets: every story in them is sponsored.
AD_NETWORK_TOKENS = frozenset(
    {
        "taboola",
        "tbla",
        "trc",
        "outbrain",
        "zergnet",
        "revcontent",
        "mgid",
        "adblade",
        "dianomi",
        "nativo",
        "plista",
        "ligatus",
        "strossle",
        "contentad",
        "crowdignite",
    }
)

# Class/id words of a box of paid stories whatever network fills it ("sponsored-content",
# "brandedContent", "native-ads"): a block, sponsored like a network's widget. (Singular
# names, "native-ad-item", "paid-post", name one card of a list: its item, not a block.)
PAID_BLOCK_TOKENS: tuple[str, ...] = (
    "sponsored content",
    "sponsored stories",
    "sponsored posts",
    "sponsored links",
    "sponsored articles",
    "promoted stories",
    "promoted content",
    "promoted links",
    "paid content",
    "paid posts",
    "branded content",
    "partner content",
    "native ads",
    "advertorials",
)

# Class names of previous/next-post links (excluded by the rules): first word one of
# these, and either alone or ending in one of the second set ("next-post", "prev-link").
ADJACENT_FIRST_WORDS = frozenset({"prev", "previous", "next", "older", "newer", "adjacent"})
ADJACENT_LAST_WORDS = frozenset(
    {"post", "posts", "article", "entry", "link", "links", "story", "page", "btn", "button"}
)

# Class/id words of a teaser and of a provider label inside a story item.
SUMMARY_TOKENS = frozenset(
    {
        "summary",
        "excerpt",
        "dek",
        "teaser",
        "description",
        "desc",
        "blurb",
        "standfirst",
        "snippet",
        "abstract",
        "intro",
        "lede",
        "subtitle",
        "content",
        "text",
    }
)
# Of those, the words that name nothing but a teaser: such an element is the summary even
# when it is short and holds digits ("Line 4,112 is my favourite"), unlike a date line.
TEASER_ONLY_TOKENS = frozenset(
    {"summary", "excerpt", "dek", "teaser", "description", "desc", "blurb", "standfirst"}
)
SOURCE_TOKENS = frozenset(
    {"source", "provider", "publisher", "outlet", "brand", "site", "sitename", "branding"}
)

# --- Menus and page furniture ------------------------------------------------------------
# ARIA roles of menus, banners and footers.
EXCLUDED_ROLES = frozenset({"navigation", "menubar", "menu", "banner", "contentinfo", "search"})
# A class name starting with one of these words names a menu or bar.
NEGATIVE_FIRST_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "footer",
        "breadcrumb",
        "breadcrumbs",
        "topbar",
        # Headline tickers and drop-down menus repeat "Latest" lists on every page.
        "ticker",
        # Archive widgets list posts by month: a calendar, not a recommendation.
        "archive",
        "archives",
        "megamenu",
        "mega",
        "dropdown",
        "offcanvas",
        "drawer",
    }
)
# First words of class names that flag a layout rather than name the element
# ("with-navbar", "has-sidebar", "no-menu", "is-sticky").
MODIFIER_WORDS = frozenset({"with", "without", "has", "no", "is", "show", "hide"})
# "megamenu", "subnav", "sidenav", "mainmenu": one word that still names a menu.
MENU_SUFFIXES = ("menu", "nav")
# A link's class starting so ("menusub", "menuitem", "navlink") names a menu's entry.
MENU_ENTRY_PREFIXES = ("menu", "nav")
# A link's class starting with one of these words names a tag's page ("tag modfont").
TAG_ENTRY_WORDS = frozenset({"tag", "tags", "taglink"})
NEGATIVE_LAST_WORDS = frozenset(
    {"nav", "navbar", "menu", "navigation", "breadcrumbs", "archive", "archives"}
)
# "site-footer" is page furniture; "content-footer" / "article-footer" often hold related rails.
FOOTER_WORD = "footer"
SITE_WORDS = frozenset({"site", "page", "global", "main", "bottom", "wp", "colophon"})
# "js-outbrain-anchor" is a script hook where a widget may appear, not the widget.
SCRIPT_HOOK_WORD = "js"
# Previous/next-post classes also end like this ("nav-previous") or are exactly "nav-next".
ADJACENT_ENDINGS = frozenset({"previous", "prev"})
ADJACENT_NAMES = frozenset({("nav", "next")})
# rel values of previous/next links.
ADJACENT_RELS = frozenset({"prev", "next"})

# --- Parts of a block and of its items --------------------------------------------------
# Class words of an element that can be a block's label ("<div class='title'>Most read").
LABEL_CLASS_WORDS = frozenset(
    {"title", "heading", "header", "head", "hed", "label", "caption", "headline", "headlines"}
)
# Class words of the parts of a link that are not its title: dates, ranks, sources,
# labels, hidden screen-reader text.
TITLE_NOISE_WORDS = frozenset(
    {
        "date",
        "time",
        "timestamp",
        "ago",
        "source",
        "provider",
        "branding",
        "brand",
        "rank",
        "number",
        "num",
        "count",
        "prefix",
        "byline",
        "author",
        "kicker",
        "eyebrow",
        "duration",
        "label",
        "badge",
        "flag",
        "sr",
        "visually",
        "dachzeile",
        "overline",
        "surtitre",
        "hidden",
        "screen",
        "icon",
        "comments",
        "comment",
        "meta",
        "category",
        "section",
        "tag",
        "cta",
        "sponsor",
        "sponsored",
    }
)
# Of those, the class words of a button ("Read more"): the title only when nothing else is.
TITLE_BUTTON_WORDS = frozenset({"cta"})
# Classes a CMS gives each post it prints, in a list as on its own page (WordPress:
# "hentry", "type-post"): a run of such cards beside the story is a list of posts.
POST_CARD_CLASSES = frozenset({"hentry", "type-post"})
# Class words of a card's byline: a list item credited to someone is a story's card.
BYLINE_CLASS_WORDS = frozenset({"byline"})
# Class words of an item's lines that are never its teaser.
NOT_SUMMARY_WORDS = frozenset(
    {"byline", "author", "date", "time", "timestamp", "meta", "source", "provider", "label"}
)
# Class words of the title part of a card link ...
TITLE_WORDS = frozenset(
    {"title", "headline", "heading", "hed", "head", "titel", "titre", "titulo", "titolo"}
)
# ... unless they also say it is the subtitle or the teaser, or the kicker above the title
# ("item__top-title": "Neues Arbeiten" over "Auf ins Metaverse").
SUMMARY_NOT_TITLE = frozenset(
    {"subtitle", "sub", "description", "desc", "summary", "dek"}
    | {"top", "pre", "super", "kicker", "eyebrow", "overline", "pretitle", "supertitle"}
)
# Class words of an item that is an ad ("sponsored-item", "ad-label": short names only).
AD_ITEM_WORDS = frozenset({"sponsored", "promoted", "advertisement", "advert", "paid"})
AD_WORD = "ad"
# First words of a CMS's state classes ("node-promoted", "node-sticky": Drupal's flags of a
# story's place on the site), which say nothing about advertising.
CMS_STATE_WORDS = frozenset({"node"})
