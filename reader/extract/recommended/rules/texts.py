"""Texts of labels and links: sponsor notices, promotions, utilities, comment links."""

import re

# --- Sponsored labels --------------------------------------------------------------------
# Short texts (a whole label element) that mark a block or item as paid for.
SPONSORED_LABELS = frozenset(
    {
        "ad",
        "ads",
        "advertisement",
        "advertising",
        "sponsored",
        "sponsored by",
        "sponsored content",
        "sponsored stories",
        "sponsored links",
        "promoted",
        "promoted stories",
        "promoted content",
        "paid",
        "paid content",
        "paid post",
        "paid partner",
        "partner content",
        "from our partners",
        "anzeige",
        "werbung",
        "gesponsert",
        "publicidad",
        "patrocinado",
        "patrocinada",
        "sponsorisé",
        "sponsorise",
        "publicité",
        "contenu sponsorisé",
        "pubblicità",
        "sponsorizzato",
        "publicidade",
        "conteúdo patrocinado",
    }
)
# Words in a block heading that make every story of the block sponsored.
SPONSORED_HEADING_WORDS: tuple[str, ...] = (
    "sponsored",
    "promoted",
    "paid",
    "partner",
    "sponsoris",
    "anzeige",
    "gesponsert",
    "werbung",
    "publicidad",
    "patrocinad",
    "pubblicit",
    "sponsorizzat",
    "publicidade",
)
# Longest label text (characters) read as a sponsored label.
MAX_LABEL_CHARS = 40
# A label starting with one of these and a name is a sponsor notice ("Sponsored by Acme").
SPONSORED_LEADS: tuple[str, ...] = ("sponsored by ", "ad by ", "paid by ")
# Separators of a provider line ("Ad • BetMGM", "Reuters | 2h").
PROVIDER_SEPARATORS = "•·|"

# Plain-text dumps have no markup to say "ad": these words in a title or teaser do.
PROMOTION_WORDS: tuple[str, ...] = (
    "free bets",
    "free bet",
    "promotion",
    "promo code",
    "bonus code",
    "sign-up bonus",
    "sign up bonus",
    "sponsored",
    "advertisement",
    "deposit bonus",
    "risk-free bet",
    "odds boost",
)

# Words of a link to such a fragment that make it a comment link, not a story title.
COMMENT_LINK_WORDS = frozenset(
    {
        "comment",
        "comments",
        "conversation",
        "reply",
        "replies",
        "respond",
        "discuss",
        "discussion",
        "kommentar",
        "kommentare",
        "commentaire",
        "commentaires",
        "comentarios",
        "comentários",
        "commenti",
    }
)

# A media player's controls, never the name of a story's source ("Play Video").
MEDIA_CONTROL_TEXTS = frozenset(
    {
        "play",
        "play video",
        "play audio",
        "play now",
        "watch",
        "watch video",
        "watch now",
        "video",
        "audio",
        "listen",
        "listen now",
        "pause",
        "replay",
        "now playing",
        "gallery",
        "view gallery",
        "slideshow",
    }
)

