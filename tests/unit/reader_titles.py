"""The reader's view of the Mozilla corpus's titles, where it differs from Readability.js's.

Readability.js's expected titles keep the site's or the author's name ("Mozilla -
Wikipedia", "... | Eleanor Ainge Roy"); a reader wants the story's own title, as the
reading view and the library show it (reader.extract.leftovers.titles). Labelled by hand
from each page's <title>, headings and metadata; every other page's expected title stands.
"""

READER_TITLES = {
    "breitbart": "'Neutral' Snopes Fact-Checker David Emery: 'Are There Any Un-Angry Trump "
    "Supporters?'",
    "ebb-org": "On Recent Controversial Events",
    "ehow-1": "How to Build a Terrarium",
    "ehow-2": "How to Throw a Graduation Party on a Budget",
    "firefox-nightly-blog": "These Weeks in Firefox: Issue 85",
    "guardian-1": "'What is the sea telling us?': Māori tribes fearful over whale strandings",
    "iab-1": "Getting LEAN with Digital Ad UX",
    "keep-tabular-data": "Friday Facts #282 - 0.17 in sight",
    "lwn-1": "LWN.net Weekly Edition for March 26, 2015",
    "medium-3": "Samantha and The Great Big Lie",
    "mercurial": "Evolve: Shared Mutable History",
    "wikipedia": "Mozilla",
    "yahoo-4": "トレンドマイクロ、公衆無線LANを安全に使うためのアプリ"
    "「フリーWi-Fiプロテクション」（CNET Japan）",
}
