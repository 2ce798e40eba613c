"""Names in a page's data (JSON in scripts) that tell a list of stories and its parts."""

# Scripts holding the page's data as JSON, by id ...
DATA_SCRIPT_IDS = frozenset({"__NEXT_DATA__", "__NUXT_DATA__", "__APOLLO_STATE__"})
# ... and the global variables pages assign their state to ("window.__INITIAL_STATE__ = {").
STATE_NAMES: tuple[str, ...] = (
    "__INITIAL_STATE__",
    "__PRELOADED_STATE__",
    "__APOLLO_STATE__",
    "__INITIAL_DATA__",
    "__DATA__",
    "__STATE__",
)

# JSON-LD types that are lists of things, and types whose contents are never stories.
LIST_TYPES = frozenset({"ItemList"})
SKIPPED_TYPES = frozenset({"BreadcrumbList", "SiteNavigationElement", "WPHeader", "WPFooter"})

# Words of the key an array sits under that name it a list of stories ("relatedArticles",
# "most_popular", "readNext"), matched as word sequences of the split key.
LIST_KEY_PHRASES: tuple[str, ...] = (
    "related",
    "recommend",
    "popular",
    "trending",
    "most read",
    "most viewed",
    "latest",
    "recent",
    "read next",
    "up next",
    "more stories",
    "more articles",
    "more from",
    "more news",
    "suggested",
    "similar",
    "editors picks",
    "picks",
    "top stories",
    "stream",
    "feed",
    "outbrain",
    "taboola",
)
# Keys that only hold a list ("items", "data"): the key above them names it.
GENERIC_KEY_WORDS = frozenset(
    {
        "items",
        "item",
        "data",
        "list",
        "entries",
        "results",
        "nodes",
        "edges",
        "content",
        "stories",
        "articles",
        "posts",
        "cards",
        "elements",
        "props",
        "page",
    }
)
# Key words on the way to an array that rule it out (menus, people, tags, comments).
NEGATIVE_KEY_WORDS = frozenset(
    {
        "nav",
        "navigation",
        "menu",
        "menus",
        "footer",
        "header",
        "breadcrumb",
        "breadcrumbs",
        "tags",
        "tag",
        "topics",
        "categories",
        "authors",
        "author",
        "comments",
        "comment",
        "products",
        "images",
        "videos",
    }
)
# Key words that make every story of the list paid for.
SPONSORED_KEY_WORDS = frozenset(
    {"sponsored", "promoted", "paid", "partner", "ads", "outbrain", "taboola"}
)

# Fields of a story entry, best first.
TITLE_KEYS: tuple[str, ...] = (
    "headline",
    "title",
    "name",
    "displayTitle",
    "shortTitle",
    "seoTitle",
    "promoTitle",
)
URL_KEYS: tuple[str, ...] = (
    "url",
    "canonicalUrl",
    "canonical_url",
    "permalink",
    "href",
    "link",
    "webUrl",
    "shareUrl",
    "@id",
)
SUMMARY_KEYS: tuple[str, ...] = (
    "description",
    "dek",
    "summary",
    "excerpt",
    "teaser",
    "standfirst",
    "subheadline",
    "subtitle",
)
SOURCE_KEYS: tuple[str, ...] = ("source", "provider", "publisher", "brand", "siteName")
IMAGE_KEYS: tuple[str, ...] = (
    "image",
    "thumbnail",
    "thumbnailUrl",
    "imageUrl",
    "promoImage",
    "img",
)
# Flags of an entry that is an ad.
SPONSORED_FLAGS: tuple[str, ...] = (
    "sponsored",
    "isSponsored",
    "is_sponsored",
    "promoted",
    "isAd",
    "ad",
)
# Where some CMSs nest a text field ({"headline": {"basic": "..."}}).
NESTED_TEXT_KEYS: tuple[str, ...] = ("basic", "default", "main", "text", "name")