# Anchor texts that are utilities, not titles.
UTILITY_TEXTS = frozenset(
    {
        "read more",
        "more",
        "continue reading",
        "share",
        "tweet",
        "comment",
        "comments",
        "have your say",
        "reply",
        "next",
        "previous",
        "prev",
        "next post",
        "previous post",
        "older posts",
        "newer posts",
        "next article",
        "previous article",
        "see all",
        "view all",
        "see more",
        "show more",
        "load more",
        "subscribe",
        "sign up",
        "log in",
        "home",
        "read on",
        "read full story",
        "read the story",
        "read article",
        "read in english",
        "leer en inglés",
        "lire en anglais",
        "auf englisch lesen",
        "watch",
        "watch video",
        "listen",
        "video",
        "photos",
        "gallery",
        # Follow and alert buttons beside a topic ("Add to My News | Create an alert").
        "add to my news",
        "create an alert",
        # Ad widgets' notices ("What is" links to the network's explainer).
        "what is",
        "what is this",
        "what's this",
        "what's this?",
        "ad choices",
        "adchoices",
        "about these ads",
        # The site's legal and contact pages, in the languages capture reads.
        "privacy policy",
        "privacy",
        "terms of use",
        "terms and conditions",
        "cookie policy",
        "imprint",
        "contact",
        "contact us",
        "about us",
        "datenschutz",
        "datenschutzerklärung",
        "impressum",
        "kontakt",
        "agb",
        "über uns",
        "mentions légales",
        "politique de confidentialité",
        "aviso legal",
        "política de privacidad",
        "note legali",
    }
)
# Link texts that start like this are notices about the block, not stories.
LABEL_TITLE_PREFIXES: tuple[str, ...] = (
    "permalink",  # "Permalink to this comment"
    "printer friendly",
    "printer-friendly",
    "print this",
    "sponsored links",
    "promoted links",
    "ads by",
    "by taboola",
    "by outbrain",
    "powered by",  # a widget's credit to its network
    "what's this",
    "submit your",  # "Submit Your Letter to the Editor": a form, among the letters
    "view all",
    "see all",
    "more from",
    "more stories",
    "read more",
    "all stories",
    # "More about <a place or a topic>": a pointer to its page, not a headline.
    "more about ",
    "mehr zum ",
    "mehr zur ",
    "mehr über ",
    # "See all" links to the block's section in other languages.
    "ver más",
    "ver todas",
    "ver todos",
    "todas las",
    "todos los",
    "tutte le",
    "tutti gli",
    "vedi tutti",
    "vedi tutte",
    "voir tous",
    "voir toutes",
    "voir plus",
    "ver mais",
    "veja mais",
    "todas as",
    "alle artikel",
    "alle meldungen",
    "alle nachrichten",
    "mehr anzeigen",
)

# A link whose whole text is a date ("Dec. 18, 2006", "18. Dezember 2006", "12/18/2006",
# "December 2006") leads to an issue's or an archive's page, not to a story: a story's
# date sits beside its headline, never in its place. Month names start as in English,
# German, French, Spanish, Italian, Dutch and Portuguese.
_MONTH = (
    r"(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|f[ée]v|avr|juin|juil"
    r"|ao[uû]t|d[ée]c|ene|abr|ago|dic|gen|mag|giu|lug|set|ott|mrt|mei|out)[^\W\d_]*"
)
DATE_TITLE = re.compile(
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+)?{_MONTH}\.?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?\d{{4}}"
    r"|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
)

# A previous/next post's mark, printed as the first part of its link ("older", "Next").
ADJACENT_MARKS = frozenset(
    {
        "older",
        "newer",
        "previous",
        "prev",
        "next",
        "previous post",
        "next post",
        "previous article",
        "next article",
        "vorheriger beitrag",
        "nächster beitrag",
        "article précédent",
        "article suivant",
    }
)

# A card's price stands in an element of its own ("565,98 €", "$19.99", "EUR 12"): a shop's
# item. (A headline or a teaser may quote a sum, "a £673,000 fraud"; a price alone is none.)
CURRENCY_SIGNS = ("€", "£", "$", "¥", "EUR", "USD", "CHF", "GBP")
PRICE_CHARS = frozenset("0123456789.,'- \u00a0")
MAX_PRICE_CHARS = 16

# A date a list prints before each title ("11.02.2020 Was ist Handysucht?"): the sidebar
# shows the title alone.
# (Day and month, then a year of 2 or 4 digits; or ISO: a version "1.2.3" is no date.)
LEADING_DATE = re.compile(
    r"(?:\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\s*[-–|:]?\s+(?=\S)"
)
# A vendor's marketing document offered for download ("Protecting the Mobile Enterprise |
# White Paper"): a trade site's "Resources" box, not a story. (A webcast is also a post's
# subject: "Chad's Choice webcast", a labelled story.)
VENDOR_DOCUMENT = re.compile(r"\b(?:white ?papers?|data ?sheets?)\b")
